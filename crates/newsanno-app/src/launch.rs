//! How the window is started: the options the command line gives, and when.

use std::path::PathBuf;

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct LaunchOptions {
    /// Project to open (default: the last one, else the bundled sample).
    pub project: Option<PathBuf>,
    /// Annotator name (default: the remembered one, else the window asks).
    pub annotator: Option<String>,
    /// Document to open first (default: the last one opened).
    pub document: Option<String>,
    /// Start in review mode (agreement dashboard; with `document`, that document's adjudication).
    pub review: bool,
    /// Save a screenshot here after the first frames, then exit.
    pub screenshot: Option<PathBuf>,
    /// Draw every relation in view from the start (it is remembered, like the View menu's toggle).
    pub all_relations: bool,
}

/// When `run` was called, to report start-to-first-frame with `--screenshot`.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
