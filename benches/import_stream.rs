//! Benchmark: a JSONL file of 1 GB imports with bounded memory. The same
//! generator writes 100 MB and 1 GB; each is imported in a fresh process,
//! whose peak RSS is reported. Streaming means the 10× larger file needs
//! about the same memory (what grows is only the id set, a few dozen bytes
//! per article).
//!
//! `cargo bench --no-default-features --bench import_stream`
//! (NEWSANNO_BENCH_MB=N for another large size; NEWSANNO_BENCH_DIR for the scratch folder,
//! which needs about twice that size free.)

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use common::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--import-only") {
        import_only(Path::new(&args[pos + 1]), Path::new(&args[pos + 2]));
        return;
    }
    let large_mb = env_usize("NEWSANNO_BENCH_MB", 1024);
    let mut results = Vec::new();
    for size_mb in [100, large_mb] {
        let scratch = scratch();
        let jsonl = scratch.path().join("articles.jsonl");
        let (docs, generate) = timed(|| generate(&jsonl, size_mb as u64 * 1_000_000));
        let bytes = std::fs::metadata(&jsonl).expect("jsonl").len();
        println!("generated {docs} articles, {:.1} MB of JSONL in {:.1} s", mb(bytes), generate.as_secs_f64());
        let dir = scratch.path().join("project");
        newsanno::Project::init(&dir, "bench", Vec::new()).expect("init");
        let exe = std::env::current_exe().expect("current exe");
        let out = Command::new(exe).arg("--import-only").arg(&dir).arg(&jsonl).output().expect("child");
        std::io::stderr().write_all(&out.stderr).expect("stderr");
        let text = String::from_utf8_lossy(&out.stdout);
        let field = |name: &str| -> f64 {
            text.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
        };
        let (rss, seconds, imported) = (field("peak_rss_bytes="), field("seconds="), field("imported="));
        println!(
            "import {:.1} MB: {imported} documents in {seconds:.2} s ({:.1} MB/s), peak RSS {:.1} MB ({:.3}x the file)",
            mb(bytes),
            mb(bytes) / seconds,
            rss / 1e6,
            rss / bytes as f64
        );
        results.push((bytes, rss, docs));
    }
    let (small, large) = (results[0], results[1]);
    println!(
        "file {:.1}x larger, peak RSS {:.2}x ({:.1} MB -> {:.1} MB): texts stream through; what grows is the id set, \
         {:.0} bytes per article",
        large.0 as f64 / small.0 as f64,
        large.1 / small.1,
        small.1 / 1e6,
        large.1 / 1e6,
        (large.1 - small.1) / (large.2 - small.2) as f64
    );
}

// In a fresh process, so its peak RSS is the import's alone.
fn import_only(dir: &Path, jsonl: &Path) {
    let project = newsanno::Project::open(dir).expect("open");
    let (summary, elapsed) = timed(|| {
        newsanno::import::import_paths(
            &project,
            &[jsonl.to_path_buf()],
            &newsanno::import::ImportOptions::default(),
            &mut |_, _| {},
        )
        .expect("import")
    });
    println!("imported={}", summary.imported);
    println!("seconds={}", elapsed.as_secs_f64());
    println!("peak_rss_bytes={}", peak_rss_bytes());
}

/// Writes articles of 2–6k characters until the file holds `target` bytes; returns how many.
fn generate(path: &Path, target: u64) -> usize {
    let sentences = sentences();
    let mut rng = Rng::new(7);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let (mut written, mut docs) = (0u64, 0usize);
    while written < target {
        let chars = rng.range(2_000, 6_001);
        let text = article(&mut rng, &sentences, chars);
        let record = serde_json::json!({
            "id": format!("stream-{docs:07}"),
            "text": text,
            "source": "新华社",
            "date": format!("2026-{:02}-{:02}", 1 + docs % 12, 1 + docs % 28),
        });
        let mut line = serde_json::to_vec(&record).expect("json");
        line.push(b'\n');
        out.write_all(&line).expect("write");
        written += line.len() as u64;
        docs += 1;
    }
    out.flush().expect("flush");
    docs
}
