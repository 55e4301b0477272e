//! A measured value that may be undefined (with the reason), and means of them.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

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
