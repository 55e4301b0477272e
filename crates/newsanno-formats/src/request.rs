//! What an export is asked for: the format, the source and statuses, each
//! format's options, and the check that they go together.

use newsanno_core::error::{Error, Result};

use crate::collect::Source;
use crate::document::ExportDocument;
use crate::selection::StatusFilter;
use crate::split::{Parts, split_with_manifest};
use crate::{bio, hf, jsonl};

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
