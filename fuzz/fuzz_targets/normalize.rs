//! The figure normaliser on any text: never panics; a value it reads is
//! exact and comes with a kind; its JSON line is valid JSON whose value, when
//! present, reads back to the same decimal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsanno::figures::{Decimal, normalize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let figure = normalize(&text);
    if figure.value.is_some() {
        assert!(figure.kind.is_some(), "a value without a kind for {text:?}");
    }
    let line = figure.to_json_line(&text);
    let json: serde_json::Value = serde_json::from_str(&line).expect("the JSON line parses");
    if let Some(value) = figure.value {
        let written = json["value"].to_string();
        assert_eq!(written.parse::<Decimal>().ok(), Some(value), "{line}");
    }
});
