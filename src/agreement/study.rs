//! Building a [`Study`] from a project folder.

use crate::agreement::{Study, StudyDoc, Unit};
use crate::error::Result;
use crate::model::Status;
use crate::store::{GOLD_ANNOTATOR, Project};

/// Which files count.
#[derive(Debug, Clone, Default)]
pub struct StudyOptions {
    /// Annotators to compare (default: every folder except `gold`).
    pub annotators: Option<Vec<String>>,
    /// Labels to compare (default: the project's, plus unknown ones found in files).
    pub labels: Option<Vec<String>>,
    /// Count documents still in progress, not only those marked done.
    pub include_in_progress: bool,
}

/// A study over `project` and the notes on files that could not count
/// (stale, unreadable).
pub fn study_from_project(project: &Project, options: &StudyOptions) -> Result<(Study, Vec<String>)> {
    let annotators = match &options.annotators {
        Some(list) => list.clone(),
        None => project.annotators()?.into_iter().filter(|a| a != GOLD_ANNOTATOR).collect(),
    };
    let mut labels: Vec<String> = match &options.labels {
        Some(list) => list.clone(),
        None => project.labels().iter().map(|l| l.name.clone()).collect(),
    };
    let fixed_labels = options.labels.is_some();
    let mut notes = Vec::new();
    let mut docs = Vec::with_capacity(project.documents().len());
    for entry in project.documents() {
        let mut units = Vec::with_capacity(annotators.len());
        for annotator in &annotators {
            let file = match project.read_annotation_header(annotator, &entry.id) {
                Ok(Some((_, true))) => {
                    notes.push(format!("{annotator}/{}: stale (made on other text), not counted", entry.id));
                    None
                }
                Ok(Some((file, false))) => Some(file),
                Ok(None) => None,
                Err(e) => {
                    notes.push(format!("{annotator}/{}: unreadable, not counted: {e}", entry.id));
                    None
                }
            };
            // Gold is the answer key whatever its status; annotators count when done.
            let counted = file.filter(|f| {
                annotator == GOLD_ANNOTATOR
                    || f.status == Status::Done
                    || (options.include_in_progress && f.status == Status::InProgress)
            });
            units.push(counted.map(|f| {
                let mut out: Vec<Unit> = Vec::with_capacity(f.spans.len());
                for span in &f.spans {
                    let label = match labels.iter().position(|l| *l == span.label) {
                        Some(i) => i,
                        None if fixed_labels => continue,
                        None => {
                            labels.push(span.label.clone());
                            labels.len() - 1
                        }
                    };
                    if span.start < span.end && span.end <= entry.chars {
                        out.push(Unit { start: span.start, end: span.end, label });
                    }
                }
                out.sort_unstable();
                out.dedup();
                out
            }));
        }
        docs.push(StudyDoc { id: entry.id.clone(), len: entry.chars, units });
    }
    Ok((Study { labels, annotators, docs }, notes))
}
