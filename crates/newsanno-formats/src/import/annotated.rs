//! Annotated import: documents and spans that a format's reader handed over
//! (`formats::read_annotated`) become one annotator's files, normalised as
//! article import normalises text, matched to the project's documents or
//! imported with their text. The formats read and write files; this module
//! decides what goes into the project.

use crate::document::{ExportRelation, ExportSpan, ImportedDocument};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::{AnnotationFile, Metadata, Status};
use newsanno_core::store::Project;
use newsanno_core::text::normalize_text_with_map;

/// What attaching imported annotations did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttachSummary {
    /// Annotation files written.
    pub documents: usize,
    /// Of those, documents that were new to the project (imported with their text).
    pub new_documents: usize,
    /// Spans written.
    pub spans: usize,
    /// Relations written.
    pub relations: usize,
    /// Document categories written.
    pub categories: usize,
    /// Warnings (unknown labels), with `file:line`.
    pub warnings: Vec<String>,
    /// Relation types the import added to project.ron (name, directed).
    pub added_relation_types: Vec<(String, bool)>,
}

// A file to write: document id, spans, relations, categories.
type Planned = (String, Vec<ExportSpan>, Vec<ExportRelation>, Vec<String>);

/// Attaches imported documents' spans to `project` as annotator `annotator`
/// (status done): documents already in the project are matched by id (their
/// text must be the same) or, without an id, by text; others are imported
/// with their text. Nothing is written unless everything checks out, and an
/// existing file of that annotator is never overwritten.
pub fn attach(project: &Project, docs: Vec<ImportedDocument>, annotator: &str) -> Result<AttachSummary> {
    use newsanno_core::store::ids::{derive_safe_id, is_safe_id};
    use newsanno_core::text::text_hash;
    newsanno_core::store::ids::check_annotator_name(annotator)?;
    let known: std::collections::HashSet<&str> = project.labels().iter().map(|l| l.name.as_str()).collect();
    let known_types: std::collections::HashSet<&str> =
        project.relation_types().iter().map(|t| t.name.as_str()).collect();
    let by_hash: std::collections::HashMap<&str, &str> =
        project.documents().iter().map(|d| (d.text_hash.as_str(), d.id.as_str())).collect();
    let mut summary = AttachSummary::default();
    let mut new_docs: Vec<(newsanno_core::model::DocumentEntry, String)> = Vec::new();
    let mut plan: Vec<Planned> = Vec::new();
    let mut problems = Vec::new();
    let mut warned: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    for doc in docs {
        let (text, map) = normalize_text_with_map(&doc.text);
        let spans: Vec<ExportSpan> = doc
            .spans
            .iter()
            .map(|s| {
                let (start, end) = (map[s.start], map[s.end]);
                let covered: String = text.chars().skip(start).take(end - start).collect();
                ExportSpan { start, end, label: s.label.clone(), text: covered }
            })
            .collect();
        for s in &spans {
            if !newsanno_core::model::is_valid_label_name(&s.label) {
                problems.push(format!(
                    "{}: {:?} is not a label name (non-empty, no spaces, control characters or commas)",
                    doc.origin, s.label
                ));
            } else if !known.contains(s.label.as_str()) {
                // Once per file and label, not once per span.
                if warned.insert((doc.origin.clone(), s.label.clone())) {
                    summary.warnings.push(format!("{}: label {:?} is not in project.ron (kept)", doc.origin, s.label));
                }
            }
        }
        summary.warnings.extend(doc.not_taken.iter().cloned());
        for c in doc.categories.iter().filter(|c| project.config().category(c).is_none()) {
            summary.warnings.push(format!("{}: category {c:?} is not in project.ron (kept)", doc.origin));
        }
        for r in &doc.relations {
            if r.from >= spans.len() || r.to >= spans.len() {
                problems.push(format!("{}: relation {} names a span that is not there", doc.origin, r.kind));
            } else if r.from == r.to {
                problems.push(format!("{}: relation {} links {:?} to itself", doc.origin, r.kind, spans[r.from].text));
            } else if !known_types.contains(r.kind.as_str())
                && !summary.added_relation_types.iter().any(|(name, _)| *name == r.kind)
            {
                summary.added_relation_types.push((r.kind.clone(), r.directed));
            }
        }
        let hash = text_hash(&text);
        let id = match &doc.id {
            Some(id) => match project.document_entry(id).or_else(|| project.document_entry(&derive_safe_id(id))) {
                Some(entry) if entry.text_hash == hash => entry.id.clone(),
                Some(entry) => {
                    problems.push(format!("{}: document {:?} has other text in the project", doc.origin, entry.id));
                    continue;
                }
                None => {
                    let safe = if is_safe_id(id) { id.clone() } else { derive_safe_id(id) };
                    new_docs.push((new_entry(&safe, &text, &hash, &doc.meta, id), text.clone()));
                    safe
                }
            },
            None => match by_hash.get(hash.as_str()) {
                Some(id) => (*id).to_owned(),
                None => {
                    let id = format!("import-{}", &hash[newsanno_core::text::HASH_PREFIX.len()..][..12]);
                    if !new_docs.iter().any(|(e, _)| e.id == id) {
                        new_docs.push((new_entry(&id, &text, &hash, &doc.meta, &id), text.clone()));
                    }
                    id
                }
            },
        };
        if project.annotation_path(annotator, &id).exists() {
            problems.push(format!("{}: annotations/{annotator}/{id}.ron exists and is not overwritten", doc.origin));
            continue;
        }
        if plan.iter().any(|(p, ..)| *p == id) {
            problems.push(format!("{}: document {id:?} appears twice", doc.origin));
            continue;
        }
        plan.push((id, spans, doc.relations, doc.categories));
    }
    if !problems.is_empty() {
        let shown: Vec<&str> = problems.iter().take(20).map(String::as_str).collect();
        return Err(Error::Usage(format!("nothing was imported: {}", shown.join("; "))));
    }
    // Both folders are checked before anything is written, so a refusal leaves no half import.
    let corpus = project.root().join(newsanno_core::store::CORPUS_DIR);
    project.check_inside(&corpus)?;
    project.check_inside(&project.annotator_dir(annotator))?;
    if !summary.added_relation_types.is_empty() {
        // A relation type the file names (brat's `*` Equiv lines: symmetric) joins project.ron,
        // so what it means, directed or not, is not lost.
        let path = project.root().join(newsanno_core::store::PROJECT_FILE);
        let mut config = project.config().clone();
        for (name, directed) in &summary.added_relation_types {
            let color = newsanno_core::model::DEFAULT_PALETTE
                [config.relation_types.len() % newsanno_core::model::DEFAULT_PALETTE.len()];
            config.relation_types.push(newsanno_core::model::RelationType {
                directed: *directed,
                color: color.to_owned(),
                description: "Added by an annotated import.".to_owned(),
                ..newsanno_core::model::RelationType::plain(name)
            });
        }
        config.write(&path)?;
    }
    if !new_docs.is_empty() {
        let mut batch = newsanno_core::store::corpus::BatchWriter::create(&corpus)?;
        for (entry, text) in &new_docs {
            batch.push(entry, text)?;
        }
        batch.commit()?;
        summary.new_documents = new_docs.len();
    }
    let project = Project::open(project.root())?;
    for (id, spans, relations, categories) in plan {
        let doc = project.load_document(&id)?;
        let mut file = AnnotationFile::new(&id, annotator, &doc.entry.text_hash);
        for (i, s) in spans.into_iter().enumerate() {
            file.spans.push(newsanno_core::model::Span {
                id: i as u64 + 1,
                start: s.start,
                end: s.end,
                label: s.label,
                text: s.text,
                note: None,
                source: Default::default(),
                attributes: Default::default(),
                link: None,
            });
        }
        // Span i of the document is span id i + 1 of the file.
        for (i, r) in relations.into_iter().enumerate() {
            file.relations.push(newsanno_core::model::Relation {
                id: i as u64 + 1,
                from: r.from as u64 + 1,
                to: r.to as u64 + 1,
                kind: r.kind,
                note: None,
            });
        }
        file.categories = categories;
        file.categories.sort();
        file.categories.dedup();
        file.status = Status::Done;
        file.sort_spans();
        summary.categories += file.categories.len();
        summary.spans += file.spans.len();
        summary.relations += file.relations.len();
        project.save_annotation(&mut file, &doc)?;
        summary.documents += 1;
    }
    Ok(summary)
}

fn new_entry(id: &str, text: &str, hash: &str, meta: &Metadata, original: &str) -> newsanno_core::model::DocumentEntry {
    let mut meta = meta.clone();
    if original != id {
        meta.insert(super::ORIGINAL_ID_KEY.to_owned(), original.to_owned());
    }
    newsanno_core::model::DocumentEntry {
        id: id.to_owned(),
        title: super::title_from_text(text),
        meta,
        text_hash: hash.to_owned(),
        chars: text.chars().count(),
    }
}
