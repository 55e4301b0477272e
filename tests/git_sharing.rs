//! Sharing a project through git, for real: a bare repository, a lead's
//! clone and two annotators' clones; for many rounds both annotators save
//! files (as the window does: atomic writes, a folder lock, a model cache,
//! a temporary file an interrupted save left) and commit, then pull --rebase
//! and push while the other has already pushed; the lead imports articles and
//! re-runs `assign` midway. No round may conflict, nothing per machine may be
//! tracked, and the merged project validates and gives agreement.

use std::path::Path;
use std::process::Command;

use crate::util::{Fixture, run, stderr, stdout};

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=newsanno test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("git is needed for this test (it is on every machine CI uses): {e}"));
    assert!(
        out.status.success(),
        "git {} in {} failed:\n{}{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// What the window does to a document: the annotator's own file, saved atomically, marked done.
fn annotate(clone: &Path, who: &str, doc: &str, round: usize) {
    let project = newsanno::Project::open(clone).unwrap();
    let d = project.load_document(doc).unwrap();
    let mut file = match project.load_annotation(who, &d).unwrap() {
        Some(loaded) => loaded.file,
        None => newsanno::AnnotationFile::new(doc, who, &d.entry.text_hash),
    };
    let chars: Vec<char> = d.text().chars().collect();
    let at = (0..chars.len()).find(|&k| chars[k..].starts_with(&['张', '勇'])).unwrap();
    // bob marks the name one character short on every third document: some disagreement.
    let end = if who == "bob" && round.is_multiple_of(3) { at + 1 } else { at + 2 };
    if file.spans.is_empty() {
        file.add_span(&d.text, at, end, "executive").unwrap();
    }
    file.active_seconds += 40;
    file.status = newsanno::Status::Done;
    project.save_annotation(&mut file, &d).unwrap();
}

fn articles(from: usize, to: usize) -> String {
    (from..to)
        .map(|i| serde_json::json!({"id": format!("a{i:03}"), "text": format!("第{i}条：公司宣布张勇出任总裁，营收增长{i}%。")}).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn two_annotators_share_a_project_through_git_for_many_rounds_without_a_conflict() {
    let fx = Fixture::new();
    let lead = fx.project();
    let input = fx.write("first.jsonl", articles(0, 30));
    fx.import(&[&input]).unwrap();
    let l = lead.to_str().unwrap();
    assert!(
        run(&["assign", l, "--annotators", "alice,bob", "--agreement-sample", "10", "--seed", "5"]).status.success()
    );
    assert!(lead.join(".gitignore").is_file(), "init wrote a .gitignore");
    let remote = fx.dir.path().join("remote.git");
    std::fs::create_dir_all(&remote).unwrap();
    git(&remote, &["init", "--bare", "-q"]);
    git(&lead, &["init", "-q"]);
    git(&lead, &["add", "-A"]);
    git(&lead, &["commit", "-q", "-m", "project, corpus, assignments"]);
    git(&lead, &["remote", "add", "origin", remote.to_str().unwrap()]);
    git(&lead, &["push", "-q", "origin", "HEAD:main"]);
    let clone = |name: &str| {
        let dir = fx.dir.path().join(name);
        git(fx.dir.path(), &["clone", "-q", remote.to_str().unwrap(), dir.to_str().unwrap()]);
        dir
    };
    let (a, b) = (clone("alice-clone"), clone("bob-clone"));
    let mut done = std::collections::HashMap::<&str, usize>::new();
    for round in 0..8 {
        for (who, dir) in [("alice", &a), ("bob", &b)] {
            // Each works through their queue as the window would, holding their folder's lock.
            let project = newsanno::Project::open(dir).unwrap();
            let lock = newsanno::store::lock::AnnotatorLock::acquire(&project.annotator_dir(who)).unwrap();
            let plan = newsanno::store::assignments::load_assignments(&project).unwrap().unwrap();
            let mine: Vec<String> = plan.of(who).map(str::to_owned).collect();
            let n = done.entry(who).or_default();
            for doc in mine.iter().skip(*n).take(2) {
                annotate(dir, who, doc, round);
            }
            *n += 2;
            // Per machine: the suggester's cache and a temporary file an interrupted save left.
            std::fs::create_dir_all(dir.join("cache")).unwrap();
            std::fs::write(dir.join("cache/model-x.json"), format!("{round}")).unwrap();
            std::fs::write(project.annotator_dir(who).join(".newsanno-tmp-abc.tmp"), "half").unwrap();
            git(dir, &["add", "-A"]);
            git(dir, &["commit", "-q", "-m", &format!("{who}: round {round}")]);
            drop(lock);
        }
        // Midway the lead imports more articles and assigns only them.
        if round == 4 {
            git(&lead, &["pull", "-q", "--rebase", "origin", "main"]);
            let more = fx.write("more.jsonl", articles(30, 36));
            fx.import(&[&more]).unwrap();
            let out = run(&["assign", l, "--annotators", "alice,bob", "--agreement-sample", "10", "--seed", "5"]);
            assert!(stdout(&out).contains("6 placed now, 30 kept"), "{}{}", stdout(&out), stderr(&out));
            git(&lead, &["add", "-A"]);
            git(&lead, &["commit", "-q", "-m", "six more articles, assigned"]);
            git(&lead, &["push", "-q", "origin", "HEAD:main"]);
        }
        // Both committed before either pushed: the second must rebase on the first.
        for dir in [&a, &b] {
            git(dir, &["pull", "-q", "--rebase", "origin", "main"]);
            git(dir, &["push", "-q", "origin", "HEAD:main"]);
        }
    }
    git(&a, &["pull", "-q", "--rebase", "origin", "main"]);
    assert_eq!(git(&a, &["rev-parse", "HEAD"]), git(&b, &["rev-parse", "HEAD"]));
    for dir in [&a, &b] {
        assert_eq!(git(dir, &["status", "--porcelain"]), "", "locks, temp files and caches stay untracked");
    }
    let tracked = git(&a, &["ls-files"]);
    assert!(
        !tracked.contains("cache/") && !tracked.contains(".newsanno-tmp") && !tracked.contains(".lock"),
        "{tracked}"
    );
    assert!(tracked.contains("annotations/alice/") && tracked.contains("annotations/bob/"));
    assert_eq!(
        git(&a, &["log", "--oneline"]).lines().count(),
        1 + 1 + 16,
        "every round of both, and the lead's commit"
    );
    // The merged project: only the temporary files are worth a warning; agreement and stats work.
    let problems = newsanno::store::validate::validate(&a);
    assert!(problems.iter().all(|p| p.message.contains("leftover temporary file")), "{problems:?}");
    let out = run(&["agree", a.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let f1 = json["overall"]["exact_f1"].as_f64().unwrap();
    assert!(f1 > 0.0 && f1 < 1.0, "bob differs on some shared documents: {json}");
    let out = run(&["stats", a.to_str().unwrap(), "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for who in ["alice", "bob"] {
        assert_eq!(stats["annotators"][who]["done"], 16, "{stats}");
        assert_eq!(stats["annotators"][who]["active_seconds"], 16 * 40);
    }
}
