//! The state of one annotator's session on one project, and every action the
//! window can take on it. No egui here: views read this state and call these
//! methods, so the behaviour is testable without a window.

mod keys;
mod progress;
mod relations;
mod suggesting;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::suggestions::SuggestionState;
use newsanno_core::model::{AnnotationFile, Document, Edit, History, Span, Status};
use newsanno_core::segment::Segmenter;
use newsanno_core::store::lock::{AnnotatorLock, LockOutcome};
use newsanno_core::store::saver::{SaveEvent, Saver};
use newsanno_core::store::{LoadedAnnotation, Project};
use newsanno_suggest::Suggester;

/// What the document list shows for one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    /// The annotator's status (no file = not started).
    Status(Status),
    /// The file was made on other text.
    Stale,
    /// The file cannot be read.
    Broken,
}

impl RowStatus {
    /// The list icon: ○ not started, ◐ in progress, ● done, ⊘ skipped, ⚠ stale or broken.
    pub fn icon(self) -> &'static str {
        match self {
            RowStatus::Status(Status::NotStarted) => "○",
            RowStatus::Status(Status::InProgress) => "◐",
            RowStatus::Status(Status::Done) => "●",
            RowStatus::Status(Status::Skipped) => "⊘",
            RowStatus::Stale | RowStatus::Broken => "⚠",
        }
    }

    /// Words for filters and tooltips.
    pub fn label(self) -> &'static str {
        match self {
            RowStatus::Status(s) => s.as_str(),
            RowStatus::Stale => "stale",
            RowStatus::Broken => "unreadable",
        }
    }
}

/// One line of the document list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocRow {
    /// Status icon and filter key.
    pub status: RowStatus,
    /// Spans in the annotator's file.
    pub spans: usize,
    /// Assigned to this annotator (assignments.ron; without one, every document is).
    pub mine: bool,
    /// Active seconds recorded in the annotator's file.
    pub active_seconds: u64,
}

impl DocRow {
    /// In my queue: assigned to me and neither done nor skipped.
    pub fn in_queue(&self) -> bool {
        self.mine && !matches!(self.status, RowStatus::Status(Status::Done | Status::Skipped))
    }
}

/// Another version of one of my files, left by a sync tool, with what it holds (read once).
#[derive(Debug, Clone)]
pub struct OtherVersion {
    /// Where it is and whose version it is.
    pub copy: newsanno_core::store::conflicts::ConflictCopy,
    /// "12 spans, done, saved 2026-12-02T10:10:10Z", or why it cannot be read.
    pub summary: String,
}

/// What a file holds, in a few words.
pub fn file_summary(file: &AnnotationFile) -> String {
    let spans = if file.spans.len() == 1 { "1 span".to_owned() } else { format!("{} spans", file.spans.len()) };
    format!("{spans}, {}, saved {}", file.status.as_str(), file.modified)
}

/// A gap without input longer than this is not active time.
pub const IDLE_AFTER: Duration = Duration::from_secs(60);

/// Where saving stands, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is on disk (since when).
    Saved(Option<Instant>),
    /// Snapshots are on their way to disk.
    Saving,
    /// The last write failed; edits are kept in memory and retried.
    Failed(String),
}

/// The document being annotated.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    /// Position in the project's document list.
    pub position: usize,
    /// The document and its text.
    pub doc: Arc<Document>,
    /// The annotator's file, as edited. Shared with the saver: an edit
    /// clones it only while a snapshot is still waiting to be taken (the
    /// saver copies it on its own thread), so a keystroke copies no spans.
    pub file: Arc<AnnotationFile>,
    /// Why edits are refused, if they are.
    pub read_only: Option<String>,
    /// Problems found when the file was loaded.
    pub problems: Vec<String>,
    /// A pending (snapped, not yet labelled) selection, in code points.
    pub selection: Option<(usize, usize)>,
    /// The selected span.
    pub selected_span: Option<u64>,
    /// The selected relation.
    pub selected_relation: Option<u64>,
    /// A relation being made (after R), see [`crate::linking`].
    pub linking: Option<crate::linking::Linking>,
    /// The keyboard caret, a code-point boundary.
    pub caret: Option<usize>,
    /// Where a Shift-extended selection started.
    pub caret_anchor: Option<usize>,
    /// Bumped on every change of spans or relations, so views can cache what they derive.
    pub version: u64,
    /// Active time on this visit not yet written to the file (whole seconds go at the next save).
    pub active: Duration,
    /// The annotator has a file for it (on disk, or one is on its way): time is recorded there.
    pub has_file: bool,
    /// C was pressed: the next digit toggles the category with that key.
    pub awaiting_category: bool,
}

/// A short message for the status bar.
#[derive(Debug, Clone)]
pub struct Flash {
    /// The text.
    pub text: String,
    /// When it was raised.
    pub at: Instant,
}

/// One annotator on one project.
pub struct Session {
    /// The project (shared with the saver thread).
    pub project: Arc<Project>,
    /// Whose folder we write.
    pub annotator: String,
    /// Word segmentation for snapping.
    pub segmenter: Arc<Segmenter>,
    /// One row per document, in project order.
    pub rows: Vec<DocRow>,
    /// Bumped whenever `rows` change, so the list can cache its filtering.
    pub rows_version: u64,
    /// Set when another window holds this annotator's folder.
    pub folder_read_only: Option<String>,
    /// The open document.
    pub current: Option<OpenDocument>,
    /// Saving state.
    pub save_state: SaveState,
    /// Latest status-bar message.
    pub flash: Option<Flash>,
    /// Suggestions for the open document.
    pub suggestions: SuggestionState,
    /// The project's assignments.ron, when it has one that reads.
    pub assignments: Option<newsanno_core::store::assignments::Assignments>,
    /// Why assignments.ron was not used (it does not parse, names unknown documents…).
    pub assignment_problem: Option<String>,
    /// Other versions of my files that sync tools left (document id → copies), see [`newsanno_core::store::conflicts`].
    pub conflicts: HashMap<String, Vec<OtherVersion>>,
    // When input last came (for active time).
    last_input: Option<Instant>,
    histories: HashMap<String, History>,
    saver: Saver,
    // Document → sequence number of its newest snapshot not yet confirmed on disk.
    unsaved: HashMap<String, u64>,
    // Document → last error, while its saves fail.
    failing: HashMap<String, String>,
    _lock: Option<AnnotatorLock>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("annotator", &self.annotator).finish_non_exhaustive()
    }
}

impl Session {
    /// Opens `dir` for `annotator`: reads the project, takes the folder lock
    /// (or goes read-only), and reads every file's status for the list.
    pub fn open(dir: &Path, annotator: &str) -> newsanno_core::Result<Session> {
        Session::open_with(dir, annotator, true)
    }

    /// [`Session::open`] for review's gold: no suggester (no term lists, no
    /// propagation, no POS tagging), since the lead accepts annotators' spans.
    pub fn open_for_review(dir: &Path, annotator: &str) -> newsanno_core::Result<Session> {
        Session::open_with(dir, annotator, false)
    }

    fn open_with(dir: &Path, annotator: &str, suggestions: bool) -> newsanno_core::Result<Session> {
        newsanno_core::store::ids::check_annotator_name(annotator)?;
        let project = Arc::new(Project::open(dir)?);
        let segmenter = Arc::new(Segmenter::for_project(&project)?);
        let (lock, folder_read_only) = match AnnotatorLock::acquire(&project.annotator_dir(annotator)) {
            Ok(LockOutcome::Acquired(lock)) => (Some(lock), None),
            Ok(LockOutcome::HeldElsewhere(who)) => {
                (None, Some(format!("read-only: annotations/{annotator}/ is open in another window ({who})")))
            }
            Err(e) => (None, Some(format!("read-only: cannot lock annotations/{annotator}/: {e}"))),
        };
        // A bad assignments file is said, and the window opens as if there were none.
        let (assignments, assignment_problem) = match newsanno_core::store::assignments::load_assignments(&project) {
            Ok(a) => (a, None),
            Err(e) => (None, Some(format!("assignments not used: {e}"))),
        };
        // One read of every file: the list's rows, and the spans propagation starts from.
        let mut files = Vec::new();
        let existing = project.annotated_ids(annotator);
        let rows = project
            .documents()
            .iter()
            .map(|entry| {
                let mine = assignments.as_ref().is_none_or(|a| a.is_assigned(&entry.id, annotator));
                let row = |status, spans, active_seconds| DocRow { status, spans, mine, active_seconds };
                let header = if existing.contains(&entry.id) {
                    project.read_annotation_header(annotator, &entry.id)
                } else {
                    Ok(None)
                };
                match header {
                    Ok(None) => row(RowStatus::Status(Status::NotStarted), 0, 0),
                    Ok(Some((_, true))) => row(RowStatus::Stale, 0, 0),
                    Ok(Some((file, false))) => {
                        let r = row(RowStatus::Status(file.status), file.spans.len(), file.active_seconds);
                        files.push(file);
                        r
                    }
                    Err(_) => row(RowStatus::Broken, 0, 0),
                }
            })
            .collect();
        let mut suggestions = if suggestions {
            SuggestionState::new(Suggester::for_project(&project, Arc::clone(&segmenter)), &files)
        } else {
            SuggestionState::off()
        };
        // The learning suggester trains in the background from the start.
        if let Some(suggester) = suggestions.suggester.clone() {
            suggestions.model.train(Arc::clone(&project), suggester, annotator);
        }
        let saver = Saver::new(Arc::clone(&project));
        let mut conflicts: HashMap<String, Vec<OtherVersion>> = HashMap::new();
        for copy in newsanno_core::store::conflicts::conflicts_in(&project.annotator_dir(annotator)) {
            let doc = copy.original.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let summary = newsanno_core::store::annotation_file::read(&copy.path)
                .map_or_else(|e| format!("cannot be read: {e}"), |(f, _)| file_summary(&f));
            conflicts.entry(doc).or_default().push(OtherVersion { copy, summary });
        }
        Ok(Session {
            project,
            annotator: annotator.to_owned(),
            segmenter,
            rows,
            rows_version: 0,
            folder_read_only,
            current: None,
            save_state: SaveState::Saved(None),
            flash: assignment_problem
                .clone()
                .or_else(|| suggestions.error.clone())
                .map(|text| Flash { text, at: Instant::now() }),
            suggestions,
            assignments,
            assignment_problem,
            conflicts,
            last_input: None,
            histories: HashMap::new(),
            saver,
            unsaved: HashMap::new(),
            failing: HashMap::new(),
            _lock: lock,
        })
    }

    /// The attributes a new span of `label` over `text` starts with: the
    /// label's defaults and what the figure normaliser reads (see `Label::initial_attributes`).
    pub fn initial_attributes(&self, label: &str, text: &str) -> newsanno_core::model::Attributes {
        self.project.config().label(label).map(|l| l.initial_attributes(text)).unwrap_or_default()
    }

    /// Shows `text` in the status bar.
    pub fn flash(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash { text: text.into(), at: Instant::now() });
    }

    /// Opens the document at `position` of the project's list.
    pub fn open_document(&mut self, position: usize) {
        let Some(id) = self.project.documents().get(position).map(|e| e.id.clone()) else { return };
        self.record_active_time();
        let doc = match self.project.load_document(&id) {
            Ok(d) => Arc::new(d),
            Err(e) => {
                self.flash(format!("cannot open {id}: {e}"));
                return;
            }
        };
        let (file, mut read_only, problems, has_file) = match self.project.load_annotation(&self.annotator, &doc) {
            Ok(Some(LoadedAnnotation { file, read_only, problems, .. })) => {
                (file, read_only, problems.iter().map(ToString::to_string).collect(), true)
            }
            Ok(None) => (AnnotationFile::new(&id, &self.annotator, &doc.entry.text_hash), None, Vec::new(), false),
            Err(e) => (
                AnnotationFile::new(&id, &self.annotator, &doc.entry.text_hash),
                Some(format!("the file cannot be read and will not be overwritten: {e}")),
                vec![e.to_string()],
                true,
            ),
        };
        if read_only.is_none() {
            read_only.clone_from(&self.folder_read_only);
        }
        let version = self.current.as_ref().map_or(0, |c| c.version + 1);
        // The next document's text, so jieba can tag it ahead of time (only when POS hints are on).
        let next = if self.suggestions.wants_tags() {
            self.project.documents().get(position + 1).and_then(|e| self.project.load_document(&e.id).ok())
        } else {
            None
        };
        self.suggestions.open_document(&doc, &file, next.map(Arc::new));
        let file = Arc::new(file);
        self.current = Some(OpenDocument {
            position,
            doc,
            file,
            read_only,
            problems,
            selection: None,
            selected_span: None,
            selected_relation: None,
            linking: None,
            caret: None,
            caret_anchor: None,
            version,
            active: Duration::ZERO,
            has_file,
            awaiting_category: false,
        });
    }

    /// Applies `edit` to the open document through its history, updates the
    /// list and hands a snapshot to the saver. Refused (with a message) when read-only.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let Some(current) = &mut self.current else { return false };
        if let Some(reason) = &current.read_only {
            let text = format!("not changed: {reason}");
            self.flash(text);
            return false;
        }
        // What the edit changes, read before it is applied (a relabelled span is there either way).
        let mut changes = Vec::new();
        edit.changes(&current.file, &mut changes);
        let history = self.histories.entry(current.file.document.clone()).or_default();
        // A snapshot the saver has not taken yet is taken back (a newer one follows), so this copies nothing.
        self.saver.withdraw(&current.file.document);
        history.apply(edit, Arc::make_mut(&mut current.file));
        self.after_change(&changes);
        true
    }

    fn after_change(&mut self, changes: &[newsanno_core::model::Change]) {
        let Some(current) = &mut self.current else { return };
        current.version += 1;
        self.suggestions.after_edit(&current.doc, &current.file, changes);
        if let Some(id) = current.selected_span
            && current.file.span(id).is_none()
        {
            current.selected_span = None;
        }
        if let Some(id) = current.selected_relation
            && current.file.relation(id).is_none()
        {
            current.selected_relation = None;
        }
        if current.linking.as_ref().is_some_and(|l| current.file.span(l.from).is_none()) {
            current.linking = None;
        }
        // The time so far goes with the edit's snapshot (not into the undo history).
        Self::fold_active_time(current);
        current.has_file = true;
        let row = &mut self.rows[current.position];
        row.status = RowStatus::Status(current.file.status);
        row.spans = current.file.spans.len();
        row.active_seconds = current.file.active_seconds;
        self.suggestions.model.spans_changed(current.file.spans.len());
        self.rows_version += 1;
        let seq = self.saver.save_shared(Arc::clone(&current.doc), Arc::clone(&current.file));
        self.unsaved.insert(current.file.document.clone(), seq);
        if self.failing.is_empty() {
            self.save_state = SaveState::Saving;
        }
    }

    // Starting to annotate moves a document from "not started" to "in progress".
    pub(crate) fn with_progress(&self, edit: Edit) -> Edit {
        match &self.current {
            Some(c) if c.file.status == Status::NotStarted => {
                Edit::Batch(vec![edit, Edit::SetStatus { from: Status::NotStarted, to: Status::InProgress }])
            }
            _ => edit,
        }
    }

    /// Labels the pending selection with `label`, or relabels the selected span.
    pub fn apply_label(&mut self, label: &str) {
        let Some(current) = &self.current else { return };
        if let Some(id) = current.selected_span
            && let Some(span) = current.file.span(id)
        {
            if span.label == label {
                return;
            }
            if current.file.has(span.start, span.end, label) {
                let text = format!("「{}」 is already labelled {label}", span.text);
                self.flash(text);
                return;
            }
            let edit = Edit::Relabel { id, from: span.label.clone(), to: label.to_owned() };
            self.apply(edit);
            return;
        }
        let Some((start, end)) = current.selection else {
            self.flash("select text first (drag over it), then press a label key");
            return;
        };
        if current.file.has(start, end, label) {
            let text = format!("「{}」 is already labelled {label}", current.doc.text.slice(start, end).unwrap_or(""));
            self.flash(text);
            return;
        }
        let Some(text) = current.doc.text.slice(start, end).map(str::to_owned) else { return };
        let id = current.file.next_span_id();
        let attributes = self.initial_attributes(label, &text);
        let span = Span {
            id,
            start,
            end,
            label: label.to_owned(),
            text,
            note: None,
            source: Default::default(),
            attributes,
            link: None,
        };
        let edit = self.with_progress(Edit::AddSpan(span));
        if self.apply(edit)
            && let Some(current) = &mut self.current
        {
            current.selection = None;
            current.selected_span = Some(id);
        }
    }

    /// Removes the selected span.
    pub fn delete_selected(&mut self) {
        let Some(span) = self.current.as_ref().and_then(|c| c.selected_span.and_then(|id| c.file.span(id)).cloned())
        else {
            return;
        };
        let Some(current) = &self.current else { return };
        let edit = Edit::remove_span(&current.file, span);
        self.apply(edit);
    }

    /// Changes the note of span `id` (`None` or empty removes it).
    pub fn set_note(&mut self, id: u64, note: Option<String>) {
        let note = note.filter(|n| !n.is_empty());
        let Some(span) = self.current.as_ref().and_then(|c| c.file.span(id)) else { return };
        if span.note == note {
            return;
        }
        let edit = Edit::SetNote { id, from: span.note.clone(), to: note };
        self.apply(edit);
    }

    /// Toggles the document category `name` (project.ron's `category_choice`:
    /// with `Single`, it replaces the one set). Undoable; starts the document.
    pub fn toggle_category(&mut self, name: &str) {
        let Some(current) = &self.current else { return };
        let to = newsanno_core::model::toggled(&current.file.categories, name, self.project.config().category_choice);
        let edit = Edit::SetCategories { from: current.file.categories.clone(), to };
        let edit = self.with_progress(edit);
        self.apply(edit);
    }

    /// C: waits for a category's key (or says the project has none).
    pub fn start_category(&mut self) {
        let categories = &self.project.config().categories;
        if categories.is_empty() {
            self.flash("this project has no categories (add them to project.ron's categories)");
            return;
        }
        let keys: Vec<String> =
            categories.iter().filter(|c| !c.key.is_empty()).map(|c| format!("{} {}", c.key, c.name)).collect();
        let Some(current) = self.current.as_mut() else { return };
        current.awaiting_category = true;
        self.flash(format!("category: press its key ({}), Esc cancels", keys.join(" · ")));
    }

    /// The digit after C: toggles the category with that key.
    pub fn pick_category_key(&mut self, key: &str) {
        if let Some(current) = self.current.as_mut() {
            current.awaiting_category = false;
        }
        let name = self.project.config().categories.iter().find(|c| c.key == key).map(|c| c.name.clone());
        match name {
            Some(name) => self.toggle_category(&name),
            None => self.flash(format!("no category has the key {key}")),
        }
    }

    /// Changes the document comment.
    pub fn set_comment(&mut self, comment: String) {
        let Some(current) = &self.current else { return };
        if current.file.comment == comment {
            return;
        }
        let edit = Edit::SetComment { from: current.file.comment.clone(), to: comment };
        self.apply(edit);
    }

    /// Sets the document's status.
    pub fn set_status(&mut self, status: Status) {
        let Some(current) = &self.current else { return };
        if current.file.status == status {
            return;
        }
        let edit = Edit::SetStatus { from: current.file.status, to: status };
        if self.apply(edit) && status == Status::Done && self.suggestions.suggester.is_some() {
            self.suggestions.model.document_done();
        }
    }

    /// Marks the document done and opens the next one that is not done.
    pub fn done_and_next(&mut self) {
        self.set_status(Status::Done);
        let Some(current) = &self.current else { return };
        if current.file.status != Status::Done {
            return;
        }
        let n = self.rows.len();
        let start = current.position;
        let after = |wanted: &dyn Fn(&DocRow) -> bool| (1..n).map(|k| (start + k) % n).find(|&p| wanted(&self.rows[p]));
        // With a queue, the next document of my queue; else (or when it is empty) the next not done.
        let next = if self.has_queue() { after(&DocRow::in_queue) } else { None };
        match next.or_else(|| after(&|r| r.status != RowStatus::Status(Status::Done))) {
            Some(p) => self.open_document(p),
            None => self.flash("every document is done"),
        }
    }

    /// Undoes the last edit of the open document.
    pub fn undo(&mut self) {
        self.history_step(true);
    }

    /// Redoes the last undone edit of the open document.
    pub fn redo(&mut self) {
        self.history_step(false);
    }

    fn history_step(&mut self, undo: bool) {
        let Some(current) = &mut self.current else { return };
        if let Some(reason) = &current.read_only {
            let text = format!("not changed: {reason}");
            self.flash(text);
            return;
        }
        let Some(history) = self.histories.get_mut(&current.file.document) else { return };
        // The edit applied now: the undone edit's inverse, or the redone edit.
        let mut changes = Vec::new();
        if (undo && history.can_undo()) || (!undo && history.can_redo()) {
            self.saver.withdraw(&current.file.document);
        }
        let file = Arc::make_mut(&mut current.file);
        let applied = if undo { history.undo(file).map(Edit::inverse) } else { history.redo(file).cloned() };
        if let Some(edit) = applied {
            edit.changes(&current.file, &mut changes);
            self.after_change(&changes);
        } else {
            self.flash(if undo { "nothing to undo" } else { "nothing to redo" });
        }
    }

    /// Whether the open document has something to undo / redo.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        let history = self.current.as_ref().and_then(|c| self.histories.get(&c.file.document));
        history.map_or((false, false), |h| (h.can_undo(), h.can_redo()))
    }

    /// Every occurrence of `query` in the open document, as code-point ranges.
    pub fn find(&self, query: &str) -> Vec<(usize, usize)> {
        let Some(current) = &self.current else { return Vec::new() };
        if query.is_empty() {
            return Vec::new();
        }
        let width = query.chars().count();
        let text = &current.doc.text;
        text.as_str()
            .match_indices(query)
            .filter_map(|(byte, _)| text.char_from_byte(byte))
            .map(|start| (start, start + width))
            .collect()
    }

    /// Labels every occurrence of `query` with `label` in one undoable edit,
    /// skipping occurrences already labelled so. Returns how many were added.
    pub fn label_all(&mut self, query: &str, label: &str) -> usize {
        let matches = self.find(query);
        let Some(current) = &self.current else { return 0 };
        let mut next_id = current.file.next_span_id();
        let mut adds = Vec::new();
        for (start, end) in matches {
            if current.file.has(start, end, label) {
                continue;
            }
            adds.push(Edit::AddSpan(Span {
                id: next_id,
                start,
                end,
                label: label.to_owned(),
                text: query.to_owned(),
                note: None,
                source: Default::default(),
                attributes: Default::default(),
                link: None,
            }));
            next_id += 1;
        }
        let added = adds.len();
        if added == 0 {
            self.flash(format!("every match is already labelled {label}"));
            return 0;
        }
        let edit = self.with_progress(Edit::Batch(adds));
        if self.apply(edit) {
            self.flash(format!("labelled {added} matches as {label}"));
            added
        } else {
            0
        }
    }

    /// Takes the saver's news into the save state; call once per frame.
    pub fn poll_saves(&mut self) {
        let events = self.saver.poll();
        if events.is_empty() {
            self.suggestions.model.start_when_saved(self.unsaved.is_empty());
            return;
        }
        for event in events {
            match event {
                SaveEvent::Saved { document, seq } => {
                    self.failing.remove(&document);
                    if self.unsaved.get(&document) == Some(&seq) {
                        self.unsaved.remove(&document);
                    }
                }
                SaveEvent::Failed { document, error } => {
                    self.failing.insert(document, error);
                }
            }
        }
        // Training reads the files: a due one starts once every edit is on disk.
        self.suggestions.model.start_when_saved(self.unsaved.is_empty());
        self.save_state = if let Some((document, error)) = self.failing.iter().next() {
            SaveState::Failed(format!("saving {document} failed; edits kept, retrying: {error}"))
        } else if self.unsaved.is_empty() {
            SaveState::Saved(Some(Instant::now()))
        } else {
            SaveState::Saving
        };
    }

    /// Writes everything to disk (on close); `Err` says what could not be saved.
    pub fn flush(&mut self, timeout: Duration) -> Result<(), String> {
        self.record_active_time();
        let result = self.saver.flush(timeout);
        self.poll_saves();
        result
    }
}
