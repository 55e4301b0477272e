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

pub mod adjudication;
pub mod agreement;
pub mod error;
pub mod formats;
pub mod import;
pub mod model;
pub mod rng;
pub mod segment;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod text;

#[cfg(feature = "gui")]
pub mod app;

pub use error::{Error, Result};
pub use model::{AnnotationFile, Document, DocumentEntry, Label, Rejected, Span, SpanSource, Status};
pub use store::{AnnotatedDocument, LoadedAnnotation, Project};
