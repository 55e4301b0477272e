//! Term lists: every occurrence of a listed term in the raw text, found with
//! Aho-Corasick (leftmost-longest), no segmentation needed.

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use newsanno_core::error::{Error, Result};

/// Reads a term list: one term a line, trimmed; blank lines and lines starting with `#` are skipped.
pub fn read_term_file(path: &Path) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = newsanno_core::text::str_from_utf8(&bytes, path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect())
}

/// Finds a fixed set of terms in text, leftmost-longest and non-overlapping.
#[derive(Debug, Clone)]
pub struct TermMatcher {
    automaton: Option<AhoCorasick>,
    terms: Vec<String>,
}

impl TermMatcher {
    /// A matcher for `terms` (duplicates and empty strings are dropped).
    pub fn new<S: AsRef<str>>(terms: impl IntoIterator<Item = S>) -> Result<Self> {
        let mut terms: Vec<String> =
            terms.into_iter().map(|t| t.as_ref().to_owned()).filter(|t| !t.is_empty()).collect();
        terms.sort();
        terms.dedup();
        let automaton = if terms.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&terms)
                    .map_err(|e| Error::Usage(format!("cannot build the term matcher: {e}")))?,
            )
        };
        Ok(TermMatcher { automaton, terms })
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Matches in `text` as byte ranges with the index of the term (see [`TermMatcher::term`]).
    /// A match that starts or ends inside a Latin word or number (`AI` in `OpenAI`) is skipped.
    pub fn find_bytes(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        automaton
            .find_iter(text)
            .filter(|m| !cuts_a_latin_word(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    /// The term with index `i`.
    pub fn term(&self, i: usize) -> &str {
        &self.terms[i]
    }
}

/// Whether `[start, end)` (bytes) begins right after, or ends right before, an
/// ASCII letter or digit that continues a Latin word at that edge.
pub fn cuts_a_latin_word(text: &str, start: usize, end: usize) -> bool {
    let inner_first = text[start..].chars().next();
    let inner_last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    (word(before) && word(inner_first)) || (word(after) && word(inner_last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest_on_raw_chinese_with_astral_characters() {
        let m = TermMatcher::new(["阿里", "阿里云", "云", "𠮷野家", "钉钉"]).unwrap();
        let text = "𠮷野家和阿里云、钉钉😀阿里";
        let found: Vec<&str> = m.find_bytes(text).iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(found, ["𠮷野家", "阿里云", "钉钉", "阿里"]);
    }

    #[test]
    fn latin_terms_do_not_match_inside_latin_words() {
        let m = TermMatcher::new(["AI", "iPhone 17"]).unwrap();
        let text = "OpenAI发布AI芯片，iPhone 17与iPhone 170不同，MAIL";
        let found: Vec<(usize, &str)> = m.find_bytes(text).iter().map(|&(s, e, _)| (s, &text[s..e])).collect();
        assert_eq!(found.iter().map(|f| f.1).collect::<Vec<_>>(), ["AI", "iPhone 17"]);
    }
}
