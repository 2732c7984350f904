//! Which questions each scenario asks, in the order of seed 000 ("Scenarier – obligatoriska
//! uppgifter per scenario"). The wizard shows exactly [`questions`] and the check asks exactly
//! these; answers to any other question are kept in the draft but neither checked nor sent.

use serde::Serialize;

use super::field;
use crate::household::Scenario;
use crate::message::{Key, Message};

/// One question (or shown fact) of the invoice. Serialized as its field id (`lssActivity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum QuestionId {
    /// År och månad (shown).
    Month,
    /// Namn och personnummer för den som har personlig assistans (shown, from the household).
    Person,
    /// Redovisning av all utförd assistans under månaden (shown, from the time reports).
    Totals,
    LssActivity,
    HospitalStay,
    OutsideEea,
    /// A, B, C only.
    PreviousPayment,
    Phone,
    /// D, E, F only: opens the four questions below.
    LastMonthOfPeriod,
    Costs,
    Period,
    MoneyLeft,
    Repayment,
    /// B, C, E, F: the vårdnadshavare's or ställföreträdare's details.
    Signer,
}

impl QuestionId {
    /// The field id of the question (its yes/no answer, or the group of its fields).
    pub fn field(self) -> &'static str {
        match self {
            QuestionId::Month => field::MONTH,
            QuestionId::Person => field::PERSON,
            QuestionId::Totals => field::TOTALS,
            QuestionId::LssActivity => field::LSS_ACTIVITY,
            QuestionId::HospitalStay => field::HOSPITAL_STAY,
            QuestionId::OutsideEea => field::OUTSIDE_EEA,
            QuestionId::PreviousPayment => field::PREVIOUS_PAYMENT,
            QuestionId::Phone => field::PHONE,
            QuestionId::LastMonthOfPeriod => field::LAST_MONTH_OF_PERIOD,
            QuestionId::Costs => field::COSTS,
            QuestionId::Period => field::PERIOD,
            QuestionId::MoneyLeft => field::MONEY_LEFT,
            QuestionId::Repayment => field::REPAYMENT,
            QuestionId::Signer => field::SIGNER,
        }
    }

    /// Whether the user types the answer (false: shown from the household and time reports).
    pub fn is_typed(self) -> bool {
        !matches!(
            self,
            QuestionId::Month | QuestionId::Person | QuestionId::Totals
        )
    }

    /// The question's text as a catalogue message (`invoice_question.*`), for the Ja/Nej
    /// questions; `None` for the others, which the UI words itself. When the person with
    /// assistance answers (A, D) it asks "du"; when someone else fills in for them (B, C, E, F)
    /// it names `person`, their first name, so it is clear whose stay or money is meant. An
    /// empty `person` falls back to the "du" wording.
    pub fn text(self, scenario: Scenario, person: &str) -> Option<Message> {
        let (own, of) = match self {
            QuestionId::LssActivity => return Some(Message::new(Key::QuestionLssActivity)),
            QuestionId::HospitalStay => (Key::QuestionHospitalStay, Key::QuestionHospitalStayOf),
            QuestionId::OutsideEea => (Key::QuestionOutsideEea, Key::QuestionOutsideEeaOf),
            QuestionId::PreviousPayment => {
                (Key::QuestionPreviousPayment, Key::QuestionPreviousPaymentOf)
            }
            QuestionId::LastMonthOfPeriod => (
                Key::QuestionLastMonthOfPeriod,
                Key::QuestionLastMonthOfPeriodOf,
            ),
            QuestionId::MoneyLeft => (Key::QuestionMoneyLeft, Key::QuestionMoneyLeftOf),
            _ => return None,
        };
        let person = person.trim();
        Some(
            if answered_by_someone_else(scenario) && !person.is_empty() {
                Message::new(of).text("person", person)
            } else {
                Message::new(own)
            },
        )
    }

    /// The question in Swedish, in the seed's words.
    pub fn label_sv(self, scenario: Scenario) -> &'static str {
        match self {
            QuestionId::Month => "År och månad",
            QuestionId::Person => "Namn och personnummer för den som har personlig assistans",
            QuestionId::Totals => "Redovisning av all utförd assistans under månaden",
            QuestionId::LssActivity => {
                "Har assistans utförts i barnomsorg, skola eller daglig verksamhet enligt LSS?"
            }
            QuestionId::HospitalStay => "Har du vårdats på sjukhus den här månaden?",
            QuestionId::OutsideEea => {
                "Har du vistats i ett land utanför EES-området och anlitat en assistent på plats?"
            }
            QuestionId::PreviousPayment => {
                "Har du använt föregående månads utbetalning till köp av personlig assistans?"
            }
            QuestionId::Phone => "Telefonnummer",
            QuestionId::LastMonthOfPeriod => {
                "Är det här den sista månaden i beviljandeperioden?"
            }
            QuestionId::Costs => "Redovisa dina kostnader",
            QuestionId::Period => "Vilken period gäller redovisningen?",
            QuestionId::MoneyLeft => {
                "Finns det pengar kvar som du inte har använt för att köpa personlig assistans?"
            }
            QuestionId::Repayment => "Hur vill du betala tillbaka för mycket utbetald ersättning?",
            QuestionId::Signer => match scenario {
                Scenario::B | Scenario::E => {
                    "Uppgifter om vårdnadshavare: namnförtydligande och personnummer"
                }
                _ => "Uppgifter om ställföreträdare (god man eller förvaltare): namnförtydligande och personnummer",
            },
        }
    }
}

/// Whether someone else than the person with assistance fills in the invoice for them: a
/// vårdnadshavare (B, E) or a ställföreträdare (C, F).
pub fn answered_by_someone_else(scenario: Scenario) -> bool {
    !matches!(scenario, Scenario::A | Scenario::D)
}

/// The texts of every Ja/Nej question `scenario` can ask (also those the last month of the
/// period opens), worded for `person` as [`QuestionId::text`] does.
pub fn question_texts(scenario: Scenario, person: &str) -> Vec<(QuestionId, Message)> {
    questions(scenario, true)
        .into_iter()
        .filter_map(|q| Some((q, q.text(scenario, person)?)))
        .collect()
}

/// The questions of `scenario`, in the seed's order. For D–F the four questions of the last
/// month of the granted period follow [`QuestionId::LastMonthOfPeriod`] only when
/// `last_month_of_period` is true.
pub fn questions(scenario: Scenario, last_month_of_period: bool) -> Vec<QuestionId> {
    use QuestionId::*;
    let mut list = vec![Month, Person, Totals, LssActivity, HospitalStay, OutsideEea];
    let buys = matches!(scenario, Scenario::A | Scenario::B | Scenario::C);
    if buys {
        list.push(PreviousPayment);
    }
    list.push(Phone);
    if !buys {
        list.push(LastMonthOfPeriod);
        if last_month_of_period {
            list.extend([Costs, Period, MoneyLeft, Repayment]);
        }
    }
    if !matches!(scenario, Scenario::A | Scenario::D) {
        list.push(Signer);
    }
    list
}
