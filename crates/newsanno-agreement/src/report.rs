//! Every measure over a study, for the CLI, the review window and the golden tests.

use serde::Serialize;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::cohen::CohenTable;
use crate::exact::{Counts, PairMatch, count_exact, pair_from_counts};
use crate::fleiss::FleissTable;
use crate::krippendorff::AlphaTable;
use crate::overlap::count_overlap;
use crate::relations::{RelationMatch, count_relations, relation_match};
use crate::score::{PerLabel, Score, mean_defined};
use crate::tags;
use crate::unitizing::document_alpha;
use crate::units::{Study, StudyDoc, Unit};

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
    /// Relation exact match.
    pub relations: RelationMatch,
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
    /// α_U of the document per label.
    pub alpha_u_per_label: PerLabel,
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
    /// Relation types compared.
    pub relation_types: Vec<String>,
    /// Mean over pairs of the relation micro F1.
    pub relations_f1: Score,
    /// Agreement on document categories, per category (see [`crate::categories`]).
    pub categories: Vec<crate::categories::CategoryAgreement>,
}

/// Computes every measure in one pass over the documents: each annotator's
/// tags are built once per document and shared by every pair and measure.
/// Documents are split over the cores and the partial tables merged.
pub fn study_report(study: &Study) -> StudyReport {
    let n = study.annotators.len();
    let labels = study.labels.len();
    let pairs: Vec<(usize, usize)> = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).collect();
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()).clamp(1, 8);
    let chunk = study.docs.len().div_ceil(threads).max(1);
    let parts: Vec<Acc> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            study.docs.chunks(chunk).map(|docs| scope.spawn(|| accumulate(study, docs, &pairs))).collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut total = Acc::new(pairs.len(), labels, study.relation_types.len());
    for part in &parts {
        total.merge(part);
    }
    let Acc { pairs: acc, fleiss_iob, fleiss_label, alpha_iob, alpha_label, unitizing, documents_all_done } = total;
    let too_few = || Score::undefined("Fleiss' κ needs three or more annotators");
    let per_label = |scores: Vec<Score>| -> PerLabel { study.labels.iter().cloned().zip(scores).collect() };
    let (fleiss_iob2, fleiss_per_label) = if n >= 3 {
        (fleiss_iob.kappa(), per_label(fleiss_label.iter().map(FleissTable::kappa).collect()))
    } else {
        (too_few(), per_label(vec![too_few(); labels]))
    };
    let (alpha_u, alpha_u_per_label, by_document) = unitizing.finish(study);
    let pairs: Vec<PairReport> = pairs.iter().zip(acc).map(|(&(a, b), acc)| acc.finish(study, a, b)).collect();
    StudyReport {
        relation_types: study.relation_types.iter().map(|t| t.name.clone()).collect(),
        relations_f1: mean_defined(pairs.iter().map(|p| p.relations.micro.f1)),
        annotators: study.annotators.clone(),
        labels: study.labels.clone(),
        documents: study.docs.len(),
        documents_all_done,
        pairs,
        fleiss_iob2,
        fleiss_per_label,
        alpha_iob2: alpha_iob.alpha(),
        alpha_per_label: per_label(alpha_label.iter().map(AlphaTable::alpha).collect()),
        alpha_u,
        alpha_u_per_label,
        by_document,
        categories: crate::categories::category_agreement(study),
    }
}

// Everything accumulated over some documents; partial results merge.
struct Acc {
    pairs: Vec<PairAcc>,
    fleiss_iob: FleissTable,
    fleiss_label: Vec<FleissTable>,
    alpha_iob: AlphaTable,
    alpha_label: Vec<AlphaTable>,
    unitizing: Unitizing,
    documents_all_done: usize,
}

impl Acc {
    fn new(pairs: usize, labels: usize, relation_types: usize) -> Self {
        Acc {
            pairs: (0..pairs).map(|_| PairAcc::new(labels, relation_types)).collect(),
            fleiss_iob: FleissTable::default(),
            fleiss_label: vec![FleissTable::default(); labels],
            alpha_iob: AlphaTable::default(),
            alpha_label: vec![AlphaTable::default(); labels],
            unitizing: Unitizing::new(labels),
            documents_all_done: 0,
        }
    }

    fn merge(&mut self, o: &Acc) {
        for (p, q) in self.pairs.iter_mut().zip(&o.pairs) {
            p.merge(q);
        }
        self.fleiss_iob.merge(&o.fleiss_iob);
        self.fleiss_label.iter_mut().zip(&o.fleiss_label).for_each(|(x, y)| x.merge(y));
        self.alpha_iob.merge(&o.alpha_iob);
        self.alpha_label.iter_mut().zip(&o.alpha_label).for_each(|(x, y)| x.merge(y));
        self.unitizing.overall.extend(o.unitizing.overall.iter().copied());
        for (x, y) in self.unitizing.per_label.iter_mut().zip(&o.unitizing.per_label) {
            x.extend(y.iter().copied());
        }
        self.unitizing.by_document.extend(o.unitizing.by_document.iter().cloned());
        self.documents_all_done += o.documents_all_done;
    }
}

fn accumulate(study: &Study, docs: &[StudyDoc], pairs: &[(usize, usize)]) -> Acc {
    let n = study.annotators.len();
    let labels = study.labels.len();
    let mut acc = Acc::new(pairs.len(), labels, study.relation_types.len());
    for doc in docs {
        let done: Vec<usize> = (0..n).filter(|&a| doc.units.get(a).is_some_and(Option::is_some)).collect();
        let iob: Vec<Vec<u32>> = (0..n).map(|a| tags::iob2(study.units(doc, a), doc.len)).collect();
        let bin: Vec<Vec<Vec<u32>>> =
            (0..n).map(|a| (0..labels).map(|l| tags::binary(study.units(doc, a), doc.len, l)).collect()).collect();
        let entities: Vec<Vec<Unit>> = iob.iter().map(|t| tags::entities(t)).collect();
        // Exact matching merges sorted unit lists; callers may hand in any order.
        let sorted: Vec<Cow<'_, [Unit]>> = (0..n).map(|a| sorted_units(study.units(doc, a))).collect();
        for (k, &(a, b)) in pairs.iter().enumerate() {
            if done.contains(&a) && done.contains(&b) {
                acc.pairs[k].add((a, b), &sorted, &iob, &bin, &entities);
                count_relations(study.relations(doc, a), study.relations(doc, b), &mut acc.pairs[k].relations);
            }
        }
        if done.len() == n {
            acc.documents_all_done += 1;
            if n >= 3 {
                let columns: Vec<&[u32]> = iob.iter().map(Vec::as_slice).collect();
                for_each_run(&columns, doc.len, |r, t| acc.fleiss_iob.add_items(r, t));
                for (l, table) in acc.fleiss_label.iter_mut().enumerate() {
                    let columns: Vec<&[u32]> = bin.iter().map(|b| b[l].as_slice()).collect();
                    for_each_run(&columns, doc.len, |r, t| table.add_items(r, t));
                }
            }
        }
        // Krippendorff: annotators who have not finished the document give no values.
        let columns: Vec<&[u32]> = done.iter().map(|&a| iob[a].as_slice()).collect();
        for_each_run(&columns, doc.len, |r, t| acc.alpha_iob.add_units(r, t));
        for (l, table) in acc.alpha_label.iter_mut().enumerate() {
            let columns: Vec<&[u32]> = done.iter().map(|&a| bin[a][l].as_slice()).collect();
            for_each_run(&columns, doc.len, |r, t| table.add_units(r, t));
        }
        acc.unitizing.add(study, doc, &done);
    }
    acc
}

fn sorted_units(units: &[Unit]) -> Cow<'_, [Unit]> {
    if units.windows(2).all(|w| w[0] < w[1]) {
        Cow::Borrowed(units)
    } else {
        let mut owned = units.to_vec();
        owned.sort_unstable();
        owned.dedup();
        Cow::Owned(owned)
    }
}

struct PairAcc {
    documents: usize,
    exact: Vec<Counts>,
    overlap: Vec<Counts>,
    entities: Vec<Counts>,
    cohen: CohenTable,
    cohen_label: Vec<CohenTable>,
    relations: Vec<Counts>,
}

impl PairAcc {
    fn new(labels: usize, relation_types: usize) -> Self {
        PairAcc {
            relations: vec![Counts::default(); relation_types],
            documents: 0,
            exact: vec![Counts::default(); labels],
            overlap: vec![Counts::default(); labels],
            entities: vec![Counts::default(); labels],
            cohen: CohenTable::default(),
            cohen_label: vec![CohenTable::default(); labels],
        }
    }

    fn add(
        &mut self,
        (a, b): (usize, usize),
        units: &[Cow<'_, [Unit]>],
        iob: &[Vec<u32>],
        bin: &[Vec<Vec<u32>>],
        entities: &[Vec<Unit>],
    ) {
        self.documents += 1;
        let (ua, ub) = (&units[a][..], &units[b][..]);
        count_exact(ua, ub, &mut self.exact);
        count_overlap(ua, ub, &mut self.overlap);
        count_exact(&entities[a], &entities[b], &mut self.entities);
        self.cohen.add(&iob[a], &iob[b]);
        for (l, table) in self.cohen_label.iter_mut().enumerate() {
            table.add(&bin[a][l], &bin[b][l]);
        }
    }

    fn merge(&mut self, o: &PairAcc) {
        self.documents += o.documents;
        for (mine, theirs) in [
            (&mut self.exact, &o.exact),
            (&mut self.overlap, &o.overlap),
            (&mut self.entities, &o.entities),
            (&mut self.relations, &o.relations),
        ] {
            mine.iter_mut().zip(theirs).for_each(|(x, y)| *x += *y);
        }
        self.cohen.merge(&o.cohen);
        self.cohen_label.iter_mut().zip(&o.cohen_label).for_each(|(x, y)| x.merge(y));
    }

    fn finish(self, study: &Study, a: usize, b: usize) -> PairReport {
        PairReport {
            a: study.annotators[a].clone(),
            b: study.annotators[b].clone(),
            documents: self.documents,
            exact: pair_from_counts(study, &self.exact),
            overlap: pair_from_counts(study, &self.overlap),
            iob2_entities: pair_from_counts(study, &self.entities),
            cohen_iob2: self.cohen.kappa(),
            cohen_per_label: study.labels.iter().cloned().zip(self.cohen_label.iter().map(CohenTable::kappa)).collect(),
            relations: relation_match(study, &self.relations),
        }
    }
}

// Items are characters; consecutive characters with the same ratings are added as one run.
fn for_each_run(columns: &[&[u32]], len: usize, mut f: impl FnMut(&[u32], u64)) {
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

struct Unitizing {
    overall: Vec<Score>,
    per_label: Vec<Vec<Score>>,
    by_document: Vec<DocumentDisagreement>,
}

impl Unitizing {
    fn new(labels: usize) -> Self {
        Unitizing { overall: Vec::new(), per_label: vec![Vec::new(); labels], by_document: Vec::new() }
    }

    fn add(&mut self, study: &Study, doc: &StudyDoc, done: &[usize]) {
        if done.len() < 2 {
            return;
        }
        let units: Vec<&[Unit]> = done.iter().map(|&a| study.units(doc, a)).collect();
        let (labels, doc_alpha) = if doc.len == 0 {
            (vec![Score::undefined("empty document"); study.labels.len()], Score::undefined("empty document"))
        } else {
            document_alpha(&units, doc.len, study.labels.len())
        };
        self.overall.push(doc_alpha);
        let alpha_u_per_label: PerLabel = study.labels.iter().cloned().zip(labels.iter().copied()).collect();
        for (l, s) in labels.into_iter().enumerate() {
            self.per_label[l].push(s);
        }
        let mut distinct: BTreeMap<Unit, usize> = BTreeMap::new();
        for u in &units {
            let unique: BTreeSet<&Unit> = u.iter().collect();
            for x in unique {
                *distinct.entry(*x).or_default() += 1;
            }
        }
        self.by_document.push(DocumentDisagreement {
            document: doc.id.clone(),
            disputed_spans: distinct.values().filter(|&&n| n < done.len()).count(),
            spans: distinct.len(),
            alpha_u: doc_alpha,
            alpha_u_per_label,
        });
    }

    fn finish(mut self, study: &Study) -> (Score, PerLabel, Vec<DocumentDisagreement>) {
        self.by_document.sort_by(|x, y| {
            y.disputed_spans
                .cmp(&x.disputed_spans)
                .then(x.alpha_u.value.partial_cmp(&y.alpha_u.value).unwrap_or(std::cmp::Ordering::Equal))
                .then(x.document.cmp(&y.document))
        });
        let per: PerLabel = study.labels.iter().cloned().zip(self.per_label.into_iter().map(mean_defined)).collect();
        (mean_defined(self.overall), per, self.by_document)
    }
}
