//! Helpers shared by the fuzz targets: scratch files on a RAM disk and the
//! checks every importer's output must pass.

use std::path::{Path, PathBuf};

use newsanno::formats::ImportedDocument;
use newsanno::text::slice_chars;

/// A scratch folder, on /dev/shm when it exists (no disk I/O per run).
pub fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
    tempfile::Builder::new().prefix("newsanno-fuzz-").tempdir_in(base).expect("scratch folder")
}

/// Writes `data` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, data).expect("scratch file");
    path
}

/// What every importer promises about what it returns: each span is a
/// non-empty code-point range inside its text whose `text` is `text[start:end]`,
/// and each relation links two of the document's spans.
pub fn check_imported(docs: &[ImportedDocument]) {
    for doc in docs {
        let len = doc.text.chars().count();
        for span in &doc.spans {
            assert!(span.start < span.end && span.end <= len, "{}: span {:?} outside 0..{len}", doc.origin, span);
            assert_eq!(slice_chars(&doc.text, span.start, span.end), Some(span.text.as_str()), "{}", doc.origin);
            assert!(!span.label.is_empty(), "{}: empty label", doc.origin);
            assert!(
                !span.label.contains(['\t', '\n']),
                "{}: label {:?} would break a line format",
                doc.origin,
                span.label
            );
        }
        for r in &doc.relations {
            assert!(r.from < doc.spans.len() && r.to < doc.spans.len(), "{}: relation {r:?} names no span", doc.origin);
            assert!(!r.kind.is_empty(), "{}: relation without a type", doc.origin);
        }
    }
}

/// Imports `data` as the file `name` into an empty project and checks what
/// was imported: every document loads, its hash and length match its text,
/// and the text is normalised (no BOM, no `\r`). Errors are fine; panics and
/// half-written corpora are not.
pub fn import_and_check(name: &str, data: &[u8]) {
    use newsanno::Project;
    use newsanno::import::{ImportOptions, import_paths};

    let dir = scratch_dir();
    let input = write(dir.path(), name, data);
    let root = dir.path().join("project");
    let project = Project::init(&root, "fuzz", Vec::new()).expect("init");
    let result = import_paths(&project, &[input], &ImportOptions::default(), &mut |_, _| {});
    let reopened = Project::open(&root).expect("the project still opens");
    match result {
        Ok(summary) => {
            assert_eq!(reopened.documents().len(), summary.imported);
            for entry in reopened.documents() {
                let doc = reopened.load_document(&entry.id).expect("an imported document loads");
                let text = doc.text();
                assert_eq!(newsanno::text::text_hash(text), entry.text_hash);
                assert_eq!(text.chars().count(), entry.chars);
                // One leading BOM is stripped; a second one is text (Python's utf-8-sig does the same).
                assert!(!text.contains('\r'), "not normalised: {text:?}");
                assert!(!text.trim().is_empty(), "empty article imported");
                assert!(newsanno::store::ids::is_safe_id(&entry.id), "unsafe id {:?}", entry.id);
            }
        }
        Err(_) => assert!(reopened.documents().is_empty(), "a failed import left documents behind"),
    }
}

/// Writes `data` to a scratch file `name`, reads it with `read`, and checks
/// the documents it returns (see [`check_imported`]).
pub fn read_and_check(name: &str, data: &[u8], read: fn(&Path) -> newsanno::Result<Vec<ImportedDocument>>) {
    let dir = scratch_dir();
    let path = write(dir.path(), name, data);
    if let Ok(docs) = read(&path) {
        check_imported(&docs);
    }
}
