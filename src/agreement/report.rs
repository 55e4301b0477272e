//! Every measure over a study, for the CLI, the review window and the golden tests.

use serde::Serialize;

use crate::agreement::cohen::CohenTable;
use crate::agreement::exact::{PairMatch, exact_match, iob2_entity_match};
use crate::agreement::fleiss::FleissTable;
use crate::agreement::krippendorff::AlphaTable;
use crate::agreement::overlap::overlap_match;
use crate::agreement::unitizing::document_alpha;
use crate::agreement::{PerLabel, Score, Study, mean_defined, tags};

/// Agreement of one annotator pair (A is the reference, B the prediction).
#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    /// Annotator A.
    pub a: String,
    /// Annotator B.
    pub b: String,
    /// Documents both finished.
    pub documents: usize,
    /// Exact span match.
    pub exact: PairMatch,
    /// Overlap match.
    pub overlap: PairMatch,
    /// Strict entity match over IOB2 character tags (seqeval's figure).
    pub iob2_entities: PairMatch,
    /// Cohen's κ over IOB2 character tags.
    pub cohen_iob2: Score,
    /// Cohen's κ per label over inside/outside tags.
    pub cohen_per_label: PerLabel,
}

/// How much one document's annotators disagree.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentDisagreement {
    /// Document id.
    pub document: String,
    /// Distinct (start, end, label) spans that not every annotator has.
    pub disputed_spans: usize,
    /// Distinct spans in all.
    pub spans: usize,
    /// α_U of the document.
    pub alpha_u: Score,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct StudyReport {
    /// Annotators compared.
    pub annotators: Vec<String>,
    /// Labels.
    pub labels: Vec<String>,
    /// Documents in the study.
    pub documents: usize,
    /// Documents finished by every annotator compared.
    pub documents_all_done: usize,
    /// One entry per annotator pair.
    pub pairs: Vec<PairReport>,
    /// Fleiss' κ over IOB2 character tags (three or more annotators).
    pub fleiss_iob2: Score,
    /// Fleiss' κ per label (three or more annotators).
    pub fleiss_per_label: PerLabel,
    /// Krippendorff's α (nominal) over IOB2 character tags; unfinished documents are missing.
    pub alpha_iob2: Score,
    /// Krippendorff's α per label.
    pub alpha_per_label: PerLabel,
    /// Unweighted mean over documents of α_U (overall).
    pub alpha_u: Score,
    /// Unweighted mean over documents of α_U per label.
    pub alpha_u_per_label: PerLabel,
    /// Documents, most disagreement first.
    pub by_document: Vec<DocumentDisagreement>,
}

/// Computes every measure.
pub fn study_report(study: &Study) -> StudyReport {
    let all: Vec<usize> = (0..study.annotators.len()).collect();
    let mut pairs = Vec::new();
    for a in 0..all.len() {
        for b in a + 1..all.len() {
            pairs.push(pair_report(study, a, b));
        }
    }
    let (fleiss_iob2, fleiss_per_label) = fleiss(study, &all);
    let (alpha_iob2, alpha_per_label) = alpha(study, &all);
    let (alpha_u, alpha_u_per_label, by_document) = unitizing(study, &all);
    StudyReport {
        annotators: study.annotators.clone(),
        labels: study.labels.clone(),
        documents: study.docs.len(),
        documents_all_done: study.docs_done_by(&all).count(),
        pairs,
        fleiss_iob2,
        fleiss_per_label,
        alpha_iob2,
        alpha_per_label,
        alpha_u,
        alpha_u_per_label,
        by_document,
    }
}

fn pair_report(study: &Study, a: usize, b: usize) -> PairReport {
    let mut iob = CohenTable::default();
    let mut per_label = vec![CohenTable::default(); study.labels.len()];
    let mut documents = 0;
    for doc in study.docs_done_by(&[a, b]) {
        documents += 1;
        let (ua, ub) = (study.units(doc, a), study.units(doc, b));
        iob.add(&tags::iob2(ua, doc.len), &tags::iob2(ub, doc.len));
        for (label, table) in per_label.iter_mut().enumerate() {
            table.add(&tags::binary(ua, doc.len, label), &tags::binary(ub, doc.len, label));
        }
    }
    PairReport {
        a: study.annotators[a].clone(),
        b: study.annotators[b].clone(),
        documents,
        exact: exact_match(study, a, b),
        overlap: overlap_match(study, a, b),
        iob2_entities: iob2_entity_match(study, a, b),
        cohen_iob2: iob.kappa(),
        cohen_per_label: study.labels.iter().cloned().zip(per_label.iter().map(CohenTable::kappa)).collect(),
    }
}

// Items are characters; consecutive characters with the same ratings are added as one run.
fn for_each_run(columns: &[Vec<u32>], len: usize, mut f: impl FnMut(&[u32], u64)) {
    let mut i = 0;
    let mut ratings = vec![0; columns.len()];
    while i < len {
        for (r, c) in ratings.iter_mut().zip(columns) {
            *r = c[i];
        }
        let mut j = i + 1;
        while j < len && columns.iter().zip(&ratings).all(|(c, r)| c[j] == *r) {
            j += 1;
        }
        f(&ratings, (j - i) as u64);
        i = j;
    }
}

fn fleiss(study: &Study, who: &[usize]) -> (Score, PerLabel) {
    let too_few = || Score::undefined("Fleiss' κ needs three or more annotators");
    if who.len() < 3 {
        return (too_few(), study.labels.iter().map(|l| (l.clone(), too_few())).collect());
    }
    let mut iob = FleissTable::default();
    let mut per_label = vec![FleissTable::default(); study.labels.len()];
    for doc in study.docs_done_by(who) {
        let columns: Vec<Vec<u32>> = who.iter().map(|&a| tags::iob2(study.units(doc, a), doc.len)).collect();
        for_each_run(&columns, doc.len, |r, n| iob.add_items(r, n));
        for (label, table) in per_label.iter_mut().enumerate() {
            let columns: Vec<Vec<u32>> =
                who.iter().map(|&a| tags::binary(study.units(doc, a), doc.len, label)).collect();
            for_each_run(&columns, doc.len, |r, n| table.add_items(r, n));
        }
    }
    (iob.kappa(), study.labels.iter().cloned().zip(per_label.iter().map(FleissTable::kappa)).collect())
}

fn alpha(study: &Study, who: &[usize]) -> (Score, PerLabel) {
    let mut iob = AlphaTable::default();
    let mut per_label = vec![AlphaTable::default(); study.labels.len()];
    for doc in &study.docs {
        // Only annotators who finished the document give values; the others are missing.
        let done: Vec<usize> = who.iter().copied().filter(|&a| doc.units.get(a).is_some_and(Option::is_some)).collect();
        let columns: Vec<Vec<u32>> = done.iter().map(|&a| tags::iob2(study.units(doc, a), doc.len)).collect();
        for_each_run(&columns, doc.len, |r, n| iob.add_units(r, n));
        for (label, table) in per_label.iter_mut().enumerate() {
            let columns: Vec<Vec<u32>> =
                done.iter().map(|&a| tags::binary(study.units(doc, a), doc.len, label)).collect();
            for_each_run(&columns, doc.len, |r, n| table.add_units(r, n));
        }
    }
    (iob.alpha(), study.labels.iter().cloned().zip(per_label.iter().map(AlphaTable::alpha)).collect())
}

fn unitizing(study: &Study, who: &[usize]) -> (Score, PerLabel, Vec<DocumentDisagreement>) {
    let mut overall = Vec::new();
    let mut per_label: Vec<Vec<Score>> = vec![Vec::new(); study.labels.len()];
    let mut by_document = Vec::new();
    for doc in &study.docs {
        let done: Vec<usize> = who.iter().copied().filter(|&a| doc.units.get(a).is_some_and(Option::is_some)).collect();
        if done.len() < 2 {
            continue;
        }
        let units: Vec<&[crate::agreement::Unit]> = done.iter().map(|&a| study.units(doc, a)).collect();
        let (labels, doc_alpha) = if doc.len == 0 {
            (vec![Score::undefined("empty document"); study.labels.len()], Score::undefined("empty document"))
        } else {
            document_alpha(&units, doc.len, study.labels.len())
        };
        overall.push(doc_alpha);
        for (l, s) in labels.into_iter().enumerate() {
            per_label[l].push(s);
        }
        let mut distinct: std::collections::BTreeMap<crate::agreement::Unit, usize> = Default::default();
        for u in &units {
            let unique: std::collections::BTreeSet<_> = u.iter().collect();
            for x in unique {
                *distinct.entry(*x).or_default() += 1;
            }
        }
        by_document.push(DocumentDisagreement {
            document: doc.id.clone(),
            disputed_spans: distinct.values().filter(|&&n| n < done.len()).count(),
            spans: distinct.len(),
            alpha_u: doc_alpha,
        });
    }
    by_document.sort_by(|x, y| {
        y.disputed_spans
            .cmp(&x.disputed_spans)
            .then(x.alpha_u.value.partial_cmp(&y.alpha_u.value).unwrap_or(std::cmp::Ordering::Equal))
            .then(x.document.cmp(&y.document))
    });
    let per: PerLabel = study.labels.iter().cloned().zip(per_label.into_iter().map(mean_defined)).collect();
    (mean_defined(overall), per, by_document)
}
