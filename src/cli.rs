//! The command line: argument definitions (clap) and what each command does.
//!
//! Exit codes: 0 success, 1 a data problem (bad input, invalid files),
//! 2 a usage error (clap reports those itself).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use newsanno::error::Result;
use newsanno::import::{ImportOptions, import_paths};
use newsanno::model::{Status, labels_from_names};
use newsanno::stats::project_stats;
use newsanno::store::Project;
use newsanno::store::annotation_file::Severity;
use newsanno::store::validate::validate;

/// `println!` for command output: a reader that went away (`| head -1`) is
/// no error and no panic; what is left to print is dropped and the command
/// finishes normally (locks released, exit code as it would have been).
macro_rules! out {
    () => { write_stdout("\n") };
    ($($arg:tt)*) => { write_stdout(&format!("{}\n", format_args!($($arg)*))) };
}

// Set once stdout's reader has gone: nothing more is written.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes `text` to stdout; see [`out!`].
fn write_stdout(text: &str) {
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write to standard output: {e}");
        }
    }
}

/// `--version`: the crate's version and the commit it was built from (build.rs).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("NEWSANNO_COMMIT"), ")");

/// newsanno: annotate spans in Chinese news, offline.
#[derive(Debug, Parser)]
#[command(name = "newsanno", version = VERSION, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without one, the annotation window opens (the last project, else the bundled sample).
    #[command(subcommand)]
    pub command: Option<Command>,
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
pub enum Command {
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
        #[arg(long, value_parser = named::<newsanno::formats::hf::Unit>(newsanno::formats::hf::Unit::NAMES), default_value = "sentences")]
        unit: newsanno::formats::hf::Unit,
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
fn named<T>(names: &'static [&'static str]) -> impl clap::builder::TypedValueParser<Value = T>
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

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => match cli.project {
            None => window(None, cli.window),
            Some(path) if !path.exists() => {
                // Most likely a mistyped command: a usage error, as clap gives for one.
                let mut command = <Cli as clap::CommandFactory>::command();
                let _ = command
                    .error(
                        clap::error::ErrorKind::InvalidSubcommand,
                        format!("{} is neither a command nor a project folder", path.display()),
                    )
                    .print();
                return ExitCode::from(2);
            }
            Some(path) => {
                // A file manager may hand over the project's project.ron rather than its folder.
                let dir = match path.file_name() {
                    Some(name) if name == newsanno::store::PROJECT_FILE && path.is_file() => {
                        path.parent().map(std::path::Path::to_path_buf).unwrap_or(path)
                    }
                    _ => path,
                };
                Project::open(&dir).and_then(|_| window(Some(dir), cli.window))
            }
        },
        Some(Command::Open { dir, window: args }) => {
            // Fail early, with the CLI's message, on a folder that is not a project.
            Project::open(&dir).and_then(|_| window(Some(dir), args))
        }
        Some(Command::Init { dir, name, labels }) => init(&dir, name, &labels),
        Some(Command::Import {
            dir,
            paths,
            text_field,
            title_field,
            id_field,
            rename_duplicates,
            format,
            as_annotator,
        }) => match (format, as_annotator) {
            (Some(format), Some(name)) => import_annotated(&dir, &paths, format, &name),
            _ => {
                let options = ImportOptions { text_field, title_field, id_field, rename_duplicates };
                import(&dir, &paths, &options)
            }
        },
        Some(Command::Export {
            dir,
            format,
            out,
            source,
            include_in_progress,
            mut status,
            flavor,
            scheme,
            sentence_ends,
            split,
            split_from,
            level,
            unit,
            whitespace,
            seed,
            negatives,
        }) => {
            if include_in_progress {
                status.set(Status::InProgress, true);
            }
            match split.as_deref().map(newsanno::formats::parse_split).transpose().map_err(newsanno::Error::Usage) {
                Err(e) => Err(e),
                Ok(split) => export(
                    &dir,
                    &newsanno::formats::ExportRequest {
                        format,
                        out,
                        source,
                        statuses: status,
                        flavor,
                        scheme,
                        sentence_ends,
                        split,
                        seed,
                        negatives,
                        dataset: newsanno::formats::DatasetOptions {
                            level,
                            unit,
                            split_from,
                            command: std::env::args().collect::<Vec<_>>().join(" "),
                            whitespace,
                        },
                    },
                ),
            }
        }
        Some(Command::Validate { dir }) => Ok(validate_command(&dir)),
        Some(Command::Stats { dir, format }) => stats(&dir, format),
        Some(Command::Torture { dir, annotator, seed, edits }) => {
            newsanno::store::torture::run(&dir, &annotator, seed, edits).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Agree { dir, annotators, labels, format, include_in_progress, all_documents }) => {
            agree(&dir, annotators, labels, format, (include_in_progress, all_documents))
        }
        Some(Command::Adjudicate { dir, min_agree, annotators, include_in_progress }) => {
            adjudicate(&dir, min_agree, annotators, include_in_progress)
        }
        Some(Command::Train { dir, from, folds, seed, features }) => train(&dir, &from, folds, seed, features),
        Some(Command::Queue { dir, annotator, order, limit }) => queue(&dir, &annotator, order, limit),
        Some(Command::Assign { dir, annotators, overlap, agreement_sample, weights, seed, rebalance }) => {
            assign(&dir, annotators, (overlap, agreement_sample), weights.as_deref(), seed, rebalance)
        }
        Some(Command::Suggest { dir, annotator, accept, sources, evaluate, format }) => match evaluate {
            Some(reference) => evaluate_suggestions(&dir, &annotator, &reference, sources, format),
            None => suggest(&dir, &annotator, sources, accept),
        },
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man { out }) => man_pages(out.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(feature = "gui")]
fn window(project: Option<PathBuf>, args: WindowArgs) -> Result<ExitCode> {
    if let Some(name) = &args.annotator {
        newsanno::store::ids::check_annotator_name(name)?;
    }
    let launch = newsanno::app::LaunchOptions {
        project,
        annotator: args.annotator,
        document: args.document,
        review: args.review,
        screenshot: args.screenshot,
        all_relations: args.all_relations,
    };
    newsanno::app::run(launch).map_err(|e| newsanno::Error::Usage(format!("the window failed: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
fn window(project: Option<PathBuf>, _args: WindowArgs) -> Result<ExitCode> {
    // A build without the window (a pipeline's) still answers helpfully.
    if let Some(dir) = project {
        let project = Project::open(&dir)?;
        out!("{}: {} documents", project.config().name, project.documents().len());
    }
    eprintln!("this newsanno was built without the `gui` feature; the window is not available");
    let mut help = <Cli as clap::CommandFactory>::command();
    let _ = help.print_help();
    Ok(ExitCode::from(2))
}

/// The command line as users see it: without hidden commands (the
/// completion generators would offer them otherwise).
fn public_command() -> clap::Command {
    let full = <Cli as clap::CommandFactory>::command();
    clap::Command::new("newsanno")
        .version(VERSION)
        .about(full.get_about().cloned().unwrap_or_default())
        .long_about(MAN_DESCRIPTION)
        .args_conflicts_with_subcommands(true)
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
}

/// The main man page's DESCRIPTION: what `newsanno` without a command does,
/// where the work goes, and where the rest is documented.
const MAN_DESCRIPTION: &str = "Fast offline span annotation for Chinese news corpora.

Without a command, newsanno opens the annotation window on PROJECT, else on the last project, \
else on the bundled sample project (copied into ~/.local/share/newsanno/sample on first start). \
Each annotator's edits are saved atomically, within a second, as RON files in \
PROJECT/annotations/NAME/; offsets are Unicode code points.

In the window: drag to select, 1-9 to label, Delete to remove, Ctrl+Z to undo, Ctrl+Enter for \
done and next, R then a key for a relation, C then a key for a category, Tab and Enter for \
suggestions; Help lists every key.

Each command has its own page: newsanno-init(1), newsanno-import(1), newsanno-export(1), \
newsanno-agree(1) and the others below. The README and INSTALL.md are in /usr/share/doc/newsanno \
(or ~/.local/share/doc/newsanno).";

fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut command = public_command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "newsanno", &mut script);
    write_stdout(&String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}

/// The man page of `command` (roff).
fn man_page(command: clap::Command) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| newsanno::Error::Usage(format!("cannot render the man page: {e}")))?;
    Ok(page)
}

fn man_pages(out: Option<&std::path::Path>) -> Result<ExitCode> {
    let mut command = public_command();
    // Built, so each command's page has its --help and the shared options.
    command.build();
    let Some(dir) = out else {
        write_stdout(&String::from_utf8_lossy(&man_page(command)?));
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir).map_err(|e| newsanno::Error::io(dir, e))?;
    let mut pages = vec![("newsanno.1".to_owned(), man_page(command.clone())?)];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("newsanno-{}", sub.get_name());
        pages.push((format!("{name}.1"), man_page(sub.clone().name(name).version(VERSION))?));
    }
    for (file, page) in &pages {
        newsanno::store::atomic::write_atomic(&dir.join(file), page)?;
    }
    out!("{} man pages written to {}", pages.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}

fn init(dir: &std::path::Path, name: Option<String>, labels: &[String]) -> Result<ExitCode> {
    let name = name.unwrap_or_else(|| {
        dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "newsanno project".to_owned())
    });
    let labels: Vec<&String> = labels.iter().filter(|l| !l.trim().is_empty()).collect();
    let project = Project::init(dir, &name, labels_from_names(&labels))?;
    out!(
        "created project {:?} in {} with labels {}",
        project.config().name,
        dir.display(),
        project.labels().iter().map(|l| format!("{} ({})", l.name, l.hotkey)).collect::<Vec<_>>().join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

fn import(dir: &std::path::Path, paths: &[PathBuf], options: &ImportOptions) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    let started = Instant::now();
    let mut bar = DelayedBar::new("importing {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}");
    let summary = import_paths(&project, paths, options, &mut |done, total| bar.update(done, total));
    bar.finish();
    let summary = summary?;
    match &summary.batch {
        Some(batch) => out!(
            "imported {} documents ({} characters) into {} in {:.1} s",
            summary.imported,
            summary.chars,
            batch.display(),
            started.elapsed().as_secs_f64()
        ),
        None => out!("imported 0 documents"),
    }
    if !summary.skipped_empty.is_empty() {
        let shown: Vec<&str> = summary.skipped_empty.iter().take(10).map(String::as_str).collect();
        out!("skipped {} empty: {}", summary.skipped_empty.len(), shown.join(", "));
    }
    if summary.skipped_existing > 0 {
        out!("skipped {} already imported (same id, same text)", summary.skipped_existing);
    }
    if summary.derived_ids > 0 {
        out!("derived {} safe ids (originals kept as metadata original_id)", summary.derived_ids);
    }
    if summary.renamed > 0 {
        out!("renamed {} duplicate ids", summary.renamed);
    }
    Ok(ExitCode::SUCCESS)
}

fn validate_command(dir: &std::path::Path) -> ExitCode {
    let problems = validate(dir);
    for problem in &problems {
        out!("{problem}");
    }
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    eprintln!("{errors} error(s), {warnings} warning(s)");
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn stats(dir: &std::path::Path, format: EvaluationFormat) -> Result<ExitCode> {
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

fn agree(
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

fn adjudicate(
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

fn train(dir: &std::path::Path, from: &str, folds: usize, seed: u64, features: FeatureChoice) -> Result<ExitCode> {
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

fn assign(
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

fn queue(dir: &std::path::Path, annotator: &str, order: QueueChoice, limit: Option<usize>) -> Result<ExitCode> {
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

fn suggest(
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

fn evaluate_suggestions(
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

fn import_annotated(dir: &std::path::Path, paths: &[PathBuf], format: ExportFormat, name: &str) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    let mut docs = Vec::new();
    for path in paths {
        docs.extend(newsanno::formats::read_annotated(format, path)?);
    }
    let summary = newsanno::import::annotated::attach(&project, docs, name)?;
    let relations = match (summary.relations, summary.categories) {
        (0, 0) => String::new(),
        (n, 0) => format!(" and {n} relations"),
        (0, c) => format!(" and {c} categories"),
        (n, c) => format!(", {n} relations and {c} categories"),
    };
    out!(
        "attached {} spans{relations} in {} documents to annotator {name} ({} documents were new)",
        summary.spans,
        summary.documents,
        summary.new_documents
    );
    for w in &summary.warnings {
        out!("warning: {w}");
    }
    for (name, directed) in &summary.added_relation_types {
        let kind = if *directed { "directed" } else { "symmetric" };
        out!("relation type {name:?} ({kind}) was not in project.ron: added");
    }
    Ok(ExitCode::SUCCESS)
}

fn export(dir: &std::path::Path, request: &newsanno::formats::ExportRequest) -> Result<ExitCode> {
    let project = Project::open(dir)?;
    let summary = newsanno::formats::export(&project, request, &mut |_, _| {})?;
    for line in summary.describe(request, newsanno::formats::Asker::CommandLine) {
        out!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

// Every name given with --annotators must have a folder.
fn check_annotators_exist(project: &Project, annotators: &[String]) -> Result<()> {
    let known = project.annotators()?;
    match annotators.iter().find(|a| !known.contains(a)) {
        Some(a) => Err(newsanno::Error::Usage(format!(
            "no annotator {a:?} in {} (found: {})",
            project.root().display(),
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

/// A progress bar on stderr that appears only once the work has run for a
/// second, so quick commands print nothing but their result.
struct DelayedBar {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: bool,
}

impl DelayedBar {
    fn new(template: &str) -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        DelayedBar { bar, started: Instant::now(), shown: false }
    }

    fn update(&mut self, done: u64, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(done);
        if !self.shown && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    fn finish(self) {
        self.bar.finish_and_clear();
    }
}
