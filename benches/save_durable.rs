//! Benchmark 4: durable save (atomic write + fsync of file and folder) of a
//! 1,000-span annotation file through the store, as the window's autosave does.
//!
//! `cargo bench --no-default-features --bench save_durable`

mod common;

use common::*;
use newsanno::AnnotationFile;

fn main() {
    let rounds = env_usize("NEWSANNO_BENCH_ROUNDS", 300);
    let scratch = scratch();
    let mut rng = Rng::new(3);
    let text = article(&mut rng, &sentences(), 30_000);
    let project = project_with(scratch.path(), &[("long".to_owned(), text)]);
    let doc = project.load_document("long").expect("doc");

    let labels = ["executive", "product", "event", "metric"];
    let mut file = AnnotationFile::new("long", "alice", &doc.entry.text_hash);
    let len = doc.text.char_len();
    while file.spans.len() < 1_000 {
        let start = rng.range(0, len - 10);
        let _ = file.add_span(&doc.text, start, start + rng.range(1, 10), labels[rng.range(0, 4)]);
    }
    project.save_annotation(&mut file, &doc).expect("first save");
    let size = std::fs::metadata(project.annotation_path("alice", "long")).expect("file").len();

    let mut times = Vec::with_capacity(rounds);
    for i in 0..rounds {
        // A realistic edit between saves: relabel one span.
        let k = i % file.spans.len();
        file.spans[k].label = labels[(i / 7) % 4].to_owned();
        let ((), t) = timed(|| project.save_annotation(&mut file, &doc).expect("save"));
        times.push(t.as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1).min(times.len() - 1)];
    println!(
        "durable save of a 1,000-span file ({:.0} KB), {rounds} rounds: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (goal p99 <= 10 ms)",
        size as f64 / 1024.0,
        pct(0.50),
        pct(0.99),
        times[times.len() - 1]
    );
}
