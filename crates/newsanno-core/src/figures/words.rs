//! The words around a number that say what it counts: currencies, percent
//! signs, duration units, measure words, directions and qualifiers.
//!
//! Each table maps what news writes to the unit a pipeline reads. A word
//! missing here leaves the figure's unit empty; it is never guessed.

/// Words before a number that change nothing about its value (约 167亿元 is 167亿元).
pub(crate) const QUALIFIERS: &[&str] = &[
    "约合", "约为", "约", "近", "将近", "接近", "超过", "超", "逾", "达到", "达", "高达", "共计", "共", "合计", "累计",
    "总计", "仅", "只有", "不到", "不足", "至少", "最多", "多达", "大约", "大概", "为", "是", "了", "到",
];

/// Words after a number that change nothing about its value (37%左右).
pub(crate) const TRAILING_QUALIFIERS: &[&str] = &["左右", "上下", "以上", "以下", "之多", "有余"];

/// Words that name what a change is measured against (同比增长37%).
pub(crate) const COMPARISONS: &[&str] = &[
    "较上年同期",
    "比上年同期",
    "较去年同期",
    "比去年同期",
    "较上季度",
    "较上一季度",
    "比上季度",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "较上月",
    "比上月",
    "同比",
    "环比",
    "同期",
];

/// Words that make a figure a change, and its sign.
pub(crate) const DIRECTIONS: &[(&str, i8)] = &[
    ("增长", 1),
    ("增加", 1),
    ("上涨", 1),
    ("上升", 1),
    ("提升", 1),
    ("提高", 1),
    ("攀升", 1),
    ("增幅", 1),
    ("涨幅", 1),
    ("大增", 1),
    ("增", 1),
    ("涨", 1),
    ("升", 1),
    ("下降", -1),
    ("下跌", -1),
    ("减少", -1),
    ("降低", -1),
    ("下滑", -1),
    ("回落", -1),
    ("萎缩", -1),
    ("降幅", -1),
    ("跌幅", -1),
    ("大跌", -1),
    ("降", -1),
    ("跌", -1),
    ("减", -1),
];

/// Currency words and symbols before a number (人民币167亿元, $1.2 billion).
pub(crate) const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("人民币", "CNY"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("HK$", "HKD"),
    ("HKD", "HKD"),
    ("$", "USD"),
    ("＄", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("EUR", "EUR"),
    ("£", "GBP"),
    ("GBP", "GBP"),
];

/// Currency words after a number (167.61亿元, 5亿美元).
pub(crate) const CURRENCY_SUFFIXES: &[(&str, &str)] = &[
    ("元人民币", "CNY"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("新台币", "TWD"),
    ("韩元", "KRW"),
    ("元", "CNY"),
    ("块钱", "CNY"),
    ("块", "CNY"),
];

/// English multipliers after an Arabic number (1.2 billion).
pub(crate) const ENGLISH_MULTIPLIERS: &[(&str, u64)] = &[
    ("trillion", 1_000_000_000_000),
    ("billion", 1_000_000_000),
    ("million", 1_000_000),
    ("thousand", 1_000),
    ("bn", 1_000_000_000),
    ("mn", 1_000_000),
];

/// Duration units after a number, in milliseconds per unit (exact for every unit).
pub(crate) const DURATIONS: &[(&str, u64)] = &[
    ("个小时", 3_600_000),
    ("小时", 3_600_000),
    ("个钟头", 3_600_000),
    ("钟头", 3_600_000),
    ("分钟", 60_000),
    ("毫秒", 1),
    ("秒钟", 1_000),
    ("秒", 1_000),
    ("个星期", 604_800_000),
    ("星期", 604_800_000),
    ("周", 604_800_000),
    ("天", 86_400_000),
    // 分 alone is also a score or a cent; it counts as minutes only after
    // another duration unit (3小时20分).
    ("分", 60_000),
];

/// Units after a number that the normaliser does not turn into a value: months
/// and years have no fixed length in seconds, and 年, 月, 日, 号 also write dates
/// (3个月 must not read as three items).
pub(crate) const UNREADABLE: &[&str] = &["个月", "个年头", "个季度", "季度", "年", "月", "日", "号", "岁", "点"];

/// Percent signs and words after a number.
pub(crate) const PERCENT_SUFFIXES: &[&str] = &["%", "％"];

/// Percentage points (0.5个百分点).
pub(crate) const POINT_SUFFIXES: &[&str] = &["个百分点", "百分点"];

/// Measure words and the unit of what they count (20万次, 6亿用户, 3000名员工).
pub(crate) const MEASURE_WORDS: &[(&str, &str)] = &[
    ("人次", "person-times"),
    ("用户", "users"),
    ("人", "people"),
    ("名", "people"),
    ("位", "people"),
    ("次", "times"),
    ("回", "times"),
    ("户", "users"),
    ("家", "companies"),
    ("个", "items"),
    ("项", "items"),
    ("件", "items"),
    ("台", "units"),
    ("部", "units"),
    ("辆", "vehicles"),
    ("款", "models"),
    ("笔", "transactions"),
    ("单", "orders"),
    ("张", "sheets"),
    ("份", "copies"),
];

/// The longest entry of `words` that `chars[pos..]` starts with, and its length in chars.
pub(crate) fn longest<'a, T: Copy>(chars: &[char], pos: usize, words: &'a [(&'a str, T)]) -> Option<(T, usize)> {
    words
        .iter()
        .filter(|(w, _)| starts_with(chars, pos, w))
        .max_by_key(|(w, _)| w.chars().count())
        .map(|(w, t)| (*t, w.chars().count()))
}

/// The length in chars of the longest of `words` that `chars[pos..]` starts with.
pub(crate) fn longest_word(chars: &[char], pos: usize, words: &[&str]) -> Option<usize> {
    words.iter().filter(|w| starts_with(chars, pos, w)).map(|w| w.chars().count()).max()
}

/// Whether `chars[pos..]` starts with `word`, ASCII letters compared without case.
pub(crate) fn starts_with(chars: &[char], pos: usize, word: &str) -> bool {
    let mut i = pos;
    for w in word.chars() {
        match chars.get(i) {
            Some(c) if c.eq_ignore_ascii_case(&w) => i += 1,
            _ => return false,
        }
    }
    true
}
