//! JSON Lines: one article object per line.

use std::path::Path;

use serde_json::Value;

use crate::import::{Fields, RawArticle};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::Metadata;

/// Reads every non-blank line of `path` as an article object; the first bad
/// line stops the import with `file:line` and the reason.
pub(crate) fn read(path: &Path, fields: &Fields<'_>, accept: &mut dyn FnMut(RawArticle) -> Result<()>) -> Result<()> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    crate::document::read_json_lines(path, |value, line_no, read_to| {
        let Some(object) = value.as_object() else {
            return Err(Error::at_line(path, line_no, "expected a JSON object"));
        };
        let text_key = fields
            .text_field(|name| object.contains_key(name))
            .ok_or_else(|| Error::at_line(path, line_no, fields.missing_text_message()))?;
        let Some(Value::String(text)) = object.get(text_key) else {
            return Err(Error::at_line(path, line_no, format!("field {text_key:?} must be a string")));
        };
        let id = match object.get(fields.id) {
            None | Some(Value::Null) => format!("{stem}-{line_no:06}"),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                return Err(Error::at_line(path, line_no, format!("field {:?} must be a string or number", fields.id)));
            }
        };
        let title = object.get(fields.title).and_then(scalar_string);
        let mut meta = Metadata::new();
        for (key, value) in object {
            if key == text_key || key == fields.id || key == fields.title {
                continue;
            }
            if let Some(s) = scalar_string(value) {
                meta.insert(key.clone(), s);
            }
        }
        super::refuse_nul(path, line_no, text)?;
        accept(RawArticle {
            origin: format!("{}:{line_no}", path.display()),
            id,
            title,
            text: text.clone(),
            meta,
            read_to,
        })
    })
    .map(|_| ())
}

// Strings, numbers and booleans become metadata; null, arrays and objects do not.
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
