//! Importing articles into a project's corpus from .txt files, folders of
//! them, JSON Lines and CSV; and annotated files (`annotated`: the spans of
//! any format `formats` reads, attached to one annotator).
//!
//! An import is all or nothing: records stream into a temporary batch, and
//! if any input fails (invalid UTF-8, a malformed record, duplicate ids) the
//! batch is dropped and the corpus is as it was. Texts are normalised only by
//! stripping a UTF-8 BOM and turning `\r\n` and `\r` into `\n` (see
//! [`newsanno_core::text::normalize_text`]).

pub mod annotated;
mod csv_file;
mod jsonl_file;
mod txt_file;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use newsanno_core::error::{Error, Result};
use newsanno_core::model::{DocumentEntry, Metadata};
use newsanno_core::store::corpus::BatchWriter;
use newsanno_core::store::ids::{collision_key, derive_safe_id, is_safe_id};
use newsanno_core::store::{CORPUS_DIR, Project};
use newsanno_core::text::{normalize_text, text_hash};

/// Field names tried, in order, for the article text of JSONL and CSV records.
pub const TEXT_FIELDS: [&str; 3] = ["text", "content", "body"];
/// Metadata key that keeps an id that had to be changed.
pub const ORIGINAL_ID_KEY: &str = "original_id";
/// Metadata key naming the .txt file an article came from.
pub const SOURCE_FILE_KEY: &str = "source_file";
/// Longest derived title, in characters.
const MAX_TITLE_CHARS: usize = 100;

/// How records are read.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Field holding the text (default: first of `text`, `content`, `body`).
    pub text_field: Option<String>,
    /// Field holding the title (default: `title`; else the first non-empty line).
    pub title_field: Option<String>,
    /// Field holding the id (default: `id`; else derived from file and line).
    pub id_field: Option<String>,
    /// Suffix duplicate ids (`-2`, `-3`, ...) instead of failing.
    pub rename_duplicates: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Documents added.
    pub imported: usize,
    /// Characters (code points) added.
    pub chars: usize,
    /// Records skipped because their text was empty or only whitespace (where they were).
    pub skipped_empty: Vec<String>,
    /// Records skipped because the same id with the same text is already in the project.
    pub skipped_existing: usize,
    /// Ids that were unsafe or collided by case and were derived (original kept in metadata).
    pub derived_ids: usize,
    /// Duplicate ids that were suffixed (with `rename_duplicates`).
    pub renamed: usize,
    /// The new batch file, when anything was imported.
    pub batch: Option<PathBuf>,
}

/// One article as read from an input, before ids are settled.
#[derive(Debug, Clone)]
pub(crate) struct RawArticle {
    /// `file:line` or `file`, for messages.
    pub origin: String,
    /// The id the input gives, or one derived from file and line.
    pub id: String,
    /// The title the input gives.
    pub title: Option<String>,
    /// The text as read (normalised later).
    pub text: String,
    /// Other string fields.
    pub meta: Metadata,
    /// Bytes of the input file read up to the end of this record (for progress).
    pub read_to: u64,
}

/// Field-name choices shared by the JSONL and CSV readers.
pub(crate) struct Fields<'a> {
    pub text: Option<&'a str>,
    pub title: &'a str,
    pub id: &'a str,
}

impl<'a> Fields<'a> {
    fn from_options(options: &'a ImportOptions) -> Self {
        Fields {
            text: options.text_field.as_deref(),
            title: options.title_field.as_deref().unwrap_or("title"),
            id: options.id_field.as_deref().unwrap_or("id"),
        }
    }

    /// Which of `available` holds the text.
    pub fn text_field<'b>(&self, available: impl Fn(&str) -> bool) -> Option<&'b str>
    where
        'a: 'b,
    {
        match self.text {
            Some(name) => available(name).then_some(name),
            None => TEXT_FIELDS.into_iter().find(|f| available(f)),
        }
    }

    /// What to say when no text field is found.
    pub fn missing_text_message(&self) -> String {
        match self.text {
            Some(name) => format!("no text field {name:?}"),
            None => format!("no text field (looked for {})", TEXT_FIELDS.join(", ")),
        }
    }
}

/// Reports progress as (bytes done, bytes total).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Imports every path (a .txt file, a folder of .txt files, .jsonl/.ndjson or
/// .csv) into `project` as one batch. Nothing is imported if anything fails.
pub fn import_paths(
    project: &Project,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: Progress<'_>,
) -> Result<ImportSummary> {
    let mut inputs = Vec::new();
    for path in paths {
        collect_inputs(path, &mut inputs)?;
    }
    let total: u64 = inputs.iter().map(|i| i.bytes).sum();
    let mut done = 0;
    progress(0, total);

    let corpus_dir = project.root().join(CORPUS_DIR);
    fs::create_dir_all(&corpus_dir).map_err(|e| Error::io(&corpus_dir, e))?;
    project.check_inside(&corpus_dir)?;
    let mut batch = BatchWriter::create(&corpus_dir)?;
    let mut ids = IdAssigner::new(project, options.rename_duplicates);
    let mut summary = ImportSummary::default();
    let fields = Fields::from_options(options);

    for input in &inputs {
        let mut accept = |raw: RawArticle| {
            progress(done + raw.read_to.min(input.bytes), total);
            ids.accept(raw, &mut batch, &mut summary)
        };
        match input.kind {
            InputKind::Txt => txt_file::read(&input.path, &input.id_base, &mut accept)?,
            InputKind::Jsonl => jsonl_file::read(&input.path, &fields, &mut accept)?,
            InputKind::Csv => csv_file::read(&input.path, &fields, &mut accept)?,
        }
        done += input.bytes;
        progress(done, total);
    }
    if let Some(message) = ids.duplicates_message() {
        return Err(Error::invalid(&inputs[0].path, message));
    }
    if !batch.is_empty() {
        summary.batch = Some(batch.commit()?);
    }
    Ok(summary)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Txt,
    Jsonl,
    Csv,
}

struct Input {
    path: PathBuf,
    kind: InputKind,
    bytes: u64,
    // For .txt: the id the file gets (its path below the imported folder, without extension).
    id_base: String,
}

fn collect_inputs(path: &Path, out: &mut Vec<Input>) -> Result<()> {
    let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        txt_files_under(path, &mut files)?;
        files.sort();
        if files.is_empty() {
            return Err(Error::invalid(path, "no .txt files in this folder"));
        }
        for file in files {
            let relative = file.strip_prefix(path).unwrap_or(&file).with_extension("");
            let id_base: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let bytes = fs::metadata(&file).map_err(|e| Error::io(&file, e))?.len();
            out.push(Input { path: file, kind: InputKind::Txt, bytes, id_base: id_base.join("-") });
        }
        return Ok(());
    }
    if meta.len() == 0 {
        return Err(Error::invalid(path, "the file is empty (0 bytes); nothing was imported"));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let kind = match ext.as_str() {
        "txt" => InputKind::Txt,
        "jsonl" | "ndjson" => InputKind::Jsonl,
        "csv" => InputKind::Csv,
        _ => {
            return Err(Error::invalid(
                path,
                "unsupported input: expected a .txt, .jsonl, .ndjson or .csv file, or a folder",
            ));
        }
    };
    let id_base = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    out.push(Input { path: path.to_path_buf(), kind, bytes: meta.len(), id_base });
    Ok(())
}

fn txt_files_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // file_type() does not follow symlinks, so a linked folder cannot loop us.
        let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if file_type.is_dir() {
            txt_files_under(&path, out)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            out.push(path);
        }
    }
    Ok(())
}

// A NUL character never belongs in a news article; it almost always means the
// file is UTF-16 (Windows "Unicode") or binary, which would otherwise import
// as text with a NUL between every letter.
fn refuse_nul(path: &Path, line: usize, text: &str) -> Result<()> {
    match text.find('\0') {
        None => Ok(()),
        Some(byte) => Err(Error::at_line(
            path,
            line,
            format!(
                "NUL character at character {} of the text: the file looks like UTF-16 or binary data; \
                 save it as UTF-8",
                text[..byte].chars().count()
            ),
        )),
    }
}

/// The first non-empty line, trimmed and cut to a list-friendly length.
pub fn title_from_text(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    line.chars().take(MAX_TITLE_CHARS).collect()
}

// Settles each record's id: keeps a safe, unique one; derives one for unsafe
// or case-colliding ids; and handles exact duplicates (error or suffix).
struct IdAssigner<'p> {
    project: &'p Project,
    rename: bool,
    // collision key → (id, origin) for ids taken in this import
    taken: HashMap<String, (String, String)>,
    existing: HashMap<String, usize>,
    duplicates: Vec<String>,
}

impl<'p> IdAssigner<'p> {
    fn new(project: &'p Project, rename: bool) -> Self {
        let existing = project.documents().iter().enumerate().map(|(i, e)| (collision_key(&e.id), i)).collect();
        IdAssigner { project, rename, taken: HashMap::new(), existing, duplicates: Vec::new() }
    }

    fn owner(&self, id: &str) -> Option<(String, String)> {
        let key = collision_key(id);
        if let Some((taken, origin)) = self.taken.get(&key) {
            return Some((taken.clone(), origin.clone()));
        }
        self.existing.get(&key).map(|&i| (self.project.documents()[i].id.clone(), "the project".to_owned()))
    }

    fn accept(&mut self, raw: RawArticle, batch: &mut BatchWriter, summary: &mut ImportSummary) -> Result<()> {
        let text = normalize_text(&raw.text);
        if text.trim().is_empty() {
            summary.skipped_empty.push(raw.origin);
            return Ok(());
        }
        let hash = text_hash(&text);
        let mut meta = raw.meta;
        let mut id = raw.id.clone();
        if !is_safe_id(&id) {
            id = derive_safe_id(&raw.id);
            summary.derived_ids += 1;
        }
        if let Some((owner, origin)) = self.owner(&id) {
            if owner == id {
                let same_text = self.project.document_entry(&id).is_some_and(|e| e.text_hash == hash);
                if same_text && origin == "the project" {
                    summary.skipped_existing += 1;
                    return Ok(());
                }
                if !self.rename {
                    self.duplicates.push(format!("{:?} at {} (also at {origin})", raw.id, raw.origin));
                    return Ok(());
                }
                id = (2..).map(|n| format!("{id}-{n}")).find(|c| self.owner(c).is_none()).unwrap_or(id);
                summary.renamed += 1;
            } else {
                // Differs only by letter case: fine on Linux, a clash on macOS and Windows.
                id = derive_safe_id(&raw.id);
                summary.derived_ids += 1;
            }
        }
        if id != raw.id {
            meta.insert(ORIGINAL_ID_KEY.to_owned(), raw.id.clone());
        }
        let chars = text.chars().count();
        let title = match raw.title.map(|t| t.trim().to_owned()) {
            Some(t) if !t.is_empty() => t,
            _ => title_from_text(&text),
        };
        let entry = DocumentEntry { id: id.clone(), title, meta, text_hash: hash, chars };
        batch.push(&entry, &text)?;
        self.taken.insert(collision_key(&id), (id, raw.origin));
        summary.imported += 1;
        summary.chars += chars;
        Ok(())
    }

    fn duplicates_message(&self) -> Option<String> {
        if self.duplicates.is_empty() {
            return None;
        }
        let shown: Vec<&str> = self.duplicates.iter().take(20).map(String::as_str).collect();
        let more = self.duplicates.len().saturating_sub(shown.len());
        let mut message = format!(
            "{} duplicate id(s); nothing was imported (use --rename-duplicates to suffix them): {}",
            self.duplicates.len(),
            shown.join("; ")
        );
        if more > 0 {
            message.push_str(&format!("; and {more} more"));
        }
        Some(message)
    }
}
