//! Label Studio JSON tasks: `[{"data": {"text", "id"}, "annotations": [{"result": [
//! {"value": {"start", "end", "text", "labels": [LABEL]}, "from_name": "label",
//! "to_name": "text", "type": "labels"}]}]}]`. Label Studio counts offsets in
//! UTF-16 code units; both directions convert. On import the first annotation
//! of each task is read. Relations are results `{"type": "relation", "from_id",
//! "to_id", "direction": "right" | "left" | "bi", "labels": [TYPE]}` between
//! span results' `id`s; a symmetric type is written with direction `bi`.
//! Document categories are a `{"type": "choices", "from_name": "category",
//! "to_name": "text", "value": {"choices": [...]}}` result (any `choices`
//! result is read as categories).

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::document::ImportedDocument;
use crate::document::{ExportDocument, ExportRelation, ExportSpan};
use newsanno_core::error::{Error, Result};
use newsanno_core::text::utf16_from_char;

/// Writes `docs` as one JSON array of tasks.
pub fn write(docs: &[ExportDocument], out: &mut dyn Write) -> std::io::Result<()> {
    let tasks: Vec<Value> = docs
        .iter()
        .map(|d| {
            let mut result: Vec<Value> = d
                .spans
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    json!({
                        "id": format!("s{}", i + 1),
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {
                            "start": utf16_from_char(&d.text, s.start).unwrap_or(0),
                            "end": utf16_from_char(&d.text, s.end).unwrap_or(0),
                            "text": s.text,
                            "labels": [s.label],
                        }
                    })
                })
                .collect();
            result.extend(d.relations.iter().map(|r| {
                json!({
                    "type": "relation",
                    "from_id": format!("s{}", r.from + 1),
                    "to_id": format!("s{}", r.to + 1),
                    "direction": if r.directed { "right" } else { "bi" },
                    "labels": [r.kind],
                })
            }));
            if !d.categories.is_empty() {
                result.push(json!({
                    "from_name": "category",
                    "to_name": "text",
                    "type": "choices",
                    "value": {"choices": d.categories},
                }));
            }
            json!({"data": {"id": d.id, "text": d.text}, "annotations": [{"result": result}]})
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &tasks).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Reads a Label Studio export (a JSON array of tasks).
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = newsanno_core::text::str_from_utf8(&bytes, path)?;
    let tasks: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
        .map_err(|e| Error::at_line(path, e.line(), format!("not valid JSON: {e}")))?;
    let tasks = tasks.as_array().ok_or_else(|| Error::at_line(path, 1, "expected a JSON array of tasks"))?;
    let mut out = Vec::new();
    for (n, task) in tasks.iter().enumerate() {
        let at = |m: String| Error::invalid(path, format!("task {}: {m}", n + 1));
        let data = task.get("data").ok_or_else(|| at("no \"data\"".to_owned()))?;
        let text = data.get("text").and_then(Value::as_str).ok_or_else(|| at("no data.text string".to_owned()))?;
        let mut spans = Vec::new();
        let mut span_of_region: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut relation_results = Vec::new();
        let mut categories: Vec<String> = Vec::new();
        let results = task.pointer("/annotations/0/result").and_then(Value::as_array).into_iter().flatten();
        for r in results {
            if r.get("type").and_then(Value::as_str) == Some("relation") {
                relation_results.push(r);
                continue;
            }
            if r.get("type").and_then(Value::as_str) == Some("choices") {
                for c in r.pointer("/value/choices").and_then(Value::as_array).into_iter().flatten() {
                    let name = c.as_str().ok_or_else(|| at(format!("a choice {c} is not a string")))?;
                    categories.push(name.to_owned());
                }
                continue;
            }
            let v = r.get("value").ok_or_else(|| at("a result without \"value\"".to_owned()))?;
            let (a, b) = match (v.get("start").and_then(Value::as_u64), v.get("end").and_then(Value::as_u64)) {
                (Some(a), Some(b)) => (a as usize, b as usize),
                _ => continue, // not a span result (choices, ratings, …)
            };
            let (start, end) = crate::document::char_range_from_utf16(text, a, b).map_err(at)?;
            let covered: String = text.chars().skip(start).take(end - start).collect();
            if let Some(given) = v.get("text").and_then(Value::as_str)
                && given != covered
            {
                return Err(at(format!("span [{a}, {b}) says {given:?} but the text there is {covered:?}")));
            }
            if let Some(region) = r.get("id").and_then(Value::as_str) {
                span_of_region.entry(region).or_insert(spans.len());
            }
            for label in v.get("labels").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                crate::document::check_label(label).map_err(at)?;
                spans.push(ExportSpan { start, end, label: label.to_owned(), text: covered.clone() });
            }
        }
        let mut relations = Vec::new();
        let mut unlabelled = 0;
        for r in relation_results {
            let end =
                |key: &str| -> Result<usize> {
                    let region =
                        r.get(key).and_then(Value::as_str).ok_or_else(|| at(format!("a relation without {key:?}")))?;
                    span_of_region.get(region).copied().filter(|&i| i < spans.len()).ok_or_else(|| {
                        at(format!("a relation's {key} {region:?} is not a labelled region of this task"))
                    })
                };
            let (mut from, mut to) = (end("from_id")?, end("to_id")?);
            let direction = r.get("direction").and_then(Value::as_str).unwrap_or("right");
            if direction == "left" {
                std::mem::swap(&mut from, &mut to);
            }
            let labels: Vec<&str> =
                r.get("labels").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
            if labels.is_empty() {
                unlabelled += 1;
            }
            for kind in labels {
                crate::document::check_label(kind).map_err(at)?;
                relations.push(ExportRelation { from, to, kind: kind.to_owned(), directed: direction != "bi" });
            }
        }
        let not_taken = if unlabelled > 0 {
            vec![format!("{} task {}: {unlabelled} relations without a label not imported", path.display(), n + 1)]
        } else {
            Vec::new()
        };
        out.push(
            ImportedDocument {
                origin: format!("{} task {}", path.display(), n + 1),
                id: crate::document::json_id(data.get("id")),
                text: text.to_owned(),
                meta: Default::default(),
                spans,
                relations,
                categories,
                not_taken,
            }
            .finished()
            .map_err(at)?,
        );
    }
    Ok(out)
}
