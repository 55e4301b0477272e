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
