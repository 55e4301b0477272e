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
    // The annotator's (label, text) pairs per document, and how often each
    // pair is labelled right now (a pair at 0 is no longer propagated).
    spans_by_doc: HashMap<String, Vec<(String, String)>>,
    counts: HashMap<String, HashMap<String, usize>>,
    // Propagation terms in two parts, so that an edit never rebuilds the
    // large automaton: everything labelled when the session started, and the
    // (few) texts labelled for the first time since.
    base: Propagation,
    base_pairs: HashMap<String, HashSet<String>>,
    delta: Propagation,
    // For the open document: every candidate, then those still open.
    candidates: Vec<Suggestion>,
    /// The suggestions shown for the open document, sorted by position.
    pub open: Vec<Suggestion>,
    /// Index into `open` of the suggestion Tab has focused.
    pub focused: Option<usize>,
    // Documents being tagged by jieba on a worker thread (POS hints follow when done).
    tagging: Vec<(String, std::thread::JoinHandle<()>)>,
    // Changes whenever `open` does (unique across sessions), so views can cache what they draw.
    generation: u64,
}

static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

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
        let mut state = SuggestionState { suggester, error, spans_by_doc, ..SuggestionState::off() };
        for pair in state.spans_by_doc.values().flatten() {
            *state.counts.entry(pair.0.clone()).or_default().entry(pair.1.clone()).or_default() += 1;
        }
        if let Some(suggester) = &state.suggester {
            let pairs = state.spans_by_doc.values().flatten().map(|(l, t)| (l.as_str(), t.as_str()));
            match suggester.propagation_from_pairs(pairs) {
                Ok(p) => state.base = p,
                Err(e) => state.error = Some(format!("propagation is off: {e}")),
            }
        }
        for (label, texts) in &state.counts {
            state.base_pairs.insert(label.clone(), texts.keys().cloned().collect());
        }
        state
    }

    /// No suggestions at all (review's gold session).
    pub fn off() -> Self {
        SuggestionState {
            suggester: None,
            error: None,
            sources: Sources::all(),
            spans_by_doc: HashMap::new(),
            counts: HashMap::new(),
            base: Propagation::default(),
            base_pairs: HashMap::new(),
            delta: Propagation::default(),
            candidates: Vec::new(),
            open: Vec::new(),
            focused: None,
            tagging: Vec::new(),
            generation: 0,
        }
    }

    // Rebuilds the small automaton of texts labelled since the session started.
    fn rebuild_delta(&mut self) {
        let Some(suggester) = &self.suggester else { return };
        let mut new: Vec<(&str, &str)> = Vec::new();
        for (label, texts) in &self.counts {
            for (text, n) in texts {
                if *n > 0 && !self.base_pairs.get(label).is_some_and(|b| b.contains(text)) {
                    new.extend(std::iter::repeat_n((label.as_str(), text.as_str()), *n));
                }
            }
        }
        match suggester.propagation_from_pairs(new) {
            Ok(p) => self.delta = p,
            Err(e) => self.error = Some(format!("propagation is off: {e}")),
        }
    }

    fn count(&self, label: &str, text: &str) -> usize {
        self.counts.get(label).and_then(|t| t.get(text)).copied().unwrap_or(0)
    }

    /// Computes the candidates for a newly opened document, and starts
    /// tagging `next` (the following document) in the background.
    pub fn open_document(&mut self, doc: &Arc<Document>, file: &AnnotationFile, next: Option<Arc<Document>>) {
        self.recompute(doc, file);
        self.focused = None;
        if let Some(next) = next {
            self.tag_in_background(next);
        }
    }

    /// Whether POS hints are configured and switched on (so texts need tagging).
    pub fn wants_tags(&self) -> bool {
        self.sources.contains(SourceKind::Pos) && self.suggester.as_ref().is_some_and(|s| s.has(SourceKind::Pos))
    }

    // jieba tags a 50,000-character article in ~25 ms: too slow for a
    // document switch, so it runs on a worker and POS hints follow.
    fn tag_in_background(&mut self, doc: Arc<Document>) {
        let Some(suggester) = &self.suggester else { return };
        if !self.wants_tags() || suggester.tags_ready(&doc) || self.tagging.iter().any(|(id, _)| *id == doc.entry.id) {
            return;
        }
        let suggester = Arc::clone(suggester);
        let id = doc.entry.id.clone();
        if let Ok(handle) =
            std::thread::Builder::new().name("newsanno-tagger".into()).spawn(move || suggester.warm_tags(&doc))
        {
            self.tagging.push((id, handle));
        }
    }

    /// Call once per frame: when the open document's tags arrive, its POS hints are added.
    /// Returns whether the suggestions changed.
    pub fn poll(&mut self, doc: &Arc<Document>, file: &AnnotationFile) -> bool {
        if self.tagging.is_empty() {
            return false;
        }
        let (done, running): (Vec<_>, Vec<_>) = self.tagging.drain(..).partition(|(_, h)| h.is_finished());
        self.tagging = running;
        let mut current_done = false;
        for (id, handle) in done {
            let _ = handle.join();
            current_done |= id == doc.entry.id;
        }
        if current_done {
            self.recompute(doc, file);
        }
        current_done
    }

    /// Whether POS hints for the open document are still being computed.
    pub fn tagging(&self, doc: &Document) -> bool {
        self.tagging.iter().any(|(id, _)| *id == doc.entry.id)
    }

    fn recompute(&mut self, doc: &Arc<Document>, file: &AnnotationFile) {
        let mut sources = self.sources;
        if let Some(s) = &self.suggester
            && sources.contains(SourceKind::Pos)
            && s.has(SourceKind::Pos)
            && !s.tags_ready(doc)
        {
            sources.set(SourceKind::Pos, false);
            self.tag_in_background(Arc::clone(doc));
        }
        self.candidates = match &self.suggester {
            Some(s) => s.candidates_with(doc, &[&self.base, &self.delta], sources),
            None => Vec::new(),
        };
        // A text no longer labelled anywhere is no longer a term, even if the start-up automaton has it.
        self.drop_vanished_terms();
        self.refilter(file);
    }

    /// A number that changes whenever the open suggestions do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    fn refilter(&mut self, file: &AnnotationFile) {
        self.generation = GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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

    // Propagated candidates whose text is no longer labelled anywhere.
    fn drop_vanished_terms(&mut self) {
        let counts = &self.counts;
        let live = |label: &str, text: &str| counts.get(label).and_then(|t| t.get(text)).is_some_and(|n| *n > 0);
        self.candidates.retain(|c| c.kind() != SourceKind::Propagated || live(&c.label, &c.text));
    }

    /// After an edit of the open document: a newly labelled text is suggested
    /// at its other occurrences at once, and a text no longer labelled anywhere
    /// stops being suggested. This stays cheap (no full recomputation) so a
    /// keystroke never waits; the next document switch recomputes exactly.
    pub fn after_edit(&mut self, doc: &Document, file: &AnnotationFile) {
        let pairs: Vec<(String, String)> = file.spans.iter().map(|s| (s.label.clone(), s.text.clone())).collect();
        let before = self.spans_by_doc.insert(file.document.clone(), pairs.clone()).unwrap_or_default();
        if before == pairs {
            self.refilter(file);
            return;
        }
        // Count the file's pairs in before taking its old ones out, so a pair
        // in both never drops to zero on the way.
        let mut appeared = Vec::new();
        for (label, text) in &pairs {
            // Look up first: cloning the key for `entry` on every known pair is the slow part.
            match self.counts.get_mut(label.as_str()).and_then(|t| t.get_mut(text.as_str())) {
                Some(n) => {
                    if *n == 0 {
                        appeared.push((label.clone(), text.clone()));
                    }
                    *n += 1;
                }
                None => {
                    self.counts.entry(label.clone()).or_default().insert(text.clone(), 1);
                    appeared.push((label.clone(), text.clone()));
                }
            }
        }
        let mut vanished = false;
        for (label, text) in &before {
            if let Some(n) = self.counts.get_mut(label).and_then(|t| t.get_mut(text)) {
                *n = n.saturating_sub(1);
                vanished |= *n == 0;
            }
        }
        if !appeared.is_empty() {
            self.rebuild_delta();
            for (label, text) in &appeared {
                self.add_occurrences(doc, label, text);
            }
        }
        if vanished {
            self.drop_vanished_terms();
        }
        self.refilter(file);
    }

    // The other occurrences of a newly labelled text, as propagated
    // candidates, unless a suggestion of its label already covers them.
    fn add_occurrences(&mut self, doc: &Document, label: &str, text: &str) {
        let Some(min_chars) = self.suggester.as_ref().and_then(|s| s.propagates()) else { return };
        if !self.sources.contains(SourceKind::Propagated) || !Propagation::qualifies(text, min_chars) {
            return;
        }
        let width = text.chars().count();
        let full = doc.text();
        let mut added = false;
        for (byte, _) in full.match_indices(text) {
            if crate::suggest::terms::cuts_a_latin_word(full, byte, byte + text.len()) {
                continue;
            }
            let Some(start) = doc.text.char_from_byte(byte) else { continue };
            let end = start + width;
            if self.candidates.iter().any(|c| c.label == label && c.overlaps(start, end)) {
                continue;
            }
            self.candidates.push(Suggestion {
                start,
                end,
                label: label.to_owned(),
                text: text.to_owned(),
                source: crate::model::SpanSource::Propagated,
                strong: true,
            });
            added = true;
        }
        if added {
            self.candidates.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        }
    }

    /// Switches a source on or off and recomputes.
    pub fn set_source(&mut self, kind: SourceKind, on: bool, doc: &Arc<Document>, file: &AnnotationFile) {
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
        self.count(label, text)
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
