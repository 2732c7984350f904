//! The simulator's ELT document check against FK's schema as `xmllint --schema` applies it:
//! a corpus of valid tidredovisning documents written by hand from
//! `tidredovisning_extern_v1.xsd` (1.8) — every branch of every choice, with and without each
//! optional element, 0, 1 and several berakningsperioder, rows of every kind, 00.00 starts and
//! 24.00 ends, prefixes, whitespace, comments, CDATA — and for each at least one mutation per
//! schema rule. Every document is judged by `timbok_sim::tidredovisning::validate` and by
//! xmllint; the verdicts must be the same for every document, and must be the one the case
//! was written to have (so the corpus tests what it says it tests).
//!
//! Run: `cargo test -p timbok-sim --test schema_differential -- --nocapture` (prints counts).

#[path = "../../../tests/support/fk_files.rs"]
mod fk_files;

use timbok_sim::tidredovisning::{self, DOC_NS};

#[derive(Clone)]
enum Employs {
    Anordnare,
    Annan { name: Option<String>, org: String },
    Egen,
}

#[derive(Clone)]
struct Provider {
    name: Option<String>,
    org: String,
    contact: Option<String>,
    phone: Option<String>,
    employs: Employs,
}

#[derive(Clone)]
struct Row {
    day: String,
    from: String,
    to: String,
    /// The kind elements as written, each `(name, value)`; the schema wants exactly one.
    kinds: Vec<(&'static str, String)>,
}

fn row(day: &str, from: &str, to: &str, kind: &'static str) -> Row {
    Row {
        day: day.into(),
        from: from.into(),
        to: to.into(),
        kinds: vec![(kind, "true".into())],
    }
}

/// A document as parts; values are written verbatim (already escaped), so a mutation may put
/// anything in them.
#[derive(Clone)]
struct Doc {
    id: String,
    month: String,
    person: [String; 3],
    assistant_tag: &'static str,
    assistant: [String; 3],
    collective: String,
    periods: Vec<(String, String)>,
    /// `None`: the person employs the assistant (`anstalldAvPersonSomHarAssistans`).
    provider: Option<Provider>,
    /// The value written in `anstalldAvPersonSomHarAssistans`.
    employed_value: String,
    rows: Vec<Row>,
    phone_employer: Option<String>,
    phone_assistant: Option<String>,
    /// Element prefix (`""`: default namespace).
    prefix: &'static str,
    /// Written between elements.
    sep: &'static str,
    declaration: bool,
}

struct Writer<'d> {
    doc: &'d Doc,
    out: String,
}

impl Writer<'_> {
    fn name(&self, local: &str) -> String {
        if self.doc.prefix.is_empty() {
            local.to_string()
        } else {
            format!("{}:{local}", self.doc.prefix)
        }
    }
    fn open(&mut self, local: &str) {
        let n = self.name(local);
        self.out += &format!("<{n}>{}", self.doc.sep);
    }
    fn close(&mut self, local: &str) {
        let n = self.name(local);
        self.out += &format!("</{n}>{}", self.doc.sep);
    }
    fn leaf(&mut self, local: &str, value: &str) {
        let n = self.name(local);
        self.out += &format!("<{n}>{value}</{n}>{}", self.doc.sep);
    }
}

impl Doc {
    fn render(&self) -> String {
        let mut w = Writer {
            doc: self,
            out: String::new(),
        };
        if self.declaration {
            w.out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        }
        let root = w.name("Tidredovisning");
        let xmlns = if self.prefix.is_empty() {
            format!("xmlns=\"{DOC_NS}\"")
        } else {
            format!("xmlns:{}=\"{DOC_NS}\"", self.prefix)
        };
        w.out += &format!("<{root} {xmlns}>{}", self.sep);
        w.leaf("id", &self.id);
        w.leaf("redovisningsmanad", &self.month);
        w.open("personSomHarAssistans");
        w.leaf("personnummer", &self.person[0]);
        w.leaf("fornamn", &self.person[1]);
        w.leaf("efternamn", &self.person[2]);
        w.close("personSomHarAssistans");
        w.open("assistent");
        w.leaf(self.assistant_tag, &self.assistant[0]);
        w.leaf("fornamn", &self.assistant[1]);
        w.leaf("efternamn", &self.assistant[2]);
        w.leaf("kollektivavtal", &self.collective);
        w.close("assistent");
        for (from, to) in &self.periods {
            w.open("berakningsperiod");
            w.leaf("fromDag", from);
            w.leaf("tomDag", to);
            w.close("berakningsperiod");
        }
        match &self.provider {
            None => w.leaf("anstalldAvPersonSomHarAssistans", &self.employed_value),
            Some(p) => {
                w.open("assistansanordnare");
                if let Some(name) = &p.name {
                    w.leaf("anordnareNamn", name);
                }
                w.leaf("organisationsnummer", &p.org);
                if let Some(c) = &p.contact {
                    w.leaf("kontaktperson", c);
                }
                if let Some(t) = &p.phone {
                    w.leaf("telefonnummer", t);
                }
                match &p.employs {
                    Employs::Anordnare => w.leaf("assistentAnstalldAvAnordnare", "true"),
                    Employs::Annan { name, org } => {
                        w.open("annanArbetsgivare");
                        if let Some(n) = name {
                            w.leaf("arbetsgivareNamn", n);
                        }
                        w.leaf("organisationsnummer", org);
                        w.close("annanArbetsgivare");
                    }
                    Employs::Egen => w.leaf("assistentEgenForetagare", "true"),
                }
                w.close("assistansanordnare");
            }
        }
        w.open("tidrapport");
        for r in &self.rows {
            w.open("rapportRad");
            w.leaf("dag", &r.day);
            w.leaf("fromTid", &r.from);
            w.leaf("tomTid", &r.to);
            for (kind, value) in &r.kinds {
                w.leaf(kind, value);
            }
            w.close("rapportRad");
        }
        w.close("tidrapport");
        if let Some(t) = &self.phone_employer {
            w.leaf("telefonnummerAnordnare", t);
        }
        if let Some(t) = &self.phone_assistant {
            w.leaf("telefonnummerAssistent", t);
        }
        w.out += &format!("</{root}>");
        w.out
    }
}

fn minimal() -> Doc {
    Doc {
        id: "0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c".into(),
        month: "2026-10".into(),
        person: ["191212121212".into(), "Alva".into(), "Ek".into()],
        assistant_tag: "personnummer",
        assistant: ["199001011234".into(), "Tolvan".into(), "Tolvansson".into()],
        collective: "true".into(),
        periods: vec![],
        provider: None,
        employed_value: "true".into(),
        rows: vec![],
        phone_employer: Some("070-1234567".into()),
        phone_assistant: None,
        prefix: "",
        sep: "",
        declaration: false,
    }
}

fn every_kind() -> Vec<Row> {
    vec![
        row("1", "07.00", "12.00", "aktivTid"),
        row("01", "22.00", "24.00", "beredskapsTid"),
        row("2", "00.00", "07.00", "beredskapsTid"),
        row("15", "13.30", "17.45", "vanteTid"),
        row("31", "09.05", "09.59", "aktivTid"),
    ]
}

/// The valid documents: one per combination the schema allows that matters.
fn valid_bases() -> Vec<(&'static str, Doc)> {
    let mut bases = vec![("minimal, person employs, no rows", minimal())];

    let mut d = minimal();
    d.rows = every_kind();
    d.periods = vec![("2026-10-01".into(), "2026-10-28".into())];
    d.phone_assistant = Some("+46 70 765 43 21".into());
    bases.push(("person employs, one period, every kind of row", d));

    let mut d = minimal();
    d.provider = Some(Provider {
        name: Some("Assistans &amp; Omsorg AB".into()),
        org: "5560360793".into(),
        contact: Some("Kim Kontakt".into()),
        phone: Some("08-123456".into()),
        employs: Employs::Anordnare,
    });
    d.rows = every_kind();
    d.periods = vec![
        ("2026-09-14".into(), "2026-10-11".into()),
        ("2026-10-12".into(), "2026-11-08".into()),
    ];
    bases.push(("anordnare employs, every optional, two periods", d));

    let mut d = minimal();
    d.provider = Some(Provider {
        name: None,
        org: "5560360793".into(),
        contact: None,
        phone: None,
        employs: Employs::Annan {
            name: Some("Annan Arbetsgivare AB".into()),
            org: "5566778899".into(),
        },
    });
    d.assistant_tag = "samordningsnummer";
    d.assistant[0] = "199001611234".into();
    d.rows = vec![row("3", "08.00", "16.00", "aktivTid")];
    d.periods = vec![
        ("2026-10-01".into(), "2026-10-07".into()),
        ("2026-10-08".into(), "2026-10-14".into()),
        ("2026-10-15".into(), "2026-10-31".into()),
    ];
    bases.push((
        "another employer with a name, samordningsnummer, three periods",
        d,
    ));

    let mut d = minimal();
    d.provider = Some(Provider {
        name: None,
        org: "5560360793".into(),
        contact: None,
        phone: None,
        employs: Employs::Annan {
            name: None,
            org: "5566778899".into(),
        },
    });
    bases.push(("another employer without a name, no optional element", d));

    let mut d = minimal();
    d.provider = Some(Provider {
        name: Some("Eget AB".into()),
        org: "5560360793".into(),
        contact: Some("".into()),
        phone: None,
        employs: Employs::Egen,
    });
    d.rows = vec![row("28", "00.00", "24.00", "vanteTid")];
    bases.push(("self-employed assistant, empty contact", d));

    let mut d = minimal();
    d.prefix = "ase";
    d.sep = "\n  ";
    d.declaration = true;
    d.rows = every_kind();
    d.phone_assistant = Some("0701234567".into());
    bases.push(("prefixed, pretty-printed, with a declaration", d));

    let mut d = minimal();
    d.person[1] = "Åsa &amp; &lt;Örjan&gt; &quot;Ä&quot; '".into();
    d.person[2] = "".into();
    d.assistant[1] = "x".repeat(5000);
    d.collective = " 0 ".into();
    d.rows = vec![
        row(" +5 ", " 07.00 ", "\n08.00\t", "aktivTid"),
        row("005", "25.61", "99.99", "vanteTid"),
    ];
    d.rows[0].kinds = vec![("aktivTid", "<![CDATA[true]]>".into())];
    d.month = "2026-13".into();
    d.periods = vec![
        ("2024-02-29".into(), "2024-03-01Z".into()),
        ("2026-10-01+01:00".into(), "2026-10-31-05:00".into()),
    ];
    d.phone_employer = Some("ååååååå".into());
    d.phone_assistant = Some("\t      ".into());
    bases.push((
        "edge values: escapes, empty and long names, token whitespace, schema-only ranges",
        d,
    ));

    let mut d = minimal();
    d.collective = "false".into();
    d.rows = (1..=31)
        .flat_map(|day| {
            [
                row(&day.to_string(), "07.00", "15.00", "aktivTid"),
                row(&format!("{day:02}"), "22.00", "24.00", "beredskapsTid"),
            ]
        })
        .collect();
    bases.push(("every day of a month, two rows each", d));

    let mut d = minimal();
    d.collective = "1".into();
    d.id = "<!-- c -->0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c".into();
    d.rows = vec![row("7", "0&#x37;.00", "08<!-- x -->.00", "aktivTid")];
    bases.push(("character references and comments inside values", d));
    bases
}

type Mutation = (&'static str, fn(&mut Doc) -> bool);

fn with_rows(d: &mut Doc, f: impl FnOnce(&mut Row)) -> bool {
    match d.rows.first_mut() {
        Some(r) => {
            f(r);
            true
        }
        None => false,
    }
}

fn with_provider(d: &mut Doc, f: impl FnOnce(&mut Provider)) -> bool {
    match d.provider.as_mut() {
        Some(p) => {
            f(p);
            true
        }
        None => false,
    }
}

/// Mutations of the parts (each breaks one rule); `false` when it does not apply to a base.
fn part_mutations() -> Vec<Mutation> {
    vec![
        ("one-digit hour", |d| {
            with_rows(d, |r| r.from = "7.00".into())
        }),
        ("one-digit minute", |d| {
            with_rows(d, |r| r.to = "12.0".into())
        }),
        ("colon in a time", |d| {
            with_rows(d, |r| r.from = "07:00".into())
        }),
        ("time with a space inside", |d| {
            with_rows(d, |r| r.from = "07 .00".into())
        }),
        ("empty time", |d| with_rows(d, |r| r.to = "".into())),
        ("two kinds in one row", |d| {
            with_rows(d, |r| r.kinds.push(("vanteTid", "true".into())))
        }),
        ("false as a kind", |d| {
            with_rows(d, |r| r.kinds = vec![("aktivTid", "false".into())])
        }),
        ("TRUE as a kind", |d| {
            with_rows(d, |r| r.kinds = vec![("beredskapsTid", "TRUE".into())])
        }),
        ("kind true with a space", |d| {
            with_rows(d, |r| r.kinds = vec![("vanteTid", " true".into())])
        }),
        ("a row without a kind", |d| {
            with_rows(d, |r| r.kinds.clear())
        }),
        ("all three kinds, true and false", |d| {
            with_rows(d, |r| {
                r.kinds = vec![
                    ("aktivTid", "true".into()),
                    ("vanteTid", "false".into()),
                    ("beredskapsTid", "false".into()),
                ]
            })
        }),
        ("day 0", |d| with_rows(d, |r| r.day = "0".into())),
        ("day 32", |d| with_rows(d, |r| r.day = "32".into())),
        ("day 1.5", |d| with_rows(d, |r| r.day = "1.5".into())),
        ("day empty", |d| with_rows(d, |r| r.day = "".into())),
        ("day a word", |d| with_rows(d, |r| r.day = "en".into())),
        ("anstalldAvPersonSomHarAssistans false", |d| {
            if d.provider.is_some() {
                return false;
            }
            d.employed_value = "false".into();
            true
        }),
        ("anstalldAvPersonSomHarAssistans empty", |d| {
            if d.provider.is_some() {
                return false;
            }
            d.employed_value = "".into();
            true
        }),
        ("6-character employer phone", |d| {
            d.phone_employer = Some("070123".into());
            true
        }),
        ("6-character assistant phone", |d| {
            d.phone_assistant = Some("123456".into());
            true
        }),
        ("phone with a line break", |d| {
            d.phone_employer = Some("070-123\n4567".into());
            true
        }),
        ("empty employer phone", |d| {
            d.phone_employer = Some("".into());
            true
        }),
        ("missing employer phone", |d| {
            d.phone_employer = None;
            true
        }),
        ("6-character anordnare phone", |d| {
            with_provider(d, |p| p.phone = Some("08-123".into()))
        }),
        ("11-digit personnummer", |d| {
            d.person[0] = "19121212121".into();
            true
        }),
        ("13-digit personnummer", |d| {
            d.person[0] = "1912121212121".into();
            true
        }),
        ("personnummer with a hyphen", |d| {
            d.person[0] = "19121212-1212".into();
            true
        }),
        ("10-digit assistant number", |d| {
            d.assistant[0] = "9001011234".into();
            true
        }),
        ("uppercase UUID", |d| {
            d.id = d.id.to_uppercase();
            true
        }),
        ("UUID without hyphens", |d| {
            d.id = "0e9a1f0c5b7d4c1e9a3f2b6d8e4f1a7c".into();
            true
        }),
        ("UUID with spaces around", |d| {
            d.id = " 0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c ".into();
            true
        }),
        ("UUID too long", |d| {
            d.id = "0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c0".into();
            true
        }),
        ("month without a zero", |d| {
            d.month = "2026-1".into();
            true
        }),
        ("month as a date", |d| {
            d.month = "2026-10-01".into();
            true
        }),
        ("month without hyphen", |d| {
            d.month = "202610".into();
            true
        }),
        ("kollektivavtal ja", |d| {
            d.collective = "ja".into();
            true
        }),
        ("kollektivavtal TRUE", |d| {
            d.collective = "TRUE".into();
            true
        }),
        ("kollektivavtal empty", |d| {
            d.collective = "".into();
            true
        }),
        ("period on 30 February", |d| {
            d.periods.push(("2026-02-30".into(), "2026-03-01".into()));
            true
        }),
        ("period date without zero", |d| {
            d.periods.push(("2026-2-01".into(), "2026-03-01".into()));
            true
        }),
        (
            "period date with spaces around (libxml2 does not collapse xs:date)",
            |d| {
                d.periods.push((" 2026-02-01".into(), "2026-03-01 ".into()));
                true
            },
        ),
        ("period date with a time", |d| {
            d.periods
                .push(("2026-02-01T00:00:00".into(), "2026-03-01".into()));
            true
        }),
        ("9-digit organisationsnummer", |d| {
            with_provider(d, |p| p.org = "556036079".into())
        }),
        ("organisationsnummer with a hyphen", |d| {
            with_provider(d, |p| p.org = "556036-0793".into())
        }),
        ("12-digit organisationsnummer of another employer", |d| {
            with_provider(d, |p| {
                p.employs = Employs::Annan {
                    name: None,
                    org: "165566778899".into(),
                }
            })
        }),
        ("a long name is fine (no maxLength in the schema)", |d| {
            d.person[1] = "Å".repeat(20_000);
            true
        }),
    ]
}

/// Mutations of the written text: `(name, from, to)`, the first occurrence replaced; they
/// apply where `from` occurs.
fn text_mutations() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("signing date of the employer", "</tidrapport>", "</tidrapport><datumForUnderskriftAnordnare>2026-11-01</datumForUnderskriftAnordnare>"),
        ("signing date of the assistant at the end", "</Tidredovisning>", "<datumForUnderskriftAssistent>2026-11-01</datumForUnderskriftAssistent></Tidredovisning>"),
        ("both branches of the employer choice", "<assistansanordnare>", "<anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans><assistansanordnare>"),
        ("both branches of the employer choice, anordnare second", "</anstalldAvPersonSomHarAssistans>", "</anstalldAvPersonSomHarAssistans><assistansanordnare><organisationsnummer>5560360793</organisationsnummer><assistentEgenForetagare>true</assistentEgenForetagare></assistansanordnare>"),
        ("neither branch of the employer choice", "<anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans>", ""),
        ("both branches of the anordnare choice", "<assistentAnstalldAvAnordnare>true</assistentAnstalldAvAnordnare>", "<assistentAnstalldAvAnordnare>true</assistentAnstalldAvAnordnare><assistentEgenForetagare>true</assistentEgenForetagare>"),
        ("another employer and self-employed", "</annanArbetsgivare>", "</annanArbetsgivare><assistentEgenForetagare>true</assistentEgenForetagare>"),
        ("neither branch of the anordnare choice", "<assistentAnstalldAvAnordnare>true</assistentAnstalldAvAnordnare>", ""),
        ("self-employed false", "<assistentEgenForetagare>true</assistentEgenForetagare>", "<assistentEgenForetagare>false</assistentEgenForetagare>"),
        ("the old shape: both anordnare flags", "<assistentAnstalldAvAnordnare>true</assistentAnstalldAvAnordnare>", "<assistentAnstalldAvAnordnare>true</assistentAnstalldAvAnordnare><assistentEgenForetagare>false</assistentEgenForetagare>"),
        ("personnummer and samordningsnummer", "</personnummer><fornamn>Tolvan", "</personnummer><samordningsnummer>199001611234</samordningsnummer><fornamn>Tolvan"),
        ("first and last name swapped", "<fornamn>Alva</fornamn><efternamn>Ek</efternamn>", "<efternamn>Ek</efternamn><fornamn>Alva</fornamn>"),
        ("period dates swapped in order", "<berakningsperiod><fromDag>", "<berakningsperiod><tomDag>2026-10-31</tomDag><fromDag>"),
        ("phones in the wrong order", "<telefonnummerAnordnare>070-1234567</telefonnummerAnordnare><telefonnummerAssistent>+46 70 765 43 21</telefonnummerAssistent>", "<telefonnummerAssistent>+46 70 765 43 21</telefonnummerAssistent><telefonnummerAnordnare>070-1234567</telefonnummerAnordnare>"),
        ("month before id", "<id>0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c</id><redovisningsmanad>2026-10</redovisningsmanad>", "<redovisningsmanad>2026-10</redovisningsmanad><id>0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c</id>"),
        ("tidrapport before the employer", "<anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans><tidrapport></tidrapport>", "<tidrapport></tidrapport><anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans>"),
        ("period after the employer", "<anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans>", "<anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans><berakningsperiod><fromDag>2026-10-01</fromDag><tomDag>2026-10-31</tomDag></berakningsperiod>"),
        ("tomTid before fromTid", "<fromTid>07.00</fromTid><tomTid>12.00</tomTid>", "<tomTid>12.00</tomTid><fromTid>07.00</fromTid>"),
        ("kind before the times", "<fromTid>07.00</fromTid><tomTid>12.00</tomTid><aktivTid>true</aktivTid>", "<aktivTid>true</aktivTid><fromTid>07.00</fromTid><tomTid>12.00</tomTid>"),
        ("missing id", "<id>0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c</id>", ""),
        ("missing month", "<redovisningsmanad>2026-10</redovisningsmanad>", ""),
        ("missing last name", "<efternamn>Tolvansson</efternamn>", ""),
        ("missing kollektivavtal", "<kollektivavtal>true</kollektivavtal>", ""),
        ("missing assistant number", "<personnummer>199001011234</personnummer>", ""),
        ("missing tidrapport", "<tidrapport></tidrapport>", ""),
        ("missing tomDag", "<tomDag>2026-10-28</tomDag>", ""),
        ("missing day", "<dag>1</dag>", ""),
        ("missing anordnare organisationsnummer", "<organisationsnummer>5560360793</organisationsnummer>", ""),
        ("missing organisationsnummer of another employer", "<organisationsnummer>5566778899</organisationsnummer>", ""),
        ("two ids", "</id>", "</id><id>0e9a1f0c-5b7d-4c1e-9a3f-2b6d8e4f1a7c</id>"),
        ("two tidrapport", "</tidrapport>", "</tidrapport><tidrapport></tidrapport>"),
        ("two assistant phones", "</telefonnummerAssistent>", "</telefonnummerAssistent><telefonnummerAssistent>0701234567</telefonnummerAssistent>"),
        ("unknown element at the top", "<tidrapport>", "<okand>x</okand><tidrapport>"),
        ("unknown element in a row", "</dag>", "</dag><rast>true</rast>"),
        ("unknown element at the end", "</Tidredovisning>", "<extra></extra></Tidredovisning>"),
        ("an element in another namespace", "<tidrapport>", "<x:ovrigt xmlns:x=\"urn:annat\">x</x:ovrigt><tidrapport>"),
        ("a known element in no namespace", "<id>", "<id xmlns=\"\">"),
        ("the document in another namespace", "tidredovisning/1\"", "tidredovisning/2\""),
        ("the document in no namespace", " xmlns=\"http://schema.forsakringskassan.se/integration/isassistansersattning/tidredovisning/1\"", ""),
        ("another root element", "Tidredovisning xmlns", "Tidsredovisning xmlns"),
        ("an attribute on an element", "<tidrapport>", "<tidrapport typ=\"m\">"),
        ("an attribute on the root", "<Tidredovisning ", "<Tidredovisning version=\"1.8\" "),
        ("text between elements", "<tidrapport>", "<tidrapport>rader"),
        ("an element inside a name", "<fornamn>Alva</fornamn>", "<fornamn><b>Alva</b></fornamn>"),
        ("not well-formed", "</tidrapport>", "</tidrapprt>"),
        ("an empty kind element", "<aktivTid>true</aktivTid>", "<aktivTid></aktivTid>"),
        ("a self-closing empty tidrapport is fine", "<tidrapport></tidrapport>", "<tidrapport/>"),
        ("whitespace in element-only content is fine", "<tidrapport>", "<tidrapport>\n\t "),
        ("a non-breaking space between elements", "<tidrapport>", "<tidrapport>&#160;"),
        ("a processing instruction inside is fine", "<tidrapport>", "<tidrapport><?pi x?>"),
    ]
}

#[test]
fn the_simulator_refuses_exactly_what_fks_schema_refuses() {
    let Some(xsd) = fk_files::tidredovisning_xsd() else {
        return;
    };
    let Some(xmllint) = fk_files::xmllint(&xsd) else {
        return;
    };
    // (description, document, the verdict the case was written to have)
    let mut corpus: Vec<(String, Vec<u8>, bool)> = Vec::new();
    for (base_name, base) in valid_bases() {
        corpus.push((base_name.to_string(), base.render().into_bytes(), true));
        for (name, mutate) in part_mutations() {
            let mut d = base.clone();
            if mutate(&mut d) {
                let fine = name.contains("is fine");
                corpus.push((
                    format!("{base_name} / {name}"),
                    d.render().into_bytes(),
                    fine,
                ));
            }
        }
        let text = base.render();
        for (name, from, to) in text_mutations() {
            if text.contains(from) {
                let fine = name.contains("is fine");
                corpus.push((
                    format!("{base_name} / {name}"),
                    text.replacen(from, to, 1).into_bytes(),
                    fine,
                ));
            }
        }
    }
    let documents: Vec<Vec<u8>> = corpus.iter().map(|(_, d, _)| d.clone()).collect();
    let verdicts = xmllint.validate_all(&documents);
    assert_eq!(verdicts.len(), corpus.len());

    let mut disagreements = Vec::new();
    let mut unexpected = Vec::new();
    let (mut accepted, mut refused) = (0, 0);
    let mut rules_applied = std::collections::BTreeSet::new();
    for ((name, doc, expected), by_xmllint) in corpus.iter().zip(&verdicts) {
        let by_sim = tidredovisning::validate(doc);
        if by_sim.is_ok() != by_xmllint.is_ok() {
            disagreements.push(format!(
                "{name}:\n  simulator: {:?}\n  xmllint:   {:?}\n  document: {}",
                by_sim
                    .as_ref()
                    .map(|_| ())
                    .map_err(|p| p.iter().map(ToString::to_string).collect::<Vec<_>>()),
                by_xmllint,
                String::from_utf8_lossy(doc)
                    .chars()
                    .take(600)
                    .collect::<String>()
            ));
        }
        if by_xmllint.is_ok() != *expected {
            unexpected.push(format!("{name}: xmllint says {by_xmllint:?}"));
        }
        if by_xmllint.is_ok() {
            accepted += 1;
        } else {
            refused += 1;
            rules_applied.insert(name.rsplit(" / ").next().unwrap_or(name).to_string());
        }
    }
    println!(
        "schema differential: {} documents, {accepted} accepted and {refused} refused by both, {} distinct refused cases",
        corpus.len(),
        rules_applied.len()
    );
    assert!(
        disagreements.is_empty(),
        "{} of {} verdicts differ:\n{}",
        disagreements.len(),
        corpus.len(),
        disagreements.join("\n")
    );
    assert!(
        unexpected.is_empty(),
        "cases whose xmllint verdict is not the one written:\n{}",
        unexpected.join("\n")
    );
    assert!(
        accepted >= valid_bases().len() && refused > 100,
        "{accepted} {refused}"
    );
}
