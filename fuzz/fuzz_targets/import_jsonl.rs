//! Importing a .jsonl file: any bytes import cleanly or fail with an error
//! and nothing imported.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| newsanno_fuzz::import_and_check("input.jsonl", data));
