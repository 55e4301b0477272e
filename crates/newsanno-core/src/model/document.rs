//! Documents: an imported article's identity, title, metadata and text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::IndexedText;

/// String metadata kept from the import (source, url, date, original id, ...).
pub type Metadata = BTreeMap<String, String>;

/// What is known about a document without reading its text: enough to list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// Stable id, safe as a file name on Linux, macOS and Windows.
    pub id: String,
    /// Headline shown in lists.
    pub title: String,
    /// Every other string field from the import.
    #[serde(default)]
    pub meta: Metadata,
    /// `sha256:` hash of the text (see [`crate::text::text_hash`]).
    pub text_hash: String,
    /// Length of the text in code points.
    pub chars: usize,
}

/// A document with its text loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Identity and metadata.
    pub entry: DocumentEntry,
    /// The immutable text, indexed for O(1) char slicing.
    pub text: IndexedText,
}

impl Document {
    /// A document that is not in a project (a text to snap or segment, a test):
    /// its title is the first line, its hash and length computed from `text`.
    pub fn from_text(id: &str, text: &str) -> Self {
        let entry = DocumentEntry {
            id: id.to_owned(),
            title: text.lines().next().unwrap_or_default().to_owned(),
            meta: Metadata::new(),
            text_hash: crate::text::text_hash(text),
            chars: text.chars().count(),
        };
        Document { entry, text: IndexedText::new(text.to_owned()) }
    }

    /// The document id.
    pub fn id(&self) -> &str {
        &self.entry.id
    }

    /// The text as a `&str`.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }
}
