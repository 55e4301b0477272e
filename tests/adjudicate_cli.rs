//! `newsanno adjudicate`: spans all (or K) annotators agree on go into gold.

use newsanno::Project;
use newsanno::store::GOLD_ANNOTATOR;

use crate::util::{copy_sample, run, stdout};

#[test]
fn agreed_spans_go_to_gold_once_and_gold_can_be_measured() {
    let (_tmp, dir) = copy_sample();
    let d = dir.to_str().unwrap();
    let out = run(&["adjudicate", d]);
    assert!(out.status.success());
    // The 28 relations both have (agree's "matched") come along.
    assert!(stdout(&out).starts_with("gold: added 109 spans and 28 relations to 7 documents"), "{}", stdout(&out));
    // Every gold span is one both annotators have.
    let project = Project::open(&dir).unwrap();
    for entry in project.documents() {
        let doc = project.load_document(&entry.id).unwrap();
        let Some(gold) = project.load_annotation(GOLD_ANNOTATOR, &doc).unwrap() else { continue };
        assert!(gold.problems.is_empty(), "{:?}", gold.problems);
        for who in ["alice", "bob"] {
            let file = project.load_annotation(who, &doc).unwrap().unwrap().file;
            for s in &gold.file.spans {
                assert!(file.spans.iter().any(|x| (x.start, x.end, &x.label) == (s.start, s.end, &s.label)));
            }
        }
    }
    // Running again adds nothing; K = 1 adds the rest.
    assert!(stdout(&run(&["adjudicate", d])).starts_with("gold: added 0 spans and 0 relations"));
    assert!(stdout(&run(&["adjudicate", d, "--min-agree", "1"])).contains("109 agreed spans were already in gold"));
    // Each annotator against gold.
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["agree", d, "--annotators", "alice,bob,gold", "--format", "json"]).stdout)
            .unwrap();
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 3);
    assert_eq!((pairs[1]["a"].as_str(), pairs[1]["b"].as_str()), (Some("alice"), Some("gold")));
    assert!(pairs[1]["exact"]["micro"]["f1"].as_f64().unwrap() > 0.9);
    assert_eq!(run(&["adjudicate", d, "--min-agree", "3"]).status.code(), Some(1));
}
