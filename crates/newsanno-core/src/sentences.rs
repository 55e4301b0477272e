//! Sentences of a text, cut the same way for everything that works per
//! sentence (the CRF's sequences, BIO and Hugging Face examples): after each
//! sentence-ending character (。！？；!?; by default) and each newline, with
//! the closing quotes and brackets that follow kept in the sentence they end
//! (`……持久的核心竞争力。”` is one sentence), and never where a span goes on.

/// Characters after which a sentence ends by default (a newline always ends one).
pub const SENTENCE_ENDS: &str = "。！？；!?;";

/// Closing quotes and brackets that stay with the sentence they follow.
pub const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '"', '\'', '】', '》', '〉'];

/// The sentences of `chars` as `[start, end)` ranges covering the text in
/// order: a sentence ends after one of `ends` or a newline (with the closers
/// after it), unless the boundary falls inside a range of `unbreakable` (a span).
pub fn sentences(chars: &[char], ends: &str, unbreakable: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut inside = vec![false; chars.len() + 1];
    for &(start, end) in unbreakable {
        for flag in inside.iter_mut().take(end.min(chars.len())).skip(start + 1) {
            *flag = true;
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // `str::contains(char)` runs a substring search: too slow per character.
        if c == '\n' || ends.chars().any(|end| end == c) {
            let mut end = i + 1;
            while end < chars.len() && CLOSERS.contains(&chars[end]) {
                end += 1;
            }
            if !inside[end] || end == chars.len() {
                if end > start {
                    out.push((start, end));
                }
                start = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(&chars, SENTENCE_ENDS, spans).iter().map(|&(a, b)| chars[a..b].iter().collect()).collect()
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence_and_spans_are_never_cut() {
        assert_eq!(cut("他说：“很好。”然后走了！\n第二段。", &[]), ["他说：“很好。”", "然后走了！", "\n", "第二段。"]);
        assert_eq!(
            cut("张勇表示：“云是持久的核心竞争力。”（完）", &[]),
            ["张勇表示：“云是持久的核心竞争力。”", "（完）"]
        );
        assert_eq!(cut("发布《通义千问。》后", &[]), ["发布《通义千问。》", "后"]);
        // A span over the full stop keeps the two sentences together.
        assert_eq!(
            cut("他说：“很好。”然后走了！\n第二段。", &[(5, 10)]),
            ["他说：“很好。”然后走了！", "\n", "第二段。"]
        );
        // Astral characters are one position each; CRLF is normalised away before this.
        assert_eq!(cut("𠮷野家😀。好", &[]), ["𠮷野家😀。", "好"]);
        assert!(cut("", &[]).is_empty());
    }
}
