//! The normaliser against its reference table (docs/FIGURES.md) and property
//! tests: Arabic and Chinese numerals read back to the numbers they write.

use newsanno_core::figures::{Decimal, normalize};
use proptest::prelude::*;

const TABLE: &str = include_str!("../../../docs/FIGURES.md");

// The rows between the table markers: text, value, unit, kind.
fn reference_rows() -> Vec<[String; 4]> {
    let begin = TABLE.find("<!-- figures-reference: begin -->").expect("begin marker in docs/FIGURES.md");
    let end = TABLE.find("<!-- figures-reference: end -->").expect("end marker in docs/FIGURES.md");
    TABLE[begin..end]
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("| text") && !l.starts_with("|---"))
        .map(|l| {
            let cells: Vec<String> = l.trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect();
            assert_eq!(cells.len(), 4, "row {l:?}");
            [cells[0].clone(), cells[1].clone(), cells[2].clone(), cells[3].clone()]
        })
        .collect()
}

#[test]
fn every_row_of_the_reference_table() {
    let rows = reference_rows();
    assert!(rows.len() > 80, "the table has {} rows", rows.len());
    let mut wrong = Vec::new();
    for [text, value, unit, kind] in &rows {
        let figure = normalize(text);
        let got = [
            figure.value.map(|v| v.to_string()).unwrap_or_default(),
            figure.unit.unwrap_or_default().to_owned(),
            figure.kind.map(|k| k.name()).unwrap_or_default().to_owned(),
        ];
        if got != [value.clone(), unit.clone(), kind.clone()] {
            wrong.push(format!("{text}: want {value}|{unit}|{kind}, got {}|{}|{}", got[0], got[1], got[2]));
        }
    }
    assert!(wrong.is_empty(), "{} of {} rows differ:\n{}", wrong.len(), rows.len(), wrong.join("\n"));
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

// A group below 10000 as Chinese numerals; `leading` writes 十二 rather than 一十二.
fn chinese_group(g: u64, leading: bool) -> String {
    let mut out = String::new();
    let mut zero = false;
    let mut started = false;
    for (d, unit) in [(g / 1000, "千"), (g / 100 % 10, "百"), (g / 10 % 10, "十"), (g % 10, "")] {
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(leading && !started && unit == "十" && d == 1) {
            out.push_str(DIGITS[d as usize]);
        }
        out.push_str(unit);
        started = true;
    }
    out
}

// `n` (below 10^12) as Chinese numerals, with 零 where a zero group or digit is skipped.
fn chinese(n: u64) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    let mut out = String::new();
    let mut skipped = false;
    for (g, unit) in [(n / 100_000_000, "亿"), (n / 10_000 % 10_000, "万"), (n % 10_000, "")] {
        if g == 0 {
            skipped |= !out.is_empty();
            continue;
        }
        if !out.is_empty() && (skipped || g < 1000) {
            out.push('零');
        }
        out.push_str(&chinese_group(g, out.is_empty()));
        out.push_str(unit);
        skipped = false;
    }
    out
}

#[test]
fn the_renderer_writes_what_people_write() {
    assert_eq!(chinese(105), "一百零五");
    assert_eq!(chinese(12), "十二");
    assert_eq!(chinese(32_000_000), "三千二百万");
    assert_eq!(chinese(100_010), "十万零一十");
    assert_eq!(chinese(120_000_000), "一亿二千万");
    assert_eq!(chinese(300_050_000), "三亿零五万");
}

proptest! {
    #[test]
    fn chinese_numerals_read_back(n in 0u64..1_000_000_000_000) {
        let text = chinese(n);
        prop_assert_eq!(normalize(&text).value, Some(Decimal::from(n)), "{}", text);
    }

    #[test]
    fn arabic_numerals_read_back(n in 0u64..u64::MAX, thousands in any::<bool>()) {
        let plain = n.to_string();
        let text = if thousands {
            // 1,234,567
            let digits: Vec<char> = plain.chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(*c);
            }
            out
        } else {
            plain
        };
        prop_assert_eq!(normalize(&text).value, Some(Decimal::from(n)), "{}", text);
    }

    #[test]
    fn arabic_with_multipliers_is_exact(hundredths in 0u64..100_000_000, unit in 0usize..4) {
        let (word, factor) = [("万", 10_000u64), ("亿", 100_000_000), ("万亿", 1_000_000_000_000), ("千万", 10_000_000)][unit];
        let text = format!("{}.{:02}{word}元", hundredths / 100, hundredths % 100);
        let want = Decimal::from(hundredths) * Decimal::from(factor) / Decimal::from(100);
        let figure = normalize(&text);
        prop_assert_eq!(figure.value, Some(want.normalize()), "{}", text);
        prop_assert_eq!(figure.unit, Some("CNY"));
    }

    #[test]
    fn any_text_reads_without_panicking(text in "\\PC{0,24}") {
        let _ = normalize(&text);
    }

    #[test]
    fn numeral_soup_reads_without_panicking(text in "[0-9.,一二两三四五六七八九十百千万亿零点多余数半个小时分钟秒%元增长下降同比约]{0,16}") {
        let _ = normalize(&text);
    }
}
