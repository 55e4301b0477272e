//! The `newsanno` binary: the command line (clap, a progress bar from
//! indicatif) over the library. The library itself has no command line, so a
//! training pipeline that depends on `newsanno` with `default-features =
//! false` compiles neither clap nor indicatif.

mod cli;

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
