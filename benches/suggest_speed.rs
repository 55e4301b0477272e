//! Suggestion speed (issue #7).
//!
//! Two 100,000-term lists: `entities` — the sample annotators' names and
//! products plus made-up terms of the same characters (sparse matches, like a
//! real company or product list); `every word` — every jieba word of two or
//! more characters in the sample sentences plus made-up terms, so that nearly
//! every word of the text is a match (a stress case).
//!
//! 1. Each list matched over the 100,000-article corpus of benchmark 1: MB/s.
//! 2. Every suggestion for one 50,000-character article — the term list, the
//!    built-in metric patterns, POS hints and 5,000 propagated terms — i.e.
//!    what a document switch pays (goal ≤ 10 ms): the switch itself (POS
//!    hints follow from a worker thread that tags the text with jieba), and
//!    every source with the tags cached.
//!
//! `cargo bench --no-default-features --bench suggest_speed`
//! (NEWSANNO_BENCH_DOCS=N for another corpus size.)

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use common::*;
use newsanno::suggest::terms::TermMatcher;
use newsanno::suggest::{SourceKind, Sources, Suggester};

const TERMS: usize = 100_000;

fn main() {
    let sentences = sentences();
    let mut rng = Rng::new(11);
    let all: String = sentences.concat();
    let chars: Vec<char> = all.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()).collect();
    let made_up = |rng: &mut Rng, into: &mut BTreeSet<String>| {
        while into.len() < TERMS {
            let n = rng.range(2, 7);
            into.insert((0..n).map(|_| chars[rng.range(0, chars.len())]).collect());
        }
    };
    // The sample's labelled names and products.
    let mut entities: BTreeSet<String> = BTreeSet::new();
    let sample = newsanno::Project::open(&repo().join("assets/sample")).expect("sample");
    for item in sample.annotated_documents().expect("sample files").flatten() {
        for a in &item.annotations {
            for s in a.file.spans.iter().filter(|s| s.label == "executive" || s.label == "product") {
                entities.insert(s.text.clone());
            }
        }
    }
    let real_entities = entities.len();
    made_up(&mut rng, &mut entities);
    let segmenter = newsanno::segment::Segmenter::new(true);
    let mut words: BTreeSet<String> = BTreeSet::new();
    for (s, e) in segmenter.tokenize(&all) {
        if e - s >= 2 {
            words.insert(all.chars().skip(s).take(e - s).collect());
        }
    }
    let real_words = words.len();
    made_up(&mut rng, &mut words);
    let lists = [
        ("entities", entities.into_iter().collect::<Vec<_>>(), real_entities),
        ("every word", words.into_iter().collect::<Vec<_>>(), real_words),
    ];

    let docs = env_usize("NEWSANNO_BENCH_DOCS", 100_000);
    let texts: Vec<String> = (0..docs)
        .map(|_| {
            let u = rng.range(0, 1_000_001) as f64 / 1e6;
            article(&mut rng, &sentences, 1_000 + (4_000.0 * u.powi(10)) as usize)
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    for (name, terms, real) in &lists {
        let (matcher, build) = timed(|| TermMatcher::new(terms).expect("matcher"));
        let (found, elapsed) = timed(|| texts.iter().map(|t| matcher.find_bytes(t).len()).sum::<usize>());
        println!(
            "{name:>10}: {} terms ({real} real); automaton {:.0} ms; {docs} articles, {:.1} MB: {found} matches in {:.2} s = {:.1} MB/s",
            matcher.len(),
            build.as_secs_f64() * 1e3,
            mb(bytes as u64),
            elapsed.as_secs_f64(),
            mb(bytes as u64) / elapsed.as_secs_f64()
        );
    }
    drop(texts);

    let text = article(&mut rng, &sentences, 50_000);
    for (name, terms, _) in &lists {
        one_article(name, terms, &text);
    }
}

// A project holding one 50,000-character article, with `terms` as the product list.
fn one_article(name: &str, terms: &[String], text: &str) {
    let scratch = scratch();
    let project = project_with(scratch.path(), &[("long".to_owned(), text.to_owned())]);
    let dir = project.root().to_path_buf();
    std::fs::create_dir_all(dir.join("terms")).expect("terms dir");
    std::fs::write(dir.join("terms/product.txt"), terms.join("\n")).expect("term file");
    let path = dir.join("project.ron");
    let mut config = newsanno::store::ProjectConfig::read(&path).expect("config");
    for label in &mut config.labels {
        if label.name == "product" {
            label.terms = vec!["terms/product.txt".to_owned()];
        }
    }
    config.write(&path).expect("write config");
    let project = newsanno::Project::open(&dir).expect("open");
    let doc = project.load_document("long").expect("doc");
    let (suggester, load) = timed(|| {
        Suggester::for_project(&project, Arc::new(newsanno::segment::Segmenter::new(true))).expect("suggester")
    });
    // 5,000 propagated terms: texts the annotator "labelled" earlier.
    let pairs: Vec<(&str, &str)> = terms.iter().step_by(20).take(5_000).map(|t| ("event", t.as_str())).collect();
    let propagation = suggester.propagation_from_pairs(pairs).expect("propagation");
    let file = newsanno::AnnotationFile::new("long", "bench", &doc.entry.text_hash);

    // A document switch in the window: every source but POS at once (jieba
    // tags on a worker thread and POS hints follow), then everything again
    // once the tags are cached.
    let mut no_pos = Sources::all();
    no_pos.set(SourceKind::Pos, false);
    let started = Instant::now();
    let switch = suggester.suggest(&doc, &file, Some(&propagation), no_pos);
    let switch_ms = started.elapsed().as_secs_f64() * 1e3;
    let (_, tagging) = timed(|| suggester.warm_tags(&doc));
    let first = suggester.suggest(&doc, &file, Some(&propagation), Sources::all());
    let mut again = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let s = suggester.suggest(&doc, &file, Some(&propagation), Sources::all());
        again.push(started.elapsed().as_secs_f64() * 1e3);
        assert_eq!(s.len(), first.len());
    }
    again.sort_by(f64::total_cmp);
    let by_kind = |k: SourceKind| first.iter().filter(|s| s.kind() == k).count();
    println!(
        "{name:>10}: one 50,000-character article: {} suggestions (terms {}, patterns {}, propagated {}, pos {}); \
         list loaded in {:.0} ms",
        first.len(),
        by_kind(SourceKind::Terms),
        by_kind(SourceKind::Patterns),
        by_kind(SourceKind::Propagated),
        by_kind(SourceKind::Pos),
        load.as_secs_f64() * 1e3
    );
    println!(
        "{name:>10}:   document switch {switch_ms:.2} ms ({} suggestions; jieba tags on a worker in {:.1} ms, then POS hints \
         follow); with tags cached: median {:.2} ms, max {:.2} ms (goal <= 10 ms)",
        switch.len(),
        tagging.as_secs_f64() * 1e3,
        again[again.len() / 2],
        again[again.len() - 1]
    );
}
