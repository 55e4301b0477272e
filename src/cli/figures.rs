//! `newsanno normalize`: the figure normaliser for scripts and for checking it.

use std::io::BufRead as _;
use std::process::ExitCode;

use newsanno::error::{Error, Result};
use newsanno::figures::normalize as read_figure;

use super::write_stdout;

/// Prints one JSON line per text (the arguments, else each line of stdin).
pub(super) fn normalize(texts: &[String]) -> Result<ExitCode> {
    if !texts.is_empty() {
        for text in texts {
            out!("{}", read_figure(text).to_json_line(text));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let stdin = std::io::stdin();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|e| Error::at_line(std::path::Path::new("<stdin>"), n + 1, e.to_string()))?;
        let text = line.strip_suffix('\r').unwrap_or(&line);
        out!("{}", read_figure(text).to_json_line(text));
    }
    Ok(ExitCode::SUCCESS)
}
