//! Offset conversions: code point ↔ byte ↔ UTF-16 agree with each other and
//! with a naive count, on any text and any offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsanno::text::{IndexedText, byte_from_char, char_from_byte, char_from_utf16, slice_chars, utf16_from_char};

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let a = usize::from(u16::from_le_bytes([data[0], data[1]]));
    let b = usize::from(u16::from_le_bytes([data[2], data[3]]));
    let text = String::from_utf8_lossy(&data[4..]).into_owned();
    let chars: Vec<char> = text.chars().collect();
    let indexed = IndexedText::new(text.clone());
    assert_eq!(indexed.char_len(), chars.len());

    for offset in [a, b, chars.len(), 0] {
        let byte = byte_from_char(&text, offset);
        assert_eq!(byte, indexed.byte_from_char(offset));
        match byte {
            Some(byte) => {
                assert!(offset <= chars.len());
                assert_eq!(byte, chars[..offset].iter().map(|c| c.len_utf8()).sum::<usize>());
                assert_eq!(char_from_byte(&text, byte), Some(offset));
                assert_eq!(indexed.char_from_byte(byte), Some(offset));
                let unit = utf16_from_char(&text, offset).expect("in range");
                assert_eq!(unit, chars[..offset].iter().map(|c| c.len_utf16()).sum::<usize>());
                assert_eq!(char_from_utf16(&text, unit), Some(offset));
            }
            None => assert!(offset > chars.len()),
        }
    }
    // A byte offset is a char offset exactly when it is a char boundary.
    assert_eq!(char_from_byte(&text, a).is_some(), text.is_char_boundary(a) && a <= text.len());
    // A UTF-16 offset inside a surrogate pair is not a char offset.
    if let Some(c) = char_from_utf16(&text, a) {
        assert_eq!(utf16_from_char(&text, c), Some(a));
    }
    let expected: Option<String> = (a <= b && b <= chars.len()).then(|| chars[a..b].iter().collect());
    assert_eq!(slice_chars(&text, a, b).map(str::to_owned), expected);
    assert_eq!(indexed.slice(a, b).map(str::to_owned), expected);
    if let Ok((s, e)) = newsanno::formats::char_range_from_utf16(&text, a, b) {
        assert!(s < e && e <= chars.len());
    }
});
