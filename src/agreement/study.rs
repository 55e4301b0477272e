//! Building a [`Study`] from a project folder.

use crate::agreement::{Study, StudyDoc, Unit};
use crate::error::Result;
use crate::model::Status;
use crate::store::{GOLD_ANNOTATOR, Project};

/// Which files count.
#[derive(Debug, Clone, Default)]
pub struct StudyOptions {
    /// Annotators to compare (default: every folder except `gold` with at
    /// least one counted document, see [`Project::default_compared_annotators`]).
    pub annotators: Option<Vec<String>>,
    /// Labels to compare (default: the project's, plus unknown ones found in files).
    pub labels: Option<Vec<String>>,
    /// Count documents still in progress, not only those marked done.
    pub include_in_progress: bool,
}

/// A study over `project` and the notes on files that could not count
/// (stale, unreadable).
pub fn study_from_project(project: &Project, options: &StudyOptions) -> Result<(Study, Vec<String>)> {
    let mut notes = Vec::new();
    let annotators = match &options.annotators {
        Some(list) => list.clone(),
        None => {
            let (compared, unfinished) = project.default_compared_annotators(options.include_in_progress)?;
            for name in unfinished {
                notes.push(format!(
                    "{name}: no {} document, not compared (name it in --annotators to compare it)",
                    if options.include_in_progress { "finished or in-progress" } else { "finished" }
                ));
            }
            compared
        }
    };
    let mut labels: Vec<String> = match &options.labels {
        Some(list) => list.clone(),
        None => project.labels().iter().map(|l| l.name.clone()).collect(),
    };
    let fixed_labels = options.labels.is_some();
    // Reading and parsing thousands of small files dominates: spread it over the cores.
    let entries = project.documents();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = entries.len().div_ceil(threads).max(1);
    let read: Vec<(Vec<ReadDoc>, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .map(|part| scope.spawn(|| read_chunk(project, part, &annotators, options.include_in_progress)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut docs = Vec::with_capacity(entries.len());
    for (part, part_notes) in read {
        notes.extend(part_notes);
        for doc in part {
            let units = doc
                .files
                .into_iter()
                .map(|file| {
                    file.map(|spans| {
                        let mut out: Vec<Unit> = Vec::with_capacity(spans.len());
                        for (start, end, name) in spans {
                            let label = match labels.iter().position(|l| *l == name) {
                                Some(i) => i,
                                None if fixed_labels => continue,
                                None => {
                                    labels.push(name);
                                    labels.len() - 1
                                }
                            };
                            if start < end && end <= doc.len {
                                out.push(Unit { start, end, label });
                            }
                        }
                        out.sort_unstable();
                        out.dedup();
                        out
                    })
                })
                .collect();
            docs.push(StudyDoc { id: doc.id, len: doc.len, units });
        }
    }
    Ok((Study { labels, annotators, docs }, notes))
}

// One document as read from disk: per annotator, the counted spans (or None).
#[derive(Default)]
struct ReadDoc {
    id: String,
    len: usize,
    files: Vec<Option<Vec<(usize, usize, String)>>>,
}

fn read_chunk(
    project: &Project,
    entries: &[crate::model::DocumentEntry],
    annotators: &[String],
    include_in_progress: bool,
) -> (Vec<ReadDoc>, Vec<String>) {
    let mut notes = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut files = Vec::with_capacity(annotators.len());
        for annotator in annotators {
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
                    || (include_in_progress && f.status == Status::InProgress)
            });
            files.push(counted.map(|f| f.spans.into_iter().map(|s| (s.start, s.end, s.label)).collect()));
        }
        out.push(ReadDoc { id: entry.id.clone(), len: entry.chars, files });
    }
    (out, notes)
}
