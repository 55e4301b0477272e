//! Durable, atomic file replacement: the only way the store writes a file.
//!
//! A reader (another process, a sync client, git) sees either the old file
//! or the new one, never a torn mix, and after `write_atomic` returns the new
//! content survives a power cut: temp file in the same folder → write → fsync →
//! rename over the target → fsync the folder (so the rename itself is durable).

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::Path;

use crate::error::{Error, Result};

/// Prefix of temporary files, so listings can skip them and `validate` can name leftovers.
pub const TEMP_PREFIX: &str = ".newsanno-tmp-";

/// Replaces `path` with `bytes` atomically and durably. The parent folder must exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let mut temp =
        tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(".tmp").tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    // Errors name the target: the temporary file is deleted on the way out and means nothing to a user.
    write_all_checked(temp.as_file_mut(), dir, bytes).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    set_shareable_permissions(temp.as_file(), path)?;
    // On failure the NamedTempFile inside the error is dropped, which deletes it.
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir)
}

// The one place file content is written, so that a simulated full disk
// (see [`simulated_disk_full`]) fails exactly where a real one would: part of
// the temporary file written, then ENOSPC, the target never touched.
fn write_all_checked(file: &mut File, dir: &Path, bytes: &[u8]) -> io::Result<()> {
    #[cfg(not(any(test, feature = "test-support")))]
    let _ = dir;
    #[cfg(any(test, feature = "test-support"))]
    if let Some(free) = simulated_disk_full::free_bytes(dir) {
        let fits = usize::try_from(free).unwrap_or(usize::MAX).min(bytes.len());
        file.write_all(&bytes[..fits])?;
        if fits < bytes.len() {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device (simulated full disk)"));
        }
        return Ok(());
    }
    file.write_all(bytes)
}

/// A full disk, simulated for one folder tree, for tests (feature
/// `test-support`, which the crate's own tests turn on; not in the binary).
///
/// While a folder is "full", every [`write_atomic`] below it can write only
/// `free_bytes` bytes of its temporary file before failing with
/// `ErrorKind::StorageFull`, as a real full disk does. Other folders are
/// unaffected, so tests running in parallel do not disturb each other.
#[cfg(any(test, feature = "test-support"))]
pub mod simulated_disk_full {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    static ANY: AtomicBool = AtomicBool::new(false);
    static FULL: Mutex<Vec<(PathBuf, u64)>> = Mutex::new(Vec::new());

    /// Makes writes below `folder` fail once they pass `free_bytes`.
    pub fn fill(folder: &Path, free_bytes: u64) {
        let folder = canonical(folder);
        let mut full = FULL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        full.retain(|(f, _)| *f != folder);
        full.push((folder, free_bytes));
        ANY.store(true, Ordering::SeqCst);
    }

    /// Gives `folder` its space back.
    pub fn free(folder: &Path) {
        let folder = canonical(folder);
        let mut full = FULL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        full.retain(|(f, _)| *f != folder);
        ANY.store(!full.is_empty(), Ordering::SeqCst);
    }

    /// The simulated free space for a write into `dir`, if its tree is "full".
    pub(super) fn free_bytes(dir: &Path) -> Option<u64> {
        if !ANY.load(Ordering::SeqCst) {
            return None;
        }
        let dir = canonical(dir);
        let full = FULL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        full.iter().filter(|(f, _)| dir.starts_with(f)).map(|(_, free)| *free).min()
    }

    fn canonical(path: &Path) -> PathBuf {
        path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
    }
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
pub(crate) fn set_shareable_permissions(file: &File, path: &Path) -> Result<()> {
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
    fn a_full_disk_leaves_the_old_file_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, "第一版".as_bytes()).unwrap();
        simulated_disk_full::fill(dir.path(), 4);
        let err = write_atomic(&path, "第二版，更长的内容".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("No space left"), "{err}");
        assert!(err.to_string().contains("a.ron"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "第一版");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.ron"]);
        simulated_disk_full::free(dir.path());
        write_atomic(&path, "第二版，更长的内容".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "第二版，更长的内容");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("a.ron");
        let err = write_atomic(&path, b"x").unwrap_err();
        assert!(err.to_string().contains("missing"), "{err}");
    }
}
