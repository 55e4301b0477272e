//! Small windows: the annotator's name, opening a project, creating one from
//! articles (import on a worker thread with a progress bar). File dialogs run
//! on their own thread; where none can open (no portal, no zenity) the typed
//! path field still works and the window says why.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};

use egui::Ui;

/// A native file dialog running on a worker thread.
pub struct PendingPick {
    rx: Receiver<Option<PathBuf>>,
}

impl PendingPick {
    /// Opens a folder picker (`folder`) or a file picker.
    pub fn start(folder: bool, title: &str) -> Self {
        let (tx, rx) = mpsc::channel();
        let title = title.to_owned();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new().set_title(&title);
            let picked = if folder { dialog.pick_folder() } else { dialog.pick_file() };
            let _ = tx.send(picked);
        });
        PendingPick { rx }
    }

    /// `Some(result)` once the dialog has closed.
    pub fn poll(&self) -> Option<Option<PathBuf>> {
        self.rx.try_recv().ok()
    }
}

/// A path field with a "Browse…" button.
#[derive(Default)]
pub struct PathField {
    /// The typed or picked path.
    pub text: String,
    pick: Option<PendingPick>,
    /// Set when a dialog closed without a path.
    pub note: Option<String>,
}

impl PathField {
    /// Draws the field; `folder` chooses the kind of dialog.
    pub fn path_field_ui(&mut self, ui: &mut Ui, hint: &str, folder: bool) {
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.text).hint_text(hint).desired_width(360.0));
            if self.pick.is_some() {
                ui.spinner();
            } else if ui.button("Browse…").clicked() {
                self.note = None;
                self.pick = Some(PendingPick::start(folder, hint));
            }
        });
        if let Some(result) = self.pick.as_ref().and_then(PendingPick::poll) {
            self.pick = None;
            match result {
                Some(path) => self.text = path.display().to_string(),
                None => {
                    self.note = Some(
                        "no path chosen (if no dialog appeared, this desktop has no file-dialog portal or zenity): type the path"
                            .to_owned(),
                    );
                }
            }
        }
        if let Some(note) = &self.note {
            ui.label(egui::RichText::new(note).weak());
        }
    }
}

/// Progress of an import running on a worker thread.
#[derive(Debug, Clone, Default)]
pub struct ImportProgress {
    /// Bytes done and total.
    pub done: u64,
    /// Total bytes.
    pub total: u64,
    /// The outcome, once finished: the project folder or an error.
    pub finished: Option<Result<(PathBuf, String), String>>,
}

/// Starts `init` + `import` of `articles` into a new project at `dir` on a worker thread.
pub fn start_new_project(dir: PathBuf, articles: PathBuf) -> Arc<Mutex<ImportProgress>> {
    let progress = Arc::new(Mutex::new(ImportProgress::default()));
    let shared = Arc::clone(&progress);
    std::thread::spawn(move || {
        let result = (|| -> crate::Result<String> {
            let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "news".to_owned());
            let project = crate::store::Project::init(&dir, &name, Vec::new())?;
            let summary = crate::import::import_paths(
                &project,
                std::slice::from_ref(&articles),
                &crate::import::ImportOptions::default(),
                &mut |done, total| {
                    if let Ok(mut p) = shared.lock() {
                        p.done = done;
                        p.total = total;
                    }
                },
            )?;
            Ok(format!("imported {} documents ({} skipped as empty)", summary.imported, summary.skipped_empty.len()))
        })();
        if let Ok(mut p) = shared.lock() {
            p.finished = Some(result.map(|message| (dir, message)).map_err(|e| e.to_string()));
        }
    });
    progress
}

/// Progress of an export running on a worker thread.
#[derive(Debug, Clone, Default)]
pub struct ExportProgress {
    /// Documents looked at.
    pub done: usize,
    /// Documents in the project.
    pub total: usize,
    /// The outcome, once finished: a summary line, or an error.
    pub finished: Option<Result<String, String>>,
}

/// Runs `request` on `project` on a worker thread.
pub fn start_export(
    project: Arc<crate::store::Project>,
    request: crate::formats::ExportRequest,
) -> Arc<Mutex<ExportProgress>> {
    let progress = Arc::new(Mutex::new(ExportProgress::default()));
    let shared = Arc::clone(&progress);
    std::thread::spawn(move || {
        let result = crate::formats::export(&project, &request, &mut |done, total| {
            if let Ok(mut p) = shared.lock() {
                p.done = done;
                p.total = total;
            }
        });
        let message = result
            .map(|s| {
                let per_label: Vec<String> = s.spans_per_label.iter().map(|(l, n)| format!("{l} {n}")).collect();
                let mut lines = vec![format!(
                    "exported {} documents to {} ({}; {} spans dropped)",
                    s.documents,
                    request.out.display(),
                    per_label.join(", "),
                    s.dropped.len()
                )];
                lines.extend(s.left_out.describe(&request.statuses, crate::formats::Asker::Window));
                lines.join("\n")
            })
            .map_err(|e| e.to_string());
        if let Ok(mut p) = shared.lock() {
            p.finished = Some(message);
        }
    });
    progress
}
