//! Review mode for project leads: an agreement dashboard (per-label table,
//! bar chart, annotator heatmap, documents by disagreement) and a document
//! view with every annotator's spans as lanes, where spans are accepted into
//! or rejected from gold (`annotations/gold/`, edited through an ordinary
//! session, so every decision is undoable and saved like any edit).
//!
//! This file is the review's state and actions, without egui (the tests
//! drive it directly); `dashboard` draws the dashboard, the document header
//! and the lanes, `charts` the per-label table, the bar chart and the heatmap.

pub mod categories;

pub mod relations;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use crate::session::Session;
use newsanno_agreement::adjudication::agreed_spans;
use newsanno_agreement::report::{StudyReport, study_report};
use newsanno_agreement::study::{StudyOptions, study_from_project};
use newsanno_core::model::{AnnotationFile, Edit, Span, SpanKey};
use newsanno_core::store::{GOLD_ANNOTATOR, Project};

/// How the dashboard's document list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocSort {
    /// Most disputed spans first.
    Disputed,
    /// Lowest α_U first.
    AlphaU,
    /// By id.
    Id,
}

/// What the review view asks the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    /// Leave review mode.
    Close,
}

/// Review mode state.
pub struct Review {
    /// The project under review.
    pub project: Arc<Project>,
    /// Annotators offered, with whether they are compared.
    pub annotators: Vec<(String, bool)>,
    /// Annotators without a finished document (offered, not compared by default).
    pub unfinished: BTreeSet<String>,
    /// The last computed report.
    pub report: Option<StudyReport>,
    /// Progress and pace per annotator (for the documents-done-per-day chart), with the report.
    pub stats: Option<newsanno_core::stats::ProjectStats>,
    job: Option<Receiver<Result<(StudyReport, newsanno_core::stats::ProjectStats), String>>>,
    /// The gold session (holds gold's folder lock).
    pub gold: Option<Session>,
    /// Why gold could not be opened, if it could not.
    pub gold_error: Option<String>,
    /// Sort of the document list.
    pub sort: DocSort,
    /// Position of the document under review, if one is open.
    pub document: Option<usize>,
    /// The compared annotators' files for the open document.
    pub files: Vec<(String, Option<AnnotationFile>)>,
    /// Selected lane span: (annotator index in `files`, span id).
    pub selected: Option<(usize, u64)>,
    /// Votes a span needs for "accept agreed".
    pub min_agree: usize,
    // Spans rejected in this session, per document.
    rejected: BTreeMap<String, BTreeSet<SpanKey>>,
    // Documents changed by the last whole-project merge (for its undo).
    last_project_merge: Vec<usize>,
    /// Last message for the lead.
    pub message: Option<String>,
}

impl Review {
    /// Review of `project` at `dir`, comparing every annotator but gold who
    /// has finished a document; the others are offered unticked.
    pub fn new(dir: PathBuf, project: Arc<Project>) -> Self {
        let (gold, gold_error) = match Session::open_for_review(&dir, GOLD_ANNOTATOR) {
            Ok(s) if s.folder_read_only.is_some() => (None, s.folder_read_only.clone()),
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(e.to_string())),
        };
        let (compared, unfinished) = project.default_compared_annotators(false).unwrap_or_default();
        // Gold is offered unticked (even before it has a folder): ticked, it
        // gets its own lane and every annotator's agreement with it shows in
        // the tables (it never votes).
        let mut annotators: Vec<(String, bool)> = compared.into_iter().map(|a| (a, true)).collect();
        annotators.extend(unfinished.iter().map(|a| (a.clone(), false)));
        annotators.push((GOLD_ANNOTATOR.to_owned(), false));
        annotators.sort();
        let min_agree = annotators.iter().filter(|(_, on)| *on).count().max(1);
        let mut review = Review {
            project,
            annotators,
            unfinished: unfinished.into_iter().collect(),
            report: None,
            stats: None,
            job: None,
            gold,
            gold_error,
            sort: DocSort::Disputed,
            document: None,
            files: Vec::new(),
            selected: None,
            min_agree,
            rejected: BTreeMap::new(),
            last_project_merge: Vec::new(),
            message: None,
        };
        review.recompute();
        review
    }

    /// The annotators ticked for comparison.
    pub fn compared(&self) -> Vec<String> {
        self.annotators.iter().filter(|(_, on)| *on).map(|(a, _)| a.clone()).collect()
    }

    /// The annotators' files that vote (gold's lane, if shown, does not).
    pub fn voters(&self) -> Vec<&AnnotationFile> {
        self.files.iter().filter(|(name, _)| name != GOLD_ANNOTATOR).filter_map(|(_, f)| f.as_ref()).collect()
    }

    /// Recomputes the report on a worker thread (the window keeps drawing).
    pub fn recompute(&mut self) {
        let project = Arc::clone(&self.project);
        let options = StudyOptions { annotators: Some(self.compared()), ..StudyOptions::default() };
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let result = study_from_project(&project, &options)
                .map(|(study, _)| study_report(&study))
                .and_then(|report| Ok((report, newsanno_core::stats::project_stats(&project)?)))
                .map_err(|e| e.to_string());
            let _ = tx.send(result);
        });
        self.job = Some(rx);
    }

    /// Takes a finished report; call every frame. True while computing.
    pub fn poll(&mut self) -> bool {
        if let Some(rx) = &self.job {
            match rx.try_recv() {
                Ok(Ok((report, stats))) => {
                    self.report = Some(report);
                    self.stats = Some(stats);
                    self.job = None;
                }
                Ok(Err(e)) => {
                    self.message = Some(format!("agreement failed: {e}"));
                    self.job = None;
                }
                Err(mpsc::TryRecvError::Empty) => return true,
                Err(mpsc::TryRecvError::Disconnected) => self.job = None,
            }
        }
        if let Some(gold) = &mut self.gold {
            gold.poll_saves();
        }
        false
    }

    /// Does `command` for the document under review (gold is what is
    /// edited); false when the command is not review's to do.
    pub fn execute(&mut self, command: crate::command::Command) -> bool {
        use crate::command::Command;
        match command {
            Command::AcceptAgreed => {
                self.accept_agreed_in_document();
            }
            Command::AcceptLaneSpan => self.accept_selected(),
            Command::RejectLaneSpan => self.reject_selected(),
            Command::Escape => {
                self.document = None;
                self.recompute();
            }
            Command::Undo | Command::Redo | Command::DeleteOrReject | Command::Label(_) => {
                let Some(gold) = &mut self.gold else { return true };
                match command {
                    Command::Undo => gold.undo(),
                    Command::Redo => gold.redo(),
                    Command::DeleteOrReject => gold.delete_selected(),
                    Command::Label(n) => gold.digit(n),
                    _ => {}
                }
            }
            _ => return false,
        }
        true
    }

    /// Whether the report is being computed.
    pub fn computing(&self) -> bool {
        self.job.is_some()
    }

    /// Whether something is on its way: the report, or gold's saves.
    pub fn waiting(&self) -> bool {
        self.job.is_some()
            || self.gold.as_ref().is_some_and(|g| !matches!(g.save_state, crate::session::SaveState::Saved(_)))
    }

    /// Opens document `position` for adjudication.
    pub fn open_document(&mut self, position: usize) {
        let Some(entry) = self.project.documents().get(position) else { return };
        let id = entry.id.clone();
        self.document = Some(position);
        self.selected = None;
        let doc = self.project.load_document(&id).ok();
        self.files = self
            .compared()
            .into_iter()
            .map(|a| {
                let file = doc
                    .as_ref()
                    .and_then(|doc| self.project.load_annotation(&a, doc).ok().flatten())
                    .filter(|l| !l.stale)
                    .map(|l| l.file);
                (a, file)
            })
            .collect();
        if let Some(gold) = &mut self.gold {
            gold.open_document(position);
        }
    }

    fn gold_has(&self, start: usize, end: usize, label: &str) -> bool {
        let Some(open) = self.gold.as_ref().and_then(|g| g.current.as_ref()) else { return false };
        open.file.has(start, end, label)
    }

    /// Disputed spans of the open document not yet decided (accepted into gold or rejected).
    pub fn disputes_left(&self) -> usize {
        let present = self.voters();
        if present.is_empty() {
            return 0;
        }
        let all: BTreeSet<SpanKey> = present.iter().flat_map(|f| f.spans.iter().map(Span::key)).collect();
        let agreed: BTreeSet<SpanKey> =
            agreed_spans(&present, present.len()).into_iter().map(|(s, e, l, _)| SpanKey::new(s, e, &l)).collect();
        let doc =
            self.gold.as_ref().and_then(|g| g.current.as_ref()).map(|c| c.file.document.clone()).unwrap_or_default();
        let rejected = self.rejected.get(&doc);
        all.iter()
            .filter(|k| !agreed.contains(*k))
            .filter(|k| !self.gold_has(k.start, k.end, &k.label) && !rejected.is_some_and(|r| r.contains(*k)))
            .count()
    }

    fn selected_span(&self) -> Option<Span> {
        let (lane, id) = self.selected?;
        self.files.get(lane)?.1.as_ref()?.span(id).cloned()
    }

    /// Accepts the selected lane span into gold.
    pub fn accept_selected(&mut self) {
        let Some(span) = self.selected_span() else {
            self.message = Some("select a span in a lane first (click it)".to_owned());
            return;
        };
        if self.gold_has(span.start, span.end, &span.label) {
            self.message = Some(format!("「{}」 {} is already in gold", span.text, span.label));
            return;
        }
        let Some(gold) = &mut self.gold else { return };
        let Some(open) = &gold.current else { return };
        let id = open.file.next_span_id();
        gold.apply(Edit::AddSpan(Span { id, note: None, ..span }));
    }

    /// Rejects the selected lane span: removed from gold if there, and counted as decided.
    pub fn reject_selected(&mut self) {
        let Some(span) = self.selected_span() else { return };
        let Some(gold) = &mut self.gold else { return };
        let Some(open) = &gold.current else { return };
        let doc = open.file.document.clone();
        if let Some(existing) = open.file.find(span.start, span.end, &span.label).cloned() {
            let edit = Edit::remove_span(&open.file, existing);
            gold.apply(edit);
        }
        self.rejected.entry(doc).or_default().insert(span.key());
    }

    // One undoable edit adding the agreed spans, relations and categories gold lacks; None when there are none.
    fn agreed_edit(&self) -> Option<Edit> {
        let spans = match self.agreed_span_edit() {
            Some(Edit::Batch(adds)) => adds,
            _ => Vec::new(),
        };
        let mut edits = match self.relation_edit(&self.agreed_relations(), spans) {
            Some(Edit::Batch(edits)) => edits,
            Some(edit) => vec![edit],
            None => Vec::new(),
        };
        edits.extend(self.agreed_category_edit());
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    fn agreed_span_edit(&self) -> Option<Edit> {
        let gold = self.gold.as_ref()?.current.as_ref()?;
        let present = self.voters();
        let mut next = gold.file.next_span_id();
        let mut adds = Vec::new();
        for (start, end, label, text) in agreed_spans(&present, self.min_agree) {
            if !self.gold_has(start, end, &label) {
                adds.push(Edit::AddSpan(Span::manual(next, start, end, label, text)));
                next += 1;
            }
        }
        (!adds.is_empty()).then_some(Edit::Batch(adds))
    }

    /// Accepts every span at least `min_agree` annotators agree on, in the open document.
    pub fn accept_agreed_in_document(&mut self) -> usize {
        let Some(Edit::Batch(adds)) = self.agreed_edit() else {
            self.message = Some("nothing to accept: gold already has every agreed span and relation".to_owned());
            return 0;
        };
        let n = adds.iter().filter(|e| matches!(e, Edit::AddSpan(_))).count();
        let relations = adds.iter().filter(|e| matches!(e, Edit::AddRelation(_))).count();
        if let Some(gold) = &mut self.gold {
            gold.apply(Edit::Batch(adds));
        }
        self.message = Some(match relations {
            0 => format!("accepted {n} agreed spans into gold"),
            r => format!("accepted {n} agreed spans and {r} agreed relations into gold"),
        });
        n
    }

    /// The same for every document; undone with [`Review::undo_project_merge`].
    pub fn accept_agreed_in_project(&mut self) -> usize {
        let back = self.document;
        let mut total = 0;
        self.last_project_merge.clear();
        for position in 0..self.project.documents().len() {
            self.open_document(position);
            if let Some(edit) = self.agreed_edit()
                && let Some(gold) = &mut self.gold
            {
                if let Edit::Batch(adds) = &edit {
                    total += adds.iter().filter(|e| matches!(e, Edit::AddSpan(_))).count();
                }
                gold.apply(edit);
                self.last_project_merge.push(position);
            }
        }
        match back {
            Some(p) => self.open_document(p),
            None => self.document = None,
        }
        self.message = Some(format!("accepted {total} agreed spans in {} documents", self.last_project_merge.len()));
        total
    }

    /// Undoes the last whole-project merge, document by document.
    pub fn undo_project_merge(&mut self) {
        let back = self.document;
        for position in std::mem::take(&mut self.last_project_merge) {
            self.open_document(position);
            if let Some(gold) = &mut self.gold {
                gold.undo();
            }
        }
        match back {
            Some(p) => self.open_document(p),
            None => self.document = None,
        }
        self.message = Some("project merge undone".to_owned());
    }

    /// Whether a project merge can be undone.
    pub fn can_undo_project_merge(&self) -> bool {
        !self.last_project_merge.is_empty()
    }
}
