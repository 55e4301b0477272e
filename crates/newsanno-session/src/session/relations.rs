//! The session's relation and caret actions: making (R, a type's key, a
//! target), retyping, deleting and selecting relations, and moving the caret.
//! The state they work on is [`crate::linking`]'s.

use newsanno_core::model::{Edit, Relation, RelationType};

use super::Session;
use crate::linking::{CaretMotion, Linking, describe};

impl Session {
    /// The relation types of the project.
    pub fn relation_types(&self) -> &[RelationType] {
        self.project.relation_types()
    }

    /// R: starts making a relation from the selected span (or retyping the
    /// selected relation); the next key picks the type.
    pub fn start_linking(&mut self) {
        let Some(current) = &self.current else { return };
        if self.project.relation_types().is_empty() {
            self.flash("this project has no relation types (relation_types in project.ron)");
            return;
        }
        let keys = self
            .project
            .relation_types()
            .iter()
            .filter(|t| !t.hotkey.is_empty())
            .map(|t| format!("{} {}", t.hotkey, t.name))
            .collect::<Vec<_>>()
            .join(", ");
        let linking = if let Some(relation) = current.selected_relation.and_then(|id| current.file.relation(id)) {
            Linking { from: relation.from, kind: None, target: None, retype: Some(relation.id) }
        } else if let Some(span) = current.selected_span.and_then(|id| current.file.span(id)) {
            Linking { from: span.id, kind: None, target: None, retype: None }
        } else {
            self.flash("select a span first (click it, or move the caret into it), then press R");
            return;
        };
        let what = match linking.retype {
            Some(_) => "retype the relation".to_owned(),
            None => format!("link 「{}」", current.file.span(linking.from).map_or("", |s| s.text.as_str())),
        };
        if let Some(current) = &mut self.current {
            current.linking = Some(linking);
        }
        self.flash(format!("{what}: press the type's key — {keys} (Esc cancels)"));
    }

    /// A relation from `from` of type `kind`, its target still to pick (the context menu).
    pub fn start_linking_with(&mut self, from: u64, kind: &str) {
        let Some(current) = &mut self.current else { return };
        current.selected_span = Some(from);
        current.linking = Some(Linking { from, kind: Some(kind.to_owned()), target: None, retype: None });
        self.flash(format!("{kind}: click the target span, or Tab to it and press Enter (Esc cancels)"));
    }

    /// Whether a relation type's key is awaited (after R).
    pub fn awaiting_relation_type(&self) -> bool {
        self.current.as_ref().and_then(|c| c.linking.as_ref()).is_some_and(|l| l.kind.is_none())
    }

    /// Whether a target is being picked (type chosen).
    pub fn picking_target(&self) -> bool {
        self.current.as_ref().and_then(|c| c.linking.as_ref()).is_some_and(|l| l.kind.is_some())
    }

    /// The type key after R: picks the type (or retypes the selected relation).
    pub fn pick_relation_type(&mut self, hotkey: &str) {
        let Some(kind) = self.project.relation_types().iter().find(|t| t.hotkey == hotkey).map(|t| t.name.clone())
        else {
            self.flash(format!("no relation type has the key {hotkey}"));
            return;
        };
        let Some(linking) = self.current.as_mut().and_then(|c| c.linking.as_mut()) else { return };
        if let Some(id) = linking.retype {
            if let Some(current) = &mut self.current {
                current.linking = None;
            }
            self.retype_relation(id, &kind);
            return;
        }
        linking.kind = Some(kind.clone());
        self.flash(format!("{kind}: click the target span, or Tab to it and press Enter (Esc cancels)"));
    }

    /// Tab / Shift+Tab while picking a target: the next span of `in_view`
    /// (ids in text order) whose labels the type allows, or any span when none
    /// is allowed. Returns where it starts, to scroll there.
    pub fn step_link_target(&mut self, delta: isize, in_view: &[u64]) -> Option<usize> {
        let current = self.current.as_ref()?;
        let linking = current.linking.as_ref()?;
        let kind = self.project.relation_types().iter().find(|t| Some(&t.name) == linking.kind.as_ref());
        let from_label = current.file.span(linking.from).map(|s| s.label.clone()).unwrap_or_default();
        let allowed =
            |id: &u64| current.file.span(*id).is_some_and(|s| kind.is_none_or(|k| k.allows(&from_label, &s.label)));
        let mut candidates: Vec<u64> =
            in_view.iter().copied().filter(|&id| id != linking.from).filter(allowed).collect();
        if candidates.is_empty() {
            candidates = in_view.iter().copied().filter(|&id| id != linking.from).collect();
        }
        if candidates.is_empty() {
            return None;
        }
        let n = candidates.len() as isize;
        let next = match linking.target.and_then(|t| candidates.iter().position(|&c| c == t)) {
            Some(i) => (i as isize + delta).rem_euclid(n) as usize,
            None if delta >= 0 => 0,
            None => candidates.len() - 1,
        };
        let target = candidates[next];
        let start = current.file.span(target).map(|s| s.start);
        if let Some(linking) = self.current.as_mut().and_then(|c| c.linking.as_mut()) {
            linking.target = Some(target);
        }
        start
    }

    /// Enter while picking (the Tab target), or a click on span `to`: makes the relation.
    pub fn finish_link(&mut self, to: Option<u64>) {
        let Some(linking) = self.current.as_ref().and_then(|c| c.linking.clone()) else { return };
        let Some(kind) = linking.kind else { return };
        let Some(to) = to.or(linking.target) else {
            self.flash("pick the target first: click it, or Tab to it");
            return;
        };
        if self.add_relation(linking.from, to, &kind)
            && let Some(current) = &mut self.current
        {
            current.linking = None;
        }
    }

    /// Esc while making a relation.
    pub fn cancel_linking(&mut self) -> bool {
        let Some(current) = &mut self.current else { return false };
        current.linking.take().is_some()
    }

    /// Adds the relation `from → to` of type `kind`; refuses a self-link and a
    /// duplicate, warns (and adds) when the type is not meant for these labels.
    pub fn add_relation(&mut self, from: u64, to: u64, kind: &str) -> bool {
        let Some(current) = &self.current else { return false };
        let (Some(a), Some(b)) = (current.file.span(from), current.file.span(to)) else { return false };
        if from == to {
            self.flash("a span cannot be linked to itself: pick another span");
            return false;
        }
        let kind_of = self.project.relation_types().iter().find(|t| t.name == kind).cloned();
        let directed = newsanno_core::model::is_directed(self.project.relation_types(), kind);
        if current.file.relations.iter().any(|r| r.links(from, to, kind, directed)) {
            let text = format!("「{}」 —{kind}→ 「{}」 is already there", a.text, b.text);
            self.flash(text);
            return false;
        }
        let warning = kind_of.filter(|t| !t.allows(&a.label, &b.label)).map(|t| {
            let pairs: Vec<String> = t.allowed.iter().map(|p| format!("{} → {}", p.from, p.to)).collect();
            format!(" (note: {kind} is meant for {}, this is {} → {})", pairs.join(", "), a.label, b.label)
        });
        let relation = Relation { id: current.file.next_relation_id(), from, to, kind: kind.to_owned(), note: None };
        let id = relation.id;
        let description = describe(&current.file, &relation, self.project.relation_types());
        let edit = self.with_progress(Edit::AddRelation(relation));
        if !self.apply(edit) {
            return false;
        }
        if let Some(current) = &mut self.current {
            current.selected_relation = Some(id);
            current.selected_span = Some(from);
        }
        self.flash(format!("{description}{}", warning.unwrap_or_default()));
        true
    }

    /// Changes the type of relation `id`.
    pub fn retype_relation(&mut self, id: u64, kind: &str) {
        let Some(relation) = self.current.as_ref().and_then(|c| c.file.relation(id)).cloned() else { return };
        if relation.kind == kind {
            return;
        }
        self.apply(Edit::Retype { id, from: relation.kind, to: kind.to_owned() });
    }

    /// Deletes relation `id`.
    pub fn delete_relation(&mut self, id: u64) {
        let Some(relation) = self.current.as_ref().and_then(|c| c.file.relation(id)).cloned() else { return };
        self.apply(Edit::RemoveRelation(relation));
    }

    /// Selects relation `id` (and its `from` span), or none.
    pub fn select_relation(&mut self, id: Option<u64>) {
        let Some(current) = &mut self.current else { return };
        current.selected_relation = id;
        if let Some(from) = id.and_then(|id| current.file.relation(id)).map(|r| r.from) {
            current.selected_span = Some(from);
            current.selection = None;
        }
    }

    /// Moves the caret; with `extend` (Shift) the selection runs from where
    /// it was anchored to the caret, otherwise the selection goes and the
    /// innermost span under the caret is selected (so R, Delete and the label
    /// keys work on it without the mouse).
    pub fn move_caret(&mut self, motion: CaretMotion, extend: bool) -> Option<usize> {
        let segmenter = std::sync::Arc::clone(&self.segmenter);
        let current = self.current.as_mut()?;
        let len = current.doc.text.char_len();
        let from = current.caret.or(current.selection.map(|s| s.1)).unwrap_or(0);
        let to = match motion {
            CaretMotion::Char(d) => from.saturating_add_signed(d).min(len),
            CaretMotion::Word(d) => {
                let bounds = segmenter.boundaries(&current.doc);
                if d > 0 {
                    bounds.iter().copied().find(|&b| b > from).unwrap_or(len)
                } else {
                    bounds.iter().rev().copied().find(|&b| b < from).unwrap_or(0)
                }
            }
            CaretMotion::To(at) => at.min(len),
        };
        if extend {
            let anchor = *current.caret_anchor.get_or_insert(current.selection.map_or(from, |s| s.0));
            current.selection = (anchor != to).then(|| (anchor.min(to), anchor.max(to)));
            current.selected_span = None;
            current.selected_relation = None;
        } else {
            current.caret_anchor = None;
            current.selection = None;
            current.selected_span = current.file.spans_at(to).first().map(|s| s.id);
            current.selected_relation = None;
        }
        current.caret = Some(to);
        Some(to)
    }
}
