//! Laying the article out: paragraphs into galleys (once per document, width
//! and font size), spans into underline levels, and the geometry the other
//! parts ask for (where a character is, which character is under a point,
//! rows for the caret).

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Pos2, Rect, Ui, pos2, vec2};

use super::{ArticleView, LANE_STEP, LayoutKey, PARAGRAPH_GAP, Paragraph, UNDERLINE_ROOM};
use newsanno_session::session::OpenDocument;

impl ArticleView {
    pub(super) fn prepare_document(&mut self, open: &OpenDocument) {
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
    pub(super) fn layout(
        &mut self,
        ui: &Ui,
        open: &OpenDocument,
        width: f32,
        font_size: f32,
        view_height: f32,
    ) -> Option<f32> {
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
    pub(super) fn char_at_content_y(&self, y: f32) -> Option<usize> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let p = self.paragraph_at_y(y);
        let cursor = self.galleys.get(p)?.cursor_from_pos(vec2(0.0, (y - self.tops[p]).max(0.0)));
        Some((self.paragraphs[p].start + cursor.index.0).min(self.paragraphs[p].end))
    }

    pub(super) fn prepare_spans(&mut self, open: &OpenDocument) {
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

    pub(super) fn paragraph_of(&self, at: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end < at).min(self.paragraphs.len().saturating_sub(1))
    }

    pub(super) fn paragraph_at_y(&self, y: f32) -> usize {
        self.tops.partition_point(|&t| t <= y).saturating_sub(1)
    }

    // Screen rectangles covering code points [a, b) of paragraph `p`, one per row.
    pub(super) fn range_rects(&self, origin: Pos2, p: usize, a: usize, b: usize) -> Vec<Rect> {
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

    pub(super) fn char_rect(&self, origin: Pos2, at: usize) -> Option<Rect> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let p = self.paragraph_of(at);
        self.range_rects(origin, p, at, at + 1).into_iter().next().or_else(|| {
            Some(Rect::from_min_size(origin + vec2(0.0, self.tops[p]), vec2(10.0, self.galleys[p].size().y)))
        })
    }

    // The top middle of span `id`'s first row on screen.
    pub(super) fn span_top(&self, origin: Pos2, open: &OpenDocument, id: u64) -> Option<Pos2> {
        let span = open.file.spans.get(*self.span_index.get(&id)?)?;
        let rect = *self.range_rects(origin, self.paragraph_of(span.start), span.start, span.end).first()?;
        Some(pos2(rect.center().x, rect.min.y))
    }

    // Where the caret at boundary `at` is drawn: the left edge of the
    // character after it, or the right edge of the one before at a paragraph's end.
    pub(super) fn caret_rect(&self, origin: Pos2, at: usize) -> Option<Rect> {
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
    pub(super) fn boundary_at(&self, origin: Pos2, pos: Pos2) -> usize {
        let p = self.paragraph_at_y(pos.y - origin.y);
        let local = pos - origin - vec2(0.0, self.tops[p]);
        let cursor = self.galleys[p].cursor_from_pos(local);
        let para = self.paragraphs[p];
        (para.start + cursor.index.0).min(para.end)
    }

    // The code point under `pos`, if the pointer is on a character.
    pub(super) fn char_at(&self, origin: Pos2, pos: Pos2) -> Option<usize> {
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
}
