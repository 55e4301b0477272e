//! `newsanno agree` as a script would use it.

use crate::util::{Fixture, repo, run, stderr, stdout};

#[test]
fn table_json_and_csv_on_the_sample() {
    let sample = repo().join("assets/sample");
    let sample = sample.to_str().unwrap();
    let out = run(&["agree", sample]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    for needle in [
        "Agreement of alice, bob (2 annotators) on 8 documents; 7 finished by all",
        "Per label",
        "Pairwise exact F1",
        "Most disagreement (top 20)",
        "Fleiss' κ needs three or more annotators",
    ] {
        assert!(table.contains(needle), "{needle} missing in\n{table}");
    }

    let out = run(&["agree", sample, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "newsanno-agreement-1");
    assert_eq!(json["annotators"], serde_json::json!(["alice", "bob"]));
    let f1 = json["overall"]["exact_f1"].as_f64().unwrap();
    assert!(f1 > 0.5 && f1 < 1.0, "{f1}");
    assert!(json["overall"]["fleiss_kappa"].is_null());
    assert_eq!(json["per_label"].as_array().unwrap().len(), 4);
    assert_eq!(json["pairs"][0]["a"], "alice");
    assert!(json["by_document"].as_array().unwrap().len() <= 8);

    let out = run(&["agree", sample, "--format", "csv", "--labels", "metric"]);
    let csv = stdout(&out);
    assert!(csv.starts_with("scope,a,b,label,measure,value,undefined_because\n"), "{csv}");
    assert!(csv.contains("label,,,metric,exact_f1,"));
    assert!(!csv.contains(",product,"));

    // In-progress documents join the study on request: the long feature is in progress for both.
    let more = run(&["agree", sample, "--include-in-progress"]);
    assert!(stdout(&more).contains("8 finished by all"), "{}", stdout(&more));
}

#[test]
fn bad_requests_exit_with_a_message() {
    let fx = Fixture::new();
    let out = run(&["agree", fx.project().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("two or more annotators"), "{}", stderr(&out));
    let sample = repo().join("assets/sample");
    let out = run(&["agree", sample.to_str().unwrap(), "--annotators", "alice,carol"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no annotator \"carol\""), "{}", stderr(&out));
    assert_eq!(run(&["agree", sample.to_str().unwrap(), "--format", "xml"]).status.code(), Some(2));
}

#[test]
fn relation_agreement_of_the_worked_example_through_files_and_json() {
    // Example S of docs/AGREEMENT.md §8, as two annotators' files.
    let text = "华为董事长任正非在深圳发布会上宣布Mate60销量增长了30%。";
    let fx = Fixture::with_articles(&[("s", text)]);
    let project = fx.open();
    let doc = project.load_document("s").unwrap();
    let write = |who: &str, spans: &[(usize, usize, &str)], links: &[(usize, usize, &str)]| {
        let mut file = newsanno::AnnotationFile::new("s", who, &doc.entry.text_hash);
        let ids: Vec<u64> = spans.iter().map(|(s, e, l)| file.add_span(&doc.text, *s, *e, l).unwrap()).collect();
        for (i, (from, to, kind)) in links.iter().enumerate() {
            let relation = newsanno::Relation {
                id: i as u64 + 1,
                from: ids[*from],
                to: ids[*to],
                kind: (*kind).into(),
                note: None,
            };
            file.relations.push(relation);
        }
        file.status = newsanno::Status::Done;
        project.save_annotation(&mut file, &doc).unwrap();
    };
    write("a", &[(5, 8, "executive"), (17, 23, "product"), (28, 31, "metric")], &[(0, 1, "leads"), (2, 1, "measures")]);
    write("b", &[(5, 8, "executive"), (17, 23, "product"), (25, 31, "metric")], &[(0, 1, "leads"), (2, 1, "measures")]);
    let dir = fx.project();
    let out = run(&["agree", dir.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let relations = &json["pairs"][0]["relations"];
    assert_eq!(relations["counts"], serde_json::json!({"matched": 1, "reference": 2, "predicted": 2}));
    assert_eq!(relations["micro"]["f1"], 0.5);
    assert_eq!(relations["per_type"]["leads"], 1.0);
    assert_eq!(relations["per_type"]["measures"], 0.0);
    assert!(relations["per_type"]["alias"].is_null(), "no alias on either side: undefined, not 0");
    assert_eq!(json["relations_f1"], 0.5);

    // Reversing a directed relation loses the match; the table says so per type.
    write("b", &[(5, 8, "executive"), (17, 23, "product")], &[(1, 0, "leads")]);
    let table = stdout(&run(&["agree", dir.to_str().unwrap()]));
    assert!(table.contains("relation exact F1 (mean over pairs)        0.0000"), "{table}");
    assert!(table.contains("Relations per pair"), "{table}");
    let csv = stdout(&run(&["agree", dir.to_str().unwrap(), "--format", "csv"]));
    assert!(csv.contains("pair,a,b,leads,relation_f1,0,"), "{csv}");
}
