//! CLUENER2020 JSON lines: `{"text", "label": {"type": {"mention": [[start, end]]}}}`
//! with code-point offsets and an *inclusive* end (`text[start..=end] == mention`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::document::ImportedDocument;
use crate::document::{ExportDocument, ExportSpan, read_json_lines};
use newsanno_core::error::{Error, Result};

/// Writes `docs`, one line each (`id` added, which CLUENER readers ignore).
pub fn write(docs: &[ExportDocument], out: &mut dyn Write) -> std::io::Result<()> {
    for d in docs {
        let mut labels: BTreeMap<&str, BTreeMap<&str, Vec<[usize; 2]>>> = BTreeMap::new();
        for s in &d.spans {
            labels.entry(&s.label).or_default().entry(&s.text).or_default().push([s.start, s.end - 1]);
        }
        writeln!(out, "{}", json!({"id": d.id, "text": d.text, "label": labels}))?;
    }
    Ok(())
}

/// Reads a CLUENER file; a mention that does not match the text there is an error naming `file:line`.
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    read_json_lines(path, |value, line, _| {
        let at = |m: String| Error::at_line(path, line, m);
        let text = value.get("text").and_then(Value::as_str).ok_or_else(|| at("no \"text\" string".to_owned()))?;
        let chars: Vec<char> = text.chars().collect();
        let mut spans = Vec::new();
        for (label, mentions) in value.get("label").and_then(Value::as_object).into_iter().flatten() {
            crate::document::check_label(label).map_err(at)?;
            for (mention, places) in
                mentions.as_object().ok_or_else(|| at(format!("label {label:?} must map mentions to places")))?
            {
                for place in places.as_array().into_iter().flatten() {
                    let (a, b) = match (place.get(0).and_then(Value::as_u64), place.get(1).and_then(Value::as_u64)) {
                        (Some(a), Some(b)) => (a as usize, b as usize),
                        _ => return Err(at(format!("place {place} of {mention:?} must be [start, end]"))),
                    };
                    if a > b || b >= chars.len() {
                        return Err(at(format!(
                            "[{a}, {b}] of {mention:?} is outside the text of {} characters",
                            chars.len()
                        )));
                    }
                    let covered: String = chars[a..=b].iter().collect();
                    if &covered != mention {
                        return Err(at(format!("[{a}, {b}] is {covered:?}, not the mention {mention:?}")));
                    }
                    spans.push(ExportSpan { start: a, end: b + 1, label: label.clone(), text: covered });
                }
            }
        }
        spans.sort();
        Ok(ImportedDocument {
            origin: format!("{}:{line}", path.display()),
            id: value.get("id").and_then(Value::as_str).map(str::to_owned),
            text: text.to_owned(),
            meta: Default::default(),
            spans,
            relations: Vec::new(),
            categories: Vec::new(),
            not_taken: Vec::new(),
        })
    })
}
