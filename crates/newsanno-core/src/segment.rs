//! Word segmentation with jieba-rs, and snapping selections to whole words.
//!
//! One `Jieba` with the default dictionary is loaded once per process and
//! shared; a project's `dict.txt` gets its own copy with the user words added.
//! Word boundaries are cached per document, so snapping a selection in a long
//! article costs a binary search, not a re-segmentation.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use jieba_rs::{Jieba, TokenizeMode};

use crate::error::{Error, Result};
use crate::model::Document;

/// How many documents' boundaries are kept before the cache starts over.
const CACHE_DOCUMENTS: usize = 256;

// jieba's default dictionary. With the `pos` feature jieba-rs embeds it
// (`default-dict`, zstd-compressed: a C library); without, the same file
// (jieba-rs 0.11's `src/data/dict.txt`, MIT) is embedded here as text, so a
// pipeline that only segments builds no C.
#[cfg(any(test, not(feature = "pos")))]
const DEFAULT_DICTIONARY: &str = include_str!("../data/jieba-dict.txt");

fn default_jieba() -> &'static Jieba {
    static DEFAULT: OnceLock<Jieba> = OnceLock::new();
    #[cfg(feature = "pos")]
    return DEFAULT.get_or_init(Jieba::new);
    #[cfg(not(feature = "pos"))]
    DEFAULT.get_or_init(|| {
        // The dictionary is part of the program, not user data: the unit test
        // `embedded_dictionary_loads` proves it parses.
        #[allow(clippy::expect_used)]
        Jieba::with_dict(&mut DEFAULT_DICTIONARY.as_bytes()).expect("jieba's embedded dictionary parses")
    })
}

// Document id → (text hash, word boundaries).
type BoundaryCache = HashMap<String, (String, Arc<Vec<usize>>)>;

/// A word segmenter with a per-document cache of word boundaries.
pub struct Segmenter {
    // None: the shared default dictionary.
    custom: Option<Arc<Jieba>>,
    hmm: bool,
    cache: Mutex<BoundaryCache>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").field("custom_dict", &self.custom.is_some()).field("hmm", &self.hmm).finish()
    }
}

/// One entry of a user dictionary line `word [freq] [tag]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictEntry {
    /// The word (may contain spaces, as in Python jieba).
    pub word: String,
    /// Frequency; `None` lets jieba suggest one, as Python's `load_userdict` does.
    pub freq: Option<usize>,
    /// Part-of-speech tag.
    pub tag: Option<String>,
}

/// Parses a user dictionary the way Python jieba's `load_userdict` does:
/// each stripped line is `word`, optionally followed by ` freq` (digits) and
/// ` tag` (lower-case letters); blank lines are skipped.
pub fn parse_user_dict(path: &Path, bytes: &[u8]) -> Result<Vec<DictEntry>> {
    let text = crate::text::str_from_utf8(bytes, path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut entries = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut word = line;
        let mut tag = None;
        let mut freq = None;
        if let Some((rest, last)) = word.rsplit_once(' ')
            && !last.is_empty()
            && last.chars().all(|c| c.is_ascii_lowercase())
            && !rest.is_empty()
        {
            tag = Some(last.to_owned());
            word = rest;
        }
        if let Some((rest, last)) = word.rsplit_once(' ')
            && !last.is_empty()
            && last.chars().all(|c| c.is_ascii_digit())
            && !rest.is_empty()
        {
            freq = last.parse().ok();
            word = rest;
        }
        entries.push(DictEntry { word: word.to_owned(), freq, tag });
    }
    Ok(entries)
}

impl Segmenter {
    /// A segmenter on jieba's default dictionary.
    pub fn new(hmm: bool) -> Self {
        Segmenter { custom: None, hmm, cache: Mutex::new(HashMap::new()) }
    }

    /// A segmenter on the default dictionary plus the user dictionary at `path`.
    pub fn with_user_dict(path: &Path, hmm: bool) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let entries = parse_user_dict(path, &bytes)?;
        let mut jieba = default_jieba().clone();
        for entry in &entries {
            jieba.add_word(&entry.word, entry.freq, entry.tag.as_deref());
        }
        Ok(Segmenter { custom: Some(Arc::new(jieba)), hmm, cache: Mutex::new(HashMap::new()) })
    }

    /// The segmenter a project asks for: its HMM setting and its `dict.txt` when present.
    pub fn for_project(project: &crate::store::Project) -> Result<Self> {
        let hmm = project.config().segmentation.hmm;
        match project.user_dict() {
            Some(path) => Segmenter::with_user_dict(&path, hmm),
            None => Ok(Segmenter::new(hmm)),
        }
    }

    fn jieba(&self) -> &Jieba {
        match &self.custom {
            Some(custom) => custom,
            None => default_jieba(),
        }
    }

    /// jieba's tokens of `text` as code-point ranges `[start, end)`, exactly
    /// as Python jieba 0.42.1's `tokenize` gives them.
    pub fn tokenize(&self, text: &str) -> Vec<(usize, usize)> {
        // Python jieba's Han blocks are [\u4E00-\u9FD5]; jieba-rs also counts
        // newer and extension ideographs (鿰, 𠮷) as Han and groups them with
        // their neighbours. Cut the text at those characters first and give
        // each its own token, as Python does.
        let mut out = Vec::new();
        let mut run_start_byte = 0;
        let mut run_start_char = 0;
        for (char_index, (byte, c)) in text.char_indices().enumerate() {
            if is_ideograph_outside_python_han(c) {
                self.tokenize_run(&text[run_start_byte..byte], run_start_char, &mut out);
                out.push((char_index, char_index + 1));
                run_start_byte = byte + c.len_utf8();
                run_start_char = char_index + 1;
            }
        }
        self.tokenize_run(&text[run_start_byte..], run_start_char, &mut out);
        out
    }

    fn tokenize_run(&self, run: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
        if run.is_empty() {
            return;
        }
        let jieba = self.jieba();
        for token in jieba.tokenize(run, TokenizeMode::Default, self.hmm) {
            let (start, end) = (offset + token.start, offset + token.end);
            // jieba-rs 0.11 keeps `TPC-C`, `Orin-X` and `v1.2.3` whole where
            // Python jieba's HMM path splits them (its re_skip is
            // `[a-zA-Z0-9]+(?:\.\d+)?%?`). Dictionary words stay whole in both.
            if token.word.is_ascii()
                && token.word.contains(['-', '_', '.'])
                && token.word.len() > 1
                && !jieba.has_word(token.word)
            {
                out.extend(python_skip_split(token.word).into_iter().map(|(s, e)| (start + s, start + e)));
            } else {
                out.push((start, end));
            }
        }
    }

    /// jieba's part-of-speech tags of `text`: `(start, end, tag)` in code points.
    /// A name written with a middle dot (`蒂姆·库克`, two `nr` words around `·`) comes back as one `nr` word.
    /// Feature `pos`: jieba's guess for a word not in its dictionary (张勇 → `nr`)
    /// needs its part-of-speech model, which jieba-rs ships zstd-compressed.
    #[cfg(feature = "pos")]
    pub fn tag(&self, text: &str) -> Vec<(usize, usize, String)> {
        let mut out: Vec<(usize, usize, String)> = Vec::new();
        for t in self.jieba().tag(text, self.hmm) {
            out.push((t.start, t.end, t.tag.to_owned()));
        }
        let chars: Vec<char> = text.chars().collect();
        let mut joined: Vec<(usize, usize, String)> = Vec::with_capacity(out.len());
        let mut i = 0;
        while i < out.len() {
            let (start, mut end, tag) = out[i].clone();
            let mut j = i;
            while tag == "nr"
                && j + 2 < out.len()
                && out[j + 1].1 - out[j + 1].0 == 1
                && matches!(chars.get(out[j + 1].0), Some('·' | '•' | '・'))
                && out[j + 2].2 == "nr"
            {
                end = out[j + 2].1;
                j += 2;
            }
            joined.push((start, end, tag));
            i = j + 1;
        }
        joined
    }

    /// Word boundaries used for snapping: jieba's token boundaries, except that
    /// a middle dot between two CJK characters joins them (`蒂姆·库克` is one
    /// name, while jieba splits it into three tokens).
    pub fn word_boundaries(&self, text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        let mut bounds = vec![0];
        for (_, end) in self.tokenize(text) {
            bounds.push(end);
        }
        bounds.dedup();
        bounds.retain(|&b| !joins_name(&chars, b));
        bounds
    }

    /// Cached [`Segmenter::word_boundaries`] of `doc`.
    pub fn boundaries(&self, doc: &Document) -> Arc<Vec<usize>> {
        let key = doc.id();
        if let Ok(cache) = self.cache.lock()
            && let Some((hash, bounds)) = cache.get(key)
            && *hash == doc.entry.text_hash
        {
            return Arc::clone(bounds);
        }
        let bounds = Arc::new(self.word_boundaries(doc.text()));
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_DOCUMENTS {
                cache.clear();
            }
            cache.insert(key.to_owned(), (doc.entry.text_hash.clone(), Arc::clone(&bounds)));
        }
        bounds
    }

    /// Widens `[start, end)` to whole words of `doc` (never shrinks it past
    /// what was selected), then trims whitespace and punctuation at both edges
    /// ([`is_edge_punctuation`]; a bracket or quote whose partner lies inside
    /// the selection stays, so `张建锋(行癫)` keeps its `)`). A selection of
    /// nothing but punctuation (and whitespace) stays exact, whitespace-trimmed.
    /// `None` when nothing but whitespace is left or the range is empty.
    pub fn snap(&self, doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
        let len = doc.text.char_len();
        let (start, end) = (start.min(end).min(len), end.max(start).min(len));
        if start == end {
            return None;
        }
        // Only punctuation (and whitespace) selected: that is what is meant.
        if doc.text.slice(start, end).is_some_and(|s| s.chars().all(|c| c.is_whitespace() || is_edge_punctuation(c))) {
            return trim_whitespace(doc, start, end);
        }
        let bounds = self.boundaries(doc);
        let snapped_start = match bounds.binary_search(&start) {
            Ok(_) => start,
            Err(i) => bounds[i.saturating_sub(1)],
        };
        let snapped_end = match bounds.binary_search(&end) {
            Ok(_) => end,
            Err(i) => bounds.get(i).copied().unwrap_or(len),
        };
        trim_edges(doc, snapped_start, snapped_end)
    }

    /// The word containing code point `at` (for double-click), whitespace-trimmed.
    pub fn word_at(&self, doc: &Document, at: usize) -> Option<(usize, usize)> {
        self.snap(doc, at, at + 1)
    }
}

// Ideographs that jieba-rs may treat as Han but Python jieba 0.42.1 does not
// (its Han class is U+4E00..=U+9FD5): CJK Extension A, U+9FD6..=U+9FFF,
// compatibility ideographs and the supplementary planes' ideographs.
fn is_ideograph_outside_python_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{9FD6}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

// Splits an ASCII run as Python jieba's finalseg does: matches of
// `[a-zA-Z0-9]+(?:\.\d+)?%?` and the gaps between them, in order.
// Offsets are chars (equal to bytes here: the input is ASCII).
fn python_skip_split(word: &str) -> Vec<(usize, usize)> {
    let b = word.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_alphanumeric() {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < b.len() && b[i] == b'%' {
                i += 1;
            }
        } else {
            while i < b.len() && !b[i].is_ascii_alphanumeric() {
                i += 1;
            }
        }
        out.push((start, i));
    }
    out
}

/// Punctuation that word snapping trims from a selection's edges: ASCII and
/// full-width brackets, quotes, and sentence and clause marks, dashes, ellipses
/// and the middle dot. Characters that belong to figures and codes (`%`, `‰`,
/// `-`, `+`, `#`, `&`, `/`, currency signs) are not in it.
pub fn is_edge_punctuation(c: char) -> bool {
    closing_partner(c).is_some()
        || opening_partner(c).is_some()
        || matches!(
            c,
            '"' | '\''
                | ','
                | '.'
                | ':'
                | ';'
                | '!'
                | '?'
                | '`'
                | '，'
                | '。'
                | '、'
                | '：'
                | '；'
                | '！'
                | '？'
                | '．'
                | '｡'
                | '､'
                | '＂'
                | '＇'
                | '…'
                | '‥'
                | '—'
                | '–'
                | '―'
                | '·'
                | '・'
                | '•'
                | '‧'
                | '～'
                | '〜'
                | '〃'
        )
}

const BRACKET_PAIRS: [(char, char); 20] = [
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('<', '>'),
    ('（', '）'),
    ('［', '］'),
    ('｛', '｝'),
    ('〔', '〕'),
    ('【', '】'),
    ('〖', '〗'),
    ('《', '》'),
    ('〈', '〉'),
    ('「', '」'),
    ('『', '』'),
    ('“', '”'),
    ('‘', '’'),
    ('〝', '〞'),
    ('«', '»'),
    ('‹', '›'),
    ('﹁', '﹂'),
];

fn closing_partner(c: char) -> Option<char> {
    BRACKET_PAIRS.iter().find(|p| p.0 == c).map(|p| p.1)
}

fn opening_partner(c: char) -> Option<char> {
    BRACKET_PAIRS.iter().find(|p| p.1 == c).map(|p| p.0)
}

// Whether the bracket at `at` (an edge of `[start, end)`) has its partner
// strictly inside the selection, i.e. not at the other edge: `张建锋(行癫)`
// keeps its `)`, while `《阿里云》` loses both marks.
fn partner_inside(chars: &[char], start: usize, end: usize, at: usize) -> bool {
    let c = chars[at];
    if let Some(close) = closing_partner(c) {
        let mut depth = 0usize;
        for (i, &d) in chars.iter().enumerate().take(end).skip(at + 1) {
            if d == c {
                depth += 1;
            } else if d == close {
                if depth == 0 {
                    return i + 1 < end;
                }
                depth -= 1;
            }
        }
    } else if let Some(open) = opening_partner(c) {
        let mut depth = 0usize;
        for i in (start..at).rev() {
            if chars[i] == c {
                depth += 1;
            } else if chars[i] == open {
                if depth == 0 {
                    return i > start;
                }
                depth -= 1;
            }
        }
    }
    false
}

// Trims whitespace and edge punctuation from both ends of `[start, end)`;
// `None` when nothing else is left.
fn trim_edges(doc: &Document, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    let chars: Vec<char> = doc.text.slice(start, end)?.chars().collect();
    let base = start;
    let at = |i: usize| chars[i - base];
    let trimmable = |i: usize, s: usize, e: usize| {
        let c = at(i);
        c.is_whitespace() || (is_edge_punctuation(c) && !partner_inside(&chars, s - base, e - base, i - base))
    };
    loop {
        let before = (start, end);
        while start < end && trimmable(start, start, end) {
            start += 1;
        }
        while end > start && trimmable(end - 1, start, end) {
            end -= 1;
        }
        if (start, end) == before {
            break;
        }
    }
    (start < end).then_some((start, end))
}

fn trim_whitespace(doc: &Document, mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    while start < end && doc.text.char_at(start).is_some_and(char::is_whitespace) {
        start += 1;
    }
    while end > start && doc.text.char_at(end - 1).is_some_and(char::is_whitespace) {
        end -= 1;
    }
    (start < end).then_some((start, end))
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '‧' | '•')
}

// Whether boundary `b` sits just before or just after a name dot that has a CJK
// character on each side.
fn joins_name(chars: &[char], b: usize) -> bool {
    let dot_at = |i: usize| {
        i > 0 && i + 1 < chars.len() && is_name_dot(chars[i]) && is_cjk(chars[i - 1]) && is_cjk(chars[i + 1])
    };
    (b < chars.len() && dot_at(b)) || (b > 0 && dot_at(b - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    // With `pos` the default dictionary is jieba-rs's own: the one embedded
    // here for builds without it must segment the same.
    #[test]
    #[cfg(feature = "pos")]
    fn embedded_dictionary_segments_as_jieba_rs_own() {
        let embedded = Jieba::with_dict(&mut DEFAULT_DICTIONARY.as_bytes()).unwrap();
        let text = "苹果CEO蒂姆·库克表示，阿里巴巴集团董事会主席张勇宣布阿里云营收167.61亿元，同比增长37%。钉钉用户数突破7亿。";
        for hmm in [true, false] {
            assert_eq!(embedded.cut(text, hmm), default_jieba().cut(text, hmm));
        }
        assert_eq!(embedded.cut_for_search(text, true), default_jieba().cut_for_search(text, true));
    }

    #[test]
    fn embedded_dictionary_loads() {
        let jieba = Jieba::with_dict(&mut DEFAULT_DICTIONARY.as_bytes()).unwrap();
        assert!(jieba.has_word("阿里巴巴"));
        // Every line of jieba's dict.txt is a word.
        assert_eq!(DEFAULT_DICTIONARY.lines().count(), 349_045);
    }

    fn doc(text: &str) -> Document {
        Document::from_text("d", text)
    }

    #[test]
    fn ascii_runs_split_like_python_jieba() {
        let words =
            |w: &str| -> Vec<String> { python_skip_split(w).iter().map(|&(s, e)| w[s..e].to_owned()).collect() };
        assert_eq!(words("TPC-C"), ["TPC", "-", "C"]);
        assert_eq!(words("167.61"), ["167.61"]);
        assert_eq!(words("v1.2.3"), ["v1.2", ".", "3"]);
        assert_eq!(words("a_b"), ["a", "_", "b"]);
        assert_eq!(words("12.5%"), ["12.5%"]);
        assert_eq!(words("x.ai"), ["x", ".", "ai"]);
        let segmenter = Segmenter::new(true);
        let text = "在TPC-C基准测试中，Orin-X芯片";
        let tokens: Vec<String> =
            segmenter.tokenize(text).iter().map(|&(s, e)| text.chars().skip(s).take(e - s).collect()).collect();
        assert_eq!(tokens[..4], ["在", "TPC", "-", "C"]);
        assert!(tokens.contains(&"Orin".to_owned()));
    }

    #[test]
    fn user_dict_lines_parse_like_python_jieba() {
        let dict = "\u{feff}阿里云 1000 nz\n通义千问\n\n  云栖大会 n \nPolarDB 20\niPhone 17\nApple Vision Pro 5 nz\n";
        let entries = parse_user_dict(Path::new("dict.txt"), dict.as_bytes()).unwrap();
        let simple: Vec<_> = entries.iter().map(|e| (e.word.as_str(), e.freq, e.tag.as_deref())).collect();
        assert_eq!(
            simple,
            [
                ("阿里云", Some(1000), Some("nz")),
                ("通义千问", None, None),
                ("云栖大会", None, Some("n")),
                ("PolarDB", Some(20), None),
                // Python's regex reads a trailing number as a frequency, too.
                ("iPhone", Some(17), None),
                ("Apple Vision Pro", Some(5), Some("nz")),
            ]
        );
        let err = parse_user_dict(Path::new("dict.txt"), b"ok\n\xff").unwrap_err();
        assert!(err.to_string().contains("dict.txt: invalid UTF-8 at byte offset 3"), "{err}");
    }

    #[test]
    fn user_words_without_frequency_get_a_suggested_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dict.txt");
        std::fs::write(&path, "通义千问\n").unwrap();
        let plain = Segmenter::new(true);
        let text = "通义千问发布新版本";
        assert_ne!(plain.tokenize(text)[0], (0, 4));
        let custom = Segmenter::with_user_dict(&path, true).unwrap();
        assert_eq!(custom.tokenize(text)[0], (0, 4));
    }

    #[test]
    fn snap_widens_to_words_and_trims_whitespace() {
        let segmenter = Segmenter::new(true);
        let d = doc("阿里巴巴集团董事会主席张勇宣布 阿里云 将独立。");
        let tokens = segmenter.tokenize(d.text());
        assert!(tokens.contains(&(0, 4)), "{tokens:?}");
        // Dragging over 里巴 widens to 阿里巴巴.
        assert_eq!(segmenter.snap(&d, 1, 3), Some((0, 4)));
        // Backwards drags work the same.
        assert_eq!(segmenter.snap(&d, 3, 1), Some((0, 4)));
        // Whitespace at the edges goes; the word stays.
        let cloud = d.text().find(" 阿里云").map(|b| d.text.char_from_byte(b).unwrap()).unwrap();
        assert_eq!(segmenter.snap(&d, cloud, cloud + 5), Some((cloud + 1, cloud + 4)));
        assert_eq!(segmenter.snap(&d, cloud, cloud + 1), None);
        assert_eq!(segmenter.snap(&d, 2, 2), None);
    }

    #[test]
    fn snap_counts_astral_characters_as_one() {
        let segmenter = Segmenter::new(true);
        let d = doc("𠮷野家😀发布财报，营收167.61亿元。");
        let at = d.text().chars().position(|c| c == '1').unwrap();
        let (s, e) = segmenter.snap(&d, at + 1, at + 2).unwrap();
        assert_eq!(d.text.slice(s, e), Some("167.61"));
        let (s, e) = segmenter.word_at(&d, 3).unwrap();
        assert_eq!(d.text.slice(s, e), Some("😀"));
    }

    #[test]
    fn names_with_a_middle_dot_snap_whole() {
        let segmenter = Segmenter::new(true);
        let d = doc("苹果CEO蒂姆·库克表示");
        let at = d.text().chars().position(|c| c == '库').unwrap();
        let (s, e) = segmenter.snap(&d, at, at + 1).unwrap();
        assert_eq!(d.text.slice(s, e), Some("蒂姆·库克"));
    }

    #[test]
    fn snap_trims_punctuation_at_the_edges() {
        let segmenter = Segmenter::new(true);
        let d = doc("……人事变动,张建锋(行癫)卸任阿里云智能总裁。“阿里云”发布《通义千问》，同比增长37%。");
        let find = |needle: &str| d.text().find(needle).and_then(|b| d.text.char_from_byte(b)).unwrap();
        let pick = |s: usize, e: usize| segmenter.snap(&d, s, e).map(|(s, e)| d.text.slice(s, e).unwrap().to_owned());
        let zhang = find("张建锋");
        // The drag of the bug report: from 张 to just past `(`.
        assert_eq!(pick(zhang, zhang + 4).as_deref(), Some("张建锋"));
        // Starting on `,` before the name: the comma goes too.
        assert_eq!(pick(zhang - 1, zhang + 3).as_deref(), Some("张建锋"));
        // A bracket whose partner is inside the selection stays.
        assert_eq!(pick(zhang, zhang + 7).as_deref(), Some("张建锋(行癫)"));
        assert_eq!(pick(zhang + 3, zhang + 7).as_deref(), Some("行癫"));
        // Quotes and book-title marks around a name go, both of them.
        let quoted = find("“阿里云”");
        assert_eq!(pick(quoted, quoted + 5).as_deref(), Some("阿里云"));
        let title = find("《通义千问》");
        assert_eq!(pick(title, title + 6).as_deref(), Some("通义千问"));
        assert_eq!(pick(title + 1, title + 7).as_deref(), Some("通义千问"));
        // A figure keeps its `%`; the full stop after it goes.
        let percent = find("37%");
        assert_eq!(pick(percent, percent + 4).as_deref(), Some("37%"));
        // Only punctuation: the selection stays exact.
        assert_eq!(pick(0, 2).as_deref(), Some("……"));
        assert_eq!(pick(zhang + 3, zhang + 4).as_deref(), Some("("));
        assert_eq!(segmenter.word_at(&d, zhang + 3), Some((zhang + 3, zhang + 4)));
    }

    proptest::proptest! {
        #[test]
        fn snap_only_widens_to_word_boundaries(
            chars in proptest::collection::vec(proptest::sample::select(vec!['阿', '里', '云', '张', '勇', '说', '，', ' ', '\n', 'a', 'B', '7', '.', '%', '𠮷', '😀', '·', '库', '克', '(', ')', '《', '》', '“', '”', '。']), 1..40),
            a in 0usize..40,
            b in 0usize..40,
        ) {
            let text: String = chars.iter().collect();
            let d = doc(&text);
            let len = chars.len();
            let (a, b) = (a.min(len), b.min(len));
            let (lo, hi) = (a.min(b), a.max(b));
            let segmenter = Segmenter::new(true);
            let bounds = segmenter.boundaries(&d);
            let trimmed = |c: char| c.is_whitespace() || is_edge_punctuation(c);
            match segmenter.snap(&d, a, b) {
                Some((s, e)) => {
                    proptest::prop_assert!(s < e && e <= len);
                    // Whitespace trimmed at both edges.
                    proptest::prop_assert!(!chars[s].is_whitespace() && !chars[e - 1].is_whitespace());
                    if (lo..hi).all(|i| trimmed(chars[i])) {
                        // Only punctuation and whitespace: exact, whitespace-trimmed.
                        proptest::prop_assert!(lo <= s && e <= hi, "{:?} -> {:?}", (a, b), (s, e));
                    } else {
                        // Never shrinks the selection beyond its own edge whitespace and punctuation.
                        let first = (lo..hi).find(|&i| !trimmed(chars[i]));
                        let last = (lo..hi).rev().find(|&i| !trimmed(chars[i]));
                        if let (Some(first), Some(last)) = (first, last) {
                            proptest::prop_assert!(s <= first && e > last, "{:?} -> {:?}", (a, b), (s, e));
                        }
                        // Punctuation at an edge is a bracket or quote kept for its partner inside.
                        for edge in [chars[s], chars[e - 1]] {
                            proptest::prop_assert!(
                                !is_edge_punctuation(edge) || closing_partner(edge).or(opening_partner(edge)).is_some(),
                                "{:?} -> {:?}", (a, b), (s, e)
                            );
                        }
                        // Edges are word boundaries, or whitespace or punctuation was trimmed there.
                        proptest::prop_assert!(bounds.contains(&s) || trimmed(chars[s - 1]));
                        proptest::prop_assert!(bounds.contains(&e) || trimmed(chars[e]));
                    }
                }
                None => {
                    proptest::prop_assert!((lo..hi).all(|i| chars[i].is_whitespace()));
                }
            }
        }
    }
}
