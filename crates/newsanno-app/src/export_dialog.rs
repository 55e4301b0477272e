//! Project ▸ Export…: format, source, statuses and output, exported on a
//! worker thread with a progress bar; the summary says what was left out.

use std::path::PathBuf;
use std::sync::Arc;

use egui::RichText;

use crate::dialogs::{Job, PathField};
use newsanno_core::store::Project;
use newsanno_formats::{Asker, ExportRequest, Format, Source, StatusFilter};

/// What the dialog ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// The export's summary, or why it failed.
    Finished(String),
    /// Closed before starting.
    Cancel,
}

/// State of the export dialog.
pub struct ExportDialog {
    format: Format,
    source: String,
    out: PathField,
    statuses: StatusFilter,
    job: Option<Job<String>>,
}

impl ExportDialog {
    /// A dialog exporting `source` (the annotator's own spans, or gold) as JSON Lines.
    pub fn new(source: String) -> Self {
        ExportDialog {
            format: Format::Jsonl,
            source,
            out: PathField::default(),
            statuses: StatusFilter::default(),
            job: None,
        }
    }

    /// Whether the export is running (the window keeps repainting for the bar).
    pub fn working(&self) -> bool {
        self.job.is_some()
    }

    /// Draws the dialog for `project`; returns its outcome once it has one.
    pub fn ui(&mut self, ctx: &egui::Context, project: &Arc<Project>) -> Option<ExportOutcome> {
        let mut outcome = None;
        egui::Window::new("Export annotations").collapsible(false).show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Format");
                egui::ComboBox::from_id_salt("export-format").selected_text(self.format.name()).show_ui(ui, |ui| {
                    for &name in Format::NAMES {
                        if let Ok(format) = name.parse::<Format>() {
                            ui.selectable_value(&mut self.format, format, name);
                        }
                    }
                });
            });
            ui.horizontal(|ui| {
                let caption = ui.label("Source");
                ui.add(egui::TextEdit::singleline(&mut self.source).hint_text("gold, an annotator, or majority:K"))
                    .labelled_by(caption.id);
            });
            ui.horizontal(|ui| {
                ui.label("Documents");
                for status in newsanno_core::model::Status::ALL {
                    let mut on = self.statuses.counts(status);
                    if ui.checkbox(&mut on, status.as_str()).changed() {
                        self.statuses.set(status, on);
                    }
                }
            });
            ui.label("Output (a folder for brat)");
            self.out.path_field_ui(ui, "output file", matches!(self.format, Format::Brat | Format::Hf));
            if let Some(job) = &self.job {
                outcome = job
                    .progress_ui(ui)
                    .map(|result| ExportOutcome::Finished(result.unwrap_or_else(|e| format!("Export failed: {e}"))));
                return;
            }
            ui.horizontal(|ui| {
                let source = self.source.trim().parse::<Source>();
                if let Err(e) = &source {
                    ui.label(RichText::new(e).weak());
                }
                let ready = source.is_ok() && !self.out.text.trim().is_empty() && !self.statuses.statuses().is_empty();
                if ui.add_enabled(ready, egui::Button::new("Export")).clicked()
                    && let Ok(source) = source
                {
                    let request = ExportRequest {
                        format: self.format,
                        out: PathBuf::from(self.out.text.trim()),
                        source,
                        statuses: self.statuses,
                        flavor: newsanno_formats::jsonl::Flavor::Newsanno,
                        scheme: newsanno_formats::bio::Scheme::Iob2,
                        sentence_ends: newsanno_formats::bio::DEFAULT_SENTENCE_ENDS.to_owned(),
                        split: None,
                        seed: 0,
                        negatives: false,
                        dataset: newsanno_formats::DatasetOptions {
                            command: format!(
                                "Project ▸ Export… in the window: format {}, source {}, statuses {}",
                                self.format.name(),
                                self.source.trim(),
                                self.statuses
                            ),
                            ..Default::default()
                        },
                    };
                    self.job = Some(start_export(Arc::clone(project), request));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(ExportOutcome::Cancel);
                }
            });
        });
        outcome
    }
}

// Runs `request` on `project` on a worker thread; the result is the summary.
fn start_export(project: Arc<Project>, request: ExportRequest) -> Job<String> {
    Job::spawn(move |progress| {
        let summary = newsanno_formats::export(&project, &request, &mut |done, total| {
            progress(done as u64, total as u64);
        })
        .map_err(|e| e.to_string())?;
        let lines = summary.describe(&request, Asker::Window);
        Ok(lines.join("\n"))
    })
}
