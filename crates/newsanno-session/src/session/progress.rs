//! The annotator's progress in the session: documents done, the queue,
//! pace and active time, and the conflicting copies a synced folder left.

use std::sync::Arc;
use std::time::{Duration, Instant};

use newsanno_core::model::Status;

use super::{DocRow, IDLE_AFTER, OpenDocument, OtherVersion, RowStatus, SaveState, Session};

impl Session {
    /// Number of documents marked done.
    pub fn done_count(&self) -> usize {
        self.rows.iter().filter(|r| r.status == RowStatus::Status(Status::Done)).count()
    }

    /// Whether the project assigns this annotator any document (then the list opens on "my queue").
    pub fn has_queue(&self) -> bool {
        self.assignments.is_some() && self.rows.iter().any(|r| r.mine)
    }

    /// My assigned documents, and how many of them are done.
    pub fn queue_progress(&self) -> (usize, usize) {
        let mine = self.rows.iter().filter(|r| r.mine);
        let done = mine.clone().filter(|r| r.status == RowStatus::Status(Status::Done)).count();
        (done, mine.count())
    }

    /// My pace: active seconds per timed document and spans per active hour (`None` before any time is recorded).
    pub fn pace(&self) -> Option<(f64, f64)> {
        let timed: Vec<&DocRow> = self.rows.iter().filter(|r| r.active_seconds > 0).collect();
        let seconds: u64 = timed.iter().map(|r| r.active_seconds).sum();
        if seconds == 0 {
            return None;
        }
        let spans: usize = timed.iter().map(|r| r.spans).sum();
        Some((seconds as f64 / timed.len() as f64, spans as f64 * 3600.0 / seconds as f64))
    }

    /// The open document's other versions that a sync tool left.
    pub fn open_conflicts(&self) -> &[OtherVersion] {
        self.current.as_ref().and_then(|c| self.conflicts.get(c.doc.id())).map_or(&[], Vec::as_slice)
    }

    /// Resolves the open document's sync conflict with copy `index`: keeps
    /// this version (`keep_copy` false: the copy goes to the trash) or the
    /// copy's (its content becomes the file, this version goes to the trash;
    /// refused when the copy does not read as this document's file). Nothing is deleted.
    pub fn resolve_conflict(&mut self, index: usize, keep_copy: bool) {
        let Some(current) = &self.current else { return };
        let (id, position) = (current.doc.id().to_owned(), current.position);
        let Some(copy) = self.conflicts.get(&id).and_then(|c| c.get(index)).map(|v| v.copy.clone()) else { return };
        let root = self.project.root().to_path_buf();
        let result = (|| -> newsanno_core::Result<String> {
            if !keep_copy {
                let moved = newsanno_core::store::conflicts::move_to_trash(&root, &copy.path)?;
                return Ok(format!("kept this version; the other is in {}", moved.display()));
            }
            let (other, _) = newsanno_core::store::annotation_file::read(&copy.path)?;
            if other.document != id || other.annotator != self.annotator {
                return Err(newsanno_core::Error::invalid(
                    &copy.path,
                    format!(
                        "it is {}'s file for {}, not {}'s for {id}",
                        other.annotator, other.document, self.annotator
                    ),
                ));
            }
            let bytes = std::fs::read(&copy.path).map_err(|e| newsanno_core::Error::io(&copy.path, e))?;
            // Everything of this document on disk first, so no save of this version lands after.
            self.flush(Duration::from_secs(10)).map_err(newsanno_core::Error::Usage)?;
            let path = self.project.annotation_path(&self.annotator, &id);
            let moved =
                if path.exists() { Some(newsanno_core::store::conflicts::move_to_trash(&root, &path)?) } else { None };
            newsanno_core::store::atomic::write_atomic(&path, &bytes)?;
            newsanno_core::store::conflicts::move_to_trash(&root, &copy.path)?;
            self.histories.remove(&id);
            Ok(match moved {
                Some(m) => format!("kept the other version; this one is in {}", m.display()),
                None => "kept the other version".to_owned(),
            })
        })();
        match result {
            Ok(text) => {
                if let Some(list) = self.conflicts.get_mut(&id) {
                    list.retain(|v| v.copy.path != copy.path);
                }
                if keep_copy {
                    self.open_document(position);
                    if let Some(current) = &self.current {
                        let row = &mut self.rows[position];
                        row.status = RowStatus::Status(current.file.status);
                        row.spans = current.file.spans.len();
                        self.rows_version += 1;
                    }
                }
                self.flash(text);
            }
            Err(e) => self.flash(format!("the conflict is not resolved: {e}")),
        }
    }

    /// Input arrived at `at` (a key, a click, a scroll…): the time since the
    /// previous input counts as active time on the open document, unless it
    /// is over [`IDLE_AFTER`] (the annotator was away).
    pub fn note_input(&mut self, at: Instant) {
        if let (Some(last), Some(current)) = (self.last_input, self.current.as_mut()) {
            let gap = at.saturating_duration_since(last);
            if gap <= IDLE_AFTER {
                current.active += gap;
            }
        }
        self.last_input = Some(at);
    }

    // Moves the open document's whole seconds of active time into its file (no save).
    pub(super) fn fold_active_time(current: &mut OpenDocument) -> bool {
        let seconds = current.active.as_secs();
        if seconds == 0 || current.read_only.is_some() {
            return false;
        }
        Arc::make_mut(&mut current.file).active_seconds += seconds;
        current.active -= Duration::from_secs(seconds);
        true
    }

    /// Writes the open document's active time to its file when it has one
    /// (leaving the document, closing the window). Time on a document that
    /// was only looked at, with no file, is not recorded (no file is made for it).
    pub fn record_active_time(&mut self) {
        let Some(current) = self.current.as_mut() else { return };
        if !current.has_file || current.active.as_secs() == 0 || current.read_only.is_some() {
            return;
        }
        self.saver.withdraw(&current.file.document);
        if Self::fold_active_time(current) {
            self.rows[current.position].active_seconds = current.file.active_seconds;
            let seq = self.saver.save_shared(Arc::clone(&current.doc), Arc::clone(&current.file));
            self.unsaved.insert(current.file.document.clone(), seq);
            if self.failing.is_empty() {
                self.save_state = SaveState::Saving;
            }
        }
    }
}
