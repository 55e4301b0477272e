//! The menu bar and the dialogs the shell shows over the window.

use crate::dialogs::message_ui;
use crate::export_dialog::ExportOutcome;
use crate::keys::Shortcuts as _;
use crate::new_project_dialog::NewProjectOutcome;
use crate::open_dialog::OpenOutcome;
use egui::Ui;
use newsanno_session::command::Command;
use newsanno_session::session::Session;
use std::sync::Arc;

use super::{Dialog, NewsannoApp};

impl NewsannoApp {
    pub(super) fn menu_ui(&mut self, ui: &mut Ui) {
        let mut chosen = Vec::new();
        // A menu entry: the command's text (or `text`) and first shortcut; true when clicked.
        let item = |ui: &mut Ui, command: Command, enabled: bool, text: Option<&str>| {
            let mut button = egui::Button::new(text.unwrap_or(command.text()));
            if let Some(shortcut) = command.shortcut_text(ui.ctx()) {
                button = button.shortcut_text(shortcut);
            }
            ui.add_enabled(enabled, button).clicked().then_some(command)
        };
        let has_session = self.session.is_some();
        let (can_undo, can_redo) = self.session.as_ref().map_or((false, false), Session::can_undo_redo);
        let theme = if self.settings.dark { "Light theme" } else { "Dark theme" };
        let reviewing = self.review.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("Project", |ui| {
                chosen.extend(item(ui, Command::OpenProject, true, None));
                chosen.extend(item(ui, Command::NewProject, true, None));
                chosen.extend(item(ui, Command::SwitchAnnotator, true, None));
                chosen.extend(item(ui, Command::Export, has_session, None));
                ui.separator();
                chosen.extend(item(ui, Command::Quit, true, None));
            });
            ui.menu_button("Edit", |ui| {
                chosen.extend(item(ui, Command::Undo, can_undo, None));
                chosen.extend(item(ui, Command::Redo, can_redo, None));
                chosen.extend(item(ui, Command::Find, true, None));
                chosen.extend(item(ui, Command::DoneAndNext, true, None));
                chosen.extend(item(ui, Command::MarkSkipped, true, None));
            });
            ui.menu_button("View", |ui| {
                chosen.extend(item(ui, Command::ToggleTheme, true, Some(theme)));
                chosen.extend(item(ui, Command::ZoomIn, true, None));
                chosen.extend(item(ui, Command::ZoomOut, true, None));
                chosen.extend(item(ui, Command::ZoomReset, true, None));
                let relations = if self.settings.all_relations {
                    "Show only the selected span's relations"
                } else {
                    "Show all relations in view"
                };
                chosen.extend(item(ui, Command::ToggleRelations, true, Some(relations)));
            });
            ui.menu_button("Review", |ui| {
                chosen.extend(item(ui, Command::OpenReview, has_session && self.project_dir.is_some(), None));
                if reviewing {
                    chosen.extend(item(ui, Command::LeaveReview, true, None));
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label("Drag to select (snaps to words; hold Alt for exact characters), double-click a word.");
                ui.label("1–9 label · Delete remove · Esc clear");
                ui.label("Caret: ←/→ character, Ctrl+←/→ word, ↑/↓ row, Home/End; Shift extends the selection");
                ui.label("Relations: select a span, R, the type's key, then click the target or Tab to it and Enter");
                ui.label(
                    "  or Ctrl+drag from one span to another · right-click for more · Delete removes the selected one",
                );
                ui.label("Ctrl+Z undo · Ctrl+Shift+Z / Ctrl+Y redo · Ctrl+F find");
                ui.label("Ctrl+Enter done & next · Alt+←/→, PageUp/PageDown documents");
                ui.label("Ctrl+= / Ctrl+- / Ctrl+0 zoom");
            });
        });
        let ctx = ui.ctx().clone();
        for command in chosen {
            self.execute(&ctx, command, false);
        }
    }

    // The open dialog, and what its outcome does to the window.
    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context) {
        let next = match &mut self.dialog {
            Dialog::None => return,
            Dialog::Message(text) => message_ui(ctx, text).then_some(Dialog::None),
            Dialog::Annotator(prompt) => prompt.ui(ctx).map(|name| {
                self.settings.annotator = Some(name);
                self.dialog = Dialog::None;
                self.start_session();
                std::mem::take(&mut self.dialog)
            }),
            Dialog::OpenProject(dialog) => dialog.ui(ctx).map(|outcome| match outcome {
                OpenOutcome::Open(dir) => {
                    self.project_dir = Some(dir);
                    self.dialog = Dialog::None;
                    self.start_session();
                    std::mem::take(&mut self.dialog)
                }
                OpenOutcome::Cancel => Dialog::None,
            }),
            Dialog::Export(dialog) => {
                let Some(project) = self.session.as_ref().map(|s| Arc::clone(&s.project)) else {
                    self.dialog = Dialog::None;
                    return;
                };
                dialog.ui(ctx, &project).map(|outcome| match outcome {
                    ExportOutcome::Finished(message) => Dialog::Message(message),
                    ExportOutcome::Cancel => Dialog::None,
                })
            }
            Dialog::NewProject(dialog) => dialog.ui(ctx).map(|outcome| match outcome {
                NewProjectOutcome::Created(dir, message) => {
                    self.project_dir = Some(dir);
                    self.dialog = Dialog::None;
                    self.start_session();
                    // A failure to open shows instead of the import's summary.
                    match std::mem::take(&mut self.dialog) {
                        Dialog::None => Dialog::Message(message),
                        other => other,
                    }
                }
                NewProjectOutcome::Failed(e) => Dialog::Message(format!("Import failed; nothing was imported: {e}")),
                NewProjectOutcome::Cancel => Dialog::None,
            }),
        };
        if let Some(dialog) = next {
            self.dialog = dialog;
        }
    }
}
