//! The status bar: annotator, save state, read-only reason, position, zoom, snapping.

use std::time::Duration;

use egui::{Color32, RichText, Ui};

use crate::document_list::group;
use newsanno_session::session::{SaveState, Session};

/// How long a flashed message stays.
const FLASH_FOR: Duration = Duration::from_secs(6);

/// "saved N s ago" as a coarse age, and how long until that text changes:
/// whole seconds for the first 10 s, then tens of seconds, then minutes, so
/// an idle window repaints a few times a minute at most, not every frame.
pub fn saved_ago(age: Duration) -> (String, Duration) {
    let secs = age.as_secs();
    let (text, step) = match secs {
        0 => ("saved just now".to_owned(), 1),
        1..10 => (format!("saved {secs} s ago"), 1),
        10..60 => (format!("saved {} s ago", secs / 10 * 10), 10),
        _ => (format!("saved {} min ago", secs / 60), 60),
    };
    let next = Duration::from_secs((secs / step + 1) * step).saturating_sub(age);
    (text, next.max(Duration::from_millis(50)))
}

/// Draws the status bar; returns when its text next changes on its own (a
/// save's age, a message's end), for the shell to repaint then.
pub fn status_bar_ui(ui: &mut Ui, session: &Session, zoom_percent: u32, snap: bool) -> Option<Duration> {
    let mut next: Option<Duration> = None;
    ui.horizontal(|ui| {
        ui.label(format!("annotator: {}", session.annotator));
        ui.separator();
        match &session.save_state {
            SaveState::Saved(None) => {
                ui.label("saved");
            }
            SaveState::Saved(Some(at)) => {
                let (text, changes_in) = saved_ago(at.elapsed());
                ui.label(text);
                next = Some(changes_in);
            }
            SaveState::Saving => {
                ui.label("saving…");
            }
            SaveState::Failed(error) => {
                ui.label(RichText::new(error).color(crate::colors::ERROR).strong());
            }
        }
        if let Some(open) = &session.current {
            ui.separator();
            ui.label(format!("doc {} / {}", group(open.position + 1), group(session.rows.len())));
            if let Some(reason) = &open.read_only {
                ui.separator();
                ui.label(RichText::new(format!("⚠ read-only: {reason}")).color(crate::colors::ERROR));
            }
        }
        if session.suggestions.suggester.is_some() {
            ui.separator();
            let model = &session.suggestions.model;
            if model.training() {
                let (_, fraction) = model.progress.describe();
                ui.add(egui::ProgressBar::new(fraction).desired_width(60.0).desired_height(10.0));
            }
            ui.label(model.status());
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
            let ends_in = FLASH_FOR.saturating_sub(flash.at.elapsed());
            next = Some(next.map_or(ends_in, |n| n.min(ends_in)));
        }
    });
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_age_of_a_save_is_coarse_and_says_when_it_changes() {
        let at = |ms: u64| saved_ago(Duration::from_millis(ms));
        assert_eq!(at(400), ("saved just now".to_owned(), Duration::from_millis(600)));
        assert_eq!(at(3_200), ("saved 3 s ago".to_owned(), Duration::from_millis(800)));
        assert_eq!(at(27_000), ("saved 20 s ago".to_owned(), Duration::from_secs(3)));
        assert_eq!(at(185_000), ("saved 3 min ago".to_owned(), Duration::from_secs(55)));
    }
}
