//! The bundled sample project: valid, annotated by two annotators who disagree.

use crate::util::{repo, run, stdout};

#[test]
fn sample_project_validates_clean() {
    let out = run(&["validate", repo().join("assets/sample").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn sample_has_short_flashes_a_long_feature_and_two_annotators() {
    let project = newsanno::Project::open(&repo().join("assets/sample")).unwrap();
    let docs = project.documents();
    assert!((6..=10).contains(&docs.len()));
    assert!(docs.iter().any(|d| d.chars >= 20_000), "one article of at least 20,000 characters");
    assert!(docs.iter().any(|d| d.chars < 500));
    assert_eq!(project.annotators().unwrap(), ["alice", "bob"]);
    let mut differ = 0;
    for entry in docs {
        let doc = project.load_document(&entry.id).unwrap();
        let alice = project.load_annotation("alice", &doc).unwrap().unwrap();
        let bob = project.load_annotation("bob", &doc).unwrap().unwrap();
        for loaded in [&alice, &bob] {
            assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        }
        let key = |f: &newsanno::AnnotationFile| -> Vec<(usize, usize, String)> {
            f.spans.iter().map(|s| (s.start, s.end, s.label.clone())).collect()
        };
        differ += usize::from(key(&alice.file) != key(&bob.file));
    }
    assert!(differ >= docs.len() / 2, "annotators should sometimes disagree");
    let all: String = docs.iter().map(|d| project.load_document(&d.id).unwrap().text().to_owned()).collect();
    for needle in ["蒂姆·库克", "167.61亿元", "iPhone 17", "PolarDB", "同比增长37%", "2300万"] {
        assert!(all.contains(needle), "{needle}");
    }
}

#[test]
fn read_annotations_example_prints_doc_label_text() {
    // The example is built by `cargo test`; run it through cargo's target dir.
    let exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_newsanno"));
    let example =
        exe.parent().unwrap().join("examples").join(format!("read_annotations{}", std::env::consts::EXE_SUFFIX));
    if !example.exists() {
        eprintln!("skipping: {} not built", example.display());
        return;
    }
    let out = std::process::Command::new(example).arg(repo().join("assets/sample")).output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert_eq!(first.split('\t').count(), 3, "{first}");
    assert!(text.contains("01-aliyun-outage\texecutive\t张勇\n"), "{}", &text[..200]);
}
