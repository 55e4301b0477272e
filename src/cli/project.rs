//! Starting a project and moving data in and out: `init`, `import` (articles, or
//! annotated files with `--format --as`), `validate`, `export`.

use std::path::PathBuf;
use std::process::ExitCode;

use std::time::Instant;

use newsanno::error::Result;
use newsanno::import::{ImportOptions, import_paths};
use newsanno::model::labels_from_names;
use newsanno::store::Project;
use newsanno::store::annotation_file::Severity;
use newsanno::store::validate::validate;

use super::args::ExportFormat;
use super::{DelayedBar, write_stdout};

pub(super) fn init(dir: &std::path::Path, name: Option<String>, labels: &[String]) -> Result<ExitCode> {
    let name = name.unwrap_or_else(|| {
        dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "newsanno project".to_owned())
    });
    let labels: Vec<&String> = labels.iter().filter(|l| !l.trim().is_empty()).collect();
    let project = Project::init(dir, &name, labels_from_names(&labels))?;
    out!(
        "created project {:?} in {} with labels {}",
        project.config().name,
        dir.display(),
        project.labels().iter().map(|l| format!("{} ({})", l.name, l.hotkey)).collect::<Vec<_>>().join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn import(dir: &std::path::Path, paths: &[PathBuf], options: &ImportOptions) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    let started = Instant::now();
    let mut bar = DelayedBar::new("importing {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}");
    let summary = import_paths(&project, paths, options, &mut |done, total| bar.update(done, total));
    bar.finish();
    let summary = summary?;
    match &summary.batch {
        Some(batch) => out!(
            "imported {} documents ({} characters) into {} in {:.1} s",
            summary.imported,
            summary.chars,
            batch.display(),
            started.elapsed().as_secs_f64()
        ),
        None => out!("imported 0 documents"),
    }
    if !summary.skipped_empty.is_empty() {
        let shown: Vec<&str> = summary.skipped_empty.iter().take(10).map(String::as_str).collect();
        out!("skipped {} empty: {}", summary.skipped_empty.len(), shown.join(", "));
    }
    if summary.skipped_existing > 0 {
        out!("skipped {} already imported (same id, same text)", summary.skipped_existing);
    }
    if summary.derived_ids > 0 {
        out!("derived {} safe ids (originals kept as metadata original_id)", summary.derived_ids);
    }
    if summary.renamed > 0 {
        out!("renamed {} duplicate ids", summary.renamed);
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn import_annotated(
    dir: &std::path::Path,
    paths: &[PathBuf],
    format: ExportFormat,
    name: &str,
) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    let mut docs = Vec::new();
    for path in paths {
        docs.extend(newsanno::formats::read_annotated(format, path)?);
    }
    let summary = newsanno::import::annotated::attach(&project, docs, name)?;
    let relations = match (summary.relations, summary.categories) {
        (0, 0) => String::new(),
        (n, 0) => format!(" and {n} relations"),
        (0, c) => format!(" and {c} categories"),
        (n, c) => format!(", {n} relations and {c} categories"),
    };
    out!(
        "attached {} spans{relations} in {} documents to annotator {name} ({} documents were new)",
        summary.spans,
        summary.documents,
        summary.new_documents
    );
    for w in &summary.warnings {
        out!("warning: {w}");
    }
    for (name, directed) in &summary.added_relation_types {
        let kind = if *directed { "directed" } else { "symmetric" };
        out!("relation type {name:?} ({kind}) was not in project.ron: added");
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn validate_command(dir: &std::path::Path) -> ExitCode {
    let problems = validate(dir);
    for problem in &problems {
        out!("{problem}");
    }
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    eprintln!("{errors} error(s), {warnings} warning(s)");
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

pub(super) fn export(dir: &std::path::Path, request: &newsanno::formats::ExportRequest) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    let summary = newsanno::formats::export(&project, request, &mut |_, _| {})?;
    for line in summary.describe(request, newsanno::formats::Asker::CommandLine) {
        out!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}
