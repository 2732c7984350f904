//! `Timbok::save_day`: the month screen's day text saved as one use case.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::hours::day_text::parse_day_text;
use crate::hours::{AssistantId, TimeKind, YearMonth};
use crate::sheet::MonthSheet;
use crate::timbok::Timbok;

impl Timbok {
    /// Reads `text` (the day-text syntax of [`crate::hours::day_text`]; shifts without a kind
    /// letter get `default_kind`) and makes it the shifts of `assistant` that start on `date`,
    /// in one transaction (ids and notes of unchanged and edited shifts kept), then returns the
    /// month sheet of `date`'s month. Unreadable text is `Error::Invalid` on field `text`
    /// naming the piece; nothing is written then, nor when any write is refused (a report of
    /// the month queued or sent).
    pub fn save_day(
        &mut self,
        assistant: AssistantId,
        date: NaiveDate,
        text: &str,
        default_kind: TimeKind,
    ) -> Result<MonthSheet> {
        let shifts =
            parse_day_text(text, default_kind).map_err(|e| Error::invalid("text", e.message()))?;
        let wanted: Vec<_> = shifts
            .iter()
            .map(|s| {
                let (start, end) = s.times(date);
                (start, end, s.kind)
            })
            .collect();
        self.store_mut().replace_day(assistant, date, &wanted)?;
        self.month_sheet(YearMonth::of(date))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use crate::bankid::Completion;
    use crate::demo;
    use crate::error::Error;
    use crate::hours::day_text::describe_day;
    use crate::hours::{AssistantId, Shift, TimeKind, YearMonth};
    use crate::reports::signing::Signer;
    use crate::sheet::{MonthSheet, ShiftDraft};
    use crate::store::Store;
    use crate::{Clock, Timbok};

    fn timbok() -> Timbok {
        let now = NaiveDateTime::parse_from_str("2025-11-10T09:00", "%Y-%m-%dT%H:%M").unwrap();
        let mut store = Store::open_in_memory().unwrap();
        demo::seed(&mut store, now.date()).unwrap();
        Timbok::with_store(store, Clock::Fixed(now), crate::settings::Environment::Demo)
    }

    fn johan(timbok: &Timbok) -> AssistantId {
        timbok
            .assistants()
            .unwrap()
            .into_iter()
            .find(|a| a.personnummer.as_str() == demo::ASSISTANTS[0])
            .unwrap()
            .id
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn day(sheet: &MonthSheet, id: AssistantId, on: NaiveDate) -> Vec<Shift> {
        sheet
            .assistants
            .iter()
            .find(|a| a.assistant.id == id)
            .unwrap()
            .shifts
            .iter()
            .filter(|s| s.start.date() == on)
            .cloned()
            .collect()
    }

    fn text(sheet: &MonthSheet, id: AssistantId, on: NaiveDate) -> String {
        let shifts = day(sheet, id, on);
        describe_day(on, &shifts.iter().collect::<Vec<_>>(), TimeKind::Aktiv).0
    }

    fn completion(pnr: &str) -> Completion {
        Completion {
            personal_number: pnr.into(),
            name: "Test Testsson".into(),
            given_name: "Test".into(),
            surname: "Testsson".into(),
            signature: "c2ln".into(),
            ocsp_response: "b2NzcA==".into(),
            bank_id_issue_date: None,
            device_ip_address: None,
            device_uhi: None,
            step_up_mrtd: None,
            risk: None,
        }
    }

    #[test]
    fn saves_the_day_as_typed_and_returns_its_month() {
        let mut timbok = timbok();
        let id = johan(&timbok);
        let on = date("2025-10-31");
        let sheet = timbok
            .save_day(id, on, "8-16, 22-07 b", TimeKind::Aktiv)
            .unwrap();
        assert_eq!(sheet.month, YearMonth::new(2025, 10).unwrap());
        assert_eq!(text(&sheet, id, on), "8-16, 22-07 b");
        let night = day(&sheet, id, on).into_iter().last().unwrap();
        assert_eq!(night.end.to_string(), "2025-11-01 07:00:00");
        // Empty text empties the day.
        let sheet = timbok.save_day(id, on, " ", TimeKind::Aktiv).unwrap();
        assert!(day(&sheet, id, on).is_empty());
    }

    #[test]
    fn keeps_the_id_and_note_of_unchanged_and_edited_shifts() {
        let mut timbok = timbok();
        let id = johan(&timbok);
        let on = date("2025-10-31");
        let sheet = timbok
            .save_day(id, on, "8-16, 22-07 v", TimeKind::Aktiv)
            .unwrap();
        let before = day(&sheet, id, on);
        for shift in &before {
            timbok
                .save_shift(&ShiftDraft {
                    id: Some(shift.id),
                    assistant_id: id,
                    start: shift.start.format("%Y-%m-%dT%H:%M").to_string(),
                    end: shift.end.format("%Y-%m-%dT%H:%M").to_string(),
                    kind: shift.kind.as_str().into(),
                    note: Some(format!("note {}", shift.id.0)),
                })
                .unwrap();
        }
        let sheet = timbok
            .save_day(id, on, "8-17, 22-07 v, 18-19", TimeKind::Aktiv)
            .unwrap();
        let after = day(&sheet, id, on);
        assert_eq!(text(&sheet, id, on), "8-17, 18-19, 22-07 v");
        assert_eq!(after[0].id, before[0].id);
        assert_eq!(after[0].note, Some(format!("note {}", before[0].id.0)));
        assert_eq!(after[2].id, before[1].id);
        assert_eq!(after[2].note, Some(format!("note {}", before[1].id.0)));
        assert_eq!(after[1].note, None);

        // Removing a shift marks it deleted: it can be undone.
        let sheet = timbok.save_day(id, on, "8-17", TimeKind::Aktiv).unwrap();
        assert_eq!(day(&sheet, id, on).len(), 1);
        timbok.undo_delete_shift(after[2].id).unwrap();
        let sheet = timbok.month_sheet(YearMonth::of(on)).unwrap();
        assert_eq!(text(&sheet, id, on), "8-17, 22-07 v");
    }

    #[test]
    fn unreadable_text_names_the_piece_and_writes_nothing() {
        let mut timbok = timbok();
        let id = johan(&timbok);
        let on = date("2025-10-31");
        timbok.save_day(id, on, "8-16", TimeKind::Aktiv).unwrap();
        let error = timbok
            .save_day(id, on, "9-17, 25-07", TimeKind::Aktiv)
            .unwrap_err();
        assert_eq!(error.field(), Some("text"));
        assert!(error.to_string().contains("\"25\""), "{error}");
        let sheet = timbok.month_sheet(YearMonth::of(on)).unwrap();
        assert_eq!(text(&sheet, id, on), "8-16");
        assert!(matches!(
            timbok.save_day(AssistantId(999), on, "8-16", TimeKind::Aktiv),
            Err(Error::NotFound(_))
        ));
    }

    #[test]
    fn a_queued_report_refuses_the_whole_day() {
        let mut timbok = timbok();
        let id = johan(&timbok);
        let october = YearMonth::new(2025, 10).unwrap();
        let sheet = timbok.month_sheet(october).unwrap();
        let on = sheet
            .assistants
            .iter()
            .find(|a| a.assistant.id == id)
            .unwrap()
            .shifts[0]
            .start
            .date();
        let before = text(&sheet, id, on);
        assert!(!before.is_empty());

        timbok.lock_report(october, id).unwrap();
        let own = timbok
            .signing_request(october, Signer::Assistant(id))
            .unwrap();
        timbok
            .record_signature(&own, &completion(demo::ASSISTANTS[0]))
            .unwrap();
        let employer = timbok.signing_request(october, Signer::Employer).unwrap();
        timbok
            .record_signature(&employer, &completion(demo::GUARDIAN))
            .unwrap();
        assert_eq!(timbok.queue_reports(october).unwrap(), 1);

        // An added shift (that alone is allowed to write nothing else) and a changed one.
        let error = timbok
            .save_day(id, on, &format!("{before}, 23:15-23:45"), TimeKind::Aktiv)
            .unwrap_err();
        assert!(matches!(error, Error::NotAllowed(_)), "{error:?}");
        let error = timbok.save_day(id, on, "", TimeKind::Aktiv).unwrap_err();
        assert!(matches!(error, Error::NotAllowed(_)), "{error:?}");
        let sheet = timbok.month_sheet(october).unwrap();
        assert_eq!(text(&sheet, id, on), before);
    }
}
