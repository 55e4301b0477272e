//! Part-of-speech hints: words jieba tags with one of a label's `pos_tags`
//! (`nr`, a person's name, for `executive`), strong when a title such as
//! 董事长 or CEO stands right before or after the word.

/// How many characters before a word a title may end, or after it a title may start.
const TITLE_WINDOW: usize = 4;

/// `(start, end, tag, strong)` for every tagged word whose tag is in `wanted`.
pub fn hints(
    tagged: &[(usize, usize, String)],
    chars: &[char],
    wanted: &[String],
    titles: &[Vec<char>],
) -> Vec<(usize, usize, String, bool)> {
    tagged
        .iter()
        .filter(|(s, e, tag)| e - s >= 2 && wanted.iter().any(|w| w == tag))
        .map(|(s, e, tag)| (*s, *e, tag.clone(), next_to_title(chars, *s, *e, titles)))
        .collect()
}

fn next_to_title(chars: &[char], start: usize, end: usize, titles: &[Vec<char>]) -> bool {
    titles.iter().any(|title| {
        let n = title.len();
        // A title ending within TITLE_WINDOW characters before the word …
        let before = (start.saturating_sub(TITLE_WINDOW + n)..=start.saturating_sub(n))
            .any(|i| i + n <= start && chars.get(i..i + n) == Some(title.as_slice()));
        // … or starting within TITLE_WINDOW characters after it.
        let after = (end..=end + TITLE_WINDOW).any(|i| chars.get(i..i + n) == Some(title.as_slice()));
        before || after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_next_to_a_name_make_it_strong() {
        let text = "阿里巴巴董事长张勇表示，王小明也来了，马云是创始人";
        let chars: Vec<char> = text.chars().collect();
        let tagged = vec![
            (7, 9, "nr".to_owned()),
            (12, 15, "nr".to_owned()),
            (19, 21, "nr".to_owned()),
            (0, 4, "nz".to_owned()),
        ];
        let titles: Vec<Vec<char>> = ["董事长", "创始人"].iter().map(|t| t.chars().collect()).collect();
        let got = hints(&tagged, &chars, &["nr".to_owned()], &titles);
        let strong: Vec<(usize, bool)> = got.iter().map(|h| (h.0, h.3)).collect();
        assert_eq!(strong, [(7, true), (12, false), (19, true)]);
    }
}
