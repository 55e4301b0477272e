//! Working as a team: `stats` (progress and pace), `assign`, `queue`.

use std::process::ExitCode;

use newsanno::error::Result;
use newsanno::model::Status;
use newsanno::stats::project_stats;
use newsanno::store::Project;

use super::args::{EvaluationFormat, QueueChoice};
use super::{DelayedBar, write_stdout};

pub(super) fn stats(dir: &std::path::Path, format: EvaluationFormat) -> Result<ExitCode> {
    use newsanno::stats::clock;
    let project = Project::open(dir)?;
    let stats = project_stats(&project)?;
    if format == EvaluationFormat::Json {
        let json = serde_json::to_string_pretty(&stats).map_err(|e| newsanno::Error::Usage(e.to_string()))?;
        write_stdout(&format!("{json}\n"));
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    out.push_str(&format!("project: {}\ndocuments: {} ({} characters)\n", stats.project, stats.documents, stats.chars));
    if let Some(n) = stats.assigned_documents {
        out.push_str(&format!("assigned: {n} documents (assignments.ron)\n"));
    }
    if stats.annotators.is_empty() {
        out.push_str("no annotations yet\n");
    } else {
        out.push_str(&format!(
            "\n{:<16} {:>8} {:>8} {:>12} {:>12} {:>8} {:>6} {:>7} {:>9} {:>8} {:>8}\n",
            "annotator",
            "assigned",
            "done",
            "in progress",
            "not started",
            "skipped",
            "stale",
            "spans",
            "active",
            "per doc",
            "spans/h"
        ));
        for (name, a) in &stats.annotators {
            let or_dash = |v: Option<String>| v.unwrap_or_else(|| "–".to_owned());
            out.push_str(&format!(
                "{:<16} {:>8} {:>8} {:>12} {:>12} {:>8} {:>6} {:>7} {:>9} {:>8} {:>8}\n",
                name,
                or_dash(a.assigned.map(|n| n.to_string())),
                a.done,
                a.in_progress,
                a.not_started,
                a.skipped,
                a.stale,
                a.spans,
                clock(a.active_seconds as f64),
                or_dash(a.seconds_per_document.map(clock)),
                or_dash(a.spans_per_hour.map(|r| format!("{r:.0}")))
            ));
        }
        let unassigned: Vec<String> = stats
            .annotators
            .iter()
            .filter_map(|(n, a)| a.unassigned_files.filter(|u| *u > 0).map(|u| format!("{n} {u}")))
            .collect();
        if !unassigned.is_empty() {
            out.push_str(&format!("files of documents not assigned to their annotator: {}\n", unassigned.join(", ")));
        }
        let mut labels: Vec<String> = project.labels().iter().map(|l| l.name.clone()).collect();
        for a in stats.annotators.values() {
            for label in a.spans_per_label.keys() {
                if !labels.contains(label) {
                    labels.push(label.clone());
                }
            }
        }
        out.push_str(&format!("\n{:<16}", "spans per label"));
        for name in stats.annotators.keys() {
            out.push_str(&format!(" {name:>10}"));
        }
        out.push('\n');
        for label in &labels {
            out.push_str(&format!("{label:<16}"));
            for a in stats.annotators.values() {
                out.push_str(&format!(" {:>10}", a.spans_per_label.get(label).copied().unwrap_or(0)));
            }
            out.push('\n');
        }
        let unreadable: usize = stats.annotators.values().map(|a| a.unreadable).sum();
        if unreadable > 0 {
            out.push_str(&format!("\n{unreadable} file(s) could not be read; run `newsanno validate`\n"));
        }
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    write_stdout(&out);
    Ok(ExitCode::SUCCESS)
}

pub(super) fn assign(
    dir: &std::path::Path,
    annotators: Vec<String>,
    (overlap, sample): (Option<usize>, Option<usize>),
    weights: Option<&str>,
    seed: u64,
    rebalance: bool,
) -> Result<ExitCode> {
    use newsanno::assign::{Overlap, Request, parse_weights, plan};
    use newsanno::store::assignments::{assignments_path, load_assignments, save_assignments};
    let project = Project::open(dir)?;
    let weights = weights.map(parse_weights).transpose()?.unwrap_or_default();
    if let Some(unknown) = weights.keys().find(|w| !annotators.contains(w)) {
        return Err(newsanno::Error::Usage(format!("--weights names {unknown}, who is not in --annotators")));
    }
    let team: Vec<(String, f64)> =
        annotators.iter().map(|a| (a.clone(), weights.get(a).copied().unwrap_or(1.0))).collect();
    let per_document = overlap.unwrap_or(if sample.is_some() { 2 } else { 1 });
    let request = Request { team, overlap: Overlap { per_document, sample }, seed, rebalance };
    // A file that does not parse or names unknown documents stops here: nothing is overwritten.
    let existing = load_assignments(&project)?;
    let documents: Vec<String> = project.documents().iter().map(|d| d.id.clone()).collect();
    let started = |doc: &str, who: &str| match project.read_annotation_header(who, doc) {
        Ok(Some((file, _))) => file.status != Status::NotStarted,
        Ok(None) => false,
        // A file that cannot be read is somebody's work: never move it.
        Err(_) => true,
    };
    let outcome = plan(&documents, existing.as_ref(), &request, &started)?;
    save_assignments(&project, &outcome.assignments)?;
    let a = &outcome.assignments;
    let documents = |n: usize| if n == 1 { "1 document".to_owned() } else { format!("{n} documents") };
    let overlapping = a.documents.values().filter(|w| w.len() >= 2).count();
    out!(
        "{}: {}, {overlapping} of them with two or more annotators",
        assignments_path(&project).display(),
        documents(a.documents.len())
    );
    out!(
        "  {} placed now, {} kept{}{}",
        outcome.added,
        a.documents.len() - outcome.added,
        if rebalance { format!(", {} not-started assignments placed again", outcome.moved) } else { String::new() },
        if outcome.dropped > 0 {
            format!(", {} documents no longer in the corpus dropped", outcome.dropped)
        } else {
            String::new()
        }
    );
    for (name, count) in a.counts() {
        out!("  {name:<16} {:>14}", documents(count));
    }
    let mut pairs: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for who in a.documents.values() {
        for (i, x) in who.iter().enumerate() {
            for y in &who[i + 1..] {
                let key = if x < y { (x.clone(), y.clone()) } else { (y.clone(), x.clone()) };
                *pairs.entry(key).or_default() += 1;
            }
        }
    }
    for ((x, y), n) in &pairs {
        out!("  {x} + {y}: {} in common (compared by agree)", documents(*n));
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn queue(
    dir: &std::path::Path,
    annotator: &str,
    order: QueueChoice,
    limit: Option<usize>,
) -> Result<ExitCode> {
    use newsanno::suggest::crf::training::QueueOrder;
    newsanno::store::ids::check_annotator_name(annotator)?;
    let project = Project::open(dir)?;
    let segmenter = std::sync::Arc::new(newsanno::segment::Segmenter::for_project(&project)?);
    let suggester = newsanno::suggest::Suggester::for_project(&project, segmenter)?;
    let order = match order {
        QueueChoice::Uncertain => QueueOrder::Uncertain,
        QueueChoice::Corpus => QueueOrder::Corpus,
    };
    let mut bar = DelayedBar::new("ranking {bar:40} {pos}/{len} documents eta {eta}");
    let queued = newsanno::suggest::crf::training::queue(&project, &suggester, annotator, order, &mut |done, total| {
        bar.update(done as u64, total as u64)
    });
    bar.finish();
    let queued = queued?;
    let shown = limit.unwrap_or(queued.len()).min(queued.len());
    out!("{} documents {annotator} has not started; {shown} shown", queued.len());
    for (id, title, uncertainty) in &queued[..shown] {
        match uncertainty {
            Some(u) => out!("{u:.4}  {id}  {title}"),
            None => out!("{id}  {title}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}
