//! Krippendorff's unitizing α (α_U) per document, as DKPro Statistics
//! (INCEpTION) defines it. For label c, each annotator's units of c and the
//! gaps between them tile [0, L):
//!
//! - D_o = 2/(R(R−1)L²) · Σ over annotator pairs and overlapping segment
//!   pairs of δ: (b−b′)² + (e−e′)² for two units, l² for a unit inside the
//!   other's gap, 0 otherwise;
//! - D_e = (2/L) · Σ_u [(N−1)(2l³−3l²+l)/3 + l²·Σ_{gaps g ≥ l}(g−l+1)]
//!   / [RL(RL−1) − Σ_u l(l−1)];
//! - α_U^c = 1 − D_o/D_e; overall α_U = 1 − Σ_c D_o / Σ_c D_e.
//!
//! One annotator's overlapping units of the same label are merged first
//! (the tiling needs them disjoint).

use crate::score::Score;
use crate::units::Unit;

/// D_o and D_e of one label in one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Disagreement {
    /// Observed disagreement.
    pub observed: f64,
    /// Expected disagreement.
    pub expected: f64,
}

impl Disagreement {
    /// 1 − D_o/D_e.
    pub fn alpha(&self) -> Score {
        if self.expected == 0.0 {
            Score::undefined("no expected disagreement (no units of this label)")
        } else {
            Score::of(1.0 - self.observed / self.expected)
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    unit: bool,
}

fn merged(units: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut sorted = units.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn tiling(units: &[(usize, usize)], len: usize) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut at = 0;
    for &(s, e) in units {
        if s > at {
            segments.push(Segment { start: at, end: s, unit: false });
        }
        segments.push(Segment { start: s, end: e, unit: true });
        at = e;
    }
    if at < len {
        segments.push(Segment { start: at, end: len, unit: false });
    }
    segments
}

/// D_o and D_e for one label: `per_annotator[i]` holds annotator i's units
/// of that label, `len` is the document length.
pub fn disagreement(per_annotator: &[Vec<(usize, usize)>], len: usize) -> Disagreement {
    let r = per_annotator.len();
    if r < 2 || len == 0 {
        return Disagreement { observed: 0.0, expected: 0.0 };
    }
    let units: Vec<Vec<(usize, usize)>> = per_annotator.iter().map(|u| merged(u)).collect();
    let tilings: Vec<Vec<Segment>> = units.iter().map(|u| tiling(u, len)).collect();
    let l = len as f64;
    let rf = r as f64;

    let mut observed = 0.0;
    for i in 0..r {
        for j in i + 1..r {
            observed += pair_disagreement(&tilings[i], &tilings[j]);
        }
    }
    observed *= 2.0 / (rf * (rf - 1.0) * l * l);

    let all_units: Vec<f64> = units.iter().flatten().map(|&(s, e)| (e - s) as f64).collect();
    let gaps: Vec<f64> = tilings.iter().flatten().filter(|s| !s.unit).map(|s| (s.end - s.start) as f64).collect();
    let n = all_units.len() as f64;
    let mut numerator = 0.0;
    for &lu in &all_units {
        let gap_term: f64 = gaps.iter().filter(|&&g| g >= lu).map(|&g| g - lu + 1.0).sum();
        numerator += (n - 1.0) * (2.0 * lu.powi(3) - 3.0 * lu * lu + lu) / 3.0 + lu * lu * gap_term;
    }
    let denominator = rf * l * (rf * l - 1.0) - all_units.iter().map(|&lu| lu * (lu - 1.0)).sum::<f64>();
    let expected = if denominator == 0.0 { 0.0 } else { (2.0 / l) * numerator / denominator };
    Disagreement { observed, expected }
}

fn pair_disagreement(a: &[Segment], b: &[Segment]) -> f64 {
    let mut sum = 0.0;
    // Both tilings are sorted; walk them together over overlapping pairs.
    let mut j0 = 0;
    for s in a {
        while j0 < b.len() && b[j0].end <= s.start {
            j0 += 1;
        }
        let mut j = j0;
        while j < b.len() && b[j].start < s.end {
            let t = &b[j];
            sum += match (s.unit, t.unit) {
                (true, true) => {
                    let db = s.start as f64 - t.start as f64;
                    let de = s.end as f64 - t.end as f64;
                    db * db + de * de
                }
                (true, false) if t.start <= s.start && s.end <= t.end => ((s.end - s.start) as f64).powi(2),
                (false, true) if s.start <= t.start && t.end <= s.end => ((t.end - t.start) as f64).powi(2),
                _ => 0.0,
            };
            j += 1;
        }
    }
    sum
}

/// α_U of one document for `labels` labels: per label and overall
/// (1 − ΣD_o/ΣD_e). `annotators[i]` holds annotator i's units.
pub fn document_alpha(annotators: &[&[Unit]], len: usize, labels: usize) -> (Vec<Score>, Score) {
    let mut per_label = Vec::with_capacity(labels);
    let (mut observed, mut expected) = (0.0, 0.0);
    for label in 0..labels {
        let per: Vec<Vec<(usize, usize)>> = annotators
            .iter()
            .map(|units| units.iter().filter(|u| u.label == label).map(|u| (u.start, u.end)).collect())
            .collect();
        let d = disagreement(&per, len);
        observed += d.observed;
        expected += d.expected;
        per_label.push(d.alpha());
    }
    let overall = if expected == 0.0 {
        Score::undefined("no units in this document")
    } else {
        Score::of(1.0 - observed / expected)
    };
    (per_label, overall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_s() {
        // Labels: executive 0, product 1, event 2, metric 3; 32 characters.
        let u = |s, e, l| Unit { start: s, end: e, label: l };
        let a = [u(5, 8, 0), u(9, 14, 2), u(17, 23, 1), u(28, 31, 3)];
        let b = [u(0, 2, 1), u(5, 8, 0), u(11, 14, 2), u(17, 23, 1), u(25, 31, 3)];
        let (per, overall) = document_alpha(&[&a, &b], 32, 4);
        let close = |x: Score, y: f64| (x.value - y).abs() < 1e-12;
        assert!(close(per[0], 1.0), "{per:?}");
        assert!(close(per[1], 0.9110025107604017), "{per:?}");
        assert!(close(per[2], 0.8333055925432756), "{per:?}");
        assert!(close(per[3], 0.7335526315789473), "{per:?}");
        assert!(close(overall, 0.8551535161796009), "{overall:?}");
    }
}
