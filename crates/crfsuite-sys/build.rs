//! Compiles libLBFGS and CRFsuite from the vendored sources with the flags of
//! the cmake build they replace (crfsuite-sys 0.3.2's CMakeLists.txt, release
//! configuration), so that trained model files stay byte for byte the same
//! (tests/crf_golden.rs in newsanno checks it):
//!
//! - CRFsuite: `-std=c99 -D_XOPEN_SOURCE=600 -O2 -DNDEBUG`;
//! - libLBFGS: `-O2 -DNDEBUG -DHAVE_EMMINTRIN_H=1` (its own CMakeLists.txt
//!   adds no `-std`); never `USE_SSE` (the cmake build does not define it,
//!   so the portable arithmetic is used) and never `-ffast-math`.
//!
//! Both on top of what `cc` adds for the target (`-ffunction-sections
//! -fdata-sections -fPIC -m64 -march=x86-64` on x86_64 Linux), which the cmake
//! crate passed to cmake too, and `-w`.
//!
//! No FMA contraction is possible on the default x86-64 target, and SSE2
//! double arithmetic is IEEE, so -O2 gives the bits -O0 gives.

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let lbfgs = root.join("liblbfgs");
    let crfsuite = root.join("crfsuite");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=liblbfgs");
    println!("cargo:rerun-if-changed=crfsuite");

    let common = |build: &mut cc::Build| {
        build
            .define("NDEBUG", None)
            // The same optimisation whatever cargo's profile: the golden model
            // test runs in the dev profile, the app in release.
            .opt_level(2)
            .warnings(false);
    };

    let mut build = cc::Build::new();
    common(&mut build);
    build
        .include(lbfgs.join("include"))
        .include(lbfgs.join("lib"))
        .define("HAVE_EMMINTRIN_H", "1")
        .file(lbfgs.join("lib/lbfgs.c"))
        .compile("lbfgs");

    // cqdb.h comes from the libcqdb crate (links = "libcqdb", which exports its include folder).
    let cqdb_include = std::env::var("DEP_LIBCQDB_INCLUDE").expect("the libcqdb crate exports DEP_LIBCQDB_INCLUDE");
    let mut build = cc::Build::new();
    common(&mut build);
    build.std("c99").define("_XOPEN_SOURCE", "600");
    build.include(crfsuite.join("include")).include(lbfgs.join("include")).include(&cqdb_include);
    let mut sources: Vec<PathBuf> = std::fs::read_dir(crfsuite.join("lib/crf/src"))
        .expect("the vendored CRFsuite sources are there")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "c"))
        .collect();
    // A stable order: the archive, and so the binary, do not depend on the file system.
    sources.sort();
    build.files(&sources).compile("crfsuite");

    println!("cargo:rustc-link-lib=m");
    println!("cargo:root={}", std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:include={}", crfsuite.join("include").display());
}
