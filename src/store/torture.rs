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
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
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
        let seq = saver.save(Arc::clone(&doc), snapshot);
        let _ = writeln!(out, "submitted {id} {seq} {digest}");
        let _ = out.flush();
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
