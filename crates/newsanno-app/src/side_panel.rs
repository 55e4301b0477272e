//! The right panel: label palette, this document's spans, the selected
//! span's note, the document's status and comment, and the guidelines.

use egui::{RichText, Ui};

use crate::colors::{color_from_hex, label_color};
use newsanno_core::model::Status;
use newsanno_session::session::Session;

/// What the user asked for in the side panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideAction {
    /// Apply (or relabel to) this label.
    Label(String),
    /// Select this span and scroll to it.
    SelectSpan(u64),
    /// Change a span's note.
    SetNote(u64, String),
    /// Change the document comment.
    SetComment(String),
    /// Change the status.
    SetStatus(Status),
    /// Mark done and go to the next document.
    DoneAndNext,
    /// Switch a suggestion source on or off.
    SuggestionSource(newsanno_suggest::SourceKind, bool),
    /// Accept every open suggestion with this label.
    AcceptAll(String),
    /// Select this relation and scroll to it.
    SelectRelation(u64),
    /// Change a relation's type.
    RetypeRelation(u64, String),
    /// Delete a relation.
    DeleteRelation(u64),
    /// Draw every relation in view (or only the selected span's).
    ShowAllRelations(bool),
    /// Resolve a sync conflict with copy N: keep the copy (`true`) or this version.
    ResolveConflict(usize, bool),
    /// Set or clear a document category.
    ToggleCategory(String),
}

/// Edit buffers of the side panel (committed when the field loses focus).
#[derive(Default)]
pub struct SidePanel {
    note_for: Option<(String, u64)>,
    note: String,
    comment_for: Option<String>,
    comment: String,
    // A field being typed in keeps its buffer; otherwise the buffer follows
    // the file (so undo shows up). egui drops focus on Esc before the field
    // reports `lost_focus`, so "editing" cannot be read from focus alone.
    note_editing: bool,
    comment_editing: bool,
    // The relation list shows this type only (None: all).
    relation_filter: Option<String>,
    // The list's rows ("张勇 —leads→ 阿里云"), made again only when the file or the filter changes.
    relation_rows: RelationRows,
}

#[derive(Default)]
struct RelationRows {
    key: Option<(String, u64, Option<String>)>,
    rows: Vec<(u64, String, egui::Color32)>,
}

impl SidePanel {
    /// Draws the panel for `session`'s open document.
    pub fn side_panel_ui(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        guidelines: Option<&str>,
        all_relations: bool,
    ) -> Vec<SideAction> {
        let mut actions = Vec::new();
        let labels = session.project.labels();
        let open = session.current.as_ref();
        ui.heading("Labels");
        for label in labels {
            let count = open.map_or(0, |c| c.file.spans.iter().filter(|s| s.label == label.name).count());
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, color_from_hex(&label.color));
                let text = if label.hotkey.is_empty() {
                    label.name.clone()
                } else {
                    format!("{} {}", label.hotkey, label.name)
                };
                let button = ui.add(egui::Button::new(text).min_size(egui::vec2(120.0, 0.0)));
                let button =
                    if label.description.is_empty() { button } else { button.on_hover_text(&label.description) };
                if button.clicked() {
                    actions.push(SideAction::Label(label.name.clone()));
                }
                ui.label(RichText::new(count.to_string()).weak());
            });
        }
        let Some(open) = open else { return actions };
        conflicts_ui(ui, session, &mut actions);

        ui.separator();
        suggestions_ui(ui, session, &mut actions);
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Status: {}", open.file.status.as_str())).strong());
        });
        ui.horizontal_wrapped(|ui| {
            if ui.button("● Done, next").on_hover_text("Ctrl+Enter").clicked() {
                actions.push(SideAction::DoneAndNext);
            }
            if ui.button("In progress").clicked() {
                actions.push(SideAction::SetStatus(Status::InProgress));
            }
            if ui.button("⊘ Skip").clicked() {
                actions.push(SideAction::SetStatus(Status::Skipped));
            }
        });
        categories_ui(ui, session, &mut actions);

        ui.separator();
        ui.label(RichText::new(format!("Spans ({})", open.file.spans.len())).strong());
        // Virtualised: only the visible rows are laid out, so 3,000 spans cost no more than 30.
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("spans")
            .max_height(ui.available_height() * 0.45)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, open.file.spans.len(), |ui, range| {
                for span in &open.file.spans[range] {
                    let selected = open.selected_span == Some(span.id);
                    let color = label_color(labels, &span.label);
                    let text = RichText::new(format!("{}  {}", span.text.replace('\n', "⏎"), span.label)).color(color);
                    let r = ui.add(egui::Button::selectable(selected, text).truncate());
                    if r.on_hover_text(format!("[{}, {})", span.start, span.end)).clicked() {
                        actions.push(SideAction::SelectSpan(span.id));
                    }
                }
            });

        ui.separator();
        self.relations_ui(ui, session, all_relations, &mut actions);

        if let Some(span) = open.selected_span.and_then(|id| open.file.span(id)) {
            ui.separator();
            let key = (open.file.document.clone(), span.id);
            if self.note_for.as_ref() != Some(&key) {
                self.note_for = Some(key);
                self.note_editing = false;
            }
            if !self.note_editing {
                self.note = span.note.clone().unwrap_or_default();
            }
            let caption = ui.label(format!("Note on 「{}」", span.text));
            let r = ui.add(egui::TextEdit::multiline(&mut self.note).desired_rows(2).hint_text("note on this span"));
            let r = r.labelled_by(caption.id);
            if r.has_focus() {
                self.note_editing = true;
            }
            if r.lost_focus() {
                self.note_editing = false;
                if self.note != span.note.clone().unwrap_or_default() {
                    actions.push(SideAction::SetNote(span.id, self.note.clone()));
                }
            }
        } else {
            self.note_for = None;
        }

        ui.separator();
        if self.comment_for.as_deref() != Some(open.file.document.as_str()) {
            self.comment_for = Some(open.file.document.clone());
            self.comment_editing = false;
        }
        if !self.comment_editing {
            self.comment.clone_from(&open.file.comment);
        }
        let caption = ui.label("Document comment");
        let r = ui.add(
            egui::TextEdit::multiline(&mut self.comment)
                .id(egui::Id::unique("doc-comment"))
                .desired_rows(2)
                .hint_text("comment on this document"),
        );
        let r = r.labelled_by(caption.id);
        if r.has_focus() {
            self.comment_editing = true;
        }
        if r.lost_focus() {
            self.comment_editing = false;
            if self.comment != open.file.comment {
                actions.push(SideAction::SetComment(self.comment.clone()));
            }
        }

        if let Some(text) = guidelines {
            ui.separator();
            egui::CollapsingHeader::new("Guidelines").default_open(false).show(ui, |ui| {
                egui::ScrollArea::vertical().id_salt("guidelines").max_height(240.0).show(ui, |ui| {
                    ui.label(text);
                });
            });
        }
        actions
    }
}

impl SidePanel {
    // The document's relations ("张勇 —leads→ 阿里云"), filtered by type; the
    // selected one can be retyped and deleted.
    fn relations_ui(&mut self, ui: &mut Ui, session: &Session, all_relations: bool, actions: &mut Vec<SideAction>) {
        let Some(open) = &session.current else { return };
        let types = session.project.relation_types();
        let relations = &open.file.relations;
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Relations ({})", relations.len())).strong()).on_hover_text(
                "select a span, R, the type's key, then the target (click, or Tab and Enter) · Ctrl+drag between spans",
            );
            let mut filter = self.relation_filter.clone();
            egui::ComboBox::new("relation-filter", "show")
                .selected_text(filter.clone().unwrap_or_else(|| "all types".to_owned()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter, None, "all types");
                    for t in types {
                        let n = relations.iter().filter(|r| r.kind == t.name).count();
                        ui.selectable_value(&mut filter, Some(t.name.clone()), format!("{} ({n})", t.name));
                    }
                });
            self.relation_filter = filter;
        });
        let mut all = all_relations;
        if ui.checkbox(&mut all, "draw all in view").changed() {
            actions.push(SideAction::ShowAllRelations(all));
        }
        let key = (open.file.document.clone(), open.version, self.relation_filter.clone());
        if self.relation_rows.key.as_ref() != Some(&key) {
            // Spans by id once, not a search per row.
            let spans: std::collections::HashMap<u64, &str> =
                open.file.spans.iter().map(|s| (s.id, s.text.as_str())).collect();
            let text_color = ui.visuals().text_color();
            self.relation_rows.rows = relations
                .iter()
                .filter(|r| self.relation_filter.as_ref().is_none_or(|f| *f == r.kind))
                .map(|r| {
                    let kind = types.iter().find(|t| t.name == r.kind);
                    let end = |id: u64| spans.get(&id).map_or_else(|| format!("span {id}?"), |t| (*t).to_owned());
                    let directed = kind.is_none_or(|t| t.directed);
                    let text = newsanno_session::linking::relation_text(&end(r.from), &r.kind, &end(r.to), directed);
                    (r.id, text, kind.map_or(text_color, |t| color_from_hex(&t.color)))
                })
                .collect();
            self.relation_rows.key = Some(key);
        }
        let rows = &self.relation_rows.rows;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        egui::ScrollArea::vertical()
            .id_salt("relations")
            .max_height(ui.available_height() * 0.25)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for (id, text, color) in &rows[range] {
                    let selected = open.selected_relation == Some(*id);
                    let text = RichText::new(text).color(*color);
                    if ui.add(egui::Button::selectable(selected, text).truncate()).clicked() {
                        actions.push(SideAction::SelectRelation(*id));
                    }
                }
            });
        if let Some(r) = open.selected_relation.and_then(|id| open.file.relation(id)) {
            ui.horizontal(|ui| {
                let mut kind = r.kind.clone();
                egui::ComboBox::new("relation-type", "type").selected_text(&kind).show_ui(ui, |ui| {
                    for t in types {
                        ui.selectable_value(&mut kind, t.name.clone(), &t.name);
                    }
                });
                if kind != r.kind {
                    actions.push(SideAction::RetypeRelation(r.id, kind));
                }
                if ui.button("Delete relation").on_hover_text("Delete").clicked() {
                    actions.push(SideAction::DeleteRelation(r.id));
                }
            });
        }
    }
}

// Suggestion sources (with counts) to switch on and off, and "accept all" per label.
// The document's categories (project.ron's), one click or C + key each.
fn categories_ui(ui: &mut Ui, session: &Session, actions: &mut Vec<SideAction>) {
    let config = session.project.config();
    let Some(open) = &session.current else { return };
    // Categories in the file but not in project.ron are shown too (kept, with a warning on load).
    let unknown: Vec<&String> = open.file.categories.iter().filter(|c| config.category(c).is_none()).collect();
    if config.categories.is_empty() && unknown.is_empty() {
        return;
    }
    ui.separator();
    let single = config.category_choice == newsanno_core::model::CategoryChoice::Single;
    ui.label(RichText::new(if single { "Category (one)" } else { "Categories" }).strong())
        .on_hover_text("C, then the category's key");
    ui.horizontal_wrapped(|ui| {
        for category in &config.categories {
            let on = open.file.categories.contains(&category.name);
            let text = if category.key.is_empty() {
                category.name.clone()
            } else {
                format!("{} {}", category.key, category.name)
            };
            let response = ui.selectable_label(on, text);
            let response =
                if category.description.is_empty() { response } else { response.on_hover_text(&category.description) };
            if response.clicked() {
                actions.push(SideAction::ToggleCategory(category.name.clone()));
            }
        }
        for name in unknown {
            if ui.selectable_label(true, format!("{name} (not in project.ron)")).clicked() {
                actions.push(SideAction::ToggleCategory(name.clone()));
            }
        }
    });
}

// The open document's other versions from a sync tool, and the choice of one.
fn conflicts_ui(ui: &mut Ui, session: &Session, actions: &mut Vec<SideAction>) {
    let copies = session.open_conflicts();
    if copies.is_empty() {
        return;
    }
    let Some(open) = &session.current else { return };
    ui.separator();
    for (i, other) in copies.iter().enumerate() {
        let name = other.copy.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        ui.label(
            RichText::new(format!("⚠ {} left another version of this document", other.copy.tool))
                .color(crate::colors::ERROR),
        );
        ui.label(RichText::new(&name).weak());
        ui.label(format!("this one: {}", newsanno_session::session::file_summary(&open.file)));
        ui.label(format!("the other: {}", other.summary));
        ui.horizontal(|ui| {
            if ui.button("Keep this one").on_hover_text("the other goes to .newsanno-trash/").clicked() {
                actions.push(SideAction::ResolveConflict(i, false));
            }
            if ui.button("Keep the other").on_hover_text("this one goes to .newsanno-trash/").clicked() {
                actions.push(SideAction::ResolveConflict(i, true));
            }
        });
    }
}

fn suggestions_ui(ui: &mut Ui, session: &Session, actions: &mut Vec<SideAction>) {
    use newsanno_suggest::SourceKind;
    let state = &session.suggestions;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Suggestions").strong());
        ui.label(RichText::new(format!("{} open", state.open.len())).weak())
            .on_hover_text("Tab / Shift+Tab: next / previous · Enter: accept · Backspace: reject");
    });
    if let Some(error) = &state.error {
        ui.label(RichText::new(error).color(crate::colors::ERROR));
        return;
    }
    let Some(suggester) = &state.suggester else { return };
    ui.horizontal_wrapped(|ui| {
        let model_ready = state.model.model.is_some();
        for kind in
            SourceKind::ALL.into_iter().filter(|k| suggester.has(*k) || (*k == SourceKind::Model && model_ready))
        {
            let mut on = state.sources.contains(kind);
            let text = format!("{} {}", kind.name(), state.count_of(kind));
            if ui.checkbox(&mut on, text).changed() {
                actions.push(SideAction::SuggestionSource(kind, on));
            }
        }
    });
    let labels = session.project.labels();
    ui.horizontal_wrapped(|ui| {
        for (label, n) in state.count_by_label() {
            let color = label_color(labels, label);
            let button = egui::Button::new(RichText::new(format!("Accept all {n} {label}")).color(color));
            if ui.add(button).on_hover_text("one undoable edit · Shift+Enter on a focused suggestion").clicked() {
                actions.push(SideAction::AcceptAll(label.clone()));
            }
        }
    });
}
