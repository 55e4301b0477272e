//! The article: its text laid out paragraph by paragraph with CJK line
//! breaking, spans drawn as tints plus stacked underlines in their label's
//! colour, and the mouse turned into selections.
//!
//! Galleys depend only on the text, the width and the font size, so they
//! are laid out once per document (and again only on resize or zoom); spans,
//! selection and find matches are painted over them each frame for the
//! visible paragraphs alone. A frame that changed nothing lays out nothing.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Galley, Pos2, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};

use crate::colors::{find_match, label_color, tint};
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

    fn prepare_document(&mut self, open: &OpenDocument) {
        if self.doc_id.as_deref() == Some(open.doc.id()) {
            return;
        }
        self.doc_id = Some(open.doc.id().to_owned());
        self.paragraphs.clear();
        let mut start = 0;
        for (i, c) in open.doc.text().chars().enumerate() {
            if c == '\n' {
                self.paragraphs.push(Paragraph { start, end: i });
                start = i + 1;
            }
        }
        self.paragraphs.push(Paragraph { start, end: open.doc.text.char_len() });
        self.layout_key = None;
        self.galleys.clear();
        self.anchor = None;
        self.spans_version = None;
        self.drag_anchor = None;
        self.click_cycle = None;
    }

    // Lays out what the key (width, zoom, lanes) needs: every paragraph for a
    // new document; after a change of key, the paragraphs in view first and
    // then others within a time budget, the rest on the next frames. Returns
    // the scroll offset that keeps the paragraph at the top of the view in
    // place when paragraphs above it changed height.
    fn layout(&mut self, ui: &Ui, open: &OpenDocument, width: f32, font_size: f32, view_height: f32) -> Option<f32> {
        let key = LayoutKey { width, font_size, lanes: self.lanes.len() };
        self.laid_out_last_frame = 0;
        if self.layout_key == Some(key) && self.stale_left == 0 {
            return None;
        }
        let format = TextFormat {
            font_id: FontId::proportional(font_size),
            // Filled in with the theme's text colour at paint time, so a theme
            // switch needs no new layout.
            color: Color32::PLACEHOLDER,
            line_height: Some(font_size * 1.45 + UNDERLINE_ROOM + LANE_STEP * self.lanes.len() as f32 * 2.0),
            ..TextFormat::default()
        };
        let lay_out = |p: &Paragraph| {
            let text = open.doc.text.slice(p.start, p.end).unwrap_or_default().to_owned();
            let mut job = LayoutJob::single_section(text, format.clone());
            job.wrap.max_width = width;
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let fresh = self.galleys.len() != self.paragraphs.len();
        if fresh {
            // A new document: everything, at once.
            self.galleys = self.paragraphs.iter().map(lay_out).collect();
            self.laid_out_last_frame = self.paragraphs.len();
            self.stale = vec![false; self.paragraphs.len()];
            self.stale_left = 0;
        } else {
            if self.layout_key != Some(key) {
                self.stale.iter_mut().for_each(|s| *s = true);
                self.stale_left = self.paragraphs.len();
            }
            let started = std::time::Instant::now();
            let budget = std::time::Duration::from_millis(4);
            // The paragraphs in view (by last frame's positions) first, then outwards from them.
            let first = self.paragraph_at_y(self.scroll_top);
            let last = self.paragraph_at_y(self.scroll_top + view_height.max(1.0));
            let n = self.paragraphs.len();
            let order = (first..=last.min(n - 1)).chain((0..n).flat_map(|d| {
                let below = last + 1 + d;
                let above = first.checked_sub(1 + d);
                [(below < n).then_some(below), above].into_iter().flatten()
            }));
            for p in order {
                if !self.stale[p] {
                    continue;
                }
                let in_view = p >= first && p <= last;
                if !in_view && started.elapsed() > budget {
                    break;
                }
                self.galleys[p] = lay_out(&self.paragraphs[p]);
                self.stale[p] = false;
                self.stale_left -= 1;
                self.laid_out_last_frame += 1;
            }
        }
        self.layout_key = Some(key);
        self.tops.clear();
        let mut y = 0.0;
        for galley in &self.galleys {
            self.tops.push(y);
            y += galley.size().y.max(font_size) + PARAGRAPH_GAP;
        }
        self.total_height = y;
        match self.anchor {
            Some((at, above)) if !fresh => {
                let offset = (self.char_rect(Pos2::ZERO, at)?.min.y + above).max(0.0);
                ((offset - self.scroll_top).abs() > 0.5).then_some(offset)
            }
            _ => None,
        }
    }

    // The first character of the row at content height `y`.
    fn char_at_content_y(&self, y: f32) -> Option<usize> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let p = self.paragraph_at_y(y);
        let cursor = self.galleys.get(p)?.cursor_from_pos(vec2(0.0, (y - self.tops[p]).max(0.0)));
        Some((self.paragraphs[p].start + cursor.index.0).min(self.paragraphs[p].end))
    }

    fn prepare_spans(&mut self, open: &OpenDocument) {
        if self.spans_version == Some(open.version) {
            return;
        }
        self.spans_version = Some(open.version);
        let spans = &open.file.spans;
        // Stacking level per span: greedy interval colouring, outer spans first,
        // so every span that overlaps another gets its own underline row.
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by_key(|&i| (spans[i].start, std::cmp::Reverse(spans[i].end), i));
        let mut level_ends: Vec<usize> = Vec::new();
        self.depth_of = vec![0; spans.len()];
        for i in order {
            let s = &spans[i];
            let level = match level_ends.iter().position(|&end| end <= s.start) {
                Some(l) => l,
                None => {
                    level_ends.push(0);
                    level_ends.len() - 1
                }
            };
            level_ends[level] = s.end;
            self.depth_of[i] = u8::try_from(level).unwrap_or(u8::MAX);
        }
        self.span_index = spans.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        self.relations_of_paragraph = vec![Vec::new(); self.paragraphs.len()];
        for (r, relation) in open.file.relations.iter().enumerate() {
            for end in [relation.from, relation.to] {
                if let Some(&i) = self.span_index.get(&end) {
                    let p = self.paragraph_of(spans[i].start);
                    if self.relations_of_paragraph[p].last() != Some(&r) {
                        self.relations_of_paragraph[p].push(r);
                    }
                }
            }
        }
        self.spans_of_paragraph = vec![Vec::new(); self.paragraphs.len()];
        for (i, s) in spans.iter().enumerate() {
            let first = self.paragraph_of(s.start);
            for p in first..self.paragraphs.len() {
                if self.paragraphs[p].start >= s.end && p != first {
                    break;
                }
                self.spans_of_paragraph[p].push(i);
            }
        }
    }

    fn paragraph_of(&self, at: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end < at).min(self.paragraphs.len().saturating_sub(1))
    }

    fn paragraph_at_y(&self, y: f32) -> usize {
        self.tops.partition_point(|&t| t <= y).saturating_sub(1)
    }

    // Screen rectangles covering code points [a, b) of paragraph `p`, one per row.
    fn range_rects(&self, origin: Pos2, p: usize, a: usize, b: usize) -> Vec<Rect> {
        let para = self.paragraphs[p];
        let (a, b) = (a.max(para.start) - para.start, b.min(para.end).saturating_sub(para.start));
        let mut rects = Vec::new();
        if a >= b {
            return rects;
        }
        let galley = &self.galleys[p];
        let top_left = origin + vec2(0.0, self.tops[p]);
        let mut row_start = 0;
        for row in &galley.rows {
            let count = row.row.char_count_excluding_newline().0;
            let (lo, hi) = (a.max(row_start), b.min(row_start + count));
            if lo < hi {
                let x0 = row.row.x_offset(egui::text::CharIndex(lo - row_start));
                let x1 = row.row.x_offset(egui::text::CharIndex(hi - row_start));
                let r = row.rect();
                // Rows are taller than the glyphs (room for underlines), and the
                // extra height is split evenly above and below: keep the glyph band.
                let glyph_height = row.row.glyphs.first().map_or(r.height() * 0.6, |g| g.font_height);
                let extra = ((r.height() - glyph_height) / 2.0).max(0.0);
                rects.push(Rect::from_min_max(
                    top_left + vec2(row.pos.x + x0, r.min.y + extra),
                    top_left + vec2(row.pos.x + x1, r.max.y - extra),
                ));
            }
            row_start += row.row.char_count_excluding_newline().0;
            if row_start >= b {
                break;
            }
        }
        rects
    }

    fn char_rect(&self, origin: Pos2, at: usize) -> Option<Rect> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let p = self.paragraph_of(at);
        self.range_rects(origin, p, at, at + 1).into_iter().next().or_else(|| {
            Some(Rect::from_min_size(origin + vec2(0.0, self.tops[p]), vec2(10.0, self.galleys[p].size().y)))
        })
    }

    fn paint(
        &mut self,
        ui: &Ui,
        origin: Pos2,
        visible: Rect,
        open: &OpenDocument,
        labels: &[Label],
        overlays: Overlays<'_>,
    ) {
        let Overlays { find_matches, suggestions, relations } = overlays;
        let painter = ui.painter();
        self.suggestions_drawn = 0;
        let dark = ui.visuals().dark_mode;
        let text_color = ui.visuals().text_color();
        let selection_color = ui.visuals().selection.bg_fill;
        let first = self.paragraph_at_y(visible.min.y - origin.y);
        let last = self.paragraph_at_y(visible.max.y - origin.y);
        // Arcs first: everything else, the text above all, is painted over them.
        self.paint_relations(ui, origin, (first, last), open, relations);
        self.visible_spans.clear();
        let mut lane_hits = Vec::new();
        for p in first..self.paragraphs.len() {
            let top = origin.y + self.tops[p];
            if top > visible.max.y {
                break;
            }
            let para = self.paragraphs[p];
            let spans = &self.spans_of_paragraph[p];
            for &i in spans {
                let id = open.file.spans[i].id;
                if !self.visible_spans.contains(&id) {
                    self.visible_spans.push(id);
                }
            }
            for &i in spans {
                let s = &open.file.spans[i];
                let color = tint(label_color(labels, &s.label), dark);
                for r in self.range_rects(origin, p, s.start, s.end) {
                    painter.rect_filled(r, 2.0, color);
                }
            }
            let lo = find_matches.partition_point(|m| m.1 <= para.start);
            for &(a, b) in find_matches[lo..].iter().take_while(|m| m.0 < para.end) {
                for r in self.range_rects(origin, p, a, b) {
                    painter.rect_filled(r, 2.0, find_match(dark));
                }
            }
            if let Some((a, b)) = open.selection {
                for r in self.range_rects(origin, p, a, b) {
                    let band = r;
                    painter.rect_filled(band, 2.0, selection_color);
                    // Snapped edges stay visible so the annotator sees what a key will label.
                    painter.rect_stroke(
                        band,
                        2.0,
                        Stroke::new(1.0, ui.visuals().selection.stroke.color),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            // Suggestions: thin outlines, drawn under the text; the focused one tinted.
            for i in suggestions.around(para.start, para.end.max(para.start + 1)) {
                let mark = &suggestions.open[i];
                if mark.end <= para.start {
                    continue;
                }
                let color = label_color(labels, &mark.label);
                self.suggestions_drawn += 1;
                for r in self.range_rects(origin, p, mark.start, mark.end) {
                    let r = r.expand(1.0);
                    if suggestions.focused == Some(i) {
                        painter.rect_filled(r, 2.0, tint(color, dark));
                        painter.rect_stroke(r, 2.0, Stroke::new(2.0, color), egui::StrokeKind::Outside);
                    } else {
                        // A thin outline in the label's colour and no fill: unlike a span's tint
                        // and underline, and one shape per rectangle (dashes cost ~20 each).
                        painter.rect_stroke(r, 2.0, Stroke::new(1.2, color), egui::StrokeKind::Outside);
                    }
                }
            }
            painter.galley(pos2(origin.x, top), Arc::clone(&self.galleys[p]), text_color);
            for &i in spans {
                let s = &open.file.spans[i];
                let color = label_color(labels, &s.label);
                let level = f32::from(self.depth_of[i].min(3));
                for r in self.range_rects(origin, p, s.start, s.end) {
                    let y = r.max.y + 1.5 + level * UNDERLINE_STEP;
                    painter.line_segment([pos2(r.min.x, y), pos2(r.max.x, y)], Stroke::new(2.0, color));
                }
                if open.selected_span == Some(s.id) {
                    for r in self.range_rects(origin, p, s.start, s.end) {
                        painter.rect_stroke(
                            r.expand(1.5),
                            2.0,
                            Stroke::new(2.0, ui.visuals().strong_text_color()),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
                // A relation's target under Tab: outlined in the relation type's colour.
                if let Some(linking) = &open.linking
                    && linking.target == Some(s.id)
                {
                    let color = relation_color(relations.types, linking.kind.as_deref().unwrap_or_default());
                    for r in self.range_rects(origin, p, s.start, s.end) {
                        painter.rect_stroke(r.expand(3.0), 3.0, Stroke::new(2.5, color), egui::StrokeKind::Outside);
                    }
                }
            }
            // Review lanes: one thin bar per annotator span under the underlines;
            // agreed spans solid, disputed ones hollow.
            for (li, lane) in self.lanes.iter().enumerate() {
                for ls in lane.spans.iter().filter(|ls| ls.start < para.end.max(para.start + 1) && ls.end > para.start)
                {
                    for r in self.range_rects(origin, p, ls.start, ls.end) {
                        let y = r.max.y + UNDERLINE_ROOM * 0.8 + li as f32 * LANE_STEP * 2.0;
                        let bar = Rect::from_min_max(pos2(r.min.x + 1.0, y), pos2(r.max.x - 1.0, y + LANE_STEP));
                        if ls.agreed {
                            painter.rect_filled(bar, 1.0, ls.color);
                        } else {
                            painter.rect_stroke(bar, 1.0, Stroke::new(1.5, ls.color), egui::StrokeKind::Inside);
                        }
                        if lane.selected == Some(ls.id) {
                            painter.rect_stroke(
                                bar.expand(2.0),
                                1.0,
                                Stroke::new(2.0, lane.color),
                                egui::StrokeKind::Outside,
                            );
                        }
                        lane_hits.push((bar.expand2(vec2(0.0, 2.0)), li, ls.id));
                    }
                }
            }
        }
        self.lane_hits = lane_hits;
        if let Some(at) = open.caret
            && let Some(r) = self.caret_rect(origin, at)
        {
            painter.line_segment([r.left_top(), r.left_bottom()], Stroke::new(2.0, ui.visuals().strong_text_color()));
        }
    }

    // The arcs of the relations shown, and the one being made. Each rises from
    // the top of its `from` span's first row to the top of its `to` span's,
    // with an arrowhead at `to` for a directed type.
    fn paint_relations(
        &mut self,
        ui: &Ui,
        origin: Pos2,
        (first, last): (usize, usize),
        open: &OpenDocument,
        shown: RelationsShown<'_>,
    ) {
        self.relation_hits.clear();
        self.relations_drawn = 0;
        let relations = &open.file.relations;
        let mut chosen: Vec<usize> = Vec::new();
        if shown.all_in_view {
            for p in first..=last.min(self.relations_of_paragraph.len().saturating_sub(1)) {
                chosen.extend_from_slice(&self.relations_of_paragraph[p]);
            }
        }
        // The selected span's relations are all listed under its paragraph: no scan of the file per frame.
        if let Some(id) = open.selected_span
            && let Some(&i) = self.span_index.get(&id)
        {
            let p = self.paragraph_of(open.file.spans[i].start);
            chosen.extend(self.relations_of_paragraph[p].iter().copied().filter(|&r| relations[r].touches(id)));
        }
        if let Some(id) = open.selected_relation {
            chosen.extend(relations.iter().position(|r| r.id == id));
        }
        chosen.sort_unstable();
        chosen.dedup();
        let painter = ui.painter();
        for i in chosen {
            let r = &relations[i];
            let (Some(a), Some(b)) = (self.span_top(origin, open, r.from), self.span_top(origin, open, r.to)) else {
                continue;
            };
            let kind = shown.types.iter().find(|t| t.name == r.kind);
            let color = kind.map_or(Color32::GRAY, |t| crate::colors::color_from_hex(&t.color));
            let width = if open.selected_relation == Some(r.id) { 3.0 } else { 1.6 };
            let points = arc_points(a, b, origin.y + 1.0);
            paint_arc(painter, points, Stroke::new(width, color), kind.is_none_or(|t| t.directed));
            self.relation_hits.push((r.id, sample_arc(points)));
            self.relations_drawn += 1;
        }
        // The relation being made: from its span to the Tab target, or to the pointer.
        let making = open
            .linking
            .as_ref()
            .map(|l| (l.from, l.target, l.kind.clone()))
            .or(self.link_drag.map(|f| (f, None, None)));
        if let Some((from, target, kind)) = making
            && let Some(a) = self.span_top(origin, open, from)
        {
            let pointer = ui.input(|i| i.pointer.hover_pos());
            let b = target.and_then(|t| self.span_top(origin, open, t)).or(pointer);
            let color = kind.map_or(ui.visuals().strong_text_color(), |k| relation_color(shown.types, &k));
            if let Some(b) = b {
                paint_arc(painter, arc_points(a, b, origin.y + 1.0), Stroke::new(2.0, color.gamma_multiply(0.8)), true);
            }
        }
    }

    // The top middle of span `id`'s first row on screen.
    fn span_top(&self, origin: Pos2, open: &OpenDocument, id: u64) -> Option<Pos2> {
        let span = open.file.spans.get(*self.span_index.get(&id)?)?;
        let rect = *self.range_rects(origin, self.paragraph_of(span.start), span.start, span.end).first()?;
        Some(pos2(rect.center().x, rect.min.y))
    }

    // Where the caret at boundary `at` is drawn: the left edge of the
    // character after it, or the right edge of the one before at a paragraph's end.
    fn caret_rect(&self, origin: Pos2, at: usize) -> Option<Rect> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let p = self.paragraph_of(at);
        if at < self.paragraphs[p].end || at == self.paragraphs[p].start {
            return self.char_rect(origin, at);
        }
        let before = self.range_rects(origin, p, at - 1, at).into_iter().next()?;
        Some(Rect::from_min_max(pos2(before.max.x, before.min.y), before.max))
    }

    /// Span ids with a character in view in the last frame, in text order.
    pub fn spans_in_view(&self) -> &[u64] {
        &self.visible_spans
    }

    /// The row holding boundary `at`: its first and one-past-last code points.
    pub fn row_bounds(&self, at: usize) -> Option<(usize, usize)> {
        let p = self.paragraph_of(at);
        let para = self.paragraphs.get(p)?;
        let mut row_start = para.start;
        for row in &self.galleys.get(p)?.rows {
            let row_end = row_start + row.row.char_count_excluding_newline().0;
            if at < row_end || row_end >= para.end {
                return Some((row_start, row_end));
            }
            row_start = row_end;
        }
        Some((para.start, para.end))
    }

    /// The boundary one row above (`-1`) or below (`+1`) `at`, as near its x as the row allows.
    pub fn row_step(&self, at: usize, delta: i32) -> Option<usize> {
        let here = self.caret_rect(Pos2::ZERO, at)?;
        let y = if delta < 0 { here.min.y - 4.0 } else { here.max.y + 4.0 };
        // A step from the first or last row of a paragraph lands in the next paragraph.
        let y = if delta < 0 { y - UNDERLINE_ROOM - PARAGRAPH_GAP } else { y + UNDERLINE_ROOM + PARAGRAPH_GAP };
        if y < 0.0 {
            return Some(0);
        }
        if y > self.total_height {
            return self.paragraphs.last().map(|p| p.end);
        }
        Some(self.boundary_at(Pos2::ZERO, pos2(here.min.x, y)))
    }

    // Code-point boundary nearest to `pos` (for drag selection).
    fn boundary_at(&self, origin: Pos2, pos: Pos2) -> usize {
        let p = self.paragraph_at_y(pos.y - origin.y);
        let local = pos - origin - vec2(0.0, self.tops[p]);
        let cursor = self.galleys[p].cursor_from_pos(local);
        let para = self.paragraphs[p];
        (para.start + cursor.index.0).min(para.end)
    }

    // The code point under `pos`, if the pointer is on a character.
    fn char_at(&self, origin: Pos2, pos: Pos2) -> Option<usize> {
        let p = self.paragraph_at_y(pos.y - origin.y);
        let local = pos - origin - vec2(0.0, self.tops[p]);
        let mut row_start = 0;
        for row in &self.galleys[p].rows {
            let r = row.rect();
            if local.y >= r.min.y && local.y <= r.max.y {
                let x = local.x - row.pos.x;
                let column = row.row.glyphs.iter().position(|g| x >= g.pos.x && x < g.pos.x + g.advance_width)?;
                return Some(self.paragraphs[p].start + row_start + column);
            }
            row_start += row.row.char_count_excluding_newline().0;
        }
        None
    }

    fn interact(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        origin: Pos2,
        open: &OpenDocument,
        snap: Option<&Segmenter>,
        actions: &mut Vec<ArticleAction>,
    ) {
        if self.paragraphs.is_empty() {
            return;
        }
        let pointer = response.interact_pointer_pos();
        let span_under = |view: &Self, pos: Pos2| -> Option<u64> {
            let at = view.char_at(origin, pos)?;
            open.file.spans_at(at).first().map(|s| s.id)
        };
        // Ctrl+drag from a span to another makes a relation (the shell asks which type).
        if response.drag_started()
            && ui.input(|i| i.modifiers.command)
            && let Some(pos) = ui.input(|i| i.pointer.press_origin()).or(pointer)
            && let Some(from) = span_under(self, pos)
        {
            self.link_drag = Some(from);
        }
        if let Some(from) = self.link_drag {
            ui.ctx().request_repaint();
            if response.drag_stopped() {
                self.link_drag = None;
                if let Some(pos) = pointer
                    && let Some(to) = span_under(self, pos)
                    && to != from
                {
                    actions.push(ArticleAction::DragLink(from, to, pos));
                }
            }
            return;
        }
        // A drag is recognised only after the pointer has moved a little:
        // anchor it where the button went down, not where it is now.
        if response.drag_started()
            && let Some(pos) = ui.input(|i| i.pointer.press_origin()).or(pointer)
        {
            self.drag_anchor = Some(self.boundary_at(origin, pos));
        }
        if let (Some(anchor), Some(pos)) = (self.drag_anchor, pointer)
            && (response.dragged() || response.drag_stopped())
        {
            let here = self.boundary_at(origin, pos);
            let (a, b) = (anchor.min(here), anchor.max(here));
            if response.drag_stopped() {
                self.drag_anchor = None;
                // Alt keeps the selection character-exact; otherwise it snaps to words.
                let exact = ui.input(|i| i.modifiers.alt);
                let selection = match snap {
                    _ if a == b => None,
                    Some(segmenter) if !exact => segmenter.snap(&open.doc, a, b),
                    _ => Some((a, b)),
                };
                actions.push(ArticleAction::SelectSpan(None));
                actions.push(ArticleAction::Select(selection));
            } else if a < b {
                actions.push(ArticleAction::Select(Some((a, b))));
            }
        }
        if response.double_clicked()
            && let Some(at) = pointer.and_then(|p| self.char_at(origin, p))
        {
            let word = snap.and_then(|s| s.word_at(&open.doc, at)).unwrap_or((at, at + 1));
            actions.push(ArticleAction::SelectSpan(None));
            actions.push(ArticleAction::Select(Some(word)));
            return;
        }
        if response.clicked()
            && let Some(pos) = pointer
            && let Some(&(_, lane, id)) = self.lane_hits.iter().find(|(r, _, _)| r.contains(pos))
        {
            actions.push(ArticleAction::SelectLaneSpan(lane, id));
            return;
        }
        if response.clicked()
            && let Some(pos) = pointer
            && let Some(id) = self.relation_at(pos)
        {
            actions.push(ArticleAction::SelectRelation(Some(id)));
            return;
        }
        if response.clicked()
            && open.linking.as_ref().is_some_and(|l| l.kind.is_some())
            && let Some(pos) = pointer
        {
            if let Some(to) = span_under(self, pos) {
                actions.push(ArticleAction::LinkTo(to));
            }
            return;
        }
        if response.secondary_clicked()
            && let Some(pos) = pointer
        {
            self.context_target = (span_under(self, pos), self.relation_at(pos));
        }
        self.context_menu(response, open, actions);
        if response.clicked() {
            if let Some(pos) = pointer {
                actions.push(ArticleAction::PlaceCaret(self.boundary_at(origin, pos)));
            }
            let hit = pointer.and_then(|p| self.char_at(origin, p));
            let covering: Vec<u64> = match hit {
                Some(at) => open.file.spans_at(at).iter().map(|s| s.id).collect(),
                None => Vec::new(),
            };
            // Clicking the same character again walks outwards through nested spans.
            let index = match (hit, self.click_cycle) {
                (Some(at), Some((last, i))) if at == last && !covering.is_empty() => (i + 1) % covering.len(),
                _ => 0,
            };
            self.click_cycle = hit.map(|at| (at, index));
            actions.push(ArticleAction::Select(None));
            actions.push(ArticleAction::SelectRelation(None));
            actions.push(ArticleAction::SelectSpan(covering.get(index).copied()));
        }
    }

    // The relation whose arc passes within a few pixels of `pos`.
    fn relation_at(&self, pos: Pos2) -> Option<u64> {
        self.relation_hits
            .iter()
            .map(|(id, points)| {
                let d = points.windows(2).map(|w| distance_to_segment(pos, w[0], w[1])).fold(f32::INFINITY, f32::min);
                (d, *id)
            })
            .filter(|(d, _)| *d <= 5.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id)
    }

    // Right-click: on a relation, delete or retype it; on a span, link it or delete it.
    fn context_menu(&self, response: &egui::Response, open: &OpenDocument, actions: &mut Vec<ArticleAction>) {
        let (span, relation) = self.context_target;
        if span.is_none() && relation.is_none() {
            return;
        }
        let types: Vec<(String, bool)> = self.context_types(open);
        response.context_menu(|ui| {
            if let Some(r) = relation.and_then(|id| open.file.relation(id)) {
                ui.label(RichText::new(format!("relation {}", r.kind)).strong());
                if ui.button("Delete relation").clicked() {
                    actions.push(ArticleAction::DeleteRelation(r.id));
                    ui.close();
                }
                ui.menu_button("Change type", |ui| {
                    for (name, _) in &types {
                        if ui.add_enabled(*name != r.kind, egui::Button::new(name)).clicked() {
                            actions.push(ArticleAction::RetypeRelation(r.id, name.clone()));
                            ui.close();
                        }
                    }
                });
                ui.separator();
            }
            if let Some(s) = span.and_then(|id| open.file.span(id)) {
                ui.label(RichText::new(format!("「{}」 {}", s.text, s.label)).strong());
                for (name, allowed) in &types {
                    let text = format!("Link to… {name}");
                    let button =
                        egui::Button::new(if *allowed { RichText::new(text) } else { RichText::new(text).weak() });
                    if ui.add(button).clicked() {
                        actions.push(ArticleAction::StartLink(s.id, name.clone()));
                        ui.close();
                    }
                }
                if ui.button("Delete span").clicked() {
                    actions.push(ArticleAction::DeleteSpan(s.id));
                    ui.close();
                }
            }
        });
    }

    // The relation types for the context menu, those meant for the span's label first.
    fn context_types(&self, open: &OpenDocument) -> Vec<(String, bool)> {
        let label =
            self.context_target.0.and_then(|id| open.file.span(id)).map(|s| s.label.clone()).unwrap_or_default();
        let mut types: Vec<(String, bool)> = self
            .relation_types
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    t.allowed.is_empty() || t.allowed.iter().any(|p| p.from == label || (!t.directed && p.to == label)),
                )
            })
            .collect();
        types.sort_by_key(|(_, allowed)| !allowed);
        types
    }

    fn hover_ui(&self, response: &egui::Response, origin: Pos2, open: &OpenDocument) {
        if let Some(id) = response.hover_pos().and_then(|p| self.relation_at(p))
            && let Some(r) = open.file.relation(id)
        {
            let text = newsanno_session::linking::describe(&open.file, r, &self.relation_types);
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.label(RichText::new(text).strong());
                if let Some(note) = &r.note {
                    ui.label(format!("note: {note}"));
                }
            });
            return;
        }
        let Some(at) = response.hover_pos().and_then(|p| self.char_at(origin, p)) else { return };
        let spans: Vec<&newsanno_core::model::Span> =
            open.file.spans.iter().filter(|s| s.start <= at && at < s.end).collect();
        if spans.is_empty() && self.hovered_suggestions.is_empty() {
            return;
        }
        response.clone().on_hover_ui_at_pointer(|ui| {
            for m in &self.hovered_suggestions {
                if let Some((_, tip)) = self.suggestion_tips.iter().find(|(i, _)| i == m) {
                    ui.label(egui::RichText::new(tip).italics());
                }
            }
            for s in spans {
                ui.label(egui::RichText::new(format!("{}  「{}」", s.label, s.text)).strong());
                for r in open.file.relations_of(s.id) {
                    ui.label(newsanno_session::linking::describe(&open.file, r, &self.relation_types));
                }
                if let Some(note) = &s.note {
                    ui.label(format!("note: {note}"));
                }
                ui.label(egui::RichText::new(format!("[{}, {}) · span {}", s.start, s.end, s.id)).weak());
                if !s.source.is_manual() {
                    ui.label(egui::RichText::new(format!("from a suggestion: {}", s.source)).weak());
                }
            }
        });
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

fn relation_color(types: &[RelationType], kind: &str) -> Color32 {
    types.iter().find(|t| t.name == kind).map_or(Color32::GRAY, |t| crate::colors::color_from_hex(&t.color))
}

// The cubic Bézier of an arc from `a` to `b`: it rises above each end (higher
// for ends further apart) and comes down onto the other one from above, so
// between rows it crosses the text steeply rather than along a line; never
// above `ceiling` (the article's top edge).
fn arc_points(a: Pos2, b: Pos2, ceiling: f32) -> [Pos2; 4] {
    let lift = (12.0 + (b.x - a.x).abs() * 0.12).min(40.0);
    let same_row = (a.y - b.y).abs() < 4.0;
    let (top_a, top_b) = if same_row {
        let apex = a.y.min(b.y) - lift;
        (apex, apex)
    } else {
        (a.y - lift, b.y - lift)
    };
    [a, pos2(a.x, top_a.max(ceiling)), pos2(b.x, top_b.max(ceiling)), b]
}

fn bezier(points: [Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    pos2(points.iter().zip(w).map(|(p, w)| p.x * w).sum(), points.iter().zip(w).map(|(p, w)| p.y * w).sum())
}

fn sample_arc(points: [Pos2; 4]) -> [Pos2; ARC_SAMPLES] {
    std::array::from_fn(|i| bezier(points, i as f32 / (ARC_SAMPLES - 1) as f32))
}

fn paint_arc(painter: &egui::Painter, points: [Pos2; 4], stroke: Stroke, arrow: bool) {
    // A polyline through the points sampled for hit testing: flattening the
    // Bézier at epaint's tolerance cost several times more per frame, and an
    // arc of 40 px looks the same.
    painter.add(egui::Shape::line(sample_arc(points).to_vec(), stroke));
    if arrow {
        // The curve arrives from its last control point: the arrowhead points that way.
        let tip = points[3];
        let dir = (tip - points[2]).normalized();
        let side = vec2(-dir.y, dir.x);
        let size = 4.0 + stroke.width;
        painter.add(egui::Shape::convex_polygon(
            vec![tip, tip - dir * size * 1.6 + side * size, tip - dir * size * 1.6 - side * size],
            stroke.color,
            Stroke::NONE,
        ));
    }
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() == 0.0 { 0.0 } else { ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0) };
    (p - (a + ab * t)).length()
}
