//! CSV with a header row: one article per record, same field rules as JSONL.

use std::path::Path;

use crate::import::{Fields, RawArticle};
use newsanno_core::error::{Error, Place, Result};
use newsanno_core::model::Metadata;
use newsanno_core::text::str_from_utf8;

/// Reads every record of `path`; the first bad record stops the import with `file:line`.
pub(crate) fn read(path: &Path, fields: &Fields<'_>, accept: &mut dyn FnMut(RawArticle) -> Result<()>) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    // Check all of it first, so invalid UTF-8 is reported with its exact byte offset.
    let text = str_from_utf8(&bytes, path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let text_key = fields
        .text_field(|name| column(name).is_some())
        .ok_or_else(|| Error::at_line(path, 1, fields.missing_text_message()))?;
    let text_col = column(text_key).unwrap_or_default();
    let id_col = column(fields.id);
    let title_col = column(fields.title);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |col: Option<usize>| col.and_then(|c| record.get(c)).filter(|s| !s.is_empty());
        let id = get(id_col).map_or_else(|| format!("{stem}-{line:06}"), str::to_owned);
        let mut meta = Metadata::new();
        for (i, name) in headers.iter().enumerate() {
            if i == text_col || Some(i) == id_col || Some(i) == title_col {
                continue;
            }
            if let Some(value) = record.get(i).filter(|v| !v.is_empty()) {
                meta.insert(name.to_owned(), value.to_owned());
            }
        }
        super::refuse_nul(path, line, record.get(text_col).unwrap_or_default())?;
        accept(RawArticle {
            origin: format!("{}:{line}", path.display()),
            id,
            title: get(title_col).map(str::to_owned),
            text: record.get(text_col).unwrap_or_default().to_owned(),
            meta,
            read_to: record.position().map_or(0, |p| p.byte()),
        })?;
    }
    Ok(())
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let line = e.position().map_or(1, |p| p.line() as usize);
    Error::Parse {
        path: path.to_path_buf(),
        place: Place::Line { line, column: None },
        message: format!("bad CSV record: {e}"),
    }
}
