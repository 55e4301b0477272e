//! Numbers as news writes them: Arabic (ASCII or full-width, with thousands
//! separators and a decimal point), Chinese numerals (一百零五, 两百, 三点五,
//! financial 壹贰叁), and the mix of both with the multipliers 十, 百, 千, 万
//! and 亿 (167.61亿, 1.5万亿, 3千2百万).
//!
//! Every value is an exact [`Decimal`]; arithmetic is checked, so a number too
//! large to hold is "not a number", never a panic or a rounded value.

use rust_decimal::Decimal;

/// What reading a number at a position found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reading {
    /// An exact value and the position after it.
    Exact(Decimal, usize),
    /// A number that names no exact value (20多万, 数千, 2300余万): its end.
    Vague(usize),
}

impl Reading {
    /// The position after the number.
    pub(crate) fn end(&self) -> usize {
        match self {
            Reading::Exact(_, end) | Reading::Vague(end) => *end,
        }
    }
}

/// The value of a Chinese digit (两 is 2, 〇 and 零 are 0; financial forms too).
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '兩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

// 十, 百, 千 (and their financial forms): units below 万.
fn small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// The value of an ASCII or full-width digit.
pub(crate) fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whether `c` can start a number.
pub(crate) fn starts_number(c: char) -> bool {
    arabic_digit(c).is_some() || chinese_digit(c).is_some() || small_unit(c) == Some(10) || c == '半' || c == '数'
}

// An Arabic number at `pos`: digits, thousands separators between groups of
// three, one decimal point. Returns its value and end.
fn arabic(chars: &[char], pos: usize) -> Option<(Decimal, usize)> {
    let mut text = String::new();
    let mut i = pos;
    let mut seen_point = false;
    while i < chars.len() {
        let c = chars[i];
        if let Some(d) = arabic_digit(c) {
            text.push(char::from_digit(d, 10)?);
            i += 1;
        } else if matches!(c, ',' | '，')
            && !seen_point
            && !text.is_empty()
            && (1..=3).all(|k| chars.get(i + k).and_then(|&c| arabic_digit(c)).is_some())
            && chars.get(i + 4).and_then(|&c| arabic_digit(c)).is_none()
        {
            // A thousands separator: exactly three digits follow.
            i += 1;
        } else if matches!(c, '.' | '．')
            && !seen_point
            && !text.is_empty()
            && chars.get(i + 1).and_then(|&c| arabic_digit(c)).is_some()
        {
            seen_point = true;
            text.push('.');
            i += 1;
        } else {
            break;
        }
    }
    if text.is_empty() {
        return None;
    }
    // More digits than a Decimal holds (28) is not a figure we can keep exactly.
    text.parse::<Decimal>().ok().map(|value| (value, i))
}

// The state of a number being read, by the usual grouping: what is done
// above 亿, the 万 group of the current 亿 group, the part below 万, and a
// digit waiting for its unit.
#[derive(Default)]
struct Accumulator {
    yi: Decimal,
    wan: Decimal,
    section: Decimal,
    pending: Option<Pending>,
    // The last small unit within the section (1000, 100, 10), so 三百千 is refused.
    last_small: u32,
    // The last unit of any size, for 一万二 (= 12000) and 三千二 (= 3200).
    last_unit: Decimal,
    zero_seen: bool,
    wan_in_group: bool,
    any: bool,
}

#[derive(Clone, Copy)]
struct Pending {
    value: Decimal,
    // A single Chinese digit (can be an abbreviated lower unit: 一万二).
    single_chinese: bool,
}

impl Accumulator {
    fn total(&self) -> Option<Decimal> {
        let mut total = self.yi.checked_add(self.wan)?.checked_add(self.section)?;
        if let Some(p) = self.pending {
            let tail = if p.single_chinese && !self.zero_seen && self.last_unit >= Decimal::TEN {
                // 一万二 is 12000, 三千二 is 3200: the digit counts the next lower unit.
                p.value.checked_mul(self.last_unit / Decimal::TEN)?
            } else if self.last_unit > Decimal::ONE && !self.zero_seen && !p.single_chinese {
                // 1万2: an Arabic number after a unit, without 零, says nothing exact.
                return None;
            } else {
                p.value
            };
            total = total.checked_add(tail)?;
        }
        Some(total)
    }
}

// A run of Chinese digits after 点: the fraction digits (三点一四 → .14).
fn fraction(chars: &[char], pos: usize) -> Option<(String, usize)> {
    let mut digits = String::new();
    let mut i = pos;
    while let Some(d) = chars.get(i).and_then(|&c| chinese_digit(c)) {
        digits.push(char::from_digit(d, 10)?);
        i += 1;
    }
    (!digits.is_empty()).then_some((digits, i))
}

/// Reads the number starting at `pos`, as long as it goes on; `None` when no
/// number starts there or what is there is not a well-formed number.
pub(crate) fn read_number(chars: &[char], pos: usize) -> Option<Reading> {
    let mut acc = Accumulator { last_unit: Decimal::ONE, ..Accumulator::default() };
    let mut i = pos;
    let mut vague = false;
    // 半 alone (半小时) is a half.
    if chars.get(i) == Some(&'半') {
        return Some(Reading::Exact(Decimal::new(5, 1), i + 1));
    }
    while i < chars.len() {
        let c = chars[i];
        if arabic_digit(c).is_some() {
            if acc.pending.is_some() {
                return None;
            }
            let (value, end) = arabic(chars, i)?;
            acc.pending = Some(Pending { value, single_chinese: false });
            acc.any = true;
            i = end;
        } else if let Some(d) = chinese_digit(c) {
            if d == 0 {
                if acc.pending.is_some() {
                    // 一零 (digit by digit, as in years) is not a quantity.
                    return None;
                }
                acc.zero_seen = true;
                acc.any = true;
                i += 1;
                continue;
            }
            if acc.pending.is_some() {
                return None;
            }
            let mut value = Decimal::from(d);
            i += 1;
            let mut single = true;
            if chars.get(i) == Some(&'点') {
                let (digits, end) = fraction(chars, i + 1)?;
                value = format!("{d}.{digits}").parse().ok()?;
                single = false;
                i = end;
            }
            acc.pending = Some(Pending { value, single_chinese: single });
            acc.any = true;
        } else if c == '点' && acc.pending.is_none() && acc.zero_seen && acc.section.is_zero() && !acc.wan_in_group {
            // 零点五 = 0.5.
            let (digits, end) = fraction(chars, i + 1)?;
            acc.pending = Some(Pending { value: format!("0.{digits}").parse().ok()?, single_chinese: false });
            acc.zero_seen = false;
            i = end;
        } else if let Some(u) = small_unit(c) {
            let n = match acc.pending.take() {
                Some(p) => p.value,
                // 十二 = 12; 一百一十 writes its 一, but 一百十 is read the same.
                None if u == 10 => Decimal::ONE,
                None if vague => Decimal::ONE,
                None => return None,
            };
            if acc.last_small != 0 && u >= acc.last_small {
                return None;
            }
            acc.section = acc.section.checked_add(n.checked_mul(Decimal::from(u))?)?;
            acc.last_small = u;
            acc.last_unit = Decimal::from(u);
            acc.zero_seen = false;
            acc.any = true;
            i += 1;
        } else if matches!(c, '万' | '萬') {
            if acc.wan_in_group {
                return None;
            }
            let group = acc.section.checked_add(acc.pending.take().map_or(Decimal::ZERO, |p| p.value))?;
            if group.is_zero() && !vague {
                return None;
            }
            acc.wan = group.checked_mul(Decimal::from(10_000))?;
            acc.section = Decimal::ZERO;
            acc.last_small = 0;
            acc.last_unit = Decimal::from(10_000);
            acc.zero_seen = false;
            acc.wan_in_group = true;
            acc.any = true;
            i += 1;
        } else if matches!(c, '亿' | '億') {
            if !acc.yi.is_zero() {
                return None;
            }
            let group =
                acc.wan.checked_add(acc.section)?.checked_add(acc.pending.take().map_or(Decimal::ZERO, |p| p.value))?;
            if group.is_zero() && !vague {
                return None;
            }
            acc.yi = group.checked_mul(Decimal::from(100_000_000))?;
            acc.wan = Decimal::ZERO;
            acc.section = Decimal::ZERO;
            acc.last_small = 0;
            acc.last_unit = Decimal::from(100_000_000);
            acc.zero_seen = false;
            acc.wan_in_group = false;
            acc.any = true;
            i += 1;
        } else if matches!(c, '多' | '余' | '餘' | '几' | '幾' | '来') && acc.any {
            // 20多万, 2300余万, 十几: more than, but not how much.
            vague = true;
            i += 1;
        } else if c == '数' && !acc.any {
            // 数千, 数十万: several.
            vague = true;
            acc.any = true;
            i += 1;
        } else {
            break;
        }
    }
    if !acc.any {
        return None;
    }
    if vague {
        return Some(Reading::Vague(i));
    }
    let total = acc.total()?;
    Some(Reading::Exact(total.normalize(), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        match read_number(&chars, 0)? {
            Reading::Exact(v, end) if end == chars.len() => Some(v.to_string()),
            Reading::Exact(..) => Some("(stopped early)".to_owned()),
            Reading::Vague(_) => Some("vague".to_owned()),
        }
    }

    #[test]
    fn chinese_numerals() {
        for (text, want) in [
            ("一百零五", "105"),
            ("两百", "200"),
            ("十二", "12"),
            ("二十", "20"),
            ("三千二百万", "32000000"),
            ("一万二", "12000"),
            ("三千二", "3200"),
            ("一亿二千万", "120000000"),
            ("三亿零五万", "300050000"),
            ("一千零一", "1001"),
            ("三点五", "3.5"),
            ("零点五", "0.5"),
            ("壹佰贰拾叁", "123"),
            ("一万亿", "1000000000000"),
        ] {
            assert_eq!(value(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn arabic_and_mixed() {
        for (text, want) in [
            ("167.61亿", "16761000000"),
            ("1.5万亿", "1500000000000"),
            ("2300万", "23000000"),
            ("3千2百万", "32000000"),
            ("1,234.5", "1234.5"),
            ("１６７．６１", "167.61"),
            ("0.5", "0.5"),
        ] {
            assert_eq!(value(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn malformed_or_vague_numbers() {
        assert_eq!(value("二〇二六"), None, "digit by digit is a year, not a quantity");
        assert_eq!(value("三百千"), None);
        assert_eq!(value("万"), None);
        assert_eq!(value("万万"), None);
        assert_eq!(value("20多万").as_deref(), Some("vague"));
        assert_eq!(value("数千").as_deref(), Some("vague"));
        assert_eq!(value("1万2"), None);
        assert_eq!(value(&"9".repeat(40)), None, "more digits than a Decimal holds");
        assert_eq!(value("9999999999999999亿亿"), None);
    }
}
