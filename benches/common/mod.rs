//! Deterministic data generators shared by the benchmarks.
#![allow(dead_code)] // each bench uses a different subset

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The library's seeded generator: the same seed always gives the same data.
pub use newsanno::rng::Rng;

/// Repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Sentences (ending in 。！？ or a line end) from the sample articles.
pub fn sentences() -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("assets/sample-articles"))
        .expect("assets/sample-articles")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("article");
        let mut current = String::new();
        for c in text.chars() {
            if c == '\n' {
                if !current.trim().is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                current.clear();
                continue;
            }
            current.push(c);
            if matches!(c, '。' | '！' | '？') {
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

/// An article of about `chars` characters: paragraphs of shuffled real sentences.
pub fn article(rng: &mut Rng, sentences: &[String], chars: usize) -> String {
    let mut text = String::new();
    let mut count = 0;
    while count < chars {
        let s = &sentences[rng.range(0, sentences.len())];
        text.push_str(s);
        count += s.chars().count();
        if rng.range(0, 5) == 0 {
            text.push('\n');
            count += 1;
        }
    }
    text
}

/// Peak resident set size of this process in bytes (Linux; 0 elsewhere).
pub fn peak_rss_bytes() -> u64 {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return 0 };
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Runs `f` and returns its result with the elapsed time.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// A size from the environment, or the default.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Megabytes, for printing.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// A scratch folder under the system temp dir (or NEWSANNO_BENCH_DIR), removed on drop.
pub fn scratch() -> tempfile::TempDir {
    match std::env::var_os("NEWSANNO_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(Path::new(&dir)).expect("bench dir"),
        None => tempfile::tempdir().expect("temp dir"),
    }
}

/// A new project in `scratch/project` holding `docs` (id, text), imported through the library.
pub fn project_with(scratch: &Path, docs: &[(String, String)]) -> newsanno::Project {
    let dir = scratch.join("project");
    newsanno::Project::init(&dir, "bench", Vec::new()).expect("init");
    let jsonl = scratch.join("docs.jsonl");
    let lines: Vec<String> =
        docs.iter().map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string()).collect();
    std::fs::write(&jsonl, lines.join("\n")).expect("write");
    let project = newsanno::Project::open(&dir).expect("open");
    newsanno::import::import_paths(&project, &[jsonl], &Default::default(), &mut |_, _| {}).expect("import");
    newsanno::Project::open(&dir).expect("reopen")
}
