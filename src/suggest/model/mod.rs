//! The suggester that learns: a linear-chain CRF over characters, trained on
//! an annotator's (or gold's) spans, tagging documents with spans and their
//! confidence.
//!
//! The CRF is CRFsuite (the engine of python-crfsuite), through the
//! `crfsuite` crate: it trains with L-BFGS and gives per-character marginals,
//! and its results can be compared one to one with python-crfsuite on the
//! same features. Its build runs cmake (see README). Overlapping spans are
//! trained on their IOB2 view: the longer span wins, the others are counted
//! as dropped (see [`iob2_tags`]).

pub mod features;
pub mod training;

use std::path::Path;

use crate::error::{Error, Result};
pub use features::{FEATURES_VERSION, FeatureSet, TextInfo};

/// Characters after which a sentence ends (a newline always does); sequences
/// are sentences, never cut inside a span.
pub const SENTENCE_ENDS: &str = "。！？；!?;";

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
pub fn spans_from_tags(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (kind, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
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

/// Sentence ranges of a text: after each of [`SENTENCE_ENDS`] and each
/// newline, but never where a span of `spans` goes on; a closing quote or
/// bracket right after the end stays with its sentence (`……竞争力。”`).
pub fn sentences(chars: &[char], spans: &[(usize, usize, &str)]) -> Vec<(usize, usize)> {
    let mut inside = vec![false; chars.len() + 1];
    for &(start, end, _) in spans {
        for flag in inside.iter_mut().take(end.min(chars.len())).skip(start + 1) {
            *flag = true;
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || SENTENCE_ENDS.contains(c) {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '”' | '’' | '」' | '』' | '）' | ')' | '"') {
                end += 1;
            }
            if !inside[end.min(chars.len())] || end == chars.len() {
                if end > start {
                    out.push((start, end));
                }
                start = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
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

/// A trained model: the CRFsuite model file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrfModel {
    bytes: Vec<u8>,
}

fn crf_error(what: &str, e: crfsuite::CrfError) -> Error {
    Error::Usage(format!("{what}: {e}"))
}

impl CrfModel {
    /// Trains on `sequences` (those with tags). An error when none has a span.
    pub fn train(sequences: &[Sequence], options: TrainOptions) -> Result<CrfModel> {
        let labelled: Vec<&Sequence> = sequences.iter().filter(|s| s.tags.iter().any(|t| t != "O")).collect();
        if labelled.is_empty() {
            return Err(Error::Usage("nothing to learn from: no span in the training documents".to_owned()));
        }
        let mut trainer = crfsuite::Trainer::new(false);
        trainer
            .select(crfsuite::Algorithm::LBFGS, crfsuite::GraphicalModel::CRF1D)
            .map_err(|e| crf_error("cannot set up the CRF trainer", e))?;
        for s in sequences.iter().filter(|s| !s.tags.is_empty()) {
            let items: Vec<crfsuite::Item> = s
                .features
                .iter()
                .map(|f| f.iter().map(|name| crfsuite::Attribute::new(name.as_str(), 1.0)).collect())
                .collect();
            trainer.append(&items, &s.tags, 0).map_err(|e| crf_error("cannot add a training sequence", e))?;
        }
        for (name, value) in [
            ("c1", options.c1.to_string()),
            ("c2", options.c2.to_string()),
            ("max_iterations", options.max_iterations.to_string()),
            ("feature.possible_transitions", "1".to_owned()),
        ] {
            trainer.set(name, &value).map_err(|e| crf_error("cannot set a training parameter", e))?;
        }
        // CRFsuite writes its model to a file: a private temporary one.
        let dir = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let path = dir.path().join("model.crfsuite");
        let path_text = path.to_str().ok_or_else(|| Error::invalid(&path, "not a UTF-8 path"))?;
        trainer.train(path_text, -1).map_err(|e| crf_error("training failed", e))?;
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        CrfModel::from_bytes(bytes, &path)
    }

    /// A model from a model file's bytes; `path` is named if they are not one.
    pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<CrfModel> {
        crfsuite::Model::from_memory(&bytes)
            .map_err(|e| Error::invalid(path, format!("not a CRFsuite model ({e})")))?;
        Ok(CrfModel { bytes })
    }

    /// The model file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The labels the model knows (without B-/I-), sorted.
    pub fn labels(&self) -> Result<Vec<String>> {
        let model = crfsuite::Model::from_memory(&self.bytes).map_err(|e| crf_error("cannot open the model", e))?;
        let tagger = model.tagger().map_err(|e| crf_error("cannot open the model", e))?;
        let mut labels: Vec<String> = tagger
            .labels()
            .map_err(|e| crf_error("cannot read the model's labels", e))?
            .into_iter()
            .filter_map(|t| t.split_once('-').map(|(_, l)| l.to_owned()))
            .collect();
        labels.sort();
        labels.dedup();
        Ok(labels)
    }

    /// How unsure the model is of `sequences` (a document's sentences): the
    /// mean over them of 1 − P(best tag sequence), "least confident" in
    /// active-learning terms; 0 for no sequence.
    pub fn uncertainty(&self, sequences: &[Sequence]) -> Result<f64> {
        let model = crfsuite::Model::from_memory(&self.bytes).map_err(|e| crf_error("cannot open the model", e))?;
        let mut tagger = model.tagger().map_err(|e| crf_error("cannot open the model", e))?;
        let mut total = 0.0;
        let mut n = 0usize;
        for s in sequences.iter().filter(|s| !s.features.is_empty()) {
            let items: Vec<crfsuite::Item> = s
                .features
                .iter()
                .map(|f| f.iter().map(|name| crfsuite::Attribute::new(name.as_str(), 1.0)).collect())
                .collect();
            let best = tagger.tag(&items).map_err(|e| crf_error("tagging failed", e))?;
            let p = tagger.probability(&best).map_err(|e| crf_error("tagging failed", e))?;
            total += 1.0 - p;
            n += 1;
        }
        Ok(if n == 0 { 0.0 } else { total / n as f64 })
    }

    /// Tags each sequence (its `features`); returns the spans with their
    /// confidence, in code points of the sequences' documents. A long
    /// document is tagged in two halves on two threads (each with its own
    /// CRFsuite tagger over the same model bytes).
    pub fn tag(&self, sequences: &[Sequence]) -> Result<Vec<Vec<ModelSpan>>> {
        if sequences.len() < 256 {
            return self.tag_part(sequences);
        }
        let (a, b) = sequences.split_at(sequences.len() / 2);
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| self.tag_part(b));
            let first = self.tag_part(a);
            (first, other.join())
        });
        let mut out = first?;
        match second {
            Ok(second) => out.extend(second?),
            Err(_) => return Err(Error::Usage("tagging stopped unexpectedly".to_owned())),
        }
        Ok(out)
    }

    fn tag_part(&self, sequences: &[Sequence]) -> Result<Vec<Vec<ModelSpan>>> {
        // The model reads its bytes in place: they outlive it here.
        let model = crfsuite::Model::from_memory(&self.bytes).map_err(|e| crf_error("cannot open the model", e))?;
        let mut tagger = model.tagger().map_err(|e| crf_error("cannot open the model", e))?;
        let mut out = Vec::with_capacity(sequences.len());
        for s in sequences {
            if s.features.is_empty() {
                out.push(Vec::new());
                continue;
            }
            let items: Vec<crfsuite::Item> = s
                .features
                .iter()
                .map(|f| f.iter().map(|name| crfsuite::Attribute::new(name.as_str(), 1.0)).collect())
                .collect();
            let tags = tagger.tag(&items).map_err(|e| crf_error("tagging failed", e))?;
            let mut spans = Vec::new();
            for (start, end, label) in spans_from_tags(&tags) {
                let mut confidence = 1.0f64;
                for (i, tag) in tags.iter().enumerate().take(end).skip(start) {
                    let p = tagger.marginal(tag, i as i32).map_err(|e| crf_error("tagging failed", e))?;
                    confidence = confidence.min(p);
                }
                spans.push(ModelSpan { start: s.offset + start, end: s.offset + end, label, confidence });
            }
            out.push(spans);
        }
        Ok(out)
    }
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
