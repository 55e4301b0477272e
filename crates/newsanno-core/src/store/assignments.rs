//! `assignments.ron`: which annotators a lead gave each document to.
//!
//! Written by `newsanno assign` (the lead commits it), read by the window
//! ("my queue"), `stats` and `agree`. One document per line, so a re-run
//! that assigns new documents shows in `git diff` as added lines only:
//!
//! ```ron
//! (
//!     version: "1.0",
//!     seed: 7,
//!     documents: {
//!         "d0001": ["alice", "bob"],
//!         "d0002": ["carol"],
//!     },
//! )
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::Project;

/// The file's name in a project folder.
pub const ASSIGNMENTS_FILE: &str = "assignments.ron";

/// The version written.
pub const ASSIGNMENTS_VERSION: &str = "1.0";

/// Document id → the annotators it is assigned to, in the order assigned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignments {
    /// Format version ("1.0").
    pub version: String,
    /// The seed of the run that made the file (re-runs keep it unless given another).
    #[serde(default)]
    pub seed: u64,
    /// Per document, its annotators.
    pub documents: BTreeMap<String, Vec<String>>,
}

impl Assignments {
    /// An empty plan.
    pub fn new(seed: u64) -> Self {
        Assignments { version: ASSIGNMENTS_VERSION.to_owned(), seed, documents: BTreeMap::new() }
    }

    /// Whether `annotator` is assigned `document`.
    pub fn is_assigned(&self, document: &str, annotator: &str) -> bool {
        self.documents.get(document).is_some_and(|who| who.iter().any(|a| a == annotator))
    }

    /// The documents assigned to `annotator`, in id order.
    pub fn of<'a>(&'a self, annotator: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.documents.iter().filter(move |(_, who)| who.iter().any(|a| a == annotator)).map(|(d, _)| d.as_str())
    }

    /// Everyone named, sorted.
    pub fn annotators(&self) -> Vec<String> {
        let mut all: Vec<String> = self.documents.values().flatten().cloned().collect();
        all.sort();
        all.dedup();
        all
    }

    /// Assignments per annotator.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for who in self.documents.values() {
            for a in who {
                *counts.entry(a.clone()).or_default() += 1;
            }
        }
        counts
    }

    /// The file's text: the canonical layout, one document per line.
    pub fn to_ron_string(&self) -> String {
        let quoted = |s: &str| ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"));
        let mut out = String::with_capacity(64 + self.documents.len() * 32);
        out.push_str("// Written by `newsanno assign`: document → annotators. Commit it with the project.\n");
        let _ =
            writeln!(out, "(\n    version: {},\n    seed: {},\n    documents: {{", quoted(&self.version), self.seed);
        for (doc, who) in &self.documents {
            let names: Vec<String> = who.iter().map(|a| quoted(a)).collect();
            let _ = writeln!(out, "        {}: [{}],", quoted(doc), names.join(", "));
        }
        out.push_str("    },\n)\n");
        out
    }

    /// Parses and checks the file's text: the version, safe annotator names,
    /// no annotator twice on a document, and (given `known`, the corpus's
    /// ids) no unknown document. Errors name `path` and the line.
    pub fn parse(path: &Path, text: &str, known: Option<&dyn Fn(&str) -> bool>) -> Result<Assignments> {
        let parsed: Assignments = ron::from_str(text).map_err(|e| crate::store::project_file::ron_error(path, &e))?;
        let at = |doc: &str, message: String| match line_of_key(text, doc) {
            Some(line) => Error::at_line(path, line, message),
            None => Error::invalid(path, message),
        };
        if parsed.version.split('.').next() != Some("1") {
            let message = format!("version {:?} is not one this newsanno reads (1.x)", parsed.version);
            return Err(match crate::store::line_of_field(text, "version") {
                Some(line) => Error::at_line(path, line, message),
                None => Error::invalid(path, message),
            });
        }
        for (doc, who) in &parsed.documents {
            if let Some(known) = known
                && !known(doc)
            {
                return Err(at(doc, format!("document {doc:?} is not in the corpus")));
            }
            for (i, a) in who.iter().enumerate() {
                crate::store::ids::check_annotator_name(a)
                    .map_err(|e| at(doc, format!("document {doc:?}: annotator {a:?}: {e}")))?;
                if who[..i].contains(a) {
                    return Err(at(doc, format!("document {doc:?}: {a} is named twice")));
                }
            }
        }
        Ok(parsed)
    }
}

// The 1-based line where `"key":` opens a map entry (anywhere in a line: hand edits may be on one line).
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let quoted = ron::to_string(key).ok()?;
    let (at, _) =
        text.match_indices(&quoted).find(|(at, _)| text[at + quoted.len()..].trim_start().starts_with(':'))?;
    Some(text[..at].matches('\n').count() + 1)
}

/// Where a project's assignments live.
pub fn assignments_path(project: &Project) -> PathBuf {
    project.root().join(ASSIGNMENTS_FILE)
}

/// The project's assignments: `None` without the file; an error (file:line)
/// when it cannot be read, does not parse or names an unknown document or an unsafe name.
pub fn load_assignments(project: &Project) -> Result<Option<Assignments>> {
    let path = assignments_path(project);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let known = |id: &str| project.document_entry(id).is_some();
    Assignments::parse(&path, &text, Some(&known)).map(Some)
}

/// Writes `assignments` atomically (temp file, fsync, rename, fsync of the folder).
pub fn save_assignments(project: &Project, assignments: &Assignments) -> Result<()> {
    crate::store::atomic::write_atomic(&assignments_path(project), assignments.to_ron_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Assignments {
        let mut a = Assignments::new(7);
        a.documents.insert("d1".into(), vec!["alice".into(), "bob".into()]);
        a.documents.insert("新闻-2".into(), vec!["carol".into()]);
        a
    }

    #[test]
    fn the_layout_is_one_document_per_line_and_reads_back() {
        let a = sample();
        let text = a.to_ron_string();
        assert!(text.contains("\n        \"d1\": [\"alice\", \"bob\"],\n"), "{text}");
        assert!(text.contains("\"新闻-2\": [\"carol\"]"), "{text}");
        assert_eq!(Assignments::parse(Path::new("assignments.ron"), &text, None).unwrap(), a);
        assert!(a.is_assigned("d1", "bob") && !a.is_assigned("新闻-2", "bob"));
        assert_eq!(a.of("carol").collect::<Vec<_>>(), ["新闻-2"]);
        assert_eq!(a.counts().get("alice"), Some(&1));
    }

    #[test]
    fn bad_files_name_the_file_and_line() {
        let path = Path::new("p/assignments.ron");
        let text = sample().to_ron_string();
        let unknown = Assignments::parse(path, &text, Some(&|id: &str| id == "d1")).unwrap_err().to_string();
        assert!(
            unknown.contains("p/assignments.ron:7") && unknown.contains("\"新闻-2\" is not in the corpus"),
            "{unknown}"
        );
        let unsafe_name = text.replace("\"carol\"", "\"../carol\"");
        let err = Assignments::parse(path, &unsafe_name, None).unwrap_err().to_string();
        assert!(err.contains("p/assignments.ron:7") && err.contains("../carol"), "{err}");
        let twice = text.replace("[\"alice\", \"bob\"]", "[\"bob\", \"bob\"]");
        let err = Assignments::parse(path, &twice, None).unwrap_err().to_string();
        assert!(err.contains(":6") && err.contains("bob is named twice"), "{err}");
        let broken = text.replace("],\n    },", "\n    },");
        let err = Assignments::parse(path, &broken, None).unwrap_err().to_string();
        assert!(err.starts_with("p/assignments.ron:"), "{err}");
        let future = text.replace("\"1.0\"", "\"2.0\"");
        assert!(Assignments::parse(path, &future, None).unwrap_err().to_string().contains(":3"));
    }
}
