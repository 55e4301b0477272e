//! Exact span match: a span is (document, start, end, label); annotator A is
//! the reference and B the prediction: P = |A∩B| / |B|, R = |A∩B| / |A|,
//! F1 = 2|A∩B| / (|A| + |B|). Both sides empty → undefined.

use serde::Serialize;

use crate::score::{PerLabel, Score, mean_defined};
use crate::units::{Study, Unit};

/// Counts behind P, R and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Matched spans.
    pub matched: usize,
    /// Spans of the reference (A).
    pub reference: usize,
    /// Spans of the prediction (B).
    pub predicted: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.matched += o.matched;
        self.reference += o.reference;
        self.predicted += o.predicted;
    }
}

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Matched / predicted.
    pub precision: Score,
    /// Matched / reference.
    pub recall: Score,
    /// 2·matched / (reference + predicted).
    pub f1: Score,
}

impl Prf {
    /// P, R, F1 of span counts `c`.
    pub fn from_counts(c: Counts) -> Self {
        Prf::from_counts_of(c, "spans")
    }

    /// P, R, F1 of counts of `what` (`"spans"` or `"relations"`, named when a value is undefined).
    pub fn from_counts_of(c: Counts, what: &'static str) -> Self {
        let m = c.matched as f64;
        let (no_predicted, no_reference, none) = match what {
            "relations" => ("no predicted relations", "no reference relations", "both sides have no relations"),
            _ => ("no predicted spans", "no reference spans", "both sides have no spans"),
        };
        Prf {
            precision: Score::ratio(m, c.predicted as f64, no_predicted),
            recall: Score::ratio(m, c.reference as f64, no_reference),
            f1: Score::ratio(2.0 * m, (c.reference + c.predicted) as f64, none),
        }
    }
}

/// Agreement of one annotator pair: micro (all labels), per label, macro (mean of defined per-label F1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairMatch {
    /// Over all labels.
    pub micro: Prf,
    /// Counts over all labels.
    pub counts: Counts,
    /// F1 per label.
    pub per_label: PerLabel,
    /// Mean of the defined per-label F1 values.
    pub macro_f1: Score,
}

/// Per-label counts → the pair's report.
pub fn pair_from_counts(study: &Study, per_label: &[Counts]) -> PairMatch {
    let mut total = Counts::default();
    per_label.iter().for_each(|c| total += *c);
    let per: PerLabel =
        study.labels.iter().zip(per_label).map(|(name, c)| (name.clone(), Prf::from_counts(*c).f1)).collect();
    PairMatch {
        micro: Prf::from_counts(total),
        counts: total,
        macro_f1: mean_defined(per.values().copied()),
        per_label: per,
    }
}

/// Adds one document's exact-match counts per label. Both slices must be
/// sorted and free of duplicates (as [`crate::units::Study`] units and
/// [`crate::tags::entities`] are), so a merge finds the matches without hashing.
pub fn count_exact(a: &[Unit], b: &[Unit], counts: &mut [Counts]) {
    count_matches(a, b, |u| u.label, counts);
}

/// Counts the items of `a` (reference) and `b` (prediction) and those in
/// both, per class (`class` gives an item's index into `counts`). Both slices
/// must be sorted and free of duplicates: one merge pass finds the matches.
pub fn count_matches<T: Ord>(a: &[T], b: &[T], class: impl Fn(&T) -> usize, counts: &mut [Counts]) {
    debug_assert!(a.windows(2).all(|w| w[0] < w[1]) && b.windows(2).all(|w| w[0] < w[1]));
    a.iter().for_each(|x| counts[class(x)].reference += 1);
    b.iter().for_each(|x| counts[class(x)].predicted += 1);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                counts[class(&a[i])].matched += 1;
                i += 1;
                j += 1;
            }
        }
    }
}
