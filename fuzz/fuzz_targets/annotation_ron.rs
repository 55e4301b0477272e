//! The annotation file loader: any bytes give a file or an error, never a
//! panic; a parsed file written back parses to the same value; the fast
//! canonical path agrees with the RON parser.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use newsanno::AnnotationFile;
use newsanno::store::annotation_file::{parse, parse_canonical, to_ron_string};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(fast) = parse_canonical(text)
    {
        let slow: AnnotationFile = ron::from_str(text).expect("the RON parser reads what the fast path reads");
        assert_eq!(fast, slow, "fast path and RON parser disagree");
    }
    if let Ok(file) = parse(path, data) {
        let written = to_ron_string(&file);
        let again = parse(path, written.as_bytes()).expect("what we write parses");
        assert_eq!(file, again, "round trip changed the file");
    }
});
