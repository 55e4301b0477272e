//! Fleiss' κ for a fixed number of raters per item, as statsmodels'
//! `fleiss_kappa(aggregate_raters(data)[0])`: P̄ = mean over items of
//! (Σ_k n_ik² − n)/(n(n−1)), P̄_e = Σ_k p_k², κ = (P̄ − P̄_e)/(1 − P̄_e).

use std::collections::BTreeMap;

use crate::score::Score;

/// Accumulates items (each a set of ratings from the same number of raters).
#[derive(Debug, Clone, Default)]
pub struct FleissTable {
    raters: usize,
    items: u64,
    agreement_sum: f64,
    category_totals: BTreeMap<u32, u64>,
}

impl FleissTable {
    /// Adds one item rated by every rater.
    pub fn add_item(&mut self, ratings: &[u32]) {
        self.add_items(ratings, 1);
    }

    /// Adds `times` items with the same ratings (long runs of "O" are common).
    pub fn add_items(&mut self, ratings: &[u32], times: u64) {
        let n = ratings.len();
        self.raters = n;
        let mut counts: Vec<(u32, u64)> = Vec::with_capacity(n);
        for &r in ratings {
            match counts.iter_mut().find(|(x, _)| *x == r) {
                Some((_, c)) => *c += 1,
                None => counts.push((r, 1)),
            }
            *self.category_totals.entry(r).or_default() += times;
        }
        let sq: u64 = counts.iter().map(|(_, c)| c * c).sum();
        if n > 1 {
            self.agreement_sum += times as f64 * (sq as f64 - n as f64) / (n as f64 * (n as f64 - 1.0));
        }
        self.items += times;
    }

    /// Adds everything `other` holds (for tables filled in parallel).
    pub fn merge(&mut self, other: &FleissTable) {
        if other.items > 0 {
            self.raters = other.raters;
        }
        self.items += other.items;
        self.agreement_sum += other.agreement_sum;
        for (&c, &n) in &other.category_totals {
            *self.category_totals.entry(c).or_default() += n;
        }
    }

    /// κ of everything added.
    pub fn kappa(&self) -> Score {
        if self.items == 0 {
            return Score::undefined("no items");
        }
        if self.raters < 2 {
            return Score::undefined("fewer than two raters");
        }
        let total = (self.items * self.raters as u64) as f64;
        let p_mean = self.agreement_sum / self.items as f64;
        let p_exp: f64 = self.category_totals.values().map(|&c| (c as f64 / total).powi(2)).sum();
        if 1.0 - p_exp == 0.0 {
            return Score::undefined("a single category: chance agreement is 1");
        }
        Score::of((p_mean - p_exp) / (1.0 - p_exp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_f() {
        let items = [[0, 0, 0], [1, 1, 2], [2, 2, 2], [3, 1, 3], [1, 0, 2]];
        let mut t = FleissTable::default();
        items.iter().for_each(|i| t.add_item(i));
        assert!((t.kappa().value - 0.35975609756097554).abs() < 1e-12, "{:?}", t.kappa());
    }
}
