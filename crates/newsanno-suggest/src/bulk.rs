//! Pre-annotating a whole corpus from the command line (`newsanno suggest`).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::suggester::{Sources, Suggester, annotator_files};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::{AnnotationFile, Status};
use newsanno_core::segment::Segmenter;
use newsanno_core::store::Project;
use newsanno_core::store::lock::{AnnotatorLock, LockOutcome};

/// What a run found (and, with `accept`, wrote).
#[derive(Debug, Clone, Default)]
pub struct BulkSummary {
    /// Documents looked at.
    pub documents: usize,
    /// Documents with at least one suggestion.
    pub documents_with_suggestions: usize,
    /// Suggestions per (label, source kind).
    pub counts: BTreeMap<(String, String), usize>,
    /// Files written (with `accept`).
    pub files_written: usize,
    /// Documents left alone, with the reason (done, skipped, stale, unreadable).
    pub left_alone: Vec<String>,
    /// Distinct texts propagated from the annotator's earlier spans.
    pub propagated_terms: usize,
    /// With the `model` source: whose spans it learnt from and how it was had.
    #[cfg(feature = "crf")]
    pub model: Option<(String, crate::crf::training::Provenance)>,
}

impl BulkSummary {
    /// Suggestions in total.
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// Suggests spans for `annotator` in every document; with `accept`, adds them
/// to the annotator's files (with their `source`). Documents the annotator
/// marked done or skipped, and files that are stale or do not parse, are left
/// alone. `progress(done, total)` is called per document.
pub fn pre_annotate(
    project: &Project,
    annotator: &str,
    sources: Sources,
    accept: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BulkSummary> {
    newsanno_core::store::ids::check_annotator_name(annotator)?;
    // Writing beside an open window would fight its autosave.
    let _lock = if accept {
        match AnnotatorLock::acquire(&project.annotator_dir(annotator))? {
            LockOutcome::Acquired(lock) => Some(lock),
            LockOutcome::HeldElsewhere(who) => {
                return Err(Error::Usage(format!(
                    "annotations/{annotator}/ is open in a window ({who}); close it before pre-annotating"
                )));
            }
        }
    } else {
        None
    };
    let segmenter = Arc::new(Segmenter::for_project(project)?);
    let suggester = Suggester::for_project(project, segmenter)?;
    let propagation = suggester.propagation(annotator_files(project, annotator).iter())?;
    let mut summary = BulkSummary { propagated_terms: propagation.len(), ..BulkSummary::default() };
    #[cfg(not(feature = "crf"))]
    if sources.contains(crate::suggester::SourceKind::Model) {
        return Err(crate::suggester::model_unavailable(annotator));
    }
    #[cfg(feature = "crf")]
    let model = if sources.contains(crate::suggester::SourceKind::Model) {
        let source = crate::crf::training::ModelSource::for_annotator(project, &suggester, annotator)?;
        summary.left_alone.extend(source.notes.iter().cloned());
        summary.model = Some((source.from.clone(), source.provenance.clone()));
        Some(source)
    } else {
        None
    };
    let total = project.documents().len();
    for (i, entry) in project.documents().iter().enumerate() {
        progress(i, total);
        summary.documents += 1;
        let doc = project.load_document(&entry.id)?;
        let mut file = match project.load_annotation(annotator, &doc) {
            Ok(None) => AnnotationFile::new(&entry.id, annotator, &entry.text_hash),
            Ok(Some(loaded)) => {
                if let Some(reason) = loaded.read_only {
                    summary.left_alone.push(format!("{}: {reason}", entry.id));
                    continue;
                }
                if matches!(loaded.file.status, Status::Done | Status::Skipped) {
                    summary.left_alone.push(format!("{}: marked {}", entry.id, loaded.file.status.as_str()));
                    continue;
                }
                loaded.file
            }
            Err(e) => {
                summary.left_alone.push(format!("{}: {e}", entry.id));
                continue;
            }
        };
        #[allow(unused_mut)] // without the CRF, nothing is added after the rules
        let mut suggestions = suggester.suggest(&doc, &file, Some(&propagation), sources);
        #[cfg(feature = "crf")]
        if let Some(model) = &model {
            // The rule-based sources win where both suggest the same span.
            let rule: std::collections::HashSet<(usize, usize, String)> =
                suggestions.iter().map(|s| (s.start, s.end, s.label.clone())).collect();
            let learnt: Vec<crate::suggester::Suggestion> = model
                .suggestions(&suggester, &doc)?
                .into_iter()
                .map(|(s, _)| s)
                .filter(|s| !rule.contains(&(s.start, s.end, s.label.clone())))
                .collect();
            suggestions.extend(crate::suggester::open_suggestions(learnt, &file));
        }
        if suggestions.is_empty() {
            continue;
        }
        summary.documents_with_suggestions += 1;
        for s in &suggestions {
            *summary.counts.entry((s.label.clone(), s.kind().name().to_owned())).or_default() += 1;
        }
        if accept {
            for s in suggestions {
                if let Ok(id) = file.add_span(&doc.text, s.start, s.end, &s.label)
                    && let Some(span) = file.spans.iter_mut().find(|x| x.id == id)
                {
                    span.source = s.source;
                    if let Some(label) = project.config().label(&s.label) {
                        span.attributes = label.initial_attributes(&span.text);
                    }
                }
            }
            project.save_annotation(&mut file, &doc)?;
            summary.files_written += 1;
        }
    }
    progress(total, total);
    Ok(summary)
}
