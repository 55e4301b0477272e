//! The data every format reads into and writes from: documents with spans
//! (code points), relations and categories; and what the readers share (a
//! JSON Lines loop, name checks, UTF-16 offsets, the tail of a document).

use newsanno_core::error::{Error, Result};
use newsanno_core::model::Metadata;

/// Reads a JSON Lines file, handing each non-blank line's value, its 1-based
/// line number and the bytes read so far to `f`; invalid UTF-8 and invalid
/// JSON are errors naming `file:line`. Streams: memory does not grow with the file.
pub(crate) fn read_json_lines<T>(
    path: &std::path::Path,
    mut f: impl FnMut(&serde_json::Value, usize, u64) -> Result<T>,
) -> Result<Vec<T>> {
    use std::io::BufRead as _;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = std::io::BufReader::new(file);
    let (mut out, mut buf, mut line_no, mut offset) = (Vec::new(), Vec::new(), 0usize, 0usize);
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(out);
        }
        line_no += 1;
        let line = std::str::from_utf8(&buf).map_err(|e| Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: offset + e.valid_up_to(),
            line: line_no,
        })?;
        offset += n;
        let line = if line_no == 1 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| Error::at_line(path, line_no, format!("not valid JSON: {e}")))?;
        out.push(f(&value, line_no, offset as u64)?);
    }
}

/// Whether a label read from a foreign file can be a newsanno label; the
/// error says why not (readers add the file and line).
pub(crate) fn check_label(label: &str) -> std::result::Result<(), String> {
    if newsanno_core::model::is_valid_label_name(label) {
        Ok(())
    } else {
        Err(format!("{label:?} is not a label name (non-empty, no spaces, control characters or commas)"))
    }
}

/// Code-point range of UTF-16 range `[a, b)` in `text` (Label Studio,
/// doccano); an offset inside a surrogate pair, or an empty range, is an error.
pub fn char_range_from_utf16(text: &str, a: usize, b: usize) -> std::result::Result<(usize, usize), String> {
    use newsanno_core::text::char_from_utf16;
    let start = char_from_utf16(text, a).ok_or_else(|| format!("offset {a} is not on a character (UTF-16)"))?;
    let end = char_from_utf16(text, b).ok_or_else(|| format!("offset {b} is not on a character (UTF-16)"))?;
    if start >= end {
        return Err(format!("span [{a}, {b}) is empty or reversed"));
    }
    Ok((start, end))
}

/// A span as exported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename = "Span")]
pub struct ExportSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// `text[start:end]`.
    pub text: String,
}

/// A relation as exported or imported: its two ends as indices into the
/// document's `spans`, and its type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename = "Relation")]
pub struct ExportRelation {
    /// Index of the span it starts at (the head).
    pub from: usize,
    /// Index of the span it points to (the tail).
    pub to: usize,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether direction matters (false for a symmetric type such as `alias`).
    #[serde(default = "directed_by_default")]
    pub directed: bool,
}

fn directed_by_default() -> bool {
    true
}

/// A document as exported: its text and the source's spans and relations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDocument {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The full text.
    pub text: String,
    /// Metadata from the import.
    pub meta: Metadata,
    /// Spans, sorted by (start, end, label).
    pub spans: Vec<ExportSpan>,
    /// Relations between the spans, sorted.
    pub relations: Vec<ExportRelation>,
    /// The document's categories, sorted (majority: those K files have).
    pub categories: Vec<String>,
}

/// A document as a format's reader hands it over: text and spans, not yet
/// normalised or matched to the project (`import::annotated` does that).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDocument {
    /// Where it was read (`file:line`).
    pub origin: String,
    /// The id, when the file gives one.
    pub id: Option<String>,
    /// The text.
    pub text: String,
    /// String metadata.
    pub meta: Metadata,
    /// The spans (code points).
    pub spans: Vec<ExportSpan>,
    /// Relations between the spans (indices into `spans`).
    pub relations: Vec<ExportRelation>,
    /// The document's categories.
    pub categories: Vec<String>,
    /// What the reader could not take from this document (`x.ann: 2 E lines (events)`), said on import.
    pub not_taken: Vec<String>,
}

impl ImportedDocument {
    /// The tail every reader shares: spans sorted without duplicates (the
    /// relations' indices moved along), category names checked, sorted and
    /// without duplicates. The error is the message, for the reader to place.
    pub(crate) fn finished(mut self) -> std::result::Result<Self, String> {
        sort_spans_and_relations(&mut self.spans, &mut self.relations);
        for name in &self.categories {
            check_label(name)?;
        }
        self.categories.sort();
        self.categories.dedup();
        Ok(self)
    }
}

/// A document id as JSON formats write it: a string, or a number.
pub(crate) fn json_id(value: Option<&serde_json::Value>) -> Option<String> {
    value.and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_u64().map(|n| n.to_string())))
}

/// Sorts `spans` and drops duplicates, moving the relations' span indices
/// along and dropping duplicate relations (a symmetric one either way round).
pub(crate) fn sort_spans_and_relations(spans: &mut Vec<ExportSpan>, relations: &mut Vec<ExportRelation>) {
    let mut sorted = spans.clone();
    sorted.sort();
    sorted.dedup();
    let new_index = |old: usize| sorted.binary_search(&spans[old]).unwrap_or(old);
    for r in relations.iter_mut() {
        r.from = new_index(r.from);
        r.to = new_index(r.to);
        if !r.directed && r.from > r.to {
            std::mem::swap(&mut r.from, &mut r.to);
        }
    }
    relations.sort();
    relations.dedup();
    *spans = sorted;
}

/// A span a format could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Document id.
    pub document: String,
    /// The span.
    pub span: ExportSpan,
    /// Why.
    pub reason: String,
}
