//! Crash safety: a child process edits through the autosave path and is
//! killed with SIGKILL at random moments, 50 times; after each kill every
//! annotation file parses and equals a state the child submitted, never older
//! than the last one it was told is on disk (`store::torture::kill_round`).

use std::time::Duration;

use newsanno::store::torture::kill_round;

use crate::util::Fixture;

#[test]
fn sigkill_never_tears_a_file_or_loses_an_acknowledged_edit() {
    let text = "阿里巴巴集团董事会主席张勇宣布阿里云将独立上市，营收167.61亿元。𠮷😀".repeat(3);
    let fx = Fixture::with_articles(&[("d0", &text), ("d1", &text), ("d2", &text)]);
    let exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_newsanno"));
    let mut acknowledged = 0;
    for round in 0..50u64 {
        // Kill at a pseudo-random moment between 20 and 150 ms.
        let after = Duration::from_millis(20 + (round * 37) % 130);
        match kill_round(&exe, &fx.project(), round, after) {
            Ok(outcome) => acknowledged += outcome.acknowledged,
            Err(e) => panic!("round {round}: {e}"),
        }
    }
    assert!(acknowledged > 50, "the child saved something before being killed ({acknowledged})");
}
