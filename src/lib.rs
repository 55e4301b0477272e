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

/// `NAMES`, `name()` and `FromStr` for a fieldless enum whose values the
/// command line spells as words: `named_values!(Format, "a format", [Jsonl =>
/// "jsonl", …]);`. The command line checks names against `NAMES`; the library
/// derives nothing from clap.
macro_rules! named_values {
    ($enum:ident, $what:literal, [$($value:ident => $name:literal),+ $(,)?]) => {
        impl $enum {
            /// Every value's name, as the command line spells it.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The name of this value.
            pub fn name(self) -> &'static str {
                match self {
                    $($enum::$value => $name,)+
                }
            }
        }

        impl std::str::FromStr for $enum {
            type Err = String;

            fn from_str(s: &str) -> std::result::Result<Self, String> {
                match s {
                    $($name => Ok($enum::$value),)+
                    _ => Err(format!("{s:?} is not {} ({})", $what, $enum::NAMES.join(", "))),
                }
            }
        }
    };
}
pub(crate) use named_values;

pub mod adjudication;
pub mod agreement;
pub mod formats;
pub mod import;
pub mod suggest;

// The layers below live in the newsanno-core crate (what a pipeline needs
// to read a project); re-exported so `newsanno::store::…` paths stay.
pub use newsanno_core::{assign, error, model, rng, segment, sentences, stats, store, text};

#[cfg(feature = "gui")]
pub mod app;

pub use error::{Error, Result};
pub use model::{
    AnnotationFile, Document, DocumentEntry, Label, Rejected, Relation, RelationType, Span, SpanSource, Status,
};
pub use store::{AnnotatedDocument, LoadedAnnotation, Project};
