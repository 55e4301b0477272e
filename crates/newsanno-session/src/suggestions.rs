//! Suggestions in the window: what the open document is offered, which one
//! has the keyboard focus, and the annotator's spans that feed propagation.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use newsanno_core::model::Change;
use newsanno_core::model::{AnnotationFile, Document};
use newsanno_suggest::{Propagation, SourceKind, Sources, Suggester, Suggestion};

/// Per-session suggestion state.
pub struct SuggestionState {
    /// The project's suggester; `None` when project.ron's sources cannot be loaded (see `error`).
    pub suggester: Option<Arc<Suggester>>,
    /// Why there are no suggestions, when a term list or pattern is broken.
    pub error: Option<String>,
    /// Sources switched on in the window.
    pub sources: Sources,
    // How often each (label, text) pair is labelled right now, over all the
    // annotator's files (a pair at 0 is no longer propagated). Kept up to
    // date from each edit's changes, never by rescanning files.
    counts: HashMap<String, HashMap<String, usize>>,
    // Propagation terms in two parts, so that an edit never rebuilds the
    // large automaton: everything labelled when the session started, and the
    // (few) texts labelled for the first time since.
    base: Propagation,
    base_pairs: HashMap<String, HashSet<String>>,
    delta: Propagation,
    // Pairs labelled for the first time since the session started (the delta's
    // terms), and whether the delta automaton is behind them: it is rebuilt at
    // the next document switch, not on every edit (the open document gets its
    // new occurrences directly).
    delta_pairs: BTreeSet<(String, String)>,
    delta_stale: bool,
    // For the open document: every candidate, sorted by (start, end, label),
    // and the longest one's length (to find those overlapping a range).
    candidates: Vec<Arc<Suggestion>>,
    longest: usize,
    /// The suggestions shown for the open document: the candidates not
    /// covered by a span of their label nor rejected, in the same order.
    pub open: Vec<Arc<Suggestion>>,
    // Open suggestions per label and per source kind, kept with `open`.
    per_label: Vec<(String, usize)>,
    per_kind: [usize; 5],
    /// Index into `open` of the suggestion Tab has focused.
    pub focused: Option<usize>,
    // Documents being tagged by jieba on a worker thread (POS hints follow when done).
    tagging: Vec<(String, std::thread::JoinHandle<()>)>,
    /// The learning suggester: its training and tagging workers.
    pub model: crate::model_worker::ModelWorker,
    // The model's confidence in each of its candidates for the open document.
    confidence: HashMap<(usize, usize, String), f64>,
}

impl std::fmt::Debug for SuggestionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SuggestionState").field("open", &self.open.len()).finish_non_exhaustive()
    }
}

impl SuggestionState {
    /// State for a session; `files` are the annotator's files read at start.
    pub fn new(suggester: newsanno_core::Result<Suggester>, files: &[AnnotationFile]) -> Self {
        let (suggester, error) = match suggester {
            Ok(s) => (Some(Arc::new(s)), None),
            Err(e) => (None, Some(format!("suggestions are off: {e}"))),
        };
        let mut state = SuggestionState { suggester, error, ..SuggestionState::off() };
        // In the window the model is on once it is trained (the command line names it).
        state.sources.set(SourceKind::Model, true);
        for span in files.iter().flat_map(|f| &f.spans) {
            *state.counts.entry(span.label.clone()).or_default().entry(span.text.clone()).or_default() += 1;
        }
        if let Some(suggester) = &state.suggester {
            let pairs = files.iter().flat_map(|f| &f.spans).map(|s| (s.label.as_str(), s.text.as_str()));
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
            counts: HashMap::new(),
            base: Propagation::default(),
            base_pairs: HashMap::new(),
            delta: Propagation::default(),
            delta_pairs: BTreeSet::new(),
            delta_stale: false,
            candidates: Vec::new(),
            longest: 0,
            open: Vec::new(),
            per_label: Vec::new(),
            per_kind: [0; 5],
            focused: None,
            tagging: Vec::new(),
            model: Default::default(),
            confidence: HashMap::new(),
        }
    }

    // Rebuilds the small automaton of texts labelled since the session started.
    fn rebuild_delta(&mut self) {
        let Some(suggester) = &self.suggester else { return };
        let mut new: Vec<(&str, &str)> = Vec::new();
        for (label, text) in &self.delta_pairs {
            let n = self.counts.get(label).and_then(|t| t.get(text)).copied().unwrap_or(0);
            new.extend(std::iter::repeat_n((label.as_str(), text.as_str()), n));
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
        if self.model.poll(Some(doc.id())) {
            self.recompute(doc, file);
            return true;
        }
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

    /// The model's confidence in suggestion `s`, if the model made it.
    pub fn confidence(&self, s: &Suggestion) -> Option<f64> {
        self.confidence.get(&(s.start, s.end, s.label.clone())).copied()
    }

    /// Whether POS hints for the open document are still being computed.
    pub fn tagging(&self, doc: &Document) -> bool {
        self.tagging.iter().any(|(id, _)| *id == doc.entry.id)
    }

    fn recompute(&mut self, doc: &Arc<Document>, file: &AnnotationFile) {
        if std::mem::take(&mut self.delta_stale) {
            self.rebuild_delta();
        }
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
            Some(s) => s.candidates_with(doc, &[&self.base, &self.delta], sources).into_iter().map(Arc::new).collect(),
            None => Vec::new(),
        };
        self.confidence.clear();
        if let Some(suggester) = self.suggester.clone()
            && sources.contains(SourceKind::Model)
            && let Some(tagged) = self.model.suggestions_for(&suggester, doc)
        {
            // The rule-based sources win where both suggest the same span.
            let rule: HashSet<(usize, usize, &str)> =
                self.candidates.iter().map(|c| (c.start, c.end, c.label.as_str())).collect();
            let learnt: Vec<Arc<Suggestion>> = tagged
                .iter()
                .filter(|(s, _)| !rule.contains(&(s.start, s.end, s.label.as_str())))
                .map(|(s, _)| Arc::new(s.clone()))
                .collect();
            for (s, c) in tagged.iter() {
                self.confidence.insert((s.start, s.end, s.label.clone()), *c);
            }
            self.candidates.extend(learnt);
        }
        self.candidates.sort_by(|a, b| order(a, b));
        self.longest = self.candidates.iter().map(|c| c.end - c.start).max().unwrap_or(0);
        // A text no longer labelled anywhere is no longer a term, even if the start-up automaton has it.
        self.drop_vanished_terms();
        self.refilter(file);
    }

    // Every candidate checked against the file (a document switch, a source
    // toggle, a large batch edit).
    fn refilter(&mut self, file: &AnnotationFile) {
        let focused = self.focused_key();
        let filter = newsanno_suggest::OpenFilter::new(file);
        self.open = self.candidates.iter().filter(|c| filter.keeps(c)).cloned().collect();
        self.per_label.clear();
        self.per_kind = [0; 5];
        for s in std::mem::take(&mut self.open) {
            self.tally(&s, true);
            self.open.push(s);
        }
        self.refocus(focused);
    }

    // The key of the focused suggestion, to find it again after a change.
    fn focused_key(&self) -> Option<(usize, usize, String)> {
        self.focused.and_then(|i| self.open.get(i)).map(|s| (s.start, s.end, s.label.clone()))
    }

    // After a change of `open`: the focus stays on the same suggestion, or on the one that took its place.
    fn refocus(&mut self, focused: Option<(usize, usize, String)>) {
        self.focused = focused.and_then(|(start, end, label)| {
            let at = self.open.partition_point(|s| (s.start, s.end, s.label.as_str()) < (start, end, label.as_str()));
            let same = self.open.get(at).is_some_and(|s| (s.start, s.end, s.label.as_str()) == (start, end, &label));
            let next = self.open.partition_point(|s| s.start < start);
            if same { Some(at) } else { (next < self.open.len()).then_some(next) }
        });
    }

    // Counts `s` in (or out of) the per-label and per-kind tallies.
    fn tally(&mut self, s: &Suggestion, add: bool) {
        let kind = SourceKind::ALL.iter().position(|k| *k == s.kind()).unwrap_or(0);
        let slot = match self.per_label.iter().position(|(l, _)| *l == s.label) {
            Some(i) => i,
            None => {
                self.per_label.push((s.label.clone(), 0));
                self.per_label.len() - 1
            }
        };
        if add {
            self.per_kind[kind] += 1;
            self.per_label[slot].1 += 1;
        } else {
            self.per_kind[kind] = self.per_kind[kind].saturating_sub(1);
            self.per_label[slot].1 = self.per_label[slot].1.saturating_sub(1);
        }
        self.per_label.retain(|(_, n)| *n > 0);
    }

    // Index of the first suggestion in `list` that may overlap `[start, end)`.
    fn first_overlapping(list: &[Arc<Suggestion>], longest: usize, start: usize) -> usize {
        list.partition_point(|c| c.start + longest <= start)
    }

    // Re-decides, for the candidates overlapping each range, whether they are open.
    fn update_open(&mut self, file: &AnnotationFile, ranges: &[(usize, usize)]) {
        for &(start, end) in ranges {
            let mut i = Self::first_overlapping(&self.open, self.longest, start);
            while i < self.open.len() && self.open[i].start < end {
                if self.open[i].overlaps(start, end) {
                    let gone = self.open.remove(i);
                    self.tally(&gone, false);
                } else {
                    i += 1;
                }
            }
            let from = Self::first_overlapping(&self.candidates, self.longest, start);
            let reopened: Vec<Arc<Suggestion>> = self.candidates[from..]
                .iter()
                .take_while(|c| c.start < end)
                .filter(|c| c.overlaps(start, end) && newsanno_suggest::is_open(c, file))
                .cloned()
                .collect();
            for c in reopened {
                let at = self.open.partition_point(|o| order(o, &c).is_lt());
                if self.open.get(at).is_none_or(|o| !Arc::ptr_eq(o, &c)) {
                    self.tally(&c, true);
                    self.open.insert(at, c);
                }
            }
        }
    }

    // Propagated candidates whose text is no longer labelled anywhere.
    fn drop_vanished_terms(&mut self) {
        let counts = &self.counts;
        let live = |label: &str, text: &str| counts.get(label).and_then(|t| t.get(text)).is_some_and(|n| *n > 0);
        self.candidates.retain(|c| c.kind() != SourceKind::Propagated || live(&c.label, &c.text));
        let gone: Vec<Arc<Suggestion>> = self
            .open
            .iter()
            .filter(|c| c.kind() == SourceKind::Propagated && !live(&c.label, &c.text))
            .cloned()
            .collect();
        if !gone.is_empty() {
            self.open.retain(|c| c.kind() != SourceKind::Propagated || live(&c.label, &c.text));
            for c in gone {
                self.tally(&c, false);
            }
        }
    }

    /// After an edit of the open document, given what it changed: a newly
    /// labelled text is suggested at its other occurrences at once, a text no
    /// longer labelled anywhere stops being suggested, and only suggestions
    /// overlapping a changed span or rejection are looked at again. Cheap (no
    /// rescan of the file or the candidates), so a keystroke never waits; the
    /// next document switch recomputes everything exactly.
    pub fn after_edit(&mut self, doc: &Document, file: &AnnotationFile, changes: &[Change]) {
        let focused = self.focused_key();
        let mut ranges: Vec<(usize, usize)> = changes.iter().map(Change::range).collect();
        let mut appeared = Vec::new();
        let mut vanished = false;
        for change in changes {
            let Change::Span { label, text, added, .. } = change else { continue };
            // Look up first: cloning the key for `entry` is the slow part.
            let n = match self.counts.get_mut(label.as_str()).and_then(|t| t.get_mut(text.as_str())) {
                Some(n) => n,
                None => self.counts.entry(label.clone()).or_default().entry(text.clone()).or_insert(0),
            };
            if *added {
                if *n == 0 {
                    appeared.push((label.clone(), text.clone()));
                }
                *n += 1;
            } else {
                *n = n.saturating_sub(1);
                vanished |= *n == 0;
            }
        }
        if !appeared.is_empty() {
            for (label, text) in &appeared {
                if !self.base_pairs.get(label).is_some_and(|b| b.contains(text)) {
                    self.delta_pairs.insert((label.clone(), text.clone()));
                }
            }
            self.delta_stale = true;
            for (label, text) in &appeared {
                ranges.extend(self.add_occurrences(doc, label, text));
            }
        }
        if vanished {
            self.drop_vanished_terms();
        }
        // A large batch (accept all, label all) is cheaper checked whole.
        if ranges.len() > 64 {
            self.refilter(file);
            return;
        }
        self.update_open(file, &ranges);
        self.refocus(focused);
    }

    // The other occurrences of a newly labelled text, as propagated
    // candidates, unless a suggestion of its label already covers them;
    // returns their ranges.
    fn add_occurrences(&mut self, doc: &Document, label: &str, text: &str) -> Vec<(usize, usize)> {
        let mut added = Vec::new();
        let Some(min_chars) = self.suggester.as_ref().and_then(|s| s.propagates()) else { return added };
        if !self.sources.contains(SourceKind::Propagated) || !Propagation::qualifies(text, min_chars) {
            return added;
        }
        let width = text.chars().count();
        let full = doc.text();
        for (byte, _) in full.match_indices(text) {
            if newsanno_suggest::terms::cuts_a_latin_word(full, byte, byte + text.len()) {
                continue;
            }
            let Some(start) = doc.text.char_from_byte(byte) else { continue };
            let end = start + width;
            let from = Self::first_overlapping(&self.candidates, self.longest, start);
            let covered = self.candidates[from..]
                .iter()
                .take_while(|c| c.start < end)
                .any(|c| c.label == label && c.overlaps(start, end));
            if covered {
                continue;
            }
            let candidate = Arc::new(Suggestion {
                start,
                end,
                label: label.to_owned(),
                text: text.to_owned(),
                source: newsanno_core::model::SpanSource::Propagated,
                strong: true,
            });
            let at = self.candidates.partition_point(|c| order(c, &candidate).is_lt());
            self.candidates.insert(at, candidate);
            self.longest = self.longest.max(width);
            added.push((start, end));
        }
        added
    }

    /// Switches a source on or off and recomputes.
    pub fn set_source(&mut self, kind: SourceKind, on: bool, doc: &Arc<Document>, file: &AnnotationFile) {
        self.sources.set(kind, on);
        self.recompute(doc, file);
    }

    /// Moves the focus to the next (`+1`) or previous (`-1`) suggestion after/before `from`.
    pub fn step_focus(&mut self, delta: isize, from: Option<usize>) -> Option<&Arc<Suggestion>> {
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
    pub fn focused(&self) -> Option<&Arc<Suggestion>> {
        self.focused.and_then(|i| self.open.get(i))
    }

    /// How often the annotator labelled `text` as `label` (for "you labelled … N times").
    pub fn times_labelled(&self, label: &str, text: &str) -> usize {
        self.count(label, text)
    }

    /// Open suggestions per label, for "accept all" buttons (kept with `open`, not counted per frame).
    pub fn count_by_label(&self) -> &[(String, usize)] {
        &self.per_label
    }

    /// Open suggestions of `kind`.
    pub fn count_of(&self, kind: SourceKind) -> usize {
        SourceKind::ALL.iter().position(|k| *k == kind).map_or(0, |i| self.per_kind[i])
    }
}

// The order of candidates and open suggestions: by position, then label.
fn order(a: &Suggestion, b: &Suggestion) -> std::cmp::Ordering {
    (a.start, a.end, a.label.as_str()).cmp(&(b.start, b.end, b.label.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsanno_core::model::{Edit, History, Rejected, Span, SpanSource};

    fn key(s: &Suggestion) -> (usize, usize, String) {
        (s.start, s.end, s.label.clone())
    }

    #[test]
    fn edits_keep_the_open_suggestions_as_a_full_check_would() {
        const LABELS: [&str; 3] = ["executive", "product", "metric"];
        let text: String = "阿里云张勇钉钉营收𠮷😀同比增长".repeat(5);
        let doc = Document::from_text("d", &text);
        let len = doc.text.char_len();
        for seed in 1..=20u64 {
            let mut rng = newsanno_core::rng::Rng::new(seed);
            let mut state = SuggestionState::off();
            let mut candidates: Vec<Arc<Suggestion>> = (0..40)
                .map(|_| {
                    let start = rng.below(len - 4);
                    let end = start + 1 + rng.below(4);
                    Arc::new(Suggestion {
                        start,
                        end,
                        label: LABELS[rng.below(3)].to_owned(),
                        text: doc.text.slice(start, end).unwrap_or_default().to_owned(),
                        source: SpanSource::Terms("t.txt".into()),
                        strong: true,
                    })
                })
                .collect();
            candidates.sort_by(|a, b| order(a, b));
            candidates.dedup_by(|a, b| key(a) == key(b));
            state.longest = candidates.iter().map(|c| c.end - c.start).max().unwrap_or(0);
            state.candidates = candidates;
            let mut file = AnnotationFile::new("d", "alice", &doc.entry.text_hash);
            let mut history = History::default();
            state.refilter(&file);
            for step in 0..150 {
                let mut changes = Vec::new();
                let choice = rng.below(10);
                if choice < 2 && history.can_undo() {
                    if let Some(edit) = history.undo(&mut file).map(Edit::inverse) {
                        edit.changes(&file, &mut changes);
                    }
                } else if choice < 3 && history.can_redo() {
                    if let Some(edit) = history.redo(&mut file).cloned() {
                        edit.changes(&file, &mut changes);
                    }
                } else {
                    let edit = match rng.below(5) {
                        0 | 1 => {
                            let start = rng.below(len - 4);
                            let end = start + 1 + rng.below(4);
                            Edit::AddSpan(Span {
                                id: file.next_span_id(),
                                start,
                                end,
                                label: LABELS[rng.below(3)].to_owned(),
                                text: doc.text.slice(start, end).unwrap_or_default().to_owned(),
                                note: None,
                                source: SpanSource::Manual,
                                attributes: Default::default(),
                                link: None,
                            })
                        }
                        2 if !file.spans.is_empty() => {
                            Edit::RemoveSpan(file.spans[rng.below(file.spans.len())].clone())
                        }
                        3 if !file.spans.is_empty() => {
                            let s = &file.spans[rng.below(file.spans.len())];
                            Edit::Relabel { id: s.id, from: s.label.clone(), to: LABELS[rng.below(3)].to_owned() }
                        }
                        _ if !state.candidates.is_empty() => {
                            let c = &state.candidates[rng.below(state.candidates.len())];
                            let r = Rejected { start: c.start, end: c.end, label: c.label.clone() };
                            if file.rejected.contains(&r) { Edit::Unreject(r) } else { Edit::Reject(r) }
                        }
                        _ => continue,
                    };
                    edit.changes(&file, &mut changes);
                    history.apply(edit, &mut file);
                }
                state.after_edit(&doc, &file, &changes);
                let filter = newsanno_suggest::OpenFilter::new(&file);
                let expected: Vec<_> = state.candidates.iter().filter(|c| filter.keeps(c)).map(|c| key(c)).collect();
                let got: Vec<_> = state.open.iter().map(|c| key(c)).collect();
                assert_eq!(got, expected, "seed {seed}, step {step}");
                let mut per_label: Vec<(String, usize)> = Vec::new();
                for (_, _, label) in &expected {
                    match per_label.iter_mut().find(|(l, _)| l == label) {
                        Some(e) => e.1 += 1,
                        None => per_label.push((label.clone(), 1)),
                    }
                }
                let mut tallied = state.count_by_label().to_vec();
                tallied.sort();
                per_label.sort();
                assert_eq!(tallied, per_label, "seed {seed}, step {step}");
                assert_eq!(state.count_of(SourceKind::Terms), expected.len());
            }
        }
    }
}
