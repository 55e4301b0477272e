//! A full disk: the previous file stays intact, the error is reported, the
//! edits stay in memory and are written as soon as space returns.
//!
//! Two ways: the store's simulated full disk (every machine), and a real tmpfs
//! filled to the last byte (only where this process may mount one, as CI's root).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use newsanno::store::atomic::simulated_disk_full;
use newsanno::store::saver::{SaveEvent, Saver};
use newsanno::{AnnotationFile, Document, Project};

use crate::util::Fixture;

const TEXT: &str = "阿里巴巴集团董事长张勇宣布，阿里云推出PolarDB新版本，营收167.61亿元。";

fn project_with_one_document(fx: &Fixture) -> (Arc<Project>, Arc<Document>) {
    let project = Arc::new(Project::open(&fx.project()).unwrap());
    let doc = Arc::new(project.load_document("d1").unwrap());
    (project, doc)
}

fn span(doc: &Document, file: &mut AnnotationFile, word: &str, label: &str) {
    let start = TEXT.find(word).map(|b| TEXT[..b].chars().count()).unwrap();
    file.add_span(&doc.text, start, start + word.chars().count(), label).unwrap();
}

/// Waits until the saver reports the snapshot `seq` saved; false after 10 s.
fn wait_saved(saver: &Saver, seq: u64) -> bool {
    crate::util::wait_until(100, Duration::from_millis(100), || {
        saver.poll().iter().any(|e| matches!(e, SaveEvent::Saved { seq: s, .. } if *s == seq))
    })
}

/// The flow both tests share: one saved state, a full disk, two more edits
/// that fail, space back, the newest edit on disk.
fn full_disk_flow(project: &Arc<Project>, doc: &Arc<Document>, fill: impl FnOnce(), free: impl FnOnce()) {
    let path = project.annotation_path("alice", "d1");
    let mut saver = Saver::new(Arc::clone(project));
    let mut file = AnnotationFile::new("d1", "alice", &doc.entry.text_hash);
    span(doc, &mut file, "张勇", "executive");
    saver.save(Arc::clone(doc), file.clone());
    saver.flush(Duration::from_secs(10)).unwrap();
    let before = std::fs::read(&path).unwrap();

    fill();
    span(doc, &mut file, "阿里云", "product");
    saver.save(Arc::clone(doc), file.clone());
    span(doc, &mut file, "167.61亿元", "metric");
    let last = saver.save(Arc::clone(doc), file.clone());
    let unsaved = saver.flush(Duration::from_secs(10)).unwrap_err();
    assert!(unsaved.contains("d1"), "{unsaved}");
    let events = saver.poll();
    let error = events
        .iter()
        .find_map(|e| match e {
            SaveEvent::Failed { error, .. } => Some(error.clone()),
            SaveEvent::Saved { .. } => None,
        })
        .expect("the failure is reported");
    assert!(error.contains("No space left"), "{error}");
    assert!(error.contains("d1.ron"), "the error names the file: {error}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the previous file is intact");
    assert_no_temp_files(path.parent().unwrap());

    free();
    assert!(wait_saved(&saver, last), "the kept edits were saved once space returned");
    let loaded = project.load_annotation("alice", doc).unwrap().unwrap().file;
    let texts: Vec<_> = loaded.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["张勇", "阿里云", "167.61亿元"]);
    assert_no_temp_files(path.parent().unwrap());
}

fn assert_no_temp_files(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(newsanno::store::atomic::TEMP_PREFIX))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn simulated_full_disk_keeps_the_old_file_reports_and_saves_when_space_returns() {
    let fx = Fixture::with_articles(&[("d1", TEXT)]);
    let (project, doc) = project_with_one_document(&fx);
    let root = fx.project();
    // 100 bytes free: the temp file gets its first 100 bytes, then ENOSPC.
    full_disk_flow(&project, &doc, || simulated_disk_full::fill(&root, 100), || simulated_disk_full::free(&root));
}

#[test]
fn real_full_tmpfs_keeps_the_old_file_reports_and_saves_when_space_returns() {
    let Some(mount) = SmallTmpfs::mount() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root); the simulated test covers the logic");
        return;
    };
    let fx = Fixture::new();
    let project_dir = mount.path.join("project");
    Project::init(&project_dir, "full disk", Vec::new()).unwrap();
    let input = fx.write("in.jsonl", format!("{{\"id\": \"d1\", \"text\": \"{TEXT}\"}}\n"));
    let project = Arc::new(Project::open(&project_dir).unwrap());
    newsanno::import::import_paths(&project, &[input], &newsanno::import::ImportOptions::default(), &mut |_, _| {})
        .unwrap();
    let project = Arc::new(Project::open(&project_dir).unwrap());
    let doc = Arc::new(project.load_document("d1").unwrap());
    let filler = mount.path.join("filler");
    full_disk_flow(
        &project,
        &doc,
        || fill_to_the_last_byte(&filler),
        || std::fs::remove_file(&filler).expect("remove filler"),
    );
}

/// Writes `path` until the file system says ENOSPC.
fn fill_to_the_last_byte(path: &Path) {
    use std::io::Write as _;
    let mut file = std::fs::File::create(path).expect("filler");
    let block = vec![0u8; 4096];
    loop {
        match file.write(&block) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.raw_os_error(), Some(28), "expected ENOSPC, got {e}");
                break;
            }
        }
    }
    // Single bytes, so not even a tiny annotation file fits.
    while file.write(&[0]).is_ok_and(|n| n == 1) {}
    let _ = file.sync_all();
}

/// A 1 MB tmpfs mounted on a temporary folder, unmounted on drop.
struct SmallTmpfs {
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl SmallTmpfs {
    fn mount() -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().to_path_buf();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(&path)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(SmallTmpfs { path, _dir: dir })
    }
}

impl Drop for SmallTmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.path).status();
    }
}
