//! Regular-expression suggestions, and newsanno's built-in patterns for
//! figures in Chinese news (the `metric` label's defaults).
//!
//! | name | finds | examples |
//! |---|---|---|
//! | `amount` | a number with a Chinese magnitude and/or a currency | 167.61亿元, 2300万, 3.5万亿美元, ¥1,299 |
//! | `percent` | a percentage or percentage points | 12.5%, 37％, 20个百分点, 百分之五 |
//! | `change` | a change, optionally with 同比/环比 | 同比增长37%, 下降0.5个百分点, 环比下滑3.2%, 增长2倍 |
//! | `count` | a number with a measure word | 20万次, 3000名, 100家, 2300万人, 5款 |
//!
//! A match that starts in the middle of a number (`2.3亿` inside `v1.2.3亿`) is skipped.

use regex::Regex;

use newsanno_core::error::{Error, Result};

// ASCII digits only: `\d` would also match every other script's digits, and is slower.
const NUMBER: &str = r"[0-9]+(?:[,，][0-9]{3})*(?:\.[0-9]+)?";
const MAGNITUDE: &str = "(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)";
const CURRENCY: &str = "(?:元|美元|人民币|港元|港币|欧元|日元|英镑|韩元|卢比)";
const MEASURE: &str = "(?:个|家|名|位|人|次|台|辆|部|款|件|项|条|份|座|间|架|艘|吨|户|笔|张|颗|片|套|所|支|只|场|篇|期|轮|批|枚|盒|箱|桶|单)";

/// The built-in pattern called `name`, as a regular expression.
pub fn builtin(name: &str) -> Option<String> {
    Some(match name {
        "amount" => {
            format!(r"(?:[¥￥$€£]\s?{NUMBER}{MAGNITUDE}?{CURRENCY}?|{NUMBER}\s?(?:{MAGNITUDE}{CURRENCY}?|{CURRENCY}))")
        }
        "percent" => format!(r"(?:{NUMBER}\s?(?:[%％]|个百分点)|百分之[零〇一二两三四五六七八九十百点]+)"),
        "change" => format!(
            r"(?:同比|环比|较上年同期|较去年同期|较上年|比上年|较上月|较上季度)?(?:大幅|小幅)?(?:增长|上涨|增加|提升|上升|下降|下跌|减少|下滑|回落|降低|增|降|涨|跌)了?(?:约|近|超|逾)?{NUMBER}\s?(?:[%％]|个百分点|倍)"
        ),
        "count" => format!(r"{NUMBER}\s?{MAGNITUDE}?{MEASURE}"),
        _ => return None,
    })
}

/// Every built-in pattern name, in documentation order.
pub const BUILTIN_NAMES: [&str; 4] = ["amount", "percent", "change", "count"];

/// One compiled pattern.
#[derive(Debug, Clone)]
pub struct CompiledPattern {
    /// Its name (recorded as `pattern:<name>`).
    pub name: String,
    regex: Regex,
}

impl CompiledPattern {
    /// Compiles `regex` (or the built-in `name` when `regex` is `None`); errors name the pattern.
    pub fn new(name: &str, regex: Option<&str>) -> Result<Self> {
        let source = match regex {
            Some(r) => r.to_owned(),
            None => builtin(name).ok_or_else(|| {
                Error::Usage(format!(
                    "pattern {name:?} has no regex and is not a built-in pattern ({})",
                    BUILTIN_NAMES.join(", ")
                ))
            })?,
        };
        let regex = Regex::new(&source).map_err(|e| Error::Usage(format!("pattern {name:?}: {e}")))?;
        Ok(CompiledPattern { name: name.to_owned(), regex })
    }

    /// Matches in `text` as byte ranges; empty matches and matches starting inside a number are skipped.
    pub fn find_bytes(&self, text: &str) -> Vec<(usize, usize)> {
        self.regex
            .find_iter(text)
            .filter(|m| m.start() < m.end())
            .filter(|m| {
                let numeric = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
                let inside_a_number =
                    numeric(text[..m.start()].chars().next_back()) && numeric(text[m.start()..].chars().next());
                !inside_a_number && !super::terms::cuts_a_latin_word(text, m.start(), m.end())
            })
            .map(|m| (m.start(), m.end()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for name in BUILTIN_NAMES {
            let p = CompiledPattern::new(name, None).unwrap();
            for (s, e) in p.find_bytes(text) {
                found.push((name.to_owned(), text[s..e].to_owned()));
            }
        }
        found
    }

    #[test]
    fn every_builtin_compiles_and_unknown_names_are_errors() {
        for name in BUILTIN_NAMES {
            CompiledPattern::new(name, None).unwrap();
        }
        let err = CompiledPattern::new("size", None).unwrap_err().to_string();
        assert!(err.contains("\"size\"") && err.contains("amount"), "{err}");
        let err = CompiledPattern::new("bad", Some("(")).unwrap_err().to_string();
        assert!(err.contains("\"bad\""), "{err}");
    }

    #[test]
    fn real_looking_phrases_hit() {
        let table = [
            ("营收167.61亿元", "amount", "167.61亿元"),
            ("用户达2300万", "amount", "2300万"),
            ("投资3.5万亿美元", "amount", "3.5万亿美元"),
            ("售价¥1,299起", "amount", "¥1,299"),
            ("售价5999元", "amount", "5999元"),
            ("增速为12.5%", "percent", "12.5%"),
            ("占比37％", "percent", "37％"),
            ("约百分之五", "percent", "百分之五"),
            ("高出20个百分点", "percent", "20个百分点"),
            ("营收同比增长37%", "change", "同比增长37%"),
            ("毛利率下降0.5个百分点", "change", "下降0.5个百分点"),
            ("环比下滑3.2%", "change", "环比下滑3.2%"),
            ("订单增长2倍", "change", "增长2倍"),
            ("调用20万次", "count", "20万次"),
            ("裁员3000名", "count", "3000名"),
            ("超过100家企业", "count", "100家"),
            ("发布5款新品", "count", "5款"),
        ];
        for (text, name, want) in table {
            let found = all(text);
            assert!(found.contains(&(name.to_owned(), want.to_owned())), "{text}: {found:?}");
        }
    }

    #[test]
    fn look_alikes_do_not_hit() {
        for text in [
            "2026年3月12日",
            "iPhone 17发布",
            "第3季度财报",
            "版本v1.2.3",
            "5G网络",
            "上午10:30开盘",
            "A股市场",
            "TPC-C测试",
            "GPT4模型",
            "第一名",
        ] {
            assert_eq!(all(text), Vec::<(String, String)>::new(), "{text}");
        }
    }
}
