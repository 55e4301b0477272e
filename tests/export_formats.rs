//! Every interchange format round-trips: import(export(x)) == x.

use crate::util::{Fixture, repo, run, spans_of, stderr};

// (document, start, end, label, text)
type Spans = Vec<(String, usize, usize, String, String)>;

fn round_trip(source_project: &std::path::Path, source: &str, format: &str) -> (Spans, Spans) {
    let fx = Fixture::new();
    let out = fx.dir.path().join(format!("export.{format}"));
    let r = run(&[
        "export",
        source_project.to_str().unwrap(),
        "--format",
        format,
        "--source",
        source,
        "--out",
        out.to_str().unwrap(),
        "--include-in-progress",
    ]);
    assert!(r.status.success(), "{format}: {}", stderr(&r));
    let r = run(&["import", fx.project().to_str().unwrap(), "--format", format, "--as", "back", out.to_str().unwrap()]);
    assert!(r.status.success(), "{format}: {}", stderr(&r));
    (spans_of(source_project, source), spans_of(&fx.project(), "back"))
}

const NESTING: [&str; 6] = ["jsonl", "brat", "labelstudio", "doccano", "cluener", "ron"];

#[test]
fn the_sample_round_trips_through_every_format() {
    let sample = repo().join("assets/sample");
    for format in NESTING {
        let (before, after) = round_trip(&sample, "alice", format);
        assert_eq!(after, before, "{format}");
    }
}

#[test]
fn astral_crlf_adjacent_and_nested_spans_round_trip() {
    let fx = Fixture::new();
    let text = "𠮷野家😀发布会\r\n张勇张勇说：阿里云\r\n同比增长37%";
    let line = serde_json::json!({"id": "t1", "text": text, "spans": [
        {"start": 0, "end": 3, "label": "product"},
        {"start": 3, "end": 4, "label": "event"},
        {"start": 4, "end": 7, "label": "event"},
        {"start": 9, "end": 11, "label": "executive"},
        {"start": 11, "end": 13, "label": "executive"},
        {"start": 15, "end": 18, "label": "product"},
        {"start": 15, "end": 17, "label": "event"},
        {"start": 17, "end": 24, "label": "metric"},
    ]});
    let input = fx.write("in.jsonl", line.to_string());
    let r =
        run(&["import", fx.project().to_str().unwrap(), "--format", "jsonl", "--as", "bob", input.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    let spans = spans_of(&fx.project(), "bob");
    // Raw offsets counted \r\n as two characters; after normalisation they cover the same text.
    let texts: Vec<&str> = spans.iter().map(|s| s.4.as_str()).collect();
    assert_eq!(texts, ["𠮷野家", "😀", "发布会", "张勇", "张勇", "阿里", "阿里云", "云\n同比增长"], "{spans:?}");
    for format in NESTING {
        let (before, after) = round_trip(&fx.project(), "bob", format);
        assert_eq!(after, before, "{format}");
    }
}

#[test]
fn foreign_files_with_bad_offsets_are_refused_with_their_place() {
    let fx = Fixture::new();
    let project = fx.project();
    let ls = serde_json::json!([{"data": {"text": "𠮷野家"}, "annotations": [{"result": [{"value": {"start": 1, "end": 3, "labels": ["product"]}}]}]}]);
    let cases = [
        ("a.json", "labelstudio", ls.to_string(), "task 1: offset 1 is not on a character (UTF-16)"),
        (
            "b.jsonl",
            "doccano",
            r#"{"text": "😀张勇", "label": [[1, 4, "executive"]]}"#.to_owned(),
            "b.jsonl:1: offset 1 is not on a character",
        ),
        (
            "c.json",
            "cluener",
            r#"{"text": "张勇说", "label": {"executive": {"张三": [[0, 1]]}}}"#.to_owned(),
            "c.json:1: [0, 1] is \"张勇\", not the mention \"张三\"",
        ),
    ];
    for (name, format, content, expected) in cases {
        let path = fx.write(name, content);
        let r = run(&["import", project.to_str().unwrap(), "--format", format, "--as", "x", path.to_str().unwrap()]);
        assert_eq!(r.status.code(), Some(1), "{format}");
        assert!(stderr(&r).contains(expected), "{format}: {}", stderr(&r));
    }
    let brat = fx.dir.path().join("brat");
    std::fs::create_dir_all(&brat).unwrap();
    std::fs::write(brat.join("d.txt"), "张勇说阿里云").unwrap();
    std::fs::write(brat.join("d.ann"), "T1\texecutive 0 2\t张勇\nT2\tproduct 0 1;3 6\t张 阿里云\n").unwrap();
    let r = run(&["import", project.to_str().unwrap(), "--format", "brat", "--as", "x", brat.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    assert!(stderr(&r).contains("d.ann:2: discontinuous spans are not supported"), "{}", stderr(&r));
    assert!(fx.open().documents().is_empty(), "nothing imported");
}

#[test]
fn labelstudio_offsets_are_utf16() {
    let fx = Fixture::new();
    let input = fx.write(
        "in.jsonl",
        serde_json::json!({"id": "u", "text": "𠮷😀张勇", "spans": [{"start": 2, "end": 4, "label": "executive"}]})
            .to_string(),
    );
    assert!(
        run(&["import", fx.project().to_str().unwrap(), "--format", "jsonl", "--as", "bob", input.to_str().unwrap()])
            .status
            .success()
    );
    let out = fx.dir.path().join("ls.json");
    assert!(
        run(&[
            "export",
            fx.project().to_str().unwrap(),
            "--format",
            "labelstudio",
            "--source",
            "bob",
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    let tasks: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let value = &tasks[0]["annotations"][0]["result"][0]["value"];
    // JavaScript: "𠮷😀张勇".slice(4, 6) === "张勇"
    assert_eq!((value["start"].as_u64(), value["end"].as_u64()), (Some(4), Some(6)));
    assert_eq!(value["text"], "张勇");
}
