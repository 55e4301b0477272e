//! One writer per annotator folder: a lock file holding the owner's pid.
//!
//! A second window on the same `annotations/<annotator>/` must not write
//! there (two autosaves would overwrite each other), so it opens read-only.
//! A lock left by a process that no longer runs (a crash) is taken over.
//!
//! The lock sits beside the folder, `annotations/.<annotator>.newsanno.lock`,
//! not in it: opening a project (a lead reviewing, say) must not create an
//! annotator folder before that person has written anything.

use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::atomic::write_atomic;

/// Name of the lock file that versions before 0.2 kept inside an annotator
/// folder; `validate` still passes over a leftover one.
pub const LEGACY_LOCK_FILE: &str = ".newsanno.lock";

/// The lock file of annotator folder `annotator_dir`: a hidden file beside it.
pub fn lock_path(annotator_dir: &Path) -> PathBuf {
    let name = annotator_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    annotator_dir.with_file_name(format!(".{name}.newsanno.lock"))
}

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct AnnotatorLock {
    path: PathBuf,
    content: String,
}

/// The result of trying to take the lock.
#[derive(Debug)]
pub enum LockOutcome {
    /// We hold it now.
    Acquired(AnnotatorLock),
    /// Another live process holds it; the message says who.
    HeldElsewhere(String),
}

fn hostname() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown-host".to_owned())
}

fn field<'a>(content: &'a str, key: &str) -> Option<&'a str> {
    content.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix('=')).map(str::trim)
}

// Whether `pid` runs on this machine. Where we cannot tell, assume it does:
// a wrong "alive" costs a read-only window, a wrong "dead" costs lost edits.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

impl AnnotatorLock {
    /// Takes the lock of annotator folder `dir`; the folder itself is not
    /// created (its parent, `annotations/`, is when missing).
    pub fn acquire(dir: &Path) -> Result<LockOutcome> {
        let path = lock_path(dir);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let content =
            format!("pid={}\nhost={}\nsince={}\n", std::process::id(), hostname(), crate::store::now_rfc3339());
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(content.as_bytes()).map_err(|e| Error::io(&path, e))?;
                file.sync_all().map_err(|e| Error::io(&path, e))?;
                return Ok(LockOutcome::Acquired(AnnotatorLock { path, content }));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        let existing = fs::read_to_string(&path).unwrap_or_default();
        let pid = field(&existing, "pid").and_then(|p| p.parse::<u32>().ok());
        let host = field(&existing, "host").unwrap_or("");
        let same_host = host == hostname();
        if let Some(pid) = pid
            && (!same_host || process_alive(pid))
        {
            let since = field(&existing, "since").unwrap_or("?");
            let mut message = format!("in use by process {pid} on {host} since {since}");
            if !same_host {
                message.push_str(&format!("; if that is stale, delete {}", path.display()));
            }
            return Ok(LockOutcome::HeldElsewhere(message));
        }
        // A dead owner (or an unreadable lock): take over, then check that no
        // other process took it over at the same moment.
        write_atomic(&path, content.as_bytes())?;
        if fs::read_to_string(&path).unwrap_or_default() == content {
            Ok(LockOutcome::Acquired(AnnotatorLock { path, content }))
        } else {
            Ok(LockOutcome::HeldElsewhere("taken over by another process just now".to_owned()))
        }
    }
}

impl Drop for AnnotatorLock {
    fn drop(&mut self) {
        // Only remove the file if it is still ours.
        if fs::read_to_string(&self.path).is_ok_and(|c| c == self.content) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_is_refused_and_dead_owner_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("alice");
        let first = match AnnotatorLock::acquire(&folder).unwrap() {
            LockOutcome::Acquired(lock) => lock,
            LockOutcome::HeldElsewhere(m) => panic!("{m}"),
        };
        match AnnotatorLock::acquire(&folder).unwrap() {
            LockOutcome::HeldElsewhere(message) => assert!(message.contains(&std::process::id().to_string())),
            LockOutcome::Acquired(_) => panic!("second lock granted"),
        }
        // The lock is beside the folder, which is not created.
        assert_eq!(lock_path(&folder), dir.path().join(".alice.newsanno.lock"));
        assert!(lock_path(&folder).is_file());
        assert!(!folder.exists());
        drop(first);
        assert!(!lock_path(&folder).exists());

        // A lock from a process that no longer exists on this host.
        let dead = format!("pid=4294967294\nhost={}\nsince=2026-01-01T00:00:00Z\n", hostname());
        fs::write(lock_path(&folder), dead).unwrap();
        assert!(matches!(AnnotatorLock::acquire(&folder).unwrap(), LockOutcome::Acquired(_)));
    }
}
