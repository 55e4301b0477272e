//! The background saver: writes snapshots, reports failures, keeps and retries them.

use std::sync::Arc;
use std::time::Duration;

use newsanno::store::saver::{SaveEvent, Saver};
use newsanno::{AnnotationFile, Project};

use crate::util::Fixture;

#[test]
fn a_failed_save_is_reported_kept_and_retried_until_it_succeeds() {
    let fx = Fixture::with_articles(&[("d1", "张勇说钉钉很好")]);
    let project = Arc::new(Project::open(&fx.project()).unwrap());
    let doc = Arc::new(project.load_document("d1").unwrap());
    let path = project.annotation_path("alice", "d1");
    // A folder where the file should go: every write fails (even as root).
    std::fs::create_dir_all(&path).unwrap();

    let mut saver = Saver::new(Arc::clone(&project));
    let mut file = AnnotationFile::new("d1", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 2, "executive").unwrap();
    saver.save(Arc::clone(&doc), file.clone());
    let err = saver.flush(Duration::from_secs(10)).unwrap_err();
    assert!(err.contains("d1"), "{err}");
    let events = saver.poll();
    assert!(matches!(events.last(), Some(SaveEvent::Failed { document, .. }) if document == "d1"), "{events:?}");

    // The disk problem goes away; the kept snapshot is written on a retry.
    std::fs::remove_dir(&path).unwrap();
    let saved = crate::util::wait_until(50, Duration::from_millis(100), || {
        saver.poll().iter().any(|e| matches!(e, SaveEvent::Saved { .. }))
    });
    assert!(saved, "retry did not save");
    let loaded = project.load_annotation("alice", &doc).unwrap().unwrap();
    assert_eq!(loaded.file.spans[0].text, "张勇");
}

#[test]
fn dropping_the_saver_writes_what_is_queued() {
    let fx = Fixture::with_articles(&[("d1", "张勇说钉钉很好")]);
    let project = Arc::new(Project::open(&fx.project()).unwrap());
    let doc = Arc::new(project.load_document("d1").unwrap());
    let mut saver = Saver::new(Arc::clone(&project));
    let mut file = AnnotationFile::new("d1", "bob", &doc.entry.text_hash);
    for (start, end) in [(0, 2), (3, 5)] {
        file.add_span(&doc.text, start, end, "product").unwrap();
        saver.save(Arc::clone(&doc), file.clone());
    }
    drop(saver);
    let loaded = project.load_annotation("bob", &doc).unwrap().unwrap();
    assert_eq!(loaded.file.spans.len(), 2);
}

#[test]
fn a_shared_snapshot_is_copied_by_the_worker_and_a_waiting_one_can_be_taken_back() {
    let fx = Fixture::with_articles(&[("d1", "张勇说钉钉很好")]);
    let project = Arc::new(Project::open(&fx.project()).unwrap());
    let doc = Arc::new(project.load_document("d1").unwrap());
    let mut saver = Saver::new(Arc::clone(&project));
    let mut file = Arc::new(AnnotationFile::new("d1", "carol", &doc.entry.text_hash));
    Arc::make_mut(&mut file).add_span(&doc.text, 0, 2, "executive").unwrap();
    let first = saver.save_shared(Arc::clone(&doc), Arc::clone(&file));
    saver.flush(Duration::from_secs(10)).unwrap();
    assert!(saver.poll().contains(&SaveEvent::Saved { document: "d1".into(), seq: first }));
    // The worker took its own copy: the window's file is not shared any more.
    assert_eq!(Arc::strong_count(&file), 1);
    assert!(!saver.withdraw("d1"), "nothing is waiting");
    // Every snapshot either stays in the mailbox (and is taken back) or was
    // taken by the worker; after the last one is flushed the file holds it.
    for end in [3, 5, 7] {
        saver.withdraw("d1");
        Arc::make_mut(&mut file).add_span(&doc.text, end - 1, end, "product").unwrap();
        saver.save_shared(Arc::clone(&doc), Arc::clone(&file));
    }
    let last = saver.save_shared(Arc::clone(&doc), Arc::clone(&file));
    saver.flush(Duration::from_secs(10)).unwrap();
    assert!(saver.poll().iter().any(|e| *e == SaveEvent::Saved { document: "d1".into(), seq: last }));
    let loaded = project.load_annotation("carol", &doc).unwrap().unwrap();
    assert_eq!(loaded.file.spans.len(), 4);
}
