//! Suggestions from the command line: `train`, `suggest` (and `--evaluate`).

use std::process::ExitCode;

use newsanno::error::Result;
use newsanno::store::Project;

use super::args::{EvaluationFormat, FeatureChoice};
use super::{DelayedBar, check_annotators_exist, write_stdout};

pub(super) fn train(
    dir: &std::path::Path,
    from: &str,
    folds: usize,
    seed: u64,
    features: FeatureChoice,
) -> Result<ExitCode> {
    use newsanno::suggest::crf::training::{CURVE_STEPS, annotated_documents, learning_curve, model_for_documents};
    use newsanno::suggest::crf::{FeatureSet, TrainOptions};
    let project = Project::open(dir)?;
    let set = match features {
        FeatureChoice::Full => FeatureSet::Full,
        FeatureChoice::Characters => FeatureSet::Characters,
    };
    let segmenter = std::sync::Arc::new(newsanno::segment::Segmenter::for_project(&project)?);
    let suggester = newsanno::suggest::Suggester::for_project(&project, segmenter)?;
    let (docs, notes) = annotated_documents(&project, from)?;
    let spans: usize = docs.iter().map(|d| d.spans.len()).sum();
    let held = if folds >= 2 { format!("{folds}-fold cross-validation") } else { "one fifth held out".to_owned() };
    out!(
        "learning from {from}: {} documents, {spans} spans ({held}, {} features)",
        docs.len(),
        format!("{set:?}").to_lowercase()
    );
    for note in &notes {
        out!("  {note}");
    }
    let mut bar = DelayedBar::new("training {bar:40} {pos}/{len} models eta {eta}");
    let curve =
        learning_curve(&suggester, &docs, (folds, seed), &CURVE_STEPS, set, TrainOptions::default(), &mut |progress| {
            if let newsanno::suggest::crf::training::CurveProgress::Models { done, total } = progress {
                bar.update(done as u64, total as u64)
            }
        });
    bar.finish();
    let curve = curve?;
    out!(
        "\n{:>9} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9}",
        "training",
        "documents",
        "sentences",
        "P",
        "R",
        "F1",
        "seconds"
    );
    for p in &curve {
        out!(
            "{:>8.0}% {:>10} {:>10} {:>9} {:>9} {:>9} {:>9.2}",
            p.fraction * 100.0,
            p.documents,
            p.sentences,
            p.held_out.precision.to_string(),
            p.held_out.recall.to_string(),
            p.held_out.f1.to_string(),
            p.seconds
        );
    }
    let (_, provenance) =
        model_for_documents(&project, &suggester, from, &docs, (set, TrainOptions::default()), &|_| {})?;
    let (path, _) = newsanno::suggest::crf::training::cache_paths(&project, from);
    match provenance {
        newsanno::suggest::crf::training::Provenance::Cached => {
            out!("\nthe cached model {} is up to date", path.display())
        }
        newsanno::suggest::crf::training::Provenance::Trained(why) => {
            out!("\nmodel trained on all {} documents: {} ({why})", docs.len(), path.display())
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn suggest(
    dir: &std::path::Path,
    annotator: &str,
    sources: newsanno::suggest::Sources,
    accept: bool,
) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    let mut bar = DelayedBar::new("suggesting {bar:40} {pos}/{len} documents eta {eta}");
    let summary = newsanno::suggest::bulk::pre_annotate(&project, annotator, sources, accept, &mut |done, total| {
        bar.update(done as u64, total as u64)
    });
    bar.finish();
    let summary = summary?;
    out!(
        "{} suggestions in {} of {} documents for {annotator} ({} texts propagated from {annotator}'s spans)",
        summary.total(),
        summary.documents_with_suggestions,
        summary.documents,
        summary.propagated_terms
    );
    if let Some((from, provenance)) = &summary.model {
        let how = match provenance {
            newsanno::suggest::crf::training::Provenance::Cached => "the cached model".to_owned(),
            newsanno::suggest::crf::training::Provenance::Trained(why) => format!("trained now: {why}"),
        };
        out!("model: learnt from {from}'s spans ({how})");
    }
    let mut labels: Vec<&str> = summary.counts.keys().map(|(l, _)| l.as_str()).collect();
    labels.dedup();
    if !labels.is_empty() {
        out!("\n{:<12} {:>8} {:>9} {:>11} {:>6} {:>6}", "label", "terms", "patterns", "propagated", "pos", "model");
        for label in labels {
            let n = |kind: &str| summary.counts.get(&(label.to_owned(), kind.to_owned())).copied().unwrap_or(0);
            out!(
                "{label:<12} {:>8} {:>9} {:>11} {:>6} {:>6}",
                n("terms"),
                n("patterns"),
                n("propagated"),
                n("pos"),
                n("model")
            );
        }
        out!();
    }
    if accept {
        out!(
            "accepted: {} files written under annotations/{annotator}/ (each span records its source)",
            summary.files_written
        );
    } else {
        out!("nothing written; pass --accept to add them to {annotator}'s files");
    }
    if !summary.left_alone.is_empty() {
        out!("left alone: {} documents", summary.left_alone.len());
        for reason in summary.left_alone.iter().take(10) {
            out!("  {reason}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn evaluate_suggestions(
    dir: &std::path::Path,
    annotator: &str,
    reference: &str,
    sources: newsanno::suggest::Sources,
    format: EvaluationFormat,
) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    check_annotators_exist(&project, &[reference.to_owned()])?;
    let segmenter = std::sync::Arc::new(newsanno::segment::Segmenter::for_project(&project)?);
    let suggester = newsanno::suggest::Suggester::for_project(&project, segmenter)?;
    let evaluation = newsanno::suggest::evaluate::evaluate(&project, &suggester, reference, annotator, sources)?;
    if evaluation.documents == 0 {
        return Err(newsanno::Error::Usage(format!("{reference} has no readable, current files to score against")));
    }
    match format {
        EvaluationFormat::Table => write_stdout(&newsanno::suggest::evaluate::render_table(&evaluation, reference)),
        EvaluationFormat::Json => write_stdout(&newsanno::suggest::evaluate::render_json(&evaluation)),
    }
    Ok(ExitCode::SUCCESS)
}
