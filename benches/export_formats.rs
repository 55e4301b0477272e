//! Export benchmark: 55,000 generated sentences (≈2.4 M characters, ≈80,000
//! spans) written to `bio` and to `jsonl` (to a file, as the CLI does), and to an `hf` folder
//! (split 80/10/10 by document, sentence examples, characters): time and MB/s.
//!
//! `cargo bench --no-default-features --bench export_formats`

mod common;

use common::*;
use newsanno::formats::bio::Scheme;
use newsanno::formats::jsonl::Flavor;
use newsanno::formats::{ExportDocument, ExportSpan};

const LABELS: [&str; 4] = ["executive", "product", "event", "metric"];

fn main() {
    let sentences = sentences();
    let mut rng = Rng::new(21);
    let mut docs = Vec::new();
    let (mut chars_total, mut spans_total, mut sentence_count) = (0, 0, 0);
    while sentence_count < 55_000 {
        // Ten sentences a document.
        let mut text = String::new();
        for _ in 0..10 {
            text.push_str(&sentences[rng.range(0, sentences.len())]);
            sentence_count += 1;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut spans: Vec<ExportSpan> = Vec::new();
        for _ in 0..17 {
            let start = rng.range(0, chars.len().saturating_sub(6).max(1));
            let end = (start + rng.range(2, 6)).min(chars.len());
            if spans.iter().any(|s| s.start < end && start < s.end) {
                continue;
            }
            spans.push(ExportSpan {
                start,
                end,
                label: LABELS[rng.range(0, 4)].to_owned(),
                text: chars[start..end].iter().collect(),
            });
        }
        spans.sort();
        chars_total += chars.len();
        spans_total += spans.len();
        docs.push(ExportDocument {
            id: format!("d{}", docs.len()),
            title: String::new(),
            text,
            meta: Default::default(),
            spans,
            relations: Vec::new(),
            categories: Vec::new(),
        });
    }
    println!("{} documents, {sentence_count} sentences, {chars_total} characters, {spans_total} spans", docs.len());
    let scratch = scratch();
    for (name, run) in [
        (
            "bio",
            &(|out: &mut Vec<u8>, docs: &[ExportDocument]| {
                newsanno::formats::bio::write(docs, Scheme::Iob2, out).map(|_| ())
            }) as &dyn Fn(&mut Vec<u8>, &[ExportDocument]) -> std::io::Result<()>,
        ),
        ("jsonl", &|out: &mut Vec<u8>, docs: &[ExportDocument]| {
            newsanno::formats::jsonl::write(docs, Flavor::Newsanno, out)
        }),
    ] {
        let path = scratch.path().join(format!("export.{name}"));
        let (bytes, elapsed) = timed(|| {
            let mut out = Vec::with_capacity(64 << 20);
            run(&mut out, &docs).expect("write");
            newsanno::store::atomic::write_atomic(&path, &out).expect("file");
            out.len()
        });
        println!(
            "{name}: {:.1} MB in {:.3} s = {:.0} MB/s (goal <= 1 s)",
            mb(bytes as u64),
            elapsed.as_secs_f64(),
            mb(bytes as u64) / elapsed.as_secs_f64()
        );
    }
    // hf: the whole folder (split, examples per sentence, card, label maps, manifest).
    let parts = newsanno::formats::split_with_manifest(
        docs.clone(),
        &[("train".into(), 0.8), ("validation".into(), 0.1), ("test".into(), 0.1)],
        1,
        None,
        "bench",
    )
    .expect("split");
    let options = newsanno::formats::hf::HfOptions {
        level: newsanno::formats::hf::Level::Chars,
        unit: newsanno::formats::hf::ExampleUnit::Sentences,
        sentence_ends: newsanno::sentences::SENTENCE_ENDS,
        segmenter: None,
        labels: LABELS.iter().map(|l| (*l).to_owned()).collect(),
        project: "bench".into(),
        source: "bench".into(),
        selection: Vec::new(),
        command: "bench".into(),
    };
    let folder = scratch.path().join("hf");
    let (summary, elapsed) =
        timed(|| newsanno::formats::hf::write_folder(&parts.0, &folder, &options, &parts.1).expect("hf"));
    let bytes: u64 =
        std::fs::read_dir(&folder).expect("folder").flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum();
    let examples: usize = summary.examples.values().sum();
    println!(
        "hf: {examples} examples, {:.1} MB in {:.3} s = {:.0} MB/s",
        mb(bytes),
        elapsed.as_secs_f64(),
        mb(bytes) / elapsed.as_secs_f64()
    );
}
