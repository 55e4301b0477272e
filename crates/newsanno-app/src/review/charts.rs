//! The dashboard's per-label table, bar chart of F1 and κ, and annotator heatmap.

use egui::{Color32, RichText, Ui};

use newsanno_agreement::render::LabelRow;
use newsanno_agreement::report::StudyReport;

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

// An x axis that names its integer marks (bar positions) and leaves the others blank.
fn names_at_integers(
    names: Vec<String>,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + 'static {
    move |mark, _| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
            names.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

pub(super) fn chart_ui(ui: &mut Ui, labels: &[LabelRow]) {
    use egui_plot::{Bar, BarChart, Legend, Plot};
    let value = |s: newsanno_agreement::Score| if s.is_defined() { s.value } else { 0.0 };
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
        .x_axis_formatter(names_at_integers(names))
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

/// Documents marked done per day, one bar per annotator and day (the day a done file was last saved).
pub(super) fn done_per_day_ui(ui: &mut Ui, stats: &newsanno_core::stats::ProjectStats) {
    use egui_plot::{Bar, BarChart, Legend, Plot};
    let mut days: Vec<&String> = stats.annotators.values().flat_map(|a| a.done_per_day.keys()).collect();
    days.sort();
    days.dedup();
    if days.is_empty() {
        return;
    }
    let names: Vec<String> = days.iter().map(|d| d.get(5..).unwrap_or(d).to_owned()).collect();
    let who: Vec<(&String, &newsanno_core::stats::AnnotatorStats)> =
        stats.annotators.iter().filter(|(_, a)| a.done > 0).collect();
    let width = 0.8 / who.len().max(1) as f64;
    ui.label(egui::RichText::new("Documents done per day").strong())
        .on_hover_text("per annotator, by the day (UTC) each done file was last saved");
    Plot::new("review-done-per-day")
        .legend(Legend::default())
        .height(160.0)
        .include_y(0.0)
        .include_x(-0.5)
        .include_x(days.len() as f64 - 0.5)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_formatter(names_at_integers(names))
        .show(ui, |plot| {
            for (k, (name, a)) in who.iter().enumerate() {
                let offset = (k as f64 - (who.len() as f64 - 1.0) / 2.0) * width;
                let bars: Vec<Bar> = days
                    .iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let n = a.done_per_day.get(*d).copied().unwrap_or(0) as f64;
                        Bar::new(i as f64 + offset, n).width(width * 0.9).name(format!("{name} {d}"))
                    })
                    .collect();
                let palette = newsanno_core::model::DEFAULT_PALETTE;
                let color = crate::colors::color_from_hex(palette[k % palette.len()]);
                plot.bar_chart(BarChart::new(name.as_str(), bars).color(color));
            }
        });
}
