//! Text primitives: normalisation at import, content hashes, and conversions
//! between the code-point offsets we store and the byte offsets `&str` needs.
//!
//! Every offset the library stores or exchanges is a Unicode code point
//! (a Rust `char`), half-open `[start, end)`, exactly Python's `text[start:end]`.
//! Byte offsets exist only at the boundary to `&str` APIs.

use std::path::Path;

use sha2::{Digest as _, Sha256};

use crate::error::{Error, Result};

/// The prefix of every text hash, so a future change of algorithm can be told apart.
pub const HASH_PREFIX: &str = "sha256:";

/// The hash of a document's text as stored in corpus indexes and annotation
/// files: `sha256:` followed by 64 lowercase hex digits of the UTF-8 bytes.
pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(HASH_PREFIX.len() + 64);
    out.push_str(HASH_PREFIX);
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// Applies the import normalisation: strips one leading UTF-8 BOM and turns
/// `\r\n` and lone `\r` into `\n`. Every other character is kept as it is
/// (no Unicode normalisation, no trimming), so offsets stay meaningful.
pub fn normalize_text(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// [`normalize_text`], with where every code point of `raw` went: `map[i]` is
/// the new offset of old offset `i` (and `map[len]` the new length), so spans
/// read from a foreign file keep covering the same characters. A BOM maps to
/// 0 and a `\r\n` pair to its one `\n`.
pub fn normalize_text_with_map(raw: &str) -> (String, Vec<usize>) {
    let (body, shift) = match raw.strip_prefix('\u{feff}') {
        Some(t) => (t, 1),
        None => (raw, 0),
    };
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::with_capacity(body.len());
    let mut map = vec![0; shift];
    let mut new_index = 0;
    let mut i = 0;
    while i < chars.len() {
        map.push(new_index);
        if chars[i] == '\r' {
            if chars.get(i + 1) == Some(&'\n') {
                // `\r\n` becomes one `\n`: the `\n` maps to the same place.
                i += 1;
                map.push(new_index);
            }
            out.push('\n');
        } else {
            out.push(chars[i]);
        }
        new_index += 1;
        i += 1;
    }
    map.push(new_index);
    (out, map)
}

/// Decodes `bytes` as UTF-8, or names the file, byte offset and line of the
/// first invalid byte.
pub fn str_from_utf8<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::InvalidUtf8 { path: path.to_path_buf(), offset, line }
    })
}

/// Number of code points in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The substring `text[start:end]` in code points, or `None` when the range is
/// empty-inverted or runs past the end.
pub fn slice_chars(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let begin = byte_from_char(text, start)?;
    let len = byte_from_char(&text[begin..], end - start)?;
    Some(&text[begin..begin + len])
}

/// Byte offset of code point `char_offset` in `text`; `char_offset == len` maps to `text.len()`.
pub fn byte_from_char(text: &str, char_offset: usize) -> Option<usize> {
    if char_offset == 0 {
        return Some(0);
    }
    match text.char_indices().nth(char_offset) {
        Some((byte, _)) => Some(byte),
        None if char_len(text) == char_offset => Some(text.len()),
        None => None,
    }
}

/// Code-point offset of `byte_offset` in `text`, or `None` if it is not on a char boundary.
pub fn char_from_byte(text: &str, byte_offset: usize) -> Option<usize> {
    if !text.is_char_boundary(byte_offset) {
        return None;
    }
    Some(text[..byte_offset].chars().count())
}

/// A document's text with a precomputed code point → byte table, so that
/// slicing a long article by char offsets is O(1) instead of O(n) per span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedText {
    text: String,
    // byte_of_char[i] = byte offset of char i; one extra entry for the end.
    byte_of_char: Vec<usize>,
}

impl IndexedText {
    /// Indexes `text`.
    pub fn new(text: String) -> Self {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        IndexedText { text, byte_of_char }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.byte_of_char.len() - 1
    }

    /// `text[start:end]` in code points, or `None` if out of range or inverted.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        if start > end || end > self.char_len() {
            return None;
        }
        Some(&self.text[self.byte_of_char[start]..self.byte_of_char[end]])
    }

    /// Byte offset of code point `char_offset` (`len` maps to the byte length).
    pub fn byte_from_char(&self, char_offset: usize) -> Option<usize> {
        self.byte_of_char.get(char_offset).copied()
    }

    /// Code-point offset of `byte_offset`, or `None` when it is not on a char boundary.
    pub fn char_from_byte(&self, byte_offset: usize) -> Option<usize> {
        self.byte_of_char.binary_search(&byte_offset).ok()
    }

    /// The code point at `char_offset`.
    pub fn char_at(&self, char_offset: usize) -> Option<char> {
        self.slice(char_offset, char_offset + 1).and_then(|s| s.chars().next())
    }

    /// Gives the text back.
    pub fn into_string(self) -> String {
        self.text
    }
}

/// UTF-16 code-unit offset of code point `char_offset` in `text` (what
/// JavaScript, Label Studio and doccano count); `None` past the end.
pub fn utf16_from_char(text: &str, char_offset: usize) -> Option<usize> {
    let mut units = 0;
    let mut chars = text.chars();
    for _ in 0..char_offset {
        units += chars.next()?.len_utf16();
    }
    Some(units)
}

/// Code-point offset of UTF-16 offset `utf16_offset`; `None` past the end or
/// in the middle of a surrogate pair (an offset no character starts at).
pub fn char_from_utf16(text: &str, utf16_offset: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        if units == utf16_offset {
            return Some(i);
        }
        if units > utf16_offset {
            return None;
        }
        units += c.len_utf16();
    }
    (units == utf16_offset).then(|| text.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        // JavaScript: "𠮷野😀张".length == 6; indexOf("张") == 5.
        let text = "𠮷野😀张";
        assert_eq!(utf16_from_char(text, 3), Some(5));
        assert_eq!(utf16_from_char(text, 4), Some(6));
        assert_eq!(utf16_from_char(text, 5), None);
        assert_eq!(char_from_utf16(text, 5), Some(3));
        assert_eq!(char_from_utf16(text, 1), None, "inside the surrogate pair of 𠮷");
        assert_eq!(char_from_utf16(text, 6), Some(4));
        assert_eq!(char_from_utf16(text, 7), None);
        for i in 0..=4 {
            assert_eq!(char_from_utf16(text, utf16_from_char(text, i).unwrap()), Some(i));
        }
    }

    #[test]
    fn slices_count_code_points_like_python() {
        // Python: "𠮷野家😀张勇"[1:3] == "野家", [3:4] == "😀"
        let text = "𠮷野家😀张勇";
        assert_eq!(slice_chars(text, 1, 3), Some("野家"));
        assert_eq!(slice_chars(text, 3, 4), Some("😀"));
        assert_eq!(slice_chars(text, 0, 1), Some("𠮷"));
        assert_eq!(slice_chars(text, 4, 6), Some("张勇"));
        assert_eq!(slice_chars(text, 6, 6), Some(""));
        assert_eq!(slice_chars(text, 5, 7), None);
        assert_eq!(slice_chars(text, 3, 2), None);
        let indexed = IndexedText::new(text.to_owned());
        assert_eq!(indexed.char_len(), 6);
        for start in 0..=6 {
            for end in start..=6 {
                assert_eq!(indexed.slice(start, end), slice_chars(text, start, end));
            }
        }
        assert_eq!(indexed.slice(0, 7), None);
        assert_eq!(indexed.char_from_byte(4), Some(1));
        assert_eq!(indexed.char_from_byte(2), None);
        assert_eq!(indexed.byte_from_char(3), Some(10));
        assert_eq!(char_from_byte(text, 10), Some(3));
        assert_eq!(indexed.char_at(3), Some('😀'));
    }

    #[test]
    fn normalisation_turns_crlf_and_cr_into_lf_and_strips_bom() {
        assert_eq!(normalize_text("\u{feff}标题\r\n正文\r第三行\n"), "标题\n正文\n第三行\n");
        assert_eq!(normalize_text("a\r\r\nb"), "a\n\nb");
        // Only one leading BOM is stripped; a BOM inside the text is a character like any other.
        assert_eq!(normalize_text("x\u{feff}y"), "x\u{feff}y");
        for raw in ["\u{feff}标题\r\n正文\r第三行\n", "a\r\r\nb", "x\u{feff}y", "", "\r", "𠮷\r\n😀"] {
            let (text, map) = normalize_text_with_map(raw);
            assert_eq!(text, normalize_text(raw), "{raw:?}");
            assert_eq!(map.len(), raw.chars().count() + 1);
            assert_eq!(map.last().copied(), Some(text.chars().count()));
        }
        // No trimming, no NFC: full-width and combining characters survive.
        assert_eq!(normalize_text("  １２３ e\u{301} "), "  １２３ e\u{301} ");
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let bytes = b"ok\nline two \xff rest";
        let err = str_from_utf8(bytes, Path::new("a.txt")).unwrap_err();
        assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte offset 12 (line 2)");
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        fn any_text() -> impl Strategy<Value = String> {
            // ASCII, CJK, astral ideographs and emoji, combining marks, CR/LF, BOM, NUL.
            prop::collection::vec(
                prop::sample::select(vec![
                    'a', 'Z', '7', ' ', '张', '勇', '。', '“', '𠮷', '😀', '👍', '\u{301}', '\r', '\n', '\u{feff}',
                    '\0', '·',
                ]),
                0..80,
            )
            .prop_map(|c| c.into_iter().collect())
        }

        proptest! {
            /// char → byte → char and char → UTF-16 → char round-trip at every
            /// offset; a byte or UTF-16 offset maps back exactly when it is on a
            /// character; the indexed text agrees with the plain functions.
            #[test]
            fn offset_conversions_round_trip(text in any_text(), probe in 0usize..400) {
                let chars: Vec<char> = text.chars().collect();
                let indexed = IndexedText::new(text.clone());
                prop_assert_eq!(indexed.char_len(), chars.len());
                for c in 0..=chars.len() {
                    let byte = byte_from_char(&text, c).expect("in range");
                    prop_assert_eq!(indexed.byte_from_char(c), Some(byte));
                    prop_assert_eq!(char_from_byte(&text, byte), Some(c));
                    prop_assert_eq!(indexed.char_from_byte(byte), Some(c));
                    let unit = utf16_from_char(&text, c).expect("in range");
                    prop_assert_eq!(unit, chars[..c].iter().map(|ch| ch.len_utf16()).sum::<usize>());
                    prop_assert_eq!(char_from_utf16(&text, unit), Some(c));
                }
                prop_assert_eq!(byte_from_char(&text, chars.len() + 1), None);
                prop_assert_eq!(utf16_from_char(&text, chars.len() + 1), None);
                let on_char = probe <= text.len() && text.is_char_boundary(probe);
                prop_assert_eq!(char_from_byte(&text, probe).is_some(), on_char);
                prop_assert_eq!(indexed.char_from_byte(probe).is_some(), on_char);
                if let Some(c) = char_from_utf16(&text, probe) {
                    prop_assert_eq!(utf16_from_char(&text, c), Some(probe));
                }
                let (a, b) = (probe % (chars.len() + 2), (probe / 3) % (chars.len() + 2));
                let expected: Option<String> = (a <= b && b <= chars.len()).then(|| chars[a..b].iter().collect());
                prop_assert_eq!(slice_chars(&text, a, b).map(str::to_owned), expected.clone());
                prop_assert_eq!(indexed.slice(a, b).map(str::to_owned), expected);
            }
        }
    }

    #[test]
    fn hash_is_stable_and_prefixed() {
        assert_eq!(text_hash(""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_ne!(text_hash("张勇"), text_hash("张勇\n"));
    }
}
