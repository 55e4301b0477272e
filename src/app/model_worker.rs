//! The learning suggester in the window: the CRF is trained on a worker
//! thread when a session opens and again after every [`RETRAIN_EVERY`]
//! documents marked done, and the open document is tagged on another worker;
//! no frame waits for either. What the status bar says comes from here.

use std::collections::HashMap;
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::model::Document;
use crate::store::Project;
use crate::suggest::Suggester;
use crate::suggest::model::training::{ModelSource, Provenance};

/// Documents marked done between two trainings.
pub const RETRAIN_EVERY: usize = 5;

/// Not-started documents ranked for "most uncertain first", the first ones in
/// corpus order: on a corpus of 100,000 articles ranking them all would keep a
/// core busy for many minutes after every training.
pub const RANK_AT_MOST: usize = 1_000;

/// A model's suggestions for one document, with their confidence.
pub type Tagged = Vec<(crate::suggest::Suggestion, f64)>;

// What the training worker hands back: the model, its document count, its held-out F1.
type Trained = (ModelSource, usize, Option<crate::agreement::Score>);

/// Document ids with the model's uncertainty, most uncertain first.
pub type Ranking = Vec<(String, f64)>;

/// Training and tagging state of one session.
#[derive(Default)]
pub struct ModelWorker {
    training: Option<JoinHandle<crate::Result<Trained>>>,
    /// The model in use, with the number of documents it learnt from.
    pub model: Option<(Arc<ModelSource>, usize)>,
    /// Held-out F1 of a model trained on four fifths of those documents, when there are two or more.
    pub held_out_f1: Option<crate::agreement::Score>,
    tagging: Option<(String, JoinHandle<crate::Result<Tagged>>)>,
    // Suggestions per document id, for the current model.
    tagged: HashMap<String, Arc<Tagged>>,
    /// Why there is no model (nothing to learn from yet, a training error).
    pub off: Option<String>,
    done_since_training: usize,
    // What training needs again, kept from the first call.
    context: Option<(Arc<Project>, Arc<Suggester>, String)>,
    ranking: Option<JoinHandle<crate::Result<Ranking>>>,
    /// The model's uncertainty per not-started document (for "most uncertain first"), once ranked.
    pub uncertainty: HashMap<String, f64>,
    /// Bumped whenever `uncertainty` changes.
    pub uncertainty_version: u64,
}

impl ModelWorker {
    /// Starts training `annotator`'s model (project.ron's `model_from`) on a worker, unless one is training.
    pub fn train(&mut self, project: Arc<Project>, suggester: Arc<Suggester>, annotator: &str) {
        if self.training.is_some() {
            return;
        }
        self.context = Some((Arc::clone(&project), Arc::clone(&suggester), annotator.to_owned()));
        let annotator = annotator.to_owned();
        let spawned = std::thread::Builder::new().name("newsanno-model".into()).spawn(move || {
            let (source, docs) = ModelSource::with_documents(&project, &suggester, &annotator)?;
            let held_out_f1 = crate::suggest::model::training::held_out_f1;
            let options = crate::suggest::model::TrainOptions::default();
            let f1 = held_out_f1(&suggester, &docs, crate::suggest::model::FeatureSet::Full, options)?.map(|p| p.f1);
            Ok((source, docs.len(), f1))
        });
        if let Ok(handle) = spawned {
            self.training = Some(handle);
            self.done_since_training = 0;
        }
    }

    /// A document was marked done: after every [`RETRAIN_EVERY`], train again.
    pub fn document_done(&mut self, project: Arc<Project>, suggester: Arc<Suggester>, annotator: &str) {
        self.done_since_training += 1;
        if self.done_since_training >= RETRAIN_EVERY {
            self.train(project, suggester, annotator);
        }
    }

    /// The model's suggestions for `doc`, if tagged already; otherwise starts tagging it.
    pub fn suggestions_for(&mut self, suggester: &Arc<Suggester>, doc: &Arc<Document>) -> Option<Arc<Tagged>> {
        let (model, _) = self.model.as_ref()?;
        if let Some(tagged) = self.tagged.get(doc.id()) {
            return Some(Arc::clone(tagged));
        }
        if self.tagging.is_none() {
            let (model, suggester, doc2) = (Arc::clone(model), Arc::clone(suggester), Arc::clone(doc));
            if let Ok(handle) = std::thread::Builder::new()
                .name("newsanno-model-tagger".into())
                .spawn(move || model.suggestions(&suggester, &doc2))
            {
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
            let mut ids = crate::suggest::model::training::not_started(&project, &annotator);
            ids.truncate(RANK_AT_MOST);
            crate::suggest::model::training::rank_uncertain(&project, &suggester, &model.model, &ids, &mut |_, _| {})
        });
        if let Ok(handle) = spawned {
            self.ranking = Some(handle);
        }
    }

    /// Whether a worker is busy (the window keeps polling).
    pub fn busy(&self) -> bool {
        self.training.is_some() || self.tagging.is_some() || self.ranking.is_some()
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
            format!("model: trained on {docs} documents of {}{f1} ({how})", m.from)
        });
        match (&self.training, trained, &self.off) {
            (Some(_), Some(t), _) => format!("{t}; training again…"),
            (Some(_), None, _) => "model: training…".to_owned(),
            (None, Some(t), _) => t,
            (None, None, Some(off)) => format!("model: off ({off})"),
            (None, None, None) => "model: off".to_owned(),
        }
    }
}
