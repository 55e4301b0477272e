//! doccano sequence labelling JSONL: `{"id", "text", "label": [[start, end, "LABEL"]]}`.
//! doccano's offsets come from the browser, so they count UTF-16 code units:
//! both directions convert (𠮷 and 😀 count two).

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::formats::ImportedDocument;
use crate::formats::{ExportDocument, ExportSpan, read_json_lines};
use crate::text::utf16_from_char;

/// Writes `docs`, one line each, with UTF-16 offsets.
pub fn write(docs: &[ExportDocument], out: &mut dyn Write) -> std::io::Result<()> {
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
        let line = json!({"id": d.id, "text": d.text, "label": labels});
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Reads a doccano JSONL file; offsets that do not fall on a character are errors naming `file:line`.
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    read_json_lines(path, |value, line, _| {
        let at = |m: String| Error::at_line(path, line, m);
        let text = value.get("text").and_then(Value::as_str).ok_or_else(|| at("no \"text\" string".to_owned()))?;
        let mut spans = Vec::new();
        let list = value.get("label").or_else(|| value.get("labels"));
        for item in list.and_then(Value::as_array).into_iter().flatten() {
            let (a, b, label) = match (
                item.get(0).and_then(Value::as_u64),
                item.get(1).and_then(Value::as_u64),
                item.get(2).and_then(Value::as_str),
            ) {
                (Some(a), Some(b), Some(l)) => (a as usize, b as usize, l),
                _ => return Err(at(format!("label {item} must be [start, end, \"LABEL\"]"))),
            };
            crate::formats::check_label(label).map_err(at)?;
            let (start, end) = crate::formats::char_range_from_utf16(text, a, b).map_err(at)?;
            spans.push(ExportSpan {
                start,
                end,
                label: label.to_owned(),
                text: text.chars().skip(start).take(end - start).collect(),
            });
        }
        Ok(ImportedDocument {
            origin: format!("{}:{line}", path.display()),
            id: value
                .get("id")
                .and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_u64().map(|n| n.to_string()))),
            text: text.to_owned(),
            meta: Default::default(),
            spans,
        })
    })
}
