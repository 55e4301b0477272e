//! The review dashboard (annotator choice, tables, chart, heatmap, documents
//! by disagreement), the header of a document under review, and its lanes.

use std::collections::BTreeSet;

use egui::{Color32, RichText, Ui};

use super::charts::{chart_ui, done_per_day_ui, heatmap_ui, label_table_ui};
use crate::article_view::{Lane, LaneSpan};
use crate::colors::label_color;
use newsanno_agreement::adjudication::agreed_spans;
use newsanno_agreement::render::summary;
use newsanno_core::model::SpanKey;
use newsanno_core::store::GOLD_ANNOTATOR;
use newsanno_session::review::{DocSort, Review, ReviewAction};

/// Lane colours per annotator (distinct from the label palette's first four).
const ANNOTATOR_COLORS: [Color32; 6] = [
    Color32::from_rgb(0x44, 0x77, 0xAA),
    Color32::from_rgb(0xEE, 0x66, 0x77),
    Color32::from_rgb(0x22, 0x88, 0x33),
    Color32::from_rgb(0xCC, 0xBB, 0x44),
    Color32::from_rgb(0x66, 0xCC, 0xEE),
    Color32::from_rgb(0xAA, 0x33, 0x77),
];

/// The review's views (egui), for the session's [`Review`].
pub trait ReviewViews {
    /// The lanes of the open document (one per compared annotator).
    fn lanes(&self) -> Vec<Lane>;
    /// The dashboard: annotator choice, tables, chart, heatmap, documents.
    fn dashboard_ui(&mut self, ui: &mut Ui) -> Option<ReviewAction>;
    /// The header above an open document: back, the merge controls, gold's
    /// relations and categories; true when the user asked to go back.
    fn document_header_ui(&mut self, ui: &mut Ui) -> bool;
}

impl ReviewViews for Review {
    fn lanes(&self) -> Vec<Lane> {
        let labels = self.project.labels();
        let present = self.voters();
        let agreed: BTreeSet<SpanKey> = agreed_spans(&present, present.len().max(1))
            .into_iter()
            .map(|(s, e, l, _)| SpanKey::new(s, e, &l))
            .collect();
        self.files
            .iter()
            .enumerate()
            .map(|(i, (name, file))| Lane {
                name: name.clone(),
                color: ANNOTATOR_COLORS[i % ANNOTATOR_COLORS.len()],
                spans: file
                    .iter()
                    .flat_map(|f| &f.spans)
                    .map(|s| LaneSpan {
                        id: s.id,
                        start: s.start,
                        end: s.end,
                        color: label_color(labels, &s.label),
                        agreed: agreed.contains(&s.key()),
                    })
                    .collect(),
                selected: self.selected.filter(|(lane, _)| *lane == i).map(|(_, id)| id),
            })
            .collect()
    }

    fn dashboard_ui(&mut self, ui: &mut Ui) -> Option<ReviewAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading("Review: agreement");
            if ui.button("← Back to annotating").clicked() {
                action = Some(ReviewAction::Close);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Annotators:");
            let mut changed = false;
            for (name, on) in &mut self.annotators {
                let text = if self.unfinished.contains(name) {
                    format!("{name} (no finished document)")
                } else {
                    name.clone()
                };
                changed |= ui.checkbox(on, text).changed();
            }
            if changed {
                self.min_agree = self.compared().iter().filter(|a| *a != GOLD_ANNOTATOR).count().max(1);
                self.recompute();
            }
            if self.computing() {
                ui.spinner();
            }
        });
        merge_controls_ui(self, ui, false);
        let Some(report) = &self.report else {
            ui.label("computing…");
            return action;
        };
        let (overall, labels) = summary(report);
        ui.label(format!(
            "{} documents, {} finished by all · exact F1 {} · overlap F1 {} · Cohen κ {} · Fleiss κ {} · α {} · α_U {}",
            report.documents,
            report.documents_all_done,
            overall.exact_f1,
            overall.overlap_f1,
            overall.cohen_kappa,
            overall.fleiss_kappa,
            overall.alpha,
            overall.alpha_u
        ));
        if report.pairs.iter().any(|p| p.relations.counts.reference + p.relations.counts.predicted > 0) {
            let per_type: Vec<String> = report
                .relation_types
                .iter()
                .filter_map(|t| {
                    let scores: Vec<newsanno_agreement::Score> =
                        report.pairs.iter().filter_map(|p| p.relations.per_type.get(t).copied()).collect();
                    let mean = newsanno_agreement::mean_defined(scores);
                    mean.is_defined().then(|| format!("{t} {mean}"))
                })
                .collect();
            ui.label(format!("relations: exact F1 {} · {}", report.relations_f1, per_type.join(" · ")));
        }
        // Categories only once somebody has given one.
        if report.categories.iter().any(|c| c.given > 0) {
            let per_category: Vec<String> =
                report.categories.iter().map(|c| format!("{} α {} κ {}", c.category, c.alpha, c.cohen_kappa)).collect();
            ui.label(format!("Document categories: {}", per_category.join(" · "))).on_hover_text(
                "each category a yes/no per document: Krippendorff's α, and Cohen's κ (mean over pairs); * the single choice as one value",
            );
        }
        ui.separator();
        ui.columns(2, |cols| {
            label_table_ui(&mut cols[0], &labels);
            cols[0].add_space(8.0);
            heatmap_ui(&mut cols[0], report);
            chart_ui(&mut cols[1], &labels);
            if let Some(stats) = &self.stats {
                cols[1].add_space(8.0);
                done_per_day_ui(&mut cols[1], stats);
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Documents").strong());
            ui.label("sort:");
            ui.selectable_value(&mut self.sort, DocSort::Disputed, "most disputed");
            ui.selectable_value(&mut self.sort, DocSort::AlphaU, "lowest α_U");
            ui.selectable_value(&mut self.sort, DocSort::Id, "id");
        });
        let mut rows = report.by_document.clone();
        match self.sort {
            DocSort::Disputed => {}
            DocSort::AlphaU => {
                rows.sort_by(|a, b| a.alpha_u.value.partial_cmp(&b.alpha_u.value).unwrap_or(std::cmp::Ordering::Equal))
            }
            DocSort::Id => rows.sort_by(|a, b| a.document.cmp(&b.document)),
        }
        let mut open = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical().id_salt("review-docs").auto_shrink(false).show_rows(
            ui,
            row_height,
            rows.len(),
            |ui, range| {
                for row in &rows[range] {
                    let text = format!(
                        "{}  ·  {} disputed of {}  ·  α_U {}",
                        row.document, row.disputed_spans, row.spans, row.alpha_u
                    );
                    if ui.add(egui::Button::selectable(false, text).truncate()).clicked() {
                        open = self.project.documents().iter().position(|d| d.id == row.document);
                    }
                }
            },
        );
        if let Some(p) = open {
            self.open_document(p);
        }
        action
    }

    fn document_header_ui(&mut self, ui: &mut Ui) -> bool {
        let mut back = false;
        let Some(position) = self.document else { return false };
        let Some(entry) = self.project.documents().get(position) else { return false };
        ui.horizontal(|ui| {
            if ui.button("← Dashboard").clicked() {
                back = true;
            }
            ui.label(RichText::new(&entry.title).heading().strong());
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} disputes left", self.disputes_left())).strong());
            ui.separator();
            ui.label("Lanes:");
            for (i, (name, file)) in self.files.iter().enumerate() {
                let color = ANNOTATOR_COLORS[i % ANNOTATOR_COLORS.len()];
                let status = if file.is_some() { "" } else { " (no finished file)" };
                ui.label(RichText::new(format!("▬ {name}{status}")).color(color));
            }
            ui.separator();
            ui.label("gold: tinted and underlined on the text · solid bar: all agree · hollow: disputed");
        });
        ui.label(
            RichText::new(
                "Click a lane bar, then A accepts it into gold, R rejects it. Edit gold directly: drag over text and press 1–9, click a gold span and press 1–9 or Delete. Ctrl+Z undoes.",
            )
            .weak(),
        );
        merge_controls_ui(self, ui, true);
        relations_ui(self, ui);
        categories_ui(self, ui);
        back
    }
}

fn merge_controls_ui(review: &mut Review, ui: &mut Ui, in_document: bool) {
    if let Some(e) = &review.gold_error {
        ui.label(RichText::new(format!("gold is read-only: {e}")).color(crate::colors::ERROR));
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let max = review.compared().iter().filter(|a| *a != GOLD_ANNOTATOR).count().max(1);
        let caption = ui.label("Accept spans at least");
        ui.add(egui::DragValue::new(&mut review.min_agree).range(1..=max)).labelled_by(caption.id);
        ui.label(format!("of {max} annotators agree on:"));
        if in_document && ui.button("in this document (Shift+A)").clicked() {
            review.accept_agreed_in_document();
        }
        if ui.button("in the whole project").clicked() {
            review.accept_agreed_in_project();
            review.recompute();
        }
        if review.can_undo_project_merge() && ui.button("undo project merge").clicked() {
            review.undo_project_merge();
        }
    });
    if let Some(m) = &review.message {
        ui.label(RichText::new(m).weak());
    }
}

// The document's categories: who gave each, whether gold has it, and a toggle for gold's.
fn categories_ui(review: &mut Review, ui: &mut Ui) {
    let rows = review.category_rows();
    if rows.is_empty() {
        return;
    }
    let mut change = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Categories").strong());
        for row in &rows {
            let who = if row.by.is_empty() { "nobody".to_owned() } else { row.by.join(", ") };
            let text = format!("{} ({})", row.name, row.by.len());
            if ui
                .selectable_label(row.in_gold, text)
                .on_hover_text(format!(
                    "given by {who}; click to {} gold",
                    if row.in_gold { "remove it from" } else { "add it to" }
                ))
                .clicked()
            {
                change = Some((row.name.clone(), !row.in_gold));
            }
        }
    });
    if let Some((name, on)) = change {
        review.set_gold_category(&name, on);
    }
}

// Every annotator's relations of the document: who has each, whether gold
// does, and Accept (its spans come along).
fn relations_ui(review: &mut Review, ui: &mut Ui) {
    let rows = review.relation_rows();
    if rows.is_empty() {
        return;
    }
    let voters = review.files.iter().filter(|(n, f)| n != GOLD_ANNOTATOR && f.is_some()).count();
    let mut accept = None;
    egui::CollapsingHeader::new(format!(
        "Relations ({} distinct, {} in gold)",
        rows.len(),
        rows.iter().filter(|r| r.in_gold).count()
    ))
    .id_salt("review-relations")
    .default_open(true)
    .show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("review-relations-list").max_height(150.0).show(ui, |ui| {
            for row in &rows {
                ui.horizontal(|ui| {
                    let agreed = row.by.len() == voters;
                    let mark = if row.in_gold {
                        "✓ gold"
                    } else if agreed {
                        "all agree"
                    } else {
                        "disputed"
                    };
                    ui.label(RichText::new(&row.text).strong());
                    ui.label(RichText::new(format!("{} · {mark}", row.by.join(", "))).weak());
                    if !row.in_gold && ui.button("Accept").on_hover_text("into gold, with its two spans").clicked() {
                        accept = Some(row.key.clone());
                    }
                });
            }
        });
    });
    if let Some(key) = accept {
        review.accept_relation(&key);
    }
}
