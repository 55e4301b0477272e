//! Word-level BIO over jieba tokens (with the project's dictionary): the
//! same file shape as [`crate::bio`] but one *word* a line. Spans
//! keep their exact characters: where a span boundary falls inside a token,
//! the token is split there (never the span shifted) and the split is counted.

use std::io::Write;
use std::path::Path;

use crate::bio::{Scheme, flat_spans};
use crate::document::Dropped;
use crate::document::ExportDocument;
use crate::document::ImportedDocument;
use newsanno_core::error::Result;
use newsanno_core::segment::Segmenter;

/// What a word-level export did beyond the spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordStats {
    /// Tokens split because a span boundary fell inside them.
    pub split_tokens: usize,
    /// Tokens written.
    pub tokens: usize,
}

/// Writes `docs` one word a line; returns dropped spans (overlaps, as in bio) and word statistics.
pub fn write(
    docs: &[ExportDocument],
    segmenter: &Segmenter,
    scheme: Scheme,
    sentence_ends: &str,
    out: &mut dyn Write,
) -> std::io::Result<(Vec<Dropped>, WordStats)> {
    let mut dropped_all = Vec::new();
    let mut stats = WordStats::default();
    let mut buf = String::new();
    for doc in docs {
        let (spans, dropped) = flat_spans(doc);
        dropped_all.extend(dropped);
        let chars: Vec<char> = doc.text.chars().collect();
        // Token boundaries, plus every span boundary (splitting tokens where needed).
        let mut bounds: Vec<usize> = segmenter.tokenize(&doc.text).into_iter().map(|(_, e)| e).collect();
        bounds.insert(0, 0);
        let token_bounds: std::collections::BTreeSet<usize> = bounds.iter().copied().collect();
        let mut all: std::collections::BTreeSet<usize> = token_bounds.clone();
        for s in &spans {
            for b in [s.start, s.end] {
                if all.insert(b) {
                    stats.split_tokens += 1;
                }
            }
        }
        // Sentences as every sentence-level format cuts them (closing quotes kept, never inside a
        // span); a sentence boundary inside a token splits it too.
        let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        let sentences = newsanno_core::sentences::sentences(&chars, sentence_ends, &ranges);
        for &(_, end) in &sentences {
            if all.insert(end) {
                stats.split_tokens += 1;
            }
        }
        let bounds: Vec<usize> = all.into_iter().collect();
        buf.clear();
        buf.push_str("-DOCSTART-\t");
        buf.push_str(&doc.id);
        buf.push_str("\n\n");
        let ends: std::collections::BTreeSet<usize> = sentences.iter().map(|&(_, e)| e).collect();
        let mut open = false;
        for w in bounds.windows(2) {
            let (a, b) = (w[0], w[1]);
            let token: String = chars[a..b].iter().collect();
            let span = spans.iter().find(|s| s.start <= a && b <= s.end);
            let tag = match (span, scheme) {
                (None, _) => "O".to_owned(),
                (Some(s), Scheme::Iob2) => format!("{}-{}", if a == s.start { "B" } else { "I" }, s.label),
                (Some(s), Scheme::Bioes) => {
                    let p = match (a == s.start, b == s.end) {
                        (true, true) => "S",
                        (true, false) => "B",
                        (false, true) => "E",
                        (false, false) => "I",
                    };
                    format!("{p}-{}", s.label)
                }
            };
            token.chars().for_each(|c| crate::bio::escape(c, &mut buf));
            buf.push('\t');
            buf.push_str(&tag);
            buf.push('\n');
            stats.tokens += 1;
            open = true;
            if ends.contains(&b) {
                buf.push('\n');
                open = false;
            }
        }
        if open {
            buf.push('\n');
        }
        out.write_all(buf.as_bytes())?;
    }
    Ok((dropped_all, stats))
}

/// Reads a word-level file: the same as the character-level reader with multi-character tokens.
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    crate::bio::read_tokens(path)
}
