//! Hostile and broken input, one test each, through the command line: a
//! clear message naming the file and the place, exit code 1, and the project
//! exactly as it was (nothing written, nothing overwritten).
//!
//! Inputs that are not errors (a BOM, CRLF, a 10 MB article, unsafe ids) are
//! shown to be handled as documented instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{Fixture, run, stderr, stdout};

const ARTICLE: &str = "阿里巴巴集团董事长张勇宣布，阿里云推出PolarDB新版本。";

/// Every file under `dir` with its bytes (symlinks as their target), to
/// compare a project before and after a refused command.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            let key = path.strip_prefix(dir).unwrap().to_path_buf();
            if kind.is_symlink() {
                out.insert(key, std::fs::read_link(&path).unwrap().into_os_string().into_encoded_bytes());
            } else if kind.is_dir() {
                out.insert(key, b"<dir>".to_vec());
                stack.push(path);
            } else {
                out.insert(key, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A project with one imported article annotated by alice.
fn annotated() -> (Fixture, PathBuf) {
    let fx = Fixture::with_articles(&[("d1", ARTICLE)]);
    let project = fx.open();
    let doc = project.load_document("d1").unwrap();
    let mut file = newsanno::AnnotationFile::new("d1", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, 9, 11, "executive").unwrap();
    file.add_span(&doc.text, 14, 17, "product").unwrap();
    project.save_annotation(&mut file, &doc).unwrap();
    let path = project.annotation_path("alice", "d1");
    (fx, path)
}

/// Runs `args`, expects exit 1 and `needles` in the output, and the project unchanged.
fn refused(fx: &Fixture, args: &[&str], needles: &[&str]) -> String {
    let before = snapshot(&fx.project());
    let out = run(args);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{args:?}: {text}");
    for needle in needles {
        assert!(text.contains(needle), "{args:?}: expected {needle:?} in:\n{text}");
    }
    assert!(!text.contains("panicked"), "{text}");
    assert_eq!(snapshot(&fx.project()), before, "{args:?} changed the project");
    text
}

fn import_refused(fx: &Fixture, name: &str, content: &[u8], needles: &[&str]) -> String {
    let input = fx.write(name, content);
    let project = fx.project();
    refused(fx, &["import", project.to_str().unwrap(), input.to_str().unwrap()], needles)
}

fn validate_refused(fx: &Fixture, path: &Path, content: &[u8], needles: &[&str]) {
    std::fs::write(path, content).unwrap();
    let project = fx.project();
    refused(fx, &["validate", project.to_str().unwrap()], needles);
    assert_eq!(std::fs::read(path).unwrap(), content, "the broken file is left exactly as it was");
}

#[test]
fn invalid_utf8_names_file_byte_offset_and_line() {
    let fx = Fixture::new();
    let mut bad = format!("{{\"id\": \"a\", \"text\": \"{ARTICLE}\"}}\n{{\"id\": \"b\", \"text\": \"钉").into_bytes();
    let offset = bad.len() - 3 + 1;
    bad[offset] = 0xFF; // the middle byte of 钉
    bad.extend_from_slice(b"\"}\n");
    import_refused(&fx, "bad.jsonl", &bad, &["bad.jsonl: invalid UTF-8 at byte offset", "(line 2)"]);
    import_refused(&fx, "bad.txt", b"\xe5\xbc\xa0\n\xff", &["bad.txt: invalid UTF-8 at byte offset 4 (line 2)"]);
    import_refused(&fx, "bad.csv", b"id,text\n1,\xc3\x28\n", &["bad.csv: invalid UTF-8 at byte offset 10 (line 2)"]);

    let (fx, path) = annotated();
    let mut ron = std::fs::read(&path).unwrap();
    ron.extend_from_slice(b"// \xfe\n");
    validate_refused(&fx, &path, &ron, &["d1.ron:15: invalid UTF-8 at byte offset"]);
}

#[test]
fn a_bom_is_dropped_from_articles_and_accepted_in_ron_files() {
    let fx = Fixture::new();
    let input = fx.write("bom.txt", format!("\u{feff}{ARTICLE}\n"));
    let out = run(&["import", fx.project().to_str().unwrap(), input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let project = fx.open();
    let doc = project.load_document("bom").unwrap();
    assert!(doc.text().starts_with("阿里巴巴"), "BOM stripped, offsets start at the first character");

    // A RON file re-saved by a Windows editor (BOM added) still loads, unchanged.
    let (fx, path) = annotated();
    let mut ron = b"\xef\xbb\xbf".to_vec();
    ron.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, &ron).unwrap();
    let out = run(&["validate", fx.project().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(crate::util::spans_of(&fx.project(), "alice").len(), 2);
    assert_eq!(std::fs::read(&path).unwrap(), ron, "validate writes nothing");
}

#[test]
fn crlf_and_lone_cr_become_newlines_in_articles_and_are_read_in_ron_files() {
    let fx = Fixture::new();
    let input = fx.write("crlf.txt", "标题\r\n\r\n张勇说\r钉钉𠮷\r\n");
    let out = run(&["import", fx.project().to_str().unwrap(), input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = fx.open().load_document("crlf").unwrap();
    assert_eq!(doc.text(), "标题\n\n张勇说\n钉钉𠮷\n");
    assert_eq!(newsanno::text::slice_chars(doc.text(), 4, 6), Some("张勇"));

    for (name, convert) in [("CRLF", "\r\n"), ("CR", "\r")] {
        let (fx, path) = annotated();
        let ron = std::fs::read_to_string(&path).unwrap().replace('\n', convert);
        std::fs::write(&path, &ron).unwrap();
        let out = run(&["validate", fx.project().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stdout(&out));
        assert_eq!(crate::util::spans_of(&fx.project(), "alice").len(), 2, "{name}");
    }
}

#[test]
fn nul_bytes_are_refused_as_utf16_or_binary() {
    let fx = Fixture::new();
    // "hi" saved as UTF-16LE by a Windows editor: valid UTF-8, full of NULs.
    import_refused(&fx, "utf16.txt", b"\xff\xfeh\0i\0", &["utf16.txt: invalid UTF-8 at byte offset 0"]);
    import_refused(&fx, "ascii16.txt", b"h\0i\0\n\0", &["ascii16.txt:1: NUL character", "UTF-16"]);
    import_refused(
        &fx,
        "nul.jsonl",
        format!("{{\"id\": \"a\", \"text\": \"{ARTICLE}\"}}\n{{\"id\": \"b\", \"text\": \"张\\u0000勇\"}}\n")
            .as_bytes(),
        &["nul.jsonl:2: NUL character at character 1"],
    );
    import_refused(&fx, "nul.csv", "id,text\na,好\nb,\"张\0勇\"\n".as_bytes(), &["nul.csv:3: NUL character"]);

    let (fx, path) = annotated();
    let ron = std::fs::read_to_string(&path).unwrap().replace("annotator: \"alice\"", "annotator: \"al\0ice\"");
    validate_refused(&fx, &path, ron.as_bytes(), &["d1.ron:"]);
}

#[test]
fn empty_files_are_named_not_silently_skipped() {
    let fx = Fixture::new();
    for name in ["empty.txt", "empty.jsonl", "empty.csv"] {
        import_refused(&fx, name, b"", &[&format!("{name}: the file is empty")]);
    }
    let (fx, path) = annotated();
    validate_refused(&fx, &path, b"", &["d1.ron:1: the file is empty"]);
    let project_ron = fx.project().join("project.ron");
    std::fs::write(&project_ron, "").unwrap();
    refused(&fx, &["stats", fx.project().to_str().unwrap()], &["project.ron:1: the file is empty"]);
}

#[test]
fn a_10_mb_article_imports_annotates_and_validates() {
    let fx = Fixture::new();
    let paragraph = "阿里云智能集团季度收入为167.61亿元，同比增长37%。𠮷😀\n";
    let text = paragraph.repeat(10 * 1024 * 1024 / paragraph.len() + 1);
    assert!(text.len() > 10 * 1024 * 1024);
    let input = fx.write("big.txt", &text);
    let out = run(&["import", fx.project().to_str().unwrap(), input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let project = fx.open();
    let doc = project.load_document("big").unwrap();
    assert_eq!(doc.text(), text);
    assert_eq!(doc.entry.chars, text.chars().count());
    // A span near the end: offsets stay code points all the way through.
    let last = text.chars().count() - 3;
    let mut file = newsanno::AnnotationFile::new("big", "alice", &doc.entry.text_hash);
    file.add_span(&doc.text, last, last + 2, "product").unwrap();
    project.save_annotation(&mut file, &doc).unwrap();
    assert_eq!(file.spans[0].text, "𠮷😀");
    let out = run(&["validate", fx.project().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn malformed_ron_gives_line_and_column_and_is_left_untouched() {
    let (fx, path) = annotated();
    let ron = std::fs::read_to_string(&path).unwrap().replacen("end: 11,", "end: 11", 1);
    validate_refused(&fx, &path, ron.as_bytes(), &["d1.ron:11: column"]);
    // The window's view of it: an error, never an empty file to overwrite.
    let project = fx.open();
    let doc = project.load_document("d1").unwrap();
    assert!(project.load_annotation("alice", &doc).is_err());
}

#[test]
fn ron_nested_10000_levels_deep_is_an_error_not_a_stack_overflow() {
    let (fx, path) = annotated();
    let deep = format!("AnnotationFile(version: \"1.0\", comment: {}{})", "(".repeat(10_000), ")".repeat(10_000));
    validate_refused(&fx, &path, deep.as_bytes(), &["d1.ron:1:"]);
    let project_ron = fx.project().join("project.ron");
    let deep = format!("Project(version: \"1.0\", name: {}{})", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(&project_ron, &deep).unwrap();
    refused(&fx, &["stats", fx.project().to_str().unwrap()], &["project.ron:1:"]);
}

#[test]
fn spans_out_of_range_reversed_or_with_wrong_text_name_their_line() {
    for (from, to, needle) in [
        ("start: 14, end: 17", "start: 14, end: 999", "d1.ron:12: span 2: [14, 999) is empty or outside the text"),
        ("start: 14, end: 17", "start: 17, end: 14", "d1.ron:12: span 2: [17, 14) is empty or outside the text"),
        (
            "text: \"阿里云\"",
            "text: \"阿里巴巴\"",
            "d1.ron:12: span 2: text \"阿里巴巴\" does not match the document's \"阿里云\"",
        ),
    ] {
        let (fx, path) = annotated();
        let ron = std::fs::read_to_string(&path).unwrap();
        assert!(ron.contains(from), "{ron}");
        validate_refused(&fx, &path, ron.replacen(from, to, 1).as_bytes(), &[needle]);
    }
}

#[test]
fn unknown_labels_fail_validation_but_are_kept() {
    let (fx, path) = annotated();
    let ron = std::fs::read_to_string(&path).unwrap().replacen("\"product\"", "\"prodcut\"", 1);
    validate_refused(&fx, &path, ron.as_bytes(), &["d1.ron:12: span 2: label \"prodcut\" is not in project.ron"]);
    // The library (and so the window) still loads the span.
    let project = fx.open();
    let doc = project.load_document("d1").unwrap();
    let loaded = project.load_annotation("alice", &doc).unwrap().unwrap();
    assert_eq!(loaded.file.spans[1].label, "prodcut");
}

#[test]
fn a_future_format_version_is_refused_with_its_line() {
    let (fx, path) = annotated();
    let ron = std::fs::read_to_string(&path).unwrap().replacen("version: \"1.0\"", "version: \"2.0\"", 1);
    validate_refused(&fx, &path, ron.as_bytes(), &["d1.ron:3: format version \"2.0\" is not supported"]);
    let project_ron = fx.project().join("project.ron");
    let settings: String = std::fs::read_to_string(&project_ron)
        .unwrap()
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("version:") { "    version: \"9.1\",\n".to_owned() } else { format!("{l}\n") }
        })
        .collect();
    std::fs::write(&project_ron, settings).unwrap();
    refused(
        &fx,
        &["stats", fx.project().to_str().unwrap()],
        &["project.ron:", "format version \"9.1\" is not supported"],
    );
}

#[test]
fn unsafe_ids_are_derived_on_import_and_refused_everywhere_else() {
    let fx = Fixture::new();
    let long = "长".repeat(300);
    let ids = ["../etc/passwd", "a/b", "a\\\\b", "x\\u0000y", "CON", long.as_str()];
    let lines: String = ids
        .iter()
        .enumerate()
        .map(|(i, id)| format!("{{\"id\": \"{id}\", \"text\": \"第{i}篇：{ARTICLE}\"}}\n"))
        .collect();
    let input = fx.write("ids.jsonl", lines);
    let out = run(&["import", fx.project().to_str().unwrap(), input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("derived 6 safe ids"), "{}", stdout(&out));
    let project = fx.open();
    for entry in project.documents() {
        assert!(newsanno::store::ids::is_safe_id(&entry.id), "{:?}", entry.id);
        assert!(entry.id.chars().count() <= 200, "{:?}", entry.id);
        assert!(entry.meta.contains_key("original_id"));
    }
    // Names typed by a user are checked, not derived.
    let bundle = fx.write("b.jsonl", format!("{{\"text\": \"{ARTICLE}\", \"spans\": []}}\n"));
    // (A NUL cannot even be passed as an argument.)
    for name in ["../eve", "a/b", "a\\b", "CON", &"长".repeat(300)] {
        let before = snapshot(&fx.project());
        let out = run(&[
            "import",
            fx.project().to_str().unwrap(),
            "--format",
            "jsonl",
            "--as",
            name,
            bundle.to_str().unwrap(),
        ]);
        assert_ne!(out.status.code(), Some(0), "{name:?} accepted");
        assert_eq!(snapshot(&fx.project()), before, "{name:?}");
    }
}

#[test]
fn duplicate_ids_list_every_place_and_import_nothing() {
    let fx = Fixture::new();
    let lines = format!(
        "{{\"id\": \"a\", \"text\": \"一{ARTICLE}\"}}\n{{\"id\": \"b\", \"text\": \"二\"}}\n{{\"id\": \"a\", \"text\": \"三\"}}\n"
    );
    import_refused(
        &fx,
        "dup.jsonl",
        lines.as_bytes(),
        &["1 duplicate id(s)", "\"a\" at ", "dup.jsonl:3", "dup.jsonl:1"],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_leading_outside_the_project_are_never_written_through() {
    let fx = Fixture::with_articles(&[("d1", ARTICLE)]);
    let outside = fx.dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let annotations = fx.project().join("annotations");
    std::fs::create_dir_all(&annotations).unwrap();
    std::os::unix::fs::symlink(&outside, annotations.join("eve")).unwrap();
    // d1 is in the project, d2 is new: neither its text nor any span may be written.
    let bundle = fx.write("b.jsonl", format!("{{\"id\": \"d1\", \"text\": \"{ARTICLE}\", \"spans\": []}}\n{{\"id\": \"d2\", \"text\": \"{ARTICLE}\", \"spans\": [{{\"start\": 9, \"end\": 11, \"label\": \"executive\"}}]}}\n"));
    refused(
        &fx,
        &["import", fx.project().to_str().unwrap(), "--format", "jsonl", "--as", "eve", bundle.to_str().unwrap()],
        &["leads outside the project"],
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing written outside");

    // The corpus folder itself linked elsewhere: an import never writes there either.
    let fx = Fixture::new();
    let corpus = fx.project().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::remove_dir(&corpus).unwrap();
    std::os::unix::fs::symlink(&outside, &corpus).unwrap();
    import_refused(
        &fx,
        "in.jsonl",
        format!("{{\"id\": \"d1\", \"text\": \"{ARTICLE}\"}}\n").as_bytes(),
        &["leads outside the project"],
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing written outside");
}
