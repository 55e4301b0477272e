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
    /// Move the selection's end one character right.
    WidenSelection,
    /// Move the selection's end one character left.
    NarrowSelection,
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
            Command::WidenSelection => "Widen selection",
            Command::NarrowSelection => "Narrow selection",
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
            Command::NextDocument => {
                vec![key(Modifiers::ALT, Key::ArrowRight), key(NONE, Key::PageDown), key(NONE, Key::ArrowDown)]
            }
            Command::PreviousDocument => {
                vec![key(Modifiers::ALT, Key::ArrowLeft), key(NONE, Key::PageUp), key(NONE, Key::ArrowUp)]
            }
            Command::Escape => vec![key(NONE, Key::Escape)],
            Command::Label(n) => {
                DIGITS.get(usize::from(n).wrapping_sub(1)).map(|k| vec![key(NONE, *k)]).unwrap_or_default()
            }
            Command::DeleteOrReject => vec![key(NONE, Key::Delete), key(NONE, Key::Backspace)],
            Command::WidenSelection => vec![key(SHIFT, Key::ArrowRight)],
            Command::NarrowSelection => vec![key(SHIFT, Key::ArrowLeft)],
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
                Command::WidenSelection,
                Command::NarrowSelection,
            ]),
            KeyContext::Review => commands.extend([
                Command::AcceptAgreed,
                Command::AcceptLaneSpan,
                Command::RejectLaneSpan,
                Command::DeleteOrReject,
                Command::Escape,
            ]),
        }
        commands.extend((1..=9).map(Command::Label));
        commands
    }

    /// The commands whose keys were pressed this frame, taking those keys
    /// from egui's input. While a text field has the keyboard (`typing`), only
    /// shortcuts with a modifier count, and Esc (which leaves the field).
    pub fn pressed(ctx: &egui::Context, context: KeyContext, typing: bool) -> Vec<Command> {
        let mut pressed = Vec::new();
        for command in Command::keyed(context) {
            for shortcut in command.shortcuts() {
                let plain = shortcut.modifiers.is_none() || shortcut.modifiers == SHIFT;
                if typing && plain && command != Command::Escape {
                    continue;
                }
                if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    pressed.push(command);
                    break;
                }
            }
        }
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
        assert!(Command::Label(0).shortcuts().is_empty());
    }
}
