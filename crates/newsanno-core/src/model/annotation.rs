//! One annotator's work on one document: status, comment and spans.
//!
//! These types are the in-memory form of annotation format v1; the RON text
//! form is written and read by [`crate::store::annotation_file`].

use serde::{Deserialize, Serialize};

use crate::model::Relation;
use crate::text::IndexedText;

/// Major version of the annotation format this library writes. A reader
/// meeting another major version stops with an error.
pub const FORMAT_MAJOR: u32 = 1;
/// Newest minor version this library reads and writes. Minor versions only
/// add optional fields: 1.1 added a span's `source` and the file's `rejected`,
/// 1.2 the file's `relations`, 1.3 its `categories` and `active_seconds`, 1.4
/// a span's `attributes` and `link`.
pub const FORMAT_MINOR: u32 = 4;
/// `FORMAT_MAJOR.FORMAT_MINOR`, the newest version this library writes.
pub const FORMAT_VERSION: &str = "1.4";
/// The version a file with categories or active time but no 1.4 field is written as.
pub const FORMAT_VERSION_CATEGORIES: &str = "1.3";
/// The version a file with relations but no 1.3 field is written as.
pub const FORMAT_VERSION_RELATIONS: &str = "1.2";
/// The version a file with a span source or a rejection but no relation is written as.
pub const FORMAT_VERSION_SUGGESTIONS: &str = "1.1";
/// The version a file without any 1.1 or 1.2 field is written as, so that older
/// newsanno versions can still edit it (see [`AnnotationFile::minimal_version`]).
pub const FORMAT_VERSION_BASE: &str = "1.0";

/// How far an annotator is with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub enum Status {
    /// Opened, nothing done yet.
    #[default]
    NotStarted,
    /// Work has begun.
    InProgress,
    /// The annotator considers the document finished.
    Done,
    /// Deliberately left out (off-topic, duplicate, ...).
    Skipped,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 4] = [Status::NotStarted, Status::InProgress, Status::Done, Status::Skipped];

    /// Lower-case words for tables and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }
}

/// Where a span came from. Written as a string: `manual` (the default, not
/// written), `terms:<file>`, `pattern:<name>`, `pos`, `propagated` or `model`; any
/// other string (from a newer newsanno) is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum SpanSource {
    /// Drawn by the annotator.
    #[default]
    Manual,
    /// An accepted suggestion from a term list (its file, relative to the project).
    Terms(String),
    /// An accepted suggestion from a named regular expression.
    Pattern(String),
    /// An accepted suggestion from jieba's part-of-speech tags.
    Pos,
    /// An accepted suggestion propagated from the annotator's own earlier spans.
    Propagated,
    /// An accepted suggestion of the learning suggester (the CRF, `model`).
    Model,
    /// A source this version does not know, kept verbatim.
    Other(String),
}

impl SpanSource {
    /// Whether this is the default (hand-made) source, which files omit.
    pub fn is_manual(&self) -> bool {
        *self == SpanSource::Manual
    }

    /// The kind without its detail: `manual`, `terms`, `pattern`, `pos`, `propagated`, `model` or the unknown string.
    pub fn kind(&self) -> &str {
        match self {
            SpanSource::Manual => "manual",
            SpanSource::Terms(_) => "terms",
            SpanSource::Pattern(_) => "pattern",
            SpanSource::Pos => "pos",
            SpanSource::Propagated => "propagated",
            SpanSource::Model => "model",
            SpanSource::Other(s) => s,
        }
    }
}

impl std::fmt::Display for SpanSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpanSource::Terms(file) => write!(f, "terms:{file}"),
            SpanSource::Pattern(name) => write!(f, "pattern:{name}"),
            SpanSource::Other(s) => f.write_str(s),
            other => f.write_str(other.kind()),
        }
    }
}

impl From<&str> for SpanSource {
    fn from(s: &str) -> Self {
        match s {
            "manual" => SpanSource::Manual,
            "pos" => SpanSource::Pos,
            "propagated" => SpanSource::Propagated,
            "model" => SpanSource::Model,
            _ => match s.split_once(':') {
                Some(("terms", file)) => SpanSource::Terms(file.to_owned()),
                Some(("pattern", name)) => SpanSource::Pattern(name.to_owned()),
                _ => SpanSource::Other(s.to_owned()),
            },
        }
    }
}

impl Serialize for SpanSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SpanSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(SpanSource::from(s.as_str()))
    }
}

/// A suggestion the annotator turned down: it is not offered again in this document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rejected {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label that was suggested.
    pub label: String,
}

/// A labelled character range `[start, end)` in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Unique within its file; a new span takes one more than the largest id present.
    pub id: u64,
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point (exclusive).
    pub end: usize,
    /// Label name from `project.ron` (unknown names are kept, with a warning).
    pub label: String,
    /// `text[start:end]`, redundant on purpose so any reader can verify offsets.
    pub text: String,
    /// Free-form remark by the annotator.
    #[serde(default)]
    pub note: Option<String>,
    /// Where it came from (format 1.1; absent means `manual`).
    #[serde(default, skip_serializing_if = "SpanSource::is_manual")]
    pub source: SpanSource,
    /// Attribute values by name (format 1.4; absent means none).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub attributes: crate::model::Attributes,
    /// The knowledge-base entry it refers to, or NIL (format 1.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<crate::model::Link>,
}

/// What makes a span the same span across annotators' files: its range and
/// label (ids are per file). Agreement, review and adjudication compare these.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpanKey {
    /// First code point.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Label name.
    pub label: String,
}

impl SpanKey {
    /// The key of `[start, end)` with `label`.
    pub fn new(start: usize, end: usize, label: &str) -> Self {
        SpanKey { start, end, label: label.to_owned() }
    }
}

impl Span {
    /// A hand-made span (no note, source, attributes or link) with `id` over `[start, end)`.
    pub fn manual(id: u64, start: usize, end: usize, label: String, text: String) -> Self {
        Span {
            id,
            start,
            end,
            label,
            text,
            note: None,
            source: SpanSource::Manual,
            attributes: Default::default(),
            link: None,
        }
    }

    /// This span's key (range and label).
    pub fn key(&self) -> SpanKey {
        SpanKey::new(self.start, self.end, &self.label)
    }
}

/// Why a span edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// `start >= end` or `end` past the end of the text.
    #[error("span [{start}, {end}) is empty or outside the text of {len} characters")]
    OutOfRange {
        /// Requested start.
        start: usize,
        /// Requested end.
        end: usize,
        /// Length of the document in code points.
        len: usize,
    },
    /// The same label already covers exactly this range.
    #[error("[{start}, {end}) is already labelled {label}")]
    Duplicate {
        /// Start of the existing span.
        start: usize,
        /// End of the existing span.
        end: usize,
        /// Its label.
        label: String,
    },
    /// No span has this id.
    #[error("no span with id {0}")]
    NoSuchSpan(u64),
}

/// The content of one annotation file: one document, one annotator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationFile {
    /// Format version, `"MAJOR.MINOR"`.
    pub version: String,
    /// Id of the annotated document.
    pub document: String,
    /// Who made it; equals the folder name under `annotations/`.
    pub annotator: String,
    /// Hash of the text the spans were made on (see [`crate::text::text_hash`]).
    pub text_hash: String,
    /// Workflow status.
    pub status: Status,
    /// Last modification, UTC, RFC 3339 (`2026-11-26T21:49:37Z`).
    pub modified: String,
    /// A comment on the whole document.
    #[serde(default)]
    pub comment: String,
    /// The document's categories (project.ron's `categories`), sorted (format 1.3; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Seconds of input in the window on this document, idle gaps over a
    /// minute not counted (format 1.3; absent means 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub active_seconds: u64,
    /// The spans, sorted by (start, end, label, id).
    #[serde(default)]
    pub spans: Vec<Span>,
    /// Links between the spans, sorted by id (format 1.2; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Suggestions turned down, sorted (format 1.1; absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl AnnotationFile {
    /// An empty file for `document` by `annotator`, made on text with `text_hash`.
    pub fn new(document: &str, annotator: &str, text_hash: &str) -> Self {
        AnnotationFile {
            version: FORMAT_VERSION_BASE.to_owned(),
            document: document.to_owned(),
            annotator: annotator.to_owned(),
            text_hash: text_hash.to_owned(),
            status: Status::NotStarted,
            modified: String::new(),
            comment: String::new(),
            categories: Vec::new(),
            active_seconds: 0,
            spans: Vec::new(),
            relations: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// The oldest format version that holds everything in this file: `1.4`
    /// when a span has attributes or a link, `1.3` with categories or active time, else `1.2` with relations, else `1.1`
    /// when a span has a source or a suggestion was rejected, else `1.0`.
    /// Saving writes it, so files without the newer fields stay editable by older versions.
    pub fn minimal_version(&self) -> &'static str {
        if self.spans.iter().any(|s| !s.attributes.is_empty() || s.link.is_some()) {
            FORMAT_VERSION
        } else if !self.categories.is_empty() || self.active_seconds > 0 {
            FORMAT_VERSION_CATEGORIES
        } else if !self.relations.is_empty() {
            FORMAT_VERSION_RELATIONS
        } else if self.rejected.is_empty() && self.spans.iter().all(|s| s.source.is_manual()) {
            FORMAT_VERSION_BASE
        } else {
            FORMAT_VERSION_SUGGESTIONS
        }
    }

    /// The id the next new relation gets: one more than the largest id present.
    pub fn next_relation_id(&self) -> u64 {
        self.relations.iter().map(|r| r.id).max().map_or(1, |m| m + 1)
    }

    /// The relation with `id`.
    pub fn relation(&self, id: u64) -> Option<&Relation> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// Each relation with its two spans, ends in the order relations are
    /// compared across files: a symmetric type's by span key (so `a — b` and
    /// `b — a` come out alike). Relations to a missing span and self-links are left out.
    pub fn linked_spans<'a>(
        &'a self,
        types: &'a [crate::model::RelationType],
    ) -> impl Iterator<Item = (&'a Span, &'a Span, &'a Relation)> + 'a {
        self.relations.iter().filter(|r| r.from != r.to).filter_map(move |r| {
            let (a, b) = (self.span(r.from)?, self.span(r.to)?);
            let swap = !crate::model::is_directed(types, &r.kind) && b.key() < a.key();
            Some(if swap { (b, a, r) } else { (a, b, r) })
        })
    }

    /// The relations that start or end at span `id`, in file order.
    pub fn relations_of(&self, id: u64) -> impl Iterator<Item = &Relation> {
        self.relations.iter().filter(move |r| r.touches(id))
    }

    /// The id the next new span gets: one more than the largest id present.
    pub fn next_span_id(&self) -> u64 {
        self.spans.iter().map(|s| s.id).max().map_or(1, |m| m + 1)
    }

    /// Adds a span over `[start, end)` of `text` with `label`; returns its id.
    /// Refuses empty or out-of-range spans and an exact duplicate (same range,
    /// same label). Different labels may nest or overlap freely.
    pub fn add_span(&mut self, text: &IndexedText, start: usize, end: usize, label: &str) -> Result<u64, SpanError> {
        let covered = match text.slice(start, end) {
            Some(s) if start < end => s.to_owned(),
            _ => return Err(SpanError::OutOfRange { start, end, len: text.char_len() }),
        };
        if self.has(start, end, label) {
            return Err(SpanError::Duplicate { start, end, label: label.to_owned() });
        }
        let id = self.next_span_id();
        self.spans.push(Span {
            id,
            start,
            end,
            label: label.to_owned(),
            text: covered,
            note: None,
            source: SpanSource::Manual,
            attributes: Default::default(),
            link: None,
        });
        self.sort_spans();
        Ok(id)
    }

    /// Removes the span with `id` and returns it.
    pub fn remove_span(&mut self, id: u64) -> Result<Span, SpanError> {
        let pos = self.spans.iter().position(|s| s.id == id).ok_or(SpanError::NoSuchSpan(id))?;
        Ok(self.spans.remove(pos))
    }

    /// The span with `id`.
    pub fn span(&self, id: u64) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// The spans covering code point `at`, innermost first (shortest, then
    /// earlier, then older): what a click, or the caret, on that character selects.
    pub fn spans_at(&self, at: usize) -> Vec<&Span> {
        let mut hits: Vec<&Span> = self.spans.iter().filter(|s| s.start <= at && at < s.end).collect();
        hits.sort_by_key(|s| (s.end - s.start, s.start, s.id));
        hits
    }

    /// The span over exactly `[start, end)` with `label`, if there is one.
    pub fn find(&self, start: usize, end: usize, label: &str) -> Option<&Span> {
        self.spans.iter().find(|s| s.start == start && s.end == end && s.label == label)
    }

    /// Whether a span over exactly `[start, end)` has `label`.
    pub fn has(&self, start: usize, end: usize, label: &str) -> bool {
        self.find(start, end, label).is_some()
    }

    /// Puts spans in the stable file order: start, end, label, then id.
    pub fn sort_spans(&mut self) {
        self.spans.sort_by(|a, b| (a.start, a.end, &a.label, a.id).cmp(&(b.start, b.end, &b.label, b.id)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> IndexedText {
        IndexedText::new("𠮷张勇在发布会上介绍了钉钉😀".to_owned())
    }

    #[test]
    fn spans_are_sorted_and_carry_their_text() {
        let text = text();
        let mut file = AnnotationFile::new("d", "alice", "sha256:x");
        let late = file.add_span(&text, 11, 13, "product").unwrap();
        let early = file.add_span(&text, 1, 3, "executive").unwrap();
        assert_eq!((late, early), (1, 2));
        assert_eq!(file.spans[0].text, "张勇");
        assert_eq!(file.spans[1].text, "钉钉");
        // Nested with another label is fine; the same label on the same range is not.
        file.add_span(&text, 0, 3, "executive").unwrap();
        file.add_span(&text, 1, 3, "product").unwrap();
        assert_eq!(
            file.add_span(&text, 1, 3, "executive"),
            Err(SpanError::Duplicate { start: 1, end: 3, label: "executive".into() })
        );
        let order: Vec<_> = file.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
        assert_eq!(order, [(0, 3, "executive"), (1, 3, "executive"), (1, 3, "product"), (11, 13, "product")]);
    }

    #[test]
    fn out_of_range_and_empty_spans_are_refused() {
        let text = text();
        let mut file = AnnotationFile::new("d", "alice", "sha256:x");
        assert!(matches!(file.add_span(&text, 3, 3, "event"), Err(SpanError::OutOfRange { .. })));
        assert!(matches!(file.add_span(&text, 13, 15, "event"), Err(SpanError::OutOfRange { .. })));
        assert_eq!(
            file.add_span(&text, 13, 14, "event").map(|id| file.span(id).unwrap().text.clone()),
            Ok("😀".into())
        );
    }

    #[test]
    fn new_ids_follow_the_largest_present() {
        let text = text();
        let mut file = AnnotationFile::new("d", "alice", "sha256:x");
        let a = file.add_span(&text, 1, 3, "executive").unwrap();
        let b = file.add_span(&text, 11, 13, "product").unwrap();
        file.remove_span(a).unwrap();
        assert_eq!(file.next_span_id(), b + 1);
        assert_eq!(file.remove_span(a), Err(SpanError::NoSuchSpan(a)));
    }
}
