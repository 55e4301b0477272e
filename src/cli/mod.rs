//! The command line: argument definitions (`args.rs`, clap) apart from what
//! each command does (one file per group of commands), every handler calling
//! the library and printing what it returns.
//!
//! Exit codes: 0 success, 1 a data problem (bad input, invalid files),
//! 2 a usage error (clap reports those itself).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use newsanno::error::Result;
use newsanno::import::ImportOptions;
use newsanno::model::Status;
use newsanno::store::Project;

/// `println!` for command output: a reader that went away (`| head -1`) is
/// no error and no panic; what is left to print is dropped and the command
/// finishes normally (locks released, exit code as it would have been).
macro_rules! out {
    () => { write_stdout("\n") };
    ($($arg:tt)*) => { write_stdout(&format!("{}\n", format_args!($($arg)*))) };
}

mod agreement;
mod args;
mod docs;
mod figures;
mod project;
mod suggestions;
mod team;

pub use args::Cli;
use args::{CliCommand, WindowArgs};

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
        Some(CliCommand::Open { dir, window: args }) => {
            // Fail early, with the CLI's message, on a folder that is not a project.
            Project::open(&dir).and_then(|_| window(Some(dir), args))
        }
        Some(CliCommand::Init { dir, name, labels }) => project::init(&dir, name, &labels),
        Some(CliCommand::Import {
            dir,
            paths,
            text_field,
            title_field,
            id_field,
            rename_duplicates,
            format,
            as_annotator,
        }) => match (format, as_annotator) {
            (Some(format), Some(name)) => project::import_annotated(&dir, &paths, format, &name),
            _ => {
                let options = ImportOptions { text_field, title_field, id_field, rename_duplicates };
                project::import(&dir, &paths, &options)
            }
        },
        Some(CliCommand::Export {
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
                Ok(split) => project::export(
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
        Some(CliCommand::Validate { dir }) => Ok(project::validate_command(&dir)),
        Some(CliCommand::Stats { dir, format }) => team::stats(&dir, format),
        Some(CliCommand::Torture { dir, annotator, seed, edits }) => {
            newsanno::store::torture::run(&dir, &annotator, seed, edits).map(|()| ExitCode::SUCCESS)
        }
        Some(CliCommand::Agree { dir, annotators, labels, format, include_in_progress, all_documents }) => {
            agreement::agree(&dir, annotators, labels, format, (include_in_progress, all_documents))
        }
        Some(CliCommand::Adjudicate { dir, min_agree, annotators, include_in_progress }) => {
            agreement::adjudicate(&dir, min_agree, annotators, include_in_progress)
        }
        Some(CliCommand::Train { dir, from, folds, seed, features }) => {
            suggestions::train(&dir, &from, folds, seed, features)
        }
        Some(CliCommand::Queue { dir, annotator, order, limit }) => team::queue(&dir, &annotator, order, limit),
        Some(CliCommand::Assign { dir, annotators, overlap, agreement_sample, weights, seed, rebalance }) => {
            team::assign(&dir, annotators, (overlap, agreement_sample), weights.as_deref(), seed, rebalance)
        }
        Some(CliCommand::Suggest { dir, annotator, accept, sources, evaluate, format }) => match evaluate {
            Some(reference) => suggestions::evaluate_suggestions(&dir, &annotator, &reference, sources, format),
            None => suggestions::suggest(&dir, &annotator, sources, accept),
        },
        Some(CliCommand::Normalize { texts }) => figures::normalize(&texts),
        Some(CliCommand::Completions { shell }) => docs::completions(shell),
        Some(CliCommand::Man { out }) => docs::man_pages(out.as_deref()),
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
