//! Cohen's κ for two raters over the same items (characters), as
//! scikit-learn's `cohen_kappa_score`: κ = 1 − Σ_{i≠j} C_ij / Σ_{i≠j} E_ij with
//! C the confusion matrix and E_ij = row_i · col_j / n.

use std::collections::BTreeMap;

use crate::score::Score;

/// Accumulates paired ratings, so long studies need no big vectors.
#[derive(Debug, Clone, Default)]
pub struct CohenTable {
    // (rating a, rating b) → count; a handful of distinct pairs, so a small vector.
    pairs: Vec<((u32, u32), u64)>,
    n: u64,
}

impl CohenTable {
    /// Adds the paired ratings `a[i]`, `b[i]`.
    pub fn add(&mut self, a: &[u32], b: &[u32]) {
        // Runs of equal pairs are common (long "O" stretches): count runs, not characters.
        let mut i = 0;
        while i < a.len().min(b.len()) {
            let key = (a[i], b[i]);
            let mut j = i + 1;
            while j < a.len().min(b.len()) && (a[j], b[j]) == key {
                j += 1;
            }
            match self.pairs.iter_mut().find(|(k, _)| *k == key) {
                Some((_, count)) => *count += (j - i) as u64,
                None => self.pairs.push((key, (j - i) as u64)),
            }
            self.n += (j - i) as u64;
            i = j;
        }
    }

    /// Adds everything `other` holds (for tables filled in parallel).
    pub fn merge(&mut self, other: &CohenTable) {
        for &(key, count) in &other.pairs {
            match self.pairs.iter_mut().find(|(k, _)| *k == key) {
                Some((_, c)) => *c += count,
                None => self.pairs.push((key, count)),
            }
        }
        self.n += other.n;
    }

    /// κ of everything added.
    pub fn kappa(&self) -> Score {
        if self.n == 0 {
            return Score::undefined("no items");
        }
        let mut rows: BTreeMap<u32, f64> = BTreeMap::new();
        let mut cols: BTreeMap<u32, f64> = BTreeMap::new();
        let mut observed_disagreement = 0.0;
        for &((x, y), count) in &self.pairs {
            *rows.entry(x).or_default() += count as f64;
            *cols.entry(y).or_default() += count as f64;
            if x != y {
                observed_disagreement += count as f64;
            }
        }
        let n = self.n as f64;
        let mut expected_disagreement = 0.0;
        for (x, r) in &rows {
            for (y, c) in &cols {
                if x != y {
                    expected_disagreement += r * c / n;
                }
            }
        }
        if expected_disagreement == 0.0 {
            return Score::undefined("a single category: chance agreement is 1");
        }
        Score::of(1.0 - observed_disagreement / expected_disagreement)
    }
}

/// κ of two rating sequences.
pub fn cohen_kappa(a: &[u32], b: &[u32]) -> Score {
    let mut t = CohenTable::default();
    t.add(a, b);
    t.kappa()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_c() {
        // exe=0 prod=1 event=2 metric=3
        let a = [0, 0, 1, 1, 2, 3, 1, 0, 2, 3];
        let b = [0, 1, 1, 1, 2, 3, 2, 0, 2, 0];
        let k = cohen_kappa(&a, &b).value;
        assert!((k - 0.5945945945945945).abs() < 1e-12, "{k}");
    }

    #[test]
    fn edge_cases_match_sklearn() {
        assert!(!cohen_kappa(&[0, 0, 0], &[0, 0, 0]).is_defined());
        assert!((cohen_kappa(&[0, 1], &[1, 0]).value + 1.0).abs() < 1e-12);
        // sklearn: cohen_kappa_score([0,0,1,1,0], [0,0,1,1,2]) == 0.6666666666666667
        assert!((cohen_kappa(&[0, 0, 1, 1, 0], &[0, 0, 1, 1, 2]).value - 0.6666666666666667).abs() < 1e-12);
    }
}
