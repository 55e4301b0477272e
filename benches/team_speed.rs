//! A lead's commands on a 100,000-article corpus (issue #15): `assign` (ten
//! annotators, an agreement sample of 10,000 documents with two each), its
//! re-run after 5,000 new articles, and `stats` once the annotators have
//! 20,000 files between them; plus the same through the command line, project
//! opening included.
//!
//! `cargo bench --no-default-features --features cli --bench team_speed`
//! (NEWSANNO_BENCH_DOCS=N for another size.)

mod common;

use std::process::Command;

use common::*;
use newsanno::assign::{Overlap, Request, plan};
use newsanno::store::assignments::{load_assignments, save_assignments};

fn articles(from: usize, to: usize) -> Vec<(String, String)> {
    (from..to)
        .map(|i| (format!("n{i:06}"), format!("第{i}条快讯：公司宣布张勇出任总裁，营收增长{}%。", i % 97)))
        .collect()
}

fn main() {
    let docs = env_usize("NEWSANNO_BENCH_DOCS", 100_000);
    let scratch = scratch();
    let (project, setup) = timed(|| project_with(scratch.path(), &articles(0, docs)));
    println!("corpus: {docs} articles imported in {:.1} s (setup, not measured)", setup.as_secs_f64());
    let team: Vec<(String, f64)> = (0..10).map(|i| (format!("annotator{i}"), 1.0)).collect();
    let request = Request {
        team: team.clone(),
        overlap: Overlap { per_document: 2, sample: Some(10_000.min(docs)) },
        seed: 1,
        rebalance: false,
    };
    let ids: Vec<String> = project.documents().iter().map(|d| d.id.clone()).collect();
    let (outcome, planned) = timed(|| plan(&ids, None, &request, &|_, _| false).expect("plan"));
    let ((), saved) = timed(|| save_assignments(&project, &outcome.assignments).expect("save"));
    let bytes = std::fs::metadata(project.root().join("assignments.ron")).map(|m| m.len()).unwrap_or(0);
    let counts: Vec<usize> = outcome.assignments.counts().into_values().collect();
    println!(
        "assign: {} documents to 10 annotators ({} overlapping) planned in {:.0} ms, written in {:.0} ms ({:.1} MB); loads {}–{}",
        outcome.assignments.documents.len(),
        outcome.assignments.documents.values().filter(|w| w.len() >= 2).count(),
        planned.as_secs_f64() * 1000.0,
        saved.as_secs_f64() * 1000.0,
        mb(bytes),
        counts.iter().min().unwrap_or(&0),
        counts.iter().max().unwrap_or(&0)
    );
    let (loaded, load) = timed(|| load_assignments(&project).expect("load").expect("file"));
    println!("assignments.ron read and checked in {:.0} ms", load.as_secs_f64() * 1000.0);

    // 5,000 new articles: the re-run keeps every assignment and places them.
    let more = scratch.path().join("more.jsonl");
    let lines: Vec<String> = articles(docs, docs + 5_000)
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect();
    std::fs::write(&more, lines.join("\n")).expect("write");
    newsanno::import::import_paths(&project, &[more], &Default::default(), &mut |_, _| {}).expect("import");
    let project = newsanno::Project::open(project.root()).expect("open");
    let ids: Vec<String> = project.documents().iter().map(|d| d.id.clone()).collect();
    let (again, replanned) = timed(|| plan(&ids, Some(&loaded), &request, &|_, _| false).expect("plan"));
    println!(
        "assign again: {} new documents placed, {} kept, in {:.0} ms",
        again.added,
        again.assignments.documents.len() - again.added,
        replanned.as_secs_f64() * 1000.0
    );
    save_assignments(&project, &again.assignments).expect("save");

    // Each annotator has done their first 2,000 documents, 10 spans each (files written directly: setup).
    let started = std::time::Instant::now();
    let mut files = 0;
    for (name, _) in &team {
        let folder = project.annotator_dir(name);
        std::fs::create_dir_all(&folder).expect("mkdir");
        for id in again.assignments.of(name).take(2_000) {
            let entry = project.document_entry(id).expect("entry");
            let mut file = newsanno::AnnotationFile::new(id, name, &entry.text_hash);
            for k in 0..10u64 {
                file.spans.push(newsanno::Span {
                    id: k + 1,
                    start: k as usize,
                    end: k as usize + 1,
                    label: "product".into(),
                    text: String::new(),
                    note: None,
                    source: Default::default(),
                    attributes: Default::default(),
                    link: None,
                });
            }
            file.status = newsanno::Status::Done;
            file.active_seconds = 60 + k_of(id);
            file.modified = "2026-12-02T10:00:00Z".into();
            let ron = newsanno::store::annotation_file::to_ron_string(&file);
            std::fs::write(folder.join(format!("{id}.ron")), ron).expect("write");
            files += 1;
        }
    }
    println!("{files} annotation files written in {:.1} s (setup, not measured)", started.elapsed().as_secs_f64());
    let (stats, took) = timed(|| newsanno::stats::project_stats(&project).expect("stats"));
    let done: usize = stats.annotators.values().map(|a| a.done).sum();
    println!(
        "stats: {} annotators × {} documents ({done} done files) in {:.2} s",
        stats.annotators.len(),
        stats.documents,
        took.as_secs_f64()
    );

    // The command line, project opening and printing included.
    let exe = std::path::Path::new(env!("CARGO_BIN_EXE_newsanno"));
    let dir = project.root().to_str().expect("utf-8 path");
    let names: Vec<&str> = team.iter().map(|(n, _)| n.as_str()).collect();
    let annotators = names.join(",");
    for (what, args) in [
        ("newsanno stats DIR", vec!["stats", dir]),
        ("newsanno stats DIR --format json", vec!["stats", dir, "--format", "json"]),
        (
            "newsanno assign DIR (re-run, nothing new)",
            vec!["assign", dir, "--annotators", &annotators, "--agreement-sample", "10000", "--seed", "1"],
        ),
    ] {
        let (out, took) = timed(|| Command::new(exe).args(&args).output().expect("run"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        println!("{what}: {:.2} s", took.as_secs_f64());
    }
}

// A small per-document number for varied active times.
fn k_of(id: &str) -> u64 {
    id.bytes().map(u64::from).sum::<u64>() % 120
}
