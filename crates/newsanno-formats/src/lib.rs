//! newsanno-formats: import (`import`: text, CSV, JSONL and annotated files) and
//! the training exports and interchange formats, one file per format.
//!
//! An export takes the spans of one *source* — an annotator, gold, or the
//! spans at least K annotators agree on — for the documents that source has
//! finished, and writes them in a format. Offsets stay code points except
//! where a format demands otherwise (UTF-16 for Label Studio and doccano).

pub mod bio;
pub mod bio_words;
pub mod brat;
pub mod cluener;
pub mod collect;
pub mod doccano;
pub mod document;
pub mod hf;
pub mod import;
pub mod jsonl;
pub mod labelstudio;
pub mod relations_jsonl;
pub mod request;
pub mod ron_bundle;
pub mod selection;
pub mod split;
pub mod summary;

use newsanno_core::error::{Error, Result};
use newsanno_core::store::Project;

// The public API keeps its paths (`newsanno_formats::ExportSpan`, …); the
// format files import from the modules themselves.
pub use collect::{Collected, Source, collect, collect_with_progress};
pub use document::{Dropped, ExportDocument, ExportRelation, ExportSpan, ImportedDocument, char_range_from_utf16};
pub use request::{DatasetOptions, ExportRequest, Format};
pub use selection::{Asker, LeftOut, LeftOutReason, StatusFilter};
pub use split::{Parts, SPLITS_FORMAT, parse_split, split, split_with_manifest};
pub use summary::ExportSummary;

/// Collects the source's documents and writes them in the requested format
/// (split into parts if asked); `progress(done, total)` counts documents.
pub fn export(
    project: &Project,
    request: &ExportRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportSummary> {
    request.check()?;
    let Collected { docs, left_out } = collect_with_progress(project, &request.source, &request.statuses, progress)?;
    let format = request.format;
    let out = &request.out;
    if format == Format::Hf {
        return export_hf(project, request, docs, left_out);
    }
    let split_asked = request.split.is_some() || request.dataset.split_from.is_some();
    let parts: Vec<(std::path::PathBuf, Option<String>, Vec<ExportDocument>)> = if split_asked {
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let (parts, manifest) = request.split_documents(docs, &request.split.clone().unwrap_or_default())?;
        newsanno_core::store::atomic::write_atomic(&out.join("splits.json"), hf::pretty(&manifest).as_bytes())?;
        // spaCy picks its converter by extension: `.conll` is its CoNLL NER reader.
        let extension =
            if format == Format::Bio && request.flavor == jsonl::Flavor::Spacy { "conll" } else { format.extension() };
        parts.into_iter().map(|(name, docs)| (out.join(format!("{name}.{extension}")), Some(name), docs)).collect()
    } else {
        vec![(out.clone(), None, docs)]
    };
    let mut summary = ExportSummary { left_out, ..ExportSummary::default() };
    for (path, part, docs) in &parts {
        let mut bytes = Vec::new();
        let io = |e: std::io::Error| Error::io(path, e);
        match format {
            Format::Jsonl => jsonl::write(docs, request.flavor, &mut bytes).map_err(io)?,
            Format::Bio => summary.dropped.extend(
                bio::write_with_whitespace(
                    docs,
                    request.scheme,
                    &request.sentence_ends,
                    request.dataset.whitespace,
                    &mut bytes,
                )
                .map_err(io)?,
            ),
            Format::Labelstudio => labelstudio::write(docs, &mut bytes).map_err(io)?,
            Format::Doccano => doccano::write(docs, &mut bytes).map_err(io)?,
            Format::Cluener => cluener::write(docs, &mut bytes).map_err(io)?,
            Format::Ron => ron_bundle::write(docs, &mut bytes).map_err(io)?,
            Format::RelationsJsonl => {
                let negatives = relations_jsonl::Negatives {
                    relation_types: project.relation_types(),
                    sentence_ends: &request.sentence_ends,
                };
                let lines =
                    relations_jsonl::write(docs, request.negatives.then_some(&negatives), &mut bytes).map_err(io)?;
                if request.negatives {
                    summary.notes.push(format!(
                        "{} relation lines and {} negative lines ({} pairs in one sentence without a relation)",
                        lines.positive,
                        lines.negative,
                        relations_jsonl::NO_RELATION
                    ));
                }
            }
            Format::BioWords => {
                let segmenter = newsanno_core::segment::Segmenter::for_project(project)?;
                let (dropped, stats) =
                    bio_words::write(docs, &segmenter, request.scheme, &request.sentence_ends, &mut bytes)
                        .map_err(io)?;
                summary.dropped.extend(dropped);
                summary.notes.push(format!(
                    "{} tokens; {} split where a span boundary fell inside a token",
                    stats.tokens, stats.split_tokens
                ));
            }
            Format::Brat | Format::Hf => {}
        }
        if format == Format::Brat {
            // brat is a folder of files per document.
            brat::write(docs, path)?;
        } else {
            newsanno_core::store::atomic::write_atomic(path, &bytes)?;
        }
        summary.count(docs);
        let relations: usize = docs.iter().map(|d| d.relations.len()).sum();
        if format.holds_relations(request.flavor) {
            summary.relations += relations;
        } else {
            summary.relations_left_out += relations;
        }
        summary.files.push(path.clone());
        if let Some(part) = part {
            summary.parts.push((part.clone(), path.clone(), docs.len()));
        }
    }
    // The per-label counts are of spans written: take the dropped ones out.
    for d in &summary.dropped {
        if let Some(n) = summary.spans_per_label.get_mut(&d.span.label) {
            *n = n.saturating_sub(1);
        }
    }
    Ok(summary)
}

// `hf`: the folder, its split (train / validation / test, 80/10/10 by default) and its card.
fn export_hf(
    project: &Project,
    request: &ExportRequest,
    docs: Vec<ExportDocument>,
    left_out: LeftOut,
) -> Result<ExportSummary> {
    let fractions = request
        .split
        .clone()
        .unwrap_or_else(|| hf::SPLIT_NAMES.iter().zip([0.8, 0.1, 0.1]).map(|(n, f)| ((*n).to_owned(), f)).collect());
    if let Some((bad, _)) = fractions.iter().find(|(n, _)| !hf::SPLIT_NAMES.contains(&n.as_str())) {
        return Err(Error::Usage(format!(
            "hf split names are train, validation and test (datasets' names), not {bad:?}"
        )));
    }
    let (parts, manifest) = request.split_documents(docs, &fractions)?;
    let mut labels: Vec<String> = project.labels().iter().map(|l| l.name.clone()).collect();
    let mut others: Vec<String> = parts
        .iter()
        .flat_map(|(_, ds)| ds.iter().flat_map(|d| d.spans.iter().map(|s| s.label.clone())))
        .filter(|l| !labels.contains(l))
        .collect();
    others.sort();
    others.dedup();
    labels.extend(others);
    let segmenter = match request.dataset.level {
        hf::Level::Words => Some(newsanno_core::segment::Segmenter::for_project(project)?),
        hf::Level::Chars => None,
    };
    let source = match &request.source {
        Source::Gold => "gold (annotations/gold/, the adjudicated set)".to_owned(),
        Source::Annotator(name) => format!("annotator {name}"),
        Source::Majority(k) => format!("majority:{k} (spans at least {k} annotators agree on exactly)"),
    };
    let mut selection = vec![format!("**Statuses exported**: {}.", request.statuses)];
    selection.extend(
        left_out.describe(&request.statuses, selection::Asker::CommandLine).into_iter().map(|l| l.trim().to_owned()),
    );
    let options = hf::HfOptions {
        level: request.dataset.level,
        unit: request.dataset.unit,
        sentence_ends: &request.sentence_ends,
        segmenter: segmenter.as_ref(),
        labels,
        project: project.config().name.clone(),
        source,
        selection,
        command: request.dataset.command.clone(),
    };
    let written = hf::write_folder(&parts, &request.out, &options, &manifest)?;
    let mut summary = ExportSummary { left_out, dropped: written.dropped.clone(), ..ExportSummary::default() };
    for (name, docs) in &parts {
        summary.count(docs);
        summary.relations += docs.iter().map(|d| d.relations.len()).sum::<usize>();
        if written.examples.get(name).is_some_and(|n| *n > 0) {
            summary.parts.push((name.clone(), request.out.join(format!("{name}.jsonl")), docs.len()));
        }
    }
    summary.files.push(request.out.clone());
    summary.notes.push(format!(
        "examples: {}",
        written.examples.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", ")
    ));
    for d in &summary.dropped {
        if let Some(n) = summary.spans_per_label.get_mut(&d.span.label) {
            *n = n.saturating_sub(1);
        }
    }
    Ok(summary)
}

/// Reads an annotated file (a folder for brat) in `format`.
pub fn read_annotated(format: Format, path: &std::path::Path) -> Result<Vec<ImportedDocument>> {
    match format {
        Format::Jsonl => jsonl::read(path),
        Format::Bio => bio::read(path),
        Format::BioWords => bio_words::read(path),
        Format::Brat => brat::read(path),
        Format::Labelstudio => labelstudio::read(path),
        Format::Doccano => doccano::read(path),
        Format::Cluener => cluener::read(path),
        Format::Ron => ron_bundle::read(path),
        Format::Hf => Err(Error::Usage(
            "hf is a dataset folder for training, not an import format (import jsonl, brat, labelstudio, doccano or ron)"
                .to_owned(),
        )),
        Format::RelationsJsonl => Err(Error::Usage(
            "relations-jsonl is an export for training, not an import format (import jsonl, brat, labelstudio, doccano or ron)"
                .to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_value_parses_back_and_others_are_refused() {
        for &name in Format::NAMES {
            assert_eq!(name.parse::<Format>().map(Format::name), Ok(name));
        }
        for &name in jsonl::Flavor::NAMES {
            assert_eq!(name.parse::<jsonl::Flavor>().map(jsonl::Flavor::name), Ok(name));
        }
        for &name in bio::Scheme::NAMES {
            assert_eq!(name.parse::<bio::Scheme>().map(bio::Scheme::name), Ok(name));
        }
        use newsanno_agreement::render::ReportFormat;
        for &name in ReportFormat::NAMES {
            assert_eq!(name.parse::<ReportFormat>().map(ReportFormat::name), Ok(name));
        }
        let err = "xml".parse::<Format>().unwrap_err();
        assert!(err.starts_with("\"xml\" is not a format (jsonl, bio, bio-words"), "{err}");
    }

    fn request(format: Format) -> ExportRequest {
        ExportRequest {
            format,
            out: "out.txt".into(),
            source: Source::Annotator("alice".to_owned()),
            statuses: StatusFilter::default(),
            flavor: jsonl::Flavor::default(),
            scheme: bio::Scheme::default(),
            sentence_ends: "。".to_owned(),
            split: None,
            seed: 0,
            negatives: false,
            dataset: DatasetOptions::default(),
        }
    }

    // The command line and the window ask through one library check.
    #[test]
    fn negatives_are_refused_for_any_format_but_relations_jsonl() {
        let mut bio = request(Format::Bio);
        bio.negatives = true;
        assert!(bio.check().unwrap_err().to_string().contains("--negatives only applies to --format relations-jsonl"));
        let mut relations = request(Format::RelationsJsonl);
        relations.negatives = true;
        assert!(relations.check().is_ok());
    }

    // One summary for the command line and the window: the hint names every
    // format that holds relations (the window's once missed relations-jsonl and hf).
    #[test]
    fn the_summary_names_every_format_that_holds_relations() {
        let summary = ExportSummary { documents: 3, relations_left_out: 2, ..ExportSummary::default() };
        let lines = summary.describe(&request(Format::Bio), Asker::Window);
        assert_eq!(lines[0], "exported 3 documents to out.txt");
        let hint = lines.iter().find(|l| l.contains("relations left out")).unwrap();
        assert_eq!(
            hint,
            "  2 relations left out: bio cannot hold relations (export jsonl, brat, labelstudio, doccano, ron, relations-jsonl or hf for them)"
        );
        assert_eq!(lines.last().unwrap(), "  no span dropped");
    }

    fn doc(id: &str, labels: &[&str]) -> ExportDocument {
        ExportDocument {
            id: id.into(),
            title: String::new(),
            text: "x".repeat(10),
            meta: newsanno_core::model::Metadata::new(),
            spans: labels
                .iter()
                .enumerate()
                .map(|(i, l)| ExportSpan { start: i, end: i + 1, label: (*l).into(), text: "x".into() })
                .collect(),
            relations: Vec::new(),
            categories: Vec::new(),
        }
    }

    #[test]
    fn split_is_deterministic_complete_and_covers_labels() {
        let docs: Vec<ExportDocument> = (0..20)
            .map(|i| doc(&format!("d{i}"), if i == 3 || i == 17 || i == 9 { &["rare"] } else { &["common"] }))
            .collect();
        let parts = parse_split("train=0.8,dev=0.1,test=0.1").unwrap();
        let a = split(docs.clone(), &parts, 7);
        let b = split(docs.clone(), &parts, 7);
        assert_eq!(a, b);
        let sizes: Vec<usize> = a.iter().map(|(_, d)| d.len()).collect();
        assert_eq!(sizes, [16, 2, 2]);
        for (name, ds) in &a {
            assert!(ds.iter().any(|d| d.spans.iter().any(|s| s.label == "rare")), "{name} lacks the rare label");
        }
        let mut ids: Vec<String> = a.iter().flat_map(|(_, d)| d.iter().map(|x| x.id.clone())).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 20);
        assert_ne!(split(docs, &parts, 8), a, "another seed, another split");
        assert!(parse_split("train=0.8,dev=0.3").is_err());
        assert!(parse_split("train").is_err());
    }
}
