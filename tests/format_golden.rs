//! A committed annotation file with every field and awkward strings, written
//! by our writer (format 1.3: sources, rejections, relations, categories and active time), plus the same content as JSON. tools/check_ron_python.py
//! reads the .ron with python-ron and compares it with the .json, so the
//! format contract is checked for Python pipelines too (run by .ci/run).
//! `UPDATE_GOLDEN=1 cargo test` rewrites both after a deliberate change.

use newsanno::store::annotation_file::{parse, to_ron_string};
use newsanno::{AnnotationFile, Rejected, Relation, Span, SpanSource, Status};

use crate::util::repo;

fn tricky() -> AnnotationFile {
    let text = "𠮷野家😀：蒂姆·库克说\"iPhone 17\"\t很好\n第二行\\结束";
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    // Sources (format 1.1) of every kind, one with a file name that needs escaping.
    let spans = [
        (0, 3, "product", None, SpanSource::Terms("terms/产品 \"名单\".txt".into())),
        (3, 4, "event", Some("emoji 😀"), SpanSource::Manual),
        (5, 10, "executive", Some("全名，含·"), SpanSource::Pos),
        (11, 22, "product", Some("带\"引号\"和\\反斜杠"), SpanSource::Propagated),
        (22, 27, "metric", Some("跨\n行"), SpanSource::Pattern("amount".into())),
        (25, 31, "event", None, SpanSource::Other("model:bert-v2".into())),
    ];
    AnnotationFile {
        version: "1.3".into(),
        document: "新闻-001".into(),
        annotator: "alice".into(),
        text_hash: newsanno::text::text_hash(text),
        status: Status::InProgress,
        modified: "2026-11-26T21:49:37Z".into(),
        comment: "评论：含 'single' 与 \"double\" 引号、\u{7}控制符、零宽\u{200b}空格、组合字符e\u{301}。".into(),
        // Categories (format 1.3), one that needs escaping, and the active time.
        categories: vec!["人事变动".into(), "科技".into(), "财经 \"快讯\"".into()],
        active_seconds: 754,
        spans: spans
            .iter()
            .enumerate()
            .map(|(i, (start, end, label, note, source))| Span {
                id: i as u64 + 1,
                start: *start,
                end: *end,
                label: (*label).into(),
                text: slice(*start, *end),
                note: note.map(str::to_owned),
                source: source.clone(),
                attributes: Default::default(),
                link: None,
            })
            .collect(),
        // Relations (format 1.2): directed, symmetric, an unknown type, notes that need escaping.
        relations: vec![
            Relation { id: 1, from: 3, to: 4, kind: "leads".into(), note: None },
            Relation {
                id: 2, from: 5, to: 4, kind: "measures".into(), note: Some("含\"引号\"与\n换行😀".into())
            },
            Relation { id: 4, from: 6, to: 3, kind: "因果".into(), note: None },
        ],
        rejected: vec![
            Rejected { start: 0, end: 1, label: "product".into() },
            Rejected { start: 14, end: 20, label: "metric".into() },
        ],
    }
}

#[test]
fn golden_annotation_file_matches_the_writer_and_reads_back() {
    let file = tricky();
    let ron = to_ron_string(&file);
    let json = serde_json::to_string_pretty(&file).unwrap() + "\n";
    let dir = repo().join("tests/golden/format");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(dir.join("tricky.ron"), &ron).unwrap();
        std::fs::write(dir.join("tricky.json"), &json).unwrap();
    }
    assert_eq!(std::fs::read_to_string(dir.join("tricky.ron")).unwrap(), ron, "writer output changed");
    assert_eq!(std::fs::read_to_string(dir.join("tricky.json")).unwrap(), json);
    assert_eq!(parse(std::path::Path::new("tricky.ron"), ron.as_bytes()).unwrap(), file);
}

// Format 1.4: attributes of every type (numbers exact, negative, fractional
// and large; a string that needs escaping; a flag) and links to an entry and NIL.
fn with_attributes() -> AnnotationFile {
    use newsanno::model::{AttributeValue, Attributes, Link};
    let text = "阿里云营收167.61亿元，同比增长37%；逍遥子（张勇）称利润率下降0.5个百分点。";
    let mut file = AnnotationFile::new("新闻-002", "alice", &newsanno::text::text_hash(text));
    file.modified = "2026-12-05T03:00:00Z".into();
    file.status = Status::Done;
    let number = |s: &str| AttributeValue::Number(s.parse().unwrap());
    let text_value = |s: &str| AttributeValue::Text(s.into());
    let chars: Vec<char> = text.chars().collect();
    let mut add = |start: usize, end: usize, label: &str, attributes: Attributes, link: Option<Link>| {
        let id = file.next_span_id();
        file.spans.push(Span {
            id,
            start,
            end,
            label: label.into(),
            text: chars[start..end].iter().collect(),
            note: None,
            source: SpanSource::Manual,
            attributes,
            link,
        });
    };
    add(0, 3, "product", Attributes::new(), Some(Link::to("Q1754003", "阿里云")));
    add(
        5,
        13,
        "metric",
        [("value", number("16761000000")), ("unit", text_value("CNY")), ("kind", text_value("amount"))]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
        None,
    );
    add(
        14,
        21,
        "metric",
        [
            ("value", number("37")),
            ("unit", text_value("%")),
            ("kind", text_value("change")),
            ("checked", AttributeValue::Flag(true)),
            ("remark", text_value("含\"引号\"与\n换行、😀")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
        None,
    );
    add(26, 28, "executive", Attributes::new(), Some(Link::to("exec-0042", "张勇")));
    add(22, 25, "executive", Attributes::new(), Some(Link::nil("张勇 \"逍遥子\"")));
    add(
        33,
        42,
        "metric",
        [("value", number("-0.5")), ("unit", text_value("pp")), ("kind", text_value("change"))]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
        None,
    );
    file.sort_spans();
    file.version = file.minimal_version().into();
    file
}

#[test]
fn golden_file_with_attributes_and_links_matches_the_writer_and_reads_back() {
    let file = with_attributes();
    assert_eq!(file.version, "1.4");
    let ron = to_ron_string(&file);
    let json = serde_json::to_string_pretty(&file).unwrap() + "\n";
    let dir = repo().join("tests/golden/format");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(dir.join("attributes.ron"), &ron).unwrap();
        std::fs::write(dir.join("attributes.json"), &json).unwrap();
    }
    assert_eq!(std::fs::read_to_string(dir.join("attributes.ron")).unwrap(), ron, "writer output changed");
    assert_eq!(std::fs::read_to_string(dir.join("attributes.json")).unwrap(), json);
    assert_eq!(parse(std::path::Path::new("attributes.ron"), ron.as_bytes()).unwrap(), file);
    // The fast path and the RON parser agree, and a hand-spaced file still loads.
    assert_eq!(newsanno::store::annotation_file::parse_canonical(&ron).as_ref(), Some(&file));
    assert_eq!(ron::from_str::<AnnotationFile>(&ron).unwrap(), file);
    let spaced = ron.replace("attributes: {", "attributes:  {");
    assert!(newsanno::store::annotation_file::parse_canonical(&spaced).is_none());
    assert_eq!(parse(std::path::Path::new("x.ron"), spaced.as_bytes()).unwrap(), file);
}

#[test]
fn the_fast_path_reads_the_golden_file_like_ron_and_declines_other_layouts() {
    let raw = std::fs::read_to_string(repo().join("tests/golden/format/tricky.ron")).unwrap();
    let fast = newsanno::store::annotation_file::parse_canonical(&raw).expect("canonical");
    assert_eq!(fast, ron::from_str::<AnnotationFile>(&raw).unwrap());
    // Hand-edited layouts, newer fields, trailing text: the fast path declines, RON decides.
    for edited in [
        raw.replace("    status: InProgress,\n", "    status: InProgress, \n"),
        raw.replace("    spans: [", "    reviewer: \"bob\",\n    spans: ["),
        format!("{raw}junk"),
        raw.replace("(id: 1, start: 0,", "(id: 1,  start: 0,"),
        raw.replace("\\u{7}", "\\x07"),
    ] {
        assert!(newsanno::store::annotation_file::parse_canonical(&edited).is_none(), "{edited}");
    }
    // An edited but valid file still loads through RON.
    let spaced = raw.replace("(id: 1, start: 0,", "(id: 1,  start: 0,");
    assert_eq!(parse(std::path::Path::new("x.ron"), spaced.as_bytes()).unwrap(), fast);
}

#[test]
fn golden_assignments_file_matches_the_writer_and_reads_back() {
    use newsanno::store::assignments::Assignments;
    let mut plan = Assignments::new(7);
    plan.documents.insert("新闻-001".into(), vec!["alice".into(), "张三".into()]);
    plan.documents.insert("d2".into(), vec!["bob".into()]);
    let ron = plan.to_ron_string();
    let json = serde_json::to_string_pretty(&plan).unwrap() + "\n";
    let dir = repo().join("tests/golden/format");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(dir.join("assignments.ron"), &ron).unwrap();
        std::fs::write(dir.join("assignments.json"), &json).unwrap();
    }
    assert_eq!(std::fs::read_to_string(dir.join("assignments.ron")).unwrap(), ron, "writer output changed");
    assert_eq!(std::fs::read_to_string(dir.join("assignments.json")).unwrap(), json);
    assert_eq!(Assignments::parse(std::path::Path::new("assignments.ron"), &ron, None).unwrap(), plan);
}
