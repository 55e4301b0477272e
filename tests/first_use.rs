//! What a new user met on the command line (issue 11): a lead who only looks
//! is no annotator, exports account for every document they leave out,
//! names count characters, and a closed pipe is no panic.

use std::path::Path;

use newsanno::Project;
use newsanno::store::lock::{AnnotatorLock, LockOutcome};

use crate::util::{copy_sample, newsanno, run, stderr, stdout};

// `suggest --accept` as a bot: its files start "not started".
fn bot_pre_annotates(dir: &Path) {
    let out = run(&["suggest", dir.to_str().unwrap(), "--annotator", "bot", "--accept"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("annotations/bot").is_dir());
}

#[test]
fn opening_a_folder_lock_creates_no_annotator_folder() {
    let (_tmp, dir) = copy_sample();
    let project = Project::open(&dir).unwrap();
    let lock = match AnnotatorLock::acquire(&project.annotator_dir("lead")).unwrap() {
        LockOutcome::Acquired(lock) => lock,
        LockOutcome::HeldElsewhere(who) => panic!("{who}"),
    };
    assert!(!dir.join("annotations/lead").exists(), "the lock made an annotator folder");
    assert!(dir.join("annotations/.lead.newsanno.lock").is_file());
    assert_eq!(project.annotators().unwrap(), ["alice", "bob"]);
    // validate is not troubled by the lock file.
    let out = run(&["validate", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    drop(lock);
    assert!(!dir.join("annotations/.lead.newsanno.lock").exists());
}

#[test]
fn an_annotator_without_a_finished_document_is_not_compared_unless_named() {
    let (_tmp, dir) = copy_sample();
    let d = dir.to_str().unwrap();
    bot_pre_annotates(&dir);
    let table = stdout(&run(&["agree", d]));
    assert!(table.contains("Agreement of alice, bob (2 annotators) on 8 documents; 7 finished by all"), "{table}");
    assert!(
        table.contains("bot: no finished document, not compared (name it in --annotators to compare it)"),
        "{table}"
    );
    let named = stdout(&run(&["agree", d, "--annotators", "alice,bob,bot"]));
    assert!(named.contains("alice, bob, bot (3 annotators)"), "{named}");
    // Adjudication's default votes are those of the finished annotators: 2 of 2, as without the bot.
    let out = run(&["adjudicate", d]);
    assert!(stdout(&out).starts_with("gold: added 109 spans and 28 relations to 7 documents"), "{}", stdout(&out));
}

#[test]
fn export_says_what_it_left_out_why_and_which_option_brings_it_in() {
    let (tmp, dir) = copy_sample();
    let d = dir.to_str().unwrap();
    bot_pre_annotates(&dir);
    let out_file = tmp.path().join("bot.jsonl");
    let o = out_file.to_str().unwrap();
    let out = run(&["export", d, "--format", "jsonl", "--source", "bot", "--include-in-progress", "--out", o]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("exported 0 documents"), "{text}");
    assert!(text.contains("left out 8 documents:"), "{text}");
    assert!(text.contains("  8 not started (--status not-started,in-progress,done brings them in)"), "{text}");

    let out = run(&["export", d, "--format", "jsonl", "--source", "bot", "--status", "done,in-progress,not-started"]);
    assert_eq!(out.status.code(), Some(2), "--out is required");
    let out = run(&[
        "export",
        d,
        "--format",
        "jsonl",
        "--source",
        "bot",
        "--status",
        "done,in-progress,not-started",
        "--out",
        o,
    ]);
    let text = stdout(&out);
    assert!(text.contains("exported 8 documents"), "{text}");
    assert!(!text.contains("left out"), "{text}");
    assert_eq!(std::fs::read_to_string(&out_file).unwrap().lines().count(), 8);

    // One annotator: the document in progress, with the option to add.
    let text = stdout(&run(&["export", d, "--format", "jsonl", "--source", "alice", "--out", o]));
    assert!(text.contains("exported 7 documents"), "{text}");
    assert!(text.contains("  1 in progress (--status in-progress,done brings them in)"), "{text}");
    // Majority: the files of the documents left out, by reason.
    let text = stdout(&run(&["export", d, "--format", "jsonl", "--source", "majority:2", "--out", o]));
    assert!(text.contains("left out 1 document with fewer than 2 counted annotators; their files:"), "{text}");
    assert!(text.contains("  2 in progress"), "{text}");
    // Gold before any adjudication: every document has no file.
    let text = stdout(&run(&["export", d, "--format", "jsonl", "--out", o]));
    assert!(text.contains("exported 0 documents") && text.contains("  8 no file"), "{text}");
    // A stale and an unreadable file are counted too.
    let alice = dir.join("annotations/alice");
    let mut names: Vec<_> = std::fs::read_dir(&alice).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    std::fs::write(&names[0], "(not ron").unwrap();
    let stale = std::fs::read_to_string(&names[1]).unwrap();
    let hash_at = stale.find("sha256:").unwrap();
    let stale = format!("{}sha256:{}{}", &stale[..hash_at], "0".repeat(64), &stale[hash_at + 71..]);
    std::fs::write(&names[1], stale).unwrap();
    let text = stdout(&run(&["export", d, "--format", "jsonl", "--source", "alice", "--out", o]));
    assert!(text.contains("exported 5 documents"), "{text}");
    assert!(text.contains("  1 stale (made on other text)"), "{text}");
    assert!(text.contains("  1 unreadable (newsanno validate lists what is wrong)"), "{text}");
    // A status that does not exist is a usage error.
    let out = run(&["export", d, "--format", "jsonl", "--status", "finished", "--out", o]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"finished\" is not a status"), "{}", stderr(&out));
}

#[test]
fn annotator_names_are_counted_in_characters() {
    let (_tmp, dir) = copy_sample();
    let d = dir.to_str().unwrap();
    let name: String = "欧阳".repeat(12);
    assert_eq!((name.chars().count(), name.len()), (24, 72));
    let out = run(&["suggest", d, "--annotator", &name, "--accept"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join("annotations").join(&name).is_dir());
    let too_long: String = "张".repeat(65);
    let out = run(&["suggest", d, "--annotator", &too_long]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("must be 1–64 letters"), "{}", stderr(&out));
}

#[test]
fn a_reader_that_goes_away_ends_no_command_with_a_panic() {
    let (tmp, dir) = copy_sample();
    let d = dir.to_str().unwrap();
    let out_file = tmp.path().join("x.jsonl");
    let commands: [&[&str]; 4] = [
        &["stats", d],
        &["agree", d],
        &["validate", d],
        &["export", d, "--format", "jsonl", "--source", "alice", "--out", out_file.to_str().unwrap()],
    ];
    for args in commands {
        let mut child = newsanno()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the command has written anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
    }
}
