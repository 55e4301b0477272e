//! The command line's arguments (clap derive): the top level, the window's
//! options and every command, apart from what the commands do.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// `--version`: the crate's version and the commit it was built from (build.rs).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("NEWSANNO_COMMIT"), ")");

/// newsanno: annotate spans in Chinese news, offline.
#[derive(Debug, Parser)]
#[command(name = "newsanno", version = VERSION, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without one, the annotation window opens (the last project, else the bundled sample).
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A project folder (or its project.ron) to open in the window, as `open` does; what the
    /// desktop entry's `newsanno %f` passes.
    #[arg(value_name = "PROJECT")]
    pub project: Option<PathBuf>,
    /// Window options when no command is given.
    #[command(flatten)]
    pub window: WindowArgs,
}

/// Options of the annotation window.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WindowArgs {
    /// Annotate as NAME (default: the remembered name; the window asks on first start).
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,
    /// Open this document first (default: the last one opened).
    #[arg(long, value_name = "ID")]
    pub document: Option<String>,
    /// Start in review mode (agreement and adjudication into gold).
    #[arg(long)]
    pub review: bool,
    /// Save a PNG screenshot of the window after the first frames, then exit.
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// Draw every relation in view, not only the selected span's (View menu: "Show all relations in view").
    #[arg(long)]
    pub all_relations: bool,
}

pub use newsanno::formats::Format as ExportFormat;

/// `queue --order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QueueChoice {
    /// Most uncertain first.
    Uncertain,
    /// Corpus order.
    Corpus,
}

/// `train --features`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeatureChoice {
    /// Characters, bigrams, character kinds, jieba word position and POS, term lists.
    Full,
    /// Characters, bigrams and character kinds only.
    Characters,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Open a project in the annotation window.
    Open {
        /// The project folder.
        dir: PathBuf,
        /// Window options.
        #[command(flatten)]
        window: WindowArgs,
    },
    /// Create a new, empty project.
    Init {
        /// Folder to create the project in (created if missing).
        dir: PathBuf,
        /// Project name (default: the folder name).
        #[arg(long)]
        name: Option<String>,
        /// Labels, comma-separated (default: executive,product,event,metric).
        #[arg(long, value_delimiter = ',')]
        labels: Vec<String>,
    },
    /// Import articles: .txt files, folders of .txt files, .jsonl or .csv.
    Import {
        /// The project folder.
        dir: PathBuf,
        /// Files or folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// JSONL/CSV field with the text (default: text, content or body).
        #[arg(long)]
        text_field: Option<String>,
        /// JSONL/CSV field with the title (default: title; else the first line).
        #[arg(long)]
        title_field: Option<String>,
        /// JSONL/CSV field with the id (default: id; else file and line).
        #[arg(long)]
        id_field: Option<String>,
        /// Suffix duplicate ids (-2, -3, ...) instead of failing.
        #[arg(long)]
        rename_duplicates: bool,
        /// Import annotated files in this format (instead of plain articles); needs --as.
        #[arg(long, value_parser = named::<newsanno::formats::Format>(newsanno::formats::Format::NAMES), requires = "as_annotator")]
        format: Option<ExportFormat>,
        /// Annotator name the imported spans are attached to.
        #[arg(long = "as", value_name = "NAME", requires = "format")]
        as_annotator: Option<String>,
    },
    /// Export training data or interchange files.
    Export {
        /// The project folder.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_parser = named::<newsanno::formats::Format>(newsanno::formats::Format::NAMES))]
        format: ExportFormat,
        /// Output file (a folder with --split).
        #[arg(long)]
        out: PathBuf,
        /// Whose spans: gold, an annotator's name, or majority:K.
        #[arg(long, default_value = "gold")]
        source: newsanno::formats::Source,
        /// Export documents in progress too (the same as adding in-progress to --status).
        #[arg(long)]
        include_in_progress: bool,
        /// Statuses whose files are exported, comma-separated: done, in-progress,
        /// not-started, skipped, or all.
        #[arg(long, default_value = "done", value_name = "STATUSES")]
        status: newsanno::formats::StatusFilter,
        /// JSONL shape; with bio, spacy names split files .conll (spaCy's CoNLL NER converter) and needs iob2.
        #[arg(long, value_parser = named::<newsanno::formats::jsonl::Flavor>(newsanno::formats::jsonl::Flavor::NAMES), default_value = "newsanno")]
        flavor: newsanno::formats::jsonl::Flavor,
        /// BIO tagging scheme.
        #[arg(long, value_parser = named::<newsanno::formats::bio::Scheme>(newsanno::formats::bio::Scheme::NAMES), default_value = "iob2")]
        scheme: newsanno::formats::bio::Scheme,
        /// Characters that end a sentence in BIO (a newline always does).
        #[arg(long, default_value = newsanno::formats::bio::DEFAULT_SENTENCE_ENDS)]
        sentence_ends: String,
        /// Split by document, e.g. train=0.8,dev=0.1,test=0.1 (hf: train, validation, test;
        /// 0.8/0.1/0.1 by default). Writes splits.json beside the parts.
        #[arg(long)]
        split: Option<String>,
        /// Follow a splits.json of an earlier export: its documents keep their split, new ones are placed.
        #[arg(long, value_name = "SPLITS_JSON")]
        split_from: Option<PathBuf>,
        /// hf: tokens are characters or jieba words.
        #[arg(long, value_parser = named::<newsanno::formats::hf::Level>(newsanno::formats::hf::Level::NAMES), default_value = "chars")]
        level: newsanno::formats::hf::Level,
        /// bio: whitespace characters as escapes (\s, \u{3000}: the text comes back; the default),
        /// as a placeholder token ▁, or dropped (readers split columns on whitespace).
        #[arg(long, value_parser = named::<newsanno::formats::bio::Whitespace>(newsanno::formats::bio::Whitespace::NAMES), default_value = "escape")]
        whitespace: newsanno::formats::bio::Whitespace,
        /// hf: an example is a sentence or a whole document.
        #[arg(long, value_parser = named::<newsanno::formats::hf::ExampleUnit>(newsanno::formats::hf::ExampleUnit::NAMES), default_value = "sentences")]
        unit: newsanno::formats::hf::ExampleUnit,
        /// Seed of the split.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// relations-jsonl: also write every pair of spans in one sentence that no
        /// relation links and some relation type allows, as "no_relation" lines.
        #[arg(long)]
        negatives: bool,
    },
    /// Check every file of a project; one line per problem.
    Validate {
        /// The project folder.
        dir: PathBuf,
    },
    /// Documents, annotators' progress against their assignments, their pace (active time, spans
    /// per hour) and spans per label.
    Stats {
        /// The project folder.
        dir: PathBuf,
        /// table (aligned) or json (`{"annotators": {name: {...}}, ...}`).
        #[arg(long, value_enum, default_value = "table")]
        format: EvaluationFormat,
    },
    /// Crash-test child: random edits through the autosave path, reporting on stdout (for tests).
    #[command(hide = true)]
    Torture {
        /// The project folder.
        dir: PathBuf,
        /// Annotator whose files are edited.
        #[arg(long, default_value = "torture")]
        annotator: String,
        /// Seed of the edits.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of edits.
        #[arg(long, default_value_t = 100_000)]
        edits: usize,
    },
    /// Inter-annotator agreement: overall, per label, per pair, and the most disputed documents.
    Agree {
        /// The project folder.
        dir: PathBuf,
        /// Annotators to compare, comma-separated (default: all but gold).
        #[arg(long, value_delimiter = ',')]
        annotators: Vec<String>,
        /// Labels to compare, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        labels: Vec<String>,
        /// Output format.
        #[arg(long, value_parser = named::<newsanno::agreement::render::ReportFormat>(newsanno::agreement::render::ReportFormat::NAMES), default_value = "table")]
        format: newsanno::agreement::render::ReportFormat,
        /// Count documents in progress too (default: only documents marked done).
        #[arg(long)]
        include_in_progress: bool,
        /// Compare every finished file; by default, with assignments.ron, a pair is compared on
        /// the documents assigned to both.
        #[arg(long)]
        all_documents: bool,
    },
    /// Suggest spans from term lists, patterns, POS hints and the annotator's own spans; with
    /// --accept, add them to the annotator's files (marked with their source).
    Suggest {
        /// The project folder.
        dir: PathBuf,
        /// Whose files receive the suggestions (and whose spans are propagated).
        #[arg(long)]
        annotator: String,
        /// Add the suggestions to the annotator's files (default: only count them).
        #[arg(long, conflicts_with = "evaluate")]
        accept: bool,
        /// Sources, comma-separated: terms, patterns, pos, propagated, model; `all` is the four
        /// rule-based ones (`all,model` adds the learning suggester, which trains first).
        #[arg(long, default_value = "all", value_parser = newsanno::suggest::Sources::parse)]
        sources: newsanno::suggest::Sources,
        /// Score each source against this annotator's files (usually gold) instead: precision and recall per label.
        #[arg(long, value_name = "REFERENCE")]
        evaluate: Option<String>,
        /// Output of --evaluate.
        #[arg(long, value_enum, default_value = "table")]
        format: EvaluationFormat,
    },
    /// Train the learning suggester's CRF on an annotator's (or gold's) spans and print its
    /// learning curve: held-out F1 after 10%, 20%, … 100% of the documents. The model trained on
    /// all of them is cached in cache/ (keep that folder out of git).
    Train {
        /// The project folder.
        dir: PathBuf,
        /// Whose spans to learn from: an annotator's name or gold.
        #[arg(long)]
        from: String,
        /// Cross-validate over K folds (each held out once) instead of holding out one fifth.
        #[arg(long, value_name = "K", default_value_t = 1)]
        folds: usize,
        /// Seed of the split.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Features: full (characters, jieba words and POS, term lists) or characters.
        #[arg(long, value_enum, default_value = "full")]
        features: FeatureChoice,
    },
    /// The documents an annotator has not started, most uncertain for the model first (or in
    /// corpus order): the next document is the one the model learns most from.
    Queue {
        /// The project folder.
        dir: PathBuf,
        /// Whose queue (the model learns from model_from in project.ron, default this annotator).
        #[arg(long)]
        annotator: String,
        /// uncertain: mean over sentences of 1 − P(best tag sequence), highest first; corpus: as imported.
        #[arg(long, value_enum, default_value = "uncertain")]
        order: QueueChoice,
        /// Print at most N documents.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Hand documents out to a team (writes assignments.ron, for the lead to commit): one annotator
    /// per document, K with --overlap, or K for an agreement sample of N and one for the rest.
    /// A re-run keeps every assignment and places only documents the file does not name yet.
    Assign {
        /// The project folder.
        dir: PathBuf,
        /// The team, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        annotators: Vec<String>,
        /// Annotators per document (with --agreement-sample: per sampled document; default 2 there, else 1).
        #[arg(long, value_name = "K")]
        overlap: Option<usize>,
        /// Only N documents (chosen by the seed) overlap; the rest get one annotator.
        #[arg(long, value_name = "N")]
        agreement_sample: Option<usize>,
        /// Shares of the work, e.g. alice=2,bob=1 (others weigh 1).
        #[arg(long, value_name = "NAME=W,…")]
        weights: Option<String>,
        /// Seed of the sample's choice and of the tie-breaks (same seed, same plan).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also move assignments nobody has started (no file, or "not started") to balance the team.
        #[arg(long)]
        rebalance: bool,
    },
    /// Add to gold (annotations/gold/) every span on which at least K annotators agree exactly.
    Adjudicate {
        /// The project folder.
        dir: PathBuf,
        /// Votes a span needs (default: all annotators compared).
        #[arg(long, value_name = "K")]
        min_agree: Option<usize>,
        /// Annotators who vote, comma-separated (default: all but gold).
        #[arg(long, value_delimiter = ',')]
        annotators: Vec<String>,
        /// Count documents in progress too (default: only documents marked done).
        #[arg(long)]
        include_in_progress: bool,
    },
    /// Read figures (167.61亿元, 同比增长37%, 3小时20分钟) as value, unit and kind: one JSON line
    /// per text, `{"text", "value", "unit", "kind"}`, the value an exact JSON number or null.
    /// Without TEXT, reads one text per line from standard input.
    Normalize {
        /// The texts to read.
        texts: Vec<String>,
    },
    /// Print shell completions (e.g. `newsanno completions bash > ~/.local/share/bash-completion/completions/newsanno`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff); with --out, write newsanno.1 and a page per command into a folder.
    Man {
        /// Write newsanno.1 and newsanno-COMMAND.1 into this folder instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// A parser for a library enum with `NAMES` and `FromStr`: clap checks the
/// name (and lists the names in `--help` and errors), the library parses it.
/// The library's types derive nothing from clap.
pub(super) fn named<T>(names: &'static [&'static str]) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: std::str::FromStr<Err = String> + Clone + Send + Sync + 'static,
{
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(names).try_map(|name: String| name.parse::<T>())
}

/// How `suggest --evaluate` and `stats` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvaluationFormat {
    /// An aligned table.
    Table,
    /// JSON (see docs/SUGGESTIONS.md).
    Json,
}
