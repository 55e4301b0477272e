//! `ron`: one bundle file with every exported document's text and spans, for
//! Rust pipelines (`newsanno::formats::ron_bundle::read_bundle`; see
//! examples/read_bundle.rs). Offsets are code points.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::ImportedDocument;
use crate::document::{ExportDocument, ExportRelation, ExportSpan};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::Metadata;

/// Bundle format version written.
pub const BUNDLE_VERSION: &str = "1.2";

/// A bundled document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Document")]
pub struct BundleDocument {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Metadata.
    #[serde(default)]
    pub meta: Metadata,
    /// The full text.
    pub text: String,
    /// Spans, code points, sorted.
    pub spans: Vec<ExportSpan>,
    /// Relations between the spans (indices into `spans`; bundle 1.1, absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<ExportRelation>,
    /// The document's categories (bundle 1.2, absent means none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

/// The content of a bundle file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Bundle")]
pub struct Bundle {
    /// `"1.0"`.
    pub version: String,
    /// The documents.
    pub documents: Vec<BundleDocument>,
}

/// Writes `docs` as one bundle.
pub fn write(docs: &[ExportDocument], out: &mut dyn Write) -> std::io::Result<()> {
    let bundle = Bundle {
        version: BUNDLE_VERSION.to_owned(),
        documents: docs
            .iter()
            .map(|d| BundleDocument {
                id: d.id.clone(),
                title: d.title.clone(),
                meta: d.meta.clone(),
                text: d.text.clone(),
                spans: d.spans.clone(),
                relations: d.relations.clone(),
                categories: d.categories.clone(),
            })
            .collect(),
    };
    // Spans one per line (depth 4), documents' fields one per line.
    let pretty = ron::ser::PrettyConfig::new().struct_names(true).depth_limit(4).indentor("  ".to_owned());
    let body = ron::ser::to_string_pretty(&bundle, pretty).map_err(std::io::Error::other)?;
    writeln!(out, "// newsanno export bundle {BUNDLE_VERSION}: see docs/EXPORTS.md")?;
    writeln!(out, "{body}")
}

/// Reads a bundle and checks every span against its text.
pub fn read_bundle(path: &Path) -> Result<Bundle> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = newsanno_core::store::ron_text(path, &bytes)?;
    let bundle: Bundle = ron::from_str(&text).map_err(|e| newsanno_core::store::project_file::ron_error(path, &e))?;
    newsanno_core::store::check_major_version(path, &bundle.version, &text)?;
    for d in &bundle.documents {
        let indexed = newsanno_core::text::IndexedText::new(d.text.clone());
        for s in &d.spans {
            crate::document::check_label(&s.label)
                .map_err(|m| Error::invalid(path, format!("document {:?}: {m}", d.id)))?;
            if s.start >= s.end || indexed.slice(s.start, s.end) != Some(s.text.as_str()) {
                return Err(Error::invalid(
                    path,
                    format!("document {:?}: span [{}, {}) {} does not match the text", d.id, s.start, s.end, s.label),
                ));
            }
        }
        for c in &d.categories {
            crate::document::check_label(c)
                .map_err(|m| Error::invalid(path, format!("document {:?}: category: {m}", d.id)))?;
        }
        for r in &d.relations {
            crate::document::check_label(&r.kind)
                .map_err(|m| Error::invalid(path, format!("document {:?}: relation type: {m}", d.id)))?;
            if r.from >= d.spans.len() || r.to >= d.spans.len() {
                return Err(Error::invalid(
                    path,
                    format!(
                        "document {:?}: relation {} from span {} to span {}: the document has {} spans",
                        d.id,
                        r.kind,
                        r.from,
                        r.to,
                        d.spans.len()
                    ),
                ));
            }
        }
    }
    Ok(bundle)
}

/// Reads a bundle as documents to attach.
pub fn read(path: &Path) -> Result<Vec<ImportedDocument>> {
    Ok(read_bundle(path)?
        .documents
        .into_iter()
        .map(|d| ImportedDocument {
            origin: format!("{} document {}", path.display(), d.id),
            id: Some(d.id),
            text: d.text,
            meta: d.meta,
            spans: d.spans,
            relations: d.relations,
            categories: d.categories,
            not_taken: Vec::new(),
        })
        .collect())
}
