//! What an export did, and the one description of it that the command line
//! prints and the window shows.

use std::collections::BTreeMap;

use crate::document::{Dropped, ExportDocument};
use crate::jsonl;
use crate::request::{ExportRequest, Format};
use crate::selection::{Asker, LeftOut};

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Documents written.
    pub documents: usize,
    /// Spans written, per label.
    pub spans_per_label: BTreeMap<String, usize>,
    /// Spans left out, and why.
    pub dropped: Vec<Dropped>,
    /// Files written.
    pub files: Vec<std::path::PathBuf>,
    /// Parts of a split: (name, file, documents).
    pub parts: Vec<(String, std::path::PathBuf, usize)>,
    /// Other figures (tokens split by bio-words, …).
    pub notes: Vec<String>,
    /// Documents not exported, and why.
    pub left_out: LeftOut,
    /// Relations written.
    pub relations: usize,
    /// Relations the format cannot hold (BIO, CLUENER, word BIO, spaCy JSONL).
    pub relations_left_out: usize,
}

/// Dropped spans a summary lists one by one; the rest are counted.
const DROPPED_LISTED: usize = 20;

impl ExportSummary {
    /// What the export did, one line each, as the command line prints it and
    /// the window shows it: the parts of a split, notes, documents written and
    /// left out (with the hint for `asker`), spans per label, relations (and
    /// those the format cannot hold), the dropped spans.
    pub fn describe(&self, request: &ExportRequest, asker: Asker) -> Vec<String> {
        let mut lines = Vec::new();
        for (part, path, n) in &self.parts {
            lines.push(format!("{part}: {n} documents -> {}", path.display()));
        }
        lines.extend(self.notes.iter().cloned());
        lines.push(format!("exported {} documents to {}", self.documents, request.out.display()));
        lines.extend(self.left_out.describe(&request.statuses, asker));
        for (label, n) in &self.spans_per_label {
            lines.push(format!("  {label:<14} {n:>7} spans"));
        }
        if self.relations > 0 {
            lines.push(format!("  {:<14} {:>7} relations", "(all types)", self.relations));
        }
        if self.relations_left_out > 0 {
            let holding: Vec<&str> =
                Format::ALL.iter().filter(|f| f.holds_relations(jsonl::Flavor::Newsanno)).map(|f| f.name()).collect();
            // "a, b or c"
            let holding = match holding.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => holding.join(""),
            };
            lines.push(format!(
                "  {} relations left out: {} cannot hold relations (export {} for them)",
                self.relations_left_out,
                request.format.name(),
                holding
            ));
        }
        if self.dropped.is_empty() {
            lines.push("  no span dropped".to_owned());
        } else {
            lines.push(format!("  {} spans dropped:", self.dropped.len()));
            for d in self.dropped.iter().take(DROPPED_LISTED) {
                lines.push(format!(
                    "    {} [{}, {}) {} 「{}」: {}",
                    d.document, d.span.start, d.span.end, d.span.label, d.span.text, d.reason
                ));
            }
            if self.dropped.len() > DROPPED_LISTED {
                lines.push(format!("    … and {} more", self.dropped.len() - DROPPED_LISTED));
            }
        }
        lines
    }

    /// Counts `docs` as written.
    pub fn count(&mut self, docs: &[ExportDocument]) {
        self.documents += docs.len();
        for d in docs {
            for s in &d.spans {
                *self.spans_per_label.entry(s.label.clone()).or_default() += 1;
            }
        }
    }
}
