//! Find in document (Ctrl+F): all matches highlighted, and "label all".

use egui::Ui;

use newsanno_session::session::Session;

/// The find bar's state.
#[derive(Default)]
pub struct FindBar {
    /// Shown?
    pub open: bool,
    /// What to look for.
    pub query: String,
    /// Label for "label all".
    pub label: Option<String>,
    /// Focus the field on the next frame.
    pub focus: bool,
}

/// What the find bar asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindAction {
    /// Label every match of the query with this label.
    LabelAll(String, String),
    /// Jump to this code point.
    Reveal(usize),
}

impl FindBar {
    /// Draws the bar; `matches` are the current query's matches.
    pub fn find_bar_ui(&mut self, ui: &mut Ui, session: &Session, matches: &[(usize, usize)]) -> Vec<FindAction> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.label("Find");
            let r = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id(egui::Id::unique("find-query"))
                    .hint_text("text in this document"),
            );
            if self.focus {
                r.request_focus();
                self.focus = false;
            }
            ui.label(format!("{} matches", matches.len()));
            if r.changed()
                && let Some(&(start, _)) = matches.first()
            {
                actions.push(FindAction::Reveal(start));
            }
            let labels = session.project.labels();
            if self.label.is_none() {
                self.label = labels.first().map(|l| l.name.clone());
            }
            let chosen = self.label.clone().unwrap_or_default();
            egui::ComboBox::from_id_salt("find-label").selected_text(&chosen).show_ui(ui, |ui| {
                for label in labels {
                    ui.selectable_value(&mut self.label, Some(label.name.clone()), &label.name);
                }
            });
            let text = format!("Label all {} matches as {chosen}", matches.len());
            if ui.add_enabled(!matches.is_empty() && !chosen.is_empty(), egui::Button::new(text)).clicked() {
                actions.push(FindAction::LabelAll(self.query.clone(), chosen.clone()));
            }
            if ui.button("×").on_hover_text("close (Esc)").clicked() {
                self.open = false;
            }
        });
        actions
    }
}
