//! Comparing annotators and making gold: `agree`, `adjudicate`.

use std::process::ExitCode;

use newsanno::error::Result;
use newsanno::store::Project;

use super::{check_annotators_exist, write_stdout};

pub(super) fn agree(
    dir: &std::path::Path,
    annotators: Vec<String>,
    labels: Vec<String>,
    format: newsanno::agreement::render::ReportFormat,
    (include_in_progress, all_documents): (bool, bool),
) -> Result<ExitCode> {
    use newsanno::agreement::study::{StudyOptions, study_from_project};
    let project = Project::open(dir)?;
    check_annotators_exist(&project, &annotators)?;
    let options = StudyOptions {
        annotators: (!annotators.is_empty()).then_some(annotators),
        labels: (!labels.is_empty()).then_some(labels),
        include_in_progress,
        all_documents,
    };
    let (study, notes) = study_from_project(&project, &options)?;
    if study.annotators.len() < 2 {
        return Err(newsanno::Error::Usage(format!(
            "agreement needs two or more annotators; {} has {}",
            dir.display(),
            study.annotators.len()
        )));
    }
    let report = newsanno::agreement::report::study_report(&study);
    let text = newsanno::agreement::render::render(&report, &notes, format);
    write_stdout(&text);
    Ok(ExitCode::SUCCESS)
}

pub(super) fn adjudicate(
    dir: &std::path::Path,
    min_agree: Option<usize>,
    annotators: Vec<String>,
    include_in_progress: bool,
) -> Result<ExitCode> {
    use newsanno::adjudication::{MergeOptions, auto_merge};
    let project = Project::open(dir)?;
    check_annotators_exist(&project, &annotators)?;
    let options =
        MergeOptions { annotators: (!annotators.is_empty()).then_some(annotators), min_agree, include_in_progress };
    let summary = auto_merge(&project, &options)?;
    let what = match summary.categories_added {
        0 => format!("{} spans and {} relations", summary.spans_added, summary.relations_added),
        c => format!("{} spans, {} relations and {c} categories", summary.spans_added, summary.relations_added),
    };
    out!(
        "gold: added {what} to {} documents ({} agreed spans were already in gold; {} documents had too few finished annotators)",
        summary.documents_written,
        summary.already_in_gold,
        summary.documents_skipped
    );
    for note in &summary.notes {
        out!("  {note}");
    }
    Ok(ExitCode::SUCCESS)
}
