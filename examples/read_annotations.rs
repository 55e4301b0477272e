//! How a Rust training pipeline reads a newsanno project.
//!
//! Depend on the library without the window:
//!
//! ```toml
//! newsanno = { version = "0.1", default-features = false }
//! ```
//!
//! Prints one line per span: `doc-id<TAB>label<TAB>text` (plus the annotator
//! as a fourth column when asked with `--with-annotator`).
//!
//! ```text
//! cargo run --example read_annotations -- assets/sample
//! ```

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: read_annotations PROJECT_DIR [--with-annotator]");
        return ExitCode::from(2);
    };
    let with_annotator = args.any(|a| a == "--with-annotator");
    match run(&dir, with_annotator) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(dir: &std::path::Path, with_annotator: bool) -> newsanno::Result<()> {
    let project = newsanno::Project::open(dir)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for item in project.annotated_documents()? {
        let item = item?;
        for annotation in &item.annotations {
            if annotation.stale {
                eprintln!(
                    "skipping {}: {}",
                    annotation.path.display(),
                    annotation.read_only.as_deref().unwrap_or("stale")
                );
                continue;
            }
            for span in &annotation.file.spans {
                // span.text is text[start:end]; the offsets are code points.
                debug_assert_eq!(item.document.text.slice(span.start, span.end), Some(span.text.as_str()));
                let text = tsv_field(&span.text);
                let line = if with_annotator {
                    writeln!(out, "{}\t{}\t{}\t{}", item.document.id(), span.label, text, annotation.file.annotator)
                } else {
                    writeln!(out, "{}\t{}\t{}", item.document.id(), span.label, text)
                };
                if line.is_err() {
                    // The reader went away (`| head`): stop quietly.
                    return Ok(());
                }
            }
        }
    }
    let _ = out.flush();
    Ok(())
}

// A span may cross a line break; keep one span per output line.
fn tsv_field(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n")
}
