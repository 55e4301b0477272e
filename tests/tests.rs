//! Integration tests: one binary, one file per topic.

mod util;

mod adjudicate_cli;
mod agree_cli;
mod agreement_golden;
mod cli;
mod crash;
mod crf_golden;
mod disk_full;
mod export_bio;
mod export_formats;
mod export_hf;
mod export_jsonl;
mod export_relations;
mod first_use;
mod format;
mod format_golden;
mod fuzz_regressions;
mod git_sharing;
mod hostile;
mod import;
mod layering;
mod packaging;
mod relation_agreement_golden;
mod sample;
mod saver;
mod segment_golden;
mod suggest;
mod team;
mod train;
mod window;
