//! `--screenshot PNG`: after the first frames settle, the window takes a
//! picture of itself (`ctx.request_screenshot`), saves it and closes.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A screenshot on its way.
pub struct ScreenshotJob {
    path: PathBuf,
    requested: bool,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
}

impl ScreenshotJob {
    /// A picture to be saved at `path`.
    pub fn new(path: PathBuf) -> Self {
        ScreenshotJob { path, requested: false, image: Arc::default() }
    }

    /// Call once per frame (`frame` counts from 1); true once the picture is
    /// saved (or could not be) and the window is asked to close.
    pub fn step(&mut self, ctx: &egui::Context, frame: u64) -> bool {
        if frame == 1
            && let Some(started) = crate::launch::STARTED.get()
        {
            eprintln!("first frame drawn {:.0} ms after start", started.elapsed().as_secs_f64() * 1000.0);
        }
        ctx.request_repaint();
        // Let a few frames settle (fonts, layout, scroll) before the picture.
        if !self.requested && frame >= 8 {
            self.requested = true;
            let slot = Arc::clone(&self.image);
            ctx.request_screenshot(move |image| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(image);
                }
            });
        }
        let Some(image) = self.image.lock().ok().and_then(|mut s| s.take()) else { return false };
        let [w, h] = image.size;
        let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        match image::save_buffer(&self.path, &rgba, w as u32, h as u32, image::ColorType::Rgba8) {
            Ok(()) => eprintln!("screenshot saved to {}", self.path.display()),
            Err(e) => eprintln!("error: cannot save screenshot {}: {e}", self.path.display()),
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        true
    }
}
