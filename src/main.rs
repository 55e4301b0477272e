//! The `newsanno` binary: parses the command line and hands over to the library.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    newsanno::cli::run(newsanno::cli::Cli::parse())
}
