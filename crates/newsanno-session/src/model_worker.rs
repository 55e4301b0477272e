//! The learning suggester in the window: the CRF is trained on a worker
//! thread when a session opens, again after each document marked done while
//! it has learnt from fewer than [`RETRAIN_EVERY`] documents and after every
//! [`RETRAIN_EVERY`] then; without a model (a new annotator), as soon as the
//! open document has [`FIRST_MODEL_SPANS`] spans. Training waits until every
//! edit is on disk (it reads the files). The open document is tagged on
//! another worker; no frame waits for either. What the status bar says, and
//! how far training is, comes from here.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;

use newsanno_core::model::Document;
use newsanno_core::store::Project;
use newsanno_suggest::Suggester;
use newsanno_suggest::crf::training::{ModelSource, Provenance};

/// Documents marked done between two trainings, once the model has learnt
/// from this many (before, every document marked done trains it again).
pub const RETRAIN_EVERY: usize = 5;

/// Spans of the open document that make a first model worth training when
/// there is none (a new annotator's first spans).
pub const FIRST_MODEL_SPANS: usize = 10;

/// How far the training on the worker is (read by the status bar).
#[derive(Debug, Default)]
pub struct TrainingProgress {
    /// 1 while the model is trained, 2 while the held-out one is (for its F1).
    pub stage: AtomicUsize,
    /// The L-BFGS iteration under way (of at most [`TrainingProgress::max_iterations`]).
    pub iteration: AtomicUsize,
}

impl TrainingProgress {
    /// Iterations at most (L-BFGS may stop earlier, when it has converged).
    pub fn max_iterations(&self) -> usize {
        newsanno_suggest::crf::TrainOptions::default().max_iterations as usize
    }

    /// What the status bar says while training, and the share done of the
    /// stage under way (iterations of their maximum: an upper bound of the time left).
    pub fn describe(&self) -> (String, f32) {
        let iteration = self.iteration.load(Ordering::Relaxed);
        let max = self.max_iterations().max(1);
        let fraction = (iteration as f32 / max as f32).min(1.0);
        let text = match (self.stage.load(Ordering::Relaxed), iteration) {
            (0, _) => "reading the annotations…".to_owned(),
            (1, 0) => "training: making the features…".to_owned(),
            (1, _) => format!("training, iteration {iteration} of at most {max}"),
            (_, 0) => "checking on held-out documents (a model of four fifths): making the features…".to_owned(),
            _ => format!(
                "checking on held-out documents (a model of four fifths), iteration {iteration} of at most {max}"
            ),
        };
        (text, fraction)
    }
}

/// Not-started documents ranked for "most uncertain first", the first ones in
/// corpus order: on a corpus of 100,000 articles ranking them all would keep a
/// core busy for many minutes after every training.
pub const RANK_AT_MOST: usize = 1_000;

/// A model's suggestions for one document, with their confidence.
pub type Tagged = Vec<(newsanno_suggest::Suggestion, f64)>;

// What the training worker hands back: the model, its document count, its held-out F1.
type Trained = (ModelSource, usize, Option<newsanno_agreement::Score>);

/// Document ids with the model's uncertainty, most uncertain first.
pub type Ranking = Vec<(String, f64)>;

/// Training and tagging state of one session.
#[derive(Default)]
pub struct ModelWorker {
    training: Option<JoinHandle<newsanno_core::Result<Trained>>>,
    /// The model in use, with the number of documents it learnt from.
    pub model: Option<(Arc<ModelSource>, usize)>,
    /// Held-out F1 of a model trained on four fifths of those documents, when there are two or more.
    pub held_out_f1: Option<newsanno_agreement::Score>,
    tagging: Option<(String, JoinHandle<newsanno_core::Result<Tagged>>)>,
    // Suggestions per document id, for the current model.
    tagged: HashMap<String, Arc<Tagged>>,
    /// Why there is no model (nothing to learn from yet, a training error).
    pub off: Option<String>,
    done_since_training: usize,
    // What training needs again, kept from the first call.
    context: Option<(Arc<Project>, Arc<Suggester>, String)>,
    ranking: Option<JoinHandle<newsanno_core::Result<Ranking>>>,
    /// The model's uncertainty per not-started document (for "most uncertain first"), once ranked.
    pub uncertainty: HashMap<String, f64>,
    /// Bumped whenever `uncertainty` changes.
    pub uncertainty_version: u64,
    /// How far the training under way is.
    pub progress: Arc<TrainingProgress>,
    // Training is due: it starts once every edit is on disk.
    pending: bool,
    // The open document's span count when a first model was last tried.
    spans_when_tried: usize,
}

// Training, tagging and ranking yield the CPU to the window's thread when both
// want it: on a machine of two cores a training at normal priority made the
// frames of the window ~2x slower (window_frames). Linux only: there `nice`
// is per thread (elsewhere setpriority would lower the whole process).
fn background_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority with who = 0 changes the calling thread's nice value only.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

impl ModelWorker {
    /// Starts training `annotator`'s model (project.ron's `model_from`) on a worker, unless one is training.
    pub fn train(&mut self, project: Arc<Project>, suggester: Arc<Suggester>, annotator: &str) {
        if self.training.is_some() {
            return;
        }
        self.context = Some((Arc::clone(&project), Arc::clone(&suggester), annotator.to_owned()));
        let annotator = annotator.to_owned();
        let progress = Arc::new(TrainingProgress::default());
        self.progress = Arc::clone(&progress);
        let spawned = std::thread::Builder::new().name("newsanno-model".into()).spawn(move || {
            background_priority();
            let iteration = |k: usize| progress.iteration.store(k, Ordering::Relaxed);
            progress.stage.store(1, Ordering::Relaxed);
            let (source, docs) = ModelSource::with_documents(&project, &suggester, &annotator, &|k| {
                iteration(k);
            })?;
            progress.stage.store(2, Ordering::Relaxed);
            progress.iteration.store(0, Ordering::Relaxed);
            let held_out_f1 = newsanno_suggest::crf::training::held_out_f1;
            let options = newsanno_suggest::crf::TrainOptions::default();
            let set = newsanno_suggest::crf::FeatureSet::Full;
            let f1 = held_out_f1(&suggester, &docs, set, options, &iteration)?.map(|p| p.f1);
            Ok((source, docs.len(), f1))
        });
        if let Ok(handle) = spawned {
            self.training = Some(handle);
            self.done_since_training = 0;
            self.pending = false;
        }
    }

    /// A document was marked done: train again after each while the model
    /// has learnt from fewer than [`RETRAIN_EVERY`] documents, then after every [`RETRAIN_EVERY`].
    pub fn document_done(&mut self) {
        self.done_since_training += 1;
        let learnt_from = self.model.as_ref().map_or(0, |(_, docs)| *docs);
        if learnt_from < RETRAIN_EVERY || self.done_since_training >= RETRAIN_EVERY {
            self.pending = true;
        }
    }

    /// The open document now has `spans` spans: with no model (and none
    /// training), a first one is trained once it has [`FIRST_MODEL_SPANS`]
    /// (and again at every [`FIRST_MODEL_SPANS`] more, until one trains).
    pub fn spans_changed(&mut self, spans: usize) {
        // While the first training runs, its outcome decides: a model, or "nothing to learn" and then this.
        if self.model.is_none() && self.training.is_none() && spans >= self.spans_when_tried + FIRST_MODEL_SPANS {
            self.spans_when_tried = spans;
            self.pending = true;
        }
    }

    /// Starts a due training once `all_saved` (every edit on disk); call after the saver's news.
    pub fn start_when_saved(&mut self, all_saved: bool) {
        if !self.pending || !all_saved || self.training.is_some() {
            return;
        }
        if let Some((project, suggester, annotator)) = self.context.clone() {
            self.train(project, suggester, &annotator);
        }
    }

    /// Whether a training is due but waits (for the saver, or for the one under way).
    pub fn training_due(&self) -> bool {
        self.pending
    }

    /// Whether a model is being trained.
    pub fn training(&self) -> bool {
        self.training.is_some()
    }

    /// The model's suggestions for `doc`, if tagged already; otherwise starts tagging it.
    pub fn suggestions_for(&mut self, suggester: &Arc<Suggester>, doc: &Arc<Document>) -> Option<Arc<Tagged>> {
        let (model, _) = self.model.as_ref()?;
        if let Some(tagged) = self.tagged.get(doc.id()) {
            return Some(Arc::clone(tagged));
        }
        if self.tagging.is_none() {
            let (model, suggester, doc2) = (Arc::clone(model), Arc::clone(suggester), Arc::clone(doc));
            if let Ok(handle) = std::thread::Builder::new().name("newsanno-model-tagger".into()).spawn(move || {
                background_priority();
                model.suggestions(&suggester, &doc2)
            }) {
                self.tagging = Some((doc.id().to_owned(), handle));
            }
        }
        None
    }

    /// Call once per frame; returns whether something arrived that changes
    /// the open document's suggestions (a new model, or its tags).
    pub fn poll(&mut self, open: Option<&str>) -> bool {
        let mut changed = false;
        if self.training.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(handle) = self.training.take()
        {
            match handle.join() {
                Ok(Ok((source, docs, f1))) => {
                    self.model = Some((Arc::new(source), docs));
                    self.held_out_f1 = f1;
                    self.tagged.clear();
                    self.off = None;
                    changed = true;
                    self.rank();
                }
                Ok(Err(e)) => {
                    let text = e.to_string();
                    // A new annotator has no folder yet: say what to do, not which folder is missing.
                    let own = self
                        .context
                        .as_ref()
                        .is_some_and(|(p, _, a)| p.config().suggestions.model_from.as_deref().is_none_or(|f| f == a));
                    self.off = Some(if own && (text.contains("no annotator") || text.contains("no span")) {
                        "nothing to learn from yet: label some spans".to_owned()
                    } else {
                        text
                    });
                }
                Err(_) => self.off = Some("training stopped unexpectedly".to_owned()),
            }
        }
        if self.tagging.as_ref().is_some_and(|(_, h)| h.is_finished())
            && let Some((id, handle)) = self.tagging.take()
            && let Ok(Ok(tagged)) = handle.join()
        {
            // Another document's tags (the annotator moved on): the open one is tagged next.
            changed |= open.is_some_and(|o| o == id || !self.tagged.contains_key(o));
            self.tagged.insert(id, Arc::new(tagged));
        }

        if self.ranking.as_ref().is_some_and(JoinHandle::is_finished)
            && let Some(handle) = self.ranking.take()
            && let Ok(Ok(ranked)) = handle.join()
        {
            self.uncertainty = ranked.into_iter().collect();
            self.uncertainty_version += 1;
        }
        changed
    }

    // Ranks the not-started documents by the new model's uncertainty, on a worker.
    fn rank(&mut self) {
        let (Some((project, suggester, annotator)), Some((model, _))) = (self.context.clone(), self.model.clone())
        else {
            return;
        };
        if self.ranking.is_some() {
            return;
        }
        let spawned = std::thread::Builder::new().name("newsanno-model-ranking".into()).spawn(move || {
            background_priority();
            let mut ids = newsanno_suggest::crf::training::not_started(&project, &annotator);
            ids.truncate(RANK_AT_MOST);
            newsanno_suggest::crf::training::rank_uncertain(&project, &suggester, &model.model, &ids, &mut |_, _| {})
        });
        if let Ok(handle) = spawned {
            self.ranking = Some(handle);
        }
    }

    /// Whether a worker is busy or a training is due (the window keeps polling).
    pub fn busy(&self) -> bool {
        self.training.is_some() || self.tagging.is_some() || self.ranking.is_some() || self.pending
    }

    /// What the status bar says.
    pub fn status(&self) -> String {
        let trained = self.model.as_ref().map(|(m, docs)| {
            let how = match &m.provenance {
                Provenance::Cached => "from the cache".to_owned(),
                Provenance::Trained(_) => "just now".to_owned(),
            };
            let f1 = match self.held_out_f1 {
                Some(f1) => format!(", F1 {f1} on held-out"),
                None => String::new(),
            };
            let documents = if *docs == 1 { "document" } else { "documents" };
            format!("model: trained on {docs} {documents} of {}{f1} ({how})", m.from)
        });
        match (&self.training, trained, &self.off) {
            (Some(_), Some(t), _) => format!("{t}; training again: {}", self.progress.describe().0),
            (Some(_), None, _) => format!("model: {}", self.progress.describe().0),
            (None, Some(t), _) => t,
            (None, None, Some(off)) => format!("model: off ({off})"),
            (None, None, None) => "model: off".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_says_the_stage_and_the_iteration_of_its_maximum() {
        let progress = TrainingProgress::default();
        assert_eq!(progress.describe(), ("reading the annotations…".to_owned(), 0.0));
        progress.stage.store(1, Ordering::Relaxed);
        assert_eq!(progress.describe().0, "training: making the features…");
        progress.iteration.store(25, Ordering::Relaxed);
        assert_eq!(progress.describe(), ("training, iteration 25 of at most 100".to_owned(), 0.25));
        progress.stage.store(2, Ordering::Relaxed);
        progress.iteration.store(100, Ordering::Relaxed);
        let (text, fraction) = progress.describe();
        assert!(text.starts_with("checking on held-out") && text.ends_with("iteration 100 of at most 100"), "{text}");
        assert_eq!(fraction, 1.0);
    }

    #[test]
    fn a_new_annotators_first_spans_and_early_documents_make_training_due() {
        let mut worker = ModelWorker::default();
        worker.spans_changed(FIRST_MODEL_SPANS - 1);
        assert!(!worker.training_due());
        worker.spans_changed(FIRST_MODEL_SPANS);
        assert!(worker.training_due(), "the first spans train a first model");
        worker.pending = false;
        worker.spans_changed(FIRST_MODEL_SPANS + 3);
        assert!(!worker.training_due(), "not again until ten more");
        worker.spans_changed(2 * FIRST_MODEL_SPANS);
        assert!(worker.training_due());
        // Without a model, or with one of fewer than RETRAIN_EVERY documents, every document done trains it.
        worker.pending = false;
        worker.document_done();
        assert!(worker.training_due());
    }
}
