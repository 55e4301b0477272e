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

/// `NAMES`, `name()` and `FromStr` for a fieldless enum whose values the
/// command line spells as words: `newsanno_core::named_values!(Format, "a format", [Jsonl =>
/// "jsonl", …]);`. The command line checks names against `NAMES`; the library
/// derives nothing from clap.
#[macro_export]
macro_rules! named_values {
    ($enum:ident, $what:literal, [$($value:ident => $name:literal),+ $(,)?]) => {
        impl $enum {
            /// Every value's name, as the command line spells it.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// Every value, in the order of [`Self::NAMES`].
            pub const ALL: &'static [Self] = &[$($enum::$value),+];

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

pub mod assign;
pub mod error;
pub mod figures;
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
