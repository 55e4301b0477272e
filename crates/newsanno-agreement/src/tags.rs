//! Character tags from spans: IOB2 over all labels, and inside/outside per label.
//!
//! IOB2 cannot hold overlapping spans, so for the IOB2 sequence the longer
//! span wins where two overlap (then the earlier, then the lower label index);
//! characters of a span already covered are left to the winner, and a span
//! whose first character is taken starts with `I-` of its own label only
//! where it continues uncovered. The per-label binary tags keep every span.

use crate::units::Unit;

/// Tag code for "outside".
pub const OUTSIDE: u32 = 0;

/// `B-label` code.
pub fn begin(label: usize) -> u32 {
    1 + 2 * label as u32
}

/// `I-label` code.
pub fn inside(label: usize) -> u32 {
    2 + 2 * label as u32
}

/// IOB2 tags of a document of `len` code points.
pub fn iob2(units: &[Unit], len: usize) -> Vec<u32> {
    let mut tags = vec![OUTSIDE; len];
    let mut order: Vec<&Unit> = units.iter().filter(|u| u.start < u.end && u.end <= len).collect();
    order.sort_by_key(|u| (std::cmp::Reverse(u.end - u.start), u.start, u.label));
    let mut taken = vec![false; len];
    for u in order {
        let mut first = true;
        for i in u.start..u.end {
            if taken[i] {
                first = false;
                continue;
            }
            taken[i] = true;
            tags[i] = if first { begin(u.label) } else { inside(u.label) };
            first = false;
        }
    }
    tags
}

/// 1 where a character is inside any span of `label`, else 0.
pub fn binary(units: &[Unit], len: usize, label: usize) -> Vec<u32> {
    let mut tags = vec![0; len];
    for u in units.iter().filter(|u| u.label == label && u.end <= len) {
        tags[u.start..u.end].iter_mut().for_each(|t| *t = 1);
    }
    tags
}

/// Entities of an IOB2 sequence read strictly (as seqeval's strict IOB2 mode):
/// an entity starts at `B-X` and continues over following `I-X`; an `I-X`
/// without a preceding `B-X`/`I-X` starts nothing.
pub fn entities(tags: &[u32]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let t = tags[i];
        if t != OUTSIDE && t % 2 == 1 {
            let label = ((t - 1) / 2) as usize;
            let mut end = i + 1;
            while end < tags.len() && tags[end] == inside(label) {
                end += 1;
            }
            out.push(Unit { start: i, end, label });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_span_wins_in_iob2_and_binary_keeps_both() {
        let units = [Unit { start: 1, end: 5, label: 0 }, Unit { start: 2, end: 3, label: 1 }];
        assert_eq!(iob2(&units, 6), [0, begin(0), inside(0), inside(0), inside(0), 0]);
        assert_eq!(binary(&units, 6, 1), [0, 0, 1, 0, 0, 0]);
        assert_eq!(entities(&iob2(&units, 6)), [Unit { start: 1, end: 5, label: 0 }]);
    }

    #[test]
    fn adjacent_same_label_spans_stay_apart() {
        let units = [Unit { start: 0, end: 2, label: 0 }, Unit { start: 2, end: 4, label: 0 }];
        let tags = iob2(&units, 4);
        assert_eq!(tags, [begin(0), inside(0), begin(0), inside(0)]);
        assert_eq!(entities(&tags).len(), 2);
    }
}
