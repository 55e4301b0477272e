//! What each [`Command`] does in the window: keys read each frame, the
//! commands executed in one place (review's first, when a review document is
//! open), caret moves that need the layout, document stepping. The session
//! decides what its mode-dependent keys mean (`Session::digit`, `escape`,
//! `delete_or_reject`).

use std::sync::Arc;
use std::time::Duration;

use newsanno_core::model::Status;
use newsanno_session::command::{Command, KeyContext};
use newsanno_session::session::Session;

use super::{DEFAULT_FONT_SIZE, Dialog, NewsannoApp};
use crate::article_view::ArticleView;
use crate::export_dialog::ExportDialog;
use crate::name_prompt::NamePrompt;
use crate::open_dialog::OpenDialog;

impl NewsannoApp {
    // Keys become commands; a dialog takes the keyboard while it is open.
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context) {
        if !matches!(self.dialog, Dialog::None) {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let context = match &self.review {
            // The dashboard takes no keys; a document in review takes none while typing.
            Some(review) if review.document.is_none() || typing => return,
            Some(_) => KeyContext::Review,
            None => KeyContext::Annotate,
        };
        for command in crate::keys::pressed(ctx, context, typing) {
            // Enter and Shift+Enter belong to a focused suggestion (or a relation's target) only;
            // asked per key, as an earlier key of the same frame may have made one.
            let focused =
                self.session.as_ref().is_some_and(|s| s.suggestions.focused().is_some() || s.picking_target());
            if matches!(command, Command::AcceptSuggestion | Command::AcceptAllOfLabel) && !focused {
                continue;
            }
            self.execute(ctx, command, typing);
        }
    }

    /// Does what `command` says: the one path for keys, menus and buttons.
    pub fn execute(&mut self, ctx: &egui::Context, command: Command, typing: bool) {
        if let Some(review) = &mut self.review
            && review.document.is_some()
            && review.execute(command)
        {
            return;
        }
        match command {
            Command::Undo => self.with_session(Session::undo),
            Command::Redo => self.with_session(Session::redo),
            Command::Find => {
                self.find.open = true;
                self.find.focus = true;
            }
            Command::DoneAndNext => self.done_and_next(),
            Command::MarkSkipped => self.with_session(|s| s.set_status(Status::Skipped)),
            Command::ZoomIn => self.settings.font_size = (self.settings.font_size + 2.0).min(48.0),
            Command::ZoomOut => self.settings.font_size = (self.settings.font_size - 2.0).max(10.0),
            Command::ZoomReset => self.settings.font_size = DEFAULT_FONT_SIZE,
            Command::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                ctx.set_visuals(if self.settings.dark { egui::Visuals::dark() } else { egui::Visuals::light() });
            }
            Command::NextDocument => self.step(1),
            Command::PreviousDocument => self.step(-1),
            Command::Escape => {
                // egui drops text focus on Esc before we see the key, so ask the previous frame.
                if typing || self.text_focus_last_frame {
                    // Esc leaves a text field (its edit is committed as it loses focus);
                    // the selection stays, so the field is still there to commit.
                    if self.find.open && ctx.memory(|m| m.has_focus(egui::Id::unique("find-query"))) {
                        self.find.open = false;
                    }
                    ctx.memory_mut(|m| m.stop_text_input());
                } else {
                    self.with_session(Session::escape);
                }
            }
            Command::Label(n) => self.with_session(|s| s.digit(n)),
            Command::DeleteOrReject => self.with_session(Session::delete_or_reject),
            Command::Caret(caret, extend) => self.move_caret(caret, extend),
            Command::StartRelation => self.with_session(Session::start_linking),
            Command::StartCategory => self.with_session(Session::start_category),
            Command::ToggleRelations => self.settings.all_relations = !self.settings.all_relations,
            Command::NextSuggestion | Command::PreviousSuggestion => {
                // Tab walks the suggestions (egui would move widget focus: cancel that).
                ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
                let delta = if command == Command::NextSuggestion { 1 } else { -1 };
                // While a relation's target is picked, Tab walks the spans in view instead.
                if let Some(session) = self.session.as_mut()
                    && session.picking_target()
                {
                    let in_view = self.article.spans_in_view().to_vec();
                    if let Some(start) = session.step_link_target(delta, &in_view) {
                        self.article.scroll_to = Some(start);
                    }
                    return;
                }
                if let Some(start) = self.session.as_mut().and_then(|s| s.focus_suggestion(delta)) {
                    self.article.scroll_to = Some(start);
                }
            }
            Command::AcceptSuggestion => {
                self.with_session(|s| if s.picking_target() { s.finish_link(None) } else { s.accept_suggestion() })
            }
            Command::AcceptAllOfLabel => {
                let label = self.session.as_ref().and_then(|s| s.suggestions.focused().map(|f| f.label.clone()));
                if let Some(label) = label {
                    self.with_session(|s| {
                        s.accept_all(&label);
                    });
                }
            }
            // Review's own keys do nothing outside a review document.
            Command::AcceptLaneSpan | Command::RejectLaneSpan | Command::AcceptAgreed => {}
            Command::OpenReview => self.open_review(),
            Command::LeaveReview => self.leave_review(),
            Command::OpenProject => self.dialog = Dialog::OpenProject(OpenDialog::default()),
            Command::NewProject => self.dialog = Dialog::NewProject(Box::default()),
            Command::SwitchAnnotator => {
                self.dialog = Dialog::Annotator(NamePrompt::new(self.settings.annotator.clone().unwrap_or_default()));
            }
            Command::Export => {
                if self.session.is_some() {
                    let source = self.settings.annotator.clone().unwrap_or_else(|| "gold".to_owned());
                    self.dialog = Dialog::Export(Box::new(ExportDialog::new(source)));
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    // A caret key: ↑/↓/Home/End need the layout (rows), so the view works out where they go.
    pub(super) fn move_caret(&mut self, caret: newsanno_session::command::CaretKey, extend: bool) {
        use newsanno_session::command::CaretKey;
        use newsanno_session::linking::CaretMotion;
        let Some(session) = self.session.as_mut() else { return };
        let Some(open) = session.current.as_ref() else { return };
        let at = open.caret.or(open.selection.map(|s| s.1)).or(self.article.char_at_top()).unwrap_or(0);
        let motion = match caret {
            CaretKey::Left => CaretMotion::Char(-1),
            CaretKey::Right => CaretMotion::Char(1),
            CaretKey::WordLeft => CaretMotion::Word(-1),
            CaretKey::WordRight => CaretMotion::Word(1),
            CaretKey::Up => CaretMotion::To(self.article.row_step(at, -1).unwrap_or(at)),
            CaretKey::Down => CaretMotion::To(self.article.row_step(at, 1).unwrap_or(at)),
            CaretKey::Home => CaretMotion::To(self.article.row_bounds(at).map_or(at, |r| r.0)),
            CaretKey::End => CaretMotion::To(self.article.row_bounds(at).map_or(at, |r| r.1)),
        };
        // The first key puts the caret where the view is, before it moves.
        if open.caret.is_none()
            && let Some(open) = session.current.as_mut()
        {
            open.caret = Some(at);
        }
        if let Some(to) = session.move_caret(motion, extend) {
            self.article.scroll_to = Some(to);
        }
    }

    // Back from review to annotating, gold's edits written first.
    pub(super) fn leave_review(&mut self) {
        if let Some(gold) = self.review.as_mut().and_then(|r| r.gold.as_mut()) {
            let _ = gold.flush(Duration::from_secs(5));
        }
        self.review = None;
        self.article = ArticleView::default();
    }

    /// Opens review mode on the current project.
    pub fn open_review(&mut self) {
        if let (Some(session), Some(dir)) = (&self.session, &self.project_dir) {
            self.review = Some(newsanno_session::review::Review::new(dir.clone(), Arc::clone(&session.project)));
        }
    }

    /// Marks the open document done and opens the next one not done: the one
    /// path for Ctrl+Enter, the Edit menu and the side panel's button.
    pub(super) fn done_and_next(&mut self) {
        self.with_session(Session::done_and_next);
        self.list.scroll_current = true;
        self.remember_document();
    }

    pub(super) fn with_session(&mut self, f: impl FnOnce(&mut Session)) {
        if let Some(session) = &mut self.session {
            f(session);
        }
    }

    pub(super) fn step(&mut self, delta: isize) {
        let Some(session) = &self.session else { return };
        let current = session.current.as_ref().map(|c| c.position);
        if let Some(position) = self.list.neighbour(session, current, delta) {
            self.open_position(position);
        }
    }
}
