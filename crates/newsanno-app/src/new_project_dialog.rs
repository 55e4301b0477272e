//! Project ▸ New project from articles…: a new folder and the articles to
//! import into it, imported on a worker thread with a progress bar.

use std::path::PathBuf;

use crate::dialogs::{Job, PathField};

/// What the dialog ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewProjectOutcome {
    /// The project was made and imported: its folder and the import's summary.
    Created(PathBuf, String),
    /// The import failed (nothing was imported): why.
    Failed(String),
    /// Closed before starting.
    Cancel,
}

/// State of the new-project dialog.
#[derive(Default)]
pub struct NewProjectDialog {
    folder: PathField,
    articles: PathField,
    job: Option<Job<(PathBuf, String)>>,
}

impl NewProjectDialog {
    /// Whether the import is running (the window keeps repainting for the bar).
    pub fn working(&self) -> bool {
        self.job.is_some()
    }

    /// Draws the dialog; returns its outcome once it has one.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<NewProjectOutcome> {
        let mut outcome = None;
        egui::Window::new("New project from articles").collapsible(false).show(ctx, |ui| {
            ui.label("New project folder");
            self.folder.path_field_ui(ui, "folder for the new project", true);
            ui.label("Articles: a .txt file, a folder of .txt files, .jsonl or .csv");
            self.articles.path_field_ui(ui, "articles to import", false);
            if let Some(job) = &self.job {
                outcome = job.progress_ui(ui).map(|result| match result {
                    Ok((dir, message)) => NewProjectOutcome::Created(dir, message),
                    Err(e) => NewProjectOutcome::Failed(e),
                });
                return;
            }
            ui.horizontal(|ui| {
                let (dir, articles) = (self.folder.text.trim(), self.articles.text.trim());
                let ready = !dir.is_empty() && !articles.is_empty();
                if ui.add_enabled(ready, egui::Button::new("Create and import")).clicked() {
                    self.job = Some(start_new_project(PathBuf::from(dir), PathBuf::from(articles)));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(NewProjectOutcome::Cancel);
                }
            });
        });
        outcome
    }
}

// `init` + `import` of `articles` into a new project at `dir`, on a worker thread.
fn start_new_project(dir: PathBuf, articles: PathBuf) -> Job<(PathBuf, String)> {
    Job::spawn(move |progress| {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "news".to_owned());
        let imported = (|| -> newsanno_core::Result<String> {
            let project = newsanno_core::store::Project::init(&dir, &name, Vec::new())?;
            let summary = newsanno_formats::import::import_paths(
                &project,
                std::slice::from_ref(&articles),
                &newsanno_formats::import::ImportOptions::default(),
                &mut |done, total| progress(done, total),
            )?;
            Ok(format!("imported {} documents ({} skipped as empty)", summary.imported, summary.skipped_empty.len()))
        })();
        imported.map(|message| (dir, message)).map_err(|e| e.to_string())
    })
}
