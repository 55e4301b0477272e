//! What the session does for the keys whose meaning depends on its mode: a
//! digit (a relation type after R, a category after C, else a label), Esc,
//! and Delete. The window's shell passes these on without looking inside.

use super::Session;

impl Session {
    /// Digit `n` (1–9): picks the relation type with that key after R, the
    /// category with that key after C, else labels the selection (or
    /// relabels the selected span) with the label whose hotkey it is.
    pub fn digit(&mut self, n: u8) {
        let key = n.to_string();
        if self.awaiting_relation_type() {
            self.pick_relation_type(&key);
        } else if self.current.as_ref().is_some_and(|c| c.awaiting_category) {
            self.pick_category_key(&key);
        } else if let Some(label) = self.project.label_with_hotkey(&key).map(|l| l.name.clone()) {
            self.apply_label(&label);
        }
    }

    /// Esc outside a text field: cancels the relation being made, else the
    /// category being picked (each says so), else clears the selection, the
    /// caret's anchor and the focused suggestion.
    pub fn escape(&mut self) {
        if self.cancel_linking() {
            self.flash("no relation made");
        } else if let Some(open) = self.current.as_mut().filter(|c| c.awaiting_category) {
            open.awaiting_category = false;
            self.flash("no category set");
        } else if let Some(open) = self.current.as_mut() {
            open.selection = None;
            open.selected_span = None;
            open.selected_relation = None;
            open.caret_anchor = None;
            self.suggestions.focused = None;
        }
    }

    /// Delete / Backspace: deletes the selected relation; else rejects the
    /// focused suggestion when no span is selected; else deletes the selected span.
    pub fn delete_or_reject(&mut self) {
        let span_selected = self.current.as_ref().is_some_and(|c| c.selected_span.is_some());
        if let Some(id) = self.current.as_ref().and_then(|c| c.selected_relation) {
            self.delete_relation(id);
        } else if self.suggestions.focused().is_some() && !span_selected {
            self.reject_suggestion();
        } else {
            self.delete_selected();
        }
    }
}
