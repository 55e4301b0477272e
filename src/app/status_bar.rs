//! The status bar: annotator, save state, read-only reason, position, zoom, snapping.

use std::time::Duration;

use egui::{Color32, RichText, Ui};

use crate::app::document_list::group;
use crate::app::session::{SaveState, Session};

/// How long a flashed message stays.
const FLASH_FOR: Duration = Duration::from_secs(6);

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut Ui, session: &Session, zoom_percent: u32, snap: bool) {
    ui.horizontal(|ui| {
        ui.label(format!("annotator: {}", session.annotator));
        ui.separator();
        match &session.save_state {
            SaveState::Saved(None) => {
                ui.label("saved");
            }
            SaveState::Saved(Some(at)) => {
                ui.label(format!("saved {:.1} s ago", at.elapsed().as_secs_f32()));
            }
            SaveState::Saving => {
                ui.label("saving…");
            }
            SaveState::Failed(error) => {
                ui.label(RichText::new(error).color(Color32::from_rgb(220, 50, 47)).strong());
            }
        }
        if let Some(open) = &session.current {
            ui.separator();
            ui.label(format!("doc {} / {}", group(open.position + 1), group(session.rows.len())));
            if let Some(reason) = &open.read_only {
                ui.separator();
                ui.label(RichText::new(format!("⚠ read-only: {reason}")).color(Color32::from_rgb(220, 50, 47)));
            }
        }
        ui.separator();
        ui.label(format!("{zoom_percent}%"));
        ui.separator();
        ui.label(if snap { "snap: words (Alt: chars)" } else { "snap: chars" });
        if let Some(flash) = &session.flash
            && flash.at.elapsed() < FLASH_FOR
        {
            ui.separator();
            ui.label(RichText::new(&flash.text).color(Color32::from_rgb(203, 75, 22)));
        }
    });
}
