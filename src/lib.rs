//! newsanno: span annotation for Chinese news corpora.
//!
//! The library is everything but the window: the data model, the project
//! folder and its RON annotation files, article import, jieba word
//! segmentation, formats, agreement and suggestions. The command line is the
//! binary's (`src/main.rs`, `src/cli.rs`, feature `cli`); the window is the
//! `gui` feature. With `default-features = false` neither is compiled, so a
//! training pipeline can read a project like this:
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

// The layers below live in the newsanno-core crate (what a pipeline needs
// to read a project); re-exported so `newsanno::store::…` paths stay.
// Suggestions (newsanno-suggest).
pub use newsanno_suggest as suggest;
// Import and the formats (newsanno-formats).
pub use newsanno_formats::{self as formats, import};
// Agreement and adjudication (newsanno-agreement).
pub use newsanno_agreement::{self as agreement, adjudication};
pub use newsanno_core::{assign, error, model, rng, segment, sentences, stats, store, text};

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
