//! The session's suggestion actions: focusing (Tab), accepting (Enter, one
//! or all of a label), rejecting, switching a source, and taking the
//! background workers' results.

use newsanno_core::model::{Edit, Rejected, Span};
use newsanno_suggest::{SourceKind, Suggestion};

use super::Session;

impl Session {
    /// Moves the keyboard focus to the next (`+1`) or previous (`-1`)
    /// suggestion; returns where it starts, to scroll there.
    pub fn focus_suggestion(&mut self, delta: isize) -> Option<usize> {
        let current = self.current.as_mut()?;
        let from = current
            .selection
            .map(|s| s.0)
            .or_else(|| current.selected_span.and_then(|id| current.file.span(id)).map(|s| s.start));
        let start = self.suggestions.step_focus(delta, from).map(|s| s.start);
        if start.is_some() {
            current.selection = None;
            current.selected_span = None;
        } else {
            self.flash("no suggestions in this document");
        }
        start
    }

    // A span made from a suggestion, keeping its source, with the next free id.
    pub(super) fn span_from(&self, s: &Suggestion, id: u64) -> Span {
        Span {
            id,
            start: s.start,
            end: s.end,
            label: s.label.clone(),
            text: s.text.clone(),
            note: None,
            source: s.source.clone(),
            attributes: self.initial_attributes(&s.label, &s.text),
            link: None,
        }
    }

    /// Accepts the focused suggestion as a span (undoable); the focus moves on to the next one.
    pub fn accept_suggestion(&mut self) {
        let (Some(current), Some(s)) = (&self.current, self.suggestions.focused().cloned()) else {
            self.flash("no suggestion focused: press Tab to go to one");
            return;
        };
        let span = self.span_from(&s, current.file.next_span_id());
        let edit = self.with_progress(Edit::AddSpan(span));
        if self.apply(edit) {
            self.flash(format!("accepted {} 「{}」 ({})", s.label, s.text, s.source));
        }
    }

    /// Rejects the focused suggestion (undoable): it does not come back in this document.
    pub fn reject_suggestion(&mut self) {
        let Some(s) = self.suggestions.focused().cloned() else {
            self.flash("no suggestion focused: press Tab to go to one");
            return;
        };
        let rejected = Rejected { start: s.start, end: s.end, label: s.label.clone() };
        if self.apply(Edit::Reject(rejected)) {
            self.flash(format!("rejected {} 「{}」", s.label, s.text));
        }
    }

    /// Accepts every open suggestion with `label` in the open document, as one undoable edit.
    pub fn accept_all(&mut self, label: &str) -> usize {
        let Some(current) = &self.current else { return 0 };
        let ids = current.file.next_span_id()..;
        let adds: Vec<Edit> = ids
            .zip(self.suggestions.open.iter().filter(|s| s.label == label))
            .map(|(id, s)| Edit::AddSpan(self.span_from(s, id)))
            .collect();
        let n = adds.len();
        if n == 0 {
            self.flash(format!("no {label} suggestions left in this document"));
            return 0;
        }
        let edit = self.with_progress(Edit::Batch(adds));
        if self.apply(edit) {
            self.flash(format!("accepted {n} {label} suggestions"));
            n
        } else {
            0
        }
    }

    /// Switches a suggestion source on or off for this session.
    pub fn set_suggestion_source(&mut self, kind: SourceKind, on: bool) {
        if let Some(current) = &self.current {
            self.suggestions.set_source(kind, on, &current.doc, &current.file);
        } else {
            self.suggestions.sources.set(kind, on);
        }
    }

    /// Adds the open document's POS hints once its background tagging is done; call once per frame.
    /// Returns whether jieba is still tagging the open document.
    pub fn poll_suggestions(&mut self) -> bool {
        let Some(current) = &self.current else { return false };
        self.suggestions.poll(&current.doc, &current.file);
        self.suggestions.tagging(&current.doc) || self.suggestions.model.busy()
    }
}
