//! Background saving: the window hands over a snapshot after every edit and
//! goes on drawing; a worker thread writes it through
//! [`Project::save_annotation`] (atomic, durable), keeps failed saves and
//! retries them, and reports every outcome.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
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

enum Message {
    Save(Box<Job>),
    Flush(Sender<Result<(), String>>),
}

/// A save worker for one project.
pub struct Saver {
    next_seq: u64,
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
        let handle = std::thread::Builder::new()
            .name("newsanno-saver".to_owned())
            .spawn(move || worker(&project, &rx, &events_tx))
            .ok();
        Saver { next_seq: 1, tx: Some(tx), events, handle }
    }

    /// Queues `file` for saving and returns its sequence number; a newer
    /// snapshot of the same document replaces an older one not yet written.
    pub fn save(&mut self, doc: Arc<Document>, file: AnnotationFile) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        if let Some(tx) = &self.tx {
            let _ = tx.send(Message::Save(Box::new(Job { doc, file, seq })));
        }
        seq
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

fn worker(project: &Project, rx: &Receiver<Message>, events: &Sender<SaveEvent>) {
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
                take(m, &mut pending, &mut flushes);
                // Coalesce a burst of edits into one write per document.
                for m in rx.try_iter() {
                    take(m, &mut pending, &mut flushes);
                }
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
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

fn take(message: Message, pending: &mut BTreeMap<String, Job>, flushes: &mut Vec<Sender<Result<(), String>>>) {
    match message {
        Message::Save(job) => {
            pending.insert(job.file.document.clone(), *job);
        }
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
