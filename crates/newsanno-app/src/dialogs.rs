//! What the small windows share: a path field whose file dialog runs on its
//! own thread (where none can open — no portal, no zenity — the typed path
//! still works and the window says why), work on a worker thread with a
//! progress bar, and a message box. Each dialog has its own file.

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

/// Work on a worker thread that reports progress and ends with a result:
/// the import of a new project and an export share it (one progress bar).
pub struct Job<T> {
    state: Arc<Mutex<JobState<T>>>,
}

struct JobState<T> {
    done: u64,
    total: u64,
    finished: Option<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread; it reports progress through its argument.
    pub fn spawn(work: impl FnOnce(&mut dyn FnMut(u64, u64)) -> Result<T, String> + Send + 'static) -> Self {
        let state = Arc::new(Mutex::new(JobState { done: 0, total: 0, finished: None }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            let progress = Arc::clone(&shared);
            let result = work(&mut |done, total| {
                if let Ok(mut s) = progress.lock() {
                    s.done = done;
                    s.total = total;
                }
            });
            if let Ok(mut s) = shared.lock() {
                s.finished = Some(result);
            }
        });
        Job { state }
    }

    /// How far it is, 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.state.lock().map_or(0.0, |s| if s.total == 0 { 0.0 } else { s.done as f32 / s.total as f32 })
    }

    /// The result, once (later calls give `None`).
    pub fn take_finished(&self) -> Option<Result<T, String>> {
        self.state.lock().ok().and_then(|mut s| s.finished.take())
    }

    /// Draws the progress bar; returns the result once the work is done.
    pub fn progress_ui(&self, ui: &mut Ui) -> Option<Result<T, String>> {
        ui.add(egui::ProgressBar::new(self.fraction()).show_percentage());
        self.take_finished()
    }
}

/// A message with an OK button; true once it is dismissed.
pub fn message_ui(ctx: &egui::Context, text: &str) -> bool {
    let mut ok = false;
    egui::Window::new("newsanno").collapsible(false).resizable(false).show(ctx, |ui| {
        ui.label(text);
        ok = ui.button("OK").clicked();
    });
    ok
}
