//! The escapes of Canonical XML 1.0 (C14N, W3C REC-xml-c14n-20010315, section 2.3), used to
//! write the tidredovisning document directly in canonical form (and the SOAP envelope with
//! the same rules, although the envelope need not be canonical).
//!
//! - Text: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, carriage return → `&#xD;`; everything
//!   else (also `"`, `'`, tab and line feed) literally, as UTF-8.
//! - Attribute values: `&` → `&amp;`, `<` → `&lt;`, `"` → `&quot;`, tab → `&#x9;`, line feed
//!   → `&#xA;`, carriage return → `&#xD;`; `>` and `'` literally.
//!
//! A character XML 1.0 cannot carry at all (most C0 controls, unpaired surrogates cannot occur
//! in a `str`, U+FFFE, U+FFFF) cannot be written: [`is_xml_char`] lets the writer refuse such
//! text before anything is built.

/// Appends `text` to `out` as canonical element content.
pub(crate) fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

/// Appends `value` to `out` as a canonical attribute value (without the quotes).
pub(crate) fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

/// Whether XML 1.0 can carry `c` (production `Char`).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        escape_text(s, &mut out);
        out
    }

    fn attribute(s: &str) -> String {
        let mut out = String::new();
        escape_attribute(s, &mut out);
        out
    }

    #[test]
    fn text_escapes_are_the_canonical_ones() {
        assert_eq!(
            text("a & b <c> \"d\" 'e'\r\n\tå"),
            "a &amp; b &lt;c&gt; \"d\" 'e'&#xD;\n\tå"
        );
    }

    #[test]
    fn attribute_escapes_are_the_canonical_ones() {
        assert_eq!(
            attribute("a & b <c> \"d\" 'e'\r\n\tå"),
            "a &amp; b &lt;c> &quot;d&quot; 'e'&#xD;&#xA;&#x9;å"
        );
    }

    #[test]
    fn xml_chars() {
        for c in ['a', 'å', '\t', '\n', '\r', ' ', '\u{FFFD}', '😀'] {
            assert!(is_xml_char(c), "{c:?}");
        }
        for c in ['\0', '\u{1}', '\u{B}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }
}
