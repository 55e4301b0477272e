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
pub mod doccano;
pub mod hf;
pub mod import;
pub mod jsonl;
pub mod labelstudio;
pub mod relations_jsonl;
pub mod ron_bundle;
pub mod selection;

use std::collections::BTreeMap;
use std::str::FromStr;

use newsanno_agreement::adjudication::{agreed_categories, agreed_relations, agreed_spans};
use newsanno_core::error::{Error, Result};
use newsanno_core::model::{AnnotationFile, Metadata, SpanKey};
use newsanno_core::store::{GOLD_ANNOTATOR, Project};
pub use selection::{Asker, LeftOut, LeftOutReason, StatusFilter};

/// Reads a JSON Lines file, handing each non-blank line's value, its 1-based
/// line number and the bytes read so far to `f`; invalid UTF-8 and invalid
/// JSON are errors naming `file:line`. Streams: memory does not grow with the file.
pub(crate) fn read_json_lines<T>(
    path: &std::path::Path,
    mut f: impl FnMut(&serde_json::Value, usize, u64) -> Result<T>,
) -> Result<Vec<T>> {
    use std::io::BufRead as _;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = std::io::BufReader::new(file);
    let (mut out, mut buf, mut line_no, mut offset) = (Vec::new(), Vec::new(), 0usize, 0usize);
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(out);
        }
        line_no += 1;
        let line = std::str::from_utf8(&buf).map_err(|e| Error::InvalidUtf8 {
            path: path.to_path_buf(),
            offset: offset + e.valid_up_to(),
            line: line_no,
        })?;
        offset += n;
        let line = if line_no == 1 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| Error::at_line(path, line_no, format!("not valid JSON: {e}")))?;
        out.push(f(&value, line_no, offset as u64)?);
    }
}

/// Formats of `export` and annotated `import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines with code-point offsets (`--flavor spacy` for spaCy's shape).
    Jsonl,
    /// Character-level CoNLL, IOB2 or BIOES (`--scheme`).
    Bio,
    /// brat standoff: a folder of `<id>.txt` + `<id>.ann`.
    Brat,
    /// Label Studio JSON tasks (UTF-16 offsets).
    Labelstudio,
    /// doccano sequence-labelling JSONL (UTF-16 offsets).
    Doccano,
    /// CLUENER2020 JSON lines (end inclusive).
    Cluener,
    /// Word-level BIO over jieba tokens (tokens split at span boundaries).
    BioWords,
    /// One RON bundle with every document's text and spans (for Rust pipelines).
    Ron,
    /// Relation extraction data: one JSON line per relation (head, tail, type, context).
    RelationsJsonl,
    /// A Hugging Face `datasets` folder: JSONL per split and a dataset card (see [`hf`]).
    Hf,
}

newsanno_core::named_values!(Format, "a format", [Jsonl => "jsonl", Bio => "bio", BioWords => "bio-words", Brat => "brat", Labelstudio => "labelstudio", Doccano => "doccano", Cluener => "cluener", Ron => "ron", RelationsJsonl => "relations-jsonl", Hf => "hf"]);

impl Format {
    /// File extension of an export in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Doccano | Format::RelationsJsonl => "jsonl",
            Format::Bio => "bio",
            Format::Brat => "brat",
            Format::Labelstudio => "json",
            Format::Cluener => "json",
            Format::BioWords => "bio",
            Format::Ron => "ron",
            Format::Hf => "jsonl",
        }
    }
}

/// Everything an export needs.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// Output format.
    pub format: Format,
    /// Output file (a folder for brat, or with a split).
    pub out: std::path::PathBuf,
    /// Whose spans.
    pub source: Source,
    /// The statuses whose files are exported (default: done).
    pub statuses: StatusFilter,
    /// JSONL shape.
    pub flavor: jsonl::Flavor,
    /// BIO scheme.
    pub scheme: bio::Scheme,
    /// Characters that end a sentence in BIO (a newline always does).
    pub sentence_ends: String,
    /// Parts of a split, if any.
    pub split: Option<Vec<(String, f64)>>,
    /// Seed of the split.
    pub seed: u64,
    /// relations-jsonl: also write the span pairs of one sentence that no relation links.
    pub negatives: bool,
    /// Dataset options: `hf`'s tokens and examples, a split manifest to follow, the command line.
    pub dataset: DatasetOptions,
}

impl ExportRequest {
    /// Whether the options go together (the command line and the window both
    /// get these errors: [`export`] checks before it reads anything).
    pub fn check(&self) -> Result<()> {
        if self.negatives && self.format != Format::RelationsJsonl {
            return Err(Error::Usage("--negatives only applies to --format relations-jsonl".to_owned()));
        }
        if self.format == Format::Bio && self.flavor == jsonl::Flavor::Spacy && self.scheme == bio::Scheme::Bioes {
            return Err(Error::Usage(
                "spaCy's CoNLL converter reads IOB tags and mangles BIOES without a word: use --scheme iob2 with --flavor spacy"
                    .to_owned(),
            ));
        }
        Ok(())
    }

    /// `docs` split into `fractions` with this request's seed, `--split-from` manifest and
    /// command line ([`split_with_manifest`]).
    pub fn split_documents(
        &self,
        docs: Vec<ExportDocument>,
        fractions: &[(String, f64)],
    ) -> Result<(Parts, serde_json::Value)> {
        split_with_manifest(docs, fractions, self.seed, self.dataset.split_from.as_deref(), &self.dataset.command)
    }
}

/// Options of dataset exports (`hf`, and the split manifest of every split export).
#[derive(Debug, Clone, Default)]
pub struct DatasetOptions {
    /// `hf`: characters or words.
    pub level: hf::Level,
    /// `hf`: sentences or documents.
    pub unit: hf::ExampleUnit,
    /// A `splits.json` of an earlier export: its documents keep their split, new ones are placed.
    pub split_from: Option<std::path::PathBuf>,
    /// The command line, for the dataset card and the manifest.
    pub command: String,
    /// BIO: how whitespace characters are written.
    pub whitespace: bio::Whitespace,
}

/// Split name → its documents, in split order.
pub type Parts = Vec<(String, Vec<ExportDocument>)>;

/// The split manifest's format tag.
pub const SPLITS_FORMAT: &str = "newsanno-splits-1";

/// Splits `docs` into `parts` by document, or, with `split_from`, keeps the
/// documents the manifest names in their split and places only the others;
/// returns the parts and the manifest (JSON) that reproduces them.
pub fn split_with_manifest(
    docs: Vec<ExportDocument>,
    parts: &[(String, f64)],
    seed: u64,
    split_from: Option<&std::path::Path>,
    command: &str,
) -> Result<(Parts, serde_json::Value)> {
    let (parts, seed, earlier): (Vec<(String, f64)>, u64, BTreeMap<String, String>) = match split_from {
        None => (parts.to_vec(), seed, BTreeMap::new()),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            let m: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Error::at_line(path, e.line(), format!("not valid JSON: {e}")))?;
            if m["format"] != SPLITS_FORMAT {
                return Err(Error::invalid(path, format!("not a split manifest (format is not {SPLITS_FORMAT:?})")));
            }
            let fractions: Vec<(String, f64)> = m["fractions"]
                .as_array()
                .ok_or_else(|| Error::invalid(path, "no \"fractions\" list"))?
                .iter()
                .filter_map(|p| Some((p.get(0)?.as_str()?.to_owned(), p.get(1)?.as_f64()?)))
                .collect();
            let mut earlier = BTreeMap::new();
            for (part, ids) in m["documents"].as_object().into_iter().flatten() {
                for id in ids.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
                    earlier.insert(id.to_owned(), part.clone());
                }
            }
            (fractions, m["seed"].as_u64().unwrap_or(seed), earlier)
        }
    };
    let (known, new): (Vec<ExportDocument>, Vec<ExportDocument>) =
        docs.into_iter().partition(|d| earlier.contains_key(&d.id));
    let mut out: Vec<(String, Vec<ExportDocument>)> = parts.iter().map(|(n, _)| (n.clone(), Vec::new())).collect();
    for doc in known {
        let part = &earlier[&doc.id];
        match out.iter_mut().find(|(n, _)| n == part) {
            Some((_, docs)) => docs.push(doc),
            None => out.push((part.clone(), vec![doc])),
        }
    }
    for (name, placed) in split(new, &parts, seed) {
        if let Some((_, docs)) = out.iter_mut().find(|(n, _)| *n == name) {
            docs.extend(placed);
        }
    }
    for (_, docs) in out.iter_mut() {
        docs.sort_by(|a, b| a.id.cmp(&b.id));
    }
    let documents: serde_json::Map<String, serde_json::Value> = out
        .iter()
        .map(|(n, docs)| (n.clone(), serde_json::json!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>())))
        .collect();
    let manifest = serde_json::json!({
        "format": SPLITS_FORMAT,
        "seed": seed,
        "fractions": parts.iter().map(|(n, f)| serde_json::json!([n, f])).collect::<Vec<_>>(),
        "command": command,
        "documents": documents,
    });
    Ok((out, manifest))
}

impl Format {
    /// Whether files of this format hold relations (with `flavor` for JSONL).
    pub fn holds_relations(self, flavor: jsonl::Flavor) -> bool {
        match self {
            Format::Jsonl => flavor == jsonl::Flavor::Newsanno,
            Format::Brat
            | Format::Labelstudio
            | Format::Doccano
            | Format::Ron
            | Format::RelationsJsonl
            | Format::Hf => true,
            Format::Bio | Format::BioWords | Format::Cluener => false,
        }
    }
}

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

/// Whether a label read from a foreign file can be a newsanno label; the
/// error says why not (readers add the file and line).
pub(crate) fn check_label(label: &str) -> std::result::Result<(), String> {
    if newsanno_core::model::is_valid_label_name(label) {
        Ok(())
    } else {
        Err(format!("{label:?} is not a label name (non-empty, no spaces, control characters or commas)"))
    }
}

/// Code-point range of UTF-16 range `[a, b)` in `text` (Label Studio,
/// doccano); an offset inside a surrogate pair, or an empty range, is an error.
pub fn char_range_from_utf16(text: &str, a: usize, b: usize) -> std::result::Result<(usize, usize), String> {
    use newsanno_core::text::char_from_utf16;
    let start = char_from_utf16(text, a).ok_or_else(|| format!("offset {a} is not on a character (UTF-16)"))?;
    let end = char_from_utf16(text, b).ok_or_else(|| format!("offset {b} is not on a character (UTF-16)"))?;
    if start >= end {
        return Err(format!("span [{a}, {b}) is empty or reversed"));
    }
    Ok((start, end))
}

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

/// A span as exported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename = "Span")]
pub struct ExportSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Label name.
    pub label: String,
    /// `text[start:end]`.
    pub text: String,
}

/// A relation as exported or imported: its two ends as indices into the
/// document's `spans`, and its type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename = "Relation")]
pub struct ExportRelation {
    /// Index of the span it starts at (the head).
    pub from: usize,
    /// Index of the span it points to (the tail).
    pub to: usize,
    /// Relation type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether direction matters (false for a symmetric type such as `alias`).
    #[serde(default = "directed_by_default")]
    pub directed: bool,
}

fn directed_by_default() -> bool {
    true
}

/// A document as exported: its text and the source's spans and relations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDocument {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The full text.
    pub text: String,
    /// Metadata from the import.
    pub meta: Metadata,
    /// Spans, sorted by (start, end, label).
    pub spans: Vec<ExportSpan>,
    /// Relations between the spans, sorted.
    pub relations: Vec<ExportRelation>,
    /// The document's categories, sorted (majority: those K files have).
    pub categories: Vec<String>,
}

/// A document as a format's reader hands it over: text and spans, not yet
/// normalised or matched to the project (`import::annotated` does that).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDocument {
    /// Where it was read (`file:line`).
    pub origin: String,
    /// The id, when the file gives one.
    pub id: Option<String>,
    /// The text.
    pub text: String,
    /// String metadata.
    pub meta: Metadata,
    /// The spans (code points).
    pub spans: Vec<ExportSpan>,
    /// Relations between the spans (indices into `spans`).
    pub relations: Vec<ExportRelation>,
    /// The document's categories.
    pub categories: Vec<String>,
    /// What the reader could not take from this document (`x.ann: 2 E lines (events)`), said on import.
    pub not_taken: Vec<String>,
}

/// Sorts `spans` and drops duplicates, moving the relations' span indices
/// along and dropping duplicate relations (a symmetric one either way round).
pub(crate) fn sort_spans_and_relations(spans: &mut Vec<ExportSpan>, relations: &mut Vec<ExportRelation>) {
    let mut sorted = spans.clone();
    sorted.sort();
    sorted.dedup();
    let new_index = |old: usize| sorted.binary_search(&spans[old]).unwrap_or(old);
    for r in relations.iter_mut() {
        r.from = new_index(r.from);
        r.to = new_index(r.to);
        if !r.directed && r.from > r.to {
            std::mem::swap(&mut r.from, &mut r.to);
        }
    }
    relations.sort();
    relations.dedup();
    *spans = sorted;
}

/// A span a format could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Document id.
    pub document: String,
    /// The span.
    pub span: ExportSpan,
    /// Why.
    pub reason: String,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Documents written.
    pub documents: usize,
    /// Spans written, per label.
    pub spans_per_label: BTreeMap<String, usize>,
    /// Spans left out, and why.
    pub dropped: Vec<Dropped>,
    /// Files written.
    pub files: Vec<std::path::PathBuf>,
    /// Parts of a split: (name, file, documents).
    pub parts: Vec<(String, std::path::PathBuf, usize)>,
    /// Other figures (tokens split by bio-words, …).
    pub notes: Vec<String>,
    /// Documents not exported, and why.
    pub left_out: LeftOut,
    /// Relations written.
    pub relations: usize,
    /// Relations the format cannot hold (BIO, CLUENER, word BIO, spaCy JSONL).
    pub relations_left_out: usize,
}

/// Dropped spans a summary lists one by one; the rest are counted.
const DROPPED_LISTED: usize = 20;

impl ExportSummary {
    /// What the export did, one line each, as the command line prints it and
    /// the window shows it: the parts of a split, notes, documents written and
    /// left out (with the hint for `asker`), spans per label, relations (and
    /// those the format cannot hold), the dropped spans.
    pub fn describe(&self, request: &ExportRequest, asker: Asker) -> Vec<String> {
        let mut lines = Vec::new();
        for (part, path, n) in &self.parts {
            lines.push(format!("{part}: {n} documents -> {}", path.display()));
        }
        lines.extend(self.notes.iter().cloned());
        lines.push(format!("exported {} documents to {}", self.documents, request.out.display()));
        lines.extend(self.left_out.describe(&request.statuses, asker));
        for (label, n) in &self.spans_per_label {
            lines.push(format!("  {label:<14} {n:>7} spans"));
        }
        if self.relations > 0 {
            lines.push(format!("  {:<14} {:>7} relations", "(all types)", self.relations));
        }
        if self.relations_left_out > 0 {
            let holding: Vec<&str> =
                Format::ALL.iter().filter(|f| f.holds_relations(jsonl::Flavor::Newsanno)).map(|f| f.name()).collect();
            // "a, b or c"
            let holding = match holding.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
                _ => holding.join(""),
            };
            lines.push(format!(
                "  {} relations left out: {} cannot hold relations (export {} for them)",
                self.relations_left_out,
                request.format.name(),
                holding
            ));
        }
        if self.dropped.is_empty() {
            lines.push("  no span dropped".to_owned());
        } else {
            lines.push(format!("  {} spans dropped:", self.dropped.len()));
            for d in self.dropped.iter().take(DROPPED_LISTED) {
                lines.push(format!(
                    "    {} [{}, {}) {} 「{}」: {}",
                    d.document, d.span.start, d.span.end, d.span.label, d.span.text, d.reason
                ));
            }
            if self.dropped.len() > DROPPED_LISTED {
                lines.push(format!("    … and {} more", self.dropped.len() - DROPPED_LISTED));
            }
        }
        lines
    }

    /// Counts `docs` as written.
    pub fn count(&mut self, docs: &[ExportDocument]) {
        self.documents += docs.len();
        for d in docs {
            for s in &d.spans {
                *self.spans_per_label.entry(s.label.clone()).or_default() += 1;
            }
        }
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

/// Parses `train=0.8,dev=0.1,test=0.1`.
pub fn parse_split(spec: &str) -> std::result::Result<Vec<(String, f64)>, String> {
    let mut parts = Vec::new();
    for item in spec.split(',') {
        let (name, fraction) = item.split_once('=').ok_or_else(|| format!("{item:?} is not name=fraction"))?;
        let fraction: f64 = fraction.trim().parse().map_err(|_| format!("{fraction:?} is not a number"))?;
        if !(0.0..=1.0).contains(&fraction) || name.trim().is_empty() {
            return Err(format!("{item:?}: fractions are between 0 and 1"));
        }
        parts.push((name.trim().to_owned(), fraction));
    }
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if (total - 1.0).abs() > 1e-6 {
        return Err(format!("fractions add up to {total}, not 1"));
    }
    Ok(parts)
}

/// Splits documents into parts of the given fractions, deterministically for
/// a seed. Documents are shuffled by a seeded hash of their id, then each part
/// takes its share; where a label would be missing from a part that has room,
/// a document carrying it is swapped in from the largest part.
pub fn split(docs: Vec<ExportDocument>, parts: &[(String, f64)], seed: u64) -> Vec<(String, Vec<ExportDocument>)> {
    use sha2::{Digest as _, Sha256};
    let mut keyed: Vec<(Vec<u8>, ExportDocument)> =
        docs.into_iter().map(|d| (Sha256::digest(format!("{seed}\u{0}{}", d.id).as_bytes()).to_vec(), d)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let n = keyed.len();
    let mut sizes: Vec<usize> = parts.iter().map(|(_, f)| (f * n as f64).floor() as usize).collect();
    // Hand out the remainder to the parts in order, so every document lands somewhere.
    let mut rest = n - sizes.iter().sum::<usize>();
    for s in sizes.iter_mut() {
        if rest == 0 {
            break;
        }
        *s += 1;
        rest -= 1;
    }
    let mut iter = keyed.into_iter().map(|(_, d)| d);
    let mut out: Vec<(String, Vec<ExportDocument>)> =
        parts.iter().zip(&sizes).map(|((name, _), &size)| (name.clone(), iter.by_ref().take(size).collect())).collect();
    // Label coverage: move a document with a missing label from the largest part.
    let labels: std::collections::BTreeSet<String> =
        out.iter().flat_map(|(_, ds)| ds.iter().flat_map(|d| d.spans.iter().map(|s| s.label.clone()))).collect();
    for label in &labels {
        for target in 0..out.len() {
            let has = |ds: &[ExportDocument]| ds.iter().any(|d| d.spans.iter().any(|s| &s.label == label));
            if out[target].1.is_empty() || has(&out[target].1) {
                continue;
            }
            let donor = (0..out.len())
                .filter(|&i| {
                    i != target && out[i].1.iter().filter(|d| d.spans.iter().any(|s| &s.label == label)).count() > 1
                })
                .max_by_key(|&i| out[i].1.len());
            if let Some(donor) = donor
                && let Some(pos) = out[donor].1.iter().position(|d| d.spans.iter().any(|s| &s.label == label))
            {
                let doc = out[donor].1.remove(pos);
                // Swap: the target gives back its first document to keep the sizes.
                let back = out[target].1.remove(0);
                out[target].1.push(doc);
                out[donor].1.push(back);
            }
        }
    }
    out
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
            meta: Metadata::new(),
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
