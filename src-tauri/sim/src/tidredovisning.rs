//! FK's tidredovisning document as FK's schema `tidredovisning_extern_v1.xsd` (version 1.8)
//! defines it, rule for rule, written from the schema itself (not from timbok-core, on which
//! the simulator must not depend). ELT answers `XmlValidationError` with the first problems
//! this finds; `tests/schema_differential.rs` proves that it accepts and refuses exactly the
//! documents `xmllint --schema` accepts and refuses.
//!
//! The schema (namespace [`DOC_NS`], `elementFormDefault="qualified"`: every element in it;
//! no attributes anywhere; element-only content may hold whitespace, comments and processing
//! instructions between the elements, nothing else):
//!
//! ```text
//! Tidredovisning           sequence:
//!   id                       UUID: [a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}
//!   redovisningsmanad        token \d{4}-\d{2}
//!   personSomHarAssistans    personnummer (token \d{12}), fornamn, efternamn (xsd:string)
//!   assistent                (personnummer | samordningsnummer) (token \d{12}), fornamn,
//!                            efternamn, kollektivavtal (xsd:boolean)
//!   berakningsperiod 0..n    fromDag, tomDag (xsd:date)
//!   anstalldAvPersonSomHarAssistans (True: the string "true")
//!     | assistansanordnare   anordnareNamn?, organisationsnummer (token \d{10}),
//!                            kontaktperson?, telefonnummer? (Telefonnummer: .{7,}),
//!                            assistentAnstalldAvAnordnare (True)
//!                            | annanArbetsgivare (arbetsgivareNamn?, organisationsnummer)
//!                            | assistentEgenForetagare (True)
//!   tidrapport               rapportRad 0..n: dag (integer 1..31), fromTid, tomTid
//!                            (token \d{2}\.\d{2}), aktivTid | vanteTid | beredskapsTid (True)
//!   telefonnummerAnordnare   Telefonnummer
//!   telefonnummerAssistent?  Telefonnummer
//! ```
//!
//! The schema alone decides: it checks no personnummer check digit, no month range in
//! `redovisningsmanad`, no clock range in `Klockslag` (`25.61` matches `\d{2}\.\d{2}`), no
//! order of rows. Those are Timbok's own rules (domain.md), checked in the core.

use std::fmt;

use crate::xml::{self, Element};
use crate::xsd;

/// The document's namespace.
pub const DOC_NS: &str =
    "http://schema.forsakringskassan.se/integration/isassistansersattning/tidredovisning/1";

/// The version of FK's schema this module follows.
pub const SCHEMA_VERSION: &str = "1.8";

const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// One way in which a document breaks FK's schema: where (an element path such as
/// `Tidredovisning/tidrapport/rapportRad[2]/fromTid`) and which rule, in Swedish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaViolation {
    pub path: String,
    pub rule: String,
}

impl fmt::Display for SchemaViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.rule)
        } else {
            write!(f, "{}: {}", self.path, self.rule)
        }
    }
}

/// How the assistant is identified in a valid document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssistantId {
    Personnummer(String),
    Samordningsnummer(String),
}

/// What the signature checks need from a valid document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidDocument {
    /// The document's `id`.
    pub id: String,
    pub assistant: AssistantId,
}

/// Validates `document` (UTF-8 XML) against FK's schema. `Err` holds every problem found
/// (inside one element, checking stops at the first misplaced or missing child).
pub fn validate(document: &[u8]) -> Result<ValidDocument, Vec<SchemaViolation>> {
    let (root, _) = xml::parse(document).map_err(|e| {
        vec![SchemaViolation {
            path: String::new(),
            rule: format!("dokumentet är inte välformad XML: {}", e.0),
        }]
    })?;
    if !root.is(DOC_NS, "Tidredovisning") {
        return Err(vec![SchemaViolation {
            path: root.name.clone(),
            rule: format!(
                "rotelementet ska vara Tidredovisning i namnrymden {DOC_NS} (schemat har inget annat \
                 globalt element)"
            ),
        }]);
    }
    let mut checker = Checker::default();
    checker.element(&root, Type::Complex(TIDREDOVISNING), "Tidredovisning");
    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    // Valid: the structure is known, so these children exist.
    let text = |el: &Element, name: &str| el.child(DOC_NS, name).map(|c| xsd::collapse(&c.text));
    let id = text(&root, "id").unwrap_or_default();
    let assistant = root
        .child(DOC_NS, "assistent")
        .and_then(|a| {
            text(a, "personnummer")
                .map(AssistantId::Personnummer)
                .or_else(|| text(a, "samordningsnummer").map(AssistantId::Samordningsnummer))
        })
        .unwrap_or(AssistantId::Personnummer(String::new()));
    Ok(ValidDocument { id, assistant })
}

// ---------------------------------------------------------------------------------------------
// The schema as data

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simple {
    String,
    Uuid,
    /// Personnummer and Samordningsnummer: token `\d{12}`.
    TwelveDigits,
    Organisationsnummer,
    Redovisningsmanad,
    Klockslag,
    Dag,
    Date,
    Boolean,
    True,
    Telefonnummer,
}

#[derive(Clone, Copy)]
enum Type {
    Simple(Simple),
    Complex(&'static [Item]),
}

#[derive(Clone, Copy)]
struct Decl {
    name: &'static str,
    ty: Type,
    min: usize,
    /// `None`: unbounded.
    max: Option<usize>,
}

#[derive(Clone, Copy)]
enum Item {
    Element(Decl),
    /// Exactly one of these elements (each once): every choice in this schema is of that kind.
    Choice(&'static [Decl]),
}

const fn decl(name: &'static str, ty: Type) -> Decl {
    Decl {
        name,
        ty,
        min: 1,
        max: Some(1),
    }
}

const fn one(name: &'static str, ty: Type) -> Item {
    Item::Element(decl(name, ty))
}

const fn optional(name: &'static str, ty: Type) -> Item {
    Item::Element(Decl {
        name,
        ty,
        min: 0,
        max: Some(1),
    })
}

const fn many(name: &'static str, ty: Type) -> Item {
    Item::Element(Decl {
        name,
        ty,
        min: 0,
        max: None,
    })
}

const fn s(simple: Simple) -> Type {
    Type::Simple(simple)
}

const PERSON_SOM_HAR_ASSISTANS: &[Item] = &[
    one("personnummer", s(Simple::TwelveDigits)),
    one("fornamn", s(Simple::String)),
    one("efternamn", s(Simple::String)),
];

const ASSISTENT: &[Item] = &[
    Item::Choice(&[
        decl("personnummer", s(Simple::TwelveDigits)),
        decl("samordningsnummer", s(Simple::TwelveDigits)),
    ]),
    one("fornamn", s(Simple::String)),
    one("efternamn", s(Simple::String)),
    one("kollektivavtal", s(Simple::Boolean)),
];

const BERAKNINGSPERIOD: &[Item] = &[
    one("fromDag", s(Simple::Date)),
    one("tomDag", s(Simple::Date)),
];

const ANNAN_ARBETSGIVARE: &[Item] = &[
    optional("arbetsgivareNamn", s(Simple::String)),
    one("organisationsnummer", s(Simple::Organisationsnummer)),
];

const ANORDNARE: &[Item] = &[
    optional("anordnareNamn", s(Simple::String)),
    one("organisationsnummer", s(Simple::Organisationsnummer)),
    optional("kontaktperson", s(Simple::String)),
    optional("telefonnummer", s(Simple::Telefonnummer)),
    Item::Choice(&[
        decl("assistentAnstalldAvAnordnare", s(Simple::True)),
        decl("annanArbetsgivare", Type::Complex(ANNAN_ARBETSGIVARE)),
        decl("assistentEgenForetagare", s(Simple::True)),
    ]),
];

const RAPPORT_RAD: &[Item] = &[
    one("dag", s(Simple::Dag)),
    one("fromTid", s(Simple::Klockslag)),
    one("tomTid", s(Simple::Klockslag)),
    Item::Choice(&[
        decl("aktivTid", s(Simple::True)),
        decl("vanteTid", s(Simple::True)),
        decl("beredskapsTid", s(Simple::True)),
    ]),
];

const TIDRAPPORT: &[Item] = &[many("rapportRad", Type::Complex(RAPPORT_RAD))];

const TIDREDOVISNING: &[Item] = &[
    one("id", s(Simple::Uuid)),
    one("redovisningsmanad", s(Simple::Redovisningsmanad)),
    one(
        "personSomHarAssistans",
        Type::Complex(PERSON_SOM_HAR_ASSISTANS),
    ),
    one("assistent", Type::Complex(ASSISTENT)),
    many("berakningsperiod", Type::Complex(BERAKNINGSPERIOD)),
    Item::Choice(&[
        decl("anstalldAvPersonSomHarAssistans", s(Simple::True)),
        decl("assistansanordnare", Type::Complex(ANORDNARE)),
    ]),
    one("tidrapport", Type::Complex(TIDRAPPORT)),
    one("telefonnummerAnordnare", s(Simple::Telefonnummer)),
    optional("telefonnummerAssistent", s(Simple::Telefonnummer)),
];

// ---------------------------------------------------------------------------------------------
// Checking

#[derive(Default)]
struct Checker {
    problems: Vec<SchemaViolation>,
}

impl Checker {
    fn bad(&mut self, path: &str, rule: impl Into<String>) {
        self.problems.push(SchemaViolation {
            path: path.to_string(),
            rule: rule.into(),
        });
    }

    fn element(&mut self, el: &Element, ty: Type, path: &str) {
        for attr in &el.attrs {
            let schema_location = attr.ns.as_deref() == Some(XSI_NS)
                && matches!(
                    attr.name.as_str(),
                    "schemaLocation" | "noNamespaceSchemaLocation"
                );
            if !schema_location {
                self.bad(
                    path,
                    format!(
                        "attributet {} är inte tillåtet (schemat har inga attribut)",
                        attr.name
                    ),
                );
            }
        }
        match ty {
            Type::Simple(simple) => {
                if let Some(child) = el.children.first() {
                    self.bad(
                        path,
                        format!(
                            "ska bara innehålla text, inte elementet {} (enkel typ)",
                            child.name
                        ),
                    );
                } else if let Some(rule) = simple_problem(simple, &el.text) {
                    self.bad(path, rule);
                }
            }
            Type::Complex(items) => {
                if el.text.chars().any(|c| !xsd::is_xsd_space(c)) {
                    self.bad(
                        path,
                        "får bara innehålla element, ingen text mellan dem (elementinnehåll)",
                    );
                }
                self.sequence(el, items, path);
            }
        }
    }

    fn sequence(&mut self, el: &Element, items: &[Item], path: &str) {
        let children = &el.children;
        let named = |c: &Element, name: &str| c.is(DOC_NS, name);
        let mut i = 0;
        let mut last_choice: Option<&[Decl]> = None;
        for item in items {
            match item {
                Item::Element(d) => {
                    let mut count = 0;
                    while i < children.len()
                        && named(&children[i], d.name)
                        && d.max.is_none_or(|max| count < max)
                    {
                        let child_path = if d.max == Some(1) {
                            format!("{path}/{}", d.name)
                        } else {
                            format!("{path}/{}[{}]", d.name, count + 1)
                        };
                        self.element(&children[i], d.ty, &child_path);
                        i += 1;
                        count += 1;
                    }
                    if count < d.min {
                        self.out_of_place(children.get(i), &[d.name], last_choice, path);
                        return;
                    }
                    last_choice = None;
                }
                Item::Choice(options) => {
                    let branch = children
                        .get(i)
                        .and_then(|c| options.iter().find(|d| named(c, d.name)));
                    match branch {
                        Some(d) => {
                            self.element(&children[i], d.ty, &format!("{path}/{}", d.name));
                            i += 1;
                            last_choice = Some(options);
                        }
                        None => {
                            let names: Vec<&str> = options.iter().map(|d| d.name).collect();
                            self.out_of_place(children.get(i), &names, last_choice, path);
                            return;
                        }
                    }
                }
            }
        }
        if let Some(extra) = children.get(i) {
            self.out_of_place(Some(extra), &[], last_choice, path);
        }
    }

    /// `found` stands where one of `expected` should (or, with `expected` empty, after the
    /// last element the sequence allows).
    fn out_of_place(
        &mut self,
        found: Option<&Element>,
        expected: &[&str],
        last_choice: Option<&[Decl]>,
        path: &str,
    ) {
        let wanted = match expected {
            [] => String::new(),
            [one] => format!("här ska {one} stå"),
            several => format!("här ska exakt ett av {} stå", several.join(", ")),
        };
        let Some(found) = found else {
            self.bad(
                path,
                match expected {
                    [one] => format!("{one} saknas"),
                    several => format!("ett av {} saknas (ett val i schemat)", several.join(", ")),
                },
            );
            return;
        };
        let name = &found.name;
        let rule = if found.ns.as_deref() != Some(DOC_NS) {
            format!(
                "elementet {name} är i fel namnrymd ({}), alla element ska vara i {DOC_NS}",
                found.ns.as_deref().unwrap_or("ingen")
            )
        } else if last_choice.is_some_and(|c| c.iter().any(|d| d.name == name)) {
            let names: Vec<&str> = last_choice.unwrap_or(&[]).iter().map(|d| d.name).collect();
            format!(
                "{name} får inte stå här: bara ett av {} får finnas (ett val i schemat)",
                names.join(", ")
            )
        } else if wanted.is_empty() {
            format!(
                "elementet {name} väntas inte här (står på fel plats eller finns inte i schemat)"
            )
        } else {
            format!("elementet {name} väntas inte här, {wanted}")
        };
        self.bad(path, rule);
    }
}

/// The rule `raw` breaks for its simple type, if any.
fn simple_problem(simple: Simple, raw: &str) -> Option<String> {
    let collapsed = || xsd::collapse(raw);
    let ok = match simple {
        Simple::String => true,
        Simple::Uuid => uuid(raw),
        Simple::TwelveDigits => xsd::digits(&collapsed(), 12),
        Simple::Organisationsnummer => xsd::digits(&collapsed(), 10),
        Simple::Redovisningsmanad => {
            let v = collapsed();
            v.len() == 7
                && v.as_bytes()[4] == b'-'
                && xsd::digits(&v[..4], 4)
                && xsd::digits(&v[5..], 2)
        }
        Simple::Klockslag => {
            let v = collapsed();
            v.len() == 5
                && v.as_bytes()[2] == b'.'
                && xsd::digits(&v[..2], 2)
                && xsd::digits(&v[3..], 2)
        }
        Simple::Dag => matches!(xsd::integer(raw), Ok(Some(d)) if (1..=31).contains(&d)),
        Simple::Date => xsd::date(raw).is_some(),
        Simple::Boolean => xsd::boolean(raw).is_some(),
        Simple::True => raw == "true",
        Simple::Telefonnummer => raw.chars().count() >= 7 && raw.chars().all(xsd::dot),
    };
    if ok {
        return None;
    }
    Some(
        match simple {
            Simple::String => unreachable!("every text is an xsd:string"),
            Simple::Uuid => {
                "ska vara ett UUID med små bokstäver, 8-4-4-4-12 tecken 0-9 a-f (typen UUID)"
            }
            Simple::TwelveDigits => "ska vara 12 siffror ÅÅÅÅMMDDNNNN (mönstret \\d{12})",
            Simple::Organisationsnummer => "ska vara 10 siffror (typen Organisationsnummer, \\d{10})",
            Simple::Redovisningsmanad => "ska vara ÅÅÅÅ-MM (typen Redovisningsmanad, \\d{4}-\\d{2})",
            Simple::Klockslag => {
                "ska vara ett klockslag TT.MM med två siffror före och efter punkten, till exempel \
                 07.00 (typen Klockslag, \\d{2}\\.\\d{2})"
            }
            Simple::Dag => "ska vara ett heltal 1–31 (typen Dag)",
            Simple::Date => "ska vara ett datum ÅÅÅÅ-MM-DD som finns (xsd:date)",
            Simple::Boolean => "ska vara true, false, 1 eller 0 (xsd:boolean)",
            Simple::True => {
                "ska vara exakt texten true (typen True; false finns inte, elementet utelämnas i stället)"
            }
            Simple::Telefonnummer => {
                "ska vara minst 7 tecken på en rad (typen Telefonnummer, .{7,})"
            }
        }
        .to_string(),
    )
}

fn uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "<Tidredovisning xmlns=\"http://schema.forsakringskassan.se/integration/isassistansersattning/tidredovisning/1\">\
        <id>0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c</id><redovisningsmanad>2026-10</redovisningsmanad>\
        <personSomHarAssistans><personnummer>191212121212</personnummer><fornamn>A</fornamn><efternamn>B</efternamn></personSomHarAssistans>\
        <assistent><personnummer>199001011234</personnummer><fornamn>C</fornamn><efternamn>D</efternamn><kollektivavtal>true</kollektivavtal></assistent>\
        <anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans>\
        <tidrapport><rapportRad><dag>1</dag><fromTid>07.00</fromTid><tomTid>24.00</tomTid><aktivTid>true</aktivTid></rapportRad></tidrapport>\
        <telefonnummerAnordnare>070-1234567</telefonnummerAnordnare></Tidredovisning>";

    #[test]
    fn a_minimal_document_is_valid_and_names_its_assistant() {
        let valid = validate(MINIMAL.as_bytes()).unwrap();
        assert_eq!(valid.id, "0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c");
        assert_eq!(
            valid.assistant,
            AssistantId::Personnummer("199001011234".into())
        );
    }

    #[test]
    fn each_problem_names_the_element_and_the_rule() {
        let doc = MINIMAL.replace("07.00", "7.00").replace(
            "<aktivTid>true</aktivTid>",
            "<aktivTid>true</aktivTid><vanteTid>true</vanteTid>",
        );
        let problems = validate(doc.as_bytes()).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("Tidredovisning/tidrapport/rapportRad[1]/fromTid: "),
            "{text:?}"
        );
        assert!(text[0].contains("Klockslag"), "{text:?}");
        assert!(
            text[1].starts_with("Tidredovisning/tidrapport/rapportRad[1]: vanteTid"),
            "{text:?}"
        );
        assert!(
            text[1].contains("bara ett av aktivTid, vanteTid, beredskapsTid"),
            "{text:?}"
        );
    }

    #[test]
    fn a_missing_choice_and_a_missing_element_are_named() {
        let doc = MINIMAL.replace(
            "<anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans>",
            "",
        );
        let problems = validate(doc.as_bytes()).unwrap_err();
        assert!(
            problems[0]
                .rule
                .contains("exakt ett av anstalldAvPersonSomHarAssistans, assistansanordnare"),
            "{problems:?}"
        );
        let doc = MINIMAL.replace(
            "<telefonnummerAnordnare>070-1234567</telefonnummerAnordnare>",
            "",
        );
        let problems = validate(doc.as_bytes()).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "Tidredovisning: telefonnummerAnordnare saknas"
        );
    }
}
