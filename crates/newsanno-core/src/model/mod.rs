//! Plain data: documents, labels, spans and annotation files. No I/O, no GUI.

mod annotation;
mod attribute;
mod category;
mod document;
mod edit;
mod label;
mod relation;

pub use annotation::{
    AnnotationFile, FORMAT_MAJOR, FORMAT_MINOR, FORMAT_VERSION, FORMAT_VERSION_BASE, FORMAT_VERSION_CATEGORIES,
    FORMAT_VERSION_RELATIONS, FORMAT_VERSION_SUGGESTIONS, Rejected, Span, SpanError, SpanKey, SpanSource, Status,
};
pub use attribute::{
    AttributeSpec, AttributeType, AttributeValue, Attributes, Link, NIL, decimal_to_json, default_attributes,
    figure_attributes,
};
pub use category::{Category, CategoryChoice, toggled};
pub use document::{Document, DocumentEntry, Metadata};
pub use edit::{Change, Edit, History};
pub use label::{
    DEFAULT_METRIC_PATTERNS, DEFAULT_PALETTE, Label, PatternSpec, default_labels, is_valid_label_name,
    labels_from_names,
};
pub use relation::{LabelPair, Relation, RelationType, default_relation_types, is_directed};
