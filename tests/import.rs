//! Importing: formats, normalisation, ids, and every kind of bad input.

use newsanno::import::{ImportOptions, ORIGINAL_ID_KEY};
use newsanno::store::ids::is_safe_id;

use crate::util::Fixture;

#[test]
fn jsonl_fields_can_be_renamed() {
    let fx = Fixture::new();
    let input = fx
        .write("x.jsonl", "{\"uid\": 7, \"headline\": \"标题\", \"article\": \"正文一\", \"content\": \"不是正文\"}\n");
    let options = ImportOptions {
        text_field: Some("article".into()),
        title_field: Some("headline".into()),
        id_field: Some("uid".into()),
        ..ImportOptions::default()
    };
    fx.import_with(&[&input], &options).unwrap();
    let project = fx.open();
    let doc = project.load_document("7").unwrap();
    assert_eq!(doc.text(), "正文一");
    assert_eq!(doc.entry.title, "标题");
    assert_eq!(doc.entry.meta.get("content").map(String::as_str), Some("不是正文"));
}

#[test]
fn csv_with_header_and_quoted_newlines() {
    let fx = Fixture::new();
    let csv =
        "\u{feff}id,title,body,source\r\nc1,阿里云,\"第一行\r\n第二行，含“引号”\",新华社\r\nc2,,\"钉钉, 7亿用户\",\r\n";
    let input = fx.write("x.csv", csv);
    let summary = fx.import(&[&input]).unwrap();
    assert_eq!(summary.imported, 2);
    let project = fx.open();
    let c1 = project.load_document("c1").unwrap();
    assert_eq!(c1.text(), "第一行\n第二行，含“引号”");
    assert_eq!(c1.entry.meta.get("source").map(String::as_str), Some("新华社"));
    let c2 = project.load_document("c2").unwrap();
    assert_eq!(c2.entry.title, "钉钉, 7亿用户");
    assert!(c2.entry.meta.is_empty());
}

#[test]
fn crlf_and_astral_characters_keep_python_offsets() {
    let fx = Fixture::new();
    let input = fx.write("x.jsonl", "{\"id\": \"d\", \"text\": \"𠮷野家\\r\\n😀张勇\\r说\"}\n");
    fx.import(&[&input]).unwrap();
    let project = fx.open();
    let doc = project.load_document("d").unwrap();
    // Python: "𠮷野家\n😀张勇\n说"[5:7] == "张勇"
    assert_eq!(doc.text(), "𠮷野家\n😀张勇\n说");
    assert_eq!(doc.entry.chars, 9);
    assert_eq!(doc.text.slice(5, 7), Some("张勇"));
    assert_eq!(doc.text.slice(4, 5), Some("😀"));
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset_for_every_format() {
    let fx = Fixture::new();
    let txt = fx.write("bad.txt", b"good\nbad \xe4\xb8 end".as_slice());
    let jsonl = fx.write("bad.jsonl", b"{\"text\": \"ok\"}\n{\"text\": \"\xff\"}\n".as_slice());
    let csv = fx.write("bad.csv", b"text\nok\n\xc3\x28\n".as_slice());
    let cases = [
        (&txt, "bad.txt: invalid UTF-8 at byte offset 9 (line 2)"),
        (&jsonl, "bad.jsonl: invalid UTF-8 at byte offset 25 (line 2)"),
        (&csv, "bad.csv: invalid UTF-8 at byte offset 8 (line 3)"),
    ];
    for (path, expected) in cases {
        let err = fx.import(&[path]).unwrap_err().to_string();
        assert!(err.ends_with(expected), "{err}");
    }
    assert!(fx.corpus_files().is_empty());
}

#[test]
fn one_bad_record_imports_nothing_from_the_command() {
    let fx = Fixture::new();
    let good = fx.write("good.jsonl", "{\"id\": \"g1\", \"text\": \"好\"}\n");
    let cases = [
        ("a.jsonl", "{\"text\": \"一\"}\n\n[1, 2]\n", "a.jsonl:3: expected a JSON object"),
        (
            "b.jsonl",
            "{\"text\": \"一\"}\n{\"title\": \"无正文\"}\n",
            "b.jsonl:2: no text field (looked for text, content, body)",
        ),
        ("c.jsonl", "{\"text\": 5}\n", "c.jsonl:1: field \"text\" must be a string"),
        ("d.jsonl", "{\"text\": \"x\", \"id\": [1]}\n", "d.jsonl:1: field \"id\" must be a string or number"),
        ("e.csv", "id,text\n1,ok\n2,ok,extra\n", "e.csv:3: bad CSV record"),
        ("f.csv", "id,title\n1,x\n", "f.csv:1: no text field"),
        ("g.xml", "<a/>", "g.xml: unsupported input"),
    ];
    for (name, content, expected) in cases {
        let bad = fx.write(name, content);
        let err = fx.import(&[&good, &bad]).unwrap_err().to_string();
        assert!(err.contains(expected), "{name}: {err}");
        assert!(fx.corpus_files().is_empty(), "{name}: {:?}", fx.corpus_files());
        assert!(fx.open().documents().is_empty());
    }
}

#[test]
fn empty_articles_are_skipped_and_counted() {
    let fx = Fixture::new();
    let input = fx.write("x.jsonl", "{\"text\": \"\"}\n{\"text\": \" \\n\\t\"}\n{\"text\": \"有内容\"}\n");
    fx.write("dir/empty.txt", "");
    fx.write("dir/full.txt", "标题\n正文");
    let summary = fx.import(&[&input, &fx.dir.path().join("dir")]).unwrap();
    assert_eq!(summary.imported, 2);
    assert_eq!(summary.skipped_empty.len(), 3);
    assert!(summary.skipped_empty[0].ends_with("x.jsonl:1"), "{:?}", summary.skipped_empty);
}

#[test]
fn unsafe_ids_are_derived_and_the_original_kept() {
    let fx = Fixture::new();
    let lines = [
        r#"{"id": "../../etc/passwd", "text": "一"}"#,
        r#"{"id": "CON", "text": "二"}"#,
        r#"{"id": "a/b\\c", "text": "三"}"#,
        r#"{"id": "nul.txt", "text": "四"}"#,
        r#"{"id": "tab\there", "text": "五"}"#,
        r#"{"id": "x\u0000y", "text": "六"}"#,
        r#"{"id": "Case", "text": "七"}"#,
        r#"{"id": "case", "text": "八"}"#,
        r#"{"id": "新闻-001", "text": "九"}"#,
    ];
    let input = fx.write("ids.jsonl", lines.join("\n"));
    let summary = fx.import(&[&input]).unwrap();
    assert_eq!(summary.imported, 9);
    assert_eq!(summary.derived_ids, 7);
    let project = fx.open();
    let mut keys = std::collections::HashSet::new();
    for doc in project.documents() {
        assert!(is_safe_id(&doc.id), "{:?}", doc.id);
        assert!(keys.insert(doc.id.to_lowercase()), "case-insensitive clash: {}", doc.id);
    }
    let first = &project.documents()[0];
    assert_eq!(first.meta.get(ORIGINAL_ID_KEY).map(String::as_str), Some("../../etc/passwd"));
    assert_eq!(project.documents()[6].id, "Case");
    assert_eq!(project.documents()[8].id, "新闻-001");
}

#[test]
fn duplicate_ids_are_listed_or_renamed() {
    let fx = Fixture::new();
    let input = fx.write("dup.jsonl", "{\"id\": \"x\", \"text\": \"一\"}\n{\"id\": \"y\", \"text\": \"二\"}\n{\"id\": \"x\", \"text\": \"三\"}\n{\"id\": \"y\", \"text\": \"四\"}\n");
    let err = fx.import(&[&input]).unwrap_err().to_string();
    assert!(err.contains("2 duplicate id(s); nothing was imported"), "{err}");
    assert!(
        err.contains("\"x\" at ") && err.contains("dup.jsonl:3 (also at ") && err.contains("dup.jsonl:1)"),
        "{err}"
    );
    assert!(fx.corpus_files().is_empty());

    let options = ImportOptions { rename_duplicates: true, ..ImportOptions::default() };
    let summary = fx.import_with(&[&input], &options).unwrap();
    assert_eq!(summary.renamed, 2);
    let project = fx.open();
    let ids: Vec<&str> = project.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["x", "y", "x-2", "y-2"]);
    assert_eq!(project.documents()[2].meta.get(ORIGINAL_ID_KEY).map(String::as_str), Some("x"));
}

#[test]
fn reimporting_the_same_articles_skips_them_but_changed_text_is_refused() {
    let fx = Fixture::new();
    let input = fx.write("a.jsonl", "{\"id\": \"x\", \"text\": \"一\"}\n");
    fx.import(&[&input]).unwrap();
    let again = fx.import(&[&input]).unwrap();
    assert_eq!((again.imported, again.skipped_existing), (0, 1));
    assert_eq!(fx.corpus_files().len(), 2, "no empty batch written");

    let changed = fx.write("b.jsonl", "{\"id\": \"x\", \"text\": \"改过的\"}\n");
    let err = fx.import(&[&changed]).unwrap_err().to_string();
    assert!(err.contains("\"x\" at ") && err.contains("(also at the project)"), "{err}");
    assert_eq!(fx.open().load_document("x").unwrap().text(), "一", "imported text is immutable");
}

#[test]
fn ids_without_an_id_field_come_from_file_and_line() {
    let fx = Fixture::new();
    let input = fx.write("feed.jsonl", "{\"text\": \"一\"}\n\n{\"text\": \"二\"}\n");
    fx.import(&[&input]).unwrap();
    let ids: Vec<String> = fx.open().documents().iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["feed-000001", "feed-000003"]);
}

#[test]
fn a_hand_edited_index_cannot_smuggle_in_an_unsafe_id() {
    let fx = Fixture::new();
    let input = fx.write("a.jsonl", "{\"id\": \"ok\", \"text\": \"一\"}\n{\"id\": \"fine\", \"text\": \"二\"}\n");
    fx.import(&[&input]).unwrap();
    let index = fx.corpus_files().into_iter().find(|n| n.ends_with(".index.jsonl")).unwrap();
    let path = fx.project().join("corpus").join(index);
    let edited = std::fs::read_to_string(&path).unwrap().replacen("\"id\":\"fine\"", "\"id\":\"../../escape\"", 1);
    std::fs::write(&path, edited).unwrap();
    let project = fx.open();
    let ids: Vec<&str> = project.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["ok"]);
    assert!(project.warnings()[0].contains("not safe as a file name"), "{:?}", project.warnings());
}
