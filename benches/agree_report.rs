//! Agreement benchmark: 5 annotators × 10,000 documents × ~20 spans each
//! (generated). (1) The full `newsanno agree` report on the project (read
//! every file, compute every measure, render JSON) in a fresh process: time
//! and peak memory. (2) The same measures from one study file, by newsanno and
//! by the Python reference stack (tools/bench_agreement.py: scikit-learn,
//! statsmodels, krippendorff, seqeval + the α_U definition) in the same run;
//! Python needs ~2 GB per 1,000 such documents, so that comparison uses the
//! first NEWSANNO_BENCH_PY_DOCS (default 1,000) documents.
//!
//! `cargo bench --no-default-features --bench agree_report`
//! (NEWSANNO_BENCH_DOCS=N to resize; Python needs the packages of tools/agreement_golden.py.)

mod common;

use std::process::Command;
use std::time::Instant;

use common::*;
use newsanno::agreement::render::{ReportFormat, render};
use newsanno::agreement::report::study_report;
use newsanno::agreement::study::{StudyOptions, study_from_project};
use newsanno::store::annotation_file::to_ron_string;
use newsanno::{AnnotationFile, Project, Status};

const LABELS: [&str; 4] = ["executive", "product", "event", "metric"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--report-only") {
        report_only(&args[i + 1]);
        return;
    }
    let docs = env_usize("NEWSANNO_BENCH_DOCS", 10_000);
    let scratch = scratch();
    let sentences = sentences();
    let mut rng = Rng::new(9);
    let texts: Vec<(String, String)> = (0..docs)
        .map(|i| {
            let chars = rng.range(300, 700);
            (format!("d{i:05}"), article(&mut rng, &sentences, chars))
        })
        .collect();
    let project = project_with(scratch.path(), &texts);
    let annotators = ["a1", "a2", "a3", "a4", "a5"];
    let py_docs = env_usize("NEWSANNO_BENCH_PY_DOCS", 1_000).min(docs);
    let mut study_json = Vec::new();
    let mut spans_total = 0;
    for entry in project.documents() {
        let len = entry.chars;
        // A shared "truth", then each annotator's version of it.
        let truth: Vec<(usize, usize, usize)> = (0..20)
            .map(|_| {
                let s = rng.range(0, len - 8);
                (s, s + rng.range(2, 7), rng.range(0, 4))
            })
            .collect();
        let mut per_annotator = Vec::new();
        for who in annotators {
            let mut file = AnnotationFile::new(&entry.id, who, &entry.text_hash);
            file.status = Status::Done;
            file.modified = "2026-11-26T00:00:00Z".into();
            let text = project.load_document(&entry.id).expect("doc");
            let mut units = Vec::new();
            for &(s, e, l) in &truth {
                let x = rng.range(0, 100);
                let (s, e, l) = match x {
                    0..=9 => continue,
                    10..=19 => (s, (e + 1).min(len), l),
                    20..=24 => (s, e, (l + 1) % 4),
                    _ => (s, e, l),
                };
                if file.add_span(&text.text, s, e, LABELS[l]).is_ok() {
                    units.push(serde_json::json!([s, e, l]));
                }
            }
            spans_total += file.spans.len();
            std::fs::create_dir_all(project.annotator_dir(who)).expect("dir");
            std::fs::write(project.annotation_path(who, &entry.id), to_ron_string(&file)).expect("write");
            per_annotator.push(serde_json::Value::Array(units));
        }
        if study_json.len() < py_docs {
            let text: String = "x".repeat(len); // only the length matters to the measures
            study_json.push(serde_json::json!({"id": entry.id, "text": text, "annotations": per_annotator}));
        }
    }
    println!("{} annotators × {docs} documents, {spans_total} spans", annotators.len());
    let study_path = scratch.path().join("study.json");
    let study = serde_json::json!({"annotators": annotators, "labels": LABELS, "docs": study_json});
    std::fs::write(&study_path, study.to_string()).expect("write study");

    let exe = std::env::current_exe().expect("exe");
    let out = Command::new(exe).arg("--report-only").arg(project.root()).output().expect("child");
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{}", text.lines().filter(|l| !l.starts_with("seconds=")).map(|l| format!("{l}\n")).collect::<String>());

    // Same study file for both sides: parse it, compute every measure.
    let started = Instant::now();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&study_path).expect("study")).expect("json");
    let study = study_from_json(&json);
    let report = study_report(&study);
    let rust_seconds = started.elapsed().as_secs_f64();
    println!(
        "newsanno on the study file ({} documents): {:.3} s; exact F1 {:.4}, α_U {:.4}",
        study.docs.len(),
        rust_seconds,
        report.pairs[0].exact.micro.f1.value,
        report.alpha_u.value
    );

    let script = repo().join("tools/bench_agreement.py");
    match Command::new("python3").arg(&script).arg(&study_path).output() {
        Ok(out) if out.status.success() => {
            let stdout = String::from_utf8_lossy(&out.stdout);
            for line in stdout.lines().filter(|l| !l.starts_with("python_seconds=")) {
                println!("{line}");
            }
            if let Some(p) =
                stdout.lines().find_map(|l| l.strip_prefix("python_seconds=")).and_then(|v| v.parse::<f64>().ok())
            {
                println!("ratio Python / newsanno on the same study file: {:.0}x (goal >= 20x)", p / rust_seconds);
            }
        }
        Ok(out) => {
            println!("Python reference skipped: {}", String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or(""))
        }
        Err(e) => println!("Python reference skipped: {e}"),
    }
}

fn study_from_json(json: &serde_json::Value) -> newsanno::agreement::Study {
    use newsanno::agreement::{Study, StudyDoc, Unit};
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(str::to_owned)).collect()
    };
    let docs = json["docs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| StudyDoc {
            relations: Vec::new(),
            categories: Vec::new(),
            id: d["id"].as_str().unwrap_or_default().to_owned(),
            len: d["text"].as_str().unwrap_or_default().chars().count(),
            units: d["annotations"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| {
                    a.as_array().map(|units| {
                        units
                            .iter()
                            .map(|u| Unit {
                                start: u[0].as_u64().unwrap_or(0) as usize,
                                end: u[1].as_u64().unwrap_or(0) as usize,
                                label: u[2].as_u64().unwrap_or(0) as usize,
                            })
                            .collect()
                    })
                })
                .collect(),
        })
        .collect();
    Study { labels: strings(&json["labels"]), annotators: strings(&json["annotators"]), docs, ..Study::default() }
}

fn report_only(dir: &str) {
    let started = Instant::now();
    let project = Project::open(std::path::Path::new(dir)).expect("open");
    let (study, notes) = study_from_project(&project, &StudyOptions::default()).expect("study");
    let read = started.elapsed();
    let report = study_report(&study);
    let json = render(&report, &notes, ReportFormat::Json);
    let total = started.elapsed();
    println!(
        "newsanno agree (JSON): {:.2} s in all (reading files {:.2} s, measures + JSON {:.2} s), peak RSS {:.0} MB (goal <= 2 s); exact F1 {:.4}, α_U {:.4}, {} bytes",
        total.as_secs_f64(),
        read.as_secs_f64(),
        (total - read).as_secs_f64(),
        mb(peak_rss_bytes()),
        report.pairs.first().map_or(f64::NAN, |p| p.exact.micro.f1.value),
        report.alpha_u.value,
        json.len()
    );
    println!("seconds={}", total.as_secs_f64());
}
