//! Suggestions in the window: what the open document is offered, which one
//! has the keyboard focus, and the annotator's spans that feed propagation.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::{AnnotationFile, Document};
use crate::suggest::{Propagation, SourceKind, Sources, Suggester, Suggestion, open_suggestions};

/// Per-session suggestion state.
pub struct SuggestionState {
    /// The project's suggester; `None` when project.ron's sources cannot be loaded (see `error`).
    pub suggester: Option<Arc<Suggester>>,
    /// Why there are no suggestions, when a term list or pattern is broken.
    pub error: Option<String>,
    /// Sources switched on in the window.
    pub sources: Sources,
    // The annotator's (label, text) pairs per document, for propagation.
    spans_by_doc: HashMap<String, Vec<(String, String)>>,
    propagation: Propagation,
    propagated: HashSet<(String, String)>,
    // For the open document: every candidate, then those still open.
    candidates: Vec<Suggestion>,
    /// The suggestions shown for the open document, sorted by position.
    pub open: Vec<Suggestion>,
    /// Index into `open` of the suggestion Tab has focused.
    pub focused: Option<usize>,
}

impl std::fmt::Debug for SuggestionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SuggestionState").field("open", &self.open.len()).finish_non_exhaustive()
    }
}

impl SuggestionState {
    /// State for a session; `files` are the annotator's files read at start.
    pub fn new(suggester: crate::Result<Suggester>, files: &[AnnotationFile]) -> Self {
        let (suggester, error) = match suggester {
            Ok(s) => (Some(Arc::new(s)), None),
            Err(e) => (None, Some(format!("suggestions are off: {e}"))),
        };
        let spans_by_doc = files
            .iter()
            .map(|f| (f.document.clone(), f.spans.iter().map(|s| (s.label.clone(), s.text.clone())).collect()))
            .collect();
        let mut state = SuggestionState {
            suggester,
            error,
            sources: Sources::all(),
            spans_by_doc,
            propagation: Propagation::default(),
            propagated: HashSet::new(),
            candidates: Vec::new(),
            open: Vec::new(),
            focused: None,
        };
        state.rebuild_propagation();
        state
    }

    fn rebuild_propagation(&mut self) {
        let Some(suggester) = &self.suggester else { return };
        let pairs = self.spans_by_doc.values().flatten().map(|(l, t)| (l.as_str(), t.as_str()));
        match suggester.propagation_from_pairs(pairs) {
            Ok(p) => self.propagation = p,
            Err(e) => self.error = Some(format!("propagation is off: {e}")),
        }
        self.propagated = self.spans_by_doc.values().flatten().cloned().collect();
    }

    /// Computes the candidates for a newly opened document.
    pub fn open_document(&mut self, doc: &Document, file: &AnnotationFile) {
        self.recompute(doc, file);
        self.focused = None;
    }

    fn recompute(&mut self, doc: &Document, file: &AnnotationFile) {
        self.candidates = match &self.suggester {
            Some(s) => s.candidates(doc, Some(&self.propagation), self.sources),
            None => Vec::new(),
        };
        self.refilter(file);
    }

    fn refilter(&mut self, file: &AnnotationFile) {
        let focused = self.focused.and_then(|i| self.open.get(i)).map(|s| (s.start, s.end, s.label.clone()));
        self.open = open_suggestions(self.candidates.clone(), file);
        // Keep the focus on the same suggestion, or on the one that took its place.
        self.focused = focused.and_then(|(start, end, label)| {
            self.open
                .iter()
                .position(|s| s.start == start && s.end == end && s.label == label)
                .or_else(|| self.open.iter().position(|s| s.start >= start))
        });
    }

    /// After an edit of the open document: labelled texts become propagation
    /// terms at once, and texts no longer labelled anywhere stop being terms;
    /// otherwise only the filtering is redone.
    pub fn after_edit(&mut self, doc: &Document, file: &AnnotationFile) {
        let pairs: Vec<(String, String)> = file.spans.iter().map(|s| (s.label.clone(), s.text.clone())).collect();
        let before = self.spans_by_doc.insert(file.document.clone(), pairs.clone()).unwrap_or_default();
        let added = pairs.iter().any(|p| !self.propagated.contains(p));
        let removed = before.iter().any(|p| !pairs.contains(p));
        if added || removed {
            self.rebuild_propagation();
            self.recompute(doc, file);
        } else {
            self.refilter(file);
        }
    }

    /// Switches a source on or off and recomputes.
    pub fn set_source(&mut self, kind: SourceKind, on: bool, doc: &Document, file: &AnnotationFile) {
        self.sources.set(kind, on);
        self.recompute(doc, file);
    }

    /// Moves the focus to the next (`+1`) or previous (`-1`) suggestion after/before `from`.
    pub fn step_focus(&mut self, delta: isize, from: Option<usize>) -> Option<&Suggestion> {
        if self.open.is_empty() {
            self.focused = None;
            return None;
        }
        let n = self.open.len();
        let next = match (self.focused, from) {
            (Some(i), _) => (i as isize + delta).rem_euclid(n as isize) as usize,
            (None, Some(at)) if delta > 0 => self.open.iter().position(|s| s.start >= at).unwrap_or(0),
            (None, Some(at)) => self.open.iter().rposition(|s| s.start < at).unwrap_or(n - 1),
            (None, None) if delta > 0 => 0,
            (None, None) => n - 1,
        };
        self.focused = Some(next);
        self.open.get(next)
    }

    /// The focused suggestion.
    pub fn focused(&self) -> Option<&Suggestion> {
        self.focused.and_then(|i| self.open.get(i))
    }

    /// How often the annotator labelled `text` as `label` (for "you labelled … N times").
    pub fn times_labelled(&self, label: &str, text: &str) -> usize {
        self.propagation.count(label, text)
    }

    /// Open suggestions per label, for "accept all" buttons.
    pub fn count_by_label(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in &self.open {
            match counts.iter_mut().find(|(l, _)| *l == s.label) {
                Some((_, n)) => *n += 1,
                None => counts.push((s.label.clone(), 1)),
            }
        }
        counts
    }

    /// Open suggestions of `kind`.
    pub fn count_of(&self, kind: SourceKind) -> usize {
        self.open.iter().filter(|s| s.kind() == kind).count()
    }
}
