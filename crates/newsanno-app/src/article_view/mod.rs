//! The article: its text laid out paragraph by paragraph with CJK line
//! breaking, spans drawn as tints plus stacked underlines in their label's
//! colour, and the mouse turned into selections.
//!
//! Galleys depend only on the text, the width and the font size, so they
//! are laid out once per document (and again only on resize or zoom); spans,
//! selection and find matches are painted over them each frame for the
//! visible paragraphs alone. A frame that changed nothing lays out nothing.
//!
//! `layout.rs` lays out and answers geometry, `paint.rs` draws a frame,
//! `interact.rs` turns the pointer into actions; this file holds the state
//! and `ui`, which runs the three in turn.

mod interact;
mod layout;
mod paint;

use std::sync::Arc;

use egui::{Align, Color32, Galley, Pos2, Rect, Sense, Ui, vec2};

use newsanno_core::model::{Label, RelationType};
use newsanno_core::segment::Segmenter;
use newsanno_session::session::OpenDocument;
use newsanno_suggest::Suggestion;

/// Vertical room under each row for stacked underlines (four levels).
const UNDERLINE_ROOM: f32 = 13.0;
/// Distance between stacked underlines.
const UNDERLINE_STEP: f32 = 3.0;
/// Gap between paragraphs.
const PARAGRAPH_GAP: f32 = 6.0;

/// Room under each row for one review lane.
pub const LANE_STEP: f32 = 5.0;

/// What the user did in the article this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleAction {
    /// A new pending selection (already snapped unless Alt was held), or none.
    Select(Option<(usize, usize)>),
    /// A span was clicked (or the click hit no span: `None`).
    SelectSpan(Option<u64>),
    /// A review lane's segment was clicked: (lane, span id).
    SelectLaneSpan(usize, u64),
    /// The caret goes to this boundary (a click in the text).
    PlaceCaret(usize),
    /// A relation's arc was clicked (or `None`).
    SelectRelation(Option<u64>),
    /// A span was clicked while a relation's target is picked.
    LinkTo(u64),
    /// The context menu: make a relation of this type from this span (target still to pick).
    StartLink(u64, String),
    /// A Ctrl+drag from one span to another, released at this point (the shell asks for the type).
    DragLink(u64, u64, Pos2),
    /// The context menu: delete this relation.
    DeleteRelation(u64),
    /// The context menu: change this relation's type.
    RetypeRelation(u64, String),
    /// The context menu: delete this span (with its relations).
    DeleteSpan(u64),
}

/// One segment of a review lane.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneSpan {
    /// Span id in that annotator's file.
    pub id: u64,
    /// First code point.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Its label's colour.
    pub color: Color32,
    /// Every annotator compared has this exact span (drawn solid; disputed ones hollow).
    pub agreed: bool,
}

/// What is drawn over the text besides spans: find matches, suggestions and relations.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overlays<'a> {
    /// The find bar's matches, sorted.
    pub find_matches: &'a [(usize, usize)],
    /// The open suggestions.
    pub suggestions: SuggestionsShown<'a>,
    /// How relations are drawn.
    pub relations: RelationsShown<'a>,
}

/// Which relations the article draws: always the selected span's and the
/// selected relation, every one in view with `all_in_view`. Arcs rise above
/// the text and are painted under it, so they never hide a character.
#[derive(Debug, Clone, Copy, Default)]
pub struct RelationsShown<'a> {
    /// The project's relation types (colour, direction).
    pub types: &'a [RelationType],
    /// Draw every relation with an end in view.
    pub all_in_view: bool,
}

/// The open document's suggestions as the article draws them: thin outlines
/// in their label's colour (no fill, no underline), the focused one tinted.
/// Only those in view are looked at, so 12,000 of them cost nothing per frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct SuggestionsShown<'a> {
    /// Open suggestions, sorted by position.
    pub open: &'a [Arc<Suggestion>],
    /// Index into `open` of the focused one.
    pub focused: Option<usize>,
}

impl SuggestionsShown<'_> {
    // Indexes of the suggestions that may touch `[start, end)`: those starting
    // inside it, and those among the 64 starting just before it that reach
    // into it (suggestions are short, and at most a few overlap a point).
    fn around(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let hi = self.open.partition_point(|m| m.start < end);
        let mut lo = self.open.partition_point(|m| m.start < start);
        for i in (lo.saturating_sub(64)..lo).rev() {
            if self.open[i].end > start {
                lo = i;
            }
        }
        lo..hi.max(lo)
    }
}

/// One annotator's spans drawn as a thin lane under the text (review mode).
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// Annotator name (for the legend).
    pub name: String,
    /// The annotator's colour.
    pub color: Color32,
    /// The spans.
    pub spans: Vec<LaneSpan>,
    /// The selected span of this lane, if any.
    pub selected: Option<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Paragraph {
    // Code-point range of the paragraph's text (without its '\n').
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    width: f32,
    font_size: f32,
    lanes: usize,
}

/// Cached layout and interaction state of the article view.
#[derive(Default)]
pub struct ArticleView {
    doc_id: Option<String>,
    paragraphs: Vec<Paragraph>,
    layout_key: Option<LayoutKey>,
    galleys: Vec<Arc<Galley>>,
    // Paragraphs whose galley was laid out for an earlier key (width, zoom):
    // after a resize the ones in view are laid out at once, the rest a few
    // per frame, so the frame after a resize stays short on a long article.
    stale: Vec<bool>,
    stale_left: usize,
    tops: Vec<f32>,
    total_height: f32,
    // Last frame's scroll offset and the character at its top (with how far
    // above that character's row the view began), so the text in view stays
    // put while the paragraphs are laid out anew.
    scroll_top: f32,
    anchor: Option<(usize, f32)>,
    // Derived from the spans; rebuilt when the document's version changes.
    spans_version: Option<u64>,
    depth_of: Vec<u8>,
    spans_of_paragraph: Vec<Vec<usize>>,
    drag_anchor: Option<usize>,
    click_cycle: Option<(usize, usize)>,
    /// A code point to bring into view on the next frame.
    pub scroll_to: Option<usize>,
    /// How many paragraphs were laid out in the last frame (for tests and benchmarks).
    pub laid_out_last_frame: usize,
    // Screen position of the content's top-left in the last frame.
    origin: Pos2,
    /// Review lanes drawn under the text (empty when annotating).
    pub lanes: Vec<Lane>,
    /// How many suggestion outlines the last frame drew (none in review).
    pub suggestions_drawn: usize,
    /// Indexes of the suggestions under the pointer in the last frame.
    pub hovered_suggestions: Vec<usize>,
    /// Hover texts for some suggestions, by index (made by the caller for the hovered ones only).
    pub suggestion_tips: Vec<(usize, String)>,
    // Lane segments painted in the last frame, for clicks: (rect, lane, span id).
    lane_hits: Vec<(Rect, usize, u64)>,
    // Derived with the spans: span id → index, relations by the paragraphs of their ends.
    span_index: std::collections::HashMap<u64, usize>,
    relations_of_paragraph: Vec<Vec<usize>>,
    // Arcs drawn in the last frame, as points along each curve, for hover and clicks.
    relation_hits: Vec<(u64, [Pos2; ARC_SAMPLES])>,
    /// Relations drawn in the last frame (for tests and benchmarks).
    pub relations_drawn: usize,
    // Span ids with a character in view in the last frame, in text order (Tab's targets).
    visible_spans: Vec<u64>,
    // A Ctrl+drag that started on this span (a relation to be).
    link_drag: Option<u64>,
    // What the context menu was opened on: the span and the relation under the pointer.
    context_target: (Option<u64>, Option<u64>),
    // The project's relation types, for hover texts and the context menu.
    relation_types: Vec<RelationType>,
}

/// Points sampled along an arc for hit testing.
const ARC_SAMPLES: usize = 15;

impl ArticleView {
    /// Draws `open` and returns what the user did.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        open: &OpenDocument,
        labels: &[Label],
        font_size: f32,
        snap: Option<&Segmenter>,
        overlays: Overlays<'_>,
    ) -> Vec<ArticleAction> {
        let suggestions = overlays.suggestions;
        if self.relation_types.as_slice() != overlays.relations.types {
            self.relation_types = overlays.relations.types.to_vec();
        }
        self.prepare_document(open);
        let width = (ui.available_width() - 16.0).max(200.0);
        let view_height = ui.available_height();
        let moved_anchor = self.layout(ui, open, width, font_size, view_height);
        if self.stale_left > 0 {
            ui.ctx().request_repaint();
        }
        self.prepare_spans(open);

        let mut actions = Vec::new();
        let scroll_target = self.scroll_to.take();
        let mut area = egui::ScrollArea::vertical().id_salt("article").auto_shrink(false);
        if let Some(offset) = moved_anchor {
            area = area.vertical_scroll_offset(offset);
        }
        area.show_viewport(ui, |ui, viewport| {
            self.scroll_top = viewport.min.y;
            self.anchor = self.char_at_content_y(viewport.min.y).and_then(|at| {
                let row = self.char_rect(Pos2::ZERO, at)?;
                Some((at, viewport.min.y - row.min.y))
            });
            let (rect, response) = ui.allocate_exact_size(vec2(width, self.total_height), Sense::click_and_drag());
            let origin = rect.min;
            self.origin = origin;
            if let Some(at) = scroll_target
                && let Some(target) = self.char_rect(origin, at)
            {
                ui.scroll_to_rect(target.expand(40.0), Some(Align::Center));
            }
            self.paint(ui, origin, viewport.translate(origin.to_vec2()), open, labels, overlays);
            self.interact(ui, &response, origin, open, snap, &mut actions);
            self.hovered_suggestions = match response.hover_pos().and_then(|p| self.char_at(origin, p)) {
                Some(at) => suggestions
                    .around(at, at + 1)
                    .filter(|&i| suggestions.open[i].start <= at && at < suggestions.open[i].end)
                    .collect(),
                None => Vec::new(),
            };
            self.hover_ui(&response, origin, open);
        });
        actions
    }

    /// Span ids with a character in view in the last frame, in text order.
    pub fn spans_in_view(&self) -> &[u64] {
        &self.visible_spans
    }

    /// Lane segments drawn in the last frame: (screen rectangle, lane, span id).
    pub fn lane_hits(&self) -> &[(Rect, usize, u64)] {
        &self.lane_hits
    }

    /// The character at the top of the view in the last frame.
    pub fn char_at_top(&self) -> Option<usize> {
        self.anchor.map(|(at, _)| at)
    }

    /// Paragraphs of the open document (for tests and benchmarks).
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// The middle of relation `id`'s arc as drawn in the last frame, if it was drawn.
    pub fn relation_arc_middle(&self, id: u64) -> Option<Pos2> {
        self.relation_hits.iter().find(|(r, _)| *r == id).map(|(_, points)| points[ARC_SAMPLES / 2])
    }

    /// Where code point `at` was drawn in the last frame (its glyph's rectangle on screen).
    pub fn char_screen_rect(&self, at: usize) -> Option<Rect> {
        self.char_rect(self.origin, at)
    }
}
