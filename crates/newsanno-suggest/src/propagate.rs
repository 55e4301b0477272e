//! Propagation: every text an annotator has labelled becomes a term for the
//! rest of the corpus ("you labelled 阿里云 as product 12 times").

use std::collections::BTreeMap;

use crate::terms::TermMatcher;
use newsanno_core::error::Result;
use newsanno_core::model::AnnotationFile;

/// What one annotator has labelled so far: per label, each text and how often.
#[derive(Debug, Clone, Default)]
pub struct Propagation {
    counts: BTreeMap<String, BTreeMap<String, usize>>,
    matchers: BTreeMap<String, TermMatcher>,
}

impl Propagation {
    /// Builds the terms from `files` (one annotator's), keeping texts of at
    /// least `min_chars` characters that are not only whitespace or digits.
    pub fn from_files<'a>(files: impl IntoIterator<Item = &'a AnnotationFile>, min_chars: usize) -> Result<Self> {
        Self::from_pairs(
            files.into_iter().flat_map(|f| f.spans.iter().map(|s| (s.label.as_str(), s.text.as_str()))),
            min_chars,
        )
    }

    /// Builds the terms from `(label, text)` pairs, one per labelled span.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, min_chars: usize) -> Result<Self> {
        let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (label, text) in pairs {
            if !Self::qualifies(text, min_chars) {
                continue;
            }
            *counts.entry(label.to_owned()).or_default().entry(text.to_owned()).or_default() += 1;
        }
        let mut matchers = BTreeMap::new();
        for (label, texts) in &counts {
            matchers.insert(label.clone(), TermMatcher::new(texts.keys())?);
        }
        Ok(Propagation { counts, matchers })
    }

    /// Whether a labelled `text` is propagated: at least `min_chars` characters,
    /// not only digits or whitespace, and no whitespace at its edges.
    pub fn qualifies(text: &str, min_chars: usize) -> bool {
        let trimmed = text.trim();
        trimmed == text
            && trimmed.chars().count() >= min_chars.max(1)
            && !trimmed.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
    }

    /// How often the annotator labelled `text` as `label`.
    pub fn count(&self, label: &str, text: &str) -> usize {
        self.counts.get(label).and_then(|t| t.get(text)).copied().unwrap_or(0)
    }

    /// The matcher for `label`, if anything was labelled with it.
    pub fn matcher(&self, label: &str) -> Option<&TermMatcher> {
        self.matchers.get(label)
    }

    /// Labels with propagated terms.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.matchers.keys().map(String::as_str)
    }

    /// Number of distinct (label, text) terms.
    pub fn len(&self) -> usize {
        self.counts.values().map(BTreeMap::len).sum()
    }

    /// Whether nothing is propagated.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
