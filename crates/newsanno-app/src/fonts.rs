//! The bundled CJK font, so Chinese renders on a machine with no CJK font installed.

use std::sync::Arc;

/// Noto Sans SC Regular, subset to Latin, CJK punctuation, CJK Unified
/// Ideographs (and Extension A) and full-width forms; OFL-1.1 (see assets/fonts/).
pub static CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-Regular-subset.ttf");

/// Name of the font in egui's font table.
pub const CJK_FONT_NAME: &str = "noto-sans-sc";

/// egui's default fonts plus the CJK font as fallback for every family.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(CJK_FONT_NAME.to_owned(), Arc::new(egui::FontData::from_static(CJK_FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        // After the Latin fonts, so ASCII keeps egui's look; CJK falls through to Noto.
        fonts.families.entry(family).or_default().push(CJK_FONT_NAME.to_owned());
    }
    fonts
}

/// Installs [`font_definitions`] in `ctx`.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_covers_news_text() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        // Fonts are loaded at the start of the first pass.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let sample = "阿里巴巴集团董事会主席张勇（逍遥子）宣布：阿里云营收167.61亿元，同比增长37%。蒂姆·库克「iPhone 17」镕《》、！？１２ＡＢ";
        let font = egui::FontId::proportional(16.0);
        let covered = ctx.fonts_mut(|f| f.has_glyphs(&font, sample));
        assert!(covered, "the bundled font is missing glyphs of {sample}");
    }
}
