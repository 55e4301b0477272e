//! Crash benchmark: 1,000 SIGKILLs of a child editing through the autosave
//! path (`newsanno torture`), each followed by the check of every file.
//! Build the binary first: `cargo build --release --no-default-features --features cli`, then
//! `cargo bench --no-default-features --bench crash_kill` (NEWSANNO_BENCH_KILLS=N).

mod common;

use std::time::{Duration, Instant};

use common::*;
use newsanno::store::torture::kill_round;

fn main() {
    let kills = env_usize("NEWSANNO_BENCH_KILLS", 1_000) as u64;
    let exe = std::env::var_os("NEWSANNO_BIN").map(std::path::PathBuf::from).unwrap_or_else(|| {
        let mut p = std::env::current_exe().expect("exe");
        p.pop();
        p.pop();
        p.join("newsanno")
    });
    let scratch = scratch();
    let text = "阿里巴巴集团董事会主席张勇宣布阿里云将独立上市，营收167.61亿元。𠮷😀".repeat(4);
    let docs: Vec<(String, String)> = (0..5).map(|i| (format!("d{i}"), text.clone())).collect();
    let project = project_with(scratch.path(), &docs);
    let mut rng = Rng::new(99);
    let started = Instant::now();
    let (mut submitted, mut acknowledged) = (0, 0);
    for round in 0..kills {
        let after = Duration::from_millis(rng.range(5, 120) as u64);
        match kill_round(&exe, project.root(), round, after) {
            Ok(o) => {
                submitted += o.submitted;
                acknowledged += o.acknowledged;
            }
            Err(e) => panic!("round {round}: {e}"),
        }
    }
    println!(
        "{kills} SIGKILLs survived in {:.1} s: {submitted} snapshots submitted, {acknowledged} saves acknowledged, 0 torn or lost files",
        started.elapsed().as_secs_f64()
    );
}
