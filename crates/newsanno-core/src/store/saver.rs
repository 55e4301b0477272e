//! Background saving: the window hands over a snapshot after every edit and
//! goes on drawing; a worker thread writes it through
//! [`Project::save_annotation`] (atomic, durable), keeps failed saves and
//! retries them, and reports every outcome.
//!
//! Snapshots wait in a mailbox (one per document, the newest wins) that the
//! worker empties when it is free. A snapshot is shared (`Arc`) with the
//! window until then: before its next edit the window takes a waiting one
//! back ([`Saver::withdraw`]), so editing never copies the file while the
//! worker is busy with an fsync; the worker copies it on its own thread.

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::model::{AnnotationFile, Document};
use crate::store::Project;

/// How long a failed save waits before the next try.
pub const RETRY_INTERVAL: Duration = Duration::from_secs(1);

/// What happened to a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveEvent {
    /// The file for `document` is on disk.
    Saved {
        /// Document id.
        document: String,
        /// Sequence number of the snapshot written (see [`Saver::save`]).
        seq: u64,
    },
    /// Writing failed; the snapshot is kept and retried.
    Failed {
        /// Document id.
        document: String,
        /// What went wrong.
        error: String,
    },
}

struct Job {
    doc: Arc<Document>,
    file: AnnotationFile,
    seq: u64,
}

// A snapshot as queued: shared with the caller until the worker takes its copy.
struct Queued {
    doc: Arc<Document>,
    file: Arc<AnnotationFile>,
    seq: u64,
}

enum Message {
    // Something was put in the mailbox.
    Wake,
    Flush(Sender<Result<(), String>>),
}

// Snapshots not yet taken by the worker, by document.
type Mailbox = Arc<Mutex<BTreeMap<String, Queued>>>;

/// A save worker for one project.
pub struct Saver {
    next_seq: u64,
    mailbox: Mailbox,
    tx: Option<Sender<Message>>,
    events: Receiver<SaveEvent>,
    handle: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Saver").finish_non_exhaustive()
    }
}

impl Saver {
    /// Starts the worker.
    pub fn new(project: Arc<Project>) -> Self {
        let (tx, rx) = mpsc::channel();
        let (events_tx, events) = mpsc::channel();
        let mailbox = Mailbox::default();
        let shared = Arc::clone(&mailbox);
        let handle = std::thread::Builder::new()
            .name("newsanno-saver".to_owned())
            .spawn(move || worker(&project, &shared, &rx, &events_tx))
            .ok();
        Saver { next_seq: 1, mailbox, tx: Some(tx), events, handle }
    }

    /// Queues `file` for saving and returns its sequence number; a newer
    /// snapshot of the same document replaces an older one not yet written.
    pub fn save(&mut self, doc: Arc<Document>, file: AnnotationFile) -> u64 {
        self.save_shared(doc, Arc::new(file))
    }

    /// [`Saver::save`] of a shared snapshot: the worker copies it on its own
    /// thread, so the caller's next `Arc::make_mut` usually copies nothing.
    pub fn save_shared(&mut self, doc: Arc<Document>, file: Arc<AnnotationFile>) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        if let Some(tx) = &self.tx {
            if let Ok(mut mailbox) = self.mailbox.lock() {
                mailbox.insert(file.document.clone(), Queued { doc, file, seq });
            }
            let _ = tx.send(Message::Wake);
        }
        seq
    }

    /// The sequence number the next [`Saver::save`] returns (the crash harness
    /// reports a snapshot before handing it over, so a kill in between is no
    /// false alarm).
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Takes back `document`'s snapshot if the worker has not taken it yet
    /// (the caller is about to edit and submit a newer one); true if it did.
    pub fn withdraw(&mut self, document: &str) -> bool {
        self.mailbox.lock().is_ok_and(|mut mailbox| mailbox.remove(document).is_some())
    }

    /// Outcomes since the last call.
    pub fn poll(&self) -> Vec<SaveEvent> {
        self.events.try_iter().collect()
    }

    /// Writes everything queued now and waits up to `timeout`; `Err` lists what is still unsaved.
    pub fn flush(&self, timeout: Duration) -> Result<(), String> {
        let Some(tx) = &self.tx else { return Ok(()) };
        let (reply_tx, reply) = mpsc::channel();
        tx.send(Message::Flush(reply_tx)).map_err(|_| "the save worker has stopped".to_owned())?;
        reply.recv_timeout(timeout).map_err(|_| "saving did not finish in time".to_owned())?
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel lets the worker write what is left and stop.
        self.tx = None;
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

fn worker(project: &Project, mailbox: &Mailbox, rx: &Receiver<Message>, events: &Sender<SaveEvent>) {
    let mut pending: BTreeMap<String, Job> = BTreeMap::new();
    loop {
        let message = if pending.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(RETRY_INTERVAL)
        };
        let mut flushes = Vec::new();
        let disconnected = match message {
            Ok(m) => {
                take(m, &mut flushes);
                for m in rx.try_iter() {
                    take(m, &mut flushes);
                }
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        // A burst of edits is one write per document: the newest snapshot.
        let queued = mailbox.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default();
        for (document, Queued { doc, file, seq }) in queued {
            pending.insert(document, Job { doc, file: Arc::unwrap_or_clone(file), seq });
        }
        write_pending(project, &mut pending, events);
        for reply in flushes {
            let result = if pending.is_empty() {
                Ok(())
            } else {
                Err(format!("not saved: {}", pending.keys().cloned().collect::<Vec<_>>().join(", ")))
            };
            let _ = reply.send(result);
        }
        if disconnected {
            return;
        }
    }
}

fn take(message: Message, flushes: &mut Vec<Sender<Result<(), String>>>) {
    match message {
        Message::Wake => {}
        Message::Flush(reply) => flushes.push(reply),
    }
}

fn write_pending(project: &Project, pending: &mut BTreeMap<String, Job>, events: &Sender<SaveEvent>) {
    let ids: Vec<String> = pending.keys().cloned().collect();
    for id in ids {
        let Some(job) = pending.get_mut(&id) else { continue };
        match project.save_annotation(&mut job.file, &job.doc) {
            Ok(()) => {
                let seq = job.seq;
                pending.remove(&id);
                let _ = events.send(SaveEvent::Saved { document: id, seq });
            }
            Err(e) => {
                let _ = events.send(SaveEvent::Failed { document: id, error: e.to_string() });
            }
        }
    }
}
