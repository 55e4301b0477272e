//! The dashboard's per-label table, bar chart of F1 and κ, and annotator heatmap.

use egui::{Color32, RichText, Ui};

use crate::agreement::render::LabelRow;
use crate::agreement::report::StudyReport;

pub(super) fn label_table_ui(ui: &mut Ui, labels: &[LabelRow]) {
    egui::Grid::new("review-labels").striped(true).num_columns(7).show(ui, |ui| {
        for h in ["label", "exact F1", "overlap F1", "Cohen κ", "Fleiss κ", "α", "α_U"] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for row in labels {
            ui.label(&row.label);
            for s in [row.exact_f1, row.overlap_f1, row.cohen_kappa, row.fleiss_kappa, row.alpha, row.alpha_u] {
                let r = ui.label(s.to_string());
                if let Some(reason) = s.undefined {
                    r.on_hover_text(reason);
                }
            }
            ui.end_row();
        }
    });
}

pub(super) fn chart_ui(ui: &mut Ui, labels: &[LabelRow]) {
    use egui_plot::{Bar, BarChart, Legend, Plot};
    let value = |s: crate::agreement::Score| if s.is_defined() { s.value } else { 0.0 };
    let f1: Vec<Bar> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| Bar::new(i as f64 - 0.2, value(l.exact_f1)).width(0.35).name(&l.label))
        .collect();
    let kappa: Vec<Bar> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| Bar::new(i as f64 + 0.2, value(l.cohen_kappa)).width(0.35).name(&l.label))
        .collect();
    let names: Vec<String> = labels.iter().map(|l| l.label.clone()).collect();
    Plot::new("review-chart")
        .legend(Legend::default())
        .height(220.0)
        .include_y(0.0)
        .include_y(1.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("exact F1", f1).color(Color32::from_rgb(0x00, 0x72, 0xB2)));
            plot.bar_chart(BarChart::new("Cohen κ", kappa).color(Color32::from_rgb(0xE6, 0x9F, 0x00)));
        });
}

pub(super) fn heatmap_ui(ui: &mut Ui, report: &StudyReport) {
    ui.label(RichText::new("Pairwise exact F1").strong());
    let names = &report.annotators;
    let cell = egui::vec2(64.0, 22.0);
    egui::Grid::new("review-heatmap").spacing([2.0, 2.0]).show(ui, |ui| {
        ui.label("");
        for n in names {
            ui.label(n);
        }
        ui.end_row();
        for a in names {
            ui.label(a);
            for b in names {
                let score = report
                    .pairs
                    .iter()
                    .find(|p| (&p.a == a && &p.b == b) || (&p.a == b && &p.b == a))
                    .map(|p| p.exact.micro.f1);
                let (rect, _) = ui.allocate_exact_size(cell, egui::Sense::hover());
                let (fill, text) = match score {
                    Some(s) if s.is_defined() => {
                        let v = s.value.clamp(0.0, 1.0) as f32;
                        // Red (low) to green (high).
                        (
                            Color32::from_rgb((220.0 * (1.0 - v)) as u8 + 30, (180.0 * v) as u8 + 40, 60),
                            format!("{:.2}", s.value),
                        )
                    }
                    Some(_) => (Color32::GRAY, "–".to_owned()),
                    None => (ui.visuals().faint_bg_color, "·".to_owned()),
                };
                ui.painter().rect_filled(rect, 3.0, fill);
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    text,
                    egui::FontId::proportional(13.0),
                    Color32::WHITE,
                );
            }
            ui.end_row();
        }
    });
}
