//! Overlap match: two spans match when they have the same label and share
//! at least one character; spans are paired one-to-one with as many pairs as
//! possible (a maximum bipartite matching per document and label), then
//! P, R and F1 as for exact match.

use crate::exact::Counts;
use crate::units::Unit;

/// Adds one document's overlap-match counts per label.
pub fn count_overlap(a: &[Unit], b: &[Unit], counts: &mut [Counts]) {
    for (label, c) in counts.iter_mut().enumerate() {
        let ua: Vec<&Unit> = a.iter().filter(|u| u.label == label).collect();
        let ub: Vec<&Unit> = b.iter().filter(|u| u.label == label).collect();
        c.reference += ua.len();
        c.predicted += ub.len();
        if !ua.is_empty() && !ub.is_empty() {
            c.matched += maximum_matching(&ua, &ub);
        }
    }
}

// Kuhn's augmenting paths: sizes here are tens of spans per document and label.
fn maximum_matching(a: &[&Unit], b: &[&Unit]) -> usize {
    let edges: Vec<Vec<usize>> =
        a.iter().map(|x| (0..b.len()).filter(|&j| x.start < b[j].end && b[j].start < x.end).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; b.len()];
    let mut matched = 0;
    for i in 0..a.len() {
        let mut seen = vec![false; b.len()];
        if augment(i, &edges, &mut owner, &mut seen) {
            matched += 1;
        }
    }
    matched
}

fn augment(i: usize, edges: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &j in &edges[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        if owner[j].is_none_or(|k| augment(k, edges, owner, seen)) {
            owner[j] = Some(i);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_is_one_to_one_and_maximal() {
        let u = |s, e| Unit { start: s, end: e, label: 0 };
        // A greedy pairing of a0 with b0 would leave a1 unmatched; the maximum is 2.
        let a = [u(0, 10), u(8, 9)];
        let b = [u(8, 9), u(0, 2)];
        let a: Vec<&Unit> = a.iter().collect();
        let b: Vec<&Unit> = b.iter().collect();
        assert_eq!(maximum_matching(&a, &b), 2);
        // One long span overlapping two: only one pair.
        let a2 = [u(0, 10)];
        let a2: Vec<&Unit> = a2.iter().collect();
        assert_eq!(maximum_matching(&a2, &b), 1);
    }
}
