//! The corpus: imported article texts, stored in immutable batches.
//!
//! Each import writes one batch, two files named after the time of import:
//!
//! - `corpus/<batch>.jsonl`: one article a line, `{"id","title","meta","text_hash","text"}`.
//! - `corpus/<batch>.index.jsonl`: the same without `text`, plus `chars`,
//!   `offset` and `len` (the byte range of the article's line in the batch).
//!
//! Opening a project reads only the indexes (a few hundred bytes per article),
//! so 100,000 articles list in a fraction of a second; a text is read on
//! demand with one seek. Batches are never rewritten, which keeps article
//! text immutable and lets teams sync the folder without conflicts. JSON
//! Lines keeps the texts readable from any language.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Document, DocumentEntry, Metadata};
use crate::store::atomic::{TEMP_PREFIX, set_shareable_permissions, sync_dir};
use crate::text::{IndexedText, text_hash};

const INDEX_SUFFIX: &str = ".index.jsonl";
const DATA_SUFFIX: &str = ".jsonl";

#[derive(Serialize, Deserialize)]
struct IndexLine {
    id: String,
    title: String,
    #[serde(default)]
    meta: Metadata,
    text_hash: String,
    chars: usize,
    offset: u64,
    len: u64,
}

// What BatchWriter writes: an IndexLine by reference, without copying it.
#[derive(Serialize)]
struct IndexLineRef<'a> {
    id: &'a str,
    title: &'a str,
    meta: &'a Metadata,
    text_hash: &'a str,
    chars: usize,
    offset: u64,
    len: u64,
}

#[derive(Serialize)]
struct RecordLine<'a> {
    id: &'a str,
    title: &'a str,
    meta: &'a Metadata,
    text_hash: &'a str,
    text: &'a str,
}

#[derive(Deserialize)]
struct OwnedRecordLine {
    id: String,
    text_hash: String,
    text: String,
}

#[derive(Debug, Clone, Copy)]
struct Location {
    batch: usize,
    offset: u64,
    len: u64,
}

/// The list of imported documents and the way to their texts.
#[derive(Debug, Default)]
pub struct Corpus {
    dir: PathBuf,
    batches: Vec<PathBuf>,
    entries: Vec<DocumentEntry>,
    locations: Vec<Location>,
    by_id: HashMap<String, usize>,
    warnings: Vec<String>,
}

impl Corpus {
    /// Reads every batch index under `dir` (the `corpus/` folder), in batch order.
    pub fn open(dir: &Path) -> Result<Self> {
        let mut corpus = Corpus { dir: dir.to_path_buf(), ..Corpus::default() };
        let mut index_files = Vec::new();
        let listing = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in listing {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(INDEX_SUFFIX) && !name.starts_with('.') {
                index_files.push(entry.path());
            }
        }
        index_files.sort();
        for index_path in index_files {
            corpus.read_index(&index_path)?;
        }
        Ok(corpus)
    }

    fn read_index(&mut self, index_path: &Path) -> Result<()> {
        let name = index_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = name.trim_end_matches(INDEX_SUFFIX);
        let data_path = self.dir.join(format!("{stem}{DATA_SUFFIX}"));
        if !data_path.is_file() {
            return Err(Error::invalid(index_path, format!("its texts {} are missing", data_path.display())));
        }
        let bytes = fs::read(index_path).map_err(|e| Error::io(index_path, e))?;
        let text = crate::text::str_from_utf8(&bytes, index_path)?;
        let batch = self.batches.len();
        self.batches.push(data_path);
        self.entries.reserve(text.len() / 200);
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let rec: IndexLine = serde_json::from_str(line)
                .map_err(|e| Error::at_line(index_path, i + 1, format!("bad index entry: {e}")))?;
            // Ids become file names; an index edited by hand must not smuggle in `../x`.
            if !crate::store::ids::is_safe_id(&rec.id) {
                self.warnings.push(format!(
                    "{}:{}: document id {:?} is not safe as a file name; ignored",
                    index_path.display(),
                    i + 1,
                    rec.id
                ));
                continue;
            }
            if self.by_id.contains_key(&rec.id) {
                self.warnings.push(format!(
                    "{}:{}: document id {:?} was already imported by an earlier batch; the earlier one is used",
                    index_path.display(),
                    i + 1,
                    rec.id
                ));
                continue;
            }
            self.by_id.insert(rec.id.clone(), self.entries.len());
            self.locations.push(Location { batch, offset: rec.offset, len: rec.len });
            self.entries.push(DocumentEntry {
                id: rec.id,
                title: rec.title,
                meta: rec.meta,
                text_hash: rec.text_hash,
                chars: rec.chars,
            });
        }
        Ok(())
    }

    /// Every document, in import order.
    pub fn entries(&self) -> &[DocumentEntry] {
        &self.entries
    }

    /// Position of document `id` in [`Corpus::entries`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Problems noticed while opening (duplicate ids across batches).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Reads the document at `position` with its text, checking the text against its hash.
    pub fn load(&self, position: usize) -> Result<Document> {
        let entry =
            self.entries.get(position).ok_or_else(|| Error::Usage(format!("no document at position {position}")))?;
        let loc = self.locations[position];
        let path = &self.batches[loc.batch];
        let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
        file.seek(SeekFrom::Start(loc.offset)).map_err(|e| Error::io(path, e))?;
        let mut buf = vec![0; usize::try_from(loc.len).unwrap_or(usize::MAX)];
        file.read_exact(&mut buf).map_err(|e| Error::io(path, e))?;
        let record: OwnedRecordLine = serde_json::from_slice(&buf).map_err(|e| {
            Error::invalid(path, format!("record of {:?} at byte {} is damaged: {e}", entry.id, loc.offset))
        })?;
        if record.id != entry.id || record.text_hash != entry.text_hash || text_hash(&record.text) != entry.text_hash {
            return Err(Error::invalid(
                path,
                format!("record of {:?} at byte {} does not match its index (damaged or edited)", entry.id, loc.offset),
            ));
        }
        Ok(Document { entry: entry.clone(), text: IndexedText::new(record.text) })
    }
}

/// Writes one import batch: texts and index lines stream to two temporary
/// files as articles are accepted, so memory stays flat however large the
/// input; nothing becomes visible until [`BatchWriter::commit`], and dropping
/// the writer without committing leaves the corpus untouched.
pub struct BatchWriter {
    dir: PathBuf,
    texts: Spool,
    index: Spool,
    offset: u64,
    count: usize,
}

// A temporary file in the corpus folder and a buffered writer on it.
struct Spool {
    temp: tempfile::NamedTempFile,
    out: BufWriter<File>,
}

impl Spool {
    fn create(dir: &Path, suffix: &str) -> Result<Self> {
        let temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(suffix)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        let handle = temp.reopen().map_err(|e| Error::io(temp.path(), e))?;
        Ok(Spool { temp, out: BufWriter::new(handle) })
    }

    fn write_line(&mut self, value: &impl Serialize) -> Result<u64> {
        let mut line = serde_json::to_vec(value).map_err(|e| Error::invalid(self.temp.path(), e.to_string()))?;
        line.push(b'\n');
        self.out.write_all(&line).map_err(|e| Error::io(self.temp.path(), e))?;
        Ok(line.len() as u64)
    }

    // Flushed, fsynced, then renamed to `path`.
    fn persist(self, path: &Path) -> Result<()> {
        let Spool { temp, mut out } = self;
        out.flush().map_err(|e| Error::io(path, e))?;
        out.get_ref().sync_all().map_err(|e| Error::io(path, e))?;
        drop(out);
        set_shareable_permissions(temp.as_file(), path)?;
        temp.into_temp_path().persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }
}

impl BatchWriter {
    /// Starts a batch in `dir` (the `corpus/` folder).
    pub fn create(dir: &Path) -> Result<Self> {
        Ok(BatchWriter {
            dir: dir.to_path_buf(),
            texts: Spool::create(dir, ".import")?,
            index: Spool::create(dir, ".import-index")?,
            offset: 0,
            count: 0,
        })
    }

    /// Appends one article. The caller has made `entry.id` safe and unique.
    pub fn push(&mut self, entry: &DocumentEntry, text: &str) -> Result<()> {
        let record =
            RecordLine { id: &entry.id, title: &entry.title, meta: &entry.meta, text_hash: &entry.text_hash, text };
        let len = self.texts.write_line(&record)?;
        self.index.write_line(&IndexLineRef {
            id: &entry.id,
            title: &entry.title,
            meta: &entry.meta,
            text_hash: &entry.text_hash,
            chars: entry.chars,
            offset: self.offset,
            // The trailing newline is not part of the record.
            len: len - 1,
        })?;
        self.offset += len;
        self.count += 1;
        Ok(())
    }

    /// Number of articles pushed so far.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Makes the batch durable and visible; returns the path of its text file.
    /// Texts go first and the index last, so a crash in between leaves an
    /// unindexed file that is ignored, never an index pointing at nothing.
    pub fn commit(self) -> Result<PathBuf> {
        let BatchWriter { dir, texts, index, .. } = self;
        let name = batch_name();
        let data_path = dir.join(format!("{name}{DATA_SUFFIX}"));
        texts.persist(&data_path)?;
        sync_dir(&dir)?;
        index.persist(&dir.join(format!("{name}{INDEX_SUFFIX}")))?;
        sync_dir(&dir)?;
        Ok(data_path)
    }
}

// `20261126T214937Z-1a2b`: sorts in import order; the random tail keeps two
// teammates importing in the same second from colliding in a synced folder.
fn batch_name() -> String {
    let now = time::OffsetDateTime::now_utc();
    let stamp = now
        .format(time::macros::format_description!("[year][month][day]T[hour][minute][second]Z"))
        .unwrap_or_else(|_| now.unix_timestamp().to_string());
    let seed = format!("{}-{}-{:?}", now.unix_timestamp_nanos(), std::process::id(), std::thread::current().id());
    let tail = &text_hash(&seed)[crate::text::HASH_PREFIX.len()..][..6];
    format!("{stamp}-{tail}")
}
