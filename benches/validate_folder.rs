//! Benchmark 2: load and validate an annotator folder of 10,000 RON files
//! with 20 spans each.
//!
//! `cargo bench --no-default-features --bench validate_folder`
//! (NEWSANNO_BENCH_FILES=N for another size.)

mod common;

use common::*;
use newsanno::store::annotation_file::to_ron_string;
use newsanno::{AnnotationFile, Status};

fn main() {
    let files = env_usize("NEWSANNO_BENCH_FILES", 10_000);
    let scratch = scratch();
    // Corpus: one short article per file.
    let sentences = sentences();
    let mut rng = Rng::new(7);
    let docs: Vec<(String, String)> =
        (0..files).map(|i| (format!("d{i:05}"), article(&mut rng, &sentences, 600))).collect();
    let project = project_with(scratch.path(), &docs);
    let dir = project.root().to_path_buf();

    // Annotator folder: 20 spans per file, written directly (setup, not measured).
    let labels = ["executive", "product", "event", "metric"];
    let folder = project.annotator_dir("alice");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let mut bytes = 0;
    for entry in project.documents() {
        let doc = project.load_document(&entry.id).expect("doc");
        let mut file = AnnotationFile::new(&entry.id, "alice", &entry.text_hash);
        file.status = Status::Done;
        file.modified = "2026-11-26T00:00:00Z".into();
        let len = doc.text.char_len();
        while file.spans.len() < 20 {
            let start = rng.range(0, len - 8);
            let _ = file.add_span(&doc.text, start, start + rng.range(1, 8), labels[rng.range(0, 4)]);
        }
        let ron = to_ron_string(&file);
        bytes += ron.len() as u64;
        std::fs::write(project.annotation_path("alice", &entry.id), ron).expect("write");
    }
    println!("{files} files, {:.1} MB of RON, 20 spans each", mb(bytes));

    let (spans, load) = timed(|| {
        let mut spans = 0;
        for entry in project.documents() {
            let doc = project.load_document(&entry.id).expect("doc");
            let loaded = project.load_annotation("alice", &doc).expect("load").expect("file");
            assert!(loaded.problems.is_empty());
            spans += loaded.file.spans.len();
        }
        spans
    });
    println!(
        "load + check (with texts): {spans} spans in {:.2} s = {:.0} files/s",
        load.as_secs_f64(),
        files as f64 / load.as_secs_f64()
    );

    let (problems, validate) = timed(|| newsanno::store::validate::validate(&dir));
    assert!(problems.is_empty(), "{:?}", &problems[..problems.len().min(3)]);
    println!(
        "newsanno validate (whole project): {:.2} s = {:.0} files/s",
        validate.as_secs_f64(),
        files as f64 / validate.as_secs_f64()
    );
}
