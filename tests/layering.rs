//! The layering of docs/ARCHITECTURE.md holds. Between crates, Cargo forbids
//! circles; this test checks each crate depends only on the crates below it
//! and on none of the crates it must not pull in (a pipeline's crates build
//! no command line, window or C). Inside each crate, no two top-level
//! modules use each other (directly or round a longer circle), and no module
//! reaches up to its crate root for an item: it names the module the item
//! lives in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::util::repo;

/// Each crate of ours, the crates of ours it may depend on, and crates it must not depend on.
const CRATES: [(&str, &str, &[&str], &[&str]); 7] = [
    ("newsanno-core", "crates/newsanno-core", &[], PIPELINE_FORBIDDEN),
    ("newsanno-agreement", "crates/newsanno-agreement", &["newsanno-core"], PIPELINE_FORBIDDEN),
    ("newsanno-formats", "crates/newsanno-formats", &["newsanno-core", "newsanno-agreement"], PIPELINE_FORBIDDEN),
    ("newsanno-suggest", "crates/newsanno-suggest", &["newsanno-core", "newsanno-agreement"], WINDOW_AND_CLI),
    (
        "newsanno-session",
        "crates/newsanno-session",
        &["newsanno-core", "newsanno-agreement", "newsanno-suggest"],
        WINDOW_AND_CLI,
    ),
    (
        "newsanno-app",
        "crates/newsanno-app",
        &["newsanno-core", "newsanno-agreement", "newsanno-formats", "newsanno-suggest", "newsanno-session"],
        &["clap", "indicatif"],
    ),
    (
        "newsanno",
        ".",
        &[
            "newsanno-core",
            "newsanno-agreement",
            "newsanno-formats",
            "newsanno-suggest",
            "newsanno-session",
            "newsanno-app",
        ],
        &[],
    ),
];

/// What a training pipeline's crates must not depend on: a command line, a
/// window, C (`cc`, `crfsuite-sys`; .ci/run checks the whole graph).
const PIPELINE_FORBIDDEN: &[&str] =
    &["clap", "indicatif", "eframe", "egui", "rfd", "egui_plot", "image", "crfsuite-sys", "cc"];
/// What the state and the suggestions must not depend on.
const WINDOW_AND_CLI: &[&str] = &["clap", "indicatif", "eframe", "egui", "rfd", "egui_plot", "image"];

// The names of the normal and build dependencies in a Cargo.toml (not dev-dependencies).
fn dependencies(manifest: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut in_deps = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]"
                || line == "[build-dependencies]"
                || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
            continue;
        }
        if in_deps
            && !line.starts_with('#')
            && let Some((name, _)) = line.split_once('=')
        {
            names.insert(name.trim().to_owned());
        }
    }
    names
}

#[test]
fn each_crate_depends_only_on_the_crates_below_it() {
    let ours: BTreeSet<&str> = CRATES.iter().map(|c| c.0).collect();
    let mut problems = Vec::new();
    for (name, dir, allowed, forbidden) in CRATES {
        let manifest = std::fs::read_to_string(repo().join(dir).join("Cargo.toml")).unwrap();
        for dep in dependencies(&manifest) {
            if ours.contains(dep.as_str()) && !allowed.contains(&dep.as_str()) {
                problems.push(format!("{name} depends on {dep}, which is not below it"));
            }
            if forbidden.contains(&dep.as_str()) {
                problems.push(format!("{name} depends on {dep}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// The code of a file without comments and test modules.
fn code(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or(text);
    before_tests.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

// The identifiers that follow `prefix` in `text`, with the character after each.
fn paths_after<'a>(text: &'a str, prefix: &'a str) -> impl Iterator<Item = (String, Option<char>)> + 'a {
    text.match_indices(prefix).map(move |(at, _)| {
        let rest = &text[at + prefix.len()..];
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        (name.clone(), rest[name.len()..].chars().next())
    })
}

// A circle in `edges`, if there is one (depth-first search).
fn find_circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_circle_and_no_module_reaches_up_to_its_crate_root() {
    let mut problems = Vec::new();
    for (name, dir, _, _) in CRATES {
        let src = repo().join(dir).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let module_of = |path: &Path| {
            let rel = path.strip_prefix(&src).unwrap();
            rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_owned()
        };
        let modules: BTreeSet<String> = files.iter().map(|p| module_of(p)).collect();
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for path in &files {
            let module = module_of(path);
            if ["lib", "main"].contains(&module.as_str()) {
                continue;
            }
            let text = code(&std::fs::read_to_string(path).unwrap());
            let rel = path.strip_prefix(repo()).unwrap().display().to_string();
            for (used, next) in paths_after(&text, "crate::") {
                if modules.contains(&used) && !["lib", "main"].contains(&used.as_str()) {
                    if used != module {
                        edges.entry(module.clone()).or_default().insert(used);
                    }
                } else if next != Some('!') && !used.is_empty() {
                    problems.push(format!("{rel}: uses crate::{used}, an item of the crate root"));
                }
            }
            // `use crate::{a, b}`: each name is a module of the crate.
            for group in text.split("use crate::{").skip(1) {
                let inside = group.split('}').next().unwrap_or("");
                for used in inside.split(',').map(|n| n.trim().split("::").next().unwrap_or("").to_owned()) {
                    if used.is_empty() || used == module {
                        continue;
                    }
                    if modules.contains(&used) {
                        edges.entry(module.clone()).or_default().insert(used);
                    } else {
                        problems.push(format!("{rel}: uses crate::{used}, an item of the crate root"));
                    }
                }
            }
        }
        if let Some(circle) = find_circle(&edges) {
            problems.push(format!("{name}: modules in a circle: {}", circle.join(" → ")));
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
