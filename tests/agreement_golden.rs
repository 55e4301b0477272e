//! Every agreement value against the reference Python packages on 240 seeded
//! random studies (tests/golden/agreement.json, made by tools/agreement_golden.py):
//! within 1e-9, and undefined exactly where the references give nothing.

use newsanno::agreement::report::{PairReport, study_report};
use newsanno::agreement::{Score, Study, StudyDoc, Unit};
use serde_json::Value;

use crate::util::repo;

fn study_from(json: &Value) -> Study {
    let labels: Vec<String> =
        json["labels"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect();
    let annotators: Vec<String> =
        json["annotators"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_owned()).collect();
    let docs = json["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| StudyDoc {
            id: d["id"].as_str().unwrap().to_owned(),
            len: d["text"].as_str().unwrap().chars().count(),
            units: d["annotations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    a.as_array().map(|units| {
                        units
                            .iter()
                            .map(|u| Unit {
                                start: u[0].as_u64().unwrap() as usize,
                                end: u[1].as_u64().unwrap() as usize,
                                label: u[2].as_u64().unwrap() as usize,
                            })
                            .collect()
                    })
                })
                .collect(),
        })
        .collect();
    Study { labels, annotators, docs }
}

struct Checker {
    checked: usize,
    failures: Vec<String>,
}

impl Checker {
    fn check(&mut self, what: &str, ours: Score, theirs: &Value) {
        self.checked += 1;
        let ok = match theirs.as_f64() {
            None => !ours.is_defined(),
            Some(t) => ours.is_defined() && (ours.value - t).abs() <= 1e-9,
        };
        if !ok {
            self.failures.push(format!("{what}: ours {:?} ({:?}), reference {theirs}", ours.value, ours.undefined));
        }
    }
}

fn check_pair(c: &mut Checker, prefix: &str, ours: &PairReport, theirs: &Value) {
    for (name, m) in [("exact", &ours.exact), ("overlap", &ours.overlap)] {
        let t = &theirs[name];
        c.check(&format!("{prefix} {name} precision"), m.micro.precision, &t["micro"]["precision"]);
        c.check(&format!("{prefix} {name} recall"), m.micro.recall, &t["micro"]["recall"]);
        c.check(&format!("{prefix} {name} f1"), m.micro.f1, &t["micro"]["f1"]);
        c.check(&format!("{prefix} {name} macro f1"), m.macro_f1, &t["macro_f1"]);
        for (label, score) in &m.per_label {
            c.check(&format!("{prefix} {name} f1 {label}"), *score, &t["per_label_f1"][label]);
        }
    }
    c.check(&format!("{prefix} cohen iob2"), ours.cohen_iob2, &theirs["cohen_iob2"]);
    for (label, score) in &ours.cohen_per_label {
        c.check(&format!("{prefix} cohen {label}"), *score, &theirs["cohen_binary"][label]);
    }
    c.check(&format!("{prefix} seqeval f1"), ours.iob2_entities.micro.f1, &theirs["seqeval_f1"]);
}

#[test]
fn agreement_matches_the_reference_packages_on_random_studies() {
    let golden: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("tests/golden/agreement.json")).unwrap()).unwrap();
    let studies = golden["studies"].as_array().unwrap();
    assert!(studies.len() >= 200);
    let mut c = Checker { checked: 0, failures: Vec::new() };
    for json in studies {
        let study = study_from(json);
        let report = study_report(&study);
        let expected = &json["expected"];
        let seed = &json["seed"];
        for (ours, theirs) in report.pairs.iter().zip(expected["pairs"].as_array().unwrap()) {
            let prefix = format!("seed {seed} pair {}-{}", ours.a, ours.b);
            check_pair(&mut c, &prefix, ours, theirs);
        }
        c.check(&format!("seed {seed} fleiss iob2"), report.fleiss_iob2, &expected["fleiss_iob2"]);
        c.check(&format!("seed {seed} alpha iob2"), report.alpha_iob2, &expected["alpha_iob2"]);
        for label in &study.labels {
            c.check(
                &format!("seed {seed} fleiss {label}"),
                report.fleiss_per_label[label],
                &expected["fleiss_binary"][label],
            );
            c.check(
                &format!("seed {seed} alpha {label}"),
                report.alpha_per_label[label],
                &expected["alpha_binary"][label],
            );
            c.check(
                &format!("seed {seed} alpha_u {label}"),
                report.alpha_u_per_label[label],
                &expected["alpha_u"]["per_label_mean"][label],
            );
        }
        c.check(&format!("seed {seed} alpha_u"), report.alpha_u, &expected["alpha_u"]["mean"]);
    }
    assert!(
        c.failures.is_empty(),
        "{} of {} values differ:\n{}",
        c.failures.len(),
        c.checked,
        c.failures[..c.failures.len().min(30)].join("\n")
    );
    assert!(c.checked > 10_000, "only {} values checked", c.checked);
}
