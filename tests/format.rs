//! Annotation format v1 through the store: round trip, staleness, refusal to
//! overwrite broken files, and random texts with astral characters.

use newsanno::store::annotation_file::{parse, to_ron_string};
use newsanno::text::IndexedText;
use newsanno::{AnnotationFile, Span, Status};
use proptest::prelude::*;

use crate::util::Fixture;

fn project_with(text: &str) -> (Fixture, newsanno::Project, newsanno::Document) {
    let fx = Fixture::with_titled_articles(&[("doc-1", Some("t"), text)]);
    let project = fx.open();
    let doc = project.load_document("doc-1").unwrap();
    (fx, project, doc)
}

#[test]
fn saved_files_load_back_equal_with_astral_offsets() {
    let (_fx, project, doc) = project_with("𠮷野家的张勇😀说：阿里云营收167.61亿元。\n第二行");
    let mut file = AnnotationFile::new("doc-1", "alice", &doc.entry.text_hash);
    let cloud = file.add_span(&doc.text, 9, 12, "product").unwrap();
    file.add_span(&doc.text, 4, 6, "executive").unwrap();
    file.add_span(&doc.text, 14, 22, "metric").unwrap();
    // Crossing the line break is allowed.
    file.add_span(&doc.text, 20, 26, "event").unwrap();
    file.spans.iter_mut().find(|s| s.id == cloud).unwrap().note = Some("含 \"引号\" 与\n换行".into());
    file.status = Status::Done;
    file.comment = "评论 😀".into();
    project.save_annotation(&mut file, &doc).unwrap();
    assert!(file.modified.ends_with('Z') && file.modified.len() == 20, "{}", file.modified);

    let loaded = project.load_annotation("alice", &doc).unwrap().unwrap();
    assert_eq!(loaded.file, file);
    assert!(!loaded.stale && loaded.read_only.is_none() && loaded.problems.is_empty(), "{:?}", loaded.problems);
    let texts: Vec<&str> = loaded.file.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["张勇", "阿里云", "167.61亿元", "亿元。\n第二"]);
}

#[test]
fn a_changed_text_hash_marks_the_file_stale_and_read_only() {
    let (_fx, project, doc) = project_with("钉钉用户数突破7亿");
    let mut file = AnnotationFile::new("doc-1", "bob", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 2, "product").unwrap();
    project.save_annotation(&mut file, &doc).unwrap();
    let path = project.annotation_path("bob", "doc-1");
    let raw = std::fs::read_to_string(&path).unwrap();
    let other = newsanno::text::text_hash("钉钉用户数突破8亿");
    std::fs::write(&path, raw.replace(&doc.entry.text_hash, &other)).unwrap();

    let loaded = project.load_annotation("bob", &doc).unwrap().unwrap();
    assert!(loaded.stale);
    assert!(loaded.read_only.as_deref().unwrap().starts_with("stale"));
    assert!(loaded.problems[0].to_string().contains(":6: stale: text_hash"), "{}", loaded.problems[0]);
    // Saving it back is refused, and the file is untouched.
    let mut stale = loaded.file.clone();
    let err = project.save_annotation(&mut stale, &doc).unwrap_err().to_string();
    assert!(err.contains("stale"), "{err}");
    assert!(std::fs::read_to_string(&path).unwrap().contains(&other));
}

#[test]
fn a_file_that_does_not_parse_is_never_overwritten() {
    let (_fx, project, doc) = project_with("钉钉用户数突破7亿");
    let path = project.annotation_path("carol", "doc-1");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "AnnotationFile(\n<<<<<<< HEAD\n    version: \"1.0\",\n";
    std::fs::write(&path, broken).unwrap();
    let err = project.load_annotation("carol", &doc).unwrap_err().to_string();
    assert!(err.contains("carol/doc-1.ron:1:"), "{err}");
    let mut fresh = AnnotationFile::new("doc-1", "carol", &doc.entry.text_hash);
    let err = project.save_annotation(&mut fresh, &doc).unwrap_err().to_string();
    assert!(err.contains("refusing to overwrite"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn spans_that_do_not_match_the_text_are_not_saved() {
    let (_fx, project, doc) = project_with("钉钉用户数突破7亿");
    let mut file = AnnotationFile::new("doc-1", "alice", &doc.entry.text_hash);
    file.spans.push(Span {
        id: 1,
        start: 0,
        end: 2,
        label: "product".into(),
        text: "阿里".into(),
        note: None,
        source: Default::default(),
        attributes: Default::default(),
        link: None,
    });
    assert!(project.save_annotation(&mut file, &doc).is_err());
    assert!(!project.annotation_path("alice", "doc-1").exists());
    let mut bad_name = AnnotationFile::new("doc-1", "../evil", &doc.entry.text_hash);
    assert!(project.save_annotation(&mut bad_name, &doc).is_err());
}

#[test]
fn unknown_labels_are_kept_with_a_warning() {
    let (_fx, project, doc) = project_with("钉钉用户数突破7亿");
    let mut file = AnnotationFile::new("doc-1", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 2, "company").unwrap();
    project.save_annotation(&mut file, &doc).unwrap();
    let loaded = project.load_annotation("alice", &doc).unwrap().unwrap();
    assert_eq!(loaded.file.spans[0].label, "company");
    assert!(loaded.read_only.is_none());
    assert!(loaded.problems[0].to_string().contains("warning: span 1: label \"company\" is not in project.ron (kept)"));
}

#[test]
fn pipeline_api_yields_documents_with_each_annotators_spans() {
    let (_fx, project, doc) = project_with("张勇说钉钉很好");
    for (who, label) in [("alice", "executive"), ("bob", "product")] {
        let mut file = AnnotationFile::new("doc-1", who, &doc.entry.text_hash);
        file.add_span(&doc.text, 0, 2, label).unwrap();
        project.save_annotation(&mut file, &doc).unwrap();
    }
    let items: Vec<_> = project.annotated_documents().unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(items.len(), 1);
    let who: Vec<(&str, &str)> =
        items[0].annotations.iter().map(|a| (a.file.annotator.as_str(), a.file.spans[0].label.as_str())).collect();
    assert_eq!(who, [("alice", "executive"), ("bob", "product")]);
}

fn text_strategy() -> impl Strategy<Value = String> {
    // CJK, ASCII, full-width punctuation, astral characters, whitespace and quotes.
    prop::collection::vec(
        prop::sample::select(vec![
            '张', '勇', '阿', '里', '云', 'a', 'Z', '7', '.', '，', '。', '“', '”', '𠮷', '😀', '\n', ' ', '\t', '"',
            '\\', '·', '\u{301}', '\u{200b}',
        ]),
        1..60,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn any_text_and_spans_round_trip(text in text_strategy(), raw_spans in prop::collection::vec((0usize..60, 1usize..10, 0usize..4), 0..12), note in "[a-z张\"\\\\\n😀\u{0}\u{7}\r'{}]{0,8}") {
        let indexed = IndexedText::new(text.clone());
        let len = indexed.char_len();
        let labels = ["executive", "product", "event", "metric"];
        let mut file = AnnotationFile::new("d", "alice", &newsanno::text::text_hash(&text));
        file.modified = "2026-11-26T00:00:00Z".into();
        file.comment = note.clone();
        for (start, width, label) in raw_spans {
            let start = start % len;
            let end = (start + width).min(len);
            if start < end {
                let _ = file.add_span(&indexed, start, end, labels[label]);
            }
        }
        if let Some(first) = file.spans.first_mut() {
            first.note = Some(note.clone());
        }
        // Format 1.1 fields: a source on every other span (with the note as its detail), rejections.
        let sources = [
            newsanno::SpanSource::Manual,
            newsanno::SpanSource::Terms(format!("terms/{note}.txt")),
            newsanno::SpanSource::Pattern(note.clone()),
            newsanno::SpanSource::Pos,
            newsanno::SpanSource::Propagated,
        ];
        let spans_len = file.spans.len();
        for (i, span) in file.spans.iter_mut().enumerate() {
            span.source = sources[i % sources.len()].clone();
        }
        for i in 0..spans_len.min(3) {
            file.rejected.push(newsanno::Rejected { start: i, end: i + 1, label: labels[i % 4].into() });
        }
        let ron = to_ron_string(&file);
        let back = parse(std::path::Path::new("p.ron"), ron.as_bytes()).unwrap();
        prop_assert_eq!(&back, &file);
        // The fast path and the RON parser read our layout identically.
        prop_assert_eq!(newsanno::store::annotation_file::parse_canonical(&ron), Some(file.clone()));
        prop_assert_eq!(ron::from_str::<AnnotationFile>(&ron).unwrap(), file.clone());
        for span in &back.spans {
            prop_assert_eq!(indexed.slice(span.start, span.end), Some(span.text.as_str()));
        }
        // One line per span, whatever the text holds.
        let span_lines = ron.lines().filter(|l| l.trim_start().starts_with("(id:")).count();
        prop_assert_eq!(span_lines, file.spans.len());
    }
}

#[test]
fn deeply_nested_ron_is_an_error_not_a_stack_overflow() {
    let (_fx, project, doc) = project_with("钉钉用户数突破7亿");
    let path = project.annotation_path("deep", "doc-1");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let deep = format!("AnnotationFile(version: \"1.0\", comment: {}{})", "(".repeat(10_000), ")".repeat(10_000));
    std::fs::write(&path, &deep).unwrap();
    let err = project.load_annotation("deep", &doc).unwrap_err().to_string();
    assert!(err.contains("deep/doc-1.ron:1:"), "{err}");
    // And it is left as it was.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), deep);
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_outside_the_project_is_never_written_through() {
    let (fx, project, doc) = project_with("钉钉用户数突破7亿");
    let outside = fx.dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, project.annotator_dir("eve")).unwrap();
    let mut file = AnnotationFile::new("doc-1", "eve", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 2, "product").unwrap();
    let err = project.save_annotation(&mut file, &doc).unwrap_err().to_string();
    assert!(err.contains("leads outside the project"), "{err}");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing written outside");
}
