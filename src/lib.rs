//! newsanno: span annotation for Chinese news corpora.
//!
//! The workspace's crates under one roof, each re-exported under the path it
//! had when this was one crate (`newsanno::store`, `newsanno::formats`, …):
//! newsanno-core, -agreement, -formats and -suggest always; newsanno-session
//! and newsanno-app (the window) with the `gui` feature. The command line is
//! the binary's (`src/main.rs`, `src/cli/`, feature `cli`). A training
//! pipeline depends on newsanno-core and newsanno-formats directly (no C, no
//! command line, no window); through this crate it reads a project like this:
//!
//! ```no_run
//! let project = newsanno::Project::open(std::path::Path::new("my-project"))?;
//! for item in project.annotated_documents()? {
//!     let item = item?;
//!     for annotation in &item.annotations {
//!         for span in &annotation.file.spans {
//!             println!("{}\t{}\t{}", item.document.id(), span.label, span.text);
//!         }
//!     }
//! }
//! # Ok::<(), newsanno::Error>(())
//! ```

// The data model and the project folder (newsanno-core).
pub use newsanno_core::{assign, error, figures, model, rng, segment, sentences, stats, store, text};
// Agreement and adjudication (newsanno-agreement).
pub use newsanno_agreement::{self as agreement, adjudication};
// Import and the formats (newsanno-formats).
pub use newsanno_formats::{self as formats, import};
// Suggestions (newsanno-suggest).
pub use newsanno_suggest as suggest;

// The window's state (newsanno-session) and views (newsanno-app).
#[cfg(feature = "gui")]
pub use newsanno_app as app;
#[cfg(feature = "gui")]
pub use newsanno_session as session;

pub use error::{Error, Result};
pub use model::{
    AnnotationFile, Document, DocumentEntry, Label, Rejected, Relation, RelationType, Span, SpanSource, Status,
};
pub use store::{AnnotatedDocument, LoadedAnnotation, Project};
