//! Benchmark 1: import a generated JSONL of 100,000 articles (~300 MB, 1–5k
//! characters each), then open the project to a listable state in a fresh
//! process, reporting time and peak RSS against the file size.
//!
//! `cargo bench --no-default-features --bench import_open`
//! (NEWSANNO_BENCH_DOCS=N for another size.)

mod common;

use std::io::Write as _;
use std::process::Command;

use common::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--open-only") {
        open_only(&args[pos + 1]);
        return;
    }
    let docs = env_usize("NEWSANNO_BENCH_DOCS", 100_000);
    let scratch = scratch();
    let jsonl = scratch.path().join("articles.jsonl");

    let ((), generate) = timed(|| generate(&jsonl, docs));
    let file_bytes = std::fs::metadata(&jsonl).expect("jsonl").len();
    println!("generated {docs} articles, {:.1} MB of JSONL in {:.1} s", mb(file_bytes), generate.as_secs_f64());

    let dir = scratch.path().join("project");
    newsanno::Project::init(&dir, "bench", Vec::new()).expect("init");
    let project = newsanno::Project::open(&dir).expect("open");
    let (summary, import) = timed(|| {
        newsanno::import::import_paths(
            &project,
            std::slice::from_ref(&jsonl),
            &newsanno::import::ImportOptions::default(),
            &mut |_, _| {},
        )
        .expect("import")
    });
    println!(
        "import: {} documents in {:.2} s ({:.1} MB/s)",
        summary.imported,
        import.as_secs_f64(),
        mb(file_bytes) / import.as_secs_f64()
    );

    // Open in a fresh process, so its peak RSS is the open's alone.
    let exe = std::env::current_exe().expect("current exe");
    let out = Command::new(exe).arg("--open-only").arg(&dir).output().expect("child");
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines().filter(|l| !l.starts_with("peak_rss_bytes=")) {
        println!("{line}");
    }
    std::io::stderr().write_all(&out.stderr).expect("stderr");
    let rss: u64 =
        text.lines().find_map(|l| l.strip_prefix("peak_rss_bytes=")).and_then(|v| v.parse().ok()).unwrap_or(0);
    println!("open: peak RSS {:.1} MB = {:.3}x the JSONL file (goal <= 1.5x)", mb(rss), rss as f64 / file_bytes as f64);
}

fn open_only(dir: &str) {
    let (project, open) = timed(|| newsanno::Project::open(std::path::Path::new(dir)).expect("open"));
    // "Listable": every title available, as the document list needs.
    let titles: usize = project.documents().iter().map(|d| d.title.len()).sum();
    let (first, load) = timed(|| project.load_document(&project.documents()[0].id).expect("load"));
    println!(
        "open: {} documents listable in {:.3} s (goal <= 2 s); first text ({} chars) loaded in {:.2} ms; {} title bytes",
        project.documents().len(),
        open.as_secs_f64(),
        first.entry.chars,
        load.as_secs_f64() * 1000.0,
        titles
    );
    println!("peak_rss_bytes={}", peak_rss_bytes());
}

fn generate(path: &std::path::Path, docs: usize) {
    let sentences = sentences();
    let mut rng = Rng::new(42);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let sources = ["新华社", "财新", "36氪", "虎嗅", "界面新闻", "第一财经"];
    for i in 0..docs {
        // 1–5k characters, most near 1k (mean ≈ 1.3k), so 100,000 articles
        // come to a few hundred MB as the sizing asks.
        let u = rng.range(0, 1_000_001) as f64 / 1e6;
        let chars = 1_000 + (4_000.0 * u.powi(10)) as usize;
        let text = article(&mut rng, &sentences, chars);
        let title: String = text.lines().next().unwrap_or_default().chars().take(30).collect();
        let record = serde_json::json!({
            "id": format!("news-{i:06}"),
            "title": title,
            "text": text,
            "source": sources[i % sources.len()],
            "url": format!("https://news.example.com/{}/{i}", 2020 + i % 7),
            "date": format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        });
        serde_json::to_writer(&mut out, &record).expect("write");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
}
