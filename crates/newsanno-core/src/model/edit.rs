//! Edits to an annotation file as values, each with an inverse, so undo and
//! redo are just "apply the inverse" and "apply again".

use crate::model::{AnnotationFile, AttributeValue, Link, Rejected, Relation, Span, Status};

/// One user action on an annotation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A new span (with its id already chosen).
    AddSpan(Span),
    /// Removal of this span (kept whole so undo can restore it).
    RemoveSpan(Span),
    /// The span `id` changes label.
    Relabel {
        /// Span id.
        id: u64,
        /// Label before.
        from: String,
        /// Label after.
        to: String,
    },
    /// The span `id` changes note.
    SetNote {
        /// Span id.
        id: u64,
        /// Note before.
        from: Option<String>,
        /// Note after.
        to: Option<String>,
    },
    /// The span `id` changes one attribute (format 1.4); `None` is "not set".
    SetAttribute {
        /// Span id.
        id: u64,
        /// Attribute name.
        name: String,
        /// Value before.
        from: Option<AttributeValue>,
        /// Value after.
        to: Option<AttributeValue>,
    },
    /// The span `id` changes its knowledge-base link (format 1.4).
    SetLink {
        /// Span id.
        id: u64,
        /// Link before.
        from: Option<Link>,
        /// Link after.
        to: Option<Link>,
    },
    /// The document comment changes.
    SetComment {
        /// Comment before.
        from: String,
        /// Comment after.
        to: String,
    },
    /// The document's categories change (format 1.3).
    SetCategories {
        /// Categories before.
        from: Vec<String>,
        /// Categories after.
        to: Vec<String>,
    },
    /// The status changes.
    SetStatus {
        /// Status before.
        from: Status,
        /// Status after.
        to: Status,
    },
    /// A suggestion is turned down: it is not offered again in this document.
    Reject(Rejected),
    /// A rejection is withdrawn (the inverse of [`Edit::Reject`]).
    Unreject(Rejected),
    /// A new relation (with its id already chosen).
    AddRelation(Relation),
    /// Removal of this relation (kept whole so undo can restore it).
    RemoveRelation(Relation),
    /// The relation `id` changes type.
    Retype {
        /// Relation id.
        id: u64,
        /// Type before.
        from: String,
        /// Type after.
        to: String,
    },
    /// Several edits as one undo step (label all matches), applied in order.
    Batch(Vec<Edit>),
}

/// What applying an edit changed, as far as spans' ranges, labels and texts
/// go (the window's suggestions follow these instead of rescanning the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A span of `label` over `text` at `[start, end)` appeared (`added`) or went.
    Span {
        /// First code point.
        start: usize,
        /// One past the last.
        end: usize,
        /// Its label.
        label: String,
        /// `text[start:end]`.
        text: String,
        /// Appeared (true) or went (false).
        added: bool,
    },
    /// A rejection at `[start, end)` was made or withdrawn.
    Rejection {
        /// First code point.
        start: usize,
        /// One past the last.
        end: usize,
    },
}

impl Change {
    /// The character range it concerns.
    pub fn range(&self) -> (usize, usize) {
        match self {
            Change::Span { start, end, .. } | Change::Rejection { start, end } => (*start, *end),
        }
    }

    fn span(span: &crate::model::Span, label: &str, added: bool) -> Change {
        Change::Span { start: span.start, end: span.end, label: label.to_owned(), text: span.text.clone(), added }
    }
}

impl Edit {
    /// The edit that removes `span` from `file` together with every relation
    /// that starts or ends at it, as one undo step (a relation never points
    /// at a span that is gone).
    pub fn remove_span(file: &AnnotationFile, span: Span) -> Edit {
        let mut edits: Vec<Edit> = file.relations_of(span.id).cloned().map(Edit::RemoveRelation).collect();
        if edits.is_empty() {
            return Edit::RemoveSpan(span);
        }
        edits.push(Edit::RemoveSpan(span));
        Edit::Batch(edits)
    }

    /// Appends to `out` what applying this edit changes. `file` is the file
    /// just before or just after it was applied (a relabel's range and text
    /// are read there; they are the same in both).
    pub fn changes(&self, file: &AnnotationFile, out: &mut Vec<Change>) {
        match self {
            Edit::AddSpan(span) => out.push(Change::span(span, &span.label, true)),
            Edit::RemoveSpan(span) => out.push(Change::span(span, &span.label, false)),
            Edit::Relabel { id, from, to } => {
                if let Some(span) = file.span(*id) {
                    out.push(Change::span(span, from, false));
                    out.push(Change::span(span, to, true));
                }
            }
            Edit::Reject(r) | Edit::Unreject(r) => out.push(Change::Rejection { start: r.start, end: r.end }),
            Edit::Batch(edits) => edits.iter().for_each(|e| e.changes(file, out)),
            Edit::SetNote { .. }
            | Edit::SetAttribute { .. }
            | Edit::SetLink { .. }
            | Edit::SetComment { .. }
            | Edit::SetCategories { .. }
            | Edit::SetStatus { .. }
            | Edit::AddRelation(_)
            | Edit::RemoveRelation(_)
            | Edit::Retype { .. } => {}
        }
    }

    /// Applies the edit to `file`.
    pub fn apply(&self, file: &mut AnnotationFile) {
        match self {
            Edit::AddSpan(span) => {
                // Spans are kept sorted: insert in place (a full sort per keystroke
                // costs more); a file loaded out of order is sorted once here.
                fn key(s: &crate::model::Span) -> (usize, usize, &str, u64) {
                    (s.start, s.end, s.label.as_str(), s.id)
                }
                if file.spans.is_sorted_by(|a, b| key(a) <= key(b)) {
                    let at = file.spans.partition_point(|s| key(s) < key(span));
                    file.spans.insert(at, span.clone());
                } else {
                    file.spans.push(span.clone());
                    file.sort_spans();
                }
            }
            Edit::RemoveSpan(span) => file.spans.retain(|s| s.id != span.id),
            Edit::Relabel { id, to, .. } => {
                if let Some(s) = file.spans.iter_mut().find(|s| s.id == *id) {
                    s.label.clone_from(to);
                }
                file.sort_spans();
            }
            Edit::SetNote { id, to, .. } => {
                if let Some(s) = file.spans.iter_mut().find(|s| s.id == *id) {
                    s.note.clone_from(to);
                }
            }
            Edit::SetAttribute { id, name, to, .. } => {
                if let Some(s) = file.spans.iter_mut().find(|s| s.id == *id) {
                    match to {
                        Some(value) => s.attributes.insert(name.clone(), value.clone()),
                        None => s.attributes.remove(name),
                    };
                }
            }
            Edit::SetLink { id, to, .. } => {
                if let Some(s) = file.spans.iter_mut().find(|s| s.id == *id) {
                    s.link.clone_from(to);
                }
            }
            Edit::SetComment { to, .. } => file.comment.clone_from(to),
            Edit::SetCategories { to, .. } => file.categories.clone_from(to),
            Edit::SetStatus { to, .. } => file.status = *to,
            Edit::Reject(r) => {
                if !file.rejected.contains(r) {
                    file.rejected.push(r.clone());
                    file.rejected.sort();
                }
            }
            Edit::Unreject(r) => file.rejected.retain(|x| x != r),
            Edit::AddRelation(relation) => {
                let at = file.relations.partition_point(|r| r.id < relation.id);
                file.relations.insert(at, relation.clone());
            }
            Edit::RemoveRelation(relation) => file.relations.retain(|r| r.id != relation.id),
            Edit::Retype { id, to, .. } => {
                if let Some(r) = file.relations.iter_mut().find(|r| r.id == *id) {
                    r.kind.clone_from(to);
                }
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| e.apply(file)),
        }
    }

    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::AddSpan(span) => Edit::RemoveSpan(span.clone()),
            Edit::RemoveSpan(span) => Edit::AddSpan(span.clone()),
            Edit::Relabel { id, from, to } => Edit::Relabel { id: *id, from: to.clone(), to: from.clone() },
            Edit::SetNote { id, from, to } => Edit::SetNote { id: *id, from: to.clone(), to: from.clone() },
            Edit::SetAttribute { id, name, from, to } => {
                Edit::SetAttribute { id: *id, name: name.clone(), from: to.clone(), to: from.clone() }
            }
            Edit::SetLink { id, from, to } => Edit::SetLink { id: *id, from: to.clone(), to: from.clone() },
            Edit::SetComment { from, to } => Edit::SetComment { from: to.clone(), to: from.clone() },
            Edit::SetCategories { from, to } => Edit::SetCategories { from: to.clone(), to: from.clone() },
            Edit::SetStatus { from, to } => Edit::SetStatus { from: *to, to: *from },
            Edit::Reject(r) => Edit::Unreject(r.clone()),
            Edit::Unreject(r) => Edit::Reject(r.clone()),
            Edit::AddRelation(r) => Edit::RemoveRelation(r.clone()),
            Edit::RemoveRelation(r) => Edit::AddRelation(r.clone()),
            Edit::Retype { id, from, to } => Edit::Retype { id: *id, from: to.clone(), to: from.clone() },
            Edit::Batch(edits) => Edit::Batch(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }
}

/// Undo and redo stacks for one document, unlimited within a session.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Applies `edit` to `file` and records it; a new edit clears the redo stack.
    pub fn apply(&mut self, edit: Edit, file: &mut AnnotationFile) {
        edit.apply(file);
        self.undo.push(edit);
        self.redo.clear();
    }

    /// Undoes the last edit; returns it, or `None` when there is nothing to undo.
    pub fn undo(&mut self, file: &mut AnnotationFile) -> Option<&Edit> {
        let edit = self.undo.pop()?;
        edit.inverse().apply(file);
        self.redo.push(edit);
        self.redo.last()
    }

    /// Redoes the last undone edit; returns it, or `None`.
    pub fn redo(&mut self, file: &mut AnnotationFile) -> Option<&Edit> {
        let edit = self.redo.pop()?;
        edit.apply(file);
        self.undo.push(edit);
        self.undo.last()
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::IndexedText;

    #[test]
    fn every_edit_undoes_and_redoes_to_the_same_file() {
        let text = IndexedText::new("张勇说阿里云𠮷很好".to_owned());
        let mut file = AnnotationFile::new("d", "alice", "sha256:x");
        let mut history = History::default();
        let mut snapshots = vec![file.clone()];
        let span = |id, start, end, label: &str| Span {
            id,
            start,
            end,
            label: label.into(),
            text: text.slice(start, end).unwrap().into(),
            note: None,
            source: Default::default(),
            attributes: Default::default(),
            link: None,
        };
        let edits = vec![
            Edit::AddSpan(span(1, 0, 2, "executive")),
            Edit::AddSpan(span(2, 3, 6, "product")),
            Edit::Relabel { id: 2, from: "product".into(), to: "event".into() },
            Edit::SetNote { id: 1, from: None, to: Some("CEO".into()) },
            Edit::SetComment { from: String::new(), to: "看过".into() },
            Edit::SetStatus { from: Status::NotStarted, to: Status::Done },
            Edit::Batch(vec![Edit::AddSpan(span(3, 6, 7, "metric")), Edit::RemoveSpan(span(2, 3, 6, "event"))]),
            Edit::Reject(Rejected { start: 3, end: 6, label: "product".into() }),
            Edit::Batch(vec![
                Edit::AddSpan(Span { source: crate::model::SpanSource::Pos, ..span(4, 0, 2, "product") }),
                Edit::Reject(Rejected { start: 0, end: 1, label: "event".into() }),
            ]),
            Edit::AddRelation(Relation { id: 1, from: 1, to: 4, kind: "leads".into(), note: None }),
            Edit::AddRelation(Relation { id: 2, from: 4, to: 3, kind: "measures".into(), note: Some("注".into()) }),
            Edit::Retype { id: 1, from: "leads".into(), to: "leaves".into() },
        ];
        for edit in edits {
            history.apply(edit, &mut file);
            snapshots.push(file.clone());
        }
        assert_eq!(file.spans.len(), 3);
        assert_eq!(file.rejected.len(), 2);
        assert_eq!(file.relations[0].kind, "leaves");
        // Removing span 4 takes both relations with it, in one step.
        let (mut removed, mut removal_history) = (file.clone(), History::default());
        let removal = Edit::remove_span(&removed, file.span(4).unwrap().clone());
        assert!(matches!(&removal, Edit::Batch(e) if e.len() == 3), "{removal:?}");
        removal_history.apply(removal, &mut removed);
        assert!(removed.relations.is_empty() && removed.span(4).is_none());
        removal_history.undo(&mut removed).unwrap();
        assert_eq!(removed, file);
        assert_eq!(file.status, Status::Done);
        for expected in snapshots.iter().rev().skip(1) {
            history.undo(&mut file).unwrap();
            assert_eq!(&file, expected);
        }
        assert!(history.undo(&mut file).is_none());
        for expected in snapshots.iter().skip(1) {
            history.redo(&mut file).unwrap();
            assert_eq!(&file, expected);
        }
        assert!(!history.can_redo());
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;
        use crate::text::IndexedText;

        const TEXT: &str = "𠮷野家😀报道：张勇宣布阿里云营收167.61亿元。";
        const LABELS: [&str; 4] = ["executive", "product", "event", "metric"];

        // An edit that makes sense for `file` as it is, from a few random numbers.
        fn edit_for(
            file: &AnnotationFile,
            text: &IndexedText,
            (kind, a, b, c): (u8, usize, usize, usize),
        ) -> Option<Edit> {
            let len = text.char_len();
            let pick = |n: usize| file.spans.get(n % file.spans.len().max(1)).cloned();
            let add = |id: u64, a: usize, b: usize, c: usize| {
                let start = a % len;
                let end = (start + 1 + b % 5).min(len);
                let label = LABELS[c % 4];
                (!file.has(start, end, label)).then(|| Span {
                    id,
                    start,
                    end,
                    label: label.into(),
                    text: text.slice(start, end).unwrap_or_default().into(),
                    note: None,
                    source: if c.is_multiple_of(3) { crate::model::SpanSource::Pos } else { Default::default() },
                    attributes: Default::default(),
                    link: None,
                })
            };
            Some(match kind % 13 {
                0 => Edit::AddSpan(add(file.next_span_id(), a, b, c)?),
                1 => Edit::remove_span(file, pick(a)?),
                2 => {
                    let span = pick(a)?;
                    Edit::Relabel { id: span.id, from: span.label.clone(), to: LABELS[c % 4].into() }
                }
                3 => {
                    let span = pick(a)?;
                    Edit::SetNote {
                        id: span.id,
                        from: span.note.clone(),
                        to: b.is_multiple_of(2).then(|| format!("注{c}")),
                    }
                }
                4 => Edit::SetComment { from: file.comment.clone(), to: format!("评论{b}") },
                5 => Edit::SetStatus { from: file.status, to: Status::ALL[c % 4] },
                6 => {
                    let start = a % len;
                    let r = Rejected { start, end: (start + 1 + b % 4).min(len), label: LABELS[c % 4].into() };
                    if file.rejected.contains(&r) {
                        return None;
                    }
                    Edit::Reject(r)
                }
                7 => Edit::Unreject(file.rejected.get(a % file.rejected.len().max(1))?.clone()),
                8 => {
                    let (from, to) = (pick(a)?, pick(b)?);
                    let kind = ["leads", "alias"][c % 2];
                    if from.id == to.id || file.relations.iter().any(|r| r.links(from.id, to.id, kind, true)) {
                        return None;
                    }
                    Edit::AddRelation(Relation {
                        id: file.next_relation_id(),
                        from: from.id,
                        to: to.id,
                        kind: kind.into(),
                        note: None,
                    })
                }
                11 => {
                    let span = pick(a)?;
                    let name = ["value", "unit"][b % 2];
                    let to = match c % 3 {
                        0 => None,
                        1 => {
                            Some(AttributeValue::Number(rust_decimal::Decimal::new(c as i64 % 100_000, (b % 4) as u32)))
                        }
                        _ => Some(AttributeValue::Text(format!("单位{c}"))),
                    };
                    Edit::SetAttribute { id: span.id, name: name.into(), from: span.attributes.get(name).cloned(), to }
                }
                12 => {
                    let span = pick(a)?;
                    let to = match c % 3 {
                        0 => None,
                        1 => Some(Link::to(&format!("Q{b}"), "张勇")),
                        _ => Some(Link::nil("新实体")),
                    };
                    Edit::SetLink { id: span.id, from: span.link.clone(), to }
                }
                9 => {
                    let r = file.relations.get(a % file.relations.len().max(1))?;
                    Edit::Retype { id: r.id, from: r.kind.clone(), to: ["leads", "alias", "affects"][c % 3].into() }
                }
                _ => {
                    let first = add(file.next_span_id(), a, b, c)?;
                    let second = add(file.next_span_id() + 1, b, c, a)?;
                    Edit::Batch(vec![Edit::AddSpan(first), Edit::AddSpan(second)])
                }
            })
        }

        proptest! {
            /// Any sequence of edits, then undoing all of them, gives back the
            /// original file; redoing all of them gives back the edited one.
            #[test]
            fn undoing_a_random_edit_sequence_restores_the_original(
                steps in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 0..40),
                start_with in 0usize..4,
            ) {
                let text = IndexedText::new(TEXT.to_owned());
                let mut file = AnnotationFile::new("d", "alice", "sha256:x");
                for (i, label) in LABELS.iter().enumerate().take(start_with) {
                    let _ = file.add_span(&text, i * 3, i * 3 + 2, label);
                }
                let original = file.clone();
                let mut history = History::default();
                let mut applied = 0;
                for step in steps {
                    if let Some(edit) = edit_for(&file, &text, step) {
                        history.apply(edit, &mut file);
                        applied += 1;
                    }
                }
                let edited = file.clone();
                // No relation outlives one of its spans.
                for r in &file.relations {
                    prop_assert!(file.span(r.from).is_some() && file.span(r.to).is_some(), "{:?}", r);
                }
                for _ in 0..applied {
                    prop_assert!(history.undo(&mut file).is_some());
                }
                prop_assert!(history.undo(&mut file).is_none());
                prop_assert_eq!(&file, &original);
                for _ in 0..applied {
                    prop_assert!(history.redo(&mut file).is_some());
                }
                prop_assert_eq!(&file, &edited);
            }
        }
    }
}
