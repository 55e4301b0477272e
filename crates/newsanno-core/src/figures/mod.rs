//! Normalised figures: what a metric span's text says as a number, a unit and
//! a kind (167.61亿元 → 16761000000 CNY amount; 同比增长37% → +37 % change;
//! 3小时20分钟 → 12000 s duration).
//!
//! The reader is strict: every character of the text must be part of the
//! figure or a word it knows (约, 同比, 人民币, 左右, a measure word and its
//! noun). Whatever it cannot read stays empty — a vague number (20多万) has a
//! unit and a kind but no value, 3点20分 (a time of day) has nothing — and
//! nothing is guessed. Values are exact decimals (167.61亿 is 16761000000,
//! not 16760999999.999998).

mod numerals;
mod words;

use std::fmt;

pub use rust_decimal::Decimal;

use numerals::{Reading, read_number, starts_number};
use words::{longest, longest_word, starts_with};

/// What kind of figure a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// Money: 167.61亿元, $1.2 billion.
    Amount,
    /// A share: 12.5%, 百分之三十七, 三成.
    Percent,
    /// A signed change: 同比增长37%, 下降0.5个百分点, 减少3000人.
    Change,
    /// Things counted with a measure word: 20万次, 6亿用户.
    Count,
    /// A length of time, in seconds: 3小时20分钟.
    Duration,
    /// A multiple: 3倍.
    Ratio,
    /// A bare number: 2300万.
    Number,
}

crate::named_values!(FigureKind, "a figure kind", [
    Amount => "amount",
    Percent => "percent",
    Change => "change",
    Count => "count",
    Duration => "duration",
    Ratio => "ratio",
    Number => "number",
]);

/// Every unit the normaliser writes: ISO 4217 currency codes, `%`, `pp`
/// (percentage points), `s`, `x` (a multiple) and the things measure words count.
pub const UNITS: &[&str] = &[
    "CNY",
    "USD",
    "HKD",
    "EUR",
    "JPY",
    "GBP",
    "TWD",
    "KRW",
    "%",
    "pp",
    "s",
    "x",
    "people",
    "person-times",
    "times",
    "users",
    "companies",
    "items",
    "units",
    "vehicles",
    "models",
    "transactions",
    "orders",
    "sheets",
    "copies",
];

/// What [`normalize`] read from a text. Each part is `None` when the text does not say it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figure {
    /// The exact value, in the unit (a percent as 37 for 37 %, a duration in seconds).
    pub value: Option<Decimal>,
    /// The unit, one of [`UNITS`].
    pub unit: Option<&'static str>,
    /// What kind of figure it is.
    pub kind: Option<FigureKind>,
}

impl Figure {
    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.value.is_none() && self.unit.is_none() && self.kind.is_none()
    }

    /// One JSON object `{"text", "value", "unit", "kind"}`: the value a JSON
    /// number written exactly (no binary rounding), absent parts `null`.
    pub fn to_json_line(&self, text: &str) -> String {
        let string = |s: Option<&str>| match s {
            Some(s) => serde_json::Value::from(s).to_string(),
            None => "null".to_owned(),
        };
        let value = self.value.map_or_else(|| "null".to_owned(), |v| v.to_string());
        format!(
            "{{\"text\":{},\"value\":{value},\"unit\":{},\"kind\":{}}}",
            serde_json::Value::from(text),
            string(self.unit),
            string(self.kind.map(FigureKind::name))
        )
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(v) = self.value {
            parts.push(v.to_string());
        }
        if let Some(u) = self.unit {
            parts.push(u.to_owned());
        }
        if let Some(k) = self.kind {
            parts.push(k.name().to_owned());
        }
        if parts.is_empty() { f.write_str("(nothing read)") } else { f.write_str(&parts.join(" ")) }
    }
}

// What the words before the number said.
#[derive(Default)]
struct Prefix {
    sign: Option<i8>,
    direction: Option<i8>,
    currency: Option<&'static str>,
    percent: bool,
}

// What the words after the number said.
enum Suffix {
    None,
    Currency(&'static str),
    Percent,
    Points,
    Tenths,
    Ratio,
    Duration,
    Measure(Option<&'static str>),
}

/// Reads `text` as a figure. Never fails: what cannot be read is `None`.
pub fn normalize(text: &str) -> Figure {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    read(&chars).unwrap_or_default()
}

fn read(chars: &[char]) -> Option<Figure> {
    let (prefix, mut pos) = read_prefix(chars)?;
    let reading = read_number(chars, pos)?;
    pos = reading.end();
    let mut value = match reading {
        Reading::Exact(v, _) => Some(v),
        Reading::Vague(_) => None,
    };
    // 1.2 billion
    if let Some((m, len)) = longest(chars, pos, words::ENGLISH_MULTIPLIERS) {
        value = match value {
            Some(v) => Some(v.checked_mul(Decimal::from(m))?),
            None => None,
        };
        pos += len;
    }
    let (suffix, end) = read_suffix(chars, pos, &mut value)?;
    pos = end;
    pos += longest_word(chars, pos, words::TRAILING_QUALIFIERS).unwrap_or(0);
    if pos != chars.len() {
        return None;
    }

    let (unit, mut kind) = match suffix {
        Suffix::None if prefix.percent => (Some("%"), FigureKind::Percent),
        _ if prefix.percent => return None,
        Suffix::None => match prefix.currency {
            Some(c) => (Some(c), FigureKind::Amount),
            None => (None, FigureKind::Number),
        },
        Suffix::Currency(c) => {
            if prefix.currency.is_some_and(|p| p != c && c != "CNY") {
                return None;
            }
            (Some(prefix.currency.unwrap_or(c)), FigureKind::Amount)
        }
        _ if prefix.currency.is_some() => return None,
        Suffix::Percent => (Some("%"), FigureKind::Percent),
        Suffix::Tenths => {
            value = match value {
                Some(v) => Some(v.checked_mul(Decimal::TEN)?),
                None => None,
            };
            (Some("%"), FigureKind::Percent)
        }
        Suffix::Points => (Some("pp"), FigureKind::Change),
        Suffix::Ratio => (Some("x"), FigureKind::Ratio),
        Suffix::Duration => (Some("s"), FigureKind::Duration),
        Suffix::Measure(unit) => (unit, FigureKind::Count),
    };
    if prefix.direction.is_some() || (prefix.sign.is_some() && kind != FigureKind::Duration) {
        if kind == FigureKind::Ratio || kind == FigureKind::Duration {
            // 增长3倍 is read as 3x or 4x by different writers: no value.
            value = None;
        }
        kind = FigureKind::Change;
    }
    let sign = prefix.direction.unwrap_or(1) * prefix.sign.unwrap_or(1);
    let value = value.map(|v| if sign < 0 { -v } else { v }).map(|v| v.normalize());
    Some(Figure { value, unit, kind: Some(kind) })
}

// Qualifiers, comparisons, a direction, a currency, 百分之 and a sign, in any
// order, up to the number; `None` if anything else comes first.
fn read_prefix(chars: &[char]) -> Option<(Prefix, usize)> {
    let mut prefix = Prefix::default();
    let mut pos = 0;
    while pos < chars.len() && !starts_number(chars[pos]) {
        if let Some((sign, len)) = longest(chars, pos, words::DIRECTIONS) {
            if prefix.direction.is_some() {
                return None;
            }
            pos += len;
            // 增长到37%, 降至5% name the level reached, not the change.
            if matches!(chars.get(pos), Some('到' | '至')) {
                pos += 1;
            } else {
                prefix.direction = Some(sign);
            }
        } else if let Some(len) = longest_word(chars, pos, words::COMPARISONS) {
            pos += len;
        } else if let Some(len) = longest_word(chars, pos, words::QUALIFIERS) {
            pos += len;
        } else if let Some((currency, len)) = longest(chars, pos, words::CURRENCY_PREFIXES) {
            prefix.currency = Some(currency);
            pos += len;
        } else if starts_with(chars, pos, "百分之") {
            prefix.percent = true;
            pos += 3;
        } else if prefix.sign.is_none() && matches!(chars[pos], '+' | '＋') {
            prefix.sign = Some(1);
            pos += 1;
        } else if prefix.sign.is_none() && matches!(chars[pos], '-' | '－' | '−') {
            prefix.sign = Some(-1);
            pos += 1;
        } else {
            return None;
        }
    }
    Some((prefix, pos))
}

// The unit words after the number. A duration may go on with more numbers and
// smaller units (3小时20分钟); `value` becomes seconds.
fn read_suffix(chars: &[char], pos: usize, value: &mut Option<Decimal>) -> Option<(Suffix, usize)> {
    if let Some(len) = longest_word(chars, pos, words::PERCENT_SUFFIXES) {
        return Some((Suffix::Percent, pos + len));
    }
    if let Some(len) = longest_word(chars, pos, words::POINT_SUFFIXES) {
        return Some((Suffix::Points, pos + len));
    }
    if chars.get(pos) == Some(&'倍') {
        return Some((Suffix::Ratio, pos + 1));
    }
    if chars.get(pos) == Some(&'成') && pos + 1 == chars.len() {
        return Some((Suffix::Tenths, pos + 1));
    }
    if let Some((currency, len)) = longest(chars, pos, words::CURRENCY_SUFFIXES) {
        return Some((Suffix::Currency(currency), pos + len));
    }
    if longest_word(chars, pos, words::UNREADABLE).is_some() {
        return None;
    }
    if let Some(end) = read_duration(chars, pos, value) {
        return Some((Suffix::Duration, end));
    }
    if let Some((unit, len)) = longest(chars, pos, words::MEASURE_WORDS) {
        // The noun after a measure word (3000名员工) says what is counted;
        // the unit is the measure word's.
        let noun = chars[pos + len..].iter().take_while(|c| is_han(**c) && !is_numeral_char(**c)).count();
        let end = pos + len + noun;
        let trailing = longest_word(chars, end, words::TRAILING_QUALIFIERS).unwrap_or(0);
        if end + trailing == chars.len() {
            return Some((Suffix::Measure(Some(unit)), end));
        }
        // The noun took a trailing qualifier with it (3000人左右).
        let without = (0..=noun).rev().find(|&n| {
            longest_word(chars, pos + len + n, words::TRAILING_QUALIFIERS)
                .is_some_and(|t| pos + len + n + t == chars.len())
        });
        return without.map(|n| (Suffix::Measure(Some(unit)), pos + len + n));
    }
    Some((Suffix::None, pos))
}

// 3小时20分钟, 1.5小时, 3个半小时, 半天: the value in seconds and the end.
fn read_duration(chars: &[char], mut pos: usize, value: &mut Option<Decimal>) -> Option<usize> {
    let mut total_ms = Decimal::ZERO;
    let mut current = *value;
    let mut exact = value.is_some();
    let mut last_unit = u64::MAX;
    let mut first = true;
    loop {
        // 3个半小时
        let mut half = false;
        if starts_with(chars, pos, "个半") {
            half = true;
            pos += 2;
        } else if chars.get(pos) == Some(&'半') && !first {
            half = true;
            pos += 1;
        }
        let units: Vec<(&str, u64)> = words::DURATIONS
            .iter()
            .copied()
            .filter(|(w, _)| !(first && *w == "分" || half && w.starts_with('个')))
            .collect();
        let (ms, len) = longest(chars, pos, &units)?;
        if ms >= last_unit {
            return None;
        }
        last_unit = ms;
        pos += len;
        if let Some(n) = current {
            let n = if half { n.checked_add(Decimal::new(5, 1))? } else { n };
            total_ms = total_ms.checked_add(n.checked_mul(Decimal::from(ms))?)?;
        }
        first = false;
        // Another number and a smaller unit may follow.
        let Some(reading) = chars.get(pos).filter(|c| starts_number(**c)).and_then(|_| read_number(chars, pos)) else {
            break;
        };
        match reading {
            Reading::Exact(v, end) => {
                current = Some(v);
                pos = end;
            }
            Reading::Vague(end) => {
                exact = false;
                current = None;
                pos = end;
            }
        }
    }
    *value = if exact { Some((total_ms / Decimal::from(1000)).normalize()) } else { None };
    Some(pos)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2FFFF}')
}

fn is_numeral_char(c: char) -> bool {
    numerals::chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        normalize(text).to_string()
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(read("167.61亿元"), "16761000000 CNY amount");
        assert_eq!(read("同比增长37%"), "37 % change");
        assert_eq!(read("2300万"), "23000000 number");
        assert_eq!(read("三千二百万"), "32000000 number");
        assert_eq!(read("两百"), "200 number");
        assert_eq!(read("一百零五"), "105 number");
        assert_eq!(read("1.5万亿"), "1500000000000 number");
        assert_eq!(read("0.5个百分点"), "0.5 pp change");
        assert_eq!(read("下降0.5个百分点"), "-0.5 pp change");
        assert_eq!(read("3小时20分钟"), "12000 s duration");
        assert_eq!(read("20万次"), "200000 times count");
        assert_eq!(read("6亿用户"), "600000000 users count");
        assert_eq!(read("5亿美元"), "500000000 USD amount");
        assert_eq!(read("港元"), "(nothing read)");
    }

    #[test]
    fn what_cannot_be_read_stays_empty() {
        assert!(normalize("3点20分").is_empty(), "a time of day");
        assert!(normalize("2026年").is_empty());
        assert!(normalize("iPhone 17").is_empty());
        assert!(normalize("第三季度").is_empty());
        assert!(normalize("").is_empty());
        assert_eq!(read("20多万人"), "people count");
        assert_eq!(read("增长3倍"), "x change");
    }

    #[test]
    fn json_lines_write_exact_numbers() {
        assert_eq!(
            normalize("167.61亿元").to_json_line("167.61亿元"),
            r#"{"text":"167.61亿元","value":16761000000,"unit":"CNY","kind":"amount"}"#
        );
        assert_eq!(normalize("x").to_json_line("x"), r#"{"text":"x","value":null,"unit":null,"kind":null}"#);
    }
}
