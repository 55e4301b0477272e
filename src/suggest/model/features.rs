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
            || crate::segment::is_edge_punctuation(c)
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

/// The features of every character of `chars`, one list per character.
pub fn features(chars: &[char], info: &TextInfo, set: FeatureSet) -> Vec<Vec<String>> {
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

    #[test]
    fn kinds_of_characters() {
        let kinds: Vec<&str> =
            ['张', 'i', '7', '７', '，', '%', ' ', '\u{3000}'].iter().map(|c| char_kind(*c)).collect();
        assert_eq!(kinds, ["cjk", "latin", "digit", "digit", "punct", "punct", "space", "space"]);
    }
}
