//! JSON Lines: one document a line,
//! `{"id", "text", "spans": [{"start", "end", "label", "text"}], "relations", "categories", "meta"}`
//! (relations and categories only when there are some),
//! offsets in code points (Python string indices). `--flavor spacy` writes
//! spaCy's `{"text", "entities": [[start, end, label]]}` instead. The importer
//! reads both.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::document::{ExportDocument, ExportSpan, ImportedDocument};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::Metadata;
use newsanno_core::text::IndexedText;

/// Which JSONL shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavor {
    /// newsanno's own: id, text, spans with their text, meta.
    #[default]
    Newsanno,
    /// spaCy training data: text and entities as [start, end, label].
    Spacy,
}

newsanno_core::named_values!(Flavor, "a JSONL flavour", [Newsanno => "newsanno", Spacy => "spacy"]);

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    spans: Vec<LineSpan<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relations: Vec<LineRelation<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    categories: &'a [String],
    meta: &'a Metadata,
}

// A span with the id relations refer to (its 1-based place in the line).
#[derive(Serialize)]
struct LineSpan<'a> {
    id: usize,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct LineRelation<'a> {
    id: usize,
    from: usize,
    to: usize,
    #[serde(rename = "type")]
    kind: &'a str,
}

#[derive(Serialize)]
struct SpacyLine<'a> {
    text: &'a str,
    entities: Vec<(usize, usize, &'a str)>,
}

/// Writes `docs`, one line each.
pub fn write(docs: &[ExportDocument], flavor: Flavor, out: &mut dyn Write) -> std::io::Result<()> {
    for d in docs {
        let line = match flavor {
            Flavor::Newsanno => {
                let spans = d
                    .spans
                    .iter()
                    .enumerate()
                    .map(|(i, s)| LineSpan { id: i + 1, start: s.start, end: s.end, label: &s.label, text: &s.text })
                    .collect();
                let relations = d
                    .relations
                    .iter()
                    .enumerate()
                    .map(|(i, r)| LineRelation { id: i + 1, from: r.from + 1, to: r.to + 1, kind: &r.kind })
                    .collect();
                serde_json::to_string(&Line {
                    id: &d.id,
                    text: &d.text,
                    spans,
                    relations,
                    categories: &d.categories,
                    meta: &d.meta,
                })
            }
            Flavor::Spacy => serde_json::to_string(&SpacyLine {
                text: &d.text,
                entities: d.spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect(),
            }),
        }
        .map_err(std::io::Error::other)?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Reads a JSONL file of either flavor. Every span is checked against the
/// text (range, and its `text` when given); the first bad line is an error
/// naming `file:line`.
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    crate::document::read_json_lines(path, |value, line_no, _| {
        let at = |message: String| Error::at_line(path, line_no, message);
        let text = value.get("text").and_then(Value::as_str).ok_or_else(|| at("no \"text\" string".to_owned()))?;
        let indexed = IndexedText::new(text.to_owned());
        let mut spans = Vec::new();
        let mut ids: Vec<Option<String>> = Vec::new();
        let raw: Vec<(usize, usize, String, Option<String>)> = if let Some(list) = value.get("spans") {
            list.as_array()
                .ok_or_else(|| at("\"spans\" must be a list".to_owned()))?
                .iter()
                .map(|s| {
                    let n = |k: &str| s.get(k).and_then(Value::as_u64).map(|v| v as usize);
                    ids.push(s.get("id").map(Value::to_string));
                    match (n("start"), n("end"), s.get("label").and_then(Value::as_str)) {
                        (Some(a), Some(b), Some(l)) => {
                            Ok((a, b, l.to_owned(), s.get("text").and_then(Value::as_str).map(str::to_owned)))
                        }
                        _ => Err(at(format!("span {s} needs start, end (numbers) and label"))),
                    }
                })
                .collect::<Result<_>>()?
        } else if let Some(list) = value.get("entities") {
            list.as_array()
                .ok_or_else(|| at("\"entities\" must be a list".to_owned()))?
                .iter()
                .map(|e| {
                    match (
                        e.get(0).and_then(Value::as_u64),
                        e.get(1).and_then(Value::as_u64),
                        e.get(2).and_then(Value::as_str),
                    ) {
                        (Some(a), Some(b), Some(l)) => Ok((a as usize, b as usize, l.to_owned(), None)),
                        _ => Err(at(format!("entity {e} must be [start, end, label]"))),
                    }
                })
                .collect::<Result<_>>()?
        } else {
            Vec::new()
        };
        for (start, end, label, given) in raw {
            crate::document::check_label(&label).map_err(at)?;
            let covered = match indexed.slice(start, end) {
                Some(t) if start < end => t,
                _ => {
                    return Err(at(format!(
                        "span [{start}, {end}) {label} is empty or outside the text of {} characters",
                        indexed.char_len()
                    )));
                }
            };
            if let Some(given) = &given
                && given != covered
            {
                return Err(at(format!("span [{start}, {end}) says {given:?} but the text there is {covered:?}")));
            }
            spans.push(ExportSpan { start, end, label, text: covered.to_owned() });
        }
        let mut relations = Vec::new();
        for r in value.get("relations").and_then(Value::as_array).into_iter().flatten() {
            let end = |key: &str| -> Result<usize> {
                let id = r.get(key).ok_or_else(|| at(format!("relation {r} has no {key:?}")))?.to_string();
                ids.iter()
                    .position(|s| s.as_deref() == Some(id.as_str()))
                    .ok_or_else(|| at(format!("relation {r}: {key} {id} is not the id of a span of this line")))
            };
            let kind =
                r.get("type").and_then(Value::as_str).ok_or_else(|| at(format!("relation {r} has no \"type\"")))?;
            crate::document::check_label(kind).map_err(at)?;
            relations.push(crate::document::ExportRelation {
                from: end("from")?,
                to: end("to")?,
                kind: kind.to_owned(),
                directed: true,
            });
        }
        let mut categories = Vec::new();
        if let Some(list) = value.get("categories") {
            for c in list.as_array().ok_or_else(|| at("\"categories\" must be a list of names".to_owned()))? {
                let name = c.as_str().ok_or_else(|| at(format!("category {c} is not a string")))?;
                categories.push(name.to_owned());
            }
        }
        let meta = value
            .get("meta")
            .and_then(Value::as_object)
            .map(|m| m.iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned()))).collect())
            .unwrap_or_default();
        ImportedDocument {
            origin: format!("{}:{line_no}", path.display()),
            id: crate::document::json_id(value.get("id")),
            text: text.to_owned(),
            meta,
            spans,
            relations,
            categories,
            not_taken: Vec::new(),
        }
        .finished()
        .map_err(at)
    })
}
