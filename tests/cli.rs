//! The command line, run as a user would: init, import, validate, stats, exit codes.

use crate::util::{Fixture, run, stderr, stdout};

const JSONL: &str = r#"{"id": "a1", "title": "阿里云发布新品", "text": "阿里云发布PolarDB 3.0，性能提升6倍。", "source": "科技日报", "url": "https://example.com/a1", "date": "2026-11-25", "words": 18}
{"id": "a2", "text": "钉钉用户数突破7亿\n叶军表示……", "source": "钉钉"}
"#;

#[test]
fn init_import_validate_stats_on_jsonl() {
    let fx = Fixture::new();
    let dir = fx.dir.path().join("p");
    let dir_s = dir.to_str().unwrap();
    let out = run(&["init", dir_s, "--name", "新闻", "--labels", "executive,product,metric"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("executive (1), product (2), metric (3)"), "{}", stdout(&out));

    let input = fx.write("news.jsonl", JSONL);
    let out = run(&["import", dir_s, input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("imported 2 documents"), "{}", stdout(&out));

    let project = newsanno::Project::open(&dir).unwrap();
    let docs = project.documents();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].title, "阿里云发布新品");
    assert_eq!(docs[0].meta.get("source").map(String::as_str), Some("科技日报"));
    assert_eq!(docs[0].meta.get("words").map(String::as_str), Some("18"));
    assert_eq!(docs[1].title, "钉钉用户数突破7亿", "title falls back to the first line");

    let out = run(&["validate", dir_s]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));

    let out = run(&["stats", dir_s]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("documents: 2"), "{}", stdout(&out));
}

#[test]
fn init_import_validate_stats_on_a_folder_of_txt() {
    let fx = Fixture::new();
    fx.write("articles/b/second.txt", "第二篇\r\n\r\n正文：蒂姆·库克到访上海。\r\n");
    fx.write("articles/a.txt", "\u{feff}第一篇标题\n\n阿里云营收167.61亿元。\n");
    fx.write("articles/notes.md", "not an article");
    let dir = fx.project();
    let out = run(&["import", dir.to_str().unwrap(), fx.dir.path().join("articles").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let project = fx.open();
    let ids: Vec<&str> = project.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b-second"], "sorted, recursive, ids from relative paths");
    let second = project.load_document("b-second").unwrap();
    assert_eq!(second.text(), "第二篇\n\n正文：蒂姆·库克到访上海。\n", "CRLF became LF");
    let first = project.load_document("a").unwrap();
    assert!(first.text().starts_with("第一篇标题"), "BOM stripped");
    assert_eq!(first.entry.title, "第一篇标题");

    let out = run(&["stats", dir.to_str().unwrap()]);
    assert!(stdout(&out).contains("documents: 2"), "{}", stdout(&out));
    assert_eq!(run(&["validate", dir.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn validate_reports_each_problem_with_file_and_line_and_exits_1() {
    let fx = Fixture::new();
    let input = fx.write("news.jsonl", JSONL);
    fx.import(&[&input]).unwrap();
    let project = fx.open();
    let doc = project.load_document("a1").unwrap();
    let mut file = newsanno::AnnotationFile::new("a1", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, 0, 3, "product").unwrap();
    file.add_span(&doc.text, 5, 12, "product").unwrap();
    project.save_annotation(&mut file, &doc).unwrap();
    let path = project.annotation_path("alice", "a1");
    let raw = std::fs::read_to_string(&path).unwrap();
    // Break one span's offsets and give another an unknown label.
    let broken = raw.replacen("start: 5, end: 12", "start: 5, end: 99", 1).replacen(
        "label: \"product\"",
        "label: \"company\"",
        1,
    );
    std::fs::write(&path, broken).unwrap();
    std::fs::write(project.annotator_dir("alice").join("ghost.ron"), "x").unwrap();

    let out = run(&["validate", fx.project().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // validate is the gate before training: an unknown label is an error there (the window keeps the span).
    assert!(
        lines[0]
            .ends_with("a1.ron:11: span 1: label \"company\" is not in project.ron: add it there or relabel the span"),
        "{text}"
    );
    assert!(lines[1].contains("a1.ron:12: span 2: [5, 99) is empty or outside the text"), "{text}");
    assert!(lines[2].contains("ghost.ron: no document \"ghost\" in the corpus"), "{text}");
}

#[test]
fn validate_names_bad_relations_with_their_lines_and_the_window_keeps_the_file() {
    let fx = Fixture::new();
    let input = fx.write("news.jsonl", JSONL);
    fx.import(&[&input]).unwrap();
    let project = fx.open();
    let doc = project.load_document("a1").unwrap();
    let mut file = newsanno::AnnotationFile::new("a1", "alice", &doc.entry.text_hash);
    let cloud = file.add_span(&doc.text, 0, 3, "product").unwrap();
    let polardb = file.add_span(&doc.text, 5, 12, "product").unwrap();
    let relation = |id, from, to, kind: &str| newsanno::Relation { id, from, to, kind: kind.into(), note: None };
    file.relations = vec![
        relation(1, cloud, polardb, "alias"),
        relation(2, cloud, 9, "leads"),
        relation(3, polardb, polardb, "alias"),
        relation(4, polardb, cloud, "alias"),
        relation(5, cloud, polardb, "owns"),
    ];
    project.save_annotation(&mut file, &doc).unwrap();
    let out = run(&["validate", fx.project().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Lines 15–19 hold the relations, one each.
    for (line, needle) in [
        (16, "relation 2: its to span 9 does not exist in this file"),
        (17, "relation 3 links span 2 to itself"),
        (18, "warning: relation 4: alias from span 2 to span 1 twice"),
        (19, "relation 5: type \"owns\" is not in project.ron: add it to relation_types or retype the relation"),
    ] {
        let want = format!("a1.ron:{line}: {needle}");
        assert!(lines.iter().any(|l| l.contains(&want)), "{want} missing in\n{text}");
    }
    assert_eq!(lines.len(), 4, "{text}");
}

#[test]
fn every_command_has_help_and_usage_errors_exit_2() {
    for cmd in [
        &["--help"][..],
        &["open", "--help"],
        &["init", "--help"],
        &["import", "--help"],
        &["validate", "--help"],
        &["stats", "--help"],
    ] {
        let out = run(cmd);
        assert_eq!(out.status.code(), Some(0), "{cmd:?}");
        assert!(stdout(&out).contains("Usage:"), "{cmd:?}");
    }
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["import"]).status.code(), Some(2));
    assert_eq!(run(&["stats", "--bogus"]).status.code(), Some(2));
}

#[test]
fn data_problems_exit_1_with_a_message() {
    let fx = Fixture::new();
    let out = run(&["stats", fx.dir.path().join("nowhere").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a newsanno project"), "{}", stderr(&out));

    let out = run(&["init", fx.project().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("a project already exists here"));

    let bad = fx.write("bad.jsonl", "{\"text\": \"好\"}\n{oops\n");
    let out = run(&["import", fx.project().to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.jsonl:2: not valid JSON"), "{}", stderr(&out));
}
