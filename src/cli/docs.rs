//! The command line describing itself: shell completions and man pages.

use std::process::ExitCode;

use newsanno::error::Result;

use super::args::{Cli, VERSION};
use super::write_stdout;

/// The command line as users see it: without hidden commands (the
/// completion generators would offer them otherwise).
pub(super) fn public_command() -> clap::Command {
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
pub(super) const MAN_DESCRIPTION: &str = "Fast offline span annotation for Chinese news corpora.

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

pub(super) fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut command = public_command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "newsanno", &mut script);
    write_stdout(&String::from_utf8_lossy(&script));
    Ok(ExitCode::SUCCESS)
}

/// The man page of `command` (roff).
pub(super) fn man_page(command: clap::Command) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| newsanno::Error::Usage(format!("cannot render the man page: {e}")))?;
    Ok(page)
}

pub(super) fn man_pages(out: Option<&std::path::Path>) -> Result<ExitCode> {
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
