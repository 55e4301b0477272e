//! Suggestions: overlapping terms on astral text; `newsanno suggest` pre-annotation with sources recorded, and
//! `--evaluate` figures on a hand-made gold set.

use std::path::Path;

use newsanno::store::ProjectConfig;
use newsanno::{AnnotationFile, Project, SpanSource, Status};

use crate::util::{Fixture, run, stderr, stdout};

const D1: &str = "𠮷野家董事长张勇宣布阿里云营收167.61亿元，同比增长37%。";
const D2: &str = "钉钉用户达2300万，阿里云稳定。";
const D3: &str = "张勇说PolarDB下降0.5个百分点，钉钉不受影响。";

/// Three articles, term lists for executive and product, POS hints off (so
/// the figures do not depend on jieba's tagger).
fn project() -> Fixture {
    let fx = Fixture::with_articles(&[("d1", D1), ("d2", D2), ("d3", D3)]);
    std::fs::create_dir_all(fx.project().join("terms")).unwrap();
    std::fs::write(fx.project().join("terms/executive.txt"), "# 高管\n张勇\n").unwrap();
    std::fs::write(fx.project().join("terms/product.txt"), "阿里云\n钉钉\n").unwrap();
    let path = fx.project().join("project.ron");
    let mut config = ProjectConfig::read(&path).unwrap();
    for label in &mut config.labels {
        match label.name.as_str() {
            "executive" => label.terms = vec!["terms/executive.txt".into()],
            "product" => label.terms = vec!["terms/product.txt".into()],
            _ => {}
        }
    }
    config.suggestions.pos_hints = false;
    config.write(&path).unwrap();
    fx
}

/// Saves `annotator`'s file for `doc` with `spans` (text, label) found by text.
fn annotate(dir: &Path, annotator: &str, doc: &str, spans: &[(&str, &str)], status: Status) {
    let project = Project::open(dir).unwrap();
    let d = project.load_document(doc).unwrap();
    let mut file = AnnotationFile::new(doc, annotator, &d.entry.text_hash);
    for (text, label) in spans {
        let byte = d.text().find(text).unwrap();
        let start = d.text()[..byte].chars().count();
        file.add_span(&d.text, start, start + text.chars().count(), label).unwrap();
    }
    file.status = status;
    project.save_annotation(&mut file, &d).unwrap();
}

fn gold(dir: &Path) {
    annotate(
        dir,
        "gold",
        "d1",
        &[("张勇", "executive"), ("阿里云", "product"), ("167.61亿元", "metric"), ("同比增长37%", "metric")],
        Status::Done,
    );
    annotate(dir, "gold", "d2", &[("钉钉", "product"), ("2300万", "metric"), ("阿里云", "product")], Status::Done);
    annotate(
        dir,
        "gold",
        "d3",
        &[("张勇", "executive"), ("PolarDB", "product"), ("下降0.5个百分点", "metric")],
        Status::Done,
    );
}

#[test]
fn evaluate_scores_each_source_against_a_hand_made_gold_set() {
    let fx = project();
    let dir = fx.project();
    gold(&dir);
    // alice's own spans, propagated to the other documents (never to their own).
    annotate(&dir, "alice", "d1", &[("张勇", "executive")], Status::InProgress);
    annotate(&dir, "alice", "d2", &[("阿里云", "product")], Status::InProgress);
    annotate(&dir, "alice", "d3", &[("PolarDB", "product")], Status::InProgress);
    let out = run(&[
        "suggest",
        dir.to_str().unwrap(),
        "--annotator",
        "alice",
        "--evaluate",
        "gold",
        "--sources",
        "terms,patterns,propagated",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["documents"], 3);
    let cell = |source: &str, label: &str| {
        let c = &json["scores"][source][label];
        (c["suggested"].as_u64().unwrap(), c["correct"].as_u64().unwrap(), c["reference"].as_u64().unwrap())
    };
    // Worked by hand:
    // terms: 张勇 ×2 (both right); 阿里云 ×2 and 钉钉 ×2, of which d3's 钉钉 is not in gold
    // (gold's product spans: 阿里云 ×2, 钉钉, PolarDB).
    assert_eq!(cell("terms", "executive"), (2, 2, 2));
    assert_eq!(cell("terms", "product"), (4, 3, 4));
    // patterns: 167.61亿元, 同比增长37% (beats 37%), 2300万, 下降0.5个百分点 (beats 0.5个百分点).
    assert_eq!(cell("patterns", "metric"), (4, 4, 4));
    // propagated: d1 gets 阿里云 (alice's d2), d3 gets 张勇 (alice's d1); PolarDB appears nowhere else.
    assert_eq!(cell("propagated", "product"), (1, 1, 4));
    assert_eq!(cell("propagated", "executive"), (1, 1, 2));
    // all sources together: duplicates counted once (2 + 4 + 4 suggested, 2 + 3 + 4 right, 2 + 4 + 4 in gold).
    assert_eq!(cell("all", "*"), (10, 9, 10));
    let p = json["scores"]["terms"]["product"]["precision"].as_f64().unwrap();
    let r = json["scores"]["terms"]["product"]["recall"].as_f64().unwrap();
    assert!((p - 0.75).abs() < 1e-12 && (r - 0.75).abs() < 1e-12, "{p} {r}");
    assert!(json["scores"]["terms"]["metric"]["precision"].is_null(), "nothing suggested: undefined, not 0");

    let table = run(&["suggest", dir.to_str().unwrap(), "--annotator", "alice", "--evaluate", "gold"]);
    assert!(
        stdout(&table).contains("terms        product              4        3         4     0.750   0.750   0.750")
    );
}

#[test]
fn accept_adds_suggestions_with_their_source_and_leaves_finished_and_broken_files_alone() {
    let fx = project();
    let dir = fx.project();
    // d2 is done (left alone); d3 has a rejected 钉钉 and a hand-made span.
    annotate(&dir, "carol", "d2", &[("钉钉", "product")], Status::Done);
    annotate(&dir, "carol", "d3", &[("张勇", "executive")], Status::InProgress);
    let project = Project::open(&dir).unwrap();
    let d3 = project.load_document("d3").unwrap();
    let mut file = project.load_annotation("carol", &d3).unwrap().unwrap().file;
    let byte = D3.find("钉钉").unwrap();
    let start = D3[..byte].chars().count();
    file.rejected.push(newsanno::Rejected { start, end: start + 2, label: "product".into() });
    project.save_annotation(&mut file, &d3).unwrap();

    let dry = run(&["suggest", dir.to_str().unwrap(), "--annotator", "carol"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    assert!(stdout(&dry).contains("nothing written"), "{}", stdout(&dry));
    assert!(!project.annotation_path("carol", "d1").exists(), "a dry run writes nothing");

    let out = run(&["suggest", dir.to_str().unwrap(), "--annotator", "carol", "--accept"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("d2: marked done"), "{}", stdout(&out));
    let d1 = project.load_document("d1").unwrap();
    let loaded = project.load_annotation("carol", &d1).unwrap().unwrap().file;
    let got: Vec<(&str, &str, String)> =
        loaded.spans.iter().map(|s| (s.text.as_str(), s.label.as_str(), s.source.to_string())).collect();
    assert_eq!(
        got,
        [
            ("张勇", "executive", "terms:terms/executive.txt".to_owned()),
            ("阿里云", "product", "terms:terms/product.txt".to_owned()),
            ("167.61亿元", "metric", "pattern:amount".to_owned()),
            ("同比增长37%", "metric", "pattern:change".to_owned()),
        ]
    );
    // 𠮷 counts as one character: 张勇 starts at code point 6.
    assert_eq!((loaded.spans[0].start, loaded.spans[0].end), (6, 8));
    // Accepted metric suggestions carry the normalised figure (format 1.4).
    assert_eq!(loaded.version, "1.4", "attributes need format 1.4");
    let amount = loaded.spans.iter().find(|s| s.text == "167.61亿元").unwrap();
    assert_eq!(amount.attributes["value"].to_string(), "16761000000");
    assert_eq!(amount.attributes["unit"].to_string(), "CNY");
    assert_eq!(amount.attributes["kind"].to_string(), "amount");
    assert_eq!(loaded.status, Status::NotStarted, "suggestions are not the annotator's work yet");
    let d3_file = project.load_annotation("carol", &d3).unwrap().unwrap().file;
    let d3_spans: Vec<(&str, &SpanSource)> = d3_file.spans.iter().map(|s| (s.text.as_str(), &s.source)).collect();
    assert_eq!(
        d3_spans,
        [(("张勇"), &SpanSource::Manual), ("下降0.5个百分点", &SpanSource::Pattern("change".into()))],
        "the hand-made 张勇 stays, the rejected 钉钉 does not come back"
    );
    let d2 = project.load_document("d2").unwrap();
    assert_eq!(project.load_annotation("carol", &d2).unwrap().unwrap().file.spans.len(), 1, "done: untouched");

    // Running again adds nothing: everything suggested is a span now (or rejected).
    let again = run(&["suggest", dir.to_str().unwrap(), "--annotator", "carol", "--accept"]);
    assert!(stdout(&again).starts_with("0 suggestions"), "{}", stdout(&again));
}

#[test]
fn a_missing_term_list_or_bad_pattern_names_project_ron_and_the_label() {
    let fx = project();
    let dir = fx.project();
    std::fs::remove_file(dir.join("terms/product.txt")).unwrap();
    let out = run(&["suggest", dir.to_str().unwrap(), "--annotator", "carol"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("project.ron") && err.contains("\"product\"") && err.contains("product.txt"), "{err}");

    let path = dir.join("project.ron");
    let mut config = ProjectConfig::read(&path).unwrap();
    config.labels[1].terms.clear();
    config.labels[3].patterns.push(newsanno::model::PatternSpec { name: "broken".into(), regex: Some("([".into()) });
    config.write(&path).unwrap();
    let out = run(&["suggest", dir.to_str().unwrap(), "--annotator", "carol"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("project.ron") && err.contains("\"metric\"") && err.contains("\"broken\""), "{err}");
    assert!(
        run(&["suggest", dir.to_str().unwrap(), "--annotator", "carol", "--sources", "words"]).status.code() == Some(2)
    );
}

#[test]
fn overlapping_terms_are_leftmost_longest_per_label_and_labels_may_overlap() {
    let text = "𠮷😀阿里云智能集团与阿里云、云智能😀钉钉";
    let fx = Fixture::with_articles(&[("d", text)]);
    let dir = fx.project();
    std::fs::create_dir_all(dir.join("terms")).unwrap();
    std::fs::write(dir.join("terms/product.txt"), "阿里\n阿里云\n阿里云智能集团\n钉钉\n").unwrap();
    std::fs::write(dir.join("terms/event.txt"), "云智能\n").unwrap();
    let path = dir.join("project.ron");
    let mut config = ProjectConfig::read(&path).unwrap();
    for label in &mut config.labels {
        match label.name.as_str() {
            "product" => label.terms = vec!["terms/product.txt".into()],
            "event" => label.terms = vec!["terms/event.txt".into()],
            _ => {}
        }
    }
    config.write(&path).unwrap();
    let project = Project::open(&dir).unwrap();
    let segmenter = std::sync::Arc::new(newsanno::segment::Segmenter::for_project(&project).unwrap());
    let suggester = newsanno::suggest::Suggester::for_project(&project, segmenter).unwrap();
    let doc = project.load_document("d").unwrap();
    let mut only_terms = newsanno::suggest::Sources::none();
    only_terms.set(newsanno::suggest::SourceKind::Terms, true);
    let got: Vec<(usize, usize, String, String)> =
        suggester.candidates(&doc, None, only_terms).into_iter().map(|s| (s.start, s.end, s.label, s.text)).collect();
    let want = [
        // product: the longest term wins where they overlap; event overlaps it freely.
        (2, 9, "product", "阿里云智能集团"),
        (4, 7, "event", "云智能"),
        (10, 13, "product", "阿里云"),
        (14, 17, "event", "云智能"),
        (18, 20, "product", "钉钉"),
    ];
    let want: Vec<(usize, usize, String, String)> =
        want.iter().map(|(s, e, l, t)| (*s, *e, (*l).to_owned(), (*t).to_owned())).collect();
    assert_eq!(got, want);
    // Code points, as Python counts them: text[2:9] == "阿里云智能集团".
    for (s, e, _, t) in &got {
        assert_eq!(newsanno::text::slice_chars(text, *s, *e), Some(t.as_str()));
    }
}
