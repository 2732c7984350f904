//! Demo mode's sample household: a child with assistance (scenario E: the guardian signs, the
//! family employs the assistants), three assistants (one with only a samordningsnummer), and
//! last month's shifts and nothing else, so the demo tells one month: last month's hours,
//! ready to lock, sign, send and invoice (Översikt lists that month only). When last month is
//! October, its weekend nights include the one across the autumn daylight-saving change. Fictional
//! people with Skatteverket test personnummer (serial numbers 980–999) and phone numbers from
//! PTS's range for fiction (070-174 06 xx).

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::error::Result;
use crate::hours::{TimeKind, YearMonth};
use crate::household::{AssistantDraft, Employment, HouseholdDraft, PersonDraft, SignerRole};
use crate::store::{NewShift, Store};

pub const PERSON: &str = "201605129988";
pub const GUARDIAN: &str = "198403079984";
/// The assistants: two with personnummer, one with only a samordningsnummer.
pub const ASSISTANTS: [&str; 3] = ["199006219894", "197811029946", "197010632391"];

/// Writes the sample household into an empty store; `today` decides which month is "last month".
pub fn seed(store: &mut Store, today: NaiveDate) -> Result<()> {
    let person = |pnr: &str, first: &str, last: &str, phone: &str| PersonDraft {
        personnummer: pnr.into(),
        first_name: first.into(),
        last_name: last.into(),
        phone: Some(phone.into()),
    };
    let household = HouseholdDraft {
        person: person(PERSON, "Elsa", "Demosson", "070-174 06 10"),
        signer_role: SignerRole::Vardnadshavare,
        signer: Some(person(GUARDIAN, "Maria", "Demosson", "070-174 06 11")),
        employment: Employment::Employer,
        provider: None,
        granted_hours_per_month: Some(480),
    }
    .validate(today)?;
    store.save_household(&household)?;

    let names = [
        ("Johan", "Lind", "070-174 06 20"),
        ("Sara", "Öberg", "070-174 06 21"),
        ("Ali", "Haddad", "070-174 06 22"),
    ];
    let mut ids = Vec::new();
    for (pnr, (first, last, phone)) in ASSISTANTS.iter().zip(names) {
        let (_, new) = AssistantDraft {
            id: None,
            personnummer: (*pnr).into(),
            first_name: first.into(),
            last_name: last.into(),
            phone: Some(phone.into()),
            employed_by_person: true,
            collective_agreement: false,
            employer: None,
            calculation_periods: None,
        }
        .validate(today)?;
        ids.push(store.insert_assistant(&new)?.id);
    }
    let (johan, sara, ali) = (ids[0], ids[1], ids[2]);

    let at = |day: NaiveDate, hour: u32| day.and_hms_opt(hour, 0, 0).expect("valid hour");
    let shift = |assistant, day: NaiveDate, from: u32, to_day: NaiveDate, to: u32, kind| NewShift {
        assistant_id: assistant,
        start: at(day, from),
        end: at(to_day, to),
        kind,
        note: None,
    };
    let month = YearMonth::of(today).prev();
    let mut shifts = Vec::new();
    for day in month.days() {
        let next = day + Days::new(1);
        match day.weekday() {
            Weekday::Sat | Weekday::Sun => {
                shifts.push(shift(ali, day, 10, day, 18, TimeKind::Aktiv));
                // The month's last night ends at midnight: no hours spill into this month.
                let to = if YearMonth::of(next) == month { 7 } else { 0 };
                shifts.push(shift(ali, day, 22, next, to, TimeKind::Beredskap));
            }
            _ => {
                shifts.push(shift(johan, day, 7, day, 15, TimeKind::Aktiv));
                shifts.push(shift(sara, day, 15, day, 21, TimeKind::Aktiv));
                shifts.push(shift(sara, day, 21, day, 22, TimeKind::Vantetid));
            }
        }
    }
    store.insert_shifts_skipping_overlaps(&shifts)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::month_sheet;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn sample_household_is_valid_and_last_month_has_no_errors() {
        let mut store = Store::open_in_memory().unwrap();
        let today = day(2026, 11, 23);
        seed(&mut store, today).unwrap();
        let household = store.household().unwrap().unwrap();
        assert_eq!(household.scenario().as_str(), "E");
        let assistants = store.assistants().unwrap();
        assert_eq!(assistants.len(), 3);
        assert_eq!(
            assistants
                .iter()
                .filter(|a| a.id_kind().as_str() == "samordningsnummer")
                .count(),
            1
        );
        let sheet = month_sheet(&store, YearMonth::parse("2026-10").unwrap(), today).unwrap();
        assert!(!sheet.has_errors(), "{:?}", sheet.findings);
        // The autumn night 24–25 October 2026: 22:00–07:00 by the clock is 10 hours of beredskap.
        let ali = sheet
            .assistants
            .iter()
            .find(|a| a.assistant.personnummer.as_str() == ASSISTANTS[2])
            .unwrap();
        let night: u32 = ali
            .rows
            .iter()
            .filter(|r| {
                r.row.date == day(2026, 10, 25)
                    && r.row.kind == TimeKind::Beredskap
                    && r.row.from.minutes() == 0
            })
            .map(|r| r.minutes)
            .sum();
        assert_eq!(
            night,
            8 * 60,
            "00:00–07:00 on the change night is 8 hours actually"
        );
    }

    #[test]
    fn only_last_month_has_hours() {
        let mut store = Store::open_in_memory().unwrap();
        let today = day(2027, 3, 10);
        seed(&mut store, today).unwrap();
        let sheet = |m: &str| month_sheet(&store, YearMonth::parse(m).unwrap(), today).unwrap();
        let february = sheet("2027-02");
        assert!(!february.has_errors(), "{:?}", february.findings);
        // Three assistants with hours: Johan and Sara on weekdays, Ali on weekends.
        assert_eq!(
            february
                .assistants
                .iter()
                .filter(|a| a.totals.total() > 0)
                .count(),
            3
        );
        // No stray month: not the last autumn change's October, not this month.
        assert_eq!(sheet("2026-10").totals.total(), 0);
        assert_eq!(sheet("2027-03").totals.total(), 0);
        assert_eq!(sheet("2027-01").totals.total(), 0);
    }
}
