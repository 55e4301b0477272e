//! What the model sees of each character: the characters around it, the
//! bigrams it is part of, its kind (CJK, Latin, digit, punctuation), and what
//! newsanno knows that a generic CRF does not — where it sits in its jieba
//! word (B/M/E/S) and that word's part of speech, and whether a term of the
//! project's term lists covers it (per label, B or I).
//!
//! Features are names with the value 1 (CRFsuite's attributes). The layout
//! of a name (`c-1=张`) is part of the model file: change it and old models
//! are stale (see [`FEATURES_VERSION`]).

/// Bumped whenever a feature's name or meaning changes, so cached models made
/// with other features are retrained instead of read.
pub const FEATURES_VERSION: u32 = 1;

/// Which features to extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureSet {
    /// Characters (±2), bigrams and character kinds only: what a generic
    /// character CRF (python-crfsuite's usual recipe) uses.
    Characters,
    /// Also the jieba word position and part of speech, and term-list membership.
    Full,
}

/// Every value of [`char_kind`] (and `edge`, past the text's ends).
pub const CHAR_KINDS: [&str; 7] = ["space", "digit", "latin", "cjk", "punct", "other", "edge"];

/// The kind of a character, as one feature value.
pub fn char_kind(c: char) -> &'static str {
    match c {
        c if c.is_whitespace() => "space",
        '0'..='9' | '０'..='９' => "digit",
        c if c.is_ascii_alphabetic() || ('Ａ'..='ｚ').contains(&c) => "latin",
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' => {
            "cjk"
        }
        c if c.is_ascii_punctuation()
            || newsanno_core::segment::is_edge_punctuation(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF01}'..='\u{FF0F}').contains(&c)
            || ('\u{FF1A}'..='\u{FF20}').contains(&c) =>
        {
            "punct"
        }
        _ => "other",
    }
}

/// What is known of a text besides its characters, all in code points of that text.
#[derive(Debug, Clone, Default)]
pub struct TextInfo {
    /// jieba's words with their part of speech: `(start, end, tag)`, in order, covering the text.
    pub words: Vec<(usize, usize, String)>,
    /// Term-list matches: `(start, end, label)`.
    pub terms: Vec<(usize, usize, String)>,
}

/// The features of every character of `chars`, one list of names per character.
pub fn features(chars: &[char], info: &TextInfo, set: FeatureSet) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = (0..chars.len()).map(|_| Vec::with_capacity(20)).collect();
    let mut name = String::with_capacity(64);
    each_feature(chars, info, set, |i, feature| {
        feature.write_name(&mut name);
        out[i].push(name.clone());
    });
    out
}

/// One feature of a character, before it is a name: what tagging memoises
/// (a character repeats through an article, so most of its features do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feature<'a> {
    /// Always present: `bias`.
    Bias,
    /// The character at an offset −2 … +2 (`^`/`$` past the edges): `c-1=张`.
    Char(i8, char),
    /// The characters at −1 and 0 (`b-1=张勇`), or 0 and +1 (`b+0=勇说`).
    Bigram(i8, char, char),
    /// The kind of the character at −1 … +1 (`edge` past the edges): `k+0=cjk`.
    Kind(i8, &'static str),
    /// Position in the jieba word, B/M/E/S: `w=B`.
    Position(&'static str),
    /// The jieba word's part of speech: `p=nr`.
    Tag(&'a str),
    /// Both: `wp=B-nr`.
    PositionTag(&'static str, &'a str),
    /// Covered by a term of a label's list, at its first character or after (`d=product:B`).
    Term(&'a str, bool),
}

impl Feature<'_> {
    /// A number that tells this feature from every other, for the features
    /// that hold no string (all but the word's tag and terms); `None` for those.
    pub fn key(&self) -> Option<u64> {
        // Characters take 21 bits; offsets −2 … +2 are shifted to 0 … 4.
        let offset = |d: i8| (d + 2) as u64;
        let kind = |kind: &str| CHAR_KINDS.iter().position(|k| *k == kind).unwrap_or(CHAR_KINDS.len()) as u64;
        match *self {
            Feature::Bias => Some(0),
            Feature::Char(d, c) => Some(1 << 60 | offset(d) << 48 | c as u64),
            Feature::Bigram(d, a, b) => Some(2 << 60 | offset(d) << 48 | (a as u64) << 24 | b as u64),
            Feature::Kind(d, k) => Some(3 << 60 | offset(d) << 48 | kind(k)),
            Feature::Position(p) => Some(4 << 60 | p.bytes().next().map_or(0, u64::from)),
            Feature::Tag(_) | Feature::PositionTag(..) | Feature::Term(..) => None,
        }
    }

    /// Writes the feature's name (CRFsuite's attribute) into `name`, replacing what it held.
    pub fn write_name(&self, name: &mut String) {
        name.clear();
        let sign = |d: i8| if d < 0 { '-' } else { '+' };
        let digit = |d: i8| char::from(b'0' + d.unsigned_abs());
        match *self {
            Feature::Bias => name.push_str("bias"),
            Feature::Char(d, c) => {
                name.extend(['c', sign(d), digit(d), '=', c]);
            }
            Feature::Bigram(d, a, b) => {
                name.extend(['b', sign(d), digit(d), '=', a, b]);
            }
            Feature::Kind(d, kind) => {
                name.extend(['k', sign(d), digit(d), '=']);
                name.push_str(kind);
            }
            Feature::Position(position) => {
                name.push_str("w=");
                name.push_str(position);
            }
            Feature::Tag(tag) => {
                name.push_str("p=");
                name.push_str(tag);
            }
            Feature::PositionTag(position, tag) => {
                name.push_str("wp=");
                name.push_str(position);
                name.push('-');
                name.push_str(tag);
            }
            Feature::Term(label, begins) => {
                name.push_str("d=");
                name.push_str(label);
                name.push_str(if begins { ":B" } else { ":I" });
            }
        }
    }
}
/// Hands every feature of every character to `emit(position, feature)`, in
/// position order: what [`features`] names, without a string per feature.
pub fn each_feature<'a>(chars: &[char], info: &'a TextInfo, set: FeatureSet, emit: impl FnMut(usize, Feature<'a>)) {
    each_feature_in(chars, info, set, 0..chars.len(), emit);
}

/// [`each_feature`] for the characters of `positions` only (their
/// neighbours outside it still count as context).
pub fn each_feature_in<'a>(
    chars: &[char],
    info: &'a TextInfo,
    set: FeatureSet,
    positions: std::ops::Range<usize>,
    mut emit: impl FnMut(usize, Feature<'a>),
) {
    let n = chars.len();
    let (from, to) = (positions.start.min(n), positions.end.min(n));
    // Per character: its position in its jieba word and the word's tag, and the terms over it.
    let mut word_at: Vec<Option<(&'static str, &'a str)>> = Vec::new();
    let mut terms_at: Vec<Vec<(&'a str, bool)>> = Vec::new();
    if set == FeatureSet::Full {
        word_at = vec![None; to.saturating_sub(from)];
        for (start, end, tag) in info.words.iter().filter(|w| w.1 > from && w.0 < to) {
            let (start, end) = (*start, (*end).min(n));
            for i in start.max(from)..end.min(to) {
                let position = match (i == start, i + 1 == end) {
                    (true, true) => "S",
                    (true, false) => "B",
                    (false, true) => "E",
                    (false, false) => "M",
                };
                // jieba's words do not overlap; were they to, the last one would win.
                word_at[i - from] = Some((position, tag.as_str()));
            }
        }
        if !info.terms.is_empty() {
            terms_at = vec![Vec::new(); to.saturating_sub(from)];
            for (start, end, label) in info.terms.iter().filter(|t| t.1 > from && t.0 < to) {
                for i in (*start).max(from)..(*end).min(to) {
                    terms_at[i - from].push((label.as_str(), i == *start));
                }
            }
        }
    }
    let at = |i: isize| -> char {
        match usize::try_from(i).ok().and_then(|i| chars.get(i)) {
            Some(c) => *c,
            None if i < 0 => '^',
            None => '$',
        }
    };
    // Each character's kind once, with one character of context either side.
    let kinds: Vec<&'static str> = (from.saturating_sub(1)..(to + 1).min(n)).map(|j| char_kind(chars[j])).collect();
    let kind_at = |j: isize| -> &'static str {
        usize::try_from(j)
            .ok()
            .filter(|j| *j < n)
            .and_then(|j| kinds.get(j - from.saturating_sub(1)))
            .copied()
            .unwrap_or("edge")
    };
    for i in from..to {
        let i_ = i as isize;
        emit(i, Feature::Bias);
        for d in -2i8..=2 {
            emit(i, Feature::Char(d, at(i_ + d as isize)));
        }
        emit(i, Feature::Bigram(-1, at(i_ - 1), at(i_)));
        emit(i, Feature::Bigram(0, at(i_), at(i_ + 1)));
        for d in -1i8..=1 {
            emit(i, Feature::Kind(d, kind_at(i_ + d as isize)));
        }
        if let Some(&Some((position, tag))) = word_at.get(i - from) {
            emit(i, Feature::Position(position));
            emit(i, Feature::Tag(tag));
            emit(i, Feature::PositionTag(position, tag));
        }
        for &(label, begins) in terms_at.get(i - from).map_or(&[][..], Vec::as_slice) {
            emit(i, Feature::Term(label, begins));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_characters_are_one_position_and_edges_are_marked() {
        // 𠮷 (U+20BB7) and 😀 are one code point each, so one feature list each.
        let chars: Vec<char> = "𠮷张勇😀".chars().collect();
        let f = features(&chars, &TextInfo::default(), FeatureSet::Characters);
        assert_eq!(f.len(), 4);
        assert!(f[0].contains(&"c+0=𠮷".to_owned()) && f[0].contains(&"c-1=^".to_owned()));
        assert!(f[0].contains(&"k+0=cjk".to_owned()), "{:?}", f[0]);
        assert!(f[1].contains(&"b-1=𠮷张".to_owned()));
        assert!(f[3].contains(&"c+1=$".to_owned()) && f[3].contains(&"k+0=other".to_owned()), "{:?}", f[3]);
    }

    #[test]
    fn word_positions_tags_and_terms_join_in_full_mode() {
        let chars: Vec<char> = "张勇说阿里云".chars().collect();
        let info = TextInfo {
            words: vec![(0, 2, "nr".into()), (2, 3, "v".into()), (3, 6, "nz".into())],
            terms: vec![(3, 6, "product".into())],
        };
        let f = features(&chars, &info, FeatureSet::Full);
        assert!(f[0].contains(&"w=B".to_owned()) && f[1].contains(&"wp=E-nr".to_owned()));
        assert!(f[2].contains(&"w=S".to_owned()) && f[4].contains(&"w=M".to_owned()));
        assert!(f[3].contains(&"d=product:B".to_owned()) && f[5].contains(&"d=product:I".to_owned()));
        assert!(!features(&chars, &info, FeatureSet::Characters)[3].iter().any(|x| x.starts_with("d=")));
    }

    // The names as FEATURES_VERSION 1 first wrote them, one `format!` each:
    // the streamed names must stay exactly these (they are in model files).
    fn formatted_features(chars: &[char], info: &TextInfo, set: FeatureSet) -> Vec<Vec<String>> {
        let n = chars.len();
        let at = |i: isize| -> String {
            match usize::try_from(i).ok().and_then(|i| chars.get(i)) {
                Some(c) => c.to_string(),
                None if i < 0 => "^".to_owned(),
                None => "$".to_owned(),
            }
        };
        let mut out: Vec<Vec<String>> = Vec::with_capacity(n);
        for i in 0..n {
            let i_ = i as isize;
            let mut f = Vec::with_capacity(20);
            f.push("bias".to_owned());
            for d in -2isize..=2 {
                f.push(format!("c{d:+}={}", at(i_ + d)));
            }
            f.push(format!("b-1={}{}", at(i_ - 1), at(i_)));
            f.push(format!("b+0={}{}", at(i_), at(i_ + 1)));
            for d in -1isize..=1 {
                let kind = usize::try_from(i_ + d).ok().and_then(|j| chars.get(j)).map_or("edge", |c| char_kind(*c));
                f.push(format!("k{d:+}={kind}"));
            }
            out.push(f);
        }
        if set == FeatureSet::Full {
            for (start, end, tag) in &info.words {
                let (start, end) = (*start, (*end).min(n));
                for (i, f) in out.iter_mut().enumerate().take(end).skip(start) {
                    let position = match (i == start, i + 1 == end) {
                        (true, true) => "S",
                        (true, false) => "B",
                        (false, true) => "E",
                        (false, false) => "M",
                    };
                    f.push(format!("w={position}"));
                    f.push(format!("p={tag}"));
                    f.push(format!("wp={position}-{tag}"));
                }
            }
            for (start, end, label) in &info.terms {
                for (i, f) in out.iter_mut().enumerate().take((*end).min(n)).skip(*start) {
                    f.push(format!("d={label}:{}", if i == *start { "B" } else { "I" }));
                }
            }
        }
        out
    }

    #[test]
    fn streamed_names_are_the_formatted_names_of_version_1_for_whole_texts_and_ranges() {
        let text = "𠮷张勇说：阿里云\n营收167.61亿元😀，同比增长37%。";
        let chars: Vec<char> = text.chars().collect();
        let info = TextInfo {
            words: vec![(0, 1, "x".into()), (1, 3, "nr".into()), (3, 4, "v".into()), (5, 8, "nz".into())],
            terms: vec![(5, 8, "product".into()), (6, 8, "product".into()), (11, 19, "metric".into())],
        };
        for set in [FeatureSet::Characters, FeatureSet::Full] {
            let want = formatted_features(&chars, &info, set);
            assert_eq!(features(&chars, &info, set), want, "{set:?}");
            let mut part: Vec<Vec<String>> = vec![Vec::new(); chars.len()];
            let mut name = String::new();
            each_feature_in(&chars, &info, set, 4..13, |i, feature| {
                feature.write_name(&mut name);
                part[i].push(name.clone());
            });
            for (i, names) in part.iter().enumerate() {
                let expected: &[String] = if (4..13).contains(&i) { &want[i] } else { &[] };
                assert_eq!(names.as_slice(), expected, "{set:?} at {i}");
            }
        }
    }

    #[test]
    fn kinds_of_characters() {
        let kinds: Vec<&str> =
            ['张', 'i', '7', '７', '，', '%', ' ', '\u{3000}'].iter().map(|c| char_kind(*c)).collect();
        assert_eq!(kinds, ["cjk", "latin", "digit", "digit", "punct", "punct", "space", "space"]);
    }
}
