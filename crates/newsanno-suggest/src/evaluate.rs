//! How good each suggestion source is: precision and recall per source and
//! label against the gold folder (or any annotator taken as the reference).
//!
//! Each source is run alone over every document that has a reference file,
//! and its raw candidates (before existing spans or rejections are applied)
//! are compared with the reference spans by exact range and label. The row
//! `all` runs every selected source together. Propagated terms come from the
//! annotator's files *other than the document being scored*, so a document
//! never suggests its own spans to itself. The `model` row, likewise, tags each
//! document with a model that did not learn from it (five folds by document).

use std::collections::{BTreeMap, HashSet};

use crate::suggester::{SourceKind, Sources, Suggester};
use newsanno_core::error::Result;
use newsanno_core::model::AnnotationFile;
use newsanno_core::store::Project;

/// Counts for one (source, label) cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SuggestionCounts {
    /// Suggestions made.
    pub suggested: usize,
    /// Of those, how many are reference spans.
    pub correct: usize,
    /// Reference spans with this label.
    pub reference: usize,
}

impl SuggestionCounts {
    /// correct / suggested (NaN when nothing was suggested).
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.suggested as f64
    }

    /// correct / reference (NaN when the reference has no such span).
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.reference as f64
    }

    /// Harmonic mean of precision and recall (NaN when either is undefined; 0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, other: SuggestionCounts) {
        self.suggested += other.suggested;
        self.correct += other.correct;
        self.reference += other.reference;
    }
}

/// The result: per source (`terms`, `patterns`, `propagated`, `pos`, `all`), per label and in total.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Documents scored (those with a readable, current reference file).
    pub documents: usize,
    /// Reference files skipped (stale or unreadable), with the reason.
    pub skipped: Vec<String>,
    /// source name → label → score; the label `*` holds the source's total.
    pub scores: BTreeMap<String, BTreeMap<String, SuggestionCounts>>,
}

/// Scores `sources` against `reference`'s files; propagation comes from `annotator`'s files.
pub fn evaluate(
    project: &Project,
    suggester: &Suggester,
    reference: &str,
    annotator: &str,
    sources: Sources,
) -> Result<Evaluation> {
    let annotator_files: Vec<AnnotationFile> = super::annotator_files(project, annotator);
    let mut evaluation = Evaluation::default();
    let mut runs: Vec<(String, Sources)> = SourceKind::ALL
        .into_iter()
        .filter(|k| sources.contains(*k) && suggester.has(*k))
        .map(|k| {
            let mut only = Sources::none();
            only.set(k, true);
            (k.name().to_owned(), only)
        })
        .collect();
    let model_on = sources.contains(SourceKind::Model);
    let mut rules = sources;
    rules.set(SourceKind::Model, false);
    // "all" is the rule-based sources together; with the model alone there are none.
    if !(runs.is_empty() && model_on) {
        runs.push(("all".to_owned(), rules));
    }
    for entry in project.documents() {
        let doc = project.load_document(&entry.id)?;
        let loaded = match project.load_annotation(reference, &doc) {
            Ok(Some(loaded)) => loaded,
            Ok(None) => continue,
            Err(e) => {
                evaluation.skipped.push(e.to_string());
                continue;
            }
        };
        if loaded.stale {
            evaluation.skipped.push(format!("{}: stale", loaded.path.display()));
            continue;
        }
        evaluation.documents += 1;
        let gold: HashSet<(usize, usize, &str)> =
            loaded.file.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
        let mut reference_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &loaded.file.spans {
            *reference_counts.entry(s.label.as_str()).or_default() += 1;
        }
        let propagation = if sources.contains(SourceKind::Propagated) {
            Some(suggester.propagation(annotator_files.iter().filter(|f| f.document != entry.id))?)
        } else {
            None
        };
        for (name, run) in &runs {
            let candidates = suggester.candidates(&doc, propagation.as_ref(), *run);
            let table = evaluation.scores.entry(name.clone()).or_default();
            let mut cells: BTreeMap<String, SuggestionCounts> = BTreeMap::new();
            for (label, count) in &reference_counts {
                cells.entry((*label).to_owned()).or_default().reference += count;
            }
            for c in &candidates {
                let cell = cells.entry(c.label.clone()).or_default();
                cell.suggested += 1;
                if gold.contains(&(c.start, c.end, c.label.as_str())) {
                    cell.correct += 1;
                }
            }
            for (label, cell) in cells {
                table.entry(label).or_default().add(cell);
                table.entry("*".to_owned()).or_default().add(cell);
            }
        }
    }
    if model_on {
        let from = project.config().suggestions.model_from.clone().unwrap_or_else(|| annotator.to_owned());
        #[cfg(feature = "crf")]
        evaluate_model(project, suggester, reference, &from, &mut evaluation)?;
        #[cfg(not(feature = "crf"))]
        return Err(crate::suggester::model_unavailable(&from));
    }
    Ok(evaluation)
}

/// Folds for scoring the model: each document is tagged by a model that did not learn from it.
pub const MODEL_FOLDS: usize = 5;

// The `model` rows: documents are split into [`MODEL_FOLDS`] folds by a hash
// of their ids; each fold is tagged by a model trained on `from`'s files of
// the other folds (never on the document scored) and compared with the
// reference, with the project's thresholds.
#[cfg(feature = "crf")]
fn evaluate_model(
    project: &Project,
    suggester: &Suggester,
    reference: &str,
    from: &str,
    evaluation: &mut Evaluation,
) -> Result<()> {
    use crate::crf::training::{annotated_documents, sequences, text_info};
    use crate::crf::{CrfModel, FeatureSet, TrainOptions};
    use sha2::{Digest as _, Sha256};
    let (learnt, _) = annotated_documents(project, from)?;
    let fold_of = |id: &str| Sha256::digest(id.as_bytes())[0] as usize % MODEL_FOLDS;
    let settings = project.config().suggestions.clone();
    let table = evaluation.scores.entry("model".to_owned()).or_default();
    for fold in 0..MODEL_FOLDS {
        let training: Vec<_> = learnt
            .iter()
            .filter(|a| fold_of(a.doc.id()) != fold)
            .flat_map(|a| {
                sequences(&a.doc, Some(&a.spans), &text_info(suggester, &a.doc, FeatureSet::Full), FeatureSet::Full).0
            })
            .collect();
        let model = CrfModel::train(&training, TrainOptions::default()).ok();
        for entry in project.documents().iter().filter(|e| fold_of(&e.id) == fold) {
            let doc = project.load_document(&entry.id)?;
            let Ok(Some(loaded)) = project.load_annotation(reference, &doc) else { continue };
            if loaded.stale {
                continue;
            }
            let mut cells: BTreeMap<String, SuggestionCounts> = BTreeMap::new();
            for s in &loaded.file.spans {
                cells.entry(s.label.clone()).or_default().reference += 1;
            }
            let gold: HashSet<(usize, usize, &str)> =
                loaded.file.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
            if let Some(model) = &model {
                let info = text_info(suggester, &doc, FeatureSet::Full);
                let chars: Vec<char> = doc.text().chars().collect();
                for span in model.tag_document(&chars, &info, FeatureSet::Full)? {
                    if span.confidence < settings.threshold_for(&span.label) {
                        continue;
                    }
                    let cell = cells.entry(span.label.clone()).or_default();
                    cell.suggested += 1;
                    if gold.contains(&(span.start, span.end, span.label.as_str())) {
                        cell.correct += 1;
                    }
                }
            }
            for (label, cell) in cells {
                table.entry(label).or_default().add(cell);
                table.entry("*".to_owned()).or_default().add(cell);
            }
        }
    }
    Ok(())
}

/// A plain-text table: one row per source and label.
pub fn render_table(evaluation: &Evaluation, reference: &str) -> String {
    let mut out = format!(
        "suggestions scored against {reference:?} on {} documents (exact range and label)\n\n",
        evaluation.documents
    );
    out.push_str(&format!(
        "{:<12} {:<12} {:>9} {:>8} {:>9} {:>9} {:>7} {:>7}\n",
        "source", "label", "suggested", "correct", "reference", "precision", "recall", "F1"
    ));
    let fmt = |x: f64| if x.is_nan() { "–".to_owned() } else { format!("{x:.3}") };
    for (source, table) in &evaluation.scores {
        for (label, s) in table {
            let label = if label == "*" { "(all)" } else { label.as_str() };
            out.push_str(&format!(
                "{:<12} {:<12} {:>9} {:>8} {:>9} {:>9} {:>7} {:>7}\n",
                source,
                label,
                s.suggested,
                s.correct,
                s.reference,
                fmt(s.precision()),
                fmt(s.recall()),
                fmt(s.f1())
            ));
        }
    }
    for skipped in &evaluation.skipped {
        out.push_str(&format!("skipped: {skipped}\n"));
    }
    out
}

/// The same as JSON: `{"documents", "skipped", "scores": {source: {label: {suggested, correct, reference, precision, recall, f1}}}}`; undefined values are null.
pub fn render_json(evaluation: &Evaluation) -> String {
    let num = |x: f64| if x.is_nan() { serde_json::Value::Null } else { serde_json::json!(x) };
    let scores: serde_json::Map<String, serde_json::Value> = evaluation
        .scores
        .iter()
        .map(|(source, table)| {
            let cells: serde_json::Map<String, serde_json::Value> = table
                .iter()
                .map(|(label, s)| {
                    (
                        label.clone(),
                        serde_json::json!({
                            "suggested": s.suggested, "correct": s.correct, "reference": s.reference,
                            "precision": num(s.precision()), "recall": num(s.recall()), "f1": num(s.f1()),
                        }),
                    )
                })
                .collect();
            (source.clone(), serde_json::Value::Object(cells))
        })
        .collect();
    let value = serde_json::json!({"documents": evaluation.documents, "skipped": evaluation.skipped, "scores": scores});
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}
