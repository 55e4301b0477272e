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
pub mod study;
pub mod tags;
pub mod unitizing;

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// A span as agreement sees it: `[start, end)` in code points and a label index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Index into [`Study::labels`].
    pub label: usize,
}

/// One document of a study.
#[derive(Debug, Clone, Default)]
pub struct StudyDoc {
    /// Document id.
    pub id: String,
    /// Length in code points.
    pub len: usize,
    /// Per annotator (same order as [`Study::annotators`]): the units, or
    /// `None` when that annotator has not finished the document.
    pub units: Vec<Option<Vec<Unit>>>,
    /// Per annotator, the relations, sorted and without duplicates; may be
    /// shorter than `units` (a missing entry means no relations).
    pub relations: Vec<Vec<relations::RelationUnit>>,
    /// Per annotator, the document's categories (indices into
    /// [`Study::categories`]), sorted; counted only where `units` is `Some`;
    /// may be shorter than `units` (a missing entry means none).
    pub categories: Vec<Vec<usize>>,
}

/// What agreement is computed over.
#[derive(Debug, Clone, Default)]
pub struct Study {
    /// Label names; units refer to them by index.
    pub labels: Vec<String>,
    /// Annotator names.
    pub annotators: Vec<String>,
    /// The documents.
    pub docs: Vec<StudyDoc>,
    /// Relation types; relations refer to them by index.
    pub relation_types: Vec<relations::StudyRelationType>,
    /// Document category names; documents refer to them by index.
    pub categories: Vec<String>,
    /// Whether a document takes one category at most (project.ron's `category_choice`).
    pub single_category: bool,
}

/// A measured value, or NaN with the reason it is undefined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The value (NaN when undefined).
    pub value: f64,
    /// Why the value is undefined, when it is.
    pub undefined: Option<&'static str>,
}

impl Score {
    /// A defined value.
    pub fn of(value: f64) -> Self {
        Score { value, undefined: None }
    }

    /// An undefined value with its reason.
    pub fn undefined(reason: &'static str) -> Self {
        Score { value: f64::NAN, undefined: Some(reason) }
    }

    /// Whether the value is defined.
    pub fn is_defined(&self) -> bool {
        self.undefined.is_none()
    }

    /// `a / b`, undefined with `reason` when `b == 0`.
    pub fn ratio(a: f64, b: f64, reason: &'static str) -> Self {
        if b == 0.0 { Score::undefined(reason) } else { Score::of(a / b) }
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // JSON has no NaN: an undefined value is `null` (its reason is reported beside it).
        if self.is_defined() { serializer.serialize_f64(self.value) } else { serializer.serialize_none() }
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_defined() { write!(f, "{:.4}", self.value) } else { write!(f, "–") }
    }
}

/// Unweighted mean of the defined scores; undefined when none is.
pub fn mean_defined(scores: impl IntoIterator<Item = Score>) -> Score {
    let (sum, n) = scores.into_iter().filter(Score::is_defined).fold((0.0, 0usize), |(s, n), x| (s + x.value, n + 1));
    if n == 0 { Score::undefined("no defined value to average") } else { Score::of(sum / n as f64) }
}

/// Per-label scores keyed by label name.
pub type PerLabel = BTreeMap<String, Score>;

impl Study {
    /// Documents finished by every annotator in `who` (indices into `annotators`).
    pub fn docs_done_by<'a>(&'a self, who: &'a [usize]) -> impl Iterator<Item = &'a StudyDoc> + 'a {
        self.docs.iter().filter(move |d| who.iter().all(|&a| d.units.get(a).is_some_and(Option::is_some)))
    }

    /// The relations of annotator `a` in `doc` (empty when not finished or none).
    pub fn relations<'a>(&self, doc: &'a StudyDoc, a: usize) -> &'a [relations::RelationUnit] {
        if doc.units.get(a).is_some_and(Option::is_some) {
            doc.relations.get(a).map_or(&[], Vec::as_slice)
        } else {
            &[]
        }
    }

    /// The units of annotator `a` in `doc` (empty when not finished).
    pub fn units<'a>(&self, doc: &'a StudyDoc, a: usize) -> &'a [Unit] {
        doc.units.get(a).and_then(Option::as_deref).unwrap_or(&[])
    }
}
