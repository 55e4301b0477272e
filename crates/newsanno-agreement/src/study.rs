//! Building a [`Study`] from a project folder.

use crate::relations::{RelationUnit, StudyRelationType};
use crate::units::{Study, StudyDoc, Unit};
use newsanno_core::error::Result;
use newsanno_core::model::Status;
use newsanno_core::store::{GOLD_ANNOTATOR, Project};

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
    /// Count every finished file; by default, when the project has
    /// `assignments.ron`, a file counts only on a document assigned to its
    /// annotator (so a pair is compared on the documents assigned to both).
    pub all_documents: bool,
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
    let assignments =
        if options.all_documents { None } else { newsanno_core::store::assignments::load_assignments(project)? };
    // Reading and parsing thousands of small files dominates: spread it over the cores.
    let entries = project.documents();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let chunk = entries.len().div_ceil(threads).max(1);
    let read: Vec<(Vec<ReadDoc>, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .map(|part| {
                scope
                    .spawn(|| read_chunk(project, part, &annotators, options.include_in_progress, assignments.as_ref()))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut relation_types: Vec<StudyRelationType> = project
        .relation_types()
        .iter()
        .map(|t| StudyRelationType { name: t.name.clone(), directed: t.directed })
        .collect();
    // The project's categories, then unknown ones found in files.
    let mut categories: Vec<String> = project.config().categories.iter().map(|c| c.name.clone()).collect();
    let mut docs = Vec::with_capacity(entries.len());
    let mut unassigned: Vec<usize> = vec![0; annotators.len()];
    for (part, part_notes) in read {
        notes.extend(part_notes);
        for doc in &part {
            for (n, &u) in unassigned.iter_mut().zip(&doc.unassigned) {
                *n += usize::from(u);
            }
        }
        for doc in part {
            let mut label_of = |name: String| -> Option<usize> {
                match labels.iter().position(|l| *l == name) {
                    Some(i) => Some(i),
                    None if fixed_labels => None,
                    None => {
                        labels.push(name);
                        Some(labels.len() - 1)
                    }
                }
            };
            let mut units = Vec::with_capacity(doc.files.len());
            let mut relations = Vec::with_capacity(doc.files.len());
            let mut doc_categories = Vec::with_capacity(doc.files.len());
            for file in doc.files {
                let Some(file) = file else {
                    units.push(None);
                    relations.push(Vec::new());
                    doc_categories.push(Vec::new());
                    continue;
                };
                let mut mine: Vec<usize> = file
                    .categories
                    .iter()
                    .map(|name| match categories.iter().position(|c| c == name) {
                        Some(i) => i,
                        None => {
                            categories.push(name.clone());
                            categories.len() - 1
                        }
                    })
                    .collect();
                mine.sort_unstable();
                mine.dedup();
                doc_categories.push(mine);
                let mut unit_of = |(start, end, name): ReadSpan| -> Option<Unit> {
                    let label = label_of(name)?;
                    (start < end && end <= doc.len).then_some(Unit { start, end, label })
                };
                let mut out: Vec<Unit> = file.spans.into_iter().filter_map(&mut unit_of).collect();
                out.sort_unstable();
                out.dedup();
                let mut links = Vec::with_capacity(file.relations.len());
                for (from, to, kind) in file.relations {
                    let (Some(from), Some(to)) = (unit_of(from), unit_of(to)) else { continue };
                    let kind = match relation_types.iter().position(|t| t.name == kind) {
                        Some(i) => i,
                        None => {
                            relation_types.push(StudyRelationType { name: kind, directed: true });
                            relation_types.len() - 1
                        }
                    };
                    links.push(RelationUnit::new(from, to, kind, relation_types[kind].directed));
                }
                links.sort_unstable();
                links.dedup();
                units.push(Some(out));
                relations.push(links);
            }
            docs.push(StudyDoc { id: doc.id, len: doc.len, units, relations, categories: doc_categories });
        }
    }
    for (name, n) in annotators.iter().zip(unassigned).filter(|(_, n)| *n > 0) {
        notes.push(format!(
            "{name}: {n} finished document{} not assigned to {name} (assignments.ron), not compared (--all-documents compares them)",
            if n == 1 { "" } else { "s" }
        ));
    }
    let single_category = project.config().category_choice == newsanno_core::model::CategoryChoice::Single;
    Ok((Study { labels, annotators, docs, relation_types, categories, single_category }, notes))
}

// A span as read: start, end, label.
type ReadSpan = (usize, usize, String);

// One annotator's counted file: its spans, and its relations with both ends
// resolved to spans (relations to a missing span are left out).
struct ReadFile {
    spans: Vec<ReadSpan>,
    relations: Vec<(ReadSpan, ReadSpan, String)>,
    categories: Vec<String>,
}

impl ReadFile {
    fn of(file: newsanno_core::model::AnnotationFile) -> Self {
        let span = |id: u64| file.span(id).map(|s| (s.start, s.end, s.label.clone()));
        let relations = file
            .relations
            .iter()
            .filter(|r| r.from != r.to)
            .filter_map(|r| Some((span(r.from)?, span(r.to)?, r.kind.clone())))
            .collect();
        ReadFile {
            spans: file.spans.into_iter().map(|s| (s.start, s.end, s.label)).collect(),
            relations,
            categories: file.categories,
        }
    }
}

// One document as read from disk: per annotator, the counted spans (or None),
// and whether a finished file was left out for not being assigned.
#[derive(Default)]
struct ReadDoc {
    id: String,
    len: usize,
    files: Vec<Option<ReadFile>>,
    unassigned: Vec<bool>,
}

fn read_chunk(
    project: &Project,
    entries: &[newsanno_core::model::DocumentEntry],
    annotators: &[String],
    include_in_progress: bool,
    assignments: Option<&newsanno_core::store::assignments::Assignments>,
) -> (Vec<ReadDoc>, Vec<String>) {
    let mut notes = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut files = Vec::with_capacity(annotators.len());
        let mut unassigned = Vec::with_capacity(annotators.len());
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
            let assigned =
                annotator == GOLD_ANNOTATOR || assignments.is_none_or(|a| a.is_assigned(&entry.id, annotator));
            unassigned.push(counted.is_some() && !assigned);
            files.push(counted.filter(|_| assigned).map(ReadFile::of));
        }
        out.push(ReadDoc { id: entry.id.clone(), len: entry.chars, files, unassigned });
    }
    (out, notes)
}
