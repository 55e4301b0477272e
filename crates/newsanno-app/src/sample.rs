//! The bundled sample project, copied into the user's data folder on first
//! run so that work done on it never lands in the source tree.

use std::path::{Path, PathBuf};

use newsanno_core::error::{Error, Result};

include!(concat!(env!("OUT_DIR"), "/sample_files.rs"));

/// The app's data folder (`$XDG_DATA_HOME/newsanno` on Linux), as eframe uses it.
pub fn data_dir() -> Option<PathBuf> {
    eframe::storage_dir("newsanno")
}

/// The sample project in the data folder, copied there if it is not yet.
pub fn ensure_sample() -> Result<PathBuf> {
    let dir = data_dir().ok_or_else(|| Error::Usage("no data folder (is HOME set?)".to_owned()))?.join("sample");
    install_sample(&dir)?;
    Ok(dir)
}

/// Writes the sample project into `dir` unless it already holds a project.
pub fn install_sample(dir: &Path) -> Result<()> {
    if dir.join(newsanno_core::store::PROJECT_FILE).exists() {
        return Ok(());
    }
    for (rel, bytes) in SAMPLE_FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        newsanno_core::store::atomic::write_atomic(&path, bytes)?;
    }
    newsanno_core::store::write_gitignore(dir)?;
    Ok(())
}
