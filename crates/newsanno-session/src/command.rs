//! Every user action of the window as one value, with its menu text: keys,
//! menus and buttons all produce a [`Command`] that the shell executes in one
//! place, so an action has one code path however it is asked for. The keys
//! themselves are egui's, in newsanno-app (`keys.rs`).

/// A user action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Undo the last edit of the open document (or of gold in review).
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Open the find bar.
    Find,
    /// Mark the open document done and open the next one not done.
    DoneAndNext,
    /// Mark the open document skipped.
    MarkSkipped,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Article text at its default size.
    ZoomReset,
    /// Light or dark theme.
    ToggleTheme,
    /// The next document in the (filtered) list.
    NextDocument,
    /// The previous document in the (filtered) list.
    PreviousDocument,
    /// Esc: leave a text field, else clear the selection (in review: back to the dashboard).
    Escape,
    /// Label the selection (or relabel the selected span) with the label whose hotkey is 1–9.
    Label(u8),
    /// Remove the selected span, or reject the focused suggestion when no span is selected.
    DeleteOrReject,
    /// Move the caret (with Shift: extend the selection to it).
    Caret(CaretKey, bool),
    /// R: make a relation from the selected span (or retype the selected relation).
    StartRelation,
    /// C: the next digit toggles the document category with that key.
    StartCategory,
    /// Draw every relation in view, not only the selected span's.
    ToggleRelations,
    /// Focus the next suggestion.
    NextSuggestion,
    /// Focus the previous suggestion.
    PreviousSuggestion,
    /// Accept the focused suggestion.
    AcceptSuggestion,
    /// Accept every open suggestion with the focused one's label.
    AcceptAllOfLabel,
    /// Review: accept the selected lane span into gold.
    AcceptLaneSpan,
    /// Review: reject the selected lane span.
    RejectLaneSpan,
    /// Review: accept every agreed span of the open document.
    AcceptAgreed,
    /// Open the review dashboard.
    OpenReview,
    /// Leave review mode.
    LeaveReview,
    /// The open-project dialog.
    OpenProject,
    /// The new-project-from-articles dialog.
    NewProject,
    /// The annotator-name prompt.
    SwitchAnnotator,
    /// The export dialog.
    Export,
    /// Close the window.
    Quit,
}

/// The caret keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaretKey {
    /// ← one character.
    Left,
    /// → one character.
    Right,
    /// Ctrl+← to the previous jieba word boundary.
    WordLeft,
    /// Ctrl+→ to the next jieba word boundary.
    WordRight,
    /// ↑ one row.
    Up,
    /// ↓ one row.
    Down,
    /// Home: start of the row.
    Home,
    /// End: end of the row.
    End,
}

impl CaretKey {
    /// Every caret key, those with a modifier first (they are tried before the plain ones).
    pub const ALL: [CaretKey; 8] = [
        CaretKey::WordLeft,
        CaretKey::WordRight,
        CaretKey::Left,
        CaretKey::Right,
        CaretKey::Up,
        CaretKey::Down,
        CaretKey::Home,
        CaretKey::End,
    ];

    /// Whether its key is held with Ctrl (⌘ on a Mac): the word motions.
    pub fn with_command(self) -> bool {
        matches!(self, CaretKey::WordLeft | CaretKey::WordRight)
    }
}

/// Where keys are read: annotating, or reviewing a document (the dashboard takes no keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// The annotation view.
    Annotate,
    /// A document open in review.
    Review,
}

impl Command {
    /// The menu text.
    pub fn text(self) -> &'static str {
        match self {
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Find => "Find…",
            Command::DoneAndNext => "Mark done, next",
            Command::MarkSkipped => "Mark skipped",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Reset zoom",
            Command::ToggleTheme => "Dark / light theme",
            Command::NextDocument => "Next document",
            Command::PreviousDocument => "Previous document",
            Command::Escape => "Clear selection",
            Command::Label(_) => "Label",
            Command::DeleteOrReject => "Delete span",
            Command::Caret(_, false) => "Move the caret",
            Command::Caret(_, true) => "Extend the selection",
            Command::StartRelation => "Link the selected span…",
            Command::StartCategory => "Set a category…",
            Command::ToggleRelations => "Show all relations in view",
            Command::NextSuggestion => "Next suggestion",
            Command::PreviousSuggestion => "Previous suggestion",
            Command::AcceptSuggestion => "Accept suggestion",
            Command::AcceptAllOfLabel => "Accept all of this label",
            Command::AcceptLaneSpan => "Accept into gold",
            Command::RejectLaneSpan => "Reject",
            Command::AcceptAgreed => "Accept agreed spans",
            Command::OpenReview => "Agreement and adjudication…",
            Command::LeaveReview => "Back to annotating",
            Command::OpenProject => "Open project…",
            Command::NewProject => "New project from articles…",
            Command::SwitchAnnotator => "Switch annotator…",
            Command::Export => "Export…",
            Command::Quit => "Quit",
        }
    }

    /// The commands keys can give in `context`, in the order they are tried
    /// (a shortcut with more modifiers before the same key with fewer).
    pub fn keyed(context: KeyContext) -> Vec<Command> {
        let mut commands = vec![Command::Redo, Command::Undo];
        match context {
            KeyContext::Annotate => commands.extend([
                Command::Find,
                Command::DoneAndNext,
                Command::ZoomIn,
                Command::ZoomOut,
                Command::ZoomReset,
                Command::NextDocument,
                Command::PreviousDocument,
                Command::Escape,
                Command::PreviousSuggestion,
                Command::NextSuggestion,
                Command::AcceptAllOfLabel,
                Command::AcceptSuggestion,
                Command::DeleteOrReject,
                Command::StartRelation,
                Command::StartCategory,
            ]),
            KeyContext::Review => commands.extend([
                Command::AcceptAgreed,
                Command::AcceptLaneSpan,
                Command::RejectLaneSpan,
                Command::DeleteOrReject,
                Command::Escape,
            ]),
        }
        if context == KeyContext::Annotate {
            // Shift and Ctrl variants before the plain keys (a plain key also matches with Shift held).
            for extend in [true, false] {
                commands.extend(CaretKey::ALL.iter().map(|&k| Command::Caret(k, extend)));
            }
            commands.sort_by_key(|c| match c {
                Command::Caret(k, extend) => {
                    // More modifiers first; other commands keep their place (0).
                    1 + 2 - (usize::from(*extend) + usize::from(k.with_command()))
                }
                _ => 0,
            });
        }
        commands.extend((1..=9).map(Command::Label));
        commands
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_commands_try_more_modifiers_first() {
        let annotate = Command::keyed(KeyContext::Annotate);
        let at = |c: Command| annotate.iter().position(|x| *x == c).unwrap();
        assert!(at(Command::NextDocument) < at(Command::Caret(CaretKey::Right, false)));
        assert!(at(Command::Caret(CaretKey::WordRight, true)) < at(Command::Caret(CaretKey::Right, true)));
        assert!(at(Command::Caret(CaretKey::Right, true)) < at(Command::Caret(CaretKey::Right, false)));
        assert!(!Command::keyed(KeyContext::Review).contains(&Command::StartRelation));
    }
}
