//! Document and annotator ids that are safe as file names everywhere.
//!
//! An id becomes a file name (`annotations/<annotator>/<doc-id>.ron`), and the
//! project is shared through git and synced folders between Linux, macOS and
//! Windows. So an id may only hold characters that mean the same on all three
//! and survive case-insensitive, normalising file systems: ASCII letters and
//! digits, `-`, `_`, `.`, and CJK ideographs (which have no case and no
//! decomposition). Anything else is derived into a safe id and the original is
//! kept in the document's metadata.

use sha2::{Digest as _, Sha256};

/// Longest id kept as given, in characters.
pub const MAX_ID_CHARS: usize = 80;

// Names Windows reserves for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '_' | '.')
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Whether `id` can be used as a file name as it is.
pub fn is_safe_id(id: &str) -> bool {
    let count = id.chars().count();
    if count == 0 || count > MAX_ID_CHARS || !id.chars().all(is_id_char) {
        return false;
    }
    // Leading dots hide files (and `.`/`..` walk folders); a leading `-` reads
    // as a flag in shells; Windows silently drops a trailing dot.
    if id.starts_with('.') || id.starts_with('-') || id.ends_with('.') {
        return false;
    }
    let stem = id.split('.').next().unwrap_or(id);
    !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem))
}

/// Longest annotator name, in characters (a name is a folder name).
pub const MAX_ANNOTATOR_CHARS: usize = 64;

/// Checks that `name` can name an annotator's folder: a safe id
/// ([`is_safe_id`]) of at most [`MAX_ANNOTATOR_CHARS`] characters (code
/// points, so a Chinese name counts as many characters as it has).
pub fn check_annotator_name(name: &str) -> crate::error::Result<()> {
    if is_safe_id(name) && name.chars().count() <= MAX_ANNOTATOR_CHARS {
        Ok(())
    } else {
        Err(crate::error::Error::Usage(format!(
            "annotator name {name:?} must be 1–{MAX_ANNOTATOR_CHARS} letters, digits, CJK characters, '-', '_' or '.'"
        )))
    }
}

/// A safe id derived from `original`: its safe characters (others become
/// `-`), cut to 40 characters, plus 8 hex digits of the original's SHA-256,
/// so distinct originals give distinct ids and the same original always gives
/// the same id.
pub fn derive_safe_id(original: &str) -> String {
    let mut slug = String::new();
    for c in original.chars() {
        let c = if is_id_char(c) && c != '.' { c } else { '-' };
        if !(c == '-' && slug.ends_with('-')) {
            slug.push(c);
        }
    }
    let slug: String = slug.trim_matches('-').chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    let digest = Sha256::digest(original.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let candidate = if slug.is_empty() { format!("doc-{hash}") } else { format!("{slug}-{hash}") };
    if is_safe_id(&candidate) { candidate } else { format!("doc-{hash}") }
}

/// Key under which ids collide on a case-insensitive file system.
pub fn collision_key(id: &str) -> String {
    id.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotator_names_count_characters_not_bytes() {
        let chinese: String = "张".repeat(MAX_ANNOTATOR_CHARS);
        assert_eq!(chinese.len(), 3 * MAX_ANNOTATOR_CHARS);
        assert!(check_annotator_name(&chinese).is_ok());
        assert!(check_annotator_name(&"张".repeat(24)).is_ok());
        let too_long = "张".repeat(MAX_ANNOTATOR_CHARS + 1);
        let err = check_annotator_name(&too_long).unwrap_err().to_string();
        assert!(err.contains("1–64"), "{err}");
        assert!(check_annotator_name(&"a".repeat(MAX_ANNOTATOR_CHARS)).is_ok());
        assert!(check_annotator_name(&"a".repeat(MAX_ANNOTATOR_CHARS + 1)).is_err());
        assert!(check_annotator_name("../x").is_err());
    }

    #[test]
    fn plain_ids_are_kept() {
        for id in ["doc-001", "2026-11-26_aliyun", "新闻-001", "a.b", "Z"] {
            assert!(is_safe_id(id), "{id}");
        }
    }

    #[test]
    fn dangerous_ids_are_refused() {
        let long = "x".repeat(81);
        for id in [
            "",
            ".",
            "..",
            "../etc/passwd",
            "a/b",
            "a\\b",
            "a\0b",
            "tab\tid",
            "line\nid",
            "CON",
            "con",
            "nul.txt",
            "Com1",
            "LPT9.ron",
            ".hidden",
            "-rf",
            "trailing.",
            "a:b",
            "a*b",
            "a?b",
            "a\"b",
            "a<b",
            "a|b",
            "sp ace",
            "é",
            "😀",
            &long,
        ] {
            assert!(!is_safe_id(id), "{id:?} should be unsafe");
        }
    }

    #[test]
    fn derived_ids_are_safe_stable_and_distinct() {
        let originals = ["../etc/passwd", "CON", "a/b", "a\\b", "新闻/2026 第1期", "😀", "", "..", "NUL", "a b"];
        let derived: Vec<String> = originals.iter().map(|o| derive_safe_id(o)).collect();
        for (o, d) in originals.iter().zip(&derived) {
            assert!(is_safe_id(d), "{o:?} -> {d:?}");
            assert_eq!(&derive_safe_id(o), d);
        }
        let mut unique = derived.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), derived.len());
        assert!(derived[4].starts_with("新闻-2026-第1期-"), "{}", derived[4]);
        assert!(derived[1].starts_with("CON-"), "{}", derived[1]);
    }
}
