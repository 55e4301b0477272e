//! What a span says beyond its label: attributes declared per label (a
//! choice, a flag, a number, free text) and a link to a knowledge-base entry.
//!
//! Project format 1.4 declares attributes on labels; annotation format 1.4
//! gives spans `attributes` (name → value) and `link`.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The id a link has when the mention is not in the knowledge base (TAC-KBP's NIL).
pub const NIL: &str = "NIL";

/// What values an attribute takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttributeType {
    /// One of the attribute's `values`.
    Choice,
    /// True or false.
    Flag,
    /// An exact decimal number.
    Number,
    /// Free text.
    Text,
}

crate::named_values!(AttributeType, "an attribute type", [
    Choice => "choice",
    Flag => "flag",
    Number => "number",
    Text => "text",
]);

/// One attribute a label declares, as stored in `project.ron` (1.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Attribute")]
pub struct AttributeSpec {
    /// The name written into spans (`unit`); unique within its label.
    pub name: String,
    /// What values it takes.
    #[serde(rename = "type")]
    pub kind: AttributeType,
    /// The values a `Choice` offers, in the order the window lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// The value a new span of the label gets, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<AttributeValue>,
    /// The letter that picks this attribute after A in the window (`"u"`), or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// What it records, shown in the window.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl AttributeSpec {
    /// An attribute called `name` of type `kind` with no values, default, key or description.
    pub fn new(name: &str, kind: AttributeType) -> Self {
        AttributeSpec {
            name: name.to_owned(),
            kind,
            values: Vec::new(),
            default: None,
            key: String::new(),
            description: String::new(),
        }
    }

    /// Why `value` does not fit this attribute, if it does not.
    pub fn mismatch(&self, value: &AttributeValue) -> Option<String> {
        match (self.kind, value) {
            (AttributeType::Choice, AttributeValue::Text(v)) if self.values.contains(v) => None,
            (AttributeType::Choice, AttributeValue::Text(v)) => {
                Some(format!("{v:?} is not one of its values ({})", self.values.join(", ")))
            }
            (AttributeType::Flag, AttributeValue::Flag(_))
            | (AttributeType::Number, AttributeValue::Number(_))
            | (AttributeType::Text, AttributeValue::Text(_)) => None,
            (kind, value) => Some(format!("{} is not a {}", value.to_ron(), kind.name())),
        }
    }

    /// Reads `text` as a value of this attribute (what a user types): `true`/`false`
    /// (or `yes`/`no`) for a flag, a decimal for a number, anything for text and
    /// choices (a choice outside the list is kept; the check warns).
    pub fn parse_value(&self, text: &str) -> Result<AttributeValue, String> {
        let text = text.trim();
        match self.kind {
            AttributeType::Flag => match text {
                "true" | "yes" | "y" | "1" => Ok(AttributeValue::Flag(true)),
                "false" | "no" | "n" | "0" => Ok(AttributeValue::Flag(false)),
                _ => Err(format!("{text:?} is not true or false")),
            },
            AttributeType::Number => text
                .replace(['_', ','], "")
                .parse::<Decimal>()
                .map(|d| AttributeValue::Number(d.normalize()))
                .map_err(|_| format!("{text:?} is not a number")),
            AttributeType::Choice | AttributeType::Text => Ok(AttributeValue::Text(text.to_owned())),
        }
    }
}

/// The value of one attribute on one span. In RON and JSON it is a plain
/// `true`/`false`, number or string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttributeValue {
    /// A flag's value.
    Flag(bool),
    /// A number, exact (16761000000, -0.5).
    Number(Decimal),
    /// A choice or free text.
    Text(String),
}

impl AttributeValue {
    /// The value as RON writes it: `true`, `16761000000`, `"CNY"`.
    pub fn to_ron(&self) -> String {
        match self {
            AttributeValue::Flag(b) => b.to_string(),
            AttributeValue::Number(d) => number_literal(*d),
            AttributeValue::Text(s) => ron::to_string(s).unwrap_or_else(|_| format!("{s:?}")),
        }
    }

    /// The value as JSON: a boolean, an exact number or a string.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            AttributeValue::Flag(b) => serde_json::Value::Bool(*b),
            AttributeValue::Number(d) => decimal_to_json(*d),
            AttributeValue::Text(s) => serde_json::Value::String(s.clone()),
        }
    }

    /// The value of a JSON boolean, number or string (`None` for anything else).
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::Bool(b) => Some(AttributeValue::Flag(*b)),
            serde_json::Value::Number(n) => {
                n.to_string().parse::<Decimal>().ok().map(|d| AttributeValue::Number(d.normalize()))
            }
            serde_json::Value::String(s) => Some(AttributeValue::Text(s.clone())),
            _ => None,
        }
    }
}

impl fmt::Display for AttributeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributeValue::Flag(b) => write!(f, "{b}"),
            AttributeValue::Number(d) => write!(f, "{d}"),
            AttributeValue::Text(s) => f.write_str(s),
        }
    }
}

// A decimal as a number literal every reader takes: no exponent, at least one
// digit before the point.
fn number_literal(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A decimal as a JSON number: an integer exactly when it is one; otherwise
/// the float whose shortest form is the decimal's own digits (exact up to 15
/// significant digits, which every figure in news has).
pub fn decimal_to_json(d: Decimal) -> serde_json::Value {
    let d = d.normalize();
    if d.scale() == 0
        && let Ok(i) = i64::try_from(d)
    {
        return serde_json::Value::from(i);
    }
    match number_literal(d).parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
        Some(n) => serde_json::Value::Number(n),
        None => serde_json::Value::String(number_literal(d)),
    }
}

impl Serialize for AttributeValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AttributeValue::Flag(b) => serializer.serialize_bool(*b),
            AttributeValue::Number(d) => {
                let d = d.normalize();
                if d.scale() == 0
                    && let Ok(i) = i64::try_from(d)
                {
                    serializer.serialize_i64(i)
                } else {
                    serializer.serialize_f64(number_literal(d).parse::<f64>().unwrap_or(f64::NAN))
                }
            }
            AttributeValue::Text(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = AttributeValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, a number or a string")
            }

            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<AttributeValue, E> {
                Ok(AttributeValue::Flag(v))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<AttributeValue, E> {
                Ok(AttributeValue::Number(Decimal::from(v)))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<AttributeValue, E> {
                Ok(AttributeValue::Number(Decimal::from(v)))
            }

            fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<AttributeValue, E> {
                Decimal::try_from_i128_with_scale(v, 0)
                    .map(AttributeValue::Number)
                    .map_err(|_| E::custom(format!("{v} is too large a number")))
            }

            fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<AttributeValue, E> {
                let v = i128::try_from(v).map_err(|_| E::custom(format!("{v} is too large a number")))?;
                self.visit_i128(v)
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<AttributeValue, E> {
                // Rust prints the shortest digits that read back as `v`: the
                // decimal that was written, for up to 15 significant digits.
                format!("{v}")
                    .parse::<Decimal>()
                    .map(|d| AttributeValue::Number(d.normalize()))
                    .map_err(|_| E::custom(format!("{v} is not a number newsanno can keep exactly")))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AttributeValue, E> {
                Ok(AttributeValue::Text(v.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<AttributeValue, E> {
                Ok(AttributeValue::Text(v))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A span's attributes, by name (sorted, so files and exports list them in one order).
pub type Attributes = BTreeMap<String, AttributeValue>;

/// A span's link to a knowledge-base entry, or NIL (not in the knowledge base).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Link {
    /// The entry's id (`Q1234`, `exec-0042`), or [`NIL`].
    pub id: String,
    /// The entry's name when it was linked, or for NIL the name proposed for a
    /// new entry; lets a reader without the knowledge base see what is meant.
    #[serde(default)]
    pub name: String,
}

impl Link {
    /// A link to entry `id` called `name`.
    pub fn to(id: &str, name: &str) -> Self {
        Link { id: id.to_owned(), name: name.to_owned() }
    }

    /// "Not in the knowledge base", proposing `name` for a new entry.
    pub fn nil(name: &str) -> Self {
        Link { id: NIL.to_owned(), name: name.to_owned() }
    }

    /// Whether this is NIL.
    pub fn is_nil(&self) -> bool {
        self.id == NIL
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.is_nil(), self.name.is_empty()) {
            (true, true) => f.write_str("NIL"),
            (true, false) => write!(f, "NIL ({})", self.name),
            (false, true) => f.write_str(&self.id),
            (false, false) => write!(f, "{} ({})", self.id, self.name),
        }
    }
}

/// The attributes a new project's default labels declare: `metric` gets the
/// normalised figure (`value`, `unit`, `kind`), `event` whether it happened.
pub fn default_attributes(label: &str) -> Vec<AttributeSpec> {
    match label {
        "metric" => vec![
            AttributeSpec {
                key: "v".to_owned(),
                description: "The exact number (16761000000 for 167.61亿元; 37 for 37%).".to_owned(),
                ..AttributeSpec::new("value", AttributeType::Number)
            },
            AttributeSpec {
                values: crate::figures::UNITS.iter().map(|u| (*u).to_owned()).collect(),
                key: "u".to_owned(),
                description: "Currency code, %, pp (percentage points), s, x, or what is counted.".to_owned(),
                ..AttributeSpec::new("unit", AttributeType::Choice)
            },
            AttributeSpec {
                values: crate::figures::FigureKind::NAMES.iter().map(|k| (*k).to_owned()).collect(),
                key: "k".to_owned(),
                description: "amount, percent, change, count, duration, ratio or number.".to_owned(),
                ..AttributeSpec::new("kind", AttributeType::Choice)
            },
        ],
        "event" => vec![AttributeSpec {
            values: ["happened", "planned", "denied", "possible"].iter().map(|v| (*v).to_owned()).collect(),
            key: "s".to_owned(),
            description: "Whether the event happened, is planned, is denied or only possible.".to_owned(),
            ..AttributeSpec::new("status", AttributeType::Choice)
        }],
        _ => Vec::new(),
    }
}

/// The attributes normalising `text` proposes for a label declaring `specs`:
/// `value`, `unit` and `kind` where the label declares them and the
/// normaliser read them. Empty when it read nothing.
pub fn figure_attributes(specs: &[AttributeSpec], text: &str) -> Attributes {
    let wants = |name: &str, kind: AttributeType| specs.iter().any(|s| s.name == name && s.kind == kind);
    let figure = crate::figures::normalize(text);
    let mut out = Attributes::new();
    if let Some(v) = figure.value
        && wants("value", AttributeType::Number)
    {
        out.insert("value".to_owned(), AttributeValue::Number(v));
    }
    if let Some(u) = figure.unit
        && (wants("unit", AttributeType::Choice) || wants("unit", AttributeType::Text))
    {
        out.insert("unit".to_owned(), AttributeValue::Text(u.to_owned()));
    }
    if let Some(k) = figure.kind
        && (wants("kind", AttributeType::Choice) || wants("kind", AttributeType::Text))
    {
        out.insert("kind".to_owned(), AttributeValue::Text(k.name().to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_check_against_their_attribute() {
        let unit = &default_attributes("metric")[1];
        assert_eq!(unit.mismatch(&AttributeValue::Text("CNY".into())), None);
        assert!(unit.mismatch(&AttributeValue::Text("SGD".into())).unwrap().contains("not one of its values"));
        assert!(unit.mismatch(&AttributeValue::Flag(true)).unwrap().contains("not a choice"));
        let value = &default_attributes("metric")[0];
        assert_eq!(value.parse_value("16,761,000,000"), Ok(AttributeValue::Number(Decimal::from(16_761_000_000u64))));
        assert!(value.parse_value("abc").is_err());
    }

    #[test]
    fn numbers_go_to_json_exactly() {
        let d: Decimal = "167.61".parse().unwrap();
        assert_eq!(decimal_to_json(d).to_string(), "167.61");
        assert_eq!(decimal_to_json(Decimal::from(16_761_000_000u64)).to_string(), "16761000000");
        assert_eq!(decimal_to_json("-0.50".parse().unwrap()).to_string(), "-0.5");
        let back = AttributeValue::from_json(&decimal_to_json(d)).unwrap();
        assert_eq!(back, AttributeValue::Number(d));
    }

    #[test]
    fn ron_round_trips_every_kind_of_value() {
        let mut attributes = Attributes::new();
        attributes.insert("value".into(), AttributeValue::Number("-0.5".parse().unwrap()));
        attributes.insert("big".into(), AttributeValue::Number(Decimal::from(16_761_000_000u64)));
        attributes.insert("unit".into(), AttributeValue::Text("个百分点 \"pp\"".into()));
        attributes.insert("confirmed".into(), AttributeValue::Flag(true));
        let text = ron::to_string(&attributes).unwrap();
        let back: Attributes = ron::from_str(&text).unwrap();
        assert_eq!(back, attributes, "{text}");
    }

    #[test]
    fn figures_fill_the_metric_attributes() {
        let got = figure_attributes(&default_attributes("metric"), "167.61亿元");
        assert_eq!(got["value"], AttributeValue::Number(Decimal::from(16_761_000_000u64)));
        assert_eq!(got["unit"], AttributeValue::Text("CNY".into()));
        assert_eq!(got["kind"], AttributeValue::Text("amount".into()));
        assert!(figure_attributes(&default_attributes("metric"), "营收").is_empty());
        assert!(figure_attributes(&default_attributes("product"), "167.61亿元").is_empty());
    }
}
