//! Painting a frame over the laid-out galleys: tints, stacked underlines,
//! the selection, find matches, suggestions, the caret, review lanes and
//! relation arcs.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::{ARC_SAMPLES, ArticleView, LANE_STEP, Overlays, RelationsShown, UNDERLINE_ROOM, UNDERLINE_STEP};
use crate::colors::{find_match, label_color, tint};
use newsanno_core::model::{Label, RelationType};
use newsanno_session::session::OpenDocument;

impl ArticleView {
    pub(super) fn paint(
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
    pub(super) fn paint_relations(
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
}

pub(super) fn relation_color(types: &[RelationType], kind: &str) -> Color32 {
    types.iter().find(|t| t.name == kind).map_or(Color32::GRAY, |t| crate::colors::color_from_hex(&t.color))
}

// The cubic Bézier of an arc from `a` to `b`: it rises above each end (higher
// for ends further apart) and comes down onto the other one from above, so
// between rows it crosses the text steeply rather than along a line; never
// above `ceiling` (the article's top edge).
pub(super) fn arc_points(a: Pos2, b: Pos2, ceiling: f32) -> [Pos2; 4] {
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

pub(super) fn bezier(points: [Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    pos2(points.iter().zip(w).map(|(p, w)| p.x * w).sum(), points.iter().zip(w).map(|(p, w)| p.y * w).sum())
}

pub(super) fn sample_arc(points: [Pos2; 4]) -> [Pos2; ARC_SAMPLES] {
    std::array::from_fn(|i| bezier(points, i as f32 / (ARC_SAMPLES - 1) as f32))
}

pub(super) fn paint_arc(painter: &egui::Painter, points: [Pos2; 4], stroke: Stroke, arrow: bool) {
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
