//! Names the commit the binary is built from (`NEWSANNO_COMMIT`, shown by
//! `newsanno --version`). The sample project is embedded by newsanno-app's.

use std::path::Path;
use std::process::Command;

fn main() {
    commit();
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
