//! Reading a brat folder: the input is split at its first 0xFF byte (never
//! in UTF-8) into `doc.txt` and `doc.ann`; any bytes give documents whose
//! spans lie inside their texts and slice to their own text, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (txt, ann) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let dir = newsanno_fuzz::scratch_dir();
    newsanno_fuzz::write(dir.path(), "doc.txt", txt);
    newsanno_fuzz::write(dir.path(), "doc.ann", ann);
    if let Ok(docs) = newsanno::formats::brat::read(dir.path()) {
        newsanno_fuzz::check_imported(&docs);
    }
});
