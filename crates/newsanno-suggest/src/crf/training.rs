//! From a project to the CRF and back: whose spans the model learns from
//! (an annotator's done and in-progress files, or gold's), the sequences
//! they make, held-out evaluation, the learning curve `newsanno train`
//! prints, and the model cached in `cache/` (never in git; made again from
//! the RON files whenever it is missing, stale or unreadable).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::{CrfModel, FEATURES_VERSION, FeatureSet, ModelSpan, Sequence, TextInfo, TrainOptions};
use crate::suggester::Suggester;
use newsanno_agreement::exact::{Counts, Prf};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::{Document, Status};
use newsanno_core::store::{GOLD_ANNOTATOR, Project};

/// The folder (in the project) that holds models; keep it out of git.
pub const CACHE_DIR: &str = "cache";

/// A document with the spans the model learns from (start, end, label).
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The document.
    pub doc: Document,
    /// Its spans.
    pub spans: Vec<(usize, usize, String)>,
    /// The file's `modified`, so a cached model knows when it is stale.
    pub modified: String,
}

/// The documents `from` (an annotator, or `gold`) has finished or begun,
/// with their spans. Gold counts whatever its status; stale and unreadable
/// files are left out and named in the notes.
pub fn annotated_documents(project: &Project, from: &str) -> Result<(Vec<Annotated>, Vec<String>)> {
    if !project.annotators()?.iter().any(|a| a == from) {
        return Err(Error::Usage(format!(
            "no annotator {from:?} in {} to learn from (model_from in project.ron, or --from)",
            project.root().display()
        )));
    }
    let mut docs = Vec::new();
    let mut notes = Vec::new();
    for entry in project.documents() {
        let file = match project.read_annotation_header(from, &entry.id) {
            Ok(Some((_, true))) => {
                notes.push(format!("{from}/{}: stale (made on other text), not learnt from", entry.id));
                continue;
            }
            Ok(Some((file, false))) => file,
            Ok(None) => continue,
            Err(e) => {
                notes.push(format!("{from}/{}: unreadable, not learnt from: {e}", entry.id));
                continue;
            }
        };
        let counts = from == GOLD_ANNOTATOR || matches!(file.status, Status::Done | Status::InProgress);
        if !counts {
            continue;
        }
        let doc = project.load_document(&entry.id)?;
        let spans = file.spans.iter().map(|s| (s.start, s.end, s.label.clone())).collect();
        docs.push(Annotated { doc, spans, modified: file.modified });
    }
    Ok((docs, notes))
}

/// What the model sees of `doc` besides its characters.
pub fn text_info(suggester: &Suggester, doc: &Document, set: FeatureSet) -> TextInfo {
    match set {
        FeatureSet::Characters => TextInfo::default(),
        FeatureSet::Full => TextInfo { words: suggester.words(doc).as_ref().clone(), terms: suggester.term_spans(doc) },
    }
}

/// The sentences of `doc` as sequences, tagged with `spans` (IOB2) when
/// given; also the number of spans the IOB2 view could not hold.
pub fn sequences(
    doc: &Document,
    spans: Option<&[(usize, usize, String)]>,
    info: &TextInfo,
    set: FeatureSet,
) -> (Vec<Sequence>, usize) {
    let chars: Vec<char> = doc.text().chars().collect();
    let borrowed: Vec<(usize, usize, &str)> =
        spans.unwrap_or_default().iter().map(|(s, e, l)| (*s, *e, l.as_str())).collect();
    let features = super::features::features(&chars, info, set);
    let (tags, dropped) = super::iob2_tags(chars.len(), &borrowed);
    let mut out = Vec::new();
    for (start, end) in super::sentences(&chars, &borrowed) {
        if chars[start..end].iter().all(|c| c.is_whitespace()) {
            continue;
        }
        out.push(Sequence {
            document: doc.id().to_owned(),
            offset: start,
            features: features[start..end].to_vec(),
            tags: if spans.is_some() { tags[start..end].to_vec() } else { Vec::new() },
        });
    }
    (out, dropped)
}

/// Exact-match counts of `predicted` against `reference` per label (micro when summed).
pub fn score(reference: &[(usize, usize, String)], predicted: &[ModelSpan], per_label: &mut BTreeMap<String, Counts>) {
    let gold: std::collections::BTreeSet<(usize, usize, &str)> =
        reference.iter().map(|(s, e, l)| (*s, *e, l.as_str())).collect();
    let found: std::collections::BTreeSet<(usize, usize, &str)> =
        predicted.iter().map(|m| (m.start, m.end, m.label.as_str())).collect();
    for (_, _, l) in &gold {
        per_label.entry((*l).to_owned()).or_default().reference += 1;
    }
    for (_, _, l) in &found {
        per_label.entry((*l).to_owned()).or_default().predicted += 1;
    }
    for (_, _, l) in gold.intersection(&found) {
        per_label.entry((*l).to_owned()).or_default().matched += 1;
    }
}

/// One point of a learning curve.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvePoint {
    /// Share of the training documents used (0.1, 0.2, … 1.0).
    pub fraction: f64,
    /// Training documents used (per fold, rounded up).
    pub documents: usize,
    /// Training sentences (summed over folds).
    pub sentences: usize,
    /// Held-out precision, recall and F1, micro over labels and folds.
    pub held_out: Prf,
    /// Counts behind it.
    pub counts: Counts,
    /// Seconds spent training (summed over folds).
    pub seconds: f64,
}

/// The shares of the training documents a learning curve is made of: 10%, 20%, … 100%.
pub const CURVE_STEPS: [f64; 10] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

/// How far a learning curve (or a held-out score) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveProgress {
    /// `done` of `total` models trained and scored.
    Models {
        /// Models done.
        done: usize,
        /// Models in all.
        total: usize,
    },
    /// L-BFGS iteration k of the model being trained started.
    Iteration(usize),
}

/// Held-out F1 after training on each share of `steps` of the documents
/// (usually [`CURVE_STEPS`]). With `folds` ≥ 2 the documents are split into
/// that many folds (by a hash of their ids with `seed`), each held out once
/// and the counts summed; with fewer, one fifth (at least one document) is held out.
pub fn learning_curve(
    suggester: &Suggester,
    docs: &[Annotated],
    (folds, seed): (usize, u64),
    steps: &[f64],
    set: FeatureSet,
    options: TrainOptions,
    progress: &mut dyn FnMut(CurveProgress),
) -> Result<Vec<CurvePoint>> {
    if docs.len() < 2 {
        return Err(Error::Usage(format!(
            "a learning curve needs at least 2 documents with spans, found {}",
            docs.len()
        )));
    }
    let order = seeded_order(docs, seed);
    let folds = folds.clamp(1, docs.len());
    let splits: Vec<(Vec<usize>, Vec<usize>)> = if folds >= 2 {
        (0..folds)
            .map(|f| {
                let in_fold = |k: &usize| k % folds == f;
                let test = order.iter().enumerate().filter(|(k, _)| in_fold(k)).map(|(_, &d)| d).collect();
                let train = order.iter().enumerate().filter(|(k, _)| !in_fold(k)).map(|(_, &d)| d).collect();
                (train, test)
            })
            .collect()
    } else {
        let held = (docs.len() / 5).max(1);
        vec![(order[held..].to_vec(), order[..held].to_vec())]
    };
    // Features are made once per document.
    let prepared: Vec<(Vec<Sequence>, Vec<Sequence>)> = docs
        .iter()
        .map(|a| {
            let info = text_info(suggester, &a.doc, set);
            (sequences(&a.doc, Some(&a.spans), &info, set).0, sequences(&a.doc, None, &info, set).0)
        })
        .collect();
    let total = steps.len() * splits.len();
    // Training reports its iterations through a shared borrow; nothing else holds one meanwhile.
    let progress = std::cell::RefCell::new(progress);
    let report = |p: CurveProgress| (progress.borrow_mut())(p);
    let mut points = Vec::new();
    for (si, fraction) in steps.iter().enumerate() {
        let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
        let (mut documents, mut sentences, mut seconds) = (0, 0, 0.0);
        for (fi, (train, test)) in splits.iter().enumerate() {
            report(CurveProgress::Models { done: si * splits.len() + fi, total });
            let n = ((train.len() as f64 * fraction).ceil() as usize).clamp(1, train.len());
            documents = documents.max(n);
            let training: Vec<Sequence> = train[..n].iter().flat_map(|&d| prepared[d].0.iter().cloned()).collect();
            sentences += training.len();
            let started = Instant::now();
            let model = match CrfModel::train_reporting(&training, options, &|k| report(CurveProgress::Iteration(k))) {
                Ok(m) => m,
                // Too few documents may hold no span yet: nothing found, everything missed.
                Err(_) => {
                    for &d in test {
                        score(&docs[d].spans, &[], &mut counts);
                    }
                    continue;
                }
            };
            seconds += started.elapsed().as_secs_f64();
            for &d in test {
                let found: Vec<ModelSpan> = model.tag(&prepared[d].1)?.into_iter().flatten().collect();
                score(&docs[d].spans, &found, &mut counts);
            }
        }
        let mut total_counts = Counts::default();
        counts.values().for_each(|c| total_counts += *c);
        points.push(CurvePoint {
            fraction: *fraction,
            documents,
            sentences,
            held_out: Prf::from_counts(total_counts),
            counts: total_counts,
            seconds,
        });
    }
    report(CurveProgress::Models { done: total, total });
    Ok(points)
}

/// Held-out F1 of a model like the one trained on `docs`: trained on four
/// fifths of them (by a hash of their ids) and scored on the rest; `None`
/// with fewer than two documents. `on_iteration` as in [`CrfModel::train_reporting`].
pub fn held_out_f1(
    suggester: &Suggester,
    docs: &[Annotated],
    set: FeatureSet,
    options: TrainOptions,
    on_iteration: &dyn Fn(usize),
) -> Result<Option<Prf>> {
    if docs.len() < 2 {
        return Ok(None);
    }
    let mut progress = |p: CurveProgress| {
        if let CurveProgress::Iteration(k) = p {
            on_iteration(k);
        }
    };
    let point = learning_curve(suggester, docs, (1, 0), &[1.0], set, options, &mut progress)?.pop();
    Ok(point.map(|p| p.held_out))
}

fn seeded_order(docs: &[Annotated], seed: u64) -> Vec<usize> {
    use sha2::{Digest as _, Sha256};
    let mut keyed: Vec<(Vec<u8>, usize)> = docs
        .iter()
        .enumerate()
        .map(|(i, a)| (Sha256::digest(format!("{seed}\u{0}{}", a.doc.id()).as_bytes()).to_vec(), i))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// What a cached model was trained on, stored beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelMeta {
    /// [`FEATURES_VERSION`] of its features.
    pub features_version: u32,
    /// Full or character features.
    pub features: String,
    /// Whose spans.
    pub from: String,
    /// Document id → the file's `modified` when it was trained.
    pub trained_on: BTreeMap<String, String>,
}

/// Where `from`'s model and its description live.
pub fn cache_paths(project: &Project, from: &str) -> (PathBuf, PathBuf) {
    let dir = project.root().join(CACHE_DIR);
    (dir.join(format!("model-{from}.crfsuite")), dir.join(format!("model-{from}.json")))
}

fn meta_of(docs: &[Annotated], from: &str, set: FeatureSet) -> ModelMeta {
    ModelMeta {
        features_version: FEATURES_VERSION,
        features: format!("{set:?}").to_lowercase(),
        from: from.to_owned(),
        trained_on: docs.iter().map(|a| (a.doc.id().to_owned(), a.modified.clone())).collect(),
    }
}

/// How a model was had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Read from the cache; it matched the files.
    Cached,
    /// Trained now; the reason the cache was not used.
    Trained(String),
}

/// `from`'s model: the cached one when it was trained on exactly the current
/// files with these features, else trained now and written to the cache
/// (atomically). A corrupt or foreign cache file is retrained, and said.
pub fn model_for(
    project: &Project,
    suggester: &Suggester,
    from: &str,
    set: FeatureSet,
    options: TrainOptions,
) -> Result<(CrfModel, Provenance, Vec<String>)> {
    let (docs, notes) = annotated_documents(project, from)?;
    let (model, provenance) = model_for_documents(project, suggester, from, &docs, (set, options), &|_| {})?;
    Ok((model, provenance, notes))
}

/// [`model_for`] with `from`'s documents already read ([`annotated_documents`]);
/// `on_iteration` as in [`CrfModel::train_reporting`] when it trains.
pub fn model_for_documents(
    project: &Project,
    suggester: &Suggester,
    from: &str,
    docs: &[Annotated],
    (set, options): (FeatureSet, TrainOptions),
    on_iteration: &dyn Fn(usize),
) -> Result<(CrfModel, Provenance)> {
    let meta = meta_of(docs, from, set);
    let (model_path, meta_path) = cache_paths(project, from);
    let reason = match std::fs::read(&meta_path) {
        Err(_) => "no model in the cache yet".to_owned(),
        Ok(bytes) => match serde_json::from_slice::<ModelMeta>(&bytes) {
            Err(e) => format!("{} cannot be read ({e})", meta_path.display()),
            Ok(cached) if cached != meta => "the annotations changed since it was trained".to_owned(),
            Ok(_) => match std::fs::read(&model_path)
                .map_err(|e| Error::io(&model_path, e))
                .and_then(|b| CrfModel::from_bytes(b, &model_path))
            {
                Ok(model) => return Ok((model, Provenance::Cached)),
                Err(e) => format!("the cached model is unusable ({e})"),
            },
        },
    };
    let mut training = Vec::new();
    for a in docs {
        let info = text_info(suggester, &a.doc, set);
        training.extend(sequences(&a.doc, Some(&a.spans), &info, set).0);
    }
    let model = CrfModel::train_reporting(&training, options, on_iteration)?;
    save_model(project, &model, &meta, &model_path, &meta_path)?;
    Ok((model, Provenance::Trained(reason)))
}

fn save_model(
    project: &Project,
    model: &CrfModel,
    meta: &ModelMeta,
    model_path: &Path,
    meta_path: &Path,
) -> Result<()> {
    let dir = project.root().join(CACHE_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    newsanno_core::store::atomic::write_atomic(model_path, model.bytes())?;
    let json = serde_json::to_vec_pretty(meta).map_err(|e| Error::invalid(meta_path, e.to_string()))?;
    newsanno_core::store::atomic::write_atomic(meta_path, &json)
}

/// A trained model ready to suggest, with the project's thresholds.
#[derive(Debug, Clone)]
pub struct ModelSource {
    /// The model.
    pub model: CrfModel,
    /// Whose spans it learnt from.
    pub from: String,
    /// How it was had (cache or training, and why).
    pub provenance: Provenance,
    /// Files that could not be learnt from.
    pub notes: Vec<String>,
    thresholds: newsanno_core::store::project_file::SuggestionSettings,
}

impl ModelSource {
    /// The model of `project.ron`'s `model_from` (default: `annotator` themself), from the cache or trained now.
    pub fn for_annotator(project: &Project, suggester: &Suggester, annotator: &str) -> Result<ModelSource> {
        Ok(ModelSource::with_documents(project, suggester, annotator, &|_| {})?.0)
    }

    /// [`ModelSource::for_annotator`], with the documents it learnt from;
    /// `on_iteration` as in [`CrfModel::train_reporting`] when it trains.
    pub fn with_documents(
        project: &Project,
        suggester: &Suggester,
        annotator: &str,
        on_iteration: &dyn Fn(usize),
    ) -> Result<(ModelSource, Vec<Annotated>)> {
        let settings = project.config().suggestions.clone();
        let from = settings.model_from.clone().unwrap_or_else(|| annotator.to_owned());
        let (docs, notes) = annotated_documents(project, &from)?;
        let (model, provenance) = model_for_documents(
            project,
            suggester,
            &from,
            &docs,
            (FeatureSet::Full, TrainOptions::default()),
            on_iteration,
        )?;
        Ok((ModelSource { model, from, provenance, notes, thresholds: settings }, docs))
    }

    /// The model's suggestions for `doc` whose confidence reaches the label's
    /// threshold, as suggestions with source `model` (spans and rejections of
    /// a file are not filtered here: see [`crate::suggester::open_suggestions`]).
    pub fn suggestions(
        &self,
        suggester: &Suggester,
        doc: &Document,
    ) -> Result<Vec<(crate::suggester::Suggestion, f64)>> {
        let info = text_info(suggester, doc, FeatureSet::Full);
        let chars: Vec<char> = doc.text().chars().collect();
        let mut out = Vec::new();
        for span in self.model.tag_document(&chars, &info, FeatureSet::Full)? {
            if span.confidence < self.thresholds.threshold_for(&span.label) {
                continue;
            }
            let Some(text) = doc.text.slice(span.start, span.end) else { continue };
            out.push((
                crate::suggester::Suggestion {
                    start: span.start,
                    end: span.end,
                    label: span.label.clone(),
                    text: text.to_owned(),
                    source: newsanno_core::model::SpanSource::Model,
                    strong: true,
                },
                span.confidence,
            ));
        }
        Ok(out)
    }
}

/// How unsure `model` is of each document of `ids` ([`CrfModel::uncertainty`]), most unsure first.
pub fn rank_uncertain(
    project: &Project,
    suggester: &Suggester,
    model: &CrfModel,
    ids: &[String],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<(String, f64)>> {
    let mut ranked = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        progress(i, ids.len());
        let doc = project.load_document(id)?;
        let info = text_info(suggester, &doc, FeatureSet::Full);
        let chars: Vec<char> = doc.text().chars().collect();
        ranked.push((id.clone(), model.document_uncertainty(&chars, &info, FeatureSet::Full)?));
    }
    progress(ids.len(), ids.len());
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(ranked)
}

/// The ids of the documents `annotator` has not started (no file, or "not started").
pub fn not_started(project: &Project, annotator: &str) -> Vec<String> {
    project
        .documents()
        .iter()
        .filter(|entry| match project.read_annotation_header(annotator, &entry.id) {
            Ok(None) => true,
            Ok(Some((file, false))) => file.status == Status::NotStarted,
            _ => false,
        })
        .map(|e| e.id.clone())
        .collect()
}

/// The order of `newsanno queue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueOrder {
    /// Most uncertain first (see [`CrfModel::uncertainty`]).
    Uncertain,
    /// Corpus order.
    Corpus,
}

/// The documents `annotator` has not started (no file, or "not started"), in
/// `order`, with the model's uncertainty for each when ordered by it.
pub fn queue(
    project: &Project,
    suggester: &Suggester,
    annotator: &str,
    order: QueueOrder,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<(String, String, Option<f64>)>> {
    let ids = not_started(project, annotator);
    let title = |id: &str| project.document_entry(id).map(|e| e.title.clone()).unwrap_or_default();
    if order == QueueOrder::Corpus {
        return Ok(ids.iter().map(|id| (id.clone(), title(id), None)).collect());
    }
    let source = ModelSource::for_annotator(project, suggester, annotator)?;
    let ranked = rank_uncertain(project, suggester, &source.model, &ids, progress)?;
    Ok(ranked
        .into_iter()
        .map(|(id, u)| {
            let t = title(&id);
            (id, t, Some(u))
        })
        .collect())
}
