//! Character-level BIO export and import.

use newsanno::formats::bio::{Scheme, flat_spans, read, write};
use newsanno::formats::{ExportDocument, ExportSpan};

use crate::util::{Fixture, repo, run, stderr, stdout};

fn span(text: &str, start: usize, end: usize, label: &str) -> ExportSpan {
    ExportSpan { start, end, label: label.into(), text: text.chars().skip(start).take(end - start).collect() }
}

#[test]
fn tricky_text_round_trips_in_both_schemes() {
    // Astral characters, spaces, a tab, an ideographic space, a backslash, newlines,
    // adjacent same-label spans, a single-character span, a span crossing 。, and a nested one.
    let text = "𠮷野家😀 发布\t新品。\n张勇张勇说：\\阿里云　营收167.61亿元；同比增长37%！\n\n最后一句";
    let spans = vec![
        span(text, 0, 3, "product"),
        span(text, 12, 14, "executive"),
        span(text, 14, 16, "executive"),
        span(text, 19, 22, "product"),
        span(text, 19, 21, "event"),
        span(text, 25, 33, "metric"),
        span(text, 3, 4, "event"),
        span(text, 8, 13, "event"),
    ];
    let doc = ExportDocument {
        id: "t".into(),
        title: String::new(),
        text: text.into(),
        meta: Default::default(),
        spans,
        relations: Vec::new(),
        categories: Vec::new(),
    };
    let (kept, dropped) = flat_spans(&doc);
    // Dropped: 阿里 (inside 阿里云) and the first 张勇 (overlapping the longer 新品。⏎张).
    assert_eq!(dropped.len(), 2, "{dropped:?}");
    for scheme in [Scheme::Iob2, Scheme::Bioes] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.bio");
        let mut bytes = Vec::new();
        write(std::slice::from_ref(&doc), scheme, &mut bytes).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let back = read(&path).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].text, text, "{scheme:?}: the text comes back exactly");
        assert_eq!(back[0].spans, kept, "{scheme:?}");
    }
}

#[test]
fn sample_exports_to_bio_and_imports_back() {
    let fx = Fixture::new();
    let sample = repo().join("assets/sample");
    let out = fx.dir.path().join("gold.bio");
    let r = run(&[
        "export",
        sample.to_str().unwrap(),
        "--format",
        "bio",
        "--source",
        "majority:2",
        "--scheme",
        "bioes",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stdout(&r).contains("exported 7 documents"), "{}", stdout(&r));
    let r =
        run(&["import", fx.project().to_str().unwrap(), "--format", "bio", "--as", "agreed", out.to_str().unwrap()]);
    assert!(r.status.success(), "{}", stderr(&r));
    // 109 agreed spans, less the one BIO cannot hold (钉钉 inside 钉钉生态大会2026).
    assert!(stdout(&r).contains("attached 108 spans in 7 documents"), "{}", stdout(&r));
    // Word level too.
    let words = fx.dir.path().join("words.bio");
    let r = run(&[
        "export",
        sample.to_str().unwrap(),
        "--format",
        "bio-words",
        "--source",
        "majority:2",
        "--out",
        words.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let again = Fixture::new();
    let r = run(&[
        "import",
        again.project().to_str().unwrap(),
        "--format",
        "bio-words",
        "--as",
        "agreed",
        words.to_str().unwrap(),
    ]);
    assert!(stdout(&r).contains("attached 108 spans in 7 documents"), "{}", stdout(&r));
    // The imported documents carry the original ids and texts.
    let project = newsanno::Project::open(&fx.project()).unwrap();
    let original = newsanno::Project::open(&sample).unwrap();
    for entry in project.documents() {
        assert_eq!(original.document_entry(&entry.id).unwrap().text_hash, entry.text_hash);
    }
}

#[test]
fn bad_bio_files_name_the_line() {
    let fx = Fixture::new();
    let cases = [
        ("a.bio", "张\tB-executive\n", "a.bio:1: a character line before any -DOCSTART- line"),
        ("b.bio", "-DOCSTART-\td\n\n张\tI-executive\n", "b.bio:3: I-executive does not continue a executive span"),
        ("c.bio", "-DOCSTART-\td\n\n张勇\tO\n", "b.bio:3"),
        ("d.bio", "-DOCSTART-\td\n\n张 O\n", "d.bio:3: expected char<TAB>tag"),
        ("e.bio", "-DOCSTART-\td\n\n张\tX-y\n", "e.bio:3: tag \"X-y\" is not O"),
    ];
    for (name, content, expected) in cases {
        let path = fx.write(name, content);
        let err = read(&path).unwrap_err().to_string();
        let expected = if name == "c.bio" { "c.bio:3: \"张勇\" is not one character" } else { expected };
        assert!(err.contains(expected), "{name}: {err}");
        let r =
            run(&["import", fx.project().to_str().unwrap(), "--format", "bio", "--as", "x", path.to_str().unwrap()]);
        assert_eq!(r.status.code(), Some(1));
    }
    assert!(fx.open().documents().is_empty());
}

#[test]
fn word_level_bio_splits_tokens_at_span_edges_and_round_trips() {
    let fx = Fixture::new();
    // 阿里巴巴集团 is one jieba token; a span on 阿里巴巴 alone splits it.
    let text = "阿里巴巴集团董事会主席张勇宣布阿里云独立。\n第二句 有空格";
    let line = serde_json::json!({"id": "w", "text": text, "spans": [
        {"start": 0, "end": 4, "label": "product"},
        {"start": 11, "end": 13, "label": "executive"},
        {"start": 15, "end": 18, "label": "product"},
    ]});
    let input = fx.write("in.jsonl", line.to_string());
    assert!(
        run(&["import", fx.project().to_str().unwrap(), "--format", "jsonl", "--as", "bob", input.to_str().unwrap()])
            .status
            .success()
    );
    let out = fx.dir.path().join("w.bio");
    let r = run(&[
        "export",
        fx.project().to_str().unwrap(),
        "--format",
        "bio-words",
        "--source",
        "bob",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stdout(&r).contains("split where a span boundary fell inside a token"), "{}", stdout(&r));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("阿里巴巴\tB-product\n集团\tO\n"), "{written}");
    let back = read_tokens_of(&out);
    assert_eq!(back.0, text);
    let spans: Vec<(usize, usize, &str)> = back.1.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
    assert_eq!(spans, [(0, 4, "product"), (11, 13, "executive"), (15, 18, "product")]);
}

fn read_tokens_of(path: &std::path::Path) -> (String, Vec<ExportSpan>) {
    let docs = newsanno::formats::bio::read_tokens(path).unwrap();
    (docs[0].text.clone(), docs[0].spans.clone())
}

#[test]
fn sentence_ends_are_configurable() {
    let fx = Fixture::new();
    let input = fx.write("in.jsonl", serde_json::json!({"id": "s", "text": "一，二。三\n四", "spans": []}).to_string());
    assert!(
        run(&["import", fx.project().to_str().unwrap(), "--format", "jsonl", "--as", "bob", input.to_str().unwrap()])
            .status
            .success()
    );
    let out = fx.dir.path().join("s.bio");
    let export = |ends: &str| {
        let r = run(&[
            "export",
            fx.project().to_str().unwrap(),
            "--format",
            "bio",
            "--source",
            "bob",
            "--sentence-ends",
            ends,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(r.status.success(), "{}", stderr(&r));
        std::fs::read_to_string(&out).unwrap().split("\n\n").filter(|s| !s.trim().is_empty()).count()
    };
    // DOCSTART block + sentences: "一，二。" "三\n" "四" by default; "，" as an end splits one more.
    assert_eq!(export("。"), 1 + 3);
    assert_eq!(export("。，"), 1 + 4);
}

mod round_trip_property {
    use proptest::prelude::*;

    use super::*;

    const LABELS: [&str; 4] = ["executive", "product", "event", "metric"];

    fn text_and_spans() -> impl Strategy<Value = (String, Vec<ExportSpan>)> {
        let alphabet = prop::sample::select(vec![
            '张', '勇', '阿', '里', '云', '。', '，', '！', '；', '“', '”', '·', '𠮷', '😀', ' ', '\t', '\n',
            '\u{3000}', '\\', 'A', 'i', '7', '.', '%', 'O', '-', 'B',
        ]);
        prop::collection::vec(alphabet, 1..60)
            .prop_flat_map(|chars| {
                let len = chars.len();
                let text: String = chars.into_iter().collect();
                let spans = prop::collection::vec((0..len, 1..8usize, 0..LABELS.len()), 0..8).prop_map(move |raw| {
                    raw.into_iter()
                        .map(|(start, width, label)| {
                            let end = (start + width).min(len);
                            (start, end, LABELS[label])
                        })
                        .collect::<Vec<_>>()
                });
                (Just(text), spans)
            })
            .prop_map(|(text, raw)| {
                let spans = raw.into_iter().map(|(s, e, l)| span(&text, s, e, l)).collect();
                (text, spans)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Export then import gives back the text exactly and every span the
        /// BIO overlap policy keeps, in both schemes and with any sentence ends.
        #[test]
        fn bio_export_then_import_round_trips(
            (text, spans) in text_and_spans(),
            bioes in any::<bool>(),
            ends in prop::sample::select(vec!["。！？；!?", "。", ""]),
        ) {
            let doc = ExportDocument {
                id: "doc-1".into(),
                title: String::new(),
                text: text.clone(),
                meta: Default::default(),
                spans,
                relations: Vec::new(),
                categories: Vec::new(),
            };
            let (kept, _) = flat_spans(&doc);
            let scheme = if bioes { Scheme::Bioes } else { Scheme::Iob2 };
            let mut bytes = Vec::new();
            newsanno::formats::bio::write_with(std::slice::from_ref(&doc), scheme, ends, &mut bytes).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("x.bio");
            std::fs::write(&path, &bytes).unwrap();
            let back = read(&path).unwrap();
            prop_assert_eq!(back.len(), 1);
            prop_assert_eq!(back[0].id.as_deref(), Some("doc-1"));
            prop_assert_eq!(&back[0].text, &text);
            prop_assert_eq!(&back[0].spans, &kept);
        }
    }
}

#[test]
fn a_closing_quote_stays_with_the_sentence_it_ends() {
    let text = "张勇说：“阿里云将持续投入。”随后宣布新品！";
    let doc = ExportDocument {
        id: "q".into(),
        title: String::new(),
        text: text.into(),
        meta: Default::default(),
        spans: vec![span(text, 0, 2, "executive")],
        relations: Vec::new(),
        categories: Vec::new(),
    };
    let mut out = Vec::new();
    write(std::slice::from_ref(&doc), Scheme::Iob2, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let sentences: Vec<String> = out
        .split("\n\n")
        .filter(|s| !s.starts_with("-DOCSTART-") && !s.trim().is_empty())
        .map(|s| s.lines().map(|l| l.split('\t').next().unwrap()).collect())
        .collect();
    assert_eq!(sentences, ["张勇说：“阿里云将持续投入。”", "随后宣布新品！"], "{out}");
}

#[test]
fn whitespace_is_escaped_replaced_or_dropped_and_every_line_has_two_columns_for_whitespace_splitting_readers() {
    use newsanno::formats::bio::{Whitespace, write_with_whitespace};
    let text = "iPhone 17发布\u{3000}新品\u{a0}上市。";
    let doc = ExportDocument {
        id: "w".into(),
        title: String::new(),
        text: text.into(),
        meta: Default::default(),
        spans: vec![span(text, 0, 9, "product")],
        relations: Vec::new(),
        categories: Vec::new(),
    };
    let columns = |mode: Whitespace| -> Vec<Vec<String>> {
        let mut out = Vec::new();
        write_with_whitespace(std::slice::from_ref(&doc), Scheme::Iob2, "。", mode, &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
            .map(|l| l.split_whitespace().map(str::to_owned).collect())
            .collect()
    };
    for mode in [Whitespace::Escape, Whitespace::Placeholder, Whitespace::Drop] {
        assert!(columns(mode).iter().all(|c| c.len() == 2), "{mode:?}: {:?}", columns(mode));
    }
    let tokens = |mode| columns(mode).into_iter().map(|c| c[0].clone()).collect::<Vec<_>>().join("|");
    assert_eq!(tokens(Whitespace::Escape), "i|P|h|o|n|e|\\s|1|7|发|布|\\u{3000}|新|品|\\u{a0}|上|市|。");
    assert_eq!(tokens(Whitespace::Placeholder), "i|P|h|o|n|e|▁|1|7|发|布|▁|新|品|▁|上|市|。");
    assert_eq!(tokens(Whitespace::Drop), "i|P|h|o|n|e|1|7|发|布|新|品|上|市|。");
    // The span keeps its tags across the dropped space: B, then I to 17.
    let tags: Vec<String> = columns(Whitespace::Drop).into_iter().map(|c| c[1].clone()).take(8).collect();
    assert_eq!(
        tags,
        ["B-product", "I-product", "I-product", "I-product", "I-product", "I-product", "I-product", "I-product"]
    );
}

#[test]
fn the_spacy_flavour_of_bio_writes_conll_files_and_refuses_bioes() {
    let fx = Fixture::with_articles(&[("a", "阿里云发布新品。"), ("b", "钉钉上线。"), ("c", "张勇讲话。")]);
    let dir = fx.project();
    let d = dir.to_str().unwrap();
    for doc in ["a", "b", "c"] {
        let project = newsanno::Project::open(&dir).unwrap();
        let document = project.load_document(doc).unwrap();
        let mut file = newsanno::AnnotationFile::new(doc, "alice", &document.entry.text_hash);
        file.add_span(&document.text, 0, 2, "product").unwrap();
        file.status = newsanno::Status::Done;
        project.save_annotation(&mut file, &document).unwrap();
    }
    let out = fx.dir.path().join("spacy");
    let o = out.to_str().unwrap();
    let run_ok = run(&[
        "export",
        d,
        "--format",
        "bio",
        "--flavor",
        "spacy",
        "--source",
        "alice",
        "--split",
        "train=0.67,dev=0.33",
        "--out",
        o,
    ]);
    assert!(run_ok.status.success(), "{}", stderr(&run_ok));
    assert!(out.join("train.conll").is_file() && out.join("dev.conll").is_file() && out.join("splits.json").is_file());
    let refused = run(&[
        "export", d, "--format", "bio", "--flavor", "spacy", "--scheme", "bioes", "--source", "alice", "--out", o,
    ]);
    assert!(!refused.status.success() && stderr(&refused).contains("use --scheme iob2 with --flavor spacy"));
    assert!(stdout(&refused).is_empty());
}
