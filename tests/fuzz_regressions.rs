//! Inputs the fuzzers (fuzz/, docs/RELIABILITY.md) found, replayed through
//! the same library calls so the bugs stay fixed. Each file under
//! tests/fuzz-regressions/<target>/ is one input; the tests below also state
//! what the right outcome is for each finding.

use std::path::{Path, PathBuf};

use newsanno::Project;
use newsanno::formats::ImportedDocument;
use newsanno::import::{ImportOptions, import_paths};

/// A format reader: a path in, documents with spans out.
type Reader = fn(&Path) -> newsanno::Result<Vec<ImportedDocument>>;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = crate::util::repo().join("tests/fuzz-regressions").join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(listing) => listing.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn spans_inside_their_text(docs: &[ImportedDocument]) {
    for doc in docs {
        for s in &doc.spans {
            assert!(!s.label.is_empty() && s.start < s.end, "{}: {s:?}", doc.origin);
            assert_eq!(newsanno::text::slice_chars(&doc.text, s.start, s.end), Some(s.text.as_str()));
        }
    }
}

/// Imports `input` (copied as `name`) into a new project; returns the result and the project.
fn import_one(input: &Path, name: &str) -> (tempfile::TempDir, newsanno::Result<newsanno::import::ImportSummary>) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(name);
    std::fs::copy(input, &copy).unwrap();
    let project = Project::init(&dir.path().join("p"), "fuzz", Vec::new()).unwrap();
    let result = import_paths(&project, &[copy], &ImportOptions::default(), &mut |_, _| {});
    (dir, result)
}

#[test]
fn every_saved_fuzz_input_replays_without_a_panic() {
    let readers: [(&str, Reader, &str); 4] = [
        ("read_bio", newsanno::formats::bio::read, "in.bio"),
        ("read_labelstudio", newsanno::formats::labelstudio::read, "in.json"),
        ("read_doccano", newsanno::formats::doccano::read, "in.jsonl"),
        ("read_cluener", newsanno::formats::cluener::read, "in.json"),
    ];
    let mut replayed = 0;
    for (target, read, name) in readers {
        for input in inputs(target) {
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join(name);
            std::fs::copy(&input, &copy).unwrap();
            if let Ok(docs) = read(&copy) {
                spans_inside_their_text(&docs);
            }
            replayed += 1;
        }
    }
    for input in inputs("read_brat") {
        let data = std::fs::read(&input).unwrap();
        let (txt, ann) = match data.iter().position(|&b| b == 0xFF) {
            Some(i) => (&data[..i], &data[i + 1..]),
            None => (&data[..], &[][..]),
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("doc.txt"), txt).unwrap();
        std::fs::write(dir.path().join("doc.ann"), ann).unwrap();
        if let Ok(docs) = newsanno::formats::brat::read(dir.path()) {
            spans_inside_their_text(&docs);
        }
        replayed += 1;
    }
    for (target, name) in [("import_txt", "in.txt"), ("import_jsonl", "in.jsonl"), ("import_csv", "in.csv")] {
        for input in inputs(target) {
            let _ = import_one(&input, name);
            replayed += 1;
        }
    }
    for input in inputs("annotation_ron") {
        let bytes = std::fs::read(&input).unwrap();
        if let Ok(file) = newsanno::store::annotation_file::parse(&input, &bytes) {
            let again = newsanno::store::annotation_file::to_ron_string(&file);
            assert_eq!(newsanno::store::annotation_file::parse(&input, again.as_bytes()).unwrap(), file);
        }
        replayed += 1;
    }
    for input in inputs("project_ron") {
        let bytes = std::fs::read(&input).unwrap();
        let _ = newsanno::store::project_file::ProjectConfig::parse(&input, &bytes);
        replayed += 1;
    }
    assert!(replayed >= 2, "the regression inputs are missing ({replayed})");
}

/// Found by `read_brat`: `T1<TAB> 0 2<TAB>张勇` (no label before the offsets)
/// was read as a span with an empty label.
#[test]
fn brat_span_without_a_label_is_an_error_naming_its_line() {
    let data = std::fs::read(crate::util::repo().join("tests/fuzz-regressions/read_brat/empty-label")).unwrap();
    let split = data.iter().position(|&b| b == 0xFF).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), &data[..split]).unwrap();
    std::fs::write(dir.path().join("doc.ann"), &data[split + 1..]).unwrap();
    let err = newsanno::formats::brat::read(dir.path()).unwrap_err().to_string();
    assert!(err.contains("doc.ann:1") && err.contains("is not a label name"), "{err}");
}

/// Found by `read_bio`: a tag is everything after the first tab, so
/// `\u{18b<TAB>B-\x18\x18s<TAB>O` gave a span labelled "\u{18}\u{18}s\tO", and the
/// unterminated escape `\u{18b` was read as U+018B.
#[test]
fn bio_tags_with_tabs_or_control_characters_and_open_escapes_are_errors() {
    let input = crate::util::repo().join("tests/fuzz-regressions/read_bio/tab-in-tag");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("in.bio");
    std::fs::copy(&input, &copy).unwrap();
    let err = newsanno::formats::bio::read(&copy).unwrap_err().to_string();
    assert!(err.contains("in.bio:2"), "{err}");
    for (body, needle) in [
        ("-DOCSTART-\td\n\\u{4e2d\tO\n", "is not a valid token"),
        ("-DOCSTART-\td\n中\tB-product\tO\n", "is not O, B-X"),
        ("-DOCSTART-\td\n中\tB-pro duct\n", "is not O, B-X"),
    ] {
        std::fs::write(&copy, body).unwrap();
        let err = newsanno::formats::bio::read(&copy).unwrap_err().to_string();
        assert!(err.contains("in.bio:2") && err.contains(needle), "{body:?}: {err}");
    }
}

/// Found by `read_cluener`: any JSON string was taken as a label, here one
/// with control characters and a newline. Every JSON-based reader (CLUENER,
/// doccano, Label Studio, JSON Lines, the RON bundle) now checks label names.
#[test]
fn json_readers_refuse_labels_that_cannot_be_label_names() {
    let input = crate::util::repo().join("tests/fuzz-regressions/read_cluener/long-label");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("in.json");
    std::fs::copy(&input, &copy).unwrap();
    let err = newsanno::formats::cluener::read(&copy).unwrap_err().to_string();
    assert!(err.contains("in.json:1") && err.contains("is not a label name"), "{err}");
    let cases: [(&str, Reader, &str); 4] = [
        ("cluener.json", newsanno::formats::cluener::read, r#"{"text": "张勇", "label": {"a b": {"张勇": [[0, 1]]}}}"#),
        ("doccano.jsonl", newsanno::formats::doccano::read, r#"{"text": "张勇", "label": [[0, 2, "a\tb"]]}"#),
        (
            "ls.json",
            newsanno::formats::labelstudio::read,
            r#"[{"data": {"text": "张勇"}, "annotations": [{"result": [{"value": {"start": 0, "end": 2, "labels": [""]}}]}]}]"#,
        ),
        (
            "in.jsonl",
            newsanno::formats::jsonl::read,
            r#"{"text": "张勇", "spans": [{"start": 0, "end": 2, "label": "x,y"}]}"#,
        ),
    ];
    for (name, read, body) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let err = read(&path).unwrap_err().to_string();
        // Line-based files name the line; Label Studio's JSON array names the task.
        let place = err.contains(&format!("{name}:1")) || err.contains(&format!("{name}: task 1"));
        assert!(place && err.contains("is not a label name"), "{name}: {err}");
    }
}

/// Found by `import_txt` (the harness's own assumption, not a bug): a file
/// that starts with two BOMs loses exactly one, as Python's utf-8-sig does;
/// the second U+FEFF is text and stays, so offsets match Python's.
#[test]
fn a_second_bom_is_text_and_kept() {
    let input = crate::util::repo().join("tests/fuzz-regressions/import_txt/double-bom");
    let (dir, result) = import_one(&input, "in.txt");
    assert_eq!(result.unwrap().imported, 1);
    let project = Project::open(&dir.path().join("p")).unwrap();
    let doc = project.load_document("in").unwrap();
    assert_eq!(doc.text(), "\u{feff}阿里阿");
}
