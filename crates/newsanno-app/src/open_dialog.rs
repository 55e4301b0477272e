//! Project ▸ Open project…: a folder, typed or picked.

use std::path::PathBuf;

use crate::dialogs::PathField;

/// What the dialog ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenOutcome {
    /// Open this project folder.
    Open(PathBuf),
    /// Closed without opening anything.
    Cancel,
}

/// State of the open-project dialog.
#[derive(Default)]
pub struct OpenDialog {
    folder: PathField,
}

impl OpenDialog {
    /// Draws the dialog; returns its outcome once a button is pressed.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<OpenOutcome> {
        let mut outcome = None;
        egui::Window::new("Open project").collapsible(false).show(ctx, |ui| {
            self.folder.path_field_ui(ui, "project folder", true);
            ui.horizontal(|ui| {
                if ui.button("Open").clicked() {
                    outcome = Some(OpenOutcome::Open(PathBuf::from(self.folder.text.trim())));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(OpenOutcome::Cancel);
                }
            });
        });
        outcome
    }
}
