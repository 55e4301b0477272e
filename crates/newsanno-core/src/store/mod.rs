//! The project folder on disk: `project.ron`, the corpus, and one folder of
//! annotation files per annotator.
//!
//! ```text
//! my-project/
//!   project.ron                          name, labels, segmentation settings, guidelines file
//!   corpus/                              imported articles (immutable batches)
//!   annotations/<annotator>/<doc-id>.ron one file per document and annotator
//!   dict.txt                             optional user dictionary for jieba
//!   guidelines.md                        optional
//! ```
//!
//! Each annotator writes only under `annotations/<annotator>/`, so a team can
//! share the folder through git or a synced drive without merge conflicts.

pub mod annotation_file;
pub mod assignments;
pub mod atomic;
pub mod conflicts;
pub mod corpus;
pub mod ids;
pub mod lock;
pub mod project_file;
pub mod saver;
pub mod torture;
pub mod validate;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{AnnotationFile, Document, DocumentEntry, FORMAT_MAJOR, Label, Status};
use annotation_file::{CheckContext, Problem};
use corpus::Corpus;
pub use project_file::{ProjectConfig, SegmentationSettings, SuggestionSettings};

/// Name of the project settings file.
pub const PROJECT_FILE: &str = "project.ron";
/// Folder of imported texts.
pub const CORPUS_DIR: &str = "corpus";
/// Folder holding one sub-folder per annotator.
pub const ANNOTATIONS_DIR: &str = "annotations";
/// The reserved annotator folder for adjudicated spans.
pub const GOLD_ANNOTATOR: &str = "gold";
/// Where a resolved sync conflict's other version goes (git-ignored; never deleted by newsanno).
pub const TRASH_DIR: &str = ".newsanno-trash";

/// A project's `.gitignore`, written by `init` (and with the sample) when the
/// folder has none: what is per machine and must not be shared.
pub const GITIGNORE: &str = "\
# Written by newsanno: a team shares project.ron, assignments.ron, corpus/ and
# annotations/ through git; what follows is per machine.
# A window's lock on an annotator folder.
*.newsanno.lock
.newsanno.lock
# Temporary files of interrupted atomic writes.
.newsanno-tmp-*
# The learning suggester's models, trained again from the annotation files.
/cache/
# Versions a sync conflict set aside (the window keeps one, the other goes here).
/.newsanno-trash/
";

/// Writes [`GITIGNORE`] into `dir` unless it has a `.gitignore`; whether it wrote one.
pub fn write_gitignore(dir: &Path) -> Result<bool> {
    let path = dir.join(".gitignore");
    if path.exists() {
        return Ok(false);
    }
    atomic::write_atomic(&path, GITIGNORE.as_bytes())?;
    Ok(true)
}

/// Fails with a clear message unless `version` ("MAJOR.MINOR") has our major version.
pub fn check_major_version(path: &Path, version: &str, raw: &str) -> Result<()> {
    let major = version.split('.').next().and_then(|m| m.trim().parse::<u32>().ok());
    if major == Some(FORMAT_MAJOR) {
        return Ok(());
    }
    let message = format!(
        "format version {version:?} is not supported: this newsanno reads {FORMAT_MAJOR}.x; use a newsanno that knows it"
    );
    Err(match line_of_field(raw, "version") {
        Some(line) => Error::at_line(path, line, message),
        None => Error::invalid(path, message),
    })
}

/// 1-based line of the first `field:` in a RON text, for messages.
pub(crate) fn line_of_field(raw: &str, field: &str) -> Option<usize> {
    let prefix = format!("{field}:");
    raw.lines().position(|l| l.trim_start().starts_with(&prefix)).map(|i| i + 1)
}

/// The text of a RON file as the parser should see it: UTF-8 checked, one
/// leading BOM dropped and `\r\n` / lone `\r` line ends read as `\n` (a file
/// saved by a Windows editor or checked out with autocrlf is still the same
/// file). An empty file is an error of its own, not a confusing parse error.
pub fn ron_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>> {
    let text = crate::text::str_from_utf8(bytes, path)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Error::at_line(
            path,
            1,
            "the file is empty (cut short by a crash, a full disk or a sync tool?); it is left as it is: \
             restore it from a backup or git, or delete it",
        ));
    }
    Ok(if text.starts_with('\u{feff}') || text.contains('\r') {
        std::borrow::Cow::Owned(crate::text::normalize_text(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    })
}

/// The minor part of "MAJOR.MINOR".
pub(crate) fn minor_version(version: &str) -> Option<u32> {
    version.split('.').nth(1).and_then(|m| m.trim().parse().ok())
}

/// One annotator's file for one document, loaded and checked.
#[derive(Debug, Clone)]
pub struct LoadedAnnotation {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its content.
    pub file: AnnotationFile,
    /// Made on another text of the document (hash mismatch).
    pub stale: bool,
    /// Why it must not be written back, if so (stale, errors, newer format).
    pub read_only: Option<String>,
    /// Everything the check found (warnings included).
    pub problems: Vec<Problem>,
}

/// A document with every annotator's file for it: the unit a pipeline reads.
#[derive(Debug, Clone)]
pub struct AnnotatedDocument {
    /// The document and its text.
    pub document: Document,
    /// One entry per annotator who has a file for it, in annotator order.
    pub annotations: Vec<LoadedAnnotation>,
}

/// An open project folder.
#[derive(Debug)]
pub struct Project {
    root: PathBuf,
    config: ProjectConfig,
    corpus: Corpus,
}

impl Project {
    /// Creates a project in `dir` (created if missing; must not already hold a project).
    pub fn init(dir: &Path, name: &str, labels: Vec<Label>) -> Result<Project> {
        let project_file = dir.join(PROJECT_FILE);
        if project_file.exists() {
            return Err(Error::invalid(&project_file, "a project already exists here"));
        }
        for sub in [dir.to_path_buf(), dir.join(CORPUS_DIR), dir.join(ANNOTATIONS_DIR)] {
            fs::create_dir_all(&sub).map_err(|e| Error::io(&sub, e))?;
        }
        let config = ProjectConfig::new(name, labels);
        if let Some(guidelines) = &config.guidelines {
            let path = dir.join(guidelines);
            if !path.exists() {
                atomic::write_atomic(&path, guidelines_template(&config).as_bytes())?;
            }
        }
        config.write(&project_file)?;
        write_gitignore(dir)?;
        Project::open(dir)
    }

    /// Opens the project in `dir`: reads `project.ron` and the corpus indexes (not the texts).
    pub fn open(dir: &Path) -> Result<Project> {
        let project_file = dir.join(PROJECT_FILE);
        if !project_file.is_file() {
            return Err(Error::invalid(
                dir,
                "not a newsanno project (no project.ron); create one with `newsanno init`",
            ));
        }
        let config = ProjectConfig::read(&project_file)?;
        let corpus_dir = dir.join(CORPUS_DIR);
        let corpus = if corpus_dir.is_dir() { Corpus::open(&corpus_dir)? } else { Corpus::default() };
        Ok(Project { root: dir.to_path_buf(), config, corpus })
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The settings from `project.ron`.
    pub fn config(&self) -> &ProjectConfig {
        &self.config
    }

    /// The labels.
    pub fn labels(&self) -> &[Label] {
        &self.config.labels
    }

    /// The label whose hotkey is `key` ("1"–"9"), if one has it.
    pub fn label_with_hotkey(&self, key: &str) -> Option<&Label> {
        self.labels().iter().find(|l| l.hotkey == key)
    }

    /// The relation types.
    pub fn relation_types(&self) -> &[crate::model::RelationType] {
        &self.config.relation_types
    }

    /// Every document, in import order, without texts.
    pub fn documents(&self) -> &[DocumentEntry] {
        self.corpus.entries()
    }

    /// The corpus (batches and texts).
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Warnings from opening (duplicate ids across batches).
    pub fn warnings(&self) -> &[String] {
        self.corpus.warnings()
    }

    /// The entry of document `id`.
    pub fn document_entry(&self, id: &str) -> Option<&DocumentEntry> {
        self.corpus.position(id).map(|p| &self.corpus.entries()[p])
    }

    /// Reads document `id` with its text.
    pub fn load_document(&self, id: &str) -> Result<Document> {
        let position = self
            .corpus
            .position(id)
            .ok_or_else(|| Error::invalid(self.root.join(CORPUS_DIR), format!("no document with id {id:?}")))?;
        self.corpus.load(position)
    }

    /// The user dictionary path, if the file exists.
    pub fn user_dict(&self) -> Option<PathBuf> {
        let path = self.root.join(&self.config.segmentation.user_dict);
        path.is_file().then_some(path)
    }

    /// The guidelines text, if the project names a file and it exists.
    pub fn guidelines(&self) -> Option<String> {
        let name = self.config.guidelines.as_ref()?;
        fs::read_to_string(self.root.join(name)).ok()
    }

    /// Folder of `annotator`'s files.
    pub fn annotator_dir(&self, annotator: &str) -> PathBuf {
        self.root.join(ANNOTATIONS_DIR).join(annotator)
    }

    /// Path of `annotator`'s file for document `doc_id`.
    pub fn annotation_path(&self, annotator: &str, doc_id: &str) -> PathBuf {
        self.annotator_dir(annotator).join(format!("{doc_id}.ron"))
    }

    /// Annotators with a folder under `annotations/`, sorted.
    pub fn annotators(&self) -> Result<Vec<String>> {
        let dir = self.root.join(ANNOTATIONS_DIR);
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut names = Vec::new();
        for entry in fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && ids::is_safe_id(&name) {
                names.push(name);
            }
        }
        names.sort();
        Ok(names)
    }

    /// The annotators (gold aside) compared by default, and those left out
    /// because they have not finished a document yet (done, or in progress
    /// too when `include_in_progress`). A lead who only opened the project,
    /// or a bot whose files are all "not started", is not an annotator to
    /// compare until asked for by name.
    pub fn default_compared_annotators(&self, include_in_progress: bool) -> Result<(Vec<String>, Vec<String>)> {
        let mut compared = Vec::new();
        let mut unfinished = Vec::new();
        for annotator in self.annotators()?.into_iter().filter(|a| a != GOLD_ANNOTATOR) {
            let finished = self.documents().iter().any(|entry| {
                matches!(
                    self.read_annotation_header(&annotator, &entry.id),
                    Ok(Some((file, false)))
                        if file.status == Status::Done || (include_in_progress && file.status == Status::InProgress)
                )
            });
            if finished { compared.push(annotator) } else { unfinished.push(annotator) }
        }
        Ok((compared, unfinished))
    }

    /// The ids of the documents `annotator` has a file for (one listing of
    /// their folder: cheaper than a failed open per document without one).
    pub fn annotated_ids(&self, annotator: &str) -> std::collections::HashSet<String> {
        fs::read_dir(self.annotator_dir(annotator))
            .map(|listing| {
                listing
                    .flatten()
                    .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".ron")).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Reads and checks `annotator`'s file for `doc`; `Ok(None)` when there is none.
    /// A file that does not parse is an error (and will never be overwritten).
    pub fn load_annotation(&self, annotator: &str, doc: &Document) -> Result<Option<LoadedAnnotation>> {
        let path = self.annotation_path(annotator, doc.id());
        if !path.is_file() {
            return Ok(None);
        }
        let (file, raw) = annotation_file::read(&path)?;
        let outcome = annotation_file::check(
            &file,
            &CheckContext {
                path: &path,
                raw: &raw,
                expected_document: doc.id(),
                expected_annotator: annotator,
                document: Some(doc),
                labels: self.labels(),
                relation_types: self.relation_types(),
                categories: &self.config().categories,
                unknown_labels_are_errors: false,
            },
        );
        Ok(Some(LoadedAnnotation {
            path,
            file,
            stale: outcome.stale,
            read_only: outcome.read_only,
            problems: outcome.problems,
        }))
    }

    /// Reads `annotator`'s file for document `doc_id` without its text: parse
    /// only, stale by hash. For statistics over many files.
    pub fn read_annotation_header(&self, annotator: &str, doc_id: &str) -> Result<Option<(AnnotationFile, bool)>> {
        let path = self.annotation_path(annotator, doc_id);
        if !path.is_file() {
            return Ok(None);
        }
        let (file, _) = annotation_file::read(&path)?;
        let stale = self.document_entry(doc_id).is_none_or(|e| e.text_hash != file.text_hash);
        Ok(Some((file, stale)))
    }

    /// Saves `file` atomically to `annotations/<annotator>/<document>.ron`,
    /// stamping `modified` and sorting spans. Refuses to write when the file
    /// was made on other text, when a span does not match the text, or when
    /// the file on disk exists but cannot be parsed (it is never overwritten).
    pub fn save_annotation(&self, file: &mut AnnotationFile, doc: &Document) -> Result<()> {
        let path = self.annotation_path(&file.annotator, &file.document);
        if ids::check_annotator_name(&file.annotator).is_err() {
            return Err(Error::Usage(format!("annotator name {:?} cannot be a folder name", file.annotator)));
        }
        if file.document != doc.id() {
            return Err(Error::Usage(format!("file is for {:?}, not {:?}", file.document, doc.id())));
        }
        if file.text_hash != doc.entry.text_hash {
            return Err(Error::invalid(&path, "refusing to save: made on a different text of this document (stale)"));
        }
        for span in &file.spans {
            if span.start >= span.end || doc.text.slice(span.start, span.end) != Some(span.text.as_str()) {
                return Err(Error::invalid(
                    &path,
                    format!(
                        "refusing to save: span {} [{}, {}) does not match the text",
                        span.id, span.start, span.end
                    ),
                ));
            }
        }
        if path.exists() {
            let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
            match annotation_file::parse(&path, &bytes) {
                Err(e) => {
                    return Err(Error::invalid(
                        &path,
                        format!("refusing to overwrite a file that does not parse ({e}); fix or move it first"),
                    ));
                }
                Ok(on_disk) if minor_version(&on_disk.version).is_some_and(|m| m > crate::model::FORMAT_MINOR) => {
                    return Err(Error::invalid(
                        &path,
                        format!(
                            "refusing to overwrite a file written by a newer newsanno (format {}): its newer fields \
                             would be lost",
                            on_disk.version
                        ),
                    ));
                }
                Ok(_) => {}
            }
        }
        let dir = self.annotator_dir(&file.annotator);
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        self.check_inside(&dir)?;
        file.modified = now_rfc3339();
        file.sort_spans();
        file.rejected.sort();
        file.rejected.dedup();
        file.version = file.minimal_version().to_owned();
        atomic::write_atomic(&path, annotation_file::to_ron_string(file).as_bytes())
    }

    /// Refuses to write into `dir` when it (through a symlink) leads outside the
    /// project: a team's shared folder must never write into someone's home.
    /// A folder that does not exist yet is judged by its nearest existing parent.
    pub fn check_inside(&self, dir: &Path) -> Result<()> {
        let root = fs::canonicalize(&self.root).map_err(|e| Error::io(&self.root, e))?;
        let existing = dir.ancestors().find(|a| a.exists()).unwrap_or(dir);
        let real = fs::canonicalize(existing).map_err(|e| Error::io(existing, e))?;
        if real.starts_with(&root) {
            Ok(())
        } else {
            Err(Error::invalid(dir, format!("refusing to write: it leads outside the project (to {})", real.display())))
        }
    }

    /// Every document with every annotator's file, in import order. Texts and
    /// files are read lazily, one document at a time.
    pub fn annotated_documents(&self) -> Result<impl Iterator<Item = Result<AnnotatedDocument>> + '_> {
        let annotators = self.annotators()?;
        Ok((0..self.corpus.entries().len()).map(move |position| {
            let document = self.corpus.load(position)?;
            let mut annotations = Vec::new();
            for annotator in &annotators {
                if let Some(loaded) = self.load_annotation(annotator, &document)? {
                    annotations.push(loaded);
                }
            }
            Ok(AnnotatedDocument { document, annotations })
        }))
    }
}

/// The current time as UTC RFC 3339 with whole seconds (`2026-11-26T21:49:37Z`).
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z"))
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

fn guidelines_template(config: &ProjectConfig) -> String {
    let mut out = format!("# {} — annotation guidelines\n\n", config.name);
    out.push_str("Mark the shortest span that names the thing; do not include surrounding punctuation.\n\n");
    for label in &config.labels {
        out.push_str(&format!("## {} (key {})\n\n{}\n\n", label.name, label.hotkey, label.description));
    }
    out
}
