//! newsanno-core: what a training pipeline needs to read a newsanno project —
//! the data model (documents, spans, relations, categories, edits), the
//! project folder and its RON files (atomic writes, checks, locks, the
//! background saver), jieba word segmentation, assignments and statistics.
//!
//! It has no C, command-line or window dependency. The `newsanno` crate
//! re-exports every module here under the same path (`newsanno::store`, …).
//!
//! ```no_run
//! let project = newsanno_core::Project::open(std::path::Path::new("my-project"))?;
//! for item in project.annotated_documents()? {
//!     let item = item?;
//!     for annotation in &item.annotations {
//!         for span in &annotation.file.spans {
//!             println!("{}\t{}\t{}", item.document.id(), span.label, span.text);
//!         }
//!     }
//! }
//! # Ok::<(), newsanno_core::Error>(())
//! ```

pub mod assign;
pub mod error;
pub mod model;
pub mod rng;
pub mod segment;
pub mod sentences;
pub mod stats;
pub mod store;
pub mod text;

pub use error::{Error, Result};
pub use model::{
    AnnotationFile, Document, DocumentEntry, Label, Rejected, Relation, RelationType, Span, SpanSource, Status,
};
pub use store::{AnnotatedDocument, LoadedAnnotation, Project};
