//! Turning several annotators' work into gold (`annotations/gold/`): the
//! automatic part — accept every span on which at least k annotators agree
//! exactly, and every relation at least k of them have (same ends, type and,
//! for a directed type, direction). The Review window adds the manual part on
//! top of the same files.

use std::collections::BTreeMap;

use newsanno_core::error::{Error, Result};
use newsanno_core::model::{AnnotationFile, Relation, RelationType, Span, SpanKey, Status};
use newsanno_core::store::lock::{AnnotatorLock, LockOutcome};
use newsanno_core::store::{GOLD_ANNOTATOR, Project};

/// What the automatic merge considers.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// Annotators whose spans vote (default: every folder except gold with a
    /// finished document, see [`Project::default_compared_annotators`]).
    pub annotators: Option<Vec<String>>,
    /// Votes a span needs (default: all annotators compared).
    pub min_agree: Option<usize>,
    /// Count documents in progress too (default: only documents marked done).
    pub include_in_progress: bool,
}

/// What the merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Documents whose gold file was written.
    pub documents_written: usize,
    /// Spans added to gold.
    pub spans_added: usize,
    /// Agreed spans gold already had.
    pub already_in_gold: usize,
    /// Relations added to gold.
    pub relations_added: usize,
    /// Document categories added to gold.
    pub categories_added: usize,
    /// Documents where fewer annotators than needed had finished.
    pub documents_skipped: usize,
    /// Gold files left alone and why (stale, unreadable).
    pub notes: Vec<String>,
}

/// Categories that at least `min_agree` of `files` give the document, sorted.
pub fn agreed_categories(files: &[&AnnotationFile], min_agree: usize) -> Vec<String> {
    let mut votes: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for file in files {
        let mine: std::collections::BTreeSet<&str> = file.categories.iter().map(String::as_str).collect();
        mine.into_iter().for_each(|c| *votes.entry(c).or_default() += 1);
    }
    votes.into_iter().filter(|(_, n)| *n >= min_agree).map(|(c, _)| c.to_owned()).collect()
}

/// Gold's categories `current` with the `agreed` ones added, sorted; with
/// single choice a gold that has a category keeps it (the lead decides in review).
pub fn with_agreed_categories(
    current: &[String],
    agreed: Vec<String>,
    choice: newsanno_core::model::CategoryChoice,
) -> Vec<String> {
    let mut out = current.to_vec();
    for c in agreed {
        let room = choice == newsanno_core::model::CategoryChoice::Multiple || out.is_empty();
        if room && !out.contains(&c) {
            out.push(c);
        }
    }
    out.sort();
    out
}

/// Spans (start, end, label) that at least `min_agree` of `files` contain,
/// with the covered text, in file order.
pub fn agreed_spans(files: &[&AnnotationFile], min_agree: usize) -> Vec<(usize, usize, String, String)> {
    let mut votes: BTreeMap<(usize, usize, &str), (usize, &str)> = BTreeMap::new();
    for file in files {
        let mut seen = std::collections::BTreeSet::new();
        for s in &file.spans {
            if seen.insert((s.start, s.end, s.label.as_str())) {
                votes.entry((s.start, s.end, s.label.as_str())).or_insert((0, s.text.as_str())).0 += 1;
            }
        }
    }
    votes
        .into_iter()
        .filter(|(_, (n, _))| *n >= min_agree)
        .map(|((start, end, label), (_, text))| (start, end, label.to_owned(), text.to_owned()))
        .collect()
}

/// Relations (from span, to span, type) that at least `min_agree` of `files`
/// contain, a symmetric type's ends in order.
pub fn agreed_relations(
    files: &[&AnnotationFile],
    min_agree: usize,
    types: &[RelationType],
) -> Vec<(SpanKey, SpanKey, String)> {
    let mut votes: BTreeMap<(SpanKey, SpanKey, String), usize> = BTreeMap::new();
    for file in files {
        let mut seen = std::collections::BTreeSet::new();
        for (a, b, r) in file.linked_spans(types) {
            let (a, b) = (a.key(), b.key());
            if a != b && seen.insert((a.clone(), b.clone(), r.kind.clone())) {
                *votes.entry((a, b, r.kind.clone())).or_default() += 1;
            }
        }
    }
    votes.into_iter().filter(|(_, n)| *n >= min_agree).map(|(key, _)| key).collect()
}

/// Adds to gold every span on which at least k annotators agree exactly,
/// for every document; gold's own spans are kept. Holds gold's folder lock
/// while writing, so it refuses to run while gold is open in a window.
pub fn auto_merge(project: &Project, options: &MergeOptions) -> Result<MergeSummary> {
    let annotators = match &options.annotators {
        Some(list) => list.clone(),
        None => project.default_compared_annotators(options.include_in_progress)?.0,
    };
    if annotators.iter().any(|a| a == GOLD_ANNOTATOR) {
        return Err(Error::Usage("gold cannot vote for itself; leave it out of --annotators".to_owned()));
    }
    let min_agree = options.min_agree.unwrap_or(annotators.len());
    if min_agree == 0 || min_agree > annotators.len() {
        return Err(Error::Usage(format!(
            "--min-agree must be between 1 and {} (the annotators compared)",
            annotators.len()
        )));
    }
    let _lock = match AnnotatorLock::acquire(&project.annotator_dir(GOLD_ANNOTATOR))? {
        LockOutcome::Acquired(lock) => lock,
        LockOutcome::HeldElsewhere(who) => {
            return Err(Error::Usage(format!("annotations/gold/ is {who}; close that window first")));
        }
    };
    let mut summary = MergeSummary::default();
    for entry in project.documents() {
        let mut files = Vec::new();
        for a in &annotators {
            if let Ok(Some((file, false))) = project.read_annotation_header(a, &entry.id)
                && (file.status == Status::Done || (options.include_in_progress && file.status == Status::InProgress))
            {
                files.push(file);
            }
        }
        if files.len() < min_agree {
            summary.documents_skipped += 1;
            continue;
        }
        let refs: Vec<&AnnotationFile> = files.iter().collect();
        let agreed = agreed_spans(&refs, min_agree);
        let links = agreed_relations(&refs, min_agree, project.relation_types());
        let categories = agreed_categories(&refs, min_agree);
        if agreed.is_empty() && categories.is_empty() {
            continue;
        }
        let doc = project.load_document(&entry.id)?;
        let mut gold = match project.load_annotation(GOLD_ANNOTATOR, &doc) {
            Ok(Some(loaded)) if loaded.read_only.is_some() => {
                summary.notes.push(format!("gold/{}: left alone, {}", entry.id, loaded.read_only.unwrap_or_default()));
                continue;
            }
            Ok(Some(loaded)) => loaded.file,
            Ok(None) => AnnotationFile::new(&entry.id, GOLD_ANNOTATOR, &doc.entry.text_hash),
            Err(e) => {
                summary.notes.push(format!("gold/{}: left alone, cannot be read: {e}", entry.id));
                continue;
            }
        };
        let mut added = 0;
        for (start, end, label, text) in agreed {
            if gold.has(start, end, &label) {
                summary.already_in_gold += 1;
                continue;
            }
            let id = gold.next_span_id();
            gold.spans.push(Span::manual(id, start, end, label, text));
            added += 1;
        }
        gold.sort_spans();
        let mut linked = 0;
        for (from, to, kind) in links {
            // Both ends are agreed spans (each file with the relation has them), so gold has them now.
            let (Some(a), Some(b)) =
                (gold.find(from.start, from.end, &from.label), gold.find(to.start, to.end, &to.label))
            else {
                continue;
            };
            let (a, b) = (a.id, b.id);
            let directed = newsanno_core::model::is_directed(project.relation_types(), &kind);
            if gold.relations.iter().any(|r| r.links(a, b, &kind, directed)) {
                continue;
            }
            let id = gold.next_relation_id();
            gold.relations.push(Relation { id, from: a, to: b, kind, note: None });
            linked += 1;
        }
        let before = gold.categories.len();
        gold.categories = with_agreed_categories(&gold.categories, categories, project.config().category_choice);
        let categorised = gold.categories.len() - before;
        if added > 0 || linked > 0 || categorised > 0 {
            summary.relations_added += linked;
            summary.categories_added += categorised;
            if gold.status == Status::NotStarted {
                gold.status = Status::InProgress;
            }
            project.save_annotation(&mut gold, &doc)?;
            summary.documents_written += 1;
            summary.spans_added += added;
        }
    }
    Ok(summary)
}
