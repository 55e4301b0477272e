//! The suggester: the project's rule-based sources ([`SourceKind`]) over a
//! document, their candidates filtered to the open ones (never over a span
//! of the same label, never a rejected one), and the tag cache they share.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::propagate::Propagation;
use crate::{patterns, pos, terms};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::{AnnotationFile, Document, SpanSource};
use newsanno_core::segment::Segmenter;
use newsanno_core::store::Project;

/// The kinds of source, in the order they win when two suggest the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// Term lists.
    Terms,
    /// Regular expressions.
    Patterns,
    /// The annotator's own earlier spans.
    Propagated,
    /// jieba part-of-speech tags.
    Pos,
    /// The learning suggester: a CRF trained on the team's spans (see `crf`).
    Model,
}

impl SourceKind {
    /// Every kind, in priority order.
    pub const ALL: [SourceKind; 5] =
        [SourceKind::Terms, SourceKind::Patterns, SourceKind::Propagated, SourceKind::Pos, SourceKind::Model];

    /// The name used on the command line and in the window.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Terms => "terms",
            SourceKind::Patterns => "patterns",
            SourceKind::Propagated => "propagated",
            SourceKind::Pos => "pos",
            SourceKind::Model => "model",
        }
    }

    /// The kind a span source belongs to (`None` for manual and unknown sources).
    pub fn of(source: &SpanSource) -> Option<Self> {
        match source {
            SpanSource::Terms(_) => Some(SourceKind::Terms),
            SpanSource::Pattern(_) => Some(SourceKind::Patterns),
            SpanSource::Propagated => Some(SourceKind::Propagated),
            SpanSource::Pos => Some(SourceKind::Pos),
            SpanSource::Model => Some(SourceKind::Model),
            SpanSource::Manual | SpanSource::Other(_) => None,
        }
    }
}

/// Which sources are switched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sources([bool; 5]);

impl Default for Sources {
    fn default() -> Self {
        Sources::all()
    }
}

impl Sources {
    /// Every rule-based source (the model, which trains first, is named on its own).
    pub fn all() -> Self {
        Sources([true, true, true, true, false])
    }

    /// No source.
    pub fn none() -> Self {
        Sources([false; 5])
    }

    /// Parses `terms,patterns,pos,propagated,model` (any subset, any order);
    /// `all` is the four rule-based ones (`all,model` adds the model).
    pub fn parse(list: &str) -> std::result::Result<Self, String> {
        let mut sources = Sources::none();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name == "all" {
                for kind in SourceKind::ALL.into_iter().filter(|k| *k != SourceKind::Model) {
                    sources.set(kind, true);
                }
                continue;
            }
            let kind = SourceKind::ALL.into_iter().find(|k| k.name() == name).ok_or_else(|| {
                format!("unknown source {name:?} (expected terms, patterns, pos, propagated, model or all)")
            })?;
            sources.set(kind, true);
        }
        Ok(sources)
    }

    /// Whether `kind` is on.
    pub fn contains(self, kind: SourceKind) -> bool {
        self.0[kind as usize]
    }

    /// Switches `kind` on or off.
    pub fn set(&mut self, kind: SourceKind, on: bool) {
        self.0[kind as usize] = on;
    }
}

/// One proposed span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label proposed.
    pub label: String,
    /// `text[start:end]`.
    pub text: String,
    /// Where it comes from; an accepted span keeps it.
    pub source: SpanSource,
    /// False for weak hints (a person name with no title beside it).
    pub strong: bool,
}

impl Suggestion {
    /// The kind of its source.
    pub fn kind(&self) -> SourceKind {
        SourceKind::of(&self.source).unwrap_or(SourceKind::Pos)
    }

    /// Whether it overlaps `[start, end)`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

// A label's configured sources, loaded and compiled.
#[derive(Debug)]
struct LabelSources {
    name: String,
    terms: Vec<(String, terms::TermMatcher)>,
    patterns: Vec<patterns::CompiledPattern>,
    pos_tags: Vec<String>,
}

/// Computes suggestions for documents of one project.
pub struct Suggester {
    labels: Vec<LabelSources>,
    titles: Vec<Vec<char>>,
    pos_hints: bool,
    pos_weak: bool,
    propagate: bool,
    propagate_min_chars: usize,
    segmenter: Arc<Segmenter>,
    // POS tags per text hash: tagging is the one slow step, and texts never change.
    tag_cache: Mutex<HashMap<String, Arc<Tagged>>>,
}

impl std::fmt::Debug for Suggester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Suggester").field("labels", &self.labels).finish_non_exhaustive()
    }
}

const TAG_CACHE_DOCUMENTS: usize = 64;

/// A text's words with their part-of-speech tags: `(start, end, tag)` in code points.
type Tagged = Vec<(usize, usize, String)>;

impl Suggester {
    /// Every term-list match in `doc` as `(start, end, label)` in code points
    /// (what the model's dictionary feature is made of).
    pub fn term_spans(&self, doc: &Document) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for label in &self.labels {
            for (_, matcher) in &label.terms {
                for (s, e, _) in matcher.find_bytes(doc.text()) {
                    if let (Some(cs), Some(ce)) = (doc.text.char_from_byte(s), doc.text.char_from_byte(e)) {
                        out.push((cs, ce, label.name.clone()));
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// jieba's words of `doc` with their part of speech (cached per text, like the POS hints').
    pub fn words(&self, doc: &Document) -> Arc<Vec<(usize, usize, String)>> {
        self.tags(doc)
    }

    /// Loads the term lists and compiles the patterns `project.ron` names.
    /// A missing term file or a bad pattern is an error naming project.ron, the label and the problem.
    pub fn for_project(project: &Project, segmenter: Arc<Segmenter>) -> Result<Self> {
        let config = project.config();
        let project_file = project.root().join(newsanno_core::store::PROJECT_FILE);
        let mut labels = Vec::new();
        for label in project.labels() {
            let in_label = |e: Error| Error::invalid(&project_file, format!("label {:?}: {e}", label.name));
            let mut term_lists = Vec::new();
            for file in &label.terms {
                let list = terms::read_term_file(&project.root().join(file)).map_err(in_label)?;
                term_lists.push((file.clone(), terms::TermMatcher::new(list).map_err(in_label)?));
            }
            let compiled = label
                .patterns
                .iter()
                .map(|p| patterns::CompiledPattern::new(&p.name, p.regex.as_deref()))
                .collect::<Result<Vec<_>>>()
                .map_err(in_label)?;
            labels.push(LabelSources {
                name: label.name.clone(),
                terms: term_lists,
                patterns: compiled,
                pos_tags: label.pos_tags.clone(),
            });
        }
        Ok(Suggester {
            labels,
            titles: config.suggestions.titles.iter().map(|t| t.chars().collect()).collect(),
            pos_hints: config.suggestions.pos_hints,
            pos_weak: config.suggestions.pos_weak,
            propagate: config.suggestions.propagate,
            propagate_min_chars: config.suggestions.propagate_min_chars,
            segmenter,
            tag_cache: Mutex::new(HashMap::new()),
        })
    }

    /// Whether the project configures any source at all for `kind`.
    pub fn has(&self, kind: SourceKind) -> bool {
        match kind {
            SourceKind::Terms => self.labels.iter().any(|l| !l.terms.is_empty()),
            SourceKind::Patterns => self.labels.iter().any(|l| !l.patterns.is_empty()),
            SourceKind::Pos => self.pos_hints && self.labels.iter().any(|l| !l.pos_tags.is_empty()),
            SourceKind::Propagated => self.propagate,
            // The model is not one of the rule-based candidates: it is trained and run by
            // `crf::training` (the command line's `suggest --sources model` and `train`).
            SourceKind::Model => false,
        }
    }

    /// The propagation terms from one annotator's files, with the project's minimum length.
    pub fn propagation<'a>(&self, files: impl IntoIterator<Item = &'a AnnotationFile>) -> Result<Propagation> {
        if !self.propagate {
            return Ok(Propagation::default());
        }
        Propagation::from_files(files, self.propagate_min_chars)
    }

    /// Whether the project propagates labelled texts, and from what length.
    pub fn propagates(&self) -> Option<usize> {
        self.propagate.then_some(self.propagate_min_chars)
    }

    /// [`Suggester::propagation`] from `(label, text)` pairs.
    pub fn propagation_from_pairs<'a>(
        &self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Propagation> {
        if !self.propagate {
            return Ok(Propagation::default());
        }
        Propagation::from_pairs(pairs, self.propagate_min_chars)
    }

    /// Every suggestion for `doc` from the `sources` switched on, before
    /// existing spans and rejections are taken into account. Per label, where
    /// two overlap, the higher-priority source wins, then the leftmost, then the longest.
    pub fn candidates(&self, doc: &Document, propagation: Option<&Propagation>, sources: Sources) -> Vec<Suggestion> {
        let propagations: Vec<&Propagation> = propagation.into_iter().collect();
        self.candidates_with(doc, &propagations, sources)
    }

    /// [`Suggester::candidates`] with terms propagated from several sets (the
    /// window keeps a large one built at start and a small one of new terms).
    pub fn candidates_with(&self, doc: &Document, propagations: &[&Propagation], sources: Sources) -> Vec<Suggestion> {
        // Where a candidate came from, as indexes: strings are made only for the kept ones.
        #[derive(Clone, Copy)]
        enum Origin {
            Term(usize),
            Pattern(usize),
            Propagated,
            Pos(bool),
        }
        let text = doc.text();
        // Label names: the project's, then any only propagation knows.
        let mut names: Vec<&str> = self.labels.iter().map(|l| l.name.as_str()).collect();
        // Term lists are the slow part on long texts: they run on a second
        // core while patterns, propagation and POS hints run here.
        let term_matches = |raw: &mut Vec<(SourceKind, usize, usize, usize, Origin)>| {
            let mut cursor = CharCursor::new(text);
            for (li, label) in self.labels.iter().enumerate() {
                for (ti, (_, matcher)) in label.terms.iter().enumerate() {
                    for (s, e, _) in matcher.find_bytes(text) {
                        if let (Some(cs), Some(ce)) = (cursor.char_at(s), cursor.char_at(e)) {
                            raw.push((SourceKind::Terms, cs, ce, li, Origin::Term(ti)));
                        }
                    }
                }
            }
        };
        let terms_on = sources.contains(SourceKind::Terms) && self.has(SourceKind::Terms);
        let long = text.len() > 20_000;
        std::thread::scope(|scope| {
            let worker = (terms_on && long).then(|| {
                scope.spawn(move || {
                    let mut raw = Vec::new();
                    term_matches(&mut raw);
                    raw
                })
            });
            let mut raw: Vec<(SourceKind, usize, usize, usize, Origin)> = Vec::new();
            if terms_on && !long {
                term_matches(&mut raw);
            }
            // Each source reports its matches left to right, so byte offsets turn
            // into code points by counting forward from the previous match.
            let mut cursor = CharCursor::new(text);
            let mut push_bytes = |raw: &mut Vec<_>, kind, s: usize, e: usize, label: usize, origin| {
                if let (Some(cs), Some(ce)) = (cursor.char_at(s), cursor.char_at(e)) {
                    raw.push((kind, cs, ce, label, origin));
                }
            };
            for (li, label) in self.labels.iter().enumerate() {
                if sources.contains(SourceKind::Patterns) {
                    for (pi, pattern) in label.patterns.iter().enumerate() {
                        for (s, e) in pattern.find_bytes(text) {
                            push_bytes(&mut raw, SourceKind::Patterns, s, e, li, Origin::Pattern(pi));
                        }
                    }
                }
            }
            for propagation in
                propagations.iter().filter(|_| sources.contains(SourceKind::Propagated) && self.propagate)
            {
                for label in propagation.labels() {
                    let li = match names.iter().position(|n| *n == label) {
                        Some(i) => i,
                        None => {
                            names.push(label);
                            names.len() - 1
                        }
                    };
                    if let Some(matcher) = propagation.matcher(label) {
                        for (s, e, _) in matcher.find_bytes(text) {
                            push_bytes(&mut raw, SourceKind::Propagated, s, e, li, Origin::Propagated);
                        }
                    }
                }
            }
            if sources.contains(SourceKind::Pos) && self.pos_hints && self.labels.iter().any(|l| !l.pos_tags.is_empty())
            {
                let tagged = self.tags(doc);
                let chars: Vec<char> = text.chars().collect();
                for (li, label) in self.labels.iter().enumerate().filter(|(_, l)| !l.pos_tags.is_empty()) {
                    for (s, e, _, strong) in pos::hints(&tagged, &chars, &label.pos_tags, &self.titles) {
                        if strong || self.pos_weak {
                            raw.push((SourceKind::Pos, s, e, li, Origin::Pos(strong)));
                        }
                    }
                }
            }
            if let Some(worker) = worker {
                // A panic in the matcher is a bug; lose the term suggestions rather than the window.
                raw.extend(worker.join().unwrap_or_default());
            }
            // Priority, then leftmost, then longest; keep what does not overlap a kept one of its label.
            raw.sort_unstable_by_key(|r| (r.0, r.1, std::cmp::Reverse(r.2), r.3));
            // Per label, which characters a kept suggestion covers (suggestions are
            // short, so marking and testing their characters is cheaper than a tree).
            let len = doc.text.char_len();
            let mut covered: Vec<Vec<bool>> = vec![Vec::new(); names.len()];
            let mut out = Vec::with_capacity(raw.len());
            for (_, start, end, li, origin) in raw {
                let taken = &mut covered[li];
                if taken.is_empty() {
                    taken.resize(len, false);
                }
                if taken[start..end].iter().any(|&c| c) {
                    continue;
                }
                taken[start..end].fill(true);
                let (source, strong) = match origin {
                    Origin::Term(ti) => (SpanSource::Terms(self.labels[li].terms[ti].0.clone()), true),
                    Origin::Pattern(pi) => (SpanSource::Pattern(self.labels[li].patterns[pi].name.clone()), true),
                    Origin::Propagated => (SpanSource::Propagated, true),
                    Origin::Pos(strong) => (SpanSource::Pos, strong),
                };
                let text = doc.text.slice(start, end).unwrap_or_default().to_owned();
                out.push(Suggestion { start, end, label: names[li].to_owned(), text, source, strong });
            }
            out.sort_unstable_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
            out
        })
    }

    /// The suggestions to show for `file`: [`Suggester::candidates`] without
    /// those overlapping a span of the same label or rejected in this document.
    pub fn suggest(
        &self,
        doc: &Document,
        file: &AnnotationFile,
        propagation: Option<&Propagation>,
        sources: Sources,
    ) -> Vec<Suggestion> {
        open_suggestions(self.candidates(doc, propagation, sources), file)
    }

    /// Whether `doc`'s part-of-speech tags are cached, so POS hints cost nothing more.
    pub fn tags_ready(&self, doc: &Document) -> bool {
        self.tag_cache.lock().is_ok_and(|cache| cache.contains_key(&doc.entry.text_hash))
    }

    /// Tags `doc` and caches the result (the window calls it on a worker
    /// thread, so opening a long article never waits for jieba).
    pub fn warm_tags(&self, doc: &Document) {
        let _ = self.tags(doc);
    }

    fn tags(&self, doc: &Document) -> Arc<Tagged> {
        let key = &doc.entry.text_hash;
        if let Ok(cache) = self.tag_cache.lock()
            && let Some(tags) = cache.get(key)
        {
            return Arc::clone(tags);
        }
        let tags = Arc::new(self.segmenter.tag(doc.text()));
        if let Ok(mut cache) = self.tag_cache.lock() {
            if cache.len() >= TAG_CACHE_DOCUMENTS {
                cache.clear();
            }
            cache.insert(key.clone(), Arc::clone(&tags));
        }
        tags
    }
}

// Byte offset → code point, counting forward from the last answer (and from
// the start again when asked about an earlier offset).
struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor { text, byte: 0, chars: 0 }
    }

    fn char_at(&mut self, byte: usize) -> Option<usize> {
        if !self.text.is_char_boundary(byte) {
            return None;
        }
        if byte < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        Some(self.chars)
    }
}

/// `candidates` minus those that overlap a span of the same label in `file`
/// or that `file` rejected.
pub fn open_suggestions(candidates: Vec<Suggestion>, file: &AnnotationFile) -> Vec<Suggestion> {
    let filter = OpenFilter::new(file);
    candidates.into_iter().filter(|c| filter.keeps(c)).collect()
}

/// Decides which candidates stay open against one file, for many candidates:
/// per label, spans sorted by start with the running maximum of their ends,
/// so "does any span of this label overlap [s, e)" is one binary search.
pub struct OpenFilter<'a> {
    by_label: HashMap<&'a str, Vec<(usize, usize)>>,
    rejected: std::collections::HashSet<(usize, usize, &'a str)>,
}

impl<'a> OpenFilter<'a> {
    /// The filter for `file`'s spans and rejections.
    pub fn new(file: &'a AnnotationFile) -> Self {
        let mut by_label: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for s in &file.spans {
            by_label.entry(s.label.as_str()).or_default().push((s.start, s.end));
        }
        for ranges in by_label.values_mut() {
            ranges.sort_unstable();
            let mut max_end = 0;
            for r in ranges.iter_mut() {
                max_end = max_end.max(r.1);
                r.1 = max_end;
            }
        }
        let rejected = file.rejected.iter().map(|r| (r.start, r.end, r.label.as_str())).collect();
        OpenFilter { by_label, rejected }
    }

    /// Whether `c` is neither covered by a span of its label nor rejected.
    pub fn keeps(&self, c: &Suggestion) -> bool {
        let covered = self.by_label.get(c.label.as_str()).is_some_and(|ranges| {
            let before_end = ranges.partition_point(|r| r.0 < c.end);
            before_end > 0 && ranges[before_end - 1].1 > c.start
        });
        !covered && !self.rejected.contains(&(c.start, c.end, c.label.as_str()))
    }
}

/// [`OpenFilter::keeps`] for one candidate, without building the filter: a
/// scan of the file's spans and rejections (the window after one edit).
pub fn is_open(c: &Suggestion, file: &AnnotationFile) -> bool {
    let covered = file.spans.iter().any(|s| s.start < c.end && s.end > c.start && s.label == c.label);
    let rejected = file.rejected.iter().any(|r| r.start == c.start && r.end == c.end && r.label == c.label);
    !covered && !rejected
}

/// Reads every annotation file of `annotator` that parses (for propagation).
pub fn annotator_files(project: &Project, annotator: &str) -> Vec<AnnotationFile> {
    let dir = project.annotator_dir(annotator);
    let Ok(listing) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files = Vec::new();
    for entry in listing.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "ron")
            && let Ok((file, _)) = newsanno_core::store::annotation_file::read(Path::new(&path))
        {
            files.push(file);
        }
    }
    files
}

/// The error for the `model` source in a build without the `crf` feature
/// (the CRF is C: a pipeline may leave it out).
#[cfg(not(feature = "crf"))]
pub(crate) fn model_unavailable(annotator: &str) -> Error {
    Error::Usage(format!(
        "the model source (a CRF learnt from {annotator}'s spans) is not in this build: newsanno-suggest was built without its `crf` feature"
    ))
}
