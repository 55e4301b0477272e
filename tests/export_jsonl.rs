//! JSONL export and import: round trips with exact offsets, splits, bad files.

use crate::util::{Fixture, repo, run, spans_of, stderr, stdout};

#[test]
fn sample_round_trips_through_jsonl_into_a_new_project() {
    let fx = Fixture::new();
    let sample = repo().join("assets/sample");
    let out = fx.dir.path().join("alice.jsonl");
    let r = run(&[
        "export",
        sample.to_str().unwrap(),
        "--format",
        "jsonl",
        "--source",
        "alice",
        "--out",
        out.to_str().unwrap(),
        "--include-in-progress",
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stdout(&r).contains("exported 8 documents"), "{}", stdout(&r));
    // Every exported span slices its own text (code points, as Python would).
    for line in std::fs::read_to_string(&out).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let chars: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        for s in v["spans"].as_array().unwrap() {
            let (a, b) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            assert_eq!(chars[a..b].iter().collect::<String>(), s["text"].as_str().unwrap());
        }
    }
    let target = fx.project();
    let r = run(&["import", target.to_str().unwrap(), "--format", "jsonl", "--as", "alice", out.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stdout(&r).contains("8 documents were new"), "{}", stdout(&r));
    assert_eq!(spans_of(&target, "alice"), spans_of(&sample, "alice"));
    // Importing again would overwrite: refused, nothing written.
    let r = run(&["import", target.to_str().unwrap(), "--format", "jsonl", "--as", "alice", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    assert!(stderr(&r).contains("exists and is not overwritten"), "{}", stderr(&r));
}

#[test]
fn astral_crlf_adjacent_and_nested_spans_round_trip_with_spacy_too() {
    let fx = Fixture::new();
    // CRLF in a foreign file: offsets refer to the raw text and are mapped onto the normalised one.
    let text = "𠮷野家😀\r\n张勇张勇说阿里云";
    let line = serde_json::json!({"id": "x", "text": text, "spans": [
        {"start": 0, "end": 3, "label": "product"},
        {"start": 6, "end": 8, "label": "executive"},
        {"start": 8, "end": 10, "label": "executive"},
        {"start": 11, "end": 14, "label": "product"},
        {"start": 11, "end": 13, "label": "event"},
    ]});
    let input = fx.write("in.jsonl", line.to_string());
    let project = fx.project();
    let r = run(&["import", project.to_str().unwrap(), "--format", "jsonl", "--as", "bob", input.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    let spans = spans_of(&project, "bob");
    let texts: Vec<&str> = spans.iter().map(|s| s.4.as_str()).collect();
    assert_eq!(texts, ["𠮷野家", "张勇", "张勇", "阿里", "阿里云"]);
    assert_eq!(spans[1].1, 5, "after \\r\\n became \\n, 张 is code point 5");
    for flavor in ["newsanno", "spacy"] {
        let out = fx.dir.path().join(format!("{flavor}.jsonl"));
        let r = run(&[
            "export",
            project.to_str().unwrap(),
            "--format",
            "jsonl",
            "--source",
            "bob",
            "--flavor",
            flavor,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(r.status.success(), "{}", stderr(&r));
        let again = Fixture::new();
        let r = run(&[
            "import",
            again.project().to_str().unwrap(),
            "--format",
            "jsonl",
            "--as",
            "bob",
            out.to_str().unwrap(),
        ]);
        assert!(r.status.success(), "{}", stderr(&r));
        let back: Vec<_> = spans_of(&again.project(), "bob").into_iter().map(|s| (s.1, s.2, s.3, s.4)).collect();
        let orig: Vec<_> = spans.iter().map(|s| (s.1, s.2, s.3.clone(), s.4.clone())).collect();
        assert_eq!(back, orig, "{flavor}");
    }
}

#[test]
fn bad_annotated_files_name_file_and_line_and_import_nothing() {
    let fx = Fixture::new();
    let project = fx.project();
    let cases = [
        (
            "a.jsonl",
            "{\"text\": \"张勇\", \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"executive\"}]}\n",
            "a.jsonl:1: span [0, 5) executive is empty or outside",
        ),
        (
            "b.jsonl",
            "{\"text\": \"ok\"}\n{\"text\": \"张勇\", \"spans\": [{\"start\": 0, \"end\": 2, \"label\": \"executive\", \"text\": \"张三\"}]}\n",
            "b.jsonl:2: span [0, 2) says \"张三\" but the text there is \"张勇\"",
        ),
        ("c.jsonl", "{\"spans\": []}\n", "c.jsonl:1: no \"text\" string"),
        (
            "d.jsonl",
            "{\"text\": \"x\", \"entities\": [[0, 1]]}\n",
            "d.jsonl:1: entity [0,1] must be [start, end, label]",
        ),
    ];
    for (name, content, expected) in cases {
        let path = fx.write(name, content);
        let r = run(&["import", project.to_str().unwrap(), "--format", "jsonl", "--as", "bob", path.to_str().unwrap()]);
        assert_eq!(r.status.code(), Some(1), "{name}");
        assert!(stderr(&r).contains(expected), "{name}: {}", stderr(&r));
        assert!(fx.open().documents().is_empty());
    }
    // Unknown labels are kept, with a warning.
    let path =
        fx.write("e.jsonl", "{\"text\": \"张勇\", \"spans\": [{\"start\": 0, \"end\": 2, \"label\": \"person\"}]}\n");
    let r = run(&["import", project.to_str().unwrap(), "--format", "jsonl", "--as", "bob", path.to_str().unwrap()]);
    assert!(r.status.success());
    assert!(
        stdout(&r).contains("warning: ") && stdout(&r).contains("label \"person\" is not in project.ron (kept)"),
        "{}",
        stdout(&r)
    );
}

#[test]
fn split_writes_deterministic_parts() {
    let fx = Fixture::new();
    let sample = repo().join("assets/sample");
    let out = fx.dir.path().join("parts");
    let args = [
        "export",
        sample.to_str().unwrap(),
        "--format",
        "jsonl",
        "--source",
        "majority:2",
        "--out",
        out.to_str().unwrap(),
        "--split",
        "train=0.6,dev=0.2,test=0.2",
        "--seed",
        "3",
    ];
    let r = run(&args);
    assert!(r.status.success(), "{}", stderr(&r));
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    let first = (read("train.jsonl"), read("dev.jsonl"), read("test.jsonl"));
    let total: usize = [&first.0, &first.1, &first.2].iter().map(|s| s.lines().count()).sum();
    assert_eq!(total, 7, "the 7 documents both annotators finished");
    assert!(run(&args).status.success());
    assert_eq!((read("train.jsonl"), read("dev.jsonl"), read("test.jsonl")), first);
    assert_eq!(
        run(&["export", sample.to_str().unwrap(), "--format", "jsonl", "--out", "x", "--split", "a=0.5"]).status.code(),
        Some(1)
    );
}
