//! Character-level CoNLL (BIO), the usual form for Chinese NER: one character
//! a line, `char<TAB>tag`, a blank line between sentences, and
//! `-DOCSTART-<TAB>doc-id` before each document.
//!
//! - Tags: IOB2 (`B-`, `I-`, `O`) or BIOES (`S-` single, `E-` end).
//! - Sentences end after 。！？； and !?; (configurable) and after a newline,
//!   with the closing quotes and brackets that follow, but never inside a
//!   span ([`newsanno_core::sentences`]).
//! - Whitespace is kept, so the text comes back exactly: the character column
//!   escapes it as `\s` (space), `\t`, `\n`, `\u{3000}` (any other whitespace)
//!   and a backslash as `\\`.
//! - BIO cannot hold nested or overlapping spans: the longer span is kept
//!   (then the earlier, then the label first in order); every span that
//!   overlaps a kept one is dropped and reported.

use std::io::Write;
use std::path::Path;

use crate::document::Dropped;
use crate::document::ImportedDocument;
use crate::document::{ExportDocument, ExportSpan};
use newsanno_core::error::{Error, Result};

/// Tagging scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// B-, I-, O.
    #[default]
    Iob2,
    /// B-, I-, E-, S-, O.
    Bioes,
}

newsanno_core::named_values!(Scheme, "a tagging scheme", [Iob2 => "iob2", Bioes => "bioes"]);

/// How whitespace characters (which CoNLL readers split columns on) are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Whitespace {
    /// `\s`, `\t`, `\n`, `\u{3000}`…: the text comes back exactly (the default; what import reads).
    #[default]
    Escape,
    /// Every whitespace character as `▁` (U+2581): one visible token, the original lost.
    Placeholder,
    /// Whitespace characters left out (with their tags); the text does not come back.
    Drop,
}

newsanno_core::named_values!(Whitespace, "a whitespace mode", [Escape => "escape", Placeholder => "placeholder", Drop => "drop"]);

/// The token written for whitespace with [`Whitespace::Placeholder`].
pub const WHITESPACE_PLACEHOLDER: char = '\u{2581}';

/// Characters after which a sentence ends by default (a newline always ends one).
pub const DEFAULT_SENTENCE_ENDS: &str = newsanno_core::sentences::SENTENCE_ENDS;

/// The spans a BIO file can hold (no two overlapping), and the dropped rest.
pub fn flat_spans(doc: &ExportDocument) -> (Vec<ExportSpan>, Vec<Dropped>) {
    let mut order: Vec<&ExportSpan> = doc.spans.iter().collect();
    order.sort_by(|a, b| {
        (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)).then(a.label.cmp(&b.label))
    });
    let mut kept: Vec<ExportSpan> = Vec::new();
    let mut dropped = Vec::new();
    for s in order {
        match kept.iter().find(|k| k.start < s.end && s.start < k.end) {
            Some(k) => dropped.push(Dropped {
                document: doc.id.clone(),
                span: s.clone(),
                reason: format!(
                    "overlaps the longer span [{}, {}) {} (BIO holds one span per character)",
                    k.start, k.end, k.label
                ),
            }),
            None => kept.push(s.clone()),
        }
    }
    kept.sort();
    (kept, dropped)
}

/// Writes character `c` in the character column's escaped form.
pub(crate) fn escape(c: char, out: &mut String) {
    match c {
        ' ' => out.push_str("\\s"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\\' => out.push_str("\\\\"),
        c if c.is_whitespace() || c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// Writes `docs`, ending sentences after [`DEFAULT_SENTENCE_ENDS`] and newlines;
/// returns the spans that could not be written.
pub fn write(docs: &[ExportDocument], scheme: Scheme, out: &mut dyn Write) -> std::io::Result<Vec<Dropped>> {
    write_with(docs, scheme, DEFAULT_SENTENCE_ENDS, out)
}

/// [`write`] with other sentence-ending characters (a newline always ends a sentence).
pub fn write_with(
    docs: &[ExportDocument],
    scheme: Scheme,
    sentence_ends: &str,
    out: &mut dyn Write,
) -> std::io::Result<Vec<Dropped>> {
    write_with_whitespace(docs, scheme, sentence_ends, Whitespace::Escape, out)
}

/// [`write_with`], writing whitespace characters as `whitespace` says.
pub fn write_with_whitespace(
    docs: &[ExportDocument],
    scheme: Scheme,
    sentence_ends: &str,
    whitespace: Whitespace,
    out: &mut dyn Write,
) -> std::io::Result<Vec<Dropped>> {
    let mut all_dropped = Vec::new();
    let mut buf = String::new();
    for doc in docs {
        let (spans, dropped) = flat_spans(doc);
        all_dropped.extend(dropped);
        let chars: Vec<char> = doc.text.chars().collect();
        let mut tags = vec![String::from("O"); chars.len()];
        for s in &spans {
            for (i, tag) in tags.iter_mut().enumerate().take(s.end).skip(s.start) {
                let single = s.end - s.start == 1;
                let prefix = match scheme {
                    Scheme::Iob2 if i == s.start => "B",
                    Scheme::Iob2 => "I",
                    Scheme::Bioes if single => "S",
                    Scheme::Bioes if i == s.start => "B",
                    Scheme::Bioes if i + 1 == s.end => "E",
                    Scheme::Bioes => "I",
                };
                *tag = format!("{prefix}-{}", s.label);
            }
        }
        let ranges: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        buf.clear();
        buf.push_str("-DOCSTART-\t");
        buf.push_str(&doc.id);
        buf.push_str("\n\n");
        for (start, end) in newsanno_core::sentences::sentences(&chars, sentence_ends, &ranges) {
            let before = buf.len();
            for (c, tag) in chars[start..end].iter().zip(&tags[start..end]) {
                match whitespace {
                    Whitespace::Drop if c.is_whitespace() => continue,
                    Whitespace::Placeholder if c.is_whitespace() => buf.push(WHITESPACE_PLACEHOLDER),
                    _ => escape(*c, &mut buf),
                }
                buf.push('\t');
                buf.push_str(tag);
                buf.push('\n');
            }
            // A sentence of whitespace only writes nothing when whitespace is dropped.
            if buf.len() > before {
                buf.push('\n');
            }
        }
        out.write_all(buf.as_bytes())?;
    }
    Ok(all_dropped)
}

// The characters of an escaped token (`\s`, `\t`, `\n`, `\\`, `\u{hex}`).
fn unescape(token: &str) -> Option<Vec<char>> {
    let mut out = Vec::new();
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            's' => out.push(' '),
            't' => out.push('\t'),
            'n' => out.push('\n'),
            '\\' => out.push('\\'),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        c => hex.push(c),
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Reads a file written by [`write`] (either scheme); tags that do not form
/// spans strictly (an `I-` without its `B-`, a label change inside a span)
/// are errors naming `file:line`.
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    read_lines(path, true)
}

/// Reads a word-level file (tokens of any length), as written by `bio-words`.
pub fn read_tokens(path: &Path) -> Result<Vec<ImportedDocument>> {
    read_lines(path, false)
}

fn read_lines(path: &Path, single_chars: bool) -> Result<Vec<ImportedDocument>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = newsanno_core::text::str_from_utf8(&bytes, path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut docs: Vec<ImportedDocument> = Vec::new();
    let mut chars: Vec<char> = Vec::new();
    // (start, label) of the span being read.
    let mut open: Option<(usize, String)> = None;
    let mut spans: Vec<ExportSpan> = Vec::new();
    let mut current: Option<(String, usize)> = None;
    let finish = |id: Option<(String, usize)>,
                  chars: &mut Vec<char>,
                  spans: &mut Vec<ExportSpan>,
                  docs: &mut Vec<ImportedDocument>| {
        if let Some((id, line)) = id {
            let text: String = chars.iter().collect();
            let mut out = std::mem::take(spans);
            for s in &mut out {
                s.text = chars[s.start..s.end].iter().collect();
            }
            docs.push(ImportedDocument {
                origin: format!("{}:{line}", path.display()),
                id: Some(id),
                text,
                meta: Default::default(),
                spans: out,
                relations: Vec::new(),
                categories: Vec::new(),
                not_taken: Vec::new(),
            });
        }
        chars.clear();
    };
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let at = |m: String| Error::at_line(path, line_no, m);
        if let Some(id) = line.strip_prefix("-DOCSTART-") {
            if let Some((start, label)) = open.take() {
                spans.push(ExportSpan { start, end: chars.len(), label, text: String::new() });
            }
            finish(current.take(), &mut chars, &mut spans, &mut docs);
            current = Some((id.trim().to_owned(), line_no));
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if current.is_none() {
            return Err(at("a character line before any -DOCSTART- line".to_owned()));
        }
        let (token, tag) = line.split_once('\t').ok_or_else(|| at(format!("expected char<TAB>tag, got {line:?}")))?;
        let token_chars = unescape(token)
            .ok_or_else(|| at(format!("{token:?} is not a valid token (escapes: \\s \\t \\n \\\\ \\u{{hex}})")))?;
        if single_chars && token_chars.len() != 1 {
            return Err(at(format!("{token:?} is not one character (or an escape like \\s)")));
        }
        let i = chars.len();
        chars.extend(&token_chars);
        let token_end = chars.len();
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) if newsanno_core::model::is_valid_label_name(l) => (p, l),
            _ if tag == "O" => ("O", ""),
            _ => {
                return Err(at(format!(
                    "tag {tag:?} is not O, B-X, I-X, E-X or S-X (X a label name: no spaces, tabs or commas)"
                )));
            }
        };
        let close = |open: &mut Option<(usize, String)>, spans: &mut Vec<ExportSpan>, end: usize| {
            if let Some((start, label)) = open.take() {
                spans.push(ExportSpan { start, end, label, text: String::new() });
            }
        };
        match prefix {
            "O" => close(&mut open, &mut spans, i),
            "B" => {
                close(&mut open, &mut spans, i);
                open = Some((i, label.to_owned()));
            }
            "S" => {
                close(&mut open, &mut spans, i);
                spans.push(ExportSpan { start: i, end: token_end, label: label.to_owned(), text: String::new() });
            }
            "I" | "E" => {
                match &open {
                    Some((_, l)) if l == label => {}
                    _ => return Err(at(format!("{tag} does not continue a {label} span"))),
                }
                if prefix == "E" {
                    close(&mut open, &mut spans, token_end);
                }
            }
            _ => return Err(at(format!("tag {tag:?} is not O, B-X, I-X, E-X or S-X"))),
        }
    }
    if let Some((start, label)) = open.take() {
        spans.push(ExportSpan { start, end: chars.len(), label, text: String::new() });
    }
    finish(current.take(), &mut chars, &mut spans, &mut docs);
    Ok(docs)
}
