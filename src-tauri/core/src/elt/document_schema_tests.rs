//! The documents against FK's own schema (`tidredovisning_extern_v1.xsd`, version 1.8), judged
//! by `xmllint --schema` through `tests/support/fk_files.rs`: every golden document, and the
//! documents of random households and months (proptest).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use uuid::Uuid;

use super::*;
use crate::elt::testing::*;
use crate::hours::{report_rows, AssistantId, Shift, ShiftId, TimeKind, YearMonth};
use crate::household::{
    AssistantEmployer, CalculationPeriods, Employment, Household, Person, Provider, SignerRole,
};
use crate::identity::Organisationsnummer;

use crate::elt::fk_files;

fn schema() -> Option<fk_files::Xmllint> {
    fk_files::xmllint(&fk_files::tidredovisning_xsd()?)
}

/// The golden cases of `document_tests.rs`, read from their files.
const GOLDEN: [&str; 8] = [
    "plain.xml",
    "dst_autumn.xml",
    "dst_spring.xml",
    "month_boundary.xml",
    "samordningsnummer.xml",
    "escapes.xml",
    "other_employer.xml",
    "self_employed.xml",
];

#[test]
fn every_golden_document_validates_against_fks_schema() {
    let Some(xsd) = schema() else { return };
    for file in GOLDEN {
        let bytes = std::fs::read(golden_path(file)).unwrap();
        if let Err(why) = xsd.validate(&bytes) {
            panic!("{file} does not validate against FK's schema:\n{why}");
        }
    }
}

/// The judge is not lenient: documents in the old shape, each breaking one of the schema's
/// rules, are refused (so a passing validation above means something).
#[test]
fn fks_schema_refuses_the_old_shape() {
    let Some(xsd) = schema() else { return };
    let good = String::from_utf8(std::fs::read(golden_path("plain.xml")).unwrap()).unwrap();
    assert_eq!(xsd.validate(good.as_bytes()), Ok(()));
    let broken = [
        // H.MM
        good.replacen("<fromTid>07.05</fromTid>", "<fromTid>7.05</fromTid>", 1),
        // false as a kind, two kinds in a row
        good.replacen(
            "<aktivTid>true</aktivTid>",
            "<aktivTid>true</aktivTid><vanteTid>false</vanteTid>",
            1,
        ),
        // a signing date (removed in 1.0.1)
        good.replacen(
            "<telefonnummerAnordnare>",
            "<datumForUnderskriftAnordnare>2025-10-03</datumForUnderskriftAnordnare><telefonnummerAnordnare>",
            1,
        ),
        // anstalldAvPersonSomHarAssistans false
        good.replacen(
            "<anstalldAvPersonSomHarAssistans>true",
            "<anstalldAvPersonSomHarAssistans>false",
            1,
        ),
        // a 6-character phone
        good.replacen("070-174 06 11", "070-17", 1),
        // an uppercase UUID
        good.replacen("4f1c2a7e", "4F1C2A7E", 1),
    ];
    for (i, doc) in broken.iter().enumerate() {
        assert_ne!(&good, doc, "mutation {i} changed nothing");
        assert!(
            xsd.validate(doc.as_bytes()).is_err(),
            "mutation {i} was accepted"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Random households and months.

const PEOPLE: [&str; 2] = [PERSON, GUARDIAN];

/// Names with the characters XML escapes and the Swedish letters.
fn name() -> impl Strategy<Value = String> {
    "[A-Za-zåäöÅÄÖé&<>\"' -]{0,12}[A-Za-zåäöÅÄÖ&<>\"']"
}

fn phone() -> impl Strategy<Value = String> {
    prop_oneof![
        "07[0-9]-[0-9]{3} [0-9]{2} [0-9]{2}",
        "\\+46 [0-9]{2} [0-9]{3} [0-9]{2} [0-9]{2}",
        "[0-9]{7,15}",
    ]
}

fn person(digits: &'static str) -> impl Strategy<Value = Person> {
    (name(), name(), proptest::option::of(phone())).prop_map(move |(first, last, phone)| Person {
        personnummer: pid(digits),
        first_name: first,
        last_name: last,
        phone,
    })
}

fn signer_role() -> impl Strategy<Value = SignerRole> {
    prop_oneof![
        Just(SignerRole::SelfSigner),
        Just(SignerRole::Vardnadshavare),
        Just(SignerRole::GodMan),
        Just(SignerRole::Forvaltare),
    ]
}

fn orgnr() -> Organisationsnummer {
    Organisationsnummer::parse("5560360793").unwrap()
}

/// A household whose employer (the signer, or the person) has a phone: the one fact a
/// document cannot be built without.
fn household() -> impl Strategy<Value = Household> {
    (
        person(PEOPLE[0]),
        signer_role(),
        person(PEOPLE[1]),
        phone(),
        any::<bool>(),
        (
            name(),
            proptest::option::of(name()),
            proptest::option::of(phone()),
        ),
    )
        .prop_map(
            |(
                mut person,
                role,
                mut signer,
                employer_phone,
                buys,
                (provider, contact, provider_phone),
            )| {
                if role.needs_signer() {
                    signer.phone = Some(employer_phone);
                } else {
                    person.phone = Some(employer_phone);
                }
                Household {
                    person,
                    signer_role: role,
                    signer: role.needs_signer().then_some(signer),
                    employment: if buys {
                        Employment::Buys
                    } else {
                        Employment::Employer
                    },
                    provider: buys.then(|| Provider {
                        name: provider,
                        organisationsnummer: orgnr(),
                        contact_person: contact,
                        phone: provider_phone,
                    }),
                    granted_hours_per_month: None,
                }
            },
        )
}

fn employer_of_assistant() -> impl Strategy<Value = AssistantEmployer> {
    prop_oneof![
        Just(AssistantEmployer::Provider),
        Just(AssistantEmployer::SelfEmployed),
        proptest::option::of(name()).prop_map(|name| AssistantEmployer::Other {
            name,
            organisationsnummer: orgnr(),
        }),
    ]
}

/// Every assistant variant; `employed_by_person` is forced when the household employs (an
/// assistant not employed by the person there has no employer and is an error by design).
fn assistant_for(employment: Employment) -> impl Strategy<Value = Assistant> {
    (
        prop_oneof![Just(ASSISTANT), Just(OTHER_ASSISTANT), Just(SAMORDNING)],
        name(),
        name(),
        proptest::option::of(phone()),
        any::<bool>(),
        any::<bool>(),
        employer_of_assistant(),
        (0i64..800, 1u8..=4),
    )
        .prop_map(
            move |(digits, first, last, phone, employed, agreement, employer, (start, weeks))| {
                Assistant {
                    id: AssistantId(1),
                    personnummer: pid(digits),
                    first_name: first,
                    last_name: last,
                    phone,
                    employed_by_person: employed || employment == Employment::Employer,
                    collective_agreement: agreement,
                    employer,
                    calculation_periods: CalculationPeriods {
                        start: NaiveDate::from_ymd_opt(2023, 6, 1).unwrap() + Duration::days(start),
                        weeks,
                    },
                }
            },
        )
}

fn month() -> impl Strategy<Value = YearMonth> {
    // March and October (the DST months) and their neighbours more often.
    (
        2024i32..=2027,
        prop_oneof![Just(3u32), Just(10u32), Just(2u32), Just(12u32), 1u32..=12],
    )
        .prop_map(|(y, m)| YearMonth::parse(&format!("{y}-{m:02}")).unwrap())
}

/// One wanted shift: a day offset from the day before the month, a start minute (often
/// 00:00–09:59), a length and a kind.
fn wanted_shift() -> impl Strategy<Value = (i64, u32, u32, TimeKind)> {
    (
        0i64..33,
        prop_oneof![0u32..600, 0u32..1440],
        prop_oneof![15u32..=240, 15u32..=960],
        prop_oneof![
            Just(TimeKind::Aktiv),
            Just(TimeKind::Vantetid),
            Just(TimeKind::Beredskap)
        ],
    )
}

fn last_sunday(month: YearMonth) -> NaiveDate {
    let mut d = month.last_day();
    while d.weekday() != Weekday::Sun {
        d -= Duration::days(1);
    }
    d
}

/// Shifts that do not overlap (later ones that would are dropped), plus the DST night of
/// March or October (00:00–04:00 on the last Sunday) when asked and free.
fn shifts_of(
    assistant: &Assistant,
    month: YearMonth,
    wanted: &[(i64, u32, u32, TimeKind)],
    dst_night: bool,
) -> Vec<Shift> {
    let base = month.first_day() - Duration::days(1);
    let mut candidates: Vec<(NaiveDateTime, NaiveDateTime, TimeKind)> = wanted
        .iter()
        .map(|&(day, minute, length, kind)| {
            let start = (base + Duration::days(day)).and_hms_opt(0, 0, 0).unwrap()
                + Duration::minutes(i64::from(minute / 5 * 5));
            (
                start,
                start + Duration::minutes(i64::from(length / 5 * 5)),
                kind,
            )
        })
        .collect();
    if dst_night {
        let night = last_sunday(month).and_hms_opt(0, 0, 0).unwrap();
        candidates.insert(0, (night, night + Duration::hours(4), TimeKind::Beredskap));
    }
    let mut kept: Vec<(NaiveDateTime, NaiveDateTime, TimeKind)> = Vec::new();
    for c in candidates {
        if kept.iter().all(|k| c.1 <= k.0 || k.1 <= c.0) {
            kept.push(c);
        }
    }
    kept.into_iter()
        .enumerate()
        .map(|(i, (start, end, kind))| Shift {
            id: ShiftId(i as i64 + 1),
            assistant_id: assistant.id,
            start,
            end,
            kind,
            note: None,
        })
        .collect()
}

/// What one case builds from.
#[derive(Debug, Clone)]
struct Random {
    household: Household,
    assistant: Assistant,
    month: YearMonth,
    wanted: Vec<(i64, u32, u32, TimeKind)>,
    dst_night: bool,
    id: u128,
}

fn random() -> impl Strategy<Value = Random> {
    household().prop_flat_map(|household| {
        let employment = household.employment;
        (
            Just(household),
            assistant_for(employment),
            month(),
            proptest::collection::vec(wanted_shift(), 0..25),
            any::<bool>(),
            any::<u128>(),
        )
            .prop_map(
                |(household, assistant, month, wanted, dst_night, id)| Random {
                    household,
                    assistant,
                    month,
                    wanted,
                    dst_night,
                    id,
                },
            )
    })
}

/// At least 300 random households and months: every document builds, and every one validates
/// against FK's schema (judged in one xmllint run).
#[test]
fn random_households_and_months_validate_against_fks_schema() {
    let cases: u32 = std::env::var("TIMBOK_SCHEMA_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
        .max(300);
    let built = std::cell::RefCell::new(Vec::new());
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&random(), |r| {
            let shifts = shifts_of(&r.assistant, r.month, &r.wanted, r.dst_night);
            let rows = report_rows(&shifts, r.month);
            let document = build(&DocumentInput {
                id: Uuid::from_u128(r.id),
                month: r.month,
                household: &r.household,
                assistant: &r.assistant,
                rows: &rows,
                signing_date: r.month.next().first_day() + Duration::days(2),
            })
            .map_err(|e| TestCaseError::fail(format!("not built: {e}")))?;
            // Every period the month touches, whole, in order.
            let periods = r.assistant.calculation_periods.touching(r.month);
            prop_assert!(periods.first().unwrap().first <= r.month.first_day());
            prop_assert!(periods.last().unwrap().last >= r.month.last_day());
            prop_assert_eq!(
                String::from_utf8_lossy(document.bytes())
                    .matches("<berakningsperiod>")
                    .count(),
                periods.len()
            );
            built.borrow_mut().push(document.into_bytes());
            Ok(())
        })
        .unwrap();
    let built = built.into_inner();
    // The runner may run more than `cases` (none rejected here), never fewer.
    assert!(built.len() >= 300, "{} documents", built.len());
    let Some(xsd) = schema() else { return };
    let verdicts = xsd.validate_all(&built);
    let failures: Vec<String> = verdicts
        .iter()
        .zip(&built)
        .filter_map(|(verdict, doc)| {
            verdict
                .as_ref()
                .err()
                .map(|why| format!("{why}\n{}", String::from_utf8_lossy(doc)))
        })
        .take(3)
        .collect();
    assert!(
        failures.is_empty(),
        "documents FK's schema refuses:\n{}",
        failures.join("\n\n")
    );
}
