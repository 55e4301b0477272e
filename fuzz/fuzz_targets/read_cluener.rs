//! Reading an annotated cluener file: any bytes give documents whose spans all
//! lie inside their texts and slice to their own text, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| newsanno_fuzz::read_and_check("input.json", data, newsanno::formats::cluener::read));
