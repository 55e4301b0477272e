//! Embeds the bundled sample project (assets/sample) into the GUI build, so
//! the binary can copy it into the user's data folder on first run wherever
//! it was installed; and names the commit the binary is built from
//! (`NEWSANNO_COMMIT`, shown by `newsanno --version`).

use std::path::Path;
use std::process::Command;

fn main() {
    commit();
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let dest = Path::new(&out).join("sample_files.rs");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("assets").join("sample");
    println!("cargo:rerun-if-changed=assets/sample");
    let mut files = Vec::new();
    if std::env::var_os("CARGO_FEATURE_GUI").is_some() {
        collect(&root, &root, &mut files);
    }
    files.sort();
    let mut code = String::from(
        "/// (path relative to the sample project, content)\npub static SAMPLE_FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, abs) in files {
        code.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
    }
    code.push_str("];\n");
    std::fs::write(dest, code).expect("write sample_files.rs");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
            out.push((rel, path.display().to_string()));
        }
    }
}

/// Sets `NEWSANNO_COMMIT` for the crate: `$NEWSANNO_COMMIT` when the builder
/// gives one (a build from a source archive), else git's HEAD of this
/// checkout, else "unknown". Cargo re-runs this when HEAD moves.
fn commit() {
    println!("cargo:rerun-if-env-changed=NEWSANNO_COMMIT");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    let commit = match std::env::var("NEWSANNO_COMMIT") {
        Ok(given) if !given.trim().is_empty() => given.trim().to_owned(),
        _ => git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".to_owned()),
    };
    println!("cargo:rustc-env=NEWSANNO_COMMIT={commit}");
    // HEAD, the branch it names and packed-refs: a commit or a checkout
    // changes one of them. Only files that exist (a missing one would make
    // cargo run this script on every build).
    if let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        let git_dir = Path::new(&git_dir);
        let mut watched = vec![git_dir.join("HEAD"), git_dir.join("packed-refs")];
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watched.push(git_dir.join(branch));
        }
        for path in watched.iter().filter(|p| p.is_file()) {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}
