//! `newsanno stats`: how far each annotator is (against their assignments
//! when the project has `assignments.ron`), their pace, and spans per label.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::model::Status;
use crate::store::Project;
use crate::store::assignments::{Assignments, load_assignments};

/// One annotator's progress and pace.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnnotatorStats {
    /// Documents assigned (`None` without an assignments file).
    pub assigned: Option<usize>,
    /// Files marked done.
    pub done: usize,
    /// Files in progress.
    pub in_progress: usize,
    /// Not started: assigned documents without a file or with status "not
    /// started" (without assignments: files with that status).
    pub not_started: usize,
    /// Files marked skipped.
    pub skipped: usize,
    /// Files made on other text.
    pub stale: usize,
    /// Files that do not parse.
    pub unreadable: usize,
    /// Files of documents not assigned to them (`None` without an assignments file).
    pub unassigned_files: Option<usize>,
    /// All spans.
    pub spans: usize,
    /// Spans per label.
    pub spans_per_label: BTreeMap<String, usize>,
    /// Seconds of input in the window, over all their files.
    pub active_seconds: u64,
    /// Files with active time recorded.
    pub timed_documents: usize,
    /// Active seconds per timed document (`None` when none is timed).
    pub seconds_per_document: Option<f64>,
    /// Spans of the timed documents per active hour (`None` when none is timed).
    pub spans_per_hour: Option<f64>,
    /// Documents marked done per day (`YYYY-MM-DD`, UTC, the day the done
    /// file was last saved), in date order.
    pub done_per_day: BTreeMap<String, usize>,
}

/// Figures for a whole project.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProjectStats {
    /// The project's name.
    pub project: String,
    /// Documents in the corpus.
    pub documents: usize,
    /// Their total length in code points.
    pub chars: usize,
    /// Documents in assignments.ron (`None` without one).
    pub assigned_documents: Option<usize>,
    /// Per annotator, sorted by name.
    pub annotators: BTreeMap<String, AnnotatorStats>,
}

/// Reads every annotation file (without document texts) and counts; with
/// assignments, every assigned annotator is listed, files or not.
pub fn project_stats(project: &Project) -> Result<ProjectStats> {
    let assignments = load_assignments(project)?;
    stats_with(project, assignments.as_ref())
}

/// [`project_stats`] with the assignments given (`None`: as without a file).
pub fn stats_with(project: &Project, assignments: Option<&Assignments>) -> Result<ProjectStats> {
    let mut stats = ProjectStats {
        project: project.config().name.clone(),
        documents: project.documents().len(),
        chars: project.documents().iter().map(|d| d.chars).sum(),
        assigned_documents: assignments.map(|a| a.documents.len()),
        annotators: BTreeMap::new(),
    };
    let mut names = project.annotators()?;
    if let Some(a) = assignments {
        names.extend(a.annotators());
        names.sort();
        names.dedup();
    }
    for annotator in names {
        let mut mine = AnnotatorStats::default();
        let mut timed_spans = 0usize;
        // One listing of the folder instead of a failed open per document without a file
        // (10 annotators × 100,000 documents were a million of them).
        let existing = project.annotated_ids(&annotator);
        for entry in project.documents() {
            // Gold is nobody's assignment: it is counted as without an assignments file.
            let assigned = assignments
                .filter(|_| annotator != crate::store::GOLD_ANNOTATOR)
                .map(|a| a.is_assigned(&entry.id, &annotator));
            let header = if existing.contains(&entry.id) {
                project.read_annotation_header(&annotator, &entry.id)
            } else {
                Ok(None)
            };
            match header {
                Ok(Some((file, stale))) => {
                    match file.status {
                        Status::Done => {
                            mine.done += 1;
                            if let Some(day) = file.modified.get(..10) {
                                *mine.done_per_day.entry(day.to_owned()).or_default() += 1;
                            }
                        }
                        Status::InProgress => mine.in_progress += 1,
                        Status::Skipped => mine.skipped += 1,
                        Status::NotStarted => mine.not_started += usize::from(assigned != Some(false)),
                    }
                    mine.stale += usize::from(stale);
                    if assigned == Some(false) {
                        *mine.unassigned_files.get_or_insert(0) += 1;
                    }
                    mine.spans += file.spans.len();
                    for span in &file.spans {
                        *mine.spans_per_label.entry(span.label.clone()).or_default() += 1;
                    }
                    if file.active_seconds > 0 {
                        mine.active_seconds += file.active_seconds;
                        mine.timed_documents += 1;
                        timed_spans += file.spans.len();
                    }
                }
                Ok(None) => mine.not_started += usize::from(assigned == Some(true)),
                Err(_) => mine.unreadable += 1,
            }
        }
        if let Some(a) = assignments.filter(|_| annotator != crate::store::GOLD_ANNOTATOR) {
            mine.assigned = Some(a.of(&annotator).count());
            mine.unassigned_files.get_or_insert(0);
        }
        if mine.timed_documents > 0 {
            mine.seconds_per_document = Some(mine.active_seconds as f64 / mine.timed_documents as f64);
            mine.spans_per_hour = Some(timed_spans as f64 * 3600.0 / mine.active_seconds as f64);
        }
        stats.annotators.insert(annotator, mine);
    }
    Ok(stats)
}

/// `1:02:03` (or `12:34` under an hour) for a number of seconds.
pub fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_like_a_stopwatch() {
        assert_eq!(clock(0.0), "0:00");
        assert_eq!(clock(754.4), "12:34");
        assert_eq!(clock(3723.0), "1:02:03");
    }
}
