//! doccano sequence labelling JSONL: `{"id", "text", "label": [[start, end, "LABEL"]]}`.
//! doccano's offsets come from the browser, so they count UTF-16 code units:
//! both directions convert (𠮷 and 😀 count two). An export with relations
//! uses the shape of doccano's "sequence labeling with relations" projects for
//! every line: `{"id", "text", "entities": [{"id", "label", "start_offset",
//! "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`
//! (doccano has no symmetric relations: they keep the order they were made in).
//! The reader takes both shapes. Document categories go in `"cats": [...]`
//! (written when a document has some); the reader also takes `cats` as a
//! `{name: 1.0}` object and plain strings in `label` (doccano's text
//! classification shape) as categories.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::document::ImportedDocument;
use crate::document::{ExportDocument, ExportRelation, ExportSpan, read_json_lines};
use newsanno_core::error::{Error, Result};
use newsanno_core::text::utf16_from_char;

/// Writes `docs`, one line each, with UTF-16 offsets.
pub fn write(docs: &[ExportDocument], out: &mut dyn Write) -> std::io::Result<()> {
    if docs.iter().any(|d| !d.relations.is_empty()) {
        return write_with_relations(docs, out);
    }
    for d in docs {
        let labels: Vec<Value> = d
            .spans
            .iter()
            .map(|s| {
                let a = utf16_from_char(&d.text, s.start).unwrap_or(0);
                let b = utf16_from_char(&d.text, s.end).unwrap_or(0);
                json!([a, b, s.label])
            })
            .collect();
        let mut line = json!({"id": d.id, "text": d.text, "label": labels});
        add_categories(&mut line, &d.categories);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

// The entities + relations shape; entity ids are 1-based span indices.
fn write_with_relations(docs: &[ExportDocument], out: &mut dyn Write) -> std::io::Result<()> {
    for d in docs {
        let entities: Vec<Value> = d
            .spans
            .iter()
            .enumerate()
            .map(|(i, s)| {
                json!({
                    "id": i + 1,
                    "label": s.label,
                    "start_offset": utf16_from_char(&d.text, s.start).unwrap_or(0),
                    "end_offset": utf16_from_char(&d.text, s.end).unwrap_or(0),
                })
            })
            .collect();
        let relations: Vec<Value> = d
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| json!({"id": i + 1, "from_id": r.from + 1, "to_id": r.to + 1, "type": r.kind}))
            .collect();
        let mut line = json!({"id": d.id, "text": d.text, "entities": entities, "relations": relations});
        add_categories(&mut line, &d.categories);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn add_categories(line: &mut Value, categories: &[String]) {
    if !categories.is_empty()
        && let Some(object) = line.as_object_mut()
    {
        object.insert("cats".to_owned(), json!(categories));
    }
}

/// Reads a doccano JSONL file; offsets that do not fall on a character are errors naming `file:line`.
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    read_json_lines(path, |value, line, _| {
        let at = |m: String| Error::at_line(path, line, m);
        let text = value.get("text").and_then(Value::as_str).ok_or_else(|| at("no \"text\" string".to_owned()))?;
        let mut spans = Vec::new();
        let mut relations = Vec::new();
        // Entities (the relations shape): id → index in `spans`.
        let mut span_of_entity = std::collections::HashMap::new();
        for e in value.get("entities").and_then(Value::as_array).into_iter().flatten() {
            let n = |k: &str| e.get(k).and_then(Value::as_u64).map(|v| v as usize);
            let (Some(a), Some(b), Some(label)) =
                (n("start_offset"), n("end_offset"), e.get("label").and_then(Value::as_str))
            else {
                return Err(at(format!("entity {e} needs start_offset, end_offset and label")));
            };
            crate::document::check_label(label).map_err(at)?;
            let (start, end) = crate::document::char_range_from_utf16(text, a, b).map_err(at)?;
            if let Some(id) = e.get("id") {
                span_of_entity.insert(id.to_string(), spans.len());
            }
            spans.push(ExportSpan {
                start,
                end,
                label: label.to_owned(),
                text: text.chars().skip(start).take(end - start).collect(),
            });
        }
        for r in value.get("relations").and_then(Value::as_array).into_iter().flatten() {
            let end = |key: &str| -> Result<usize> {
                let id = r.get(key).ok_or_else(|| at(format!("relation {r} has no {key:?}")))?;
                span_of_entity
                    .get(&id.to_string())
                    .copied()
                    .ok_or_else(|| at(format!("relation {r}: {key} {id} is not an entity id of this line")))
            };
            let kind =
                r.get("type").and_then(Value::as_str).ok_or_else(|| at(format!("relation {r} has no \"type\"")))?;
            crate::document::check_label(kind).map_err(at)?;
            relations.push(ExportRelation {
                from: end("from_id")?,
                to: end("to_id")?,
                kind: kind.to_owned(),
                directed: true,
            });
        }
        let mut categories: Vec<String> = Vec::new();
        match value.get("cats") {
            None => {}
            Some(Value::Array(names)) => {
                for c in names {
                    categories.push(c.as_str().ok_or_else(|| at(format!("category {c} is not a string")))?.to_owned());
                }
            }
            // spaCy's shape: {name: score}; a score of 0.5 or more counts.
            Some(Value::Object(scores)) => {
                categories
                    .extend(scores.iter().filter(|(_, v)| v.as_f64().unwrap_or(0.0) >= 0.5).map(|(k, _)| k.clone()));
            }
            Some(other) => return Err(at(format!("\"cats\" must be a list of names, not {other}"))),
        }
        let list = value.get("label").or_else(|| value.get("labels"));
        for item in list.and_then(Value::as_array).into_iter().flatten() {
            // A plain string: a category (doccano's text classification).
            if let Some(name) = item.as_str() {
                categories.push(name.to_owned());
                continue;
            }
            let (a, b, label) = match (
                item.get(0).and_then(Value::as_u64),
                item.get(1).and_then(Value::as_u64),
                item.get(2).and_then(Value::as_str),
            ) {
                (Some(a), Some(b), Some(l)) => (a as usize, b as usize, l),
                _ => return Err(at(format!("label {item} must be [start, end, \"LABEL\"]"))),
            };
            crate::document::check_label(label).map_err(at)?;
            let (start, end) = crate::document::char_range_from_utf16(text, a, b).map_err(at)?;
            spans.push(ExportSpan {
                start,
                end,
                label: label.to_owned(),
                text: text.chars().skip(start).take(end - start).collect(),
            });
        }
        ImportedDocument {
            origin: format!("{}:{line}", path.display()),
            id: crate::document::json_id(value.get("id")),
            text: text.to_owned(),
            meta: Default::default(),
            spans,
            relations,
            categories,
            not_taken: Vec::new(),
        }
        .finished()
        .map_err(at)
    })
}
