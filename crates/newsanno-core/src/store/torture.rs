//! A child process for crash testing: random edits saved through the same
//! path as the window's autosave ([`Saver`] → [`Project::save_annotation`]),
//! reporting on stdout what it submitted and what was acknowledged, so a
//! parent can kill it at any moment and check that nothing was torn or lost.
//!
//! Protocol, one line each, flushed:
//! `submitted <doc> <seq> <digest>` before a snapshot goes to the saver;
//! `saved <doc> <seq>` once the saver reports it on disk.

use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;

use sha2::{Digest as _, Sha256};

use crate::error::Result;
use crate::model::{AnnotationFile, Status};
use crate::store::Project;
use crate::store::annotation_file::to_ron_string;
use crate::store::saver::{SaveEvent, Saver};

/// A digest of what an annotation file says, ignoring the `modified` stamp.
pub fn content_digest(file: &AnnotationFile) -> String {
    let mut f = file.clone();
    f.modified.clear();
    f.sort_spans();
    let digest = Sha256::digest(to_ron_string(&f).as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// Runs `edits` random edits (seeded) on the project's documents as `annotator`.
pub fn run(dir: &Path, annotator: &str, seed: u64, edits: usize) -> Result<()> {
    let project = Arc::new(Project::open(dir)?);
    let mut saver = Saver::new(Arc::clone(&project));
    let mut rng = crate::rng::Rng::new(seed);
    let mut next = move |n: usize| rng.below(n.max(1));
    let labels: Vec<String> = project.labels().iter().map(|l| l.name.clone()).collect();
    let ids: Vec<String> = project.documents().iter().map(|d| d.id.clone()).collect();
    let mut files: std::collections::HashMap<String, AnnotationFile> = std::collections::HashMap::new();
    let mut out = std::io::stdout().lock();
    for _ in 0..edits {
        let id = &ids[next(ids.len())];
        let doc = Arc::new(project.load_document(id)?);
        let file = match files.get_mut(id) {
            Some(f) => f,
            None => {
                let start = match project.load_annotation(annotator, &doc)? {
                    Some(l) if l.read_only.is_none() => l.file,
                    _ => AnnotationFile::new(id, annotator, &doc.entry.text_hash),
                };
                files.entry(id.clone()).or_insert(start)
            }
        };
        let len = doc.text.char_len();
        match next(4) {
            0 | 1 if len > 1 => {
                let start = next(len - 1);
                let end = (start + 1 + next(6)).min(len);
                let _ = file.add_span(&doc.text, start, end, &labels[next(labels.len())]);
            }
            2 if !file.spans.is_empty() => {
                let id = file.spans[next(file.spans.len())].id;
                let _ = file.remove_span(id);
            }
            _ => {
                file.status = [Status::InProgress, Status::Done, Status::Skipped][next(3)];
                file.comment = format!("edit {}", next(1000));
            }
        }
        let snapshot = file.clone();
        let digest = content_digest(&snapshot);
        // Reported before it is handed over: once the saver has it, the file
        // may hold it at any moment, and a kill may come before the next line.
        let seq = saver.next_seq();
        let _ = writeln!(out, "submitted {id} {seq} {digest}");
        let _ = out.flush();
        let handed = saver.save(Arc::clone(&doc), snapshot);
        debug_assert_eq!(handed, seq);
        for event in saver.poll() {
            if let SaveEvent::Saved { document, seq } = event {
                let _ = writeln!(out, "saved {document} {seq}");
                let _ = out.flush();
            }
        }
    }
    let _ = saver.flush(std::time::Duration::from_secs(30));
    for event in saver.poll() {
        if let SaveEvent::Saved { document, seq } = event {
            let _ = writeln!(out, "saved {document} {seq}");
        }
    }
    let _ = out.flush();
    Ok(())
}

/// What one kill round saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundOutcome {
    /// Snapshots the child handed to the saver.
    pub submitted: usize,
    /// Saves the child saw acknowledged.
    pub acknowledged: usize,
}

fn digests_on_disk(
    project: &Project,
    annotator: &str,
) -> std::result::Result<std::collections::HashMap<String, String>, String> {
    let mut out = std::collections::HashMap::new();
    for entry in project.documents() {
        let path = project.annotation_path(annotator, &entry.id);
        if path.exists() {
            let (file, _) =
                crate::store::annotation_file::read(&path).map_err(|e| format!("torn or broken file: {e}"))?;
            out.insert(entry.id.clone(), content_digest(&file));
        }
    }
    Ok(out)
}

/// Runs `newsanno torture` (binary `exe`) on `dir`, SIGKILLs it after
/// `kill_after`, and checks every file: it parses, and it holds a state the
/// child submitted no older than the last save it saw acknowledged (or, with
/// no acknowledgement, possibly the state from before the round).
pub fn kill_round(
    exe: &Path,
    dir: &Path,
    seed: u64,
    kill_after: std::time::Duration,
) -> std::result::Result<RoundOutcome, String> {
    use std::collections::HashMap;
    use std::io::BufRead as _;
    let project = Project::open(dir).map_err(|e| e.to_string())?;
    let before = digests_on_disk(&project, "torture")?;
    let mut child = std::process::Command::new(exe)
        .args(["torture", &dir.to_string_lossy(), "--seed", &seed.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        std::io::BufReader::new(stdout).lines().map_while(std::result::Result::ok).collect::<Vec<_>>()
    });
    std::thread::sleep(kill_after);
    // SIGKILL on Unix: no destructor, no flush, no chance to finish a write.
    child.kill().map_err(|e| e.to_string())?;
    child.wait().map_err(|e| e.to_string())?;
    let lines = reader.join().map_err(|_| "reader thread failed")?;
    let mut submitted: HashMap<String, Vec<(u64, String)>> = HashMap::new();
    let mut saved: HashMap<String, u64> = HashMap::new();
    let mut outcome = RoundOutcome::default();
    for line in &lines {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["submitted", doc, seq, digest] => {
                outcome.submitted += 1;
                submitted.entry((*doc).to_owned()).or_default().push((seq.parse().unwrap_or(0), (*digest).to_owned()));
            }
            ["saved", doc, seq] => {
                outcome.acknowledged += 1;
                let e = saved.entry((*doc).to_owned()).or_default();
                *e = (*e).max(seq.parse().unwrap_or(0));
            }
            _ => {}
        }
    }
    let after = digests_on_disk(&project, "torture")?;
    for (doc, digest) in &after {
        let floor = saved.get(doc).copied();
        let allowed =
            submitted.get(doc).into_iter().flatten().any(|(seq, d)| d == digest && floor.is_none_or(|f| *seq >= f));
        let unchanged = floor.is_none() && before.get(doc) == Some(digest);
        if !allowed && !unchanged {
            return Err(format!("{doc} holds a state the child never submitted after its last acknowledged save"));
        }
    }
    if let Some(doc) = saved.keys().find(|d| !after.contains_key(*d)) {
        return Err(format!("acknowledged {doc} is missing"));
    }
    Ok(outcome)
}
