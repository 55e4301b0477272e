//! Crash safety: a child process edits through the autosave path and is
//! killed with SIGKILL at random moments, 50 times; after each kill every
//! annotation file parses and equals a state the child submitted, never older
//! than the last one it was told is on disk.

use std::collections::HashMap;
use std::io::BufRead as _;
use std::process::Stdio;
use std::time::Duration;

use newsanno::Project;
use newsanno::store::annotation_file;
use newsanno::store::torture::content_digest;

use crate::util::{Fixture, newsanno};

fn digests_on_disk(project: &Project) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for entry in project.documents() {
        let path = project.annotation_path("torture", &entry.id);
        if path.exists() {
            let (file, _) = annotation_file::read(&path).unwrap_or_else(|e| panic!("torn or broken file: {e}"));
            out.insert(entry.id.clone(), content_digest(&file));
        }
    }
    out
}

#[test]
fn sigkill_never_tears_a_file_or_loses_an_acknowledged_edit() {
    let fx = Fixture::new();
    let lines: Vec<String> = (0..3)
        .map(|i| serde_json::json!({"id": format!("d{i}"), "text": "阿里巴巴集团董事会主席张勇宣布阿里云将独立上市，营收167.61亿元。𠮷😀".repeat(3)}).to_string())
        .collect();
    let input = fx.write("in.jsonl", lines.join("\n"));
    fx.import(&[&input]).unwrap();
    let project = fx.open();
    let mut kills = 0;
    let mut acknowledged_total = 0;
    for round in 0..50u64 {
        let before = digests_on_disk(&project);
        let mut child = newsanno()
            .args(["torture", project.root().to_str().unwrap(), "--seed", &round.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            std::io::BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<_>>()
        });
        // Kill at a pseudo-random moment between 20 and 150 ms.
        std::thread::sleep(Duration::from_millis(20 + (round * 37) % 130));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        kills += 1;
        let lines = reader.join().unwrap();
        let mut submitted: HashMap<String, Vec<(u64, String)>> = HashMap::new();
        let mut saved: HashMap<String, u64> = HashMap::new();
        for line in &lines {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["submitted", doc, seq, digest] => {
                    submitted.entry((*doc).to_owned()).or_default().push((seq.parse().unwrap(), (*digest).to_owned()))
                }
                ["saved", doc, seq] => {
                    let seq: u64 = seq.parse().unwrap();
                    let e = saved.entry((*doc).to_owned()).or_default();
                    *e = (*e).max(seq);
                    acknowledged_total += 1;
                }
                _ => {}
            }
        }
        let after = digests_on_disk(&project);
        for (doc, digest) in &after {
            let subs = submitted.get(doc).cloned().unwrap_or_default();
            let floor = saved.get(doc).copied();
            let allowed: Vec<&String> =
                subs.iter().filter(|(seq, _)| floor.is_none_or(|f| *seq >= f)).map(|(_, d)| d).collect();
            let unchanged_ok = floor.is_none() && before.get(doc) == Some(digest);
            assert!(
                unchanged_ok || allowed.contains(&digest),
                "round {round}: {doc} holds a state the child never submitted after its last acknowledged save"
            );
        }
        for doc in saved.keys() {
            assert!(after.contains_key(doc), "round {round}: acknowledged {doc} is missing");
        }
    }
    assert_eq!(kills, 50);
    assert!(acknowledged_total > 50, "the child saved something before being killed ({acknowledged_total})");
}
