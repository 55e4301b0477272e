//! Where label colours become screen colours: swatches, span tints and underlines.

use egui::Color32;

/// The colour of errors and read-only warnings (status bar, dialogs, panels).
pub const ERROR: Color32 = Color32::from_rgb(220, 50, 47);

/// Parses `#RRGGBB` (project.ron guarantees the form); grey if malformed.
pub fn color_from_hex(hex: &str) -> Color32 {
    let parse = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
    match (parse(1), parse(3), parse(5)) {
        (Some(r), Some(g), Some(b)) if hex.len() == 7 => Color32::from_rgb(r, g, b),
        _ => Color32::GRAY,
    }
}

/// A light tint of a label colour behind its span's characters: translucent,
/// so text keeps its contrast in both themes and nested spans add up.
pub fn tint(color: Color32, dark_mode: bool) -> Color32 {
    let alpha = if dark_mode { 70 } else { 55 };
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

/// Background of find matches.
pub fn find_match(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgba_unmultiplied(255, 220, 0, 60)
    } else {
        Color32::from_rgba_unmultiplied(255, 200, 0, 90)
    }
}

/// Colour of a label by name, for spans whose label is unknown too.
pub fn label_color(labels: &[newsanno_core::model::Label], name: &str) -> Color32 {
    labels.iter().find(|l| l.name == name).map_or(Color32::GRAY, |l| color_from_hex(&l.color))
}
