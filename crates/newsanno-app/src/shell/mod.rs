//! The app shell: wires the session to the panels, handles keys and menus,
//! remembers settings, and takes the `--screenshot` picture. What a command
//! does is `execute.rs`.

mod execute;
mod menus;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::article_view::{ArticleAction, ArticleView, Overlays, RelationsShown, SuggestionsShown};
use crate::document_list::{DocumentList, group};
use crate::export_dialog::ExportDialog;
use crate::find_bar::{FindAction, FindBar};
use crate::launch::LaunchOptions;
use crate::name_prompt::NamePrompt;
use crate::new_project_dialog::NewProjectDialog;
use crate::open_dialog::OpenDialog;
use crate::review::ReviewViews as _;
use crate::screenshot::ScreenshotJob;
use crate::side_panel::{SideAction, SidePanel};
use crate::status_bar::status_bar_ui;
use newsanno_session::command::Command;
use newsanno_session::session::Session;

/// Default article font size in points.
pub const DEFAULT_FONT_SIZE: f32 = 18.0;
const SETTINGS_KEY: &str = "newsanno-settings";

/// What is remembered across runs (eframe storage; window size is eframe's own).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The annotator's name.
    pub annotator: Option<String>,
    /// The last project opened.
    pub last_project: Option<PathBuf>,
    /// Last document per project folder.
    pub last_document: BTreeMap<String, String>,
    /// Dark theme?
    pub dark: bool,
    /// Article font size.
    pub font_size: f32,
    /// Draw every relation in view (otherwise only the selected span's).
    #[serde(default)]
    pub all_relations: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            annotator: None,
            last_project: None,
            last_document: BTreeMap::new(),
            dark: false,
            font_size: DEFAULT_FONT_SIZE,
            all_relations: false,
        }
    }
}

#[derive(Default)]
enum Dialog {
    #[default]
    None,
    Annotator(NamePrompt),
    OpenProject(OpenDialog),
    NewProject(Box<NewProjectDialog>),
    Export(Box<ExportDialog>),
    Message(String),
}

impl Dialog {
    // Work on a worker thread whose progress bar needs frames.
    fn working(&self) -> bool {
        match self {
            Dialog::NewProject(d) => d.working(),
            Dialog::Export(d) => d.working(),
            _ => false,
        }
    }
}

/// The clock active time is measured with: the real one, moved on by what
/// tests add (a fake clock, so a test can "wait" a minute in no time).
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    /// Added to the real time.
    pub skipped: Duration,
}

impl Clock {
    /// Now, by this clock.
    pub fn now(&self) -> Instant {
        Instant::now() + self.skipped
    }
}

/// The annotation window.
pub struct NewsannoApp {
    /// The clock of active time (tests move it on).
    pub clock: Clock,
    settings: Settings,
    /// The open session (project + annotator).
    pub session: Option<Session>,
    project_dir: Option<PathBuf>,
    dialog: Dialog,
    list: DocumentList,
    /// The article view (public for tests and benchmarks).
    pub article: ArticleView,
    side: SidePanel,
    find: FindBar,
    guidelines: Option<String>,
    screenshot: Option<ScreenshotJob>,
    frames: u64,
    configured: bool,
    first_document: Option<String>,
    text_focus_last_frame: bool,
    /// Review mode, when open.
    pub review: Option<newsanno_session::review::Review>,
    // A Ctrl+drag from one span to another waits for its type: (from, to, where to show the menu).
    link_menu: Option<(u64, u64, egui::Pos2)>,
}

impl NewsannoApp {
    /// The app as eframe creates it: fonts, remembered settings, then the project.
    pub fn new(cc: &eframe::CreationContext<'_>, launch: LaunchOptions) -> Self {
        let settings: Settings = cc.storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)).unwrap_or_default();
        let mut app = Self::with_settings(launch, settings);
        app.configure(&cc.egui_ctx);
        app
    }

    // Fonts, theme and key options on the egui context (once).
    fn configure(&mut self, ctx: &egui::Context) {
        if self.configured {
            return;
        }
        self.configured = true;
        crate::fonts::install_fonts(ctx);
        // Ctrl+= / Ctrl+- zoom the article text, not the whole UI.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_visuals(if self.settings.dark { egui::Visuals::dark() } else { egui::Visuals::light() });
    }

    /// The app with explicit settings; the egui context is configured on the
    /// first frame (tests drive it this way through egui_kittest).
    pub fn with_settings(launch: LaunchOptions, mut settings: Settings) -> Self {
        if let Some(name) = &launch.annotator {
            settings.annotator = Some(name.clone());
        }
        if launch.all_relations {
            settings.all_relations = true;
        }
        let mut app = NewsannoApp {
            clock: Clock::default(),
            settings,
            session: None,
            project_dir: None,
            dialog: Dialog::None,
            list: DocumentList::default(),
            article: ArticleView::default(),
            side: SidePanel::default(),
            find: FindBar::default(),
            guidelines: None,
            screenshot: launch.screenshot.map(ScreenshotJob::new),
            frames: 0,
            configured: false,
            first_document: launch.document,
            text_focus_last_frame: false,
            review: None,
            link_menu: None,
        };
        let project =
            launch.project.or_else(|| app.settings.last_project.clone().filter(|p| p.join("project.ron").exists()));
        let project = match project {
            Some(p) => Some(p),
            None => match crate::sample::ensure_sample() {
                Ok(p) => Some(p),
                Err(e) => {
                    app.dialog = Dialog::Message(format!("Could not set up the sample project: {e}"));
                    None
                }
            },
        };
        app.project_dir = project;
        let review_document = if launch.review { app.first_document.clone() } else { None };
        app.start_session();
        if launch.review {
            app.open_review();
            if let (Some(review), Some(id)) = (&mut app.review, review_document) {
                let position = app.session.as_ref().and_then(|s| s.project.documents().iter().position(|d| d.id == id));
                if let Some(p) = position {
                    review.open_document(p);
                }
            }
        }
        app
    }

    fn start_session(&mut self) {
        let Some(dir) = self.project_dir.clone() else { return };
        let Some(annotator) = self.settings.annotator.clone() else {
            self.dialog = Dialog::Annotator(NamePrompt::default());
            return;
        };
        if let Some(session) = &mut self.session {
            let _ = session.flush(Duration::from_secs(5));
        }
        self.session = None;
        match Session::open(&dir, &annotator) {
            Ok(mut session) => {
                let key = dir.display().to_string();
                let wanted = self.first_document.take().or_else(|| self.settings.last_document.get(&key).cloned());
                // Else the first document of my queue, when the project assigns me some.
                let first_of_queue = || session.has_queue().then(|| session.rows.iter().position(|r| r.in_queue()))?;
                let position = wanted
                    .and_then(|id| session.project.documents().iter().position(|d| d.id == id))
                    .or_else(first_of_queue)
                    .unwrap_or(0);
                if !session.rows.is_empty() {
                    session.open_document(position);
                }
                self.guidelines = session.project.guidelines();
                self.settings.last_project = Some(dir);
                let session_has_queue = session.has_queue();
                self.session = Some(session);
                self.list = DocumentList::default();
                self.list.my_queue = session_has_queue;
                self.list.scroll_current = true;
                self.article = ArticleView::default();
            }
            Err(e) => self.dialog = Dialog::Message(format!("Cannot open {}: {e}", dir.display())),
        }
    }

    fn remember_document(&mut self) {
        if let (Some(session), Some(dir)) = (&self.session, &self.project_dir)
            && let Some(open) = &session.current
        {
            self.settings.last_document.insert(dir.display().to_string(), open.file.document.clone());
        }
    }

    /// Draws one frame (also the entry point for egui_kittest).
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        self.frames += 1;
        let ctx = ui.ctx().clone();
        self.configure(&ctx);
        let mut tagging = false;
        if let Some(session) = &mut self.session {
            session.poll_saves();
            tagging = session.poll_suggestions();
            // Active time: any key, text, click, scroll or pointer move, before this frame's commands
            // (so the time up to a click that opens another document is the current one's).
            let input = ctx.input(|i| {
                i.events.iter().any(|e| {
                    matches!(
                        e,
                        egui::Event::Key { .. }
                            | egui::Event::Text(_)
                            | egui::Event::PointerButton { .. }
                            | egui::Event::PointerMoved(_)
                            | egui::Event::MouseWheel { .. }
                            | egui::Event::Paste(_)
                    )
                })
            });
            if input {
                session.note_input(self.clock.now());
            }
        }
        self.handle_keys(&ctx);
        let matches = self.find_matches();

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        let mut status_changes_in = None;
        egui::Panel::bottom("status").show(ui, |ui| {
            if let Some(session) = &self.session {
                let zoom = (self.settings.font_size / DEFAULT_FONT_SIZE * 100.0).round() as u32;
                status_changes_in =
                    status_bar_ui(ui, session, zoom, session.project.config().segmentation.snap_to_words);
            } else {
                ui.label("no project open");
            }
        });
        if let Some(after) = status_changes_in {
            ctx.request_repaint_after(after);
        }
        if self.review.is_some() {
            egui::CentralPanel::default().show(ui, |ui| self.review_ui(ui));
            self.dialog_ui(&ctx);
            self.screenshot_step(&ctx);
            self.text_focus_last_frame = ctx.egui_wants_keyboard_input();
            // Poll while the report is computed or gold's saves are in flight, not forever.
            if self.review.as_ref().is_some_and(newsanno_session::review::Review::waiting) {
                ctx.request_repaint_after(Duration::from_millis(250));
            }
            return;
        }
        if self.session.is_some() {
            egui::Panel::left("documents").default_size(260.0).resizable(true).show(ui, |ui| {
                if let Some(session) = &self.session
                    && let Some(position) = self.list.document_list_ui(ui, session)
                {
                    self.open_position(position);
                }
            });
            egui::Panel::right("labels").default_size(280.0).resizable(true).show(ui, |ui| {
                let actions = match &self.session {
                    Some(session) => {
                        self.side.side_panel_ui(ui, session, self.guidelines.as_deref(), self.settings.all_relations)
                    }
                    None => Vec::new(),
                };
                self.apply_side_actions(ui.ctx(), actions);
            });
        }
        egui::CentralPanel::default().show(ui, |ui| self.center_ui(ui, &matches));
        self.dialog_ui(&ctx);
        self.screenshot_step(&ctx);
        self.text_focus_last_frame = ctx.egui_wants_keyboard_input();

        // Saves in flight are polled; a saved state only repaints when the status bar's text changes.
        let busy = self
            .session
            .as_ref()
            .is_some_and(|s| !matches!(s.save_state, newsanno_session::session::SaveState::Saved(_)));
        let working = self.dialog.working();
        if busy || working {
            ctx.request_repaint_after(Duration::from_millis(250));
        }
        if tagging {
            ctx.request_repaint_after(Duration::from_millis(30));
        }
    }

    fn find_matches(&self) -> Vec<(usize, usize)> {
        match &self.session {
            Some(session) if self.find.open => session.find(&self.find.query),
            _ => Vec::new(),
        }
    }

    fn open_position(&mut self, position: usize) {
        if let Some(session) = &mut self.session {
            session.open_document(position);
            self.list.scroll_current = true;
        }
        self.remember_document();
    }

    fn center_ui(&mut self, ui: &mut Ui, matches: &[(usize, usize)]) {
        let Some(session) = &mut self.session else {
            ui.centered_and_justified(|ui| ui.label("Open a project (Project ▸ Open project…)"));
            return;
        };
        if self.find.open {
            let actions = self.find.find_bar_ui(ui, session, matches);
            for action in actions {
                match action {
                    FindAction::LabelAll(query, label) => {
                        session.label_all(&query, &label);
                    }
                    FindAction::Reveal(at) => self.article.scroll_to = Some(at),
                }
            }
            ui.separator();
        }
        let Some(open) = &session.current else {
            ui.centered_and_justified(|ui| {
                ui.label("This project has no documents yet: import some with `newsanno import`.")
            });
            return;
        };
        ui.label(RichText::new(&open.doc.entry.title).heading().strong());
        let mut meta: Vec<String> =
            ["source", "date", "url"].iter().filter_map(|k| open.doc.entry.meta.get(*k).cloned()).collect();
        meta.push(format!("{} chars", group(open.doc.entry.chars)));
        meta.push(format!("{} spans", open.file.spans.len()));
        meta.push(open.file.status.as_str().to_owned());
        ui.label(RichText::new(meta.join(" · ")).weak());
        if let Some(reason) = &open.read_only {
            ui.label(RichText::new(format!("⚠ Read-only: {reason}")).color(crate::colors::ERROR));
        }
        ui.add_space(4.0);
        let snap = session.project.config().segmentation.snap_to_words.then_some(&*session.segmenter);
        let overlays = Overlays {
            find_matches: matches,
            suggestions: SuggestionsShown { open: &session.suggestions.open, focused: session.suggestions.focused },
            relations: RelationsShown {
                types: session.project.relation_types(),
                all_in_view: self.settings.all_relations,
            },
        };
        let actions = self.article.ui(ui, open, session.project.labels(), self.settings.font_size, snap, overlays);
        // Hover texts are made for the suggestions under the pointer only.
        if self.article.suggestion_tips.iter().map(|t| t.0).ne(self.article.hovered_suggestions.iter().copied()) {
            self.article.suggestion_tips =
                self.article.hovered_suggestions.iter().map(|&i| (i, suggestion_tip(session, i))).collect();
        }
        for action in actions {
            // Working on the text takes the keyboard away from the suggestions.
            session.suggestions.focused = None;
            match action {
                ArticleAction::Select(selection) => {
                    if let Some(open) = &mut session.current {
                        open.selection = selection;
                        open.caret_anchor = None;
                        if let Some((_, end)) = selection {
                            open.caret = Some(end);
                        }
                    }
                }
                ArticleAction::SelectSpan(id) => {
                    if let Some(open) = &mut session.current {
                        open.selected_span = id;
                    }
                }
                ArticleAction::PlaceCaret(at) => {
                    if let Some(open) = &mut session.current {
                        open.caret = Some(at);
                        open.caret_anchor = None;
                    }
                }
                ArticleAction::SelectRelation(id) => session.select_relation(id),
                ArticleAction::LinkTo(to) => session.finish_link(Some(to)),
                ArticleAction::StartLink(from, kind) => session.start_linking_with(from, &kind),
                ArticleAction::DragLink(from, to, pos) => self.link_menu = Some((from, to, pos)),
                ArticleAction::DeleteRelation(id) => session.delete_relation(id),
                ArticleAction::RetypeRelation(id, kind) => session.retype_relation(id, &kind),
                ArticleAction::DeleteSpan(id) => {
                    if let Some(open) = &mut session.current {
                        open.selected_span = Some(id);
                        open.selected_relation = None;
                    }
                    session.delete_selected();
                }
                ArticleAction::SelectLaneSpan(..) => {}
            }
        }
        self.link_menu_ui(ui);
    }

    // After a Ctrl+drag between two spans: which type? The types meant for
    // the two labels come first; Esc or a click elsewhere makes nothing.
    fn link_menu_ui(&mut self, ui: &mut Ui) {
        let Some((from, to, pos)) = self.link_menu else { return };
        let Some(session) = &mut self.session else { return };
        let Some(open) = &session.current else { return };
        let (Some(a), Some(b)) = (open.file.span(from), open.file.span(to)) else {
            self.link_menu = None;
            return;
        };
        let mut types: Vec<(String, String, bool)> = session
            .relation_types()
            .iter()
            .map(|t| (t.name.clone(), t.hotkey.clone(), t.allows(&a.label, &b.label)))
            .collect();
        types.sort_by_key(|t| !t.2);
        let title = format!("「{}」 → 「{}」", a.text, b.text);
        let mut chosen = None;
        let mut close = ui.input(|i| i.key_pressed(egui::Key::Escape));
        let area = egui::Area::new(egui::Id::unique("link-menu")).order(egui::Order::Foreground).fixed_pos(pos);
        let shown = area.show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(title).strong());
                for (name, hotkey, allowed) in &types {
                    let text = if hotkey.is_empty() { name.clone() } else { format!("{hotkey} {name}") };
                    let text = if *allowed { RichText::new(text) } else { RichText::new(text).weak() };
                    if ui.button(text).clicked() {
                        chosen = Some(name.clone());
                    }
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if ui.input(|i| i.pointer.any_pressed()) && !shown.response.contains_pointer() && chosen.is_none() {
            close = true;
        }
        if let Some(kind) = chosen {
            session.add_relation(from, to, &kind);
            close = true;
        }
        if close {
            self.link_menu = None;
        }
    }

    fn apply_side_actions(&mut self, ctx: &egui::Context, actions: Vec<SideAction>) {
        for action in actions {
            let Some(session) = &mut self.session else { return };
            match action {
                SideAction::Label(label) => session.apply_label(&label),
                SideAction::SelectSpan(id) => {
                    if let Some(open) = &mut session.current {
                        open.selected_span = Some(id);
                        open.selection = None;
                        self.article.scroll_to = open.file.span(id).map(|s| s.start);
                    }
                }
                SideAction::SelectRelation(id) => {
                    session.select_relation(Some(id));
                    if let Some(open) = &session.current {
                        let from = open.file.relation(id).and_then(|r| open.file.span(r.from));
                        self.article.scroll_to = from.map(|s| s.start);
                    }
                }
                SideAction::RetypeRelation(id, kind) => session.retype_relation(id, &kind),
                SideAction::DeleteRelation(id) => session.delete_relation(id),
                SideAction::ShowAllRelations(on) => self.settings.all_relations = on,
                SideAction::SetNote(id, note) => session.set_note(id, Some(note)),
                SideAction::SetComment(comment) => session.set_comment(comment),
                SideAction::ToggleCategory(name) => session.toggle_category(&name),
                SideAction::ResolveConflict(index, keep_copy) => session.resolve_conflict(index, keep_copy),
                SideAction::SetStatus(status) => session.set_status(status),
                SideAction::SuggestionSource(kind, on) => session.set_suggestion_source(kind, on),
                SideAction::AcceptAll(label) => {
                    session.accept_all(&label);
                }
                SideAction::DoneAndNext => self.execute(ctx, Command::DoneAndNext, false),
            }
        }
    }

    fn review_ui(&mut self, ui: &mut Ui) {
        let Some(review) = &mut self.review else { return };
        review.poll();
        if review.document.is_none() {
            if review.dashboard_ui(ui) == Some(newsanno_session::review::ReviewAction::Close) {
                self.execute(&ui.ctx().clone(), Command::LeaveReview, false);
            }
            return;
        }
        if review.document_header_ui(ui) {
            review.document = None;
            review.recompute();
            return;
        }
        ui.separator();
        let lanes = review.lanes();
        let Some(gold) = &mut review.gold else {
            ui.label("gold cannot be edited here (see above)");
            return;
        };
        let Some(open) = &gold.current else { return };
        self.article.lanes = lanes;
        let snap = gold.project.config().segmentation.snap_to_words.then_some(&*gold.segmenter);
        // Review draws gold and the annotators' lanes, not the annotate session's suggestions.
        let overlays = Overlays {
            relations: RelationsShown {
                types: gold.project.relation_types(),
                all_in_view: self.settings.all_relations,
            },
            ..Overlays::default()
        };
        let actions = self.article.ui(ui, open, gold.project.labels(), self.settings.font_size, snap, overlays);
        for action in actions {
            match action {
                crate::article_view::ArticleAction::SelectLaneSpan(lane, id) => {
                    review.selected = Some((lane, id));
                }
                // Gold is edited like any annotator's file: select text or a gold span.
                crate::article_view::ArticleAction::Select(selection) => {
                    if let Some(open) = &mut gold.current {
                        open.selection = selection;
                    }
                }
                crate::article_view::ArticleAction::SelectSpan(id) => {
                    if let Some(open) = &mut gold.current {
                        open.selected_span = id;
                    }
                    review.selected = None;
                }
                crate::article_view::ArticleAction::SelectRelation(id) => gold.select_relation(id),
                crate::article_view::ArticleAction::DeleteRelation(id) => gold.delete_relation(id),
                crate::article_view::ArticleAction::RetypeRelation(id, kind) => gold.retype_relation(id, &kind),
                // Gold's relations come from the annotators' (accepted in the lanes); none are drawn by hand here.
                crate::article_view::ArticleAction::PlaceCaret(_)
                | crate::article_view::ArticleAction::LinkTo(_)
                | crate::article_view::ArticleAction::StartLink(..)
                | crate::article_view::ArticleAction::DragLink(..)
                | crate::article_view::ArticleAction::DeleteSpan(_) => {}
            }
        }
    }

    fn screenshot_step(&mut self, ctx: &egui::Context) {
        if self.screenshot.as_mut().is_some_and(|job| job.step(ctx, self.frames)) {
            self.screenshot = None;
        }
    }

    /// The document at the top of the document list as filtered and ordered now (for tests).
    pub fn first_listed_document(&mut self) -> Option<String> {
        let session = self.session.as_ref()?;
        let first = *self.list.filtered(session).first()?;
        session.project.documents().get(first).map(|e| e.id.clone())
    }

    /// Writes pending saves (annotator and gold); called when the window closes.
    pub fn flush(&mut self) {
        if let Some(gold) = self.review.as_mut().and_then(|r| r.gold.as_mut())
            && let Err(e) = gold.flush(Duration::from_secs(10))
        {
            eprintln!("error: {e}");
        }
        if let Some(session) = &mut self.session
            && let Err(e) = session.flush(Duration::from_secs(10))
        {
            eprintln!("error: {e}");
        }
    }

    /// The remembered settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
}

impl eframe::App for NewsannoApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_document();
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
    }
}

/// The hover text of open suggestion `i`: label, text, source and keys.
fn suggestion_tip(session: &Session, i: usize) -> String {
    let state = &session.suggestions;
    let Some(s) = state.open.get(i) else { return String::new() };
    let mut tip = format!("suggested {} 「{}」 ({})", s.label, s.text, s.source);
    if s.kind() == newsanno_suggest::SourceKind::Propagated {
        let n = state.times_labelled(&s.label, &s.text);
        tip.push_str(&format!(": you labelled it {n} time{} before", if n == 1 { "" } else { "s" }));
    }
    if let Some(confidence) = state.confidence(s) {
        tip.push_str(&format!(", confidence {confidence:.2}"));
    }
    tip.push_str("\nTab to focus · Enter accept · Backspace reject · Shift+Enter accept all of this label");
    tip
}
