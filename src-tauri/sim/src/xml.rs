//! A small read-only XML tree over quick-xml, with each element's byte span in the input, so
//! that signatures and digests can be checked over the exact bytes received. Also the
//! lexical facts of how it was written (declaration, `<x/>` tags, CDATA, …).

use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// One element: namespace, local name, attributes, child elements, the text directly inside it,
/// and where it starts and ends in the input.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    pub ns: Option<String>,
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Element>,
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Attr {
    pub ns: Option<String>,
    pub name: String,
    pub value: String,
}

/// How the input was written, for the canonical-form checks.
#[derive(Debug, Default, Clone)]
pub(crate) struct Lexical {
    pub declaration: bool,
    pub empty_element_tags: usize,
    pub cdata: bool,
    pub comments: bool,
    pub processing_instructions: bool,
    /// Entity or character references other than the ones C14N writes in text.
    pub non_canonical_refs: bool,
    /// A raw `>` in text (C14N writes `&gt;`) or a carriage return.
    pub non_canonical_text: bool,
    /// Markup or whitespace before or after the root element.
    pub outside_root: bool,
}

impl Element {
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns.as_deref() == Some(ns) && self.name == name
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_none() && a.name == name)
            .map(|a| a.value.as_str())
    }

    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    pub fn trimmed_text(&self) -> &str {
        self.text.trim()
    }
}

/// Why a text is not well-formed XML as far as this simulator reads XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError(pub String);

fn resolved(r: &ResolveResult<'_>) -> Result<Option<String>, XmlError> {
    match r {
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Bound(ns) => Ok(Some(ns.into_inner().to_string())),
        ResolveResult::Unknown(p) => Err(XmlError(format!("okänt namnrymdsprefix '{p}'"))),
    }
}

/// Parses `input` (UTF-8) into its root element. Refuses a DOCTYPE, unknown entities and
/// anything that is not well-formed.
pub(crate) fn parse(input: &[u8]) -> Result<(Element, Lexical), XmlError> {
    let text =
        std::str::from_utf8(input).map_err(|_| XmlError("dokumentet är inte UTF-8".into()))?;
    let mut reader = NsReader::from_str(text);
    let mut lexical = Lexical::default();
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = reader.buffer_position() as usize;
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| XmlError(format!("felaktig XML: {e}")))?;
        let ns = resolved(&ns)?;
        let end = reader.buffer_position() as usize;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if root.is_some() {
                    return Err(XmlError("mer än ett rotelement".into()));
                }
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| XmlError(format!("felaktigt attribut: {e}")))?;
                    let key = a.key.0;
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let (ans, local) = reader.resolver().resolve_attribute(a.key);
                    let ans = resolved(&ans)?;
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| XmlError(format!("felaktigt attributvärde: {e}")))?
                        .into_owned();
                    attrs.push(Attr {
                        ns: ans,
                        name: local.into_inner().to_string(),
                        value,
                    });
                }
                let element = Element {
                    ns,
                    name: e.local_name().into_inner().to_string(),
                    attrs,
                    children: Vec::new(),
                    text: String::new(),
                    span: start..end,
                };
                if matches!(event, Event::Empty(_)) {
                    lexical.empty_element_tags += 1;
                    close(&mut stack, &mut root, element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => {
                let mut element = stack
                    .pop()
                    .ok_or_else(|| XmlError("oväntad sluttagg".into()))?;
                element.span.end = end;
                close(&mut stack, &mut root, element);
            }
            Event::Text(t) => {
                let raw = t.into_inner();
                if raw.contains('>') || raw.contains('\r') {
                    lexical.non_canonical_text = true;
                }
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&raw),
                    None => lexical.outside_root = true,
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    let c = r
                        .resolve_char_ref()
                        .map_err(|e| XmlError(format!("felaktig teckenreferens: {e}")))?
                        .ok_or_else(|| XmlError("felaktig teckenreferens".into()))?;
                    if c != '\r' || &*r != "#xD" {
                        lexical.non_canonical_refs = true;
                    }
                    c
                } else {
                    match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => {
                            lexical.non_canonical_refs = true;
                            '"'
                        }
                        "apos" => {
                            lexical.non_canonical_refs = true;
                            '\''
                        }
                        other => return Err(XmlError(format!("okänd entitet '&{other};'"))),
                    }
                };
                match stack.last_mut() {
                    Some(top) => top.text.push(resolved),
                    None => return Err(XmlError("referens utanför rotelementet".into())),
                }
            }
            Event::CData(c) => {
                lexical.cdata = true;
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&c.into_inner()),
                    None => return Err(XmlError("CDATA utanför rotelementet".into())),
                }
            }
            Event::Comment(_) => lexical.comments = true,
            Event::Decl(_) => lexical.declaration = true,
            Event::PI(_) => lexical.processing_instructions = true,
            Event::DocType(_) => return Err(XmlError("DOCTYPE är inte tillåtet".into())),
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(XmlError("dokumentet tar slut mitt i ett element".into()));
    }
    let root = root.ok_or_else(|| XmlError("dokumentet saknar rotelement".into()))?;
    if root.span.start != 0 || root.span.end != input.len() {
        lexical.outside_root = true;
    }
    Ok((root, lexical))
}

fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

/// Escapes text for HTML and XML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_exact_bytes() {
        let doc = br#"<a xmlns="urn:x"><b Id="1">t&amp;u</b><c></c></a>"#;
        let (root, lex) = parse(doc).unwrap();
        assert!(root.is("urn:x", "a"));
        let b = root.child("urn:x", "b").unwrap();
        assert_eq!(&doc[b.span.clone()], br#"<b Id="1">t&amp;u</b>"#);
        assert_eq!(b.text, "t&u");
        assert_eq!(b.attr("Id"), Some("1"));
        assert_eq!(root.span, 0..doc.len());
        assert_eq!(lex.empty_element_tags, 0);
        assert!(!lex.declaration && !lex.outside_root);
    }

    #[test]
    fn non_canonical_forms_are_seen() {
        let (_, lex) = parse(br#"<?xml version="1.0"?><a><b/></a>"#).unwrap();
        assert!(lex.declaration);
        assert_eq!(lex.empty_element_tags, 1);
        assert!(parse(b"<!DOCTYPE a><a></a>").is_err());
        assert!(parse(b"<a>&foo;</a>").is_err());
        assert!(parse(b"<a><b></a>").is_err());
    }
}
