use std::process::Command;

use super::*;
use crate::elt::client::{send, Outcome};
use crate::elt::soap::{envelope, FaultKind};
use crate::elt::testing::*;
use crate::hours::{report_rows, AssistantId, ShiftId, TimeKind};
use crate::household::CalculationPeriods;

fn id(n: u8) -> Uuid {
    Uuid::parse_str(&format!("4f1c2a7e-9b3d-4c5e-8a6f-0123456789{n:02x}")).unwrap()
}

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).unwrap()
}

/// One golden case: a name, the household, the assistant, the month, the shifts' rows.
struct Case {
    file: &'static str,
    household: Household,
    assistant: Assistant,
    month: YearMonth,
    rows: Vec<ReportRow>,
    signing_date: NaiveDate,
    id: Uuid,
}

impl Case {
    fn build(&self) -> Document {
        build(&DocumentInput {
            id: self.id,
            month: self.month,
            household: &self.household,
            assistant: &self.assistant,
            rows: &self.rows,
            signing_date: self.signing_date,
        })
        .unwrap()
    }
}

fn cases() -> Vec<Case> {
    use TimeKind::*;
    let johan = johan();
    let sara = assistant(2, OTHER_ASSISTANT, "Sara", "Öberg");
    let mut cases = Vec::new();

    // A plain month: day, evening, a night over midnight, waiting time; another assistant's
    // shift that must not appear.
    let month = ym("2025-09");
    let shifts = vec![
        shift(
            1,
            &johan,
            at(2025, 9, 1, 8, 0),
            at(2025, 9, 1, 12, 0),
            Aktiv,
        ),
        shift(
            2,
            &johan,
            at(2025, 9, 1, 22, 0),
            at(2025, 9, 2, 7, 0),
            Beredskap,
        ),
        shift(
            3,
            &johan,
            at(2025, 9, 15, 13, 30),
            at(2025, 9, 15, 17, 45),
            Vantetid,
        ),
        shift(
            4,
            &johan,
            at(2025, 9, 20, 7, 5),
            at(2025, 9, 20, 16, 0),
            Aktiv,
        ),
        shift(5, &sara, at(2025, 9, 3, 8, 0), at(2025, 9, 3, 16, 0), Aktiv),
    ];
    cases.push(Case {
        file: "plain.xml",
        household: employer_household(),
        assistant: johan.clone(),
        month,
        rows: report_rows(&shifts, month),
        signing_date: day(2025, 10, 3),
        id: id(1),
    });

    // The autumn night (2025-10-26, 02:00–02:59 twice): raw 0.00–4.00, 5 real hours.
    let month = ym("2025-10");
    let shifts = vec![
        shift(
            10,
            &johan,
            at(2025, 10, 25, 20, 0),
            at(2025, 10, 26, 0, 0),
            Aktiv,
        ),
        shift(
            11,
            &johan,
            at(2025, 10, 26, 0, 0),
            at(2025, 10, 26, 4, 0),
            Beredskap,
        ),
    ];
    cases.push(Case {
        file: "dst_autumn.xml",
        household: employer_household(),
        assistant: johan.clone(),
        month,
        rows: report_rows(&shifts, month),
        signing_date: day(2025, 11, 2),
        id: id(2),
    });

    // The spring night (2025-03-30, 02:00–02:59 missing): raw 0.00–4.00, 3 real hours.
    let month = ym("2025-03");
    let shifts = vec![shift(
        20,
        &johan,
        at(2025, 3, 29, 22, 0),
        at(2025, 3, 30, 4, 0),
        Beredskap,
    )];
    cases.push(Case {
        file: "dst_spring.xml",
        household: employer_household(),
        assistant: johan.clone(),
        month,
        rows: report_rows(&shifts, month),
        signing_date: day(2025, 4, 1),
        id: id(3),
    });

    // Shifts over both month boundaries: only October's parts.
    let month = ym("2025-10");
    let shifts = vec![
        shift(
            30,
            &johan,
            at(2025, 9, 30, 20, 0),
            at(2025, 10, 1, 6, 0),
            Aktiv,
        ),
        shift(
            31,
            &johan,
            at(2025, 10, 31, 22, 0),
            at(2025, 11, 1, 7, 0),
            Beredskap,
        ),
    ];
    cases.push(Case {
        file: "month_boundary.xml",
        household: employer_household(),
        assistant: johan.clone(),
        month,
        rows: report_rows(&shifts, month),
        signing_date: day(2025, 11, 1),
        id: id(4),
    });

    // An assistant with only a samordningsnummer.
    let ali = ali();
    let month = ym("2025-09");
    let shifts = vec![shift(
        40,
        &ali,
        at(2025, 9, 8, 9, 0),
        at(2025, 9, 8, 15, 0),
        Aktiv,
    )];
    cases.push(Case {
        file: "samordningsnummer.xml",
        household: employer_household(),
        assistant: ali,
        month,
        rows: report_rows(&shifts, month),
        signing_date: day(2025, 10, 2),
        id: id(5),
    });

    // Bought assistance, names with å ä ö & < > and quotes, a collective agreement.
    let mut jons = assistant(6, OTHER_ASSISTANT, "Jöns 'Jönsa'", "Ärlig > Ände");
    jons.employed_by_person = false;
    jons.collective_agreement = true;
    let month = ym("2025-09");
    let shifts = vec![shift(
        50,
        &jons,
        at(2025, 9, 30, 18, 0),
        at(2025, 10, 1, 0, 0),
        Vantetid,
    )];
    cases.push(Case {
        file: "escapes.xml",
        household: buying_household(),
        assistant: jons,
        month,
        rows: report_rows(&shifts, month),
        signing_date: day(2025, 10, 6),
        id: id(6),
    });

    // Bought assistance, another employer than the anordnare, no assistant phone, 2-week
    // calculation periods from a Wednesday; the anordnare gives neither contact nor phone.
    let mut ebba = assistant(7, OTHER_ASSISTANT, "Ebba", "Åkesson");
    ebba.employed_by_person = false;
    ebba.phone = None;
    ebba.employer = AssistantEmployer::Other {
        name: Some("Ödmans Omsorg & Co".into()),
        organisationsnummer: crate::identity::Organisationsnummer::parse("5560360793").unwrap(),
    };
    ebba.calculation_periods = CalculationPeriods {
        start: day(2025, 1, 1),
        weeks: 2,
    };
    let mut household = buying_household();
    if let Some(p) = household.provider.as_mut() {
        p.contact_person = None;
        p.phone = None;
    }
    let month = ym("2025-02");
    let shifts = vec![shift(
        60,
        &ebba,
        at(2025, 2, 28, 9, 0),
        at(2025, 2, 28, 9, 30),
        Aktiv,
    )];
    cases.push(Case {
        file: "other_employer.xml",
        household,
        assistant: ebba,
        month,
        rows: report_rows(&shifts, month),
        signing_date: day(2025, 3, 1),
        id: id(7),
    });

    // Bought assistance, the assistant is self-employed; a month without hours.
    let mut egon = assistant(8, OTHER_ASSISTANT, "Egon", "Egen");
    egon.employed_by_person = false;
    egon.employer = AssistantEmployer::SelfEmployed;
    cases.push(Case {
        file: "self_employed.xml",
        household: buying_household(),
        assistant: egon,
        month: ym("2025-12"),
        rows: Vec::new(),
        signing_date: day(2026, 1, 2),
        id: id(8),
    });
    cases
}

#[test]
fn documents_match_their_golden_files() {
    for case in cases() {
        let doc = case.build();
        assert_eq!(doc.id(), case.id);
        golden(case.file, doc.bytes());
    }
}

fn text_of(doc: &Document) -> String {
    String::from_utf8(doc.bytes().to_vec()).unwrap()
}

fn case(file: &str) -> Case {
    cases().into_iter().find(|c| c.file == file).unwrap()
}

#[test]
fn the_plain_document_has_the_schemas_lexical_forms() {
    let doc = text_of(&case("plain.xml").build());
    assert!(doc.starts_with(&format!(
        "<Tidredovisning xmlns=\"{NAMESPACE}\"><id>4f1c2a7e-9b3d-4c5e-8a6f-012345678901</id><redovisningsmanad>2025-09</redovisningsmanad>"
    )));
    // No signing dates (removed in 1.0.1); the employer's phone, then the assistant's.
    assert!(doc.ends_with("</tidrapport><telefonnummerAnordnare>070-174 06 11</telefonnummerAnordnare><telefonnummerAssistent>070-174 06 20</telefonnummerAssistent></Tidredovisning>"));
    assert!(!doc.contains("datumForUnderskrift"));
    // HH.MM, 24.00 at the end of a day, dag as an integer, exactly one kind with "true".
    assert!(doc.contains("<rapportRad><dag>1</dag><fromTid>22.00</fromTid><tomTid>24.00</tomTid><beredskapsTid>true</beredskapsTid></rapportRad><rapportRad><dag>2</dag><fromTid>00.00</fromTid><tomTid>07.00</tomTid><beredskapsTid>true</beredskapsTid></rapportRad>"));
    assert!(doc.contains(
        "<rapportRad><dag>15</dag><fromTid>13.30</fromTid><tomTid>17.45</tomTid><vanteTid>true</vanteTid></rapportRad>"
    ));
    assert!(doc.contains(
        "<dag>20</dag><fromTid>07.05</fromTid><tomTid>16.00</tomTid><aktivTid>true</aktivTid></rapportRad>"
    ));
    assert_eq!(
        doc.matches(">false</").count(),
        1,
        "only kollektivavtal is a boolean"
    );
    // Egen arbetsgivare: the choice's first branch, no assistansanordnare. The default
    // calculation periods (4 weeks from 2024-01-01) that September touches.
    assert!(doc.contains(
        "<kollektivavtal>false</kollektivavtal></assistent><berakningsperiod><fromDag>2025-08-11</fromDag><tomDag>2025-09-07</tomDag></berakningsperiod><berakningsperiod><fromDag>2025-09-08</fromDag><tomDag>2025-10-05</tomDag></berakningsperiod><anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans><tidrapport>"
    ));
    assert!(!doc.contains("assistansanordnare"));
    // Sara's shift is not on Johan's report.
    assert_eq!(doc.matches("<rapportRad>").count(), 5);
    assert!(!doc.contains("<dag>3</dag>"));
    assert!(!doc.contains("/>"));
    assert!(!doc.contains('\n'));
}

#[test]
fn dst_nights_carry_raw_wall_clock_times() {
    for file in ["dst_autumn.xml", "dst_spring.xml"] {
        let doc = text_of(&case(file).build());
        assert!(
            doc.contains("<fromTid>00.00</fromTid><tomTid>04.00</tomTid>"),
            "{file}: {doc}"
        );
    }
}

#[test]
fn rows_are_cut_at_the_month_boundaries() {
    let doc = text_of(&case("month_boundary.xml").build());
    assert!(doc.contains(
        "<tidrapport><rapportRad><dag>1</dag><fromTid>00.00</fromTid><tomTid>06.00</tomTid>"
    ));
    assert!(doc.contains("<rapportRad><dag>31</dag><fromTid>22.00</fromTid><tomTid>24.00</tomTid>"));
    assert_eq!(doc.matches("<rapportRad>").count(), 2);
    // October 2025 touches two 4-week periods of the default.
    assert!(doc.contains("<berakningsperiod><fromDag>2025-09-08</fromDag><tomDag>2025-10-05</tomDag></berakningsperiod><berakningsperiod><fromDag>2025-10-06</fromDag><tomDag>2025-11-02</tomDag></berakningsperiod><anstalldAv"));
}

#[test]
fn a_samordningsnummer_goes_in_its_own_element() {
    let doc = text_of(&case("samordningsnummer.xml").build());
    assert!(doc.contains(
        "<assistent><samordningsnummer>197010632391</samordningsnummer><fornamn>Ali</fornamn>"
    ));
}

#[test]
fn names_are_escaped_canonically_and_the_provider_is_written() {
    let doc = text_of(&case("escapes.xml").build());
    assert!(doc.contains("<fornamn>Åsa-Märta</fornamn><efternamn>Öberg &amp; Ödman</efternamn>"));
    assert!(doc.contains("<fornamn>Jöns 'Jönsa'</fornamn><efternamn>Ärlig &gt; Ände</efternamn><kollektivavtal>true</kollektivavtal>"));
    // The anordnare's own contact and phone (not the guardian's), then exactly one branch.
    assert!(doc.contains(
        "</berakningsperiod><assistansanordnare><anordnareNamn>Assistans &amp; Omsorg &lt;Väst&gt; \"AB\"</anordnareNamn><organisationsnummer>5560360793</organisationsnummer><kontaktperson>Kim \"K\" &lt;Ek&gt; &amp; Ödmark</kontaktperson><telefonnummer>031-123 45 67</telefonnummer><assistentAnstalldAvAnordnare>true</assistentAnstalldAvAnordnare></assistansanordnare><tidrapport>"
    ));
    assert!(!doc.contains("anstalldAvPersonSomHarAssistans"));
    assert!(!doc.contains("assistentEgenForetagare"));
    // telefonnummerAnordnare is the signer's: the one who signs anordnare-signatur.
    assert!(doc.contains("<telefonnummerAnordnare>+46 70-174 06 12</telefonnummerAnordnare>"));
}

#[test]
fn another_employer_and_a_self_employed_assistant() {
    let doc = text_of(&case("other_employer.xml").build());
    assert!(doc.contains(
        "<organisationsnummer>5560360793</organisationsnummer><annanArbetsgivare><arbetsgivareNamn>Ödmans Omsorg &amp; Co</arbetsgivareNamn><organisationsnummer>5560360793</organisationsnummer></annanArbetsgivare></assistansanordnare>"
    ));
    assert!(!doc.contains("kontaktperson") && !doc.contains("<telefonnummer>"));
    // 2-week periods from Wednesday 2025-01-01: February 2025 touches three.
    assert!(doc.contains("<berakningsperiod><fromDag>2025-01-29</fromDag><tomDag>2025-02-11</tomDag></berakningsperiod><berakningsperiod><fromDag>2025-02-12</fromDag><tomDag>2025-02-25</tomDag></berakningsperiod><berakningsperiod><fromDag>2025-02-26</fromDag><tomDag>2025-03-11</tomDag></berakningsperiod><assistansanordnare>"));
    // No assistant phone: the optional element is left out.
    assert!(doc.ends_with(
        "<telefonnummerAnordnare>+46 70-174 06 12</telefonnummerAnordnare></Tidredovisning>"
    ));

    let mut other = case("other_employer.xml");
    other.assistant.employer = AssistantEmployer::Other {
        name: None,
        organisationsnummer: crate::identity::Organisationsnummer::parse("5560360793").unwrap(),
    };
    assert!(text_of(&other.build()).contains("<annanArbetsgivare><organisationsnummer>"));

    let doc = text_of(&case("self_employed.xml").build());
    assert!(doc.contains(
        "<assistentEgenForetagare>true</assistentEgenForetagare></assistansanordnare><tidrapport></tidrapport>"
    ));
    assert!(!doc.contains("assistentAnstalldAvAnordnare"));
}

#[test]
fn hash_and_signed_text() {
    let a = case("plain.xml").build();
    let b = case("dst_autumn.xml").build();
    let expected = {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(a.bytes()))
    };
    assert_eq!(a.sha256_hex(), expected);
    assert_eq!(a.sha256_hex().len(), 64);
    assert!(a
        .sha256_hex()
        .chars()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
    assert_eq!(
        a.signed_entry(),
        format!("4f1c2a7e-9b3d-4c5e-8a6f-012345678901,{expected}")
    );
    assert_eq!(
        signed_text(&[&a, &b]),
        format!("{};{}", a.signed_entry(), b.signed_entry())
    );
    assert_eq!(signed_text(&[&b]), b.signed_entry());
    // Stored bytes give the same entry; the same input gives the same bytes.
    let stored = Document::from_stored(a.id(), a.bytes().to_vec());
    assert_eq!(stored.signed_entry(), a.signed_entry());
    assert_eq!(case("plain.xml").build(), a);
    let debug = format!("{a:?}");
    assert!(
        debug.contains(&expected) && !debug.contains("Demosson"),
        "{debug}"
    );
}

#[test]
fn missing_facts_are_errors_that_say_what_to_fill_in() {
    let base = case("plain.xml");
    let try_build = |household: &Household, assistant: &Assistant, signing: NaiveDate| {
        build(&DocumentInput {
            id: base.id,
            month: base.month,
            household,
            assistant,
            rows: &base.rows,
            signing_date: signing,
        })
    };
    let ok_date = base.signing_date;

    // The assistant's phone is optional in FK's schema: no phone, no element, no error.
    let mut a = base.assistant.clone();
    a.phone = None;
    let doc = text_of(&try_build(&base.household, &a, ok_date).unwrap());
    assert!(!doc.contains("telefonnummerAssistent"));

    // A phone shorter than the schema's 7 characters is refused, naming whose it is.
    let mut a = base.assistant.clone();
    a.phone = Some("123456".into());
    let e = try_build(&base.household, &a, ok_date).unwrap_err();
    assert_eq!(
        e,
        DocumentError::PhoneTooShort {
            field: Key::LabelAssistantPhone
        }
    );
    assert!(e.to_string().contains("minst 7 tecken"), "{e}");

    let mut h = base.household.clone();
    h.signer.as_mut().unwrap().phone = None;
    // The person's phone is not used in the guardian's place.
    h.person.phone = Some("070-174 06 10".into());
    let e = try_build(&h, &base.assistant, ok_date).unwrap_err();
    assert_eq!(
        e,
        DocumentError::EmployerPhoneMissing(SignerRole::Vardnadshavare)
    );
    assert!(e
        .to_string()
        .contains("Telefonnumret till vårdnadshavaren saknas"));
    assert!(!e.to_string().contains("skapa rapporten igen"), "{e}");

    let mut h = base.household.clone();
    h.signer_role = SignerRole::SelfSigner;
    h.signer = None;
    let e = try_build(&h, &base.assistant, ok_date).unwrap_err();
    assert_eq!(
        e,
        DocumentError::EmployerPhoneMissing(SignerRole::SelfSigner)
    );
    h.person.phone = Some("070-174 06 10".into());
    let doc = text_of(&try_build(&h, &base.assistant, ok_date).unwrap());
    assert!(doc.contains("<telefonnummerAnordnare>070-174 06 10</telefonnummerAnordnare>"));

    let mut h = base.household.clone();
    h.signer_role = SignerRole::GodMan;
    h.signer = None;
    let e = try_build(&h, &base.assistant, ok_date).unwrap_err();
    assert_eq!(e, DocumentError::SignerMissing(SignerRole::GodMan));
    assert!(e.to_string().contains("gode mannen"));

    // An assistant the anordnare employs needs the anordnare; one the person employs in a
    // household that also buys assistance does not.
    let mut h = buying_household();
    h.provider = None;
    let mut bought = base.assistant.clone();
    bought.employed_by_person = false;
    assert_eq!(
        try_build(&h, &bought, ok_date).unwrap_err(),
        DocumentError::ProviderMissing
    );
    let doc = text_of(&try_build(&h, &base.assistant, ok_date).unwrap());
    assert!(doc.contains(
        "<anstalldAvPersonSomHarAssistans>true</anstalldAvPersonSomHarAssistans><tidrapport>"
    ));

    let mut a = base.assistant.clone();
    a.employed_by_person = false;
    assert_eq!(
        try_build(&base.household, &a, ok_date).unwrap_err(),
        DocumentError::NoEmployerForAssistant
    );

    let e = try_build(&base.household, &base.assistant, day(2025, 9, 30)).unwrap_err();
    assert_eq!(
        e,
        DocumentError::MonthNotEnded {
            month: base.month,
            earliest: day(2025, 10, 1)
        }
    );
    assert!(e.to_string().contains("tidigast 1 okt 2025"));
    assert!(try_build(&base.household, &base.assistant, day(2025, 10, 1)).is_ok());

    let mut a = base.assistant.clone();
    a.first_name = "Jo\u{1}han".into();
    let e = try_build(&base.household, &a, ok_date).unwrap_err();
    assert_eq!(
        e,
        DocumentError::UnwritableText {
            field: Key::LabelAFirstName
        }
    );

    // No error text names a person or a number.
    for e in [
        DocumentError::PhoneTooShort {
            field: Key::LabelAssistantPhone,
        },
        DocumentError::EmployerPhoneMissing(SignerRole::Forvaltare),
        DocumentError::ProviderMissing,
    ] {
        let crate_error: crate::Error = e.clone().into();
        assert_eq!(crate_error.to_string(), e.to_string());
    }
}

#[test]
fn bad_rows_are_refused() {
    let base = case("plain.xml");
    let row = |date: NaiveDate, from: u32, to: u32| ReportRow {
        shift_id: ShiftId(99),
        assistant_id: base.assistant.id,
        date,
        from: WallTime::from_minutes(from).unwrap(),
        to: WallTime::from_minutes(to).unwrap(),
        kind: TimeKind::Aktiv,
    };
    let try_rows = |rows: Vec<ReportRow>| {
        build(&DocumentInput {
            id: base.id,
            month: base.month,
            household: &base.household,
            assistant: &base.assistant,
            rows: &rows,
            signing_date: base.signing_date,
        })
    };
    assert_eq!(
        try_rows(vec![row(day(2025, 10, 1), 60, 120)]).unwrap_err(),
        DocumentError::RowOutsideMonth {
            month: base.month,
            date: day(2025, 10, 1)
        }
    );
    assert!(matches!(
        try_rows(vec![row(day(2025, 9, 4), 120, 120)]).unwrap_err(),
        DocumentError::RowNotAfterStart { .. }
    ));
    let e = try_rows(vec![
        row(day(2025, 9, 4), 480, 720),
        row(day(2025, 9, 4), 660, 780),
    ])
    .unwrap_err();
    assert_eq!(
        e,
        DocumentError::RowsOverlap {
            date: day(2025, 9, 4),
            first: "08:00–12:00".into(),
            second: "11:00–13:00".into()
        }
    );
    // Adjacent rows, and a row of another assistant at the same time, are fine.
    let mut other = row(day(2025, 9, 4), 600, 700);
    other.assistant_id = AssistantId(77);
    let doc = try_rows(vec![
        row(day(2025, 9, 4), 720, 780),
        row(day(2025, 9, 4), 480, 720),
        other,
    ])
    .unwrap();
    assert!(text_of(&doc).contains(
        "<tidrapport><rapportRad><dag>4</dag><fromTid>08.00</fromTid><tomTid>12.00</tomTid>"
    ));
    assert_eq!(text_of(&doc).matches("<rapportRad>").count(), 2);
}

#[test]
fn clock_forms() {
    let t = |m| clock(WallTime::from_minutes(m).unwrap());
    assert_eq!(t(0), "00.00");
    assert_eq!(t(65), "01.05");
    assert_eq!(t(599), "09.59");
    assert_eq!(t(600), "10.00");
    assert_eq!(t(1439), "23.59");
    assert_eq!(t(1440), "24.00");
}

/// `xmllint --c14n` (libxml2) leaves every golden document unchanged: the bytes are canonical.
#[test]
fn golden_documents_are_canonical_by_xmllint() {
    if Command::new("xmllint").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED: xmllint is not installed (apt-get install libxml2-utils); CI installs it"
        );
        return;
    }
    for case in cases() {
        let path = golden_path(case.file);
        let output = Command::new("xmllint")
            .arg("--c14n")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}: {}",
            case.file,
            String::from_utf8_lossy(&output.stderr)
        );
        let input = std::fs::read(&path).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&input),
            "{} is not in canonical form",
            case.file
        );
        assert_eq!(output.stdout, input);
    }
}

/// Every golden document passes the simulator's document checks: the ones with an assistant
/// who has a personnummer are accepted; the samordningsnummer one is refused only because such
/// an assistant cannot sign with BankID (the document checks come first).
#[tokio::test]
async fn golden_documents_pass_the_simulators_checks() {
    let sim = start_sim(|_| {}).await;
    let transport = sim.transport();
    let mut first = true;
    for case in cases() {
        let doc = case.build();
        let text = signed_text(&[&doc]);
        let assistant_pnr = match case.assistant.personnummer.kind() {
            IdKind::Personnummer => case.assistant.personnummer.as_str().to_string(),
            IdKind::Samordningsnummer => ASSISTANT.to_string(),
        };
        let employer_pnr = employer(&case.household)
            .unwrap()
            .personnummer
            .as_str()
            .to_string();
        let a = sim.bankid_sign(&assistant_pnr, None, &text).await;
        let e = sim.bankid_sign(&employer_pnr, None, &text).await;
        if !first {
            pace().await;
        }
        first = false;
        let outcome = send(&transport, envelope(doc.bytes(), &a, &e)).await;
        match case.assistant.personnummer.kind() {
            IdKind::Personnummer => {
                assert!(
                    matches!(outcome, Outcome::Sent { .. }),
                    "{}: {outcome:?}",
                    case.file
                )
            }
            IdKind::Samordningsnummer => match &outcome {
                Outcome::Rejected {
                    kind: FaultKind::SignatureValidation,
                    message,
                    ..
                } => assert!(message.contains("3059"), "{message}"),
                other => panic!("{}: {other:?}", case.file),
            },
        }
    }
    let reports = sim.sim.elt_reports();
    let with_personnummer = cases()
        .iter()
        .filter(|c| c.assistant.personnummer.kind() == IdKind::Personnummer)
        .count();
    assert_eq!(with_personnummer, 7);
    assert_eq!(reports.len(), with_personnummer);
    assert_eq!(&reports[0].document[..], case("plain.xml").build().bytes());
    assert!(sim.sim.elt_rate_violations().is_empty());
}
