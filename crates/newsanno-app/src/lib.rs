//! newsanno-app: the annotation window (eframe/egui).
//!
//! One file per view: `document_list`, `article_view`, `side_panel`,
//! `status_bar`, `find_bar`, `review` (the dashboard), and one per dialog
//! (`name_prompt`, `open_dialog`, `new_project_dialog`, `export_dialog`;
//! `dialogs` holds what they share); `keys` maps keys to commands; `shell`
//! wires them together. The state and the actions are newsanno-session's
//! (no egui there).

pub mod article_view;
pub mod colors;
pub mod dialogs;
pub mod document_list;
pub mod export_dialog;
pub mod find_bar;
pub mod fonts;
pub mod keys;
pub mod launch;
pub mod name_prompt;
pub mod new_project_dialog;
pub mod open_dialog;
pub mod review;
pub mod sample;
pub mod screenshot;
pub mod shell;
pub mod side_panel;
pub mod status_bar;

pub use launch::LaunchOptions;
use launch::STARTED;
pub use shell::NewsannoApp;

/// The window's icon: the 64-pixel rendering of assets/icons/newsanno.svg.
const WINDOW_ICON: &[u8] = include_bytes!("../../../assets/icons/hicolor/64x64/apps/newsanno.png");

/// Opens the window and runs until it is closed.
pub fn run(launch: LaunchOptions) -> Result<(), String> {
    let _ = STARTED.set(std::time::Instant::now());
    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([800.0, 500.0])
        // The .desktop file's name, so desktops match the window to its entry and icon.
        .with_app_id("newsanno")
        .with_title("newsanno");
    // The packages' icon, for the title bar and task switchers (the PNG is ours: it decodes).
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, renderer: eframe::Renderer::Glow, ..Default::default() };
    eframe::run_native("newsanno", options, Box::new(move |cc| Ok(Box::new(NewsannoApp::new(cc, launch)))))
        .map_err(|e| e.to_string())
}
