//! Snapping a selection to words: on any text and range the result lies in
//! the text, starts and ends on word boundaries (or the whitespace and
//! punctuation trimmed from them), has no whitespace at its edges, and keeps
//! every selected character that is neither whitespace nor punctuation; a
//! selection of only punctuation and whitespace stays inside what was selected.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsanno::Document;
use newsanno::segment::{Segmenter, is_edge_punctuation};

static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(|| Segmenter::new(true));

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let text = String::from_utf8_lossy(&data[4..]).into_owned();
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len().max(1);
    let a = usize::from(u16::from_le_bytes([data[0], data[1]])) % (len + 2);
    let b = usize::from(u16::from_le_bytes([data[2], data[3]])) % (len + 2);
    let doc = Document::from_text("fuzz", &text);
    let bounds = SEGMENTER.word_boundaries(&text);
    assert!(bounds.windows(2).all(|w| w[0] < w[1]), "boundaries not increasing");
    assert!(bounds.iter().all(|&x| x <= chars.len()));
    let (lo, hi) = (a.min(b).min(chars.len()), a.max(b).min(chars.len()));
    match SEGMENTER.snap(&doc, a, b) {
        Some((s, e)) => {
            assert!(s < e && e <= chars.len(), "({s}, {e}) outside the text");
            assert!(!chars[s].is_whitespace() && !chars[e - 1].is_whitespace(), "whitespace at an edge");
            let trimmed = |c: char| c.is_whitespace() || is_edge_punctuation(c);
            if chars[lo..hi].iter().all(|&c| trimmed(c)) {
                assert!(lo <= s && e <= hi, "a punctuation-only selection ({lo}, {hi}) grew to ({s}, {e})");
                return;
            }
            for (i, &c) in chars.iter().enumerate().take(hi).skip(lo) {
                assert!(trimmed(c) || (s <= i && i < e), "selected {c:?} at {i} dropped by ({s}, {e})");
            }
            // The start was a boundary, then moved right over whitespace and punctuation only; the end likewise leftwards.
            let is_bound = |x: usize| x == 0 || x == chars.len() || bounds.binary_search(&x).is_ok();
            let mut y = s;
            while !is_bound(y) {
                assert!(trimmed(chars[y - 1]), "start {s} is not on a word boundary");
                y -= 1;
            }
            let mut y = e;
            while !is_bound(y) {
                assert!(trimmed(chars[y]), "end {e} is not on a word boundary");
                y += 1;
            }
        }
        None => {
            assert!(chars[lo..hi].iter().all(|c| c.is_whitespace()), "a non-empty selection was dropped");
        }
    }
});
