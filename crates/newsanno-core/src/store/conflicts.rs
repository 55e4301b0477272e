//! Copies that sync tools and merges leave beside a file when two machines
//! changed it: Syncthing's `d01.sync-conflict-20261202-101010-ABCDEFG.ron`,
//! Dropbox's `d01 (alice's conflicted copy 2026-12-02).ron`, Nextcloud's
//! `d01 (conflicted copy 2026-12-02 101010).ron`, git's `d01.ron.orig`.
//!
//! `validate` names them; the window offers to keep one version. The version
//! not kept is moved to `.newsanno-trash/` (git-ignored), never deleted.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::{ANNOTATIONS_DIR, CORPUS_DIR, TRASH_DIR};

/// A conflicting copy found in a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    /// The copy.
    pub path: PathBuf,
    /// The file it is a version of.
    pub original: PathBuf,
    /// Who left it: "Syncthing", "Dropbox or Nextcloud", "git".
    pub tool: &'static str,
}

/// The name of the file `name` is a conflicting copy of, and which tool
/// leaves such names; `None` for an ordinary name.
pub fn original_of(name: &str) -> Option<(String, &'static str)> {
    if let Some(at) = name.find(".sync-conflict-") {
        // The tag (date, time, device) has no dot: the extension follows it.
        let rest = &name[at + ".sync-conflict-".len()..];
        let ext = rest.find('.').map_or("", |dot| &rest[dot..]);
        return Some((format!("{}{ext}", &name[..at]), "Syncthing"));
    }
    if let Some(open) = name.find(" (")
        && let Some(close) = name[open..].find(')')
        && name[open..open + close].contains("conflicted copy")
    {
        return Some((format!("{}{}", &name[..open], &name[open + close + 1..]), "Dropbox or Nextcloud"));
    }
    if let Some(original) = name.strip_suffix(".orig")
        && !original.is_empty()
    {
        return Some((original.to_owned(), "git"));
    }
    None
}

/// Every conflicting copy in the project folder, its annotator folders and corpus, sorted.
pub fn find_conflicts(root: &Path) -> Vec<ConflictCopy> {
    let mut folders = vec![root.to_path_buf(), root.join(CORPUS_DIR)];
    if let Ok(listing) = std::fs::read_dir(root.join(ANNOTATIONS_DIR)) {
        folders.extend(listing.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    let mut out = Vec::new();
    for folder in folders {
        out.extend(conflicts_in(&folder));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The conflicting copies directly in `folder`.
pub fn conflicts_in(folder: &Path) -> Vec<ConflictCopy> {
    let Ok(listing) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut out: Vec<ConflictCopy> = listing
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (original, tool) = original_of(&name)?;
            Some(ConflictCopy { path: e.path(), original: folder.join(original), tool })
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Moves `path` into the project's trash (`.newsanno-trash/<its folder>/<time>-<name>`),
/// keeping it; returns where it went.
pub fn move_to_trash(root: &Path, path: &Path) -> Result<PathBuf> {
    let relative_folder = path.parent().and_then(|p| p.strip_prefix(root).ok()).unwrap_or(Path::new(""));
    let folder = root.join(TRASH_DIR).join(relative_folder);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stamp = crate::store::now_rfc3339().replace(':', "");
    let mut target = folder.join(format!("{stamp}-{name}"));
    let mut k = 1;
    while target.exists() {
        k += 1;
        target = folder.join(format!("{stamp}-{k}-{name}"));
    }
    std::fs::rename(path, &target).map_err(|e| Error::io(path, e))?;
    crate::store::atomic::sync_dir(&folder)?;
    if let Some(parent) = path.parent() {
        crate::store::atomic::sync_dir(parent)?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_sync_tools_and_git_leave_are_recognised() {
        let cases = [
            ("d01.sync-conflict-20261202-101010-ABCDEFG.ron", Some(("d01.ron", "Syncthing"))),
            ("新闻-2.sync-conflict-20261202-101010-7ZK4QXB.ron", Some(("新闻-2.ron", "Syncthing"))),
            ("d01 (alice's conflicted copy 2026-12-02).ron", Some(("d01.ron", "Dropbox or Nextcloud"))),
            ("d01 (conflicted copy 2026-12-02 101010).ron", Some(("d01.ron", "Dropbox or Nextcloud"))),
            ("assignments.ron.orig", Some(("assignments.ron", "git"))),
            ("d01.ron", None),
            ("d01 (draft).ron", None),
            (".orig", None),
        ];
        for (name, want) in cases {
            let got = original_of(name);
            assert_eq!(got.as_ref().map(|(o, t)| (o.as_str(), *t)), want, "{name}");
        }
    }

    #[test]
    fn copies_are_found_in_annotator_folders_and_trashed_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let alice = dir.path().join("annotations/alice");
        std::fs::create_dir_all(&alice).unwrap();
        std::fs::write(alice.join("d01.ron"), "mine").unwrap();
        std::fs::write(alice.join("d01.sync-conflict-20261202-101010-ABCDEFG.ron"), "theirs").unwrap();
        std::fs::write(dir.path().join("assignments.ron.orig"), "old").unwrap();
        let found = find_conflicts(dir.path());
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].original, alice.join("d01.ron"), "sorted by path: annotations/ first");
        assert_eq!(found[1].original, dir.path().join("assignments.ron"));
        let moved = move_to_trash(dir.path(), &found[0].path).unwrap();
        assert!(moved.starts_with(dir.path().join(".newsanno-trash/annotations/alice")), "{}", moved.display());
        assert_eq!(std::fs::read_to_string(moved).unwrap(), "theirs");
        assert_eq!(find_conflicts(dir.path()).len(), 1);
    }
}
