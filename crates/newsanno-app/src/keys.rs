//! The keys of the window's commands ([`Command`], in newsanno-session):
//! each command's shortcuts, the text a menu shows for them, and the commands
//! whose keys were pressed in a frame.

use egui::{Key, KeyboardShortcut, Modifiers};
use newsanno_session::command::{CaretKey, Command, KeyContext};

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const DIGITS: [Key; 9] =
    [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6, Key::Num7, Key::Num8, Key::Num9];

/// A command's keys (egui's), for the session's [`Command`].
pub trait Shortcuts {
    /// Its keys, first the one menus show. Keys without a modifier only work
    /// while no text field has the keyboard.
    fn shortcuts(self) -> Vec<KeyboardShortcut>;

    /// The shortcut as a menu shows it ("Ctrl+Z"), if it has one.
    fn shortcut_text(self, ctx: &egui::Context) -> Option<String>;
}

impl Shortcuts for Command {
    fn shortcuts(self) -> Vec<KeyboardShortcut> {
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
            Command::Caret(caret, extend) => vec![caret_shortcut(caret, extend)],
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

    fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }
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

/// The key of a caret motion; with `extend`, Shift held too.
fn caret_shortcut(caret: CaretKey, extend: bool) -> KeyboardShortcut {
    let shift = if extend { SHIFT } else { NONE };
    let modifiers = if caret.with_command() { CMD | shift } else { shift };
    match caret {
        CaretKey::Left | CaretKey::WordLeft => key(modifiers, Key::ArrowLeft),
        CaretKey::Right | CaretKey::WordRight => key(modifiers, Key::ArrowRight),
        CaretKey::Up => key(modifiers, Key::ArrowUp),
        CaretKey::Down => key(modifiers, Key::ArrowDown),
        CaretKey::Home => key(modifiers, Key::Home),
        CaretKey::End => key(modifiers, Key::End),
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
        assert_eq!(caret_shortcut(CaretKey::WordLeft, true), key(CMD | SHIFT, Key::ArrowLeft));
        assert_eq!(caret_shortcut(CaretKey::Home, false), key(NONE, Key::Home));
    }
}
