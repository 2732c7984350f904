//! [`validate`]: the answers of one scenario, checked, into an [`Invoice`]; or every problem at
//! once, in question order. The rules agree with E-RÄK's (the simulator's `erak/validation.rs` is the
//! contract); a few are stricter where E-RÄK's would let a mistake through unnoticed
//! (a wall-clock time that does not exist).

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Europe::Stockholm;
use serde::Serialize;

use super::answers::{Answers, CostsInput, LssKind, Repayment, StayInput};
use super::field;
use super::money::{parse_kronor, Ore};
use super::questions::{questions, QuestionId};
use crate::hours::{Totals, YearMonth};
use crate::household::{Household, Person, Scenario, SignerRole};
use crate::identity::PersonalId;
use crate::message::{Key, Message};
use crate::typed_time::{self, TimeTextError};

/// Longest namnförtydligande accepted, in characters.
pub const MAX_NAME_IN_PRINT_CHARS: usize = 200;
/// Longest phone number accepted, in characters.
pub const MAX_PHONE_CHARS: usize = 30;

/// One thing to fix: the field it is about (a [`field`] id) and what to do, in Swedish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: String,
    pub message: Message,
}

/// A hospital stay, local (Europe/Stockholm) wall-clock time, `from < to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HospitalStay {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

/// The costs of the granted period, in öre.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Costs {
    pub wages: Ore,
    pub overheads: Ore,
    pub training: Ore,
    pub work_environment: Ore,
}

/// A–C: was last month's payment used to buy assistance?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviousPayment {
    Used,
    /// Not (all) used; `remaining` is what is left (may be 0).
    NotUsed {
        remaining: Ore,
    },
}

/// D–F, the last month of the granted period: the questions it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodEnd {
    pub costs: Costs,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// Money not used to buy assistance: `None` for Nej, else the amount (> 0).
    pub money_left: Option<Ore>,
    pub repayment: Repayment,
}

/// The answers that depend on the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScenarioAnswers {
    /// A, B, C: the person buys assistance.
    Buys { previous_payment: PreviousPayment },
    /// D, E, F: the person employs and is paid in advance. `period_end` is `Some` exactly in
    /// the last month of the granted period.
    Advance { period_end: Option<PeriodEnd> },
}

/// The checked answers of every scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAnswers {
    /// The kinds of LSS activity; empty means Nej.
    pub lss_kinds: Vec<LssKind>,
    /// The hospital stays; empty means Nej.
    pub hospital_stays: Vec<HospitalStay>,
    pub outside_eea: bool,
    pub by_scenario: ScenarioAnswers,
}

/// Who signs the invoice.
#[derive(Clone, PartialEq, Eq)]
pub enum InvoiceSigner {
    /// A, D: the person with assistance.
    Person,
    /// B, E: a vårdnadshavare; C, F: a god man or förvaltare. Never the person.
    Representative {
        role: SignerRole,
        personnummer: PersonalId,
        name_in_print: String,
    },
}

impl fmt::Debug for InvoiceSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvoiceSigner::Person => f.write_str("Person"),
            InvoiceSigner::Representative {
                role, personnummer, ..
            } => f
                .debug_struct("Representative")
                .field("role", role)
                .field("personnummer", personnummer)
                .field("name_in_print", &"[redacted]")
                .finish(),
        }
    }
}

/// A checked invoice, ready for E-RÄK.
#[derive(Clone, PartialEq, Eq)]
pub struct Invoice {
    pub scenario: Scenario,
    pub month: YearMonth,
    /// The person with assistance (from the household).
    pub person: Person,
    /// Minutes actually worked in the month, per kind of time.
    pub totals: Totals,
    pub answers: CheckedAnswers,
    pub signer: InvoiceSigner,
    /// Trimmed, as typed.
    pub phone: String,
}

impl fmt::Debug for Invoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invoice")
            .field("scenario", &self.scenario)
            .field("month", &self.month)
            .field("person", &self.person)
            .field("totals", &self.totals)
            .field("answers", &self.answers)
            .field("signer", &self.signer)
            .field("phone", &"[redacted]")
            .finish()
    }
}

#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, message: impl Into<Message>) {
        self.0.push(FieldProblem {
            field: field.into(),
            message: message.into(),
        });
    }
}

/// Checks `answers` for `scenario` (normally `household.scenario()`) and `month`, whose
/// `totals` come from the time reports; `today` is the date in Europe/Stockholm.
///
/// Only the scenario's [`questions`] are checked and carried into the invoice. Every problem
/// is returned at once, in question order.
pub fn validate(
    scenario: Scenario,
    answers: &Answers,
    household: &Household,
    month: YearMonth,
    totals: Totals,
    today: NaiveDate,
) -> Result<Invoice, Vec<FieldProblem>> {
    let mut p = Problems::default();
    let last_month = answers.last_month_of_period == Some(true);

    let mut lss = None;
    let mut stays = None;
    let mut outside_eea = None;
    let mut previous_payment = None;
    let mut phone = None;
    let mut last_month_answer = None;
    let mut costs = None;
    let mut period = None;
    let mut money_left = None;
    let mut repayment = None;
    let mut signer = None;

    for question in questions(scenario, last_month) {
        match question {
            QuestionId::Month => check_month(&mut p, month, today),
            QuestionId::Person | QuestionId::Totals => {}
            QuestionId::LssActivity => lss = check_lss(&mut p, answers),
            QuestionId::HospitalStay => stays = check_hospital(&mut p, answers, month),
            QuestionId::OutsideEea => {
                outside_eea = yes_no(
                    &mut p,
                    answers.outside_eea,
                    field::OUTSIDE_EEA,
                    Key::InvoiceOutsideEeaMissing,
                )
            }
            QuestionId::PreviousPayment => previous_payment = check_previous(&mut p, answers),
            QuestionId::Phone => phone = check_phone(&mut p, &answers.phone),
            QuestionId::LastMonthOfPeriod => {
                last_month_answer = yes_no(
                    &mut p,
                    answers.last_month_of_period,
                    field::LAST_MONTH_OF_PERIOD,
                    Key::InvoiceLastMonthMissing,
                )
            }
            QuestionId::Costs => costs = check_costs(&mut p, &answers.costs),
            QuestionId::Period => period = check_period(&mut p, answers, month),
            QuestionId::MoneyLeft => money_left = check_money_left(&mut p, answers),
            QuestionId::Repayment => {
                repayment = answers.repayment;
                if repayment.is_none() {
                    p.add(field::REPAYMENT, Key::InvoiceRepaymentMissing);
                }
            }
            QuestionId::Signer => {
                signer = check_signer(&mut p, scenario, answers, household, today)
            }
        }
    }
    if !p.0.is_empty() {
        return Err(p.0);
    }

    let internal = || {
        vec![FieldProblem {
            field: String::new(),
            message: Key::InvoiceCheckFailed.into(),
        }]
    };
    let by_scenario = match scenario {
        Scenario::A | Scenario::B | Scenario::C => ScenarioAnswers::Buys {
            previous_payment: previous_payment.ok_or_else(internal)?,
        },
        Scenario::D | Scenario::E | Scenario::F => {
            let period_end = match last_month_answer.ok_or_else(internal)? {
                false => None,
                true => {
                    let (period_from, period_to) = period.ok_or_else(internal)?;
                    Some(PeriodEnd {
                        costs: costs.ok_or_else(internal)?,
                        period_from,
                        period_to,
                        money_left: money_left.ok_or_else(internal)?,
                        repayment: repayment.ok_or_else(internal)?,
                    })
                }
            };
            ScenarioAnswers::Advance { period_end }
        }
    };
    let signer = match scenario {
        Scenario::A | Scenario::D => InvoiceSigner::Person,
        _ => signer.ok_or_else(internal)?,
    };
    Ok(Invoice {
        scenario,
        month,
        person: household.person.clone(),
        totals,
        answers: CheckedAnswers {
            lss_kinds: lss.ok_or_else(internal)?,
            hospital_stays: stays.ok_or_else(internal)?,
            outside_eea: outside_eea.ok_or_else(internal)?,
            by_scenario,
        },
        signer,
        phone: phone.ok_or_else(internal)?,
    })
}

fn yes_no(p: &mut Problems, answer: Option<bool>, field: &str, message: Key) -> Option<bool> {
    if answer.is_none() {
        p.add(field, message);
    }
    answer
}

fn check_month(p: &mut Problems, month: YearMonth, today: NaiveDate) {
    let first_after = month.next().first_day();
    if today < first_after {
        p.add(
            field::MONTH,
            Message::new(Key::InvoiceMonthNotOver)
                .month("month", month.first_day())
                .date("from", first_after),
        );
    }
}

fn check_lss(p: &mut Problems, answers: &Answers) -> Option<Vec<LssKind>> {
    match answers.lss_activity {
        None => {
            p.add(field::LSS_ACTIVITY, Key::InvoiceLssMissing);
            None
        }
        Some(false) => Some(Vec::new()),
        Some(true) => {
            let mut kinds = Vec::new();
            for kind in &answers.lss_kinds {
                if !kinds.contains(kind) {
                    kinds.push(*kind);
                }
            }
            if kinds.is_empty() {
                p.add(field::LSS_KINDS, Key::InvoiceLssKindsMissing);
                return None;
            }
            Some(kinds)
        }
    }
}

fn check_hospital(
    p: &mut Problems,
    answers: &Answers,
    month: YearMonth,
) -> Option<Vec<HospitalStay>> {
    match answers.hospital_stay {
        None => {
            p.add(field::HOSPITAL_STAY, Key::InvoiceHospitalMissing);
            None
        }
        Some(false) => Some(Vec::new()),
        Some(true) if answers.hospital_stays.is_empty() => {
            p.add(field::HOSPITAL_STAYS, Key::InvoiceStaysMissing);
            None
        }
        Some(true) => {
            let before = p.0.len();
            let mut stays = Vec::new();
            for (i, stay) in answers.hospital_stays.iter().enumerate() {
                if let Some(stay) = check_stay(p, i, stay, month) {
                    stays.push(stay);
                }
            }
            (p.0.len() == before).then_some(stays)
        }
    }
}

fn check_stay(
    p: &mut Problems,
    index: usize,
    stay: &StayInput,
    month: YearMonth,
) -> Option<HospitalStay> {
    let from = local_time(
        p,
        &stay.from,
        &field::hospital_stay_from(index),
        Key::InvoiceStayFromMissing,
    );
    let to = local_time(
        p,
        &stay.to,
        &field::hospital_stay_to(index),
        Key::InvoiceStayToMissing,
    );
    let (from, to) = (from?, to?);
    if from >= to {
        p.add(
            field::hospital_stay_to(index),
            Key::InvoiceStayEndBeforeStart,
        );
        return None;
    }
    if to <= month.start() || from >= month.end() {
        p.add(
            field::hospital_stay(index),
            Message::new(Key::InvoiceStayOutsideMonth).month("month", month.first_day()),
        );
        return None;
    }
    Some(HospitalStay { from, to })
}

/// The hospital stays of `answers` that can be read as typed, for the month's findings: none
/// unless the answer is Ja; a stay still being typed (or outside `month`) is left out, since
/// the invoice's own check reports it on its field.
pub fn readable_hospital_stays(answers: &Answers, month: YearMonth) -> Vec<HospitalStay> {
    if answers.hospital_stay != Some(true) {
        return Vec::new();
    }
    answers
        .hospital_stays
        .iter()
        .enumerate()
        .filter_map(|(i, stay)| check_stay(&mut Problems::default(), i, stay, month))
        .collect()
}

/// A local date and time as typed, `YYYY-MM-DDTHH:MM` (or with a space), the date and the time
/// each read as everywhere else ([`typed_time`]: "8" is 08:00, 2026-11-31 does not exist;
/// `24:00` is the next day's `00:00`), that exists on the Stockholm wall clock.
fn local_time(p: &mut Problems, text: &str, field: &str, missing: Key) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.is_empty() {
        p.add(field, missing);
        return None;
    }
    let Some((date_text, time_text)) = text.split_once(['T', ' ']) else {
        p.add(field, Key::InvoiceDateTimeFormat);
        return None;
    };
    let date = match typed_time::parse_date(date_text) {
        Ok(date) => date,
        Err(e) => {
            p.add(field, e.key(Key::InvoiceDateTimeFormat));
            return None;
        }
    };
    let minutes = match typed_time::parse_time(time_text, true) {
        Ok(minutes) => minutes,
        Err(TimeTextError::Format) => {
            p.add(field, Key::InvoiceDateTimeFormat);
            return None;
        }
        Err(TimeTextError::Range) => {
            p.add(field, Key::InvoiceTimeRange);
            return None;
        }
    };
    let Some(at) = date
        .and_time(NaiveTime::MIN)
        .checked_add_signed(chrono::Duration::minutes(i64::from(minutes)))
    else {
        p.add(field, Key::InvoiceTimeRange);
        return None;
    };
    if Stockholm.from_local_datetime(&at).earliest().is_none() {
        p.add(field, Key::InvoiceTimeNonexistent);
        return None;
    }
    Some(at)
}

fn check_previous(p: &mut Problems, answers: &Answers) -> Option<PreviousPayment> {
    match answers.previous_payment_used {
        None => {
            p.add(field::PREVIOUS_PAYMENT, Key::InvoicePreviousMissing);
            None
        }
        Some(true) => Some(PreviousPayment::Used),
        Some(false) => amount(
            p,
            &answers.previous_payment_remaining,
            field::PREVIOUS_PAYMENT_REMAINING,
            Key::InvoicePreviousRemainingMissing,
        )
        .map(|remaining| PreviousPayment::NotUsed { remaining }),
    }
}

/// An amount as typed, in kronor, >= 0. `missing` is the message when nothing is typed.
fn amount(p: &mut Problems, text: &str, field: &str, missing: Key) -> Option<Ore> {
    if text.trim().is_empty() {
        p.add(field, missing);
        return None;
    }
    match parse_kronor(text) {
        Ok(ore) => Some(ore),
        Err(e) => {
            p.add(field, e.message());
            None
        }
    }
}

fn check_phone(p: &mut Problems, phone: &str) -> Option<String> {
    let phone = phone.trim();
    if phone.is_empty() {
        p.add(field::PHONE, Key::InvoicePhoneMissing);
        return None;
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if !allowed || digits < 6 || phone.chars().count() > MAX_PHONE_CHARS {
        p.add(field::PHONE, Key::InvoicePhoneInvalid);
        return None;
    }
    Some(phone.to_string())
}

fn check_costs(p: &mut Problems, costs: &CostsInput) -> Option<Costs> {
    let wages = amount(
        p,
        &costs.wages,
        field::COSTS_WAGES,
        Key::InvoiceWagesMissing,
    );
    let overheads = amount(
        p,
        &costs.overheads,
        field::COSTS_OVERHEADS,
        Key::InvoiceOverheadsMissing,
    );
    let training = amount(
        p,
        &costs.training,
        field::COSTS_TRAINING,
        Key::InvoiceTrainingMissing,
    );
    let work_environment = amount(
        p,
        &costs.work_environment,
        field::COSTS_WORK_ENVIRONMENT,
        Key::InvoiceWorkEnvironmentMissing,
    );
    Some(Costs {
        wages: wages?,
        overheads: overheads?,
        training: training?,
        work_environment: work_environment?,
    })
}

fn date(p: &mut Problems, text: &str, field: &str, missing: Key) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        p.add(field, missing);
        return None;
    }
    match typed_time::parse_date(text) {
        Ok(d) => Some(d),
        Err(e) => {
            p.add(field, e.key(Key::InvoiceDateFormat));
            None
        }
    }
}

fn check_period(
    p: &mut Problems,
    answers: &Answers,
    month: YearMonth,
) -> Option<(NaiveDate, NaiveDate)> {
    let from = date(
        p,
        &answers.period_from,
        field::PERIOD_FROM,
        Key::InvoicePeriodFromMissing,
    );
    let to = date(
        p,
        &answers.period_to,
        field::PERIOD_TO,
        Key::InvoicePeriodToMissing,
    );
    let (from, to) = (from?, to?);
    if from > to {
        p.add(field::PERIOD_TO, Key::InvoicePeriodEndBeforeStart);
        return None;
    }
    if !month.contains(to) {
        p.add(
            field::PERIOD_TO,
            Message::new(Key::InvoicePeriodOutsideMonth).month("month", month.first_day()),
        );
        return None;
    }
    Some((from, to))
}

fn check_money_left(p: &mut Problems, answers: &Answers) -> Option<Option<Ore>> {
    match answers.money_left {
        None => {
            p.add(field::MONEY_LEFT, Key::InvoiceMoneyLeftMissing);
            None
        }
        Some(false) => Some(None),
        Some(true) => {
            let ore = amount(
                p,
                &answers.money_left_amount,
                field::MONEY_LEFT_AMOUNT,
                Key::InvoiceMoneyLeftAmountMissing,
            )?;
            if ore.get() <= 0 {
                p.add(field::MONEY_LEFT_AMOUNT, Key::InvoiceMoneyLeftZero);
                return None;
            }
            Some(Some(ore))
        }
    }
}

fn check_signer(
    p: &mut Problems,
    scenario: Scenario,
    answers: &Answers,
    household: &Household,
    today: NaiveDate,
) -> Option<InvoiceSigner> {
    let role = match scenario {
        Scenario::A | Scenario::D => return Some(InvoiceSigner::Person),
        Scenario::B | Scenario::E => Some(SignerRole::Vardnadshavare),
        Scenario::C | Scenario::F => match answers.signer_role {
            Some(role @ (SignerRole::GodMan | SignerRole::Forvaltare)) => Some(role),
            _ => {
                p.add(field::SIGNER_ROLE, Key::InvoiceSignerRoleMissing);
                None
            }
        },
    };
    let name = answers.signer_name_in_print.trim();
    let name = if name.is_empty() {
        p.add(field::SIGNER_NAME_IN_PRINT, Key::InvoiceSignerNameMissing);
        None
    } else if name.chars().count() > MAX_NAME_IN_PRINT_CHARS {
        p.add(
            field::SIGNER_NAME_IN_PRINT,
            Message::new(Key::InvoiceSignerNameTooLong)
                .number("max", MAX_NAME_IN_PRINT_CHARS as i64),
        );
        None
    } else if name.chars().any(char::is_control) {
        p.add(field::SIGNER_NAME_IN_PRINT, Key::InvoiceSignerNameOneLine);
        None
    } else {
        Some(name.to_string())
    };
    let personnummer = match PersonalId::parse(&answers.signer_personnummer, today) {
        Err(e) => {
            p.add(field::SIGNER_PERSONNUMMER, e.message());
            None
        }
        Ok(id) if id == household.person.personnummer => {
            p.add(field::SIGNER_PERSONNUMMER, Key::InvoiceSignerIsPerson);
            None
        }
        Ok(id) => Some(id),
    };
    Some(InvoiceSigner::Representative {
        role: role?,
        personnummer: personnummer?,
        name_in_print: name?,
    })
}
