//! Review mode for project leads: an agreement dashboard (per-label table,
//! bar chart, annotator heatmap, documents by disagreement) and a document
//! view with every annotator's spans as lanes, where spans are accepted into
//! or rejected from gold (`annotations/gold/`, edited through an ordinary
//! session, so every decision is undoable and saved like any edit).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use egui::{Color32, RichText, Ui};

use crate::adjudication::agreed_spans;
use crate::agreement::render::{LabelRow, summary};
use crate::agreement::report::{StudyReport, study_report};
use crate::agreement::study::{StudyOptions, study_from_project};
use crate::app::article_view::{Lane, LaneSpan};
use crate::app::colors::label_color;
use crate::app::session::Session;
use crate::model::{AnnotationFile, Edit, Span};
use crate::store::{GOLD_ANNOTATOR, Project};

/// Lane colours per annotator (distinct from the label palette's first four).
const ANNOTATOR_COLORS: [Color32; 6] = [
    Color32::from_rgb(0x44, 0x77, 0xAA),
    Color32::from_rgb(0xEE, 0x66, 0x77),
    Color32::from_rgb(0x22, 0x88, 0x33),
    Color32::from_rgb(0xCC, 0xBB, 0x44),
    Color32::from_rgb(0x66, 0xCC, 0xEE),
    Color32::from_rgb(0xAA, 0x33, 0x77),
];

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
    project: Arc<Project>,
    /// Annotators offered, with whether they are compared.
    pub annotators: Vec<(String, bool)>,
    /// Annotators without a finished document (offered, not compared by default).
    pub unfinished: BTreeSet<String>,
    /// The last computed report.
    pub report: Option<StudyReport>,
    job: Option<Receiver<Result<StudyReport, String>>>,
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
    // Spans rejected in this session, per document: (start, end, label).
    rejected: BTreeMap<String, BTreeSet<(usize, usize, String)>>,
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

    fn compared(&self) -> Vec<String> {
        self.annotators.iter().filter(|(_, on)| *on).map(|(a, _)| a.clone()).collect()
    }

    // The annotators' files that vote (gold's lane, if shown, does not).
    fn voters(&self) -> Vec<&AnnotationFile> {
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
                .map_err(|e| e.to_string());
            let _ = tx.send(result);
        });
        self.job = Some(rx);
    }

    /// Takes a finished report; call every frame. True while computing.
    pub fn poll(&mut self) -> bool {
        if let Some(rx) = &self.job {
            match rx.try_recv() {
                Ok(Ok(report)) => {
                    self.report = Some(report);
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
    pub fn execute(&mut self, command: crate::app::command::Command) -> bool {
        use crate::app::command::Command;
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
                    Command::Label(n) => {
                        let hotkey = n.to_string();
                        let label = gold.project.labels().iter().find(|l| l.hotkey == hotkey).map(|l| l.name.clone());
                        if let Some(label) = label {
                            gold.apply_label(&label);
                        }
                    }
                    _ => {}
                }
            }
            _ => return false,
        }
        true
    }

    /// Whether something is on its way: the report, or gold's saves.
    pub fn waiting(&self) -> bool {
        self.job.is_some()
            || self.gold.as_ref().is_some_and(|g| !matches!(g.save_state, crate::app::session::SaveState::Saved(_)))
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

    /// The lanes of the open document (one per compared annotator).
    pub fn lanes(&self) -> Vec<Lane> {
        let labels = self.project.labels();
        let present = self.voters();
        let agreed: BTreeSet<(usize, usize, String)> =
            agreed_spans(&present, present.len().max(1)).into_iter().map(|(s, e, l, _)| (s, e, l)).collect();
        self.files
            .iter()
            .enumerate()
            .map(|(i, (name, file))| Lane {
                name: name.clone(),
                color: ANNOTATOR_COLORS[i % ANNOTATOR_COLORS.len()],
                spans: file
                    .iter()
                    .flat_map(|f| &f.spans)
                    .map(|s| LaneSpan {
                        id: s.id,
                        start: s.start,
                        end: s.end,
                        color: label_color(labels, &s.label),
                        agreed: agreed.contains(&(s.start, s.end, s.label.clone())),
                    })
                    .collect(),
                selected: self.selected.filter(|(lane, _)| *lane == i).map(|(_, id)| id),
            })
            .collect()
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
        let all: BTreeSet<(usize, usize, String)> =
            present.iter().flat_map(|f| f.spans.iter().map(|s| (s.start, s.end, s.label.clone()))).collect();
        let agreed: BTreeSet<(usize, usize, String)> =
            agreed_spans(&present, present.len()).into_iter().map(|(s, e, l, _)| (s, e, l)).collect();
        let doc =
            self.gold.as_ref().and_then(|g| g.current.as_ref()).map(|c| c.file.document.clone()).unwrap_or_default();
        let rejected = self.rejected.get(&doc);
        all.iter()
            .filter(|k| !agreed.contains(*k))
            .filter(|(s, e, l)| {
                !self.gold_has(*s, *e, l) && !rejected.is_some_and(|r| r.contains(&(*s, *e, l.clone())))
            })
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
            gold.apply(Edit::RemoveSpan(existing));
        }
        self.rejected.entry(doc).or_default().insert((span.start, span.end, span.label));
    }

    // One undoable edit adding the agreed spans gold lacks; None when there are none.
    fn agreed_edit(&self) -> Option<Edit> {
        let gold = self.gold.as_ref()?.current.as_ref()?;
        let present = self.voters();
        let mut next = gold.file.next_span_id();
        let mut adds = Vec::new();
        for (start, end, label, text) in agreed_spans(&present, self.min_agree) {
            if !self.gold_has(start, end, &label) {
                adds.push(Edit::AddSpan(Span {
                    id: next,
                    start,
                    end,
                    label,
                    text,
                    note: None,
                    source: Default::default(),
                }));
                next += 1;
            }
        }
        (!adds.is_empty()).then_some(Edit::Batch(adds))
    }

    /// Accepts every span at least `min_agree` annotators agree on, in the open document.
    pub fn accept_agreed_in_document(&mut self) -> usize {
        let Some(Edit::Batch(adds)) = self.agreed_edit() else {
            self.message = Some("nothing to accept: gold already has every agreed span".to_owned());
            return 0;
        };
        let n = adds.len();
        if let Some(gold) = &mut self.gold {
            gold.apply(Edit::Batch(adds));
        }
        self.message = Some(format!("accepted {n} agreed spans into gold"));
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
                    total += adds.len();
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

    /// The dashboard: annotator choice, tables, chart, heatmap, documents.
    pub fn dashboard_ui(&mut self, ui: &mut Ui) -> Option<ReviewAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading("Review: agreement");
            if ui.button("← Back to annotating").clicked() {
                action = Some(ReviewAction::Close);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Annotators:");
            let mut changed = false;
            for (name, on) in &mut self.annotators {
                let text = if self.unfinished.contains(name) {
                    format!("{name} (no finished document)")
                } else {
                    name.clone()
                };
                changed |= ui.checkbox(on, text).changed();
            }
            if changed {
                self.min_agree = self.compared().iter().filter(|a| *a != GOLD_ANNOTATOR).count().max(1);
                self.recompute();
            }
            if self.job.is_some() {
                ui.spinner();
            }
        });
        self.merge_controls_ui(ui, false);
        let Some(report) = &self.report else {
            ui.label("computing…");
            return action;
        };
        let (overall, labels) = summary(report);
        ui.label(format!(
            "{} documents, {} finished by all · exact F1 {} · overlap F1 {} · Cohen κ {} · Fleiss κ {} · α {} · α_U {}",
            report.documents,
            report.documents_all_done,
            overall.exact_f1,
            overall.overlap_f1,
            overall.cohen_kappa,
            overall.fleiss_kappa,
            overall.alpha,
            overall.alpha_u
        ));
        ui.separator();
        ui.columns(2, |cols| {
            label_table_ui(&mut cols[0], &labels);
            cols[0].add_space(8.0);
            heatmap_ui(&mut cols[0], report);
            chart_ui(&mut cols[1], &labels);
        });
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Documents").strong());
            ui.label("sort:");
            ui.selectable_value(&mut self.sort, DocSort::Disputed, "most disputed");
            ui.selectable_value(&mut self.sort, DocSort::AlphaU, "lowest α_U");
            ui.selectable_value(&mut self.sort, DocSort::Id, "id");
        });
        let mut rows = report.by_document.clone();
        match self.sort {
            DocSort::Disputed => {}
            DocSort::AlphaU => {
                rows.sort_by(|a, b| a.alpha_u.value.partial_cmp(&b.alpha_u.value).unwrap_or(std::cmp::Ordering::Equal))
            }
            DocSort::Id => rows.sort_by(|a, b| a.document.cmp(&b.document)),
        }
        let mut open = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical().id_salt("review-docs").auto_shrink(false).show_rows(
            ui,
            row_height,
            rows.len(),
            |ui, range| {
                for row in &rows[range] {
                    let text = format!(
                        "{}  ·  {} disputed of {}  ·  α_U {}",
                        row.document, row.disputed_spans, row.spans, row.alpha_u
                    );
                    if ui.add(egui::Button::selectable(false, text).truncate()).clicked() {
                        open = self.project.documents().iter().position(|d| d.id == row.document);
                    }
                }
            },
        );
        if let Some(p) = open {
            self.open_document(p);
        }
        action
    }

    fn merge_controls_ui(&mut self, ui: &mut Ui, in_document: bool) {
        if let Some(e) = &self.gold_error {
            ui.label(RichText::new(format!("gold is read-only: {e}")).color(crate::app::colors::ERROR));
            return;
        }
        ui.horizontal_wrapped(|ui| {
            let max = self.compared().iter().filter(|a| *a != GOLD_ANNOTATOR).count().max(1);
            let caption = ui.label("Accept spans at least");
            ui.add(egui::DragValue::new(&mut self.min_agree).range(1..=max)).labelled_by(caption.id);
            ui.label(format!("of {max} annotators agree on:"));
            if in_document && ui.button("in this document (Shift+A)").clicked() {
                self.accept_agreed_in_document();
            }
            if ui.button("in the whole project").clicked() {
                self.accept_agreed_in_project();
                self.recompute();
            }
            if self.can_undo_project_merge() && ui.button("undo project merge").clicked() {
                self.undo_project_merge();
            }
        });
        if let Some(m) = &self.message {
            ui.label(RichText::new(m).weak());
        }
    }

    /// The header of the document view (the text itself is drawn by the shell's article view).
    pub fn document_header_ui(&mut self, ui: &mut Ui) -> bool {
        let mut back = false;
        let Some(position) = self.document else { return false };
        let Some(entry) = self.project.documents().get(position) else { return false };
        ui.horizontal(|ui| {
            if ui.button("← Dashboard").clicked() {
                back = true;
            }
            ui.label(RichText::new(&entry.title).heading().strong());
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} disputes left", self.disputes_left())).strong());
            ui.separator();
            ui.label("Lanes:");
            for (i, (name, file)) in self.files.iter().enumerate() {
                let color = ANNOTATOR_COLORS[i % ANNOTATOR_COLORS.len()];
                let status = if file.is_some() { "" } else { " (no finished file)" };
                ui.label(RichText::new(format!("▬ {name}{status}")).color(color));
            }
            ui.separator();
            ui.label("gold: tinted and underlined on the text · solid bar: all agree · hollow: disputed");
        });
        ui.label(
            RichText::new(
                "Click a lane bar, then A accepts it into gold, R rejects it. Edit gold directly: drag over text and press 1–9, click a gold span and press 1–9 or Delete. Ctrl+Z undoes.",
            )
            .weak(),
        );
        self.merge_controls_ui(ui, true);
        back
    }
}

fn label_table_ui(ui: &mut Ui, labels: &[LabelRow]) {
    egui::Grid::new("review-labels").striped(true).num_columns(7).show(ui, |ui| {
        for h in ["label", "exact F1", "overlap F1", "Cohen κ", "Fleiss κ", "α", "α_U"] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for row in labels {
            ui.label(&row.label);
            for s in [row.exact_f1, row.overlap_f1, row.cohen_kappa, row.fleiss_kappa, row.alpha, row.alpha_u] {
                let r = ui.label(s.to_string());
                if let Some(reason) = s.undefined {
                    r.on_hover_text(reason);
                }
            }
            ui.end_row();
        }
    });
}

fn chart_ui(ui: &mut Ui, labels: &[LabelRow]) {
    use egui_plot::{Bar, BarChart, Legend, Plot};
    let value = |s: crate::agreement::Score| if s.is_defined() { s.value } else { 0.0 };
    let f1: Vec<Bar> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| Bar::new(i as f64 - 0.2, value(l.exact_f1)).width(0.35).name(&l.label))
        .collect();
    let kappa: Vec<Bar> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| Bar::new(i as f64 + 0.2, value(l.cohen_kappa)).width(0.35).name(&l.label))
        .collect();
    let names: Vec<String> = labels.iter().map(|l| l.label.clone()).collect();
    Plot::new("review-chart")
        .legend(Legend::default())
        .height(220.0)
        .include_y(0.0)
        .include_y(1.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("exact F1", f1).color(Color32::from_rgb(0x00, 0x72, 0xB2)));
            plot.bar_chart(BarChart::new("Cohen κ", kappa).color(Color32::from_rgb(0xE6, 0x9F, 0x00)));
        });
}

fn heatmap_ui(ui: &mut Ui, report: &StudyReport) {
    ui.label(RichText::new("Pairwise exact F1").strong());
    let names = &report.annotators;
    let cell = egui::vec2(64.0, 22.0);
    egui::Grid::new("review-heatmap").spacing([2.0, 2.0]).show(ui, |ui| {
        ui.label("");
        for n in names {
            ui.label(n);
        }
        ui.end_row();
        for a in names {
            ui.label(a);
            for b in names {
                let score = report
                    .pairs
                    .iter()
                    .find(|p| (&p.a == a && &p.b == b) || (&p.a == b && &p.b == a))
                    .map(|p| p.exact.micro.f1);
                let (rect, _) = ui.allocate_exact_size(cell, egui::Sense::hover());
                let (fill, text) = match score {
                    Some(s) if s.is_defined() => {
                        let v = s.value.clamp(0.0, 1.0) as f32;
                        // Red (low) to green (high).
                        (
                            Color32::from_rgb((220.0 * (1.0 - v)) as u8 + 30, (180.0 * v) as u8 + 40, 60),
                            format!("{:.2}", s.value),
                        )
                    }
                    Some(_) => (Color32::GRAY, "–".to_owned()),
                    None => (ui.visuals().faint_bg_color, "·".to_owned()),
                };
                ui.painter().rect_filled(rect, 3.0, fill);
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    text,
                    egui::FontId::proportional(13.0),
                    Color32::WHITE,
                );
            }
            ui.end_row();
        }
    });
}
