//! The module layering of docs/ARCHITECTURE.md holds: every module uses only
//! modules of lower layers, so no two modules import each other.

use std::collections::BTreeMap;

use crate::util::repo;

const LAYERS: [(&str, usize); 18] = [
    ("error", 0),
    ("text", 1),
    ("rng", 1),
    ("sentences", 1),
    ("model", 2),
    ("store", 3),
    ("segment", 4),
    ("agreement", 4),
    ("adjudication", 4),
    ("stats", 4),
    ("assign", 4),
    ("suggest", 5),
    ("formats", 5),
    ("import", 6),
    ("app", 7),
    ("cli", 8),
    ("lib", 9),
    ("main", 9),
];

// The code of a file without comments and test modules.
fn code(text: &str) -> String {
    let before_tests = text.split("#[cfg(test)]").next().unwrap_or(text);
    before_tests.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_uses_only_lower_layers() {
    let layer: BTreeMap<&str, usize> = LAYERS.into_iter().collect();
    // The root crate and newsanno-core (the lower layers, moved out of src/).
    let mut files = Vec::new();
    for src in [repo().join("src"), repo().join("crates/newsanno-core/src")] {
        let mut found = Vec::new();
        rust_files(&src, &mut found);
        files.extend(found.into_iter().map(|path| (src.clone(), path)));
    }
    let mut problems = Vec::new();
    for (src, path) in files {
        let rel = path.strip_prefix(&src).unwrap();
        let module = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_owned();
        let Some(&own) = layer.get(module.as_str()) else {
            problems.push(format!("{}: module {module:?} has no layer in this test", rel.display()));
            continue;
        };
        let text = code(&std::fs::read_to_string(&path).unwrap());
        for prefix in ["crate::", "newsanno::", "newsanno_core::"] {
            for (at, _) in text.match_indices(prefix) {
                let name: String =
                    text[at + prefix.len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if name == module {
                    continue;
                }
                if let Some(&other) = layer.get(name.as_str())
                    && other >= own
                {
                    problems.push(format!("{}: {module} (layer {own}) uses {name} (layer {other})", rel.display()));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
