//! newsanno-agreement: inter-annotator agreement (one measure per file, no GUI)
//! and adjudication (`adjudication`), over a project read by newsanno-core.
//!
//! Everything is computed over a [`Study`]: documents with their length and,
//! per annotator, either the spans (the annotator finished the document) or
//! `None` (not finished: a missing value, not "no spans"). Definitions,
//! formulas and worked examples are in docs/AGREEMENT.md; the values match
//! scikit-learn, statsmodels, krippendorff and seqeval to 1e-9
//! (tests/golden/agreement.json).

pub mod adjudication;
pub mod categories;
pub mod cohen;
pub mod exact;
pub mod fleiss;
pub mod krippendorff;
pub mod overlap;
pub mod relations;
pub mod render;
pub mod report;
pub mod score;
pub mod study;
pub mod tags;
pub mod unitizing;
pub mod units;

pub use score::{PerLabel, Score, mean_defined};
pub use units::{RelationUnit, Study, StudyDoc, StudyRelationType, Unit};
