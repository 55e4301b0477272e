//! Relations through every format that holds them, the relation-extraction
//! export, and the formats that cannot hold them saying so.

use crate::util::{Fixture, relations_of, repo, run, spans_of, stderr, stdout};

const WITH_RELATIONS: [&str; 5] = ["jsonl", "brat", "labelstudio", "doccano", "ron"];

fn export(project: &std::path::Path, format: &str, out: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec![
        "export",
        project.to_str().unwrap(),
        "--format",
        format,
        "--source",
        "alice",
        "--out",
        out.to_str().unwrap(),
        "--include-in-progress",
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert!(r.status.success(), "{format}: {}", stderr(&r));
    stdout(&r)
}

fn import(project: &std::path::Path, format: &str, file: &std::path::Path, name: &str) -> std::process::Output {
    run(&["import", project.to_str().unwrap(), "--format", format, "--as", name, file.to_str().unwrap()])
}

#[test]
fn the_samples_relations_round_trip_through_every_format_that_holds_them() {
    let sample = repo().join("assets/sample");
    let before = relations_of(&sample, "alice");
    assert!(before.len() > 100 && before.iter().any(|r| r.3 == "alias"), "{}", before.len());
    for format in WITH_RELATIONS {
        let fx = Fixture::new();
        let out = fx.dir.path().join(format!("export.{format}"));
        let printed = export(&sample, format, &out, &[]);
        assert!(printed.contains(&format!("{} relations", before.len())), "{format}: {printed}");
        let r = import(&fx.project(), format, &out, "back");
        assert!(r.status.success(), "{format}: {}", stderr(&r));
        assert!(stdout(&r).contains(&format!("and {} relations", before.len())), "{format}: {}", stdout(&r));
        assert_eq!(relations_of(&fx.project(), "back"), before, "{format}");
        assert_eq!(spans_of(&fx.project(), "back"), spans_of(&sample, "alice"), "{format}");
    }
}

#[test]
fn astral_and_crlf_text_keeps_its_relations_and_symmetric_ones_stay_symmetric() {
    let fx = Fixture::new();
    // 𠮷 and 😀 are one code point (two UTF-16 units); \r\n becomes \n on import.
    let text = "𠮷野家😀：张勇\r\n（逍遥子）宣布阿里云营收167.61亿元😀。";
    let line = serde_json::json!({"id": "t1", "text": text, "spans": [
        {"id": 10, "start": 5, "end": 7, "label": "executive"},
        {"id": 11, "start": 10, "end": 13, "label": "executive"},
        {"id": 12, "start": 16, "end": 19, "label": "product"},
        {"id": 13, "start": 21, "end": 29, "label": "metric"},
    ], "relations": [
        {"id": 1, "from": 10, "to": 12, "type": "leads"},
        {"id": 2, "from": 11, "to": 10, "type": "alias"},
        {"id": 3, "from": 13, "to": 12, "type": "measures"},
    ]});
    let input = fx.write("in.jsonl", line.to_string());
    let r = import(&fx.project(), "jsonl", &input, "alice");
    assert!(r.status.success(), "{}", stderr(&r));
    let before = relations_of(&fx.project(), "alice");
    let names: Vec<(&str, &str)> = before.iter().map(|r| (r.3.as_str(), r.1.2.as_str())).collect();
    assert_eq!(names, [("alias", "executive"), ("leads", "executive"), ("measures", "metric")], "{before:?}");
    let spans = spans_of(&fx.project(), "alice");
    assert_eq!(spans.iter().map(|s| s.4.as_str()).collect::<Vec<_>>(), ["张勇", "逍遥子", "阿里云", "167.61亿元"]);
    for format in WITH_RELATIONS {
        let other = Fixture::new();
        let out = other.dir.path().join(format!("export.{format}"));
        export(&fx.project(), format, &out, &[]);
        let r = import(&other.project(), format, &out, "back");
        assert!(r.status.success(), "{format}: {}", stderr(&r));
        assert_eq!(relations_of(&other.project(), "back"), before, "{format}");
    }
    // brat writes the symmetric type as an Equiv line, Label Studio as direction "bi".
    let brat = fx.dir.path().join("brat");
    export(&fx.project(), "brat", &brat, &[]);
    let ann = std::fs::read_to_string(brat.join("t1.ann")).unwrap();
    assert!(ann.contains("*\talias T1 T2\n") && ann.contains("R1\tleads Arg1:T1 Arg2:T3\n"), "{ann}");
    let ls = fx.dir.path().join("ls.json");
    export(&fx.project(), "labelstudio", &ls, &[]);
    let tasks: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&ls).unwrap()).unwrap();
    let results = tasks[0]["annotations"][0]["result"].as_array().unwrap();
    let alias = results.iter().find(|r| r["labels"][0] == "alias").unwrap();
    assert_eq!((alias["type"].as_str(), alias["direction"].as_str()), (Some("relation"), Some("bi")));
    // UTF-16 offsets: 张勇 starts after 𠮷野家😀： = 2+1+1+2+1 units.
    assert_eq!(results[0]["value"]["start"], 7);
}

#[test]
fn relation_extraction_lines_carry_both_ends_and_negatives_on_request() {
    let sample = repo().join("assets/sample");
    let fx = Fixture::new();
    let out = fx.dir.path().join("re.jsonl");
    export(&sample, "relations-jsonl", &out, &[]);
    let relations = relations_of(&sample, "alice");
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), relations.len());
    let texts: std::collections::HashMap<String, Vec<char>> = newsanno::Project::open(&sample)
        .unwrap()
        .documents()
        .iter()
        .map(|d| {
            let doc = newsanno::Project::open(&sample).unwrap().load_document(&d.id).unwrap();
            (d.id.clone(), doc.text().chars().collect())
        })
        .collect();
    for line in &lines {
        let chars = &texts[line["document"].as_str().unwrap()];
        for end in ["head", "tail"] {
            let (s, e) = (line[end]["start"].as_u64().unwrap() as usize, line[end]["end"].as_u64().unwrap() as usize);
            assert_eq!(chars[s..e].iter().collect::<String>(), line[end]["text"].as_str().unwrap());
            let (cs, ce) = (
                line["context"]["start"].as_u64().unwrap() as usize,
                line["context"]["end"].as_u64().unwrap() as usize,
            );
            assert!(cs <= s && e <= ce, "context holds both ends: {line}");
        }
    }
    let with_negatives = fx.dir.path().join("re-neg.jsonl");
    let printed = export(&sample, "relations-jsonl", &with_negatives, &["--negatives"]);
    assert!(printed.contains("negative lines"), "{printed}");
    let all = std::fs::read_to_string(&with_negatives).unwrap();
    let negatives = all.lines().filter(|l| l.contains("\"negative\":true")).count();
    assert!(negatives > 0 && all.lines().count() == lines.len() + negatives);
    // --negatives means nothing for other formats.
    let r = run(&[
        "export",
        sample.to_str().unwrap(),
        "--format",
        "bio",
        "--out",
        "x.bio",
        "--source",
        "alice",
        "--negatives",
    ]);
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
}

#[test]
fn formats_without_relations_say_how_many_they_left_out() {
    let sample = repo().join("assets/sample");
    let count = relations_of(&sample, "alice").len();
    for format in ["bio", "bio-words", "cluener"] {
        let fx = Fixture::new();
        let printed = export(&sample, format, &fx.dir.path().join("out"), &[]);
        assert!(printed.contains(&format!("{count} relations left out: {format} cannot hold relations")), "{printed}");
    }
    let fx = Fixture::new();
    let printed = export(&sample, "jsonl", &fx.dir.path().join("out"), &["--flavor", "spacy"]);
    assert!(printed.contains("relations left out"), "{printed}");
}

// A brat folder with one document and the given .ann content.
fn brat_folder(fx: &Fixture, ann: &str) -> std::path::PathBuf {
    let dir = fx.dir.path().join("brat-in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("d1.txt"), "张勇宣布阿里云营收增长。").unwrap();
    std::fs::write(dir.join("d1.ann"), ann).unwrap();
    dir
}

#[test]
fn brat_relations_events_and_notes_are_taken_or_counted_never_dropped_silently() {
    let fx = Fixture::new();
    let ann = "T1\texecutive 0 2\t张勇\nT2\tproduct 4 7\t阿里云\nR1\tleads Arg1:T1 Arg2:T2\n*\tsame T2 T1\n\
               E1\tannounce:T1 Agent:T2\nA1\tNegated E1\nR2\tcause Arg1:E1 Arg2:T2\nN1\tReference T1 Wikidata:Q1\tZhang\n#1\tAnnotatorNotes T1\tCEO\n";
    let dir = brat_folder(&fx, ann);
    let r = import(&fx.project(), "brat", &dir, "ext");
    assert!(r.status.success(), "{}", stderr(&r));
    let printed = stdout(&r);
    for needle in [
        "attached 2 spans and 2 relations",
        "1 E lines (events) not imported",
        "1 R lines linking events not imported",
        "1 A/M lines (attributes) not imported",
        "1 N lines (normalisations) not imported",
        "1 # lines (notes) not imported",
        "relation type \"same\" (symmetric) was not in project.ron: added",
    ] {
        assert!(printed.contains(needle), "{needle} missing in\n{printed}");
    }
    let kinds: Vec<String> = relations_of(&fx.project(), "ext").into_iter().map(|r| r.3).collect();
    assert_eq!(kinds, ["leads", "same"]);
    let same = fx.open().config().relation_type("same").cloned().unwrap();
    assert!(!same.directed);
    // Exported again, the symmetric type is an Equiv line again.
    let out = fx.dir.path().join("again");
    let r = run(&[
        "export",
        fx.project().to_str().unwrap(),
        "--format",
        "brat",
        "--source",
        "ext",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let ann = std::fs::read_to_string(out.join("d1.ann")).unwrap();
    assert!(ann.contains("*\tsame T1 T2\n") || ann.contains("*\tsame T2 T1\n"), "{ann}");
}

#[test]
fn relations_to_missing_spans_and_self_loops_stop_the_import_with_file_and_place() {
    let fx = Fixture::new();
    let cases: Vec<(&str, std::path::PathBuf, &str)> = vec![
        ("brat", brat_folder(&fx, "T1\texecutive 0 2\t张勇\nR1\tleads Arg1:T1 Arg2:T9\n"), "d1.ann:2: R1 names T9, which is not a T line"),
        ("brat", {
            let other = Fixture::new();
            let d = brat_folder(&other, "T1\texecutive 0 2\t张勇\nR1\tleads Arg1:T1 Arg2:T1\n");
            let moved = fx.dir.path().join("brat-self");
            std::fs::rename(&d, &moved).unwrap();
            moved
        }, "relation leads links \"张勇\" to itself"),
        (
            "labelstudio",
            fx.write(
                "ls.json",
                serde_json::json!([{"data": {"text": "张勇宣布阿里云"}, "annotations": [{"result": [
                    {"id": "a", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["executive"]}},
                    {"type": "relation", "from_id": "a", "to_id": "zz", "direction": "right", "labels": ["leads"]}
                ]}]}])
                .to_string(),
            ),
            "ls.json: task 1: a relation's to_id \"zz\" is not a labelled region of this task",
        ),
        (
            "doccano",
            fx.write(
                "d.jsonl",
                serde_json::json!({"text": "张勇宣布阿里云", "entities": [{"id": 1, "label": "executive", "start_offset": 0, "end_offset": 2}],
                    "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "leads"}]})
                .to_string(),
            ),
            "d.jsonl:1: relation",
        ),
        (
            "jsonl",
            fx.write(
                "n.jsonl",
                serde_json::json!({"text": "张勇宣布阿里云", "spans": [{"id": 1, "start": 0, "end": 2, "label": "executive"}],
                    "relations": [{"id": 1, "from": 1, "to": 7, "type": "leads"}]})
                .to_string(),
            ),
            "n.jsonl:1: relation",
        ),
    ];
    for (format, path, message) in cases {
        let r = import(&fx.project(), format, &path, "bad");
        assert_eq!(r.status.code(), Some(1), "{format}: {}", stdout(&r));
        assert!(stderr(&r).contains(message), "{format}: {message} missing in {}", stderr(&r));
        assert!(!fx.project().join("annotations/bad").exists(), "{format}: nothing half-written");
    }
}

#[test]
fn label_studio_left_and_bi_directions_and_unlabelled_relations() {
    let fx = Fixture::new();
    // 𠮷 counts two UTF-16 units: 张勇 is at [2, 4) in Label Studio's offsets.
    let task = serde_json::json!([{"data": {"text": "𠮷张勇与逍遥子"}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 2, "end": 4, "text": "张勇", "labels": ["executive"]}},
        {"id": "b", "type": "labels", "value": {"start": 5, "end": 8, "text": "逍遥子", "labels": ["executive"]}},
        {"type": "relation", "from_id": "a", "to_id": "b", "direction": "left", "labels": ["leads"]},
        {"type": "relation", "from_id": "a", "to_id": "b", "direction": "bi", "labels": ["alias"]},
        {"type": "relation", "from_id": "b", "to_id": "a", "direction": "right"}
    ]}]}]);
    let path = fx.write("ls.json", task.to_string());
    let r = import(&fx.project(), "labelstudio", &path, "ls");
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stdout(&r).contains("task 1: 1 relations without a label not imported"), "{}", stdout(&r));
    let relations = relations_of(&fx.project(), "ls");
    let shown: Vec<(&str, &str, &str)> =
        relations.iter().map(|r| (r.3.as_str(), r.1.2.as_str(), r.2.2.as_str())).collect();
    assert_eq!(shown.len(), 2, "{relations:?}");
    // "left" points from to_id to from_id: 逍遥子 (4..7) —leads→ 张勇 (1..3).
    let leads = relations.iter().find(|r| r.3 == "leads").unwrap();
    assert_eq!((leads.1.0, leads.2.0), (4, 1));
    assert!(relations.iter().any(|r| r.3 == "alias"));
}
