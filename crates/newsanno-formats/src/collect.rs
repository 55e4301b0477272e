//! Collecting an export's documents from its source: one annotator's or
//! gold's finished files, or what K annotators agree on (adjudication's vote).

use std::str::FromStr;

use newsanno_agreement::adjudication::{agreed_categories, agreed_relations, agreed_spans};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::{AnnotationFile, SpanKey};
use newsanno_core::store::{GOLD_ANNOTATOR, Project};

use crate::document::{ExportDocument, ExportRelation, ExportSpan};
use crate::selection::{LeftOut, LeftOutReason, StatusFilter};

/// Whose spans are exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The adjudicated gold set.
    Gold,
    /// One annotator.
    Annotator(String),
    /// Spans on which at least K annotators (gold excluded) agree exactly.
    Majority(usize),
}

impl Source {
    /// K of `majority:K`.
    pub fn majority(&self) -> Option<usize> {
        match self {
            Source::Majority(k) => Some(*k),
            _ => None,
        }
    }
}

impl FromStr for Source {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        if s == GOLD_ANNOTATOR {
            return Ok(Source::Gold);
        }
        if let Some(k) = s.strip_prefix("majority:") {
            return match k.parse::<usize>() {
                Ok(k) if k > 0 => Ok(Source::Majority(k)),
                _ => Err(format!("majority:K needs a positive number, not {k:?}")),
            };
        }
        newsanno_core::store::ids::check_annotator_name(s).map_err(|e| e.to_string())?;
        Ok(Source::Annotator(s.to_owned()))
    }
}

/// The documents an export takes, and those it leaves out.
#[derive(Debug, Clone, Default)]
pub struct Collected {
    /// Documents with the source's spans.
    pub docs: Vec<ExportDocument>,
    /// Documents not taken, by reason.
    pub left_out: LeftOut,
}

/// The documents whose `source` file has a status in `statuses`, with its spans.
pub fn collect(project: &Project, source: &Source, statuses: &StatusFilter) -> Result<Collected> {
    collect_with_progress(project, source, statuses, &mut |_, _| {})
}

/// [`collect`], reporting (documents looked at, documents in the project).
pub fn collect_with_progress(
    project: &Project,
    source: &Source,
    statuses: &StatusFilter,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Collected> {
    let voters: Vec<String> = match source {
        Source::Majority(k) => {
            let voters: Vec<String> = project.annotators()?.into_iter().filter(|a| a != GOLD_ANNOTATOR).collect();
            if *k > voters.len() {
                return Err(Error::Usage(format!("majority:{k} but the project has {} annotators", voters.len())));
            }
            voters
        }
        Source::Gold => vec![GOLD_ANNOTATOR.to_owned()],
        Source::Annotator(name) => {
            if !project.annotators()?.contains(name) {
                return Err(Error::Usage(format!("no annotator {name:?} in {}", project.root().display())));
            }
            vec![name.clone()]
        }
    };
    // A file counts, or the reason it does not.
    let read = |who: &str, id: &str| match project.read_annotation_header(who, id) {
        Ok(None) => Err(LeftOutReason::NoFile),
        Ok(Some((_, true))) => Err(LeftOutReason::Stale),
        Ok(Some((file, false))) if statuses.counts(file.status) => Ok(file),
        Ok(Some((file, false))) => Err(LeftOutReason::Status(file.status)),
        Err(_) => Err(LeftOutReason::Unreadable),
    };
    let mut collected =
        Collected { left_out: LeftOut { majority: source.majority(), ..LeftOut::default() }, ..Collected::default() };
    let total = project.documents().len();
    for (done, entry) in project.documents().iter().enumerate() {
        progress(done, total);
        let mut files = Vec::new();
        let mut reasons = Vec::new();
        for who in &voters {
            match read(who, &entry.id) {
                Ok(file) => files.push(file),
                Err(reason) => reasons.push(reason),
            }
        }
        let types = project.relation_types();
        let (spans, links, categories): (Vec<ExportSpan>, Vec<RelationKey>, Vec<String>) = match source {
            Source::Majority(k) if files.len() < *k => {
                collected.left_out.documents += 1;
                reasons.into_iter().for_each(|r| collected.left_out.add(r));
                continue;
            }
            Source::Majority(k) => {
                let refs: Vec<&AnnotationFile> = files.iter().collect();
                let spans = agreed_spans(&refs, *k)
                    .into_iter()
                    .map(|(start, end, label, text)| ExportSpan { start, end, label, text })
                    .collect();
                // The relations and categories K files have: adjudication's vote,
                // as `adjudicate` gives gold (a relation's spans are agreed too).
                (spans, agreed_relations(&refs, *k, types), agreed_categories(&refs, *k))
            }
            _ => match files.into_iter().next() {
                Some(file) => {
                    let links = relation_keys(&file, types);
                    let spans = file
                        .spans
                        .into_iter()
                        .map(|s| ExportSpan { start: s.start, end: s.end, label: s.label, text: s.text })
                        .collect();
                    (spans, links, file.categories)
                }
                None => {
                    collected.left_out.documents += 1;
                    reasons.into_iter().for_each(|r| collected.left_out.add(r));
                    continue;
                }
            },
        };
        let doc = project.load_document(&entry.id)?;
        let mut spans = spans;
        spans.sort();
        spans.dedup();
        let mut relations: Vec<ExportRelation> = links
            .into_iter()
            .filter_map(|(from, to, kind)| {
                let directed = newsanno_core::model::is_directed(types, &kind);
                let at = |key: &SpanKey| {
                    spans
                        .binary_search_by(|s| (s.start, s.end, s.label.as_str()).cmp(&(key.start, key.end, &key.label)))
                        .ok()
                };
                Some(ExportRelation { from: at(&from)?, to: at(&to)?, kind, directed })
            })
            .collect();
        relations.sort();
        relations.dedup();
        collected.docs.push(ExportDocument {
            id: entry.id.clone(),
            title: entry.title.clone(),
            text: doc.text.into_string(),
            meta: entry.meta.clone(),
            spans,
            relations,
            categories,
        });
    }
    Ok(collected)
}

// A relation by its ends' keys: (from, to, type); a symmetric type's ends in order.
type RelationKey = (SpanKey, SpanKey, String);

// The relations of `file` as keys; relations to a missing span, and self-loops, are left out.
fn relation_keys(file: &AnnotationFile, types: &[newsanno_core::model::RelationType]) -> Vec<RelationKey> {
    file.linked_spans(types).map(|(a, b, r)| (a.key(), b.key(), r.kind.clone())).collect()
}
