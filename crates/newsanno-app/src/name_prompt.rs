//! The "Who is annotating?" prompt: the annotator's name picks their folder.

use egui::{Key, RichText};

/// State of the name prompt while it is open.
#[derive(Debug, Default)]
pub struct NamePrompt {
    /// The name as typed so far.
    pub name: String,
    // Focus is requested once, when the prompt opens. Requesting it every
    // frame also interrupts the IME every frame: egui-winit then toggles
    // `set_ime_allowed` off and on, which on X11 recreates the input context,
    // wakes the event loop for another frame (100% of a core) and drops the
    // typed keys, so the field never receives text.
    focus_requested: bool,
}

impl NamePrompt {
    /// A prompt holding `name` (the current name when switching annotator).
    pub fn new(name: String) -> Self {
        NamePrompt { name, focus_requested: false }
    }

    /// Draws the prompt; returns the chosen, valid name once Start or Enter is pressed.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<String> {
        let mut chosen = None;
        egui::Window::new("Who is annotating?").collapsible(false).resizable(false).show(ctx, |ui| {
            ui.label("Your name picks your folder, annotations/<name>/. Letters, digits, CJK, '-', '_' or '.'.");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.name)
                    .hint_text("annotator name")
                    .id(egui::Id::unique("annotator-name")),
            );
            if !self.focus_requested {
                field.request_focus();
                self.focus_requested = true;
            }
            let name = self.name.trim();
            let valid = newsanno_core::store::ids::check_annotator_name(name);
            if let Err(e) = &valid
                && !name.is_empty()
            {
                ui.label(RichText::new(e.to_string()).weak());
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let start = ui.add_enabled(valid.is_ok(), egui::Button::new("Start")).clicked();
            if (start || enter) && valid.is_ok() {
                chosen = Some(name.to_owned());
            }
        });
        chosen
    }
}
