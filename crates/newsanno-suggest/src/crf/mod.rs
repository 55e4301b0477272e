//! The suggester that learns: a linear-chain CRF over characters, trained on
//! an annotator's (or gold's) spans, tagging documents with spans and their
//! confidence.
//!
//! The CRF is CRFsuite (the engine of python-crfsuite), called through
//! `crfsuite-sys` (its C sources vendored in crates/crfsuite-sys, compiled
//! with the `cc` crate): it trains with L-BFGS and gives per-character
//! marginals, and its results can be compared one to one with python-crfsuite
//! on the same features (the `crfsuite` crate is the tests' reference;
//! tests/crf_golden.rs pins the model files). Overlapping spans are
//! trained on their IOB2 view: the longer span wins, the others are counted
//! as dropped (see [`iob2_tags`]).

mod engine;
pub mod features;
pub mod training;

use std::path::Path;
use std::sync::Arc;

use engine::OpenModel;

pub use features::{FEATURES_VERSION, FeatureSet, TextInfo};
use newsanno_core::error::{Error, Result};

/// Characters after which a sentence ends (a newline always does); sequences
/// are sentences, never cut inside a span.
pub const SENTENCE_ENDS: &str = newsanno_core::sentences::SENTENCE_ENDS;

/// One sequence the CRF trains on or tags: a sentence of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    /// The document it comes from.
    pub document: String,
    /// Where the sentence starts in its document (code points).
    pub offset: usize,
    /// The features of each character.
    pub features: Vec<Vec<String>>,
    /// The IOB2 tag of each character (empty when the sequence is only tagged).
    pub tags: Vec<String>,
}

/// A span the model found: `[start, end)` in code points of its document, a
/// label and the model's confidence in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSpan {
    /// First code point.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The label.
    pub label: String,
    /// The smallest marginal probability of the span's tags (B-label, then
    /// I-label) over its characters: an upper bound of the probability that
    /// the model labels exactly this span, and what hover texts and thresholds use.
    pub confidence: f64,
}

/// IOB2 tags of a text of `len` characters with `spans` (start, end, label):
/// where spans overlap the longer one wins (then the earlier, then the label
/// first in order), and the number of spans that lost is returned with the tags.
pub fn iob2_tags(len: usize, spans: &[(usize, usize, &str)]) -> (Vec<String>, usize) {
    let mut order: Vec<&(usize, usize, &str)> = spans.iter().filter(|s| s.0 < s.1 && s.1 <= len).collect();
    order.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)).then(a.2.cmp(b.2)));
    let mut taken = vec![false; len];
    let mut tags = vec!["O".to_owned(); len];
    let mut dropped = spans.len() - order.len();
    for &&(start, end, label) in &order {
        if taken[start..end].iter().any(|t| *t) {
            dropped += 1;
            continue;
        }
        for (i, slot) in (start..end).zip(&mut tags[start..end]) {
            *slot = format!("{}-{label}", if i == start { "B" } else { "I" });
            taken[i] = true;
        }
    }
    (tags, dropped)
}

/// The spans an IOB2 tag sequence holds (an `I-X` without its `B-X` starts a span, as seqeval reads it).
pub fn spans_from_tags<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (kind, label) = tag.split_once('-').unwrap_or((tag, ""));
        let continues = kind == "I" && open.is_some_and(|(_, l)| l == label);
        if !continues {
            if let Some((start, l)) = open.take() {
                out.push((start, i, l.to_owned()));
            }
            if kind == "B" || kind == "I" {
                open = Some((i, label));
            }
        }
    }
    if let Some((start, l)) = open {
        out.push((start, tags.len(), l.to_owned()));
    }
    out
}

/// Sentence ranges of a text ([`newsanno_core::sentences::sentences`] with
/// [`SENTENCE_ENDS`]), never cut where a span of `spans` goes on.
pub fn sentences(chars: &[char], spans: &[(usize, usize, &str)]) -> Vec<(usize, usize)> {
    let ranges: Vec<(usize, usize)> = spans.iter().map(|&(a, b, _)| (a, b)).collect();
    newsanno_core::sentences::sentences(chars, SENTENCE_ENDS, &ranges)
}

/// How the CRF is trained.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    /// L1 regularisation.
    pub c1: f64,
    /// L2 regularisation.
    pub c2: f64,
    /// L-BFGS iterations at most.
    pub max_iterations: u32,
}

impl Default for TrainOptions {
    /// python-crfsuite's usual NER settings (c1 0.1, c2 0.1, 100 iterations).
    fn default() -> Self {
        TrainOptions { c1: 0.1, c2: 0.1, max_iterations: 100 }
    }
}

/// A trained model: a CRFsuite model file's bytes, opened for tagging
/// (shared: clones are cheap and tag on any thread).
#[derive(Debug, Clone)]
pub struct CrfModel {
    open: Arc<OpenModel>,
}

impl PartialEq for CrfModel {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for CrfModel {}

/// Documents at least this long are tagged on two threads.
const TWO_THREADS_FROM_CHARS: usize = 8_000;

/// Attribute ids of a run of characters: `ids[ends[t - 1]..ends[t]]` are
/// those of character `t` (features the model never saw are left out).
#[derive(Debug, Default)]
struct Encoded {
    ids: Vec<i32>,
    ends: Vec<usize>,
}

impl Encoded {
    // The ids of items [a, b), with their ends made relative.
    fn sequence(&self, a: usize, b: usize, ends: &mut Vec<usize>) -> &[i32] {
        let first = if a == 0 { 0 } else { self.ends[a - 1] };
        ends.clear();
        ends.extend(self.ends[a..b].iter().map(|e| e - first));
        &self.ids[first..self.ends[b - 1]]
    }
}

impl CrfModel {
    /// Trains on `sequences` (those with tags). An error when none has a span.
    pub fn train(sequences: &[Sequence], options: TrainOptions) -> Result<CrfModel> {
        CrfModel::train_reporting(sequences, options, &|_| {})
    }

    /// [`CrfModel::train`], calling `on_iteration(k)` as L-BFGS iteration k
    /// (of at most `options.max_iterations`) starts.
    pub fn train_reporting(
        sequences: &[Sequence],
        options: TrainOptions,
        on_iteration: &dyn Fn(usize),
    ) -> Result<CrfModel> {
        if !sequences.iter().any(|s| s.tags.iter().any(|t| t != "O")) {
            return Err(Error::Usage("nothing to learn from: no span in the training documents".to_owned()));
        }
        let params = [
            ("c1", options.c1.to_string()),
            ("c2", options.c2.to_string()),
            ("max_iterations", options.max_iterations.to_string()),
            ("feature.possible_transitions", "1".to_owned()),
        ];
        // CRFsuite writes its model to a file: a private temporary one.
        let dir = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let path = dir.path().join("model.crfsuite");
        let tagged = sequences.iter().filter(|s| !s.tags.is_empty());
        engine::train(tagged.map(|s| (s.features.as_slice(), s.tags.as_slice())), &params, &path, on_iteration)?;
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        CrfModel::from_bytes(bytes, &path)
    }

    /// A model from a model file's bytes; `path` is named if they are not one.
    pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<CrfModel> {
        let open =
            OpenModel::open(bytes).map_err(|why| Error::invalid(path, format!("not a CRFsuite model ({why})")))?;
        Ok(CrfModel { open: Arc::new(open) })
    }

    /// The model file's bytes.
    pub fn bytes(&self) -> &[u8] {
        self.open.bytes()
    }

    /// The labels the model knows (without B-/I-), sorted.
    pub fn labels(&self) -> Result<Vec<String>> {
        let mut labels: Vec<String> =
            self.open.tags().iter().filter_map(|t| t.split_once('-').map(|(_, l)| l.to_owned())).collect();
        labels.sort();
        labels.dedup();
        Ok(labels)
    }

    fn encode_names(&self, features: &[Vec<String>]) -> Encoded {
        let mut encoded = Encoded::default();
        for names in features {
            encoded.ids.extend(names.iter().filter_map(|name| self.open.attribute_id(name)));
            encoded.ends.push(encoded.ids.len());
        }
        encoded
    }

    // The attribute ids of characters [from, to) of a text, from its features
    // streamed. Each distinct feature is named and looked up once: an article
    // repeats its characters, so most lookups are one small hash.
    fn encode_text(&self, chars: &[char], info: &TextInfo, set: FeatureSet, from: usize, to: usize) -> Encoded {
        let mut encoded = Encoded { ids: Vec::with_capacity((to - from) * 16), ends: Vec::with_capacity(to - from) };
        // Features without strings by their number; the few with (parts of
        // speech, terms) by themselves.
        let mut known: rustc_hash::FxHashMap<u64, Option<i32>> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(to - from, Default::default());
        let mut known_named: rustc_hash::FxHashMap<features::Feature<'_>, Option<i32>> = Default::default();
        let mut name = String::with_capacity(64);
        let mut at = from;
        features::each_feature_in(chars, info, set, from..to, |i, feature| {
            while at < i {
                encoded.ends.push(encoded.ids.len());
                at += 1;
            }
            let look_up = || {
                feature.write_name(&mut name);
                self.open.attribute_id(&name)
            };
            let id = match feature.key() {
                Some(key) => *known.entry(key).or_insert_with(look_up),
                None => *known_named.entry(feature).or_insert_with(look_up),
            };
            if let Some(id) = id {
                encoded.ids.push(id);
            }
        });
        while at < to {
            encoded.ends.push(encoded.ids.len());
            at += 1;
        }
        encoded
    }

    // Tags items [a, b) of `encoded` (a sentence at `offset` in its document).
    fn tag_items(
        &self,
        tagger: &mut engine::Tagger<'_>,
        encoded: &Encoded,
        (a, b): (usize, usize),
        offset: usize,
        ends: &mut Vec<usize>,
    ) -> Result<Vec<ModelSpan>> {
        if a == b {
            return Ok(Vec::new());
        }
        let ids = encoded.sequence(a, b, ends);
        tagger.set(ids, ends)?;
        let path: Vec<i32> = tagger.viterbi()?.0.to_vec();
        let tags: Vec<&str> =
            path.iter().map(|&t| self.open.tags().get(t as usize).map_or("O", String::as_str)).collect();
        let mut spans = Vec::new();
        for (start, end, label) in spans_from_tags(&tags) {
            let mut confidence = 1.0f64;
            for (i, &tag) in path.iter().enumerate().take(end).skip(start) {
                confidence = confidence.min(tagger.marginal(tag, i)?);
            }
            spans.push(ModelSpan { start: offset + start, end: offset + end, label, confidence });
        }
        Ok(spans)
    }

    // P(best path) of items [a, b) of `encoded`.
    fn best_probability(
        tagger: &mut engine::Tagger<'_>,
        encoded: &Encoded,
        (a, b): (usize, usize),
        ends: &mut Vec<usize>,
    ) -> Result<f64> {
        tagger.set(encoded.sequence(a, b, ends), ends)?;
        let (_, score) = tagger.viterbi()?;
        Ok((score - tagger.lognorm()?).exp())
    }

    /// How unsure the model is of `sequences` (a document's sentences): the
    /// mean over them of 1 − P(best tag sequence), "least confident" in
    /// active-learning terms; 0 for no sequence.
    pub fn uncertainty(&self, sequences: &[Sequence]) -> Result<f64> {
        let mut tagger = self.open.tagger()?;
        let mut ends = Vec::new();
        let mut total = 0.0;
        let mut n = 0usize;
        for s in sequences.iter().filter(|s| !s.features.is_empty()) {
            let encoded = self.encode_names(&s.features);
            total += 1.0 - Self::best_probability(&mut tagger, &encoded, (0, s.features.len()), &mut ends)?;
            n += 1;
        }
        Ok(if n == 0 { 0.0 } else { total / n as f64 })
    }

    /// [`CrfModel::uncertainty`] of a document's text, cut into sentences as
    /// [`training::sequences`] cuts it, its features streamed.
    pub fn document_uncertainty(&self, chars: &[char], info: &TextInfo, set: FeatureSet) -> Result<f64> {
        let ranges = tagged_sentences(chars);
        if ranges.is_empty() {
            return Ok(0.0);
        }
        let encoded = self.encode_text(chars, info, set, 0, chars.len());
        let mut tagger = self.open.tagger()?;
        let mut ends = Vec::new();
        let mut total = 0.0;
        for &range in &ranges {
            total += 1.0 - Self::best_probability(&mut tagger, &encoded, range, &mut ends)?;
        }
        Ok(total / ranges.len() as f64)
    }

    /// Tags each sequence (its `features`); returns the spans with their
    /// confidence, in code points of the sequences' documents. Many sequences
    /// are tagged in two halves on two threads (a CRFsuite tagger each).
    pub fn tag(&self, sequences: &[Sequence]) -> Result<Vec<Vec<ModelSpan>>> {
        let part = |sequences: &[Sequence]| -> Result<Vec<Vec<ModelSpan>>> {
            let mut tagger = self.open.tagger()?;
            let mut ends = Vec::new();
            sequences
                .iter()
                .map(|s| {
                    let encoded = self.encode_names(&s.features);
                    self.tag_items(&mut tagger, &encoded, (0, s.features.len()), s.offset, &mut ends)
                })
                .collect()
        };
        if sequences.len() < 256 {
            return part(sequences);
        }
        let (a, b) = sequences.split_at(sequences.len() / 2);
        let (first, second) = two_threads(|| part(a), || part(b))?;
        let mut out = first?;
        out.extend(second?);
        Ok(out)
    }

    /// Tags a document's text: its sentences as [`training::sequences`] cuts
    /// them, features streamed and looked up without a string per feature; a
    /// long text in two halves on two threads. Spans in code points of the text.
    pub fn tag_document(&self, chars: &[char], info: &TextInfo, set: FeatureSet) -> Result<Vec<ModelSpan>> {
        let ranges = tagged_sentences(chars);
        let part = |ranges: &[(usize, usize)]| -> Result<Vec<ModelSpan>> {
            let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else { return Ok(Vec::new()) };
            let (from, to) = (first.0, last.1);
            let encoded = self.encode_text(chars, info, set, from, to);
            let mut tagger = self.open.tagger()?;
            let mut ends = Vec::new();
            let mut spans = Vec::new();
            for &(a, b) in ranges {
                spans.extend(self.tag_items(&mut tagger, &encoded, (a - from, b - from), a, &mut ends)?);
            }
            Ok(spans)
        };
        if chars.len() < TWO_THREADS_FROM_CHARS || ranges.len() < 2 {
            return part(&ranges);
        }
        // Halves of about as many characters each.
        let middle = ranges.partition_point(|r| r.0 < chars.len() / 2).clamp(1, ranges.len() - 1);
        let (a, b) = ranges.split_at(middle);
        let (first, second) = two_threads(|| part(a), || part(b))?;
        let mut spans = first?;
        spans.extend(second?);
        Ok(spans)
    }
}

/// The sentences of a text the model tags: [`sentences`] without those of whitespace only.
pub fn tagged_sentences(chars: &[char]) -> Vec<(usize, usize)> {
    sentences(chars, &[]).into_iter().filter(|&(a, b)| !chars[a..b].iter().all(|c| c.is_whitespace())).collect()
}

// Runs `a` here and `b` on a second thread.
fn two_threads<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> Result<(A, B)> {
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        match other.join() {
            Ok(second) => Ok((first, second)),
            Err(_) => Err(Error::Usage("tagging stopped unexpectedly".to_owned())),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob2_keeps_the_longer_of_overlapping_spans_and_counts_the_rest() {
        let (tags, dropped) =
            iob2_tags(8, &[(0, 2, "executive"), (1, 5, "product"), (6, 8, "metric"), (7, 9, "event")]);
        assert_eq!(
            tags,
            ["O", "B-product", "I-product", "I-product", "I-product", "O", "B-metric", "I-metric"].map(String::from)
        );
        assert_eq!(dropped, 2, "张勇 lost to the longer span, and one span is outside the text");
        assert_eq!(spans_from_tags(&tags), [(1, 5, "product".into()), (6, 8, "metric".into())]);
        // An I- without its B- starts a span, as seqeval reads it.
        assert_eq!(spans_from_tags(&["O", "I-x", "I-x"].map(String::from)), [(1, 3, "x".into())]);
    }

    #[test]
    fn sentences_end_after_full_stops_keep_their_closing_quote_and_never_cut_a_span() {
        let text: Vec<char> = "他说：“很好。”然后走了！\n第二段。".chars().collect();
        let ranges = sentences(&text, &[]);
        let pieces: Vec<String> = ranges.iter().map(|&(a, b)| text[a..b].iter().collect()).collect();
        assert_eq!(pieces, ["他说：“很好。”", "然后走了！", "\n", "第二段。"]);
        // A span over the full stop keeps the two sentences together (up to 走了！).
        let joined = sentences(&text, &[(5, 10, "event")]);
        assert_eq!(joined[0], (0, 13));
    }

    fn sequence(text: &str, spans: &[(usize, usize, &str)]) -> Sequence {
        let chars: Vec<char> = text.chars().collect();
        Sequence {
            document: "d".into(),
            offset: 0,
            features: features::features(&chars, &TextInfo::default(), FeatureSet::Characters),
            tags: if spans.is_empty() { Vec::new() } else { iob2_tags(chars.len(), spans).0 },
        }
    }

    #[test]
    fn a_tiny_corpus_teaches_an_obvious_pattern_and_the_model_round_trips_through_bytes() {
        // "X总裁" names an executive before 总裁 in every sentence; the model learns it.
        let names = ["张勇", "王坚", "李彦", "马明", "周靖", "吴泳", "赵强", "钱伟"];
        let train: Vec<Sequence> =
            names.iter().map(|n| sequence(&format!("公司宣布{n}总裁上任。"), &[(4, 6, "executive")])).collect();
        let model = CrfModel::train(&train, TrainOptions::default()).unwrap();
        assert_eq!(model.labels().unwrap(), ["executive"]);
        let back = CrfModel::from_bytes(model.bytes().to_vec(), Path::new("m.crfsuite")).unwrap();
        let tagged = back.tag(&[sequence("公司宣布孙杨总裁上任。", &[])]).unwrap();
        assert_eq!(tagged[0].len(), 1, "{tagged:?}");
        assert_eq!((tagged[0][0].start, tagged[0][0].end, tagged[0][0].label.as_str()), (4, 6, "executive"));
        assert!(tagged[0][0].confidence > 0.5 && tagged[0][0].confidence <= 1.0, "{tagged:?}");
    }

    // A model that has learnt executives before 总裁 and metrics ending in 亿元.
    // Executives before 总裁, metrics ending in 亿元.
    fn small_corpus() -> Vec<Sequence> {
        let mut train: Vec<Sequence> = ["张勇", "王坚", "李彦", "马明", "周靖", "吴泳", "赵强", "钱伟"]
            .iter()
            .map(|n| sequence(&format!("公司宣布{n}总裁上任。"), &[(4, 6, "executive")]))
            .collect();
        for m in ["3", "12.5", "167.61", "9"] {
            let text = format!("营收{m}亿元，同比增长。");
            let end = 2 + m.chars().count() + 2;
            train.push(sequence(&text, &[(2, end, "metric")]));
        }
        train
    }

    fn small_model() -> CrfModel {
        CrfModel::train(&small_corpus(), TrainOptions::default()).unwrap()
    }

    #[test]
    fn training_reports_each_iteration_and_writes_the_model_the_crfsuite_crate_writes() {
        let train = small_corpus();
        let iterations = std::cell::RefCell::new(Vec::new());
        let options = TrainOptions { max_iterations: 30, ..TrainOptions::default() };
        let model = CrfModel::train_reporting(&train, options, &|k| iterations.borrow_mut().push(k)).unwrap();
        let iterations = iterations.into_inner();
        assert!(!iterations.is_empty() && iterations.len() <= 30, "{iterations:?}");
        assert_eq!(iterations, (1..=iterations.len()).collect::<Vec<_>>());
        // The crate's trainer on the same sequences and parameters: the same file, byte for byte.
        let mut trainer = crfsuite::Trainer::new(false);
        trainer.select(crfsuite::Algorithm::LBFGS, crfsuite::GraphicalModel::CRF1D).unwrap();
        for s in &train {
            let items: Vec<crfsuite::Item> = s
                .features
                .iter()
                .map(|f| f.iter().map(|name| crfsuite::Attribute::new(name.as_str(), 1.0)).collect())
                .collect();
            trainer.append(&items, &s.tags, 0).unwrap();
        }
        for (name, value) in
            [("c1", "0.1"), ("c2", "0.1"), ("max_iterations", "30"), ("feature.possible_transitions", "1")]
        {
            trainer.set(name, value).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crate.crfsuite");
        trainer.train(path.to_str().unwrap(), -1).unwrap();
        assert!(std::fs::read(&path).unwrap() == model.bytes(), "the two model files differ");
    }

    #[test]
    fn tagging_with_attribute_ids_gives_what_the_crfsuite_crates_tagger_gives() {
        // The crate's own tagger (attribute names as strings) is the reference:
        // same tags, same marginals, same probability of the best path.
        let model = small_model();
        let reference = crfsuite::Model::from_memory(model.bytes()).unwrap();
        let mut tagger = reference.tagger().unwrap();
        for text in ["公司宣布孙杨总裁上任。", "营收88亿元，𠮷😀同比增长。", "没有实体", "总"]
        {
            let seq = sequence(text, &[]);
            let items: Vec<crfsuite::Item> = seq
                .features
                .iter()
                .map(|f| f.iter().map(|name| crfsuite::Attribute::new(name.as_str(), 1.0)).collect())
                .collect();
            let tags = tagger.tag(&items).unwrap();
            let want: Vec<(usize, usize, String, f64)> = spans_from_tags(&tags)
                .into_iter()
                .map(|(a, b, label)| {
                    let p = (a..b).map(|i| tagger.marginal(&tags[i], i as i32).unwrap()).fold(1.0, f64::min);
                    (a, b, label, p)
                })
                .collect();
            let got: Vec<(usize, usize, String, f64)> = model.tag(std::slice::from_ref(&seq)).unwrap()[0]
                .iter()
                .map(|s| (s.start, s.end, s.label.clone(), s.confidence))
                .collect();
            assert_eq!(got.len(), want.len(), "{text}: {got:?} vs {want:?}");
            for (g, w) in got.iter().zip(&want) {
                assert_eq!((g.0, g.1, &g.2), (w.0, w.1, &w.2), "{text}");
                assert!((g.3 - w.3).abs() < 1e-12, "{text}: {g:?} vs {w:?}");
            }
            let p = tagger.probability(&tags).unwrap();
            let u = model.uncertainty(std::slice::from_ref(&seq)).unwrap();
            assert!((u - (1.0 - p)).abs() < 1e-12, "{text}: {u} vs {}", 1.0 - p);
        }
    }

    #[test]
    fn a_document_tagged_from_its_text_equals_its_sentences_tagged_on_one_or_two_threads() {
        let model = small_model();
        // Long enough for two threads; astral characters, a CRLF-normalised newline, blank lines.
        let piece = "公司宣布孙杨总裁上任。𠮷😀营收88亿元，同比增长。\n\n“好。”王明总裁说。";
        for text in [piece.to_owned(), piece.repeat(400)] {
            let chars: Vec<char> = text.chars().collect();
            // As training cuts a document: features over the whole text (a
            // sentence's first character sees the last one's), then sliced.
            let all = features::features(&chars, &TextInfo::default(), FeatureSet::Characters);
            let seqs: Vec<Sequence> = tagged_sentences(&chars)
                .into_iter()
                .map(|(a, b)| Sequence {
                    document: "d".into(),
                    offset: a,
                    features: all[a..b].to_vec(),
                    tags: Vec::new(),
                })
                .collect();
            let by_sentences: Vec<ModelSpan> = model.tag(&seqs).unwrap().into_iter().flatten().collect();
            let by_text = model.tag_document(&chars, &TextInfo::default(), FeatureSet::Characters).unwrap();
            assert!(!by_text.is_empty());
            assert_eq!(by_text.len(), by_sentences.len());
            for (t, s) in by_text.iter().zip(&by_sentences) {
                assert_eq!((t.start, t.end, &t.label), (s.start, s.end, &s.label));
                assert!((t.confidence - s.confidence).abs() < 1e-12);
            }
            let u = model.document_uncertainty(&chars, &TextInfo::default(), FeatureSet::Characters).unwrap();
            assert!((u - model.uncertainty(&seqs).unwrap()).abs() < 1e-12);
        }
    }

    #[test]
    fn a_label_with_a_single_example_trains_and_is_known_to_the_model() {
        let mut train: Vec<Sequence> =
            (0..6).map(|i| sequence(&format!("公司宣布张{i}总裁上任。"), &[(4, 6, "executive")])).collect();
        train.push(sequence("营收167.61亿元。", &[(2, 10, "metric")]));
        let model = CrfModel::train(&train, TrainOptions::default()).unwrap();
        assert_eq!(model.labels().unwrap(), ["executive", "metric"]);
        assert!(model.tag(&[sequence("营收3亿元。", &[])]).is_ok());
    }

    #[test]
    fn no_spans_and_foreign_model_files_are_clear_errors() {
        let err = CrfModel::train(&[sequence("没有任何标注。", &[(0, 0, "x")])], TrainOptions::default()).unwrap_err();
        assert!(err.to_string().contains("no span"), "{err}");
        let err =
            CrfModel::from_bytes(b"not a model at all, just text".to_vec(), Path::new("cache/m.crfsuite")).unwrap_err();
        assert!(
            err.to_string().contains("cache/m.crfsuite") && err.to_string().contains("not a CRFsuite model"),
            "{err}"
        );
    }
}
