//! Relation agreement against a Python reference written from the definition
//! in docs/AGREEMENT.md §8 (tests/golden/relation_agreement.json, made by
//! tools/relation_agreement_golden.py): 120 seeded random studies with
//! duplicate spans, reversed symmetric relations and unfinished documents.

use newsanno::agreement::relations::{RelationUnit, StudyRelationType};
use newsanno::agreement::report::study_report;
use newsanno::agreement::{Score, Study, StudyDoc, Unit};
use serde_json::Value;

use crate::util::repo;

fn study_from(json: &Value) -> Study {
    let strings =
        |v: &Value| -> Vec<String> { v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().into()).collect() };
    let relation_types: Vec<StudyRelationType> = json["relation_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| StudyRelationType {
            name: t["name"].as_str().unwrap().into(),
            directed: t["directed"].as_bool().unwrap(),
        })
        .collect();
    let unit = |u: &Value| Unit {
        start: u[0].as_u64().unwrap() as usize,
        end: u[1].as_u64().unwrap() as usize,
        label: u[2].as_u64().unwrap() as usize,
    };
    let docs = json["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let spans: Vec<Option<Vec<Unit>>> = d["annotations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_array().map(|units| units.iter().map(unit).collect()))
                .collect();
            let relations = d["relations"]
                .as_array()
                .unwrap()
                .iter()
                .zip(&spans)
                .map(|(rels, spans)| {
                    let Some(spans) = spans else { return Vec::new() };
                    let mut out: Vec<RelationUnit> = rels
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| {
                            let kind = r[2].as_u64().unwrap() as usize;
                            let end = |i: usize| spans[r[i].as_u64().unwrap() as usize];
                            RelationUnit::new(end(0), end(1), kind, relation_types[kind].directed)
                        })
                        .collect();
                    out.sort();
                    out.dedup();
                    out
                })
                .collect();
            let units = spans
                .into_iter()
                .map(|s| {
                    s.map(|mut s| {
                        s.sort();
                        s.dedup();
                        s
                    })
                })
                .collect();
            StudyDoc {
                id: d["id"].as_str().unwrap().into(),
                len: d["len"].as_u64().unwrap() as usize,
                units,
                relations,
                categories: Vec::new(),
            }
        })
        .collect();
    Study {
        labels: strings(&json["labels"]),
        annotators: strings(&json["annotators"]),
        docs,
        relation_types,
        ..Study::default()
    }
}

fn same(ours: Score, theirs: &Value) -> bool {
    match theirs.as_f64() {
        None => !ours.is_defined(),
        Some(t) => ours.is_defined() && (ours.value - t).abs() <= 1e-12,
    }
}

#[test]
fn relation_f1_matches_the_python_reference_on_random_studies() {
    let text = std::fs::read_to_string(repo().join("tests/golden/relation_agreement.json")).unwrap();
    let golden: Value = serde_json::from_str(&text).unwrap();
    let (mut checked, mut failures) = (0, Vec::new());
    let mut matched_somewhere = false;
    for (i, case) in golden["cases"].as_array().unwrap().iter().enumerate() {
        let report = study_report(&study_from(&case["study"]));
        let expected = &case["expected"];
        for (ours, theirs) in report.pairs.iter().zip(expected["pairs"].as_array().unwrap()) {
            let r = &ours.relations;
            let mut check = |what: &str, o: Score, t: &Value| {
                checked += 1;
                if !same(o, t) {
                    failures.push(format!("case {i} {}-{} {what}: ours {o:?}, reference {t}", ours.a, ours.b));
                }
            };
            check("precision", r.micro.precision, &theirs["micro"]["precision"]);
            check("recall", r.micro.recall, &theirs["micro"]["recall"]);
            check("f1", r.micro.f1, &theirs["micro"]["f1"]);
            for (name, f1) in theirs["per_type"].as_object().unwrap() {
                check(name, r.per_type[name], f1);
            }
            let counts = &theirs["counts"];
            assert_eq!(r.counts.matched as u64, counts["matched"].as_u64().unwrap(), "case {i}");
            assert_eq!(r.counts.reference as u64, counts["reference"].as_u64().unwrap(), "case {i}");
            assert_eq!(r.counts.predicted as u64, counts["predicted"].as_u64().unwrap(), "case {i}");
            matched_somewhere |= r.counts.matched > 0 && r.counts.matched < r.counts.reference;
        }
        checked += 1;
        if !same(report.relations_f1, &expected["relations_f1"]) {
            failures.push(format!(
                "case {i} relations_f1: ours {:?}, reference {}",
                report.relations_f1, expected["relations_f1"]
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {checked} values differ:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 1000 && matched_somewhere, "the golden studies must exercise partial matches ({checked} values)");
}
