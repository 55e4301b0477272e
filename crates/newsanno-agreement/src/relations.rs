//! Relation exact match. A relation is (document, from span, to span, type),
//! each span (start, end, label): two relations match when both ends match
//! exactly, the type is the same and, for a directed type, the direction too
//! (a symmetric type's ends are put in order first). Annotator A is the
//! reference and B the prediction: P = |A∩B| / |B|, R = |A∩B| / |A|,
//! F1 = 2|A∩B| / (|A| + |B|), micro over all types and per type.

use serde::Serialize;

use crate::exact::{Counts, Prf};
use crate::score::PerLabel;
use crate::units::Study;
// Their home is `units`; named here too, where a relation's reader looks.
pub use crate::units::{RelationUnit, StudyRelationType};

/// Relation agreement of one annotator pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationMatch {
    /// Over all types.
    pub micro: Prf,
    /// F1 per type.
    pub per_type: PerLabel,
    /// Counts over all types.
    pub counts: Counts,
}

/// Adds one document's relation matches per type. Both slices must be sorted
/// and free of duplicates.
pub fn count_relations(a: &[RelationUnit], b: &[RelationUnit], counts: &mut [Counts]) {
    crate::exact::count_matches(a, b, |r| r.kind, counts);
}

/// Per-type counts → the pair's relation report.
pub fn relation_match(study: &Study, per_type: &[Counts]) -> RelationMatch {
    let mut total = Counts::default();
    per_type.iter().for_each(|c| total += *c);
    RelationMatch {
        micro: Prf::from_counts_of(total, "relations"),
        per_type: study
            .relation_types
            .iter()
            .zip(per_type)
            .map(|(t, c)| (t.name.clone(), Prf::from_counts_of(*c, "relations").f1))
            .collect(),
        counts: total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Unit;

    #[test]
    fn direction_counts_only_for_directed_types() {
        let u = |start, end, label| Unit { start, end, label };
        let (zhang, aliyun, alias_name) = (u(0, 2, 0), u(3, 6, 1), u(8, 11, 0));
        let leads = |f, t| RelationUnit::new(f, t, 0, true);
        let alias = |f, t| RelationUnit::new(f, t, 1, false);
        let mut a = vec![leads(zhang, aliyun), alias(alias_name, zhang)];
        let mut b = vec![leads(aliyun, zhang), alias(zhang, alias_name)];
        a.sort();
        b.sort();
        let mut counts = vec![Counts::default(); 2];
        count_relations(&a, &b, &mut counts);
        assert_eq!(counts[0], Counts { matched: 0, reference: 1, predicted: 1 });
        assert_eq!(counts[1], Counts { matched: 1, reference: 1, predicted: 1 });
    }
}
