//! Durable, atomic file replacement: the only way the store writes a file.
//!
//! A reader (another process, a sync client, git) sees either the old file
//! or the new one, never a torn mix, and after `write_atomic` returns the new
//! content survives a power cut: temp file in the same folder → write → fsync →
//! rename over the target → fsync the folder (so the rename itself is durable).

use std::fs::{self, File};
use std::io::Write as _;
use std::path::Path;

use crate::error::{Error, Result};

/// Prefix of temporary files, so listings can skip them and `validate` can name leftovers.
pub const TEMP_PREFIX: &str = ".newsanno-tmp-";

/// Replaces `path` with `bytes` atomically and durably. The parent folder must exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let mut temp =
        tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(".tmp").tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    temp.write_all(bytes).map_err(|e| Error::io(temp.path(), e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(temp.path(), e))?;
    set_shareable_permissions(temp.as_file(), temp.path())?;
    // On failure the NamedTempFile inside the error is dropped, which deletes it.
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir)
}

/// Flushes a folder's entries (new names, renames) to disk. A no-op where
/// folders cannot be opened as files (Windows), where rename is already durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let handle = File::open(dir).map_err(|e| Error::io(dir, e))?;
        handle.sync_all().map_err(|e| Error::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

// tempfile creates 0600 files; annotation files are shared with a team
// (git, synced folders), so give them the usual 0644.
fn set_shareable_permissions(file: &File, path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(fs::Permissions::from_mode(0o644)).map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = (file, path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, "第一版".as_bytes()).unwrap();
        write_atomic(&path, "第二版".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "第二版");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.ron"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("a.ron");
        let err = write_atomic(&path, b"x").unwrap_err();
        assert!(err.to_string().contains("missing"), "{err}");
    }
}
