//! Benchmark 3: segmentation throughput of jieba-rs (through our Segmenter,
//! Python-compatible post-processing included) beside Python jieba 0.42.1 on
//! the same file in the same run (tools/bench_jieba.py), with the ratio.
//!
//! `cargo bench --no-default-features --bench segment_throughput`
//! (Python side needs `pip install jieba==0.42.1`; skipped with a message otherwise.)

mod common;

use std::process::Command;

use common::*;
use newsanno::segment::Segmenter;

fn main() {
    let target_bytes = env_usize("NEWSANNO_BENCH_SEG_BYTES", 4_000_000);
    let sentences = sentences();
    let mut rng = Rng::new(11);
    let mut text = String::new();
    while text.len() < target_bytes {
        text.push_str(&article(&mut rng, &sentences, 3_000));
        text.push('\n');
    }
    let scratch = scratch();
    let path = scratch.path().join("segment.txt");
    std::fs::write(&path, &text).expect("write");
    let bytes = text.len() as u64;

    let (segmenter, load) = timed(|| {
        let s = Segmenter::new(true);
        // Forces the shared dictionary to load.
        s.tokenize("预热");
        s
    });
    // Best of three passes, as the Python side does.
    let mut best = f64::MAX;
    let mut tokens = 0;
    for _ in 0..3 {
        let (t, d) = timed(|| segmenter.tokenize(&text).len());
        tokens = t;
        best = best.min(d.as_secs_f64());
    }
    let rust_mbps = mb(bytes) / best;
    println!(
        "jieba-rs: {:.1} MB, {tokens} tokens in {:.3} s = {rust_mbps:.2} MB/s (dictionary load {:.2} s)",
        mb(bytes),
        best,
        load.as_secs_f64()
    );

    let script = repo().join("tools/bench_jieba.py");
    match Command::new("python3").arg(&script).arg(&path).output() {
        Ok(out) if out.status.success() => {
            let stdout = String::from_utf8_lossy(&out.stdout);
            for line in stdout.lines().filter(|l| !l.starts_with("python_mb_per_s=")) {
                println!("{line}");
            }
            let python_mbps: Option<f64> =
                stdout.lines().find_map(|l| l.strip_prefix("python_mb_per_s=")).and_then(|v| v.trim().parse().ok());
            if let Some(p) = python_mbps {
                println!("ratio jieba-rs / Python jieba: {:.1}x (goal >= 10x)", rust_mbps / p);
            }
        }
        Ok(out) => println!("Python jieba skipped: {}", String::from_utf8_lossy(&out.stderr).trim()),
        Err(e) => println!("Python jieba skipped: python3 not runnable ({e})"),
    }
}
