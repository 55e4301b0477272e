//! The pointer and the article: selecting by dragging, clicks on spans,
//! relations and suggestions, Ctrl+drag to link, the context menu and the
//! hover texts.

use egui::{Pos2, RichText, Ui};

use super::{ArticleAction, ArticleView};
use newsanno_core::segment::Segmenter;
use newsanno_session::session::OpenDocument;

impl ArticleView {
    pub(super) fn interact(
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
    pub(super) fn relation_at(&self, pos: Pos2) -> Option<u64> {
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
    pub(super) fn context_menu(
        &self,
        response: &egui::Response,
        open: &OpenDocument,
        actions: &mut Vec<ArticleAction>,
    ) {
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
    pub(super) fn context_types(&self, open: &OpenDocument) -> Vec<(String, bool)> {
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

    pub(super) fn hover_ui(&self, response: &egui::Response, origin: Pos2, open: &OpenDocument) {
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
}

pub(super) fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() == 0.0 { 0.0 } else { ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0) };
    (p - (a + ab * t)).length()
}
