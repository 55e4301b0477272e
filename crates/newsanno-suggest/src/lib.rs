//! Suggestions: spans the tool proposes and the annotator accepts or rejects.
//!
//! Four sources, configured per label in `project.ron` and all optional:
//! term lists matched over the raw characters ([`terms`]), regular
//! expressions with built-in metric patterns ([`patterns`]), jieba
//! part-of-speech hints ([`pos`]) and propagation of the annotator's own
//! spans ([`propagate`]). A suggestion never overlaps a span of the same
//! label, never comes back once rejected in a document, and is not an
//! annotation until it is accepted.

pub mod bulk;
#[cfg(feature = "crf")]
pub mod crf;
pub mod evaluate;
pub mod patterns;
pub mod pos;
pub mod propagate;
pub mod suggester;
pub mod terms;

pub use propagate::Propagation;
pub use suggester::{
    OpenFilter, SourceKind, Sources, Suggester, Suggestion, annotator_files, is_open, open_suggestions,
};
