//! `newsanno validate`: every file of a project checked, one problem per line.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::store::annotation_file::{self, CheckContext, Problem};
use crate::store::atomic::TEMP_PREFIX;
use crate::store::{ANNOTATIONS_DIR, Project, ids};

/// Checks `project.ron`, every corpus text against its hash, and every
/// annotation file against its document. Problems come sorted by path and line.
pub fn validate(dir: &Path) -> Vec<Problem> {
    let project = match Project::open(dir) {
        Ok(p) => p,
        Err(e) => return vec![problem_from_error(dir, &e)],
    };
    let mut problems: Vec<Problem> =
        project.warnings().iter().map(|w| Problem::warning(dir, None, w.clone())).collect();

    let annotators = match project.annotators() {
        Ok(a) => a,
        Err(e) => return vec![problem_from_error(dir, &e)],
    };
    check_annotation_folders(&project, &mut problems);

    let doc_ids: HashSet<&str> = project.documents().iter().map(|d| d.id.as_str()).collect();
    for (position, entry) in project.documents().iter().enumerate() {
        let document = match project.corpus().load(position) {
            Ok(d) => d,
            Err(e) => {
                problems.push(problem_from_error(dir, &e));
                continue;
            }
        };
        for annotator in &annotators {
            let path = project.annotation_path(annotator, &entry.id);
            if !path.is_file() {
                continue;
            }
            match annotation_file::read(&path) {
                Ok((file, raw)) => {
                    let outcome = annotation_file::check(
                        &file,
                        &CheckContext {
                            path: &path,
                            raw: &raw,
                            expected_document: &entry.id,
                            expected_annotator: annotator,
                            document: Some(&document),
                            labels: project.labels(),
                            relation_types: project.relation_types(),
                            categories: &project.config().categories,
                            unknown_labels_are_errors: true,
                        },
                    );
                    problems.extend(outcome.problems);
                }
                Err(e) => problems.push(problem_from_error(&path, &e)),
            }
        }
    }

    for annotator in &annotators {
        let folder = project.annotator_dir(annotator);
        let Ok(listing) = fs::read_dir(&folder) else { continue };
        for entry in listing.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == crate::store::lock::LEGACY_LOCK_FILE || crate::store::conflicts::original_of(&name).is_some() {
                // Conflicting copies are reported below, once for the whole project.
                continue;
            }
            if name.starts_with(TEMP_PREFIX) {
                problems.push(Problem::warning(
                    &path,
                    None,
                    "leftover temporary file of an interrupted save; safe to delete",
                ));
            } else if let Some(stem) = name.strip_suffix(".ron") {
                if !doc_ids.contains(stem) {
                    problems.push(Problem::error(&path, None, format!("no document {stem:?} in the corpus")));
                }
            } else if !path.is_dir() {
                problems.push(Problem::warning(&path, None, "not an annotation file (expected <doc-id>.ron)"));
            }
        }
    }
    for copy in crate::store::conflicts::find_conflicts(project.root()) {
        let original = copy.original.strip_prefix(project.root()).unwrap_or(&copy.original);
        problems.push(Problem::warning(
            &copy.path,
            None,
            format!(
                "a conflicting copy of {} left by {}: keep one version (the window offers it when the \
                 document is opened) and remove the other",
                original.display(),
                copy.tool
            ),
        ));
    }
    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    problems
}

fn check_annotation_folders(project: &Project, problems: &mut Vec<Problem>) {
    let dir = project.root().join(ANNOTATIONS_DIR);
    let Ok(listing) = fs::read_dir(&dir) else { return };
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !ids::is_safe_id(&name) {
            problems.push(Problem::warning(&entry.path(), None, "annotator folder name is not a safe id; ignored"));
        }
    }
}

/// Turns a library error into a problem line, keeping its line number when it has one.
pub fn problem_from_error(fallback: &Path, error: &crate::error::Error) -> Problem {
    use crate::error::{Error, Place};
    match error {
        Error::Parse { path, place, message } => {
            let line = match place {
                Place::Line { line, .. } => Some(*line),
                Place::Byte(_) => None,
            };
            let message = match place {
                Place::Line { column: Some(c), .. } => format!("column {c}: {message}"),
                Place::Byte(b) => format!("byte {b}: {message}"),
                _ => message.clone(),
            };
            Problem::error(path, line, message)
        }
        Error::InvalidUtf8 { path, offset, line } => {
            Problem::error(path, Some(*line), format!("invalid UTF-8 at byte offset {offset}"))
        }
        Error::Invalid { path, message } => Problem::error(path, None, message.clone()),
        Error::Io { path, source } => Problem::error(path, None, source.to_string()),
        Error::Usage(message) => Problem::error(fallback, None, message.clone()),
    }
}
