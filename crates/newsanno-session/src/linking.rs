//! Making, retyping and deleting relations in the window, and the keyboard
//! caret: the state (no egui; the actions are the session's, in
//! `session/relations.rs`). The article view draws what this holds; the
//! shell turns keys, clicks and menus into those calls.
//!
//! Making a relation: with a span selected, R, then the type's key (its
//! `hotkey` in project.ron), then the target: a click on it, or Tab /
//! Shift+Tab through the spans in view and Enter; Esc cancels. With a
//! relation selected, R and a type's key retype it.

use newsanno_core::model::{Relation, RelationType};

/// A relation being made (or retyped): where it starts, its type once picked,
/// and the target Tab has reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linking {
    /// Span id the relation starts at.
    pub from: u64,
    /// The relation type, once its key was pressed.
    pub kind: Option<String>,
    /// The span Tab / Shift+Tab has reached, Enter's target.
    pub target: Option<u64>,
    /// Retype this relation instead of making a new one.
    pub retype: Option<u64>,
}

/// Where a caret motion goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaretMotion {
    /// One character left (−1) or right (+1).
    Char(isize),
    /// To the previous (−1) or next (+1) jieba word boundary.
    Word(isize),
    /// To this code point (a row above or below, the start or end of a row: worked out by the view).
    To(usize),
}

/// "张勇 —leads→ 阿里云", or "逍遥子 —alias— 张勇" for a symmetric type (newlines shown as ⏎).
pub fn relation_text(from: &str, kind: &str, to: &str, directed: bool) -> String {
    let arrow = if directed { "→" } else { "—" };
    format!("{} —{kind}{arrow} {}", from.replace('\n', "⏎"), to.replace('\n', "⏎"))
}

/// [`relation_text`] of `relation` in `file`.
pub fn describe(file: &newsanno_core::model::AnnotationFile, relation: &Relation, types: &[RelationType]) -> String {
    let text = |id: u64| file.span(id).map_or_else(|| format!("span {id}?"), |s| s.text.clone());
    let directed = newsanno_core::model::is_directed(types, &relation.kind);
    relation_text(&text(relation.from), &relation.kind, &text(relation.to), directed)
}
