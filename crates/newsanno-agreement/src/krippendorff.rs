//! Krippendorff's α, nominal, with missing values, as the `krippendorff`
//! package with `level_of_measurement="nominal"`: a coincidence matrix over
//! units with at least two values (each pair weighted 1/(m_u − 1)),
//! α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.

use std::collections::BTreeMap;

use crate::score::Score;

/// Accumulates units (the values the coders gave; missing ones left out).
#[derive(Debug, Clone, Default)]
pub struct AlphaTable {
    // o[(c, k)] for c != k, and n_c.
    disagree: f64,
    totals: BTreeMap<u32, f64>,
    values_seen: BTreeMap<u32, ()>,
}

impl AlphaTable {
    /// Adds one unit; `values` are the non-missing values given to it.
    pub fn add_unit(&mut self, values: &[u32]) {
        self.add_units(values, 1);
    }

    /// Adds `times` identical units at once (long runs of "O" are common).
    pub fn add_units(&mut self, values: &[u32], times: u64) {
        if times == 0 {
            return;
        }
        for &v in values {
            self.values_seen.entry(v).or_insert(());
        }
        let m = values.len();
        if m < 2 {
            return;
        }
        // Distinct values and their counts in this unit (m is small: one per annotator).
        let mut counts: Vec<(u32, f64)> = Vec::with_capacity(m);
        for &v in values {
            match counts.iter_mut().find(|(x, _)| *x == v) {
                Some((_, n)) => *n += 1.0,
                None => counts.push((v, 1.0)),
            }
        }
        let t = times as f64;
        let w = 1.0 / (m as f64 - 1.0);
        // Pairs of values from different coders: n_c·(m − n_c) of them disagree for value c.
        for (c, nc) in counts {
            *self.totals.entry(c).or_default() += t * nc;
            self.disagree += t * nc * (m as f64 - nc) * w;
        }
    }

    /// Adds everything `other` holds (for tables filled in parallel).
    pub fn merge(&mut self, other: &AlphaTable) {
        self.disagree += other.disagree;
        for (&c, &n) in &other.totals {
            *self.totals.entry(c).or_default() += n;
        }
        for &v in other.values_seen.keys() {
            self.values_seen.insert(v, ());
        }
    }

    /// α of everything added.
    pub fn alpha(&self) -> Score {
        if self.values_seen.len() < 2 {
            return Score::undefined("fewer than two distinct values: α is not defined");
        }
        let n: f64 = self.totals.values().sum();
        if n <= 1.0 {
            return Score::undefined("no unit has two values");
        }
        let squares: f64 = self.totals.values().map(|x| x * x).sum();
        let expected = n * n - squares;
        if expected == 0.0 {
            return Score::undefined("a single category among paired values");
        }
        Score::of(1.0 - (n - 1.0) * self.disagree / expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_examples_k_and_f() {
        // exe=0 prod=1 event=2 metric=3; units as columns.
        let mut t = AlphaTable::default();
        for unit in [&[0, 0][..], &[0, 1, 1], &[3, 3], &[1, 1, 1], &[2, 2], &[0]] {
            t.add_unit(unit);
        }
        assert!((t.alpha().value - 0.7843137254901961).abs() < 1e-12, "{:?}", t.alpha());
        let mut f = AlphaTable::default();
        for unit in [[0, 0, 0], [1, 1, 2], [2, 2, 2], [3, 1, 3], [1, 0, 2]] {
            f.add_unit(&unit);
        }
        assert!((f.alpha().value - 0.4024390243902439).abs() < 1e-12);
    }

    #[test]
    fn repeated_units_equal_adding_them_one_by_one() {
        let mut a = AlphaTable::default();
        let mut b = AlphaTable::default();
        a.add_units(&[0, 0, 1], 5);
        a.add_units(&[1, 1], 3);
        for _ in 0..5 {
            b.add_unit(&[0, 0, 1]);
        }
        for _ in 0..3 {
            b.add_unit(&[1, 1]);
        }
        assert!((a.alpha().value - b.alpha().value).abs() < 1e-12);
    }
}
