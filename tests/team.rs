//! A lead's team workflow from the command line: `assign` (overlap, re-runs,
//! rebalancing, bad input), `stats` against the assignments, and `agree` on
//! the documents assigned to both.

use crate::util::{Fixture, run, stderr, stdout};

// `n` short articles d00 … with a name before 总裁.
fn articles(n: usize) -> Fixture {
    let texts: Vec<(String, String)> =
        (0..n).map(|i| (format!("d{i:02}"), format!("公司宣布第{i}位总裁张勇上任，营收增长{i}%。"))).collect();
    let borrowed: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Fixture::with_articles(&borrowed)
}

fn assignments(dir: &std::path::Path) -> newsanno::store::assignments::Assignments {
    let project = newsanno::Project::open(dir).unwrap();
    newsanno::store::assignments::load_assignments(&project).unwrap().expect("assignments.ron")
}

// Marks `doc` done by `who` with one span (张勇), or another one when `differ`.
fn annotate(dir: &std::path::Path, who: &str, doc: &str, differ: bool) {
    let project = newsanno::Project::open(dir).unwrap();
    let d = project.load_document(doc).unwrap();
    let mut file = newsanno::AnnotationFile::new(doc, who, &d.entry.text_hash);
    let text: Vec<char> = d.text().chars().collect();
    let at = (0..text.len()).find(|&k| text[k..].starts_with(&['张', '勇'])).unwrap();
    let (start, end) = if differ { (at, at + 1) } else { (at, at + 2) };
    file.add_span(&d.text, start, end, "executive").unwrap();
    file.status = newsanno::Status::Done;
    project.save_annotation(&mut file, &d).unwrap();
}

#[test]
fn assign_overlaps_a_sample_exactly_keeps_its_plan_on_a_rerun_and_stats_count_against_it() {
    let fx = articles(30);
    let dir = fx.project();
    let d = dir.to_str().unwrap();
    let out = run(&["assign", d, "--annotators", "alice,bob,carol", "--agreement-sample", "6", "--seed", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("30 documents, 6 of them with two or more annotators"), "{text}");
    let first = assignments(&dir);
    assert_eq!(first.counts().into_values().collect::<Vec<_>>(), [12, 12, 12], "36 assignments over three");
    assert_eq!(first.documents.values().filter(|w| w.len() == 2).count(), 6);
    // The same seed on a fresh copy gives the same file.
    let again = run(&["assign", d, "--annotators", "alice,bob,carol", "--agreement-sample", "6", "--seed", "3"]);
    assert!(stdout(&again).contains("0 placed now, 30 kept"), "{}", stdout(&again));
    assert_eq!(assignments(&dir), first);
    // New articles: only they are placed.
    let more = fx.write(
        "more.jsonl",
        "{\"id\": \"n1\", \"text\": \"新文章一。\"}\n{\"id\": \"n2\", \"text\": \"新文章二。\"}\n",
    );
    fx.import(&[&more]).unwrap();
    let rerun = run(&["assign", d, "--annotators", "alice,bob,carol", "--agreement-sample", "6", "--seed", "3"]);
    assert!(stdout(&rerun).contains("2 placed now, 30 kept"), "{}", stdout(&rerun));
    let after = assignments(&dir);
    assert!(first.documents.iter().all(|(doc, who)| &after.documents[doc] == who));
    assert_eq!(after.documents.len(), 32);

    // stats: assigned, done, not started per annotator, as JSON.
    let alice_docs: Vec<String> = after.of("alice").map(str::to_owned).collect();
    for doc in alice_docs.iter().take(3) {
        annotate(&dir, "alice", doc, false);
    }
    let out = run(&["stats", d, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let alice = &json["annotators"]["alice"];
    assert_eq!(alice["assigned"], alice_docs.len());
    assert_eq!(alice["done"], 3);
    assert_eq!(alice["not_started"], alice_docs.len() - 3);
    assert_eq!(alice["spans"], 3);
    assert_eq!(json["annotators"]["carol"]["done"], 0);
    assert_eq!(json["annotators"]["carol"]["not_started"], after.of("carol").count());
    assert!(stdout(&run(&["stats", d])).contains("assigned: 32 documents (assignments.ron)"));
}

#[test]
fn agreement_compares_a_pair_on_the_documents_assigned_to_both() {
    let fx = articles(12);
    let dir = fx.project();
    let d = dir.to_str().unwrap();
    assert!(run(&["assign", d, "--annotators", "alice,bob", "--agreement-sample", "4"]).status.success());
    let plan = assignments(&dir);
    // Both do every document; they agree on the shared ones and differ elsewhere.
    for (doc, who) in &plan.documents {
        let shared = who.len() == 2;
        annotate(&dir, "alice", doc, false);
        annotate(&dir, "bob", doc, !shared);
    }
    let out = run(&["agree", d, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["overall"]["exact_f1"], 1.0, "{json}");
    let table = stdout(&run(&["agree", d]));
    assert!(table.contains("finished documents not assigned to bob (assignments.ron), not compared"), "{table}");
    let all = run(&["agree", d, "--all-documents", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&all)).unwrap();
    assert!(json["overall"]["exact_f1"].as_f64().unwrap() < 1.0, "{json}");
}

#[test]
fn bad_assignments_are_clear_errors_and_nothing_is_overwritten() {
    let fx = articles(5);
    let dir = fx.project();
    let d = dir.to_str().unwrap();
    let out = run(&["assign", d, "--annotators", "alice,bob", "--overlap", "3"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--overlap 3 is larger than the team (2 annotators)"), "{}", stderr(&out));
    let out = run(&["assign", d, "--annotators", "alice,../x"]);
    assert!(!out.status.success() && stderr(&out).contains("\"../x\""), "{}", stderr(&out));
    assert!(!dir.join("assignments.ron").exists(), "nothing written");
    assert!(run(&["assign", d, "--annotators", "alice,bob"]).status.success());
    // A hand edit names a document that is not in the corpus: assign and stats stop, file untouched.
    let path = dir.join("assignments.ron");
    let edited = std::fs::read_to_string(&path).unwrap().replace("\"d03\"", "\"d99\"");
    std::fs::write(&path, &edited).unwrap();
    let out = run(&["assign", d, "--annotators", "alice,bob", "--rebalance"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("assignments.ron:9") && stderr(&out).contains("\"d99\" is not in the corpus"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    let out = run(&["stats", d]);
    assert!(!out.status.success() && stderr(&out).contains("d99"), "{}", stderr(&out));
    // Malformed: file and line.
    std::fs::write(&path, edited.replace("],\n    },", "\n    },")).unwrap();
    let out = run(&["assign", d, "--annotators", "alice,bob"]);
    assert!(!out.status.success() && stderr(&out).contains("assignments.ron:"), "{}", stderr(&out));
}

#[test]
fn adjudicate_takes_the_categories_k_annotators_agree_on_and_agree_reports_them() {
    let fx = articles(4);
    let dir = fx.project();
    let d = dir.to_str().unwrap();
    let project = newsanno::Project::open(&dir).unwrap();
    // Hand-made: alice and bob agree on 科技 for d00 and d01; only bob says 财经 for d00.
    let mut config = project.config().clone();
    config.categories = ["科技", "财经"]
        .iter()
        .map(|n| newsanno::model::Category { name: (*n).into(), key: String::new(), description: String::new() })
        .collect();
    config.write(&dir.join("project.ron")).unwrap();
    let given = [
        ("alice", "d00", vec!["科技"]),
        ("bob", "d00", vec!["科技", "财经"]),
        ("alice", "d01", vec!["科技"]),
        ("bob", "d01", vec!["科技"]),
    ];
    for (who, doc, categories) in given {
        annotate(&dir, who, doc, false);
        let project = newsanno::Project::open(&dir).unwrap();
        let document = project.load_document(doc).unwrap();
        let mut file = project.load_annotation(who, &document).unwrap().unwrap().file;
        file.categories = categories.into_iter().map(String::from).collect();
        file.categories.sort();
        project.save_annotation(&mut file, &document).unwrap();
    }
    let out = run(&["adjudicate", d]);
    assert!(stdout(&out).contains("2 spans, 0 relations and 2 categories"), "{}{}", stdout(&out), stderr(&out));
    let project = newsanno::Project::open(&dir).unwrap();
    let gold = |doc: &str| {
        project.load_annotation("gold", &project.load_document(doc).unwrap()).unwrap().unwrap().file.categories
    };
    assert_eq!(gold("d00"), ["科技"]);
    assert_eq!(gold("d01"), ["科技"]);
    let table = stdout(&run(&["agree", d]));
    assert!(table.contains("Document categories") && table.contains("科技"), "{table}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&run(&["agree", d, "--format", "json"]))).unwrap();
    let money = json["categories"].as_array().unwrap().iter().find(|c| c["category"] == "财经").unwrap().clone();
    // 财经: bob yes, alice no on d00; both no on d01: κ 0 (one disagreement, no agreement on yes).
    assert_eq!(money["documents"], 2);
    assert_eq!(money["cohen_kappa"], 0.0, "{money}");
}

#[test]
fn a_category_not_in_project_ron_is_kept_with_a_warning() {
    let fx = articles(1);
    let dir = fx.project();
    annotate(&dir, "alice", "d00", false);
    let path = dir.join("annotations/alice/d00.ron");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("    spans: [", "    categories: [\"体育\"],\n    spans: [");
    std::fs::write(&path, text).unwrap();
    let out = run(&["validate", dir.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("d00.ron:10: warning: category \"体育\" is not in project.ron (kept)"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let project = newsanno::Project::open(&dir).unwrap();
    let loaded = project.load_annotation("alice", &project.load_document("d00").unwrap()).unwrap().unwrap();
    assert_eq!(loaded.file.categories, ["体育"]);
    assert!(loaded.read_only.is_none(), "a warning, not a reason to stop editing");
}

#[test]
fn rebalance_from_the_command_line_moves_only_unstarted_documents_to_a_new_annotator() {
    let fx = articles(12);
    let dir = fx.project();
    let d = dir.to_str().unwrap();
    assert!(run(&["assign", d, "--annotators", "alice,bob"]).status.success());
    let before = assignments(&dir);
    // alice has done two of hers, bob none of his.
    let alice: Vec<String> = before.of("alice").map(str::to_owned).collect();
    for doc in alice.iter().take(2) {
        annotate(&dir, "alice", doc, false);
    }
    let out = run(&["assign", d, "--annotators", "alice,bob,carol", "--rebalance"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("10 not-started assignments placed again"), "{}", stdout(&out));
    let after = assignments(&dir);
    assert!(alice.iter().take(2).all(|doc| after.is_assigned(doc, "alice")), "started work stays");
    assert_eq!(after.counts().values().sum::<usize>(), 12);
    assert_eq!(after.counts()["carol"], 4, "{:?}", after.counts());
}
