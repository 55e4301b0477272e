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
            relations: Vec::new(),
            categories: Vec::new(),
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
    Study { labels, annotators, docs, ..Study::default() }
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

#[test]
fn worked_example_s_from_the_shared_notes() {
    // 华为董事长任正非在深圳发布会上宣布Mate60销量增长了30%。 (32 characters)
    let text = "华为董事长任正非在深圳发布会上宣布Mate60销量增长了30%。";
    assert_eq!(text.chars().count(), 32);
    let u = |start, end, label| Unit { start, end, label };
    // executive 0, product 1, event 2, metric 3
    let a = vec![u(5, 8, 0), u(9, 14, 2), u(17, 23, 1), u(28, 31, 3)];
    let b = vec![u(0, 2, 1), u(5, 8, 0), u(11, 14, 2), u(17, 23, 1), u(25, 31, 3)];
    let study = Study {
        labels: ["executive", "product", "event", "metric"].map(String::from).to_vec(),
        annotators: vec!["A".into(), "B".into()],
        docs: vec![StudyDoc { id: "S".into(), len: 32, units: vec![Some(a), Some(b)], ..StudyDoc::default() }],
        ..Study::default()
    };
    let report = study_report(&study);
    let p = &report.pairs[0];
    let close = |x: Score, y: f64, tol: f64| assert!((x.value - y).abs() < tol, "{x:?} vs {y}");
    assert_eq!(p.exact.counts.matched, 2);
    close(p.exact.micro.precision, 0.4, 1e-12);
    close(p.exact.micro.recall, 0.5, 1e-12);
    close(p.exact.micro.f1, 4.0 / 9.0, 1e-12);
    for (label, f1) in [("executive", 1.0), ("product", 0.6666666666666666), ("event", 0.0), ("metric", 0.0)] {
        close(p.exact.per_label[label], f1, 1e-12);
    }
    close(p.overlap.micro.precision, 0.8, 1e-12);
    close(p.overlap.micro.recall, 1.0, 1e-12);
    close(p.overlap.micro.f1, 0.8888888888888888, 1e-12);
    close(p.cohen_iob2, 0.63405, 5e-6);
    close(report.alpha_iob2, 0.63700, 5e-6);
    close(p.iob2_entities.micro.f1, 0.4444444444444445, 1e-12);
    close(report.alpha_u, 0.8551535161796009, 1e-12);
    for (label, v) in [
        ("event", 0.8333055925432756),
        ("executive", 1.0),
        ("metric", 0.7335526315789473),
        ("product", 0.9110025107604017),
    ] {
        close(report.alpha_u_per_label[label], v, 1e-12);
    }
}
