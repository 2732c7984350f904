//! Test data for the invoice and E-RÄK tests: a household per scenario and answers that are
//! valid for it. Skatteverket test personnummer only (the demo household's).

use chrono::NaiveDate;

use super::{prefill, validate, Answers, CostsInput, Invoice, LssKind, Repayment, StayInput};
use crate::demo::{GUARDIAN, PERSON};
use crate::hours::{Totals, YearMonth};
use crate::household::{
    Employment, Household, HouseholdDraft, PersonDraft, ProviderDraft, Scenario, SignerRole,
};

pub(crate) const SCENARIOS: [Scenario; 6] = [
    Scenario::A,
    Scenario::B,
    Scenario::C,
    Scenario::D,
    Scenario::E,
    Scenario::F,
];

/// "Today" of the tests: the invoice month (March 2025) has ended.
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 10).unwrap()
}

pub(crate) fn month() -> YearMonth {
    YearMonth::new(2025, 3).unwrap()
}

pub(crate) fn totals() -> Totals {
    Totals {
        aktiv: 9000,
        vantetid: 120,
        beredskap: 600,
    }
}

/// The household of `scenario`: Elsa (the person), Maria (guardian or ställföreträdare).
pub(crate) fn household(scenario: Scenario) -> Household {
    let (employment, signer_role) = match scenario {
        Scenario::A => (Employment::Buys, SignerRole::SelfSigner),
        Scenario::B => (Employment::Buys, SignerRole::Vardnadshavare),
        Scenario::C => (Employment::Buys, SignerRole::GodMan),
        Scenario::D => (Employment::Employer, SignerRole::SelfSigner),
        Scenario::E => (Employment::Employer, SignerRole::Vardnadshavare),
        Scenario::F => (Employment::Employer, SignerRole::Forvaltare),
    };
    let household = HouseholdDraft {
        person: PersonDraft {
            personnummer: PERSON.into(),
            first_name: "Elsa".into(),
            last_name: "Demosson".into(),
            phone: Some("070-174 06 10".into()),
        },
        signer_role,
        signer: Some(PersonDraft {
            personnummer: GUARDIAN.into(),
            first_name: "Maria".into(),
            last_name: "Demosson".into(),
            phone: Some("070-174 06 11".into()),
        }),
        employment,
        provider: (employment == Employment::Buys).then(|| ProviderDraft {
            name: "Assistansbolaget AB".into(),
            organisationsnummer: "556036-0793".into(),
        }),
        granted_hours_per_month: Some(480),
    }
    .validate(today())
    .expect("valid household");
    assert_eq!(household.scenario(), scenario);
    household
}

/// The fewest answers `scenario` accepts: every question answered Nej (A–C: the payment was
/// used; D–F: not the last month of the period); signer and phone from the household.
pub(crate) fn minimal_answers(scenario: Scenario) -> Answers {
    let mut answers = prefill(&household(scenario));
    answers.lss_activity = Some(false);
    answers.hospital_stay = Some(false);
    answers.outside_eea = Some(false);
    match scenario {
        Scenario::A | Scenario::B | Scenario::C => answers.previous_payment_used = Some(true),
        _ => answers.last_month_of_period = Some(false),
    }
    answers
}

/// Every follow-up open: Ja with kinds, a hospital stay, the payment not used (A–C), the last
/// month of the period with money left (D–F).
pub(crate) fn full_answers(scenario: Scenario) -> Answers {
    let mut answers = minimal_answers(scenario);
    answers.lss_activity = Some(true);
    answers.lss_kinds = vec![LssKind::Skola, LssKind::DagligVerksamhet];
    answers.hospital_stay = Some(true);
    answers.hospital_stays = vec![
        StayInput {
            from: "2025-03-03T08:00".into(),
            to: "2025-03-05T14:30".into(),
        },
        StayInput {
            from: "2025-03-29 22:00".into(),
            to: "2025-03-30 24:00".into(),
        },
    ];
    answers.outside_eea = Some(true);
    match scenario {
        Scenario::A | Scenario::B | Scenario::C => {
            answers.previous_payment_used = Some(false);
            answers.previous_payment_remaining = "1 234,50".into();
        }
        _ => {
            answers.last_month_of_period = Some(true);
            answers.costs = CostsInput {
                wages: "250 000".into(),
                overheads: "3 000,00".into(),
                training: "500,5".into(),
                work_environment: "100".into(),
            };
            answers.period_from = "2024-10-01".into();
            answers.period_to = "2025-03-31".into();
            answers.money_left = Some(true);
            answers.money_left_amount = "999".into();
            answers.repayment = Some(Repayment::DeductFromNextPayment);
        }
    }
    answers
}

/// `validate` with the test household, month, totals and today.
pub(crate) fn check(
    scenario: Scenario,
    answers: &Answers,
) -> Result<Invoice, Vec<super::FieldProblem>> {
    validate(
        scenario,
        answers,
        &household(scenario),
        month(),
        totals(),
        today(),
    )
}

pub(crate) fn accepted(scenario: Scenario, answers: &Answers) -> Invoice {
    check(scenario, answers).unwrap_or_else(|p| panic!("scenario {scenario:?}: {p:?}"))
}
