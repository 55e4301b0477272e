//! Plain-text articles: one article per .txt file, the first non-empty line is the title.

use std::path::Path;

use crate::import::{RawArticle, SOURCE_FILE_KEY};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::Metadata;
use newsanno_core::text::str_from_utf8;

/// Reads one .txt file as one article with id `id`. The whole file, title line
/// included, is the article text, so offsets match the file as written.
pub(crate) fn read(path: &Path, id: &str, accept: &mut dyn FnMut(RawArticle) -> Result<()>) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = str_from_utf8(&bytes, path)?;
    if let Some(byte) = text.find('\0') {
        let line = text[..byte].matches('\n').count() + 1;
        return super::refuse_nul(path, line, &text[text[..byte].rfind('\n').map_or(0, |n| n + 1)..]);
    }
    let mut meta = Metadata::new();
    meta.insert(SOURCE_FILE_KEY.to_owned(), path.to_string_lossy().into_owned());
    accept(RawArticle {
        origin: path.display().to_string(),
        id: id.to_owned(),
        // The first non-empty line, taken after normalisation (BOM stripped).
        title: None,
        text: text.to_owned(),
        meta,
        read_to: bytes.len() as u64,
    })
}
