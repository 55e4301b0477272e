//! Every user action of the window as one value: its menu text and its
//! keyboard shortcuts live here, and keys, menus and buttons all produce a
//! [`Command`] that the shell executes in one place (`NewsannoApp::execute`),
//! so an action has one code path however it is asked for.

use egui::{Key, KeyboardShortcut, Modifiers};

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

    fn shortcut(self, extend: bool) -> KeyboardShortcut {
        let shift = if extend { SHIFT } else { NONE };
        match self {
            CaretKey::Left => key(shift, Key::ArrowLeft),
            CaretKey::Right => key(shift, Key::ArrowRight),
            CaretKey::WordLeft => key(CMD | shift, Key::ArrowLeft),
            CaretKey::WordRight => key(CMD | shift, Key::ArrowRight),
            CaretKey::Up => key(shift, Key::ArrowUp),
            CaretKey::Down => key(shift, Key::ArrowDown),
            CaretKey::Home => key(shift, Key::Home),
            CaretKey::End => key(shift, Key::End),
        }
    }
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const DIGITS: [Key; 9] =
    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];

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

    /// Its keys, first the one menus show. Keys without a modifier only work
    /// while no text field has the keyboard.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Command::Undo => vec![key(CMD, Key::Z)],
            Command::Redo => vec![key(CMD | SHIFT, Key::Z), key(CMD, Key::Y)],
            Command::Find => vec![key(CMD, Key::F)],
            Command::DoneAndNext => vec![key(CMD, Key::Enter)],
            Command::ZoomIn => vec![key(CMD, Key::Equals), key(CMD, Key::Plus)],
            Command::ZoomOut => vec![key(CMD, Key::Minus)],
            Command::ZoomReset => vec![key(CMD, Key::Num0)],
            // ↑/↓ move the caret by row; documents change with Alt+←/→ and PageUp/PageDown.
            Command::NextDocument => vec![key(Modifiers::ALT, Key::ArrowRight), key(NONE, Key::PageDown)],
            Command::PreviousDocument => vec![key(Modifiers::ALT, Key::ArrowLeft), key(NONE, Key::PageUp)],
            Command::Escape => vec![key(NONE, Key::Escape)],
            Command::Label(n) => {
                DIGITS.get(usize::from(n).wrapping_sub(1)).map(|k| vec![key(NONE, *k)]).unwrap_or_default()
            }
            Command::DeleteOrReject => vec![key(NONE, Key::Delete), key(NONE, Key::Backspace)],
            Command::Caret(caret, extend) => vec![caret.shortcut(extend)],
            Command::StartRelation => vec![key(NONE, Key::R)],
            Command::StartCategory => vec![key(NONE, Key::C)],
            Command::NextSuggestion => vec![key(NONE, Key::Tab)],
            Command::PreviousSuggestion => vec![key(SHIFT, Key::Tab)],
            Command::AcceptSuggestion => vec![key(NONE, Key::Enter)],
            Command::AcceptAllOfLabel => vec![key(SHIFT, Key::Enter)],
            Command::AcceptLaneSpan => vec![key(NONE, Key::A)],
            Command::RejectLaneSpan => vec![key(NONE, Key::R)],
            Command::AcceptAgreed => vec![key(SHIFT, Key::A)],
            Command::MarkSkipped
            | Command::ToggleTheme
            | Command::OpenReview
            | Command::LeaveReview
            | Command::OpenProject
            | Command::NewProject
            | Command::SwitchAnnotator
            | Command::Export
            | Command::ToggleRelations
            | Command::Quit => Vec::new(),
        }
    }

    /// The shortcut as a menu shows it ("Ctrl+Z"), if it has one.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
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
                    let s = k.shortcut(*extend).modifiers;
                    // More modifiers first; other commands keep their place (0).
                    1 + 2 - (usize::from(s.shift) + usize::from(s.command))
                }
                _ => 0,
            });
        }
        commands.extend((1..=9).map(Command::Label));
        commands
    }

    /// The commands whose keys were pressed this frame, in the order the keys
    /// came (R, 4, Tab within one frame are done in that order, and a key
    /// pressed twice gives its command twice), taking those keys from egui's
    /// input. While a text field has the keyboard (`typing`), only shortcuts
    /// with a modifier count (not the caret's), and Esc (which leaves the field).
    pub fn pressed(ctx: &egui::Context, context: KeyContext, typing: bool) -> Vec<Command> {
        let keyed: Vec<(Command, Vec<KeyboardShortcut>)> =
            Command::keyed(context).into_iter().map(|c| (c, c.shortcuts())).collect();
        let mut pressed = Vec::new();
        ctx.input_mut(|i| {
            i.events.retain(|event| {
                let egui::Event::Key { key, modifiers, pressed: true, .. } = event else { return true };
                for (command, shortcuts) in &keyed {
                    for shortcut in shortcuts {
                        let plain = shortcut.modifiers.is_none() || shortcut.modifiers == SHIFT;
                        // A text field keeps its own caret keys, Ctrl+←/→ included.
                        if typing && (plain || matches!(command, Command::Caret(..))) && *command != Command::Escape {
                            continue;
                        }
                        if shortcut.logical_key == *key && modifiers.matches_logically(shortcut.modifiers) {
                            pressed.push(*command);
                            return false;
                        }
                    }
                }
                true
            });
        });
        pressed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_of_one_context_share_a_key() {
        for context in [KeyContext::Annotate, KeyContext::Review] {
            let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
            for command in Command::keyed(context) {
                for shortcut in command.shortcuts() {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                        panic!("{command:?} and {other:?} share {shortcut:?} in {context:?}");
                    }
                    seen.push((shortcut, command));
                }
            }
        }
        assert_eq!(Command::Label(3).shortcuts(), [key(NONE, Key::Num3)]);
        // ↑/↓ are the caret's now; documents change with Alt+←/→ and PageUp/PageDown.
        assert!(!Command::NextDocument.shortcuts().contains(&key(NONE, Key::ArrowDown)));
        let annotate = Command::keyed(KeyContext::Annotate);
        let at = |c: Command| annotate.iter().position(|x| *x == c).unwrap();
        assert!(at(Command::NextDocument) < at(Command::Caret(CaretKey::Right, false)));
        assert!(at(Command::Caret(CaretKey::WordRight, true)) < at(Command::Caret(CaretKey::Right, true)));
        assert!(at(Command::Caret(CaretKey::Right, true)) < at(Command::Caret(CaretKey::Right, false)));
        assert!(Command::Label(0).shortcuts().is_empty());
    }
}
