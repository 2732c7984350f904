//! Drafts: what the user typed on a day of the month screen and has not saved yet (text Timbok
//! cannot read yet, or typed just before a crash). They live in the database, not in the web
//! view's storage, because a day's note may carry a name; one per month, assistant and day, and
//! the screen removes it once the day is saved.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::hours::{AssistantId, YearMonth};
use crate::timbok::Timbok;

/// The longest draft kept, in characters (a day's text is a few shifts and a note).
pub const MAX_DRAFT_CHARS: usize = 2000;

/// One day's unsaved text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayDraft {
    pub month: YearMonth,
    pub assistant: AssistantId,
    /// A day of `month`.
    pub date: NaiveDate,
    /// As typed; may be empty (a day emptied but not yet saved).
    pub text: String,
}

impl DayDraft {
    /// Checks that the day is in the month and the text is not overlong.
    pub fn validate(&self) -> Result<()> {
        if !self.month.contains(self.date) {
            return Err(Error::invalid(
                "date",
                crate::message::Message::new(crate::message::Key::DraftDayOutsideMonth)
                    .date("date", self.date)
                    .month("month", self.month.first_day()),
            ));
        }
        if self.text.chars().count() > MAX_DRAFT_CHARS {
            return Err(Error::invalid(
                "text",
                crate::message::Message::new(crate::message::Key::DraftTooLong)
                    .number("max", MAX_DRAFT_CHARS as i64),
            ));
        }
        Ok(())
    }
}

impl Timbok {
    /// The month's drafts.
    pub fn drafts(&self, month: YearMonth) -> Result<Vec<DayDraft>> {
        self.store().drafts(month)
    }

    /// Keeps a day's unsaved text (over the one kept before).
    pub fn save_draft(&mut self, draft: &DayDraft) -> Result<()> {
        draft.validate()?;
        self.store_mut().save_draft(draft)
    }

    /// Forgets a day's draft (the day was saved, or the text is what is stored).
    pub fn remove_draft(
        &mut self,
        month: YearMonth,
        assistant: AssistantId,
        date: NaiveDate,
    ) -> Result<()> {
        self.store_mut().remove_draft(month, assistant, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::timbok::Clock;

    fn timbok() -> Timbok {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::seed(&mut store, NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()).unwrap();
        Timbok::with_store(store, Clock::System, crate::settings::Environment::Demo)
    }

    fn draft(assistant: AssistantId, day: u32, text: &str) -> DayDraft {
        DayDraft {
            month: YearMonth::new(2026, 10).unwrap(),
            assistant,
            date: NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
            text: text.into(),
        }
    }

    #[test]
    fn a_draft_is_kept_replaced_and_removed() {
        let mut timbok = timbok();
        let anna = timbok.assistants().unwrap()[0].id;
        let other = timbok.assistants().unwrap()[1].id;
        let october = YearMonth::new(2026, 10).unwrap();
        timbok.save_draft(&draft(anna, 12, "8-25")).unwrap();
        timbok.save_draft(&draft(other, 3, "")).unwrap();
        timbok
            .save_draft(&draft(anna, 12, "8-16 Anna sjuk"))
            .unwrap();
        let drafts = timbok.drafts(october).unwrap();
        assert_eq!(drafts.len(), 2);
        assert!(drafts.contains(&draft(anna, 12, "8-16 Anna sjuk")));
        assert!(drafts.contains(&draft(other, 3, "")));
        assert!(timbok
            .drafts(YearMonth::new(2026, 11).unwrap())
            .unwrap()
            .is_empty());

        timbok
            .remove_draft(
                october,
                anna,
                NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
            )
            .unwrap();
        // Removing again is not an error.
        timbok
            .remove_draft(
                october,
                anna,
                NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
            )
            .unwrap();
        assert_eq!(timbok.drafts(october).unwrap(), vec![draft(other, 3, "")]);
    }

    #[test]
    fn a_day_outside_the_month_an_unknown_assistant_and_an_overlong_text_are_refused() {
        let mut timbok = timbok();
        let anna = timbok.assistants().unwrap()[0].id;
        let mut outside = draft(anna, 12, "8-16");
        outside.date = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let error = timbok.save_draft(&outside).unwrap_err();
        assert_eq!(error.field(), Some("date"));

        let error = timbok
            .save_draft(&draft(AssistantId(999), 12, "8-16"))
            .unwrap_err();
        assert!(matches!(error, Error::NotFound(_)), "{error:?}");

        let long = "x".repeat(MAX_DRAFT_CHARS + 1);
        let error = timbok.save_draft(&draft(anna, 12, &long)).unwrap_err();
        assert_eq!(error.field(), Some("text"));
        timbok
            .save_draft(&draft(anna, 12, &"å".repeat(MAX_DRAFT_CHARS)))
            .unwrap();
        assert_eq!(
            timbok
                .drafts(YearMonth::new(2026, 10).unwrap())
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn deleting_the_assistant_removes_its_drafts() {
        let mut timbok = timbok();
        let id = timbok
            .save_assistant(&crate::household::AssistantDraft {
                id: None,
                personnummer: "198112189876".into(),
                first_name: "Ny".into(),
                last_name: "Assistent".into(),
                phone: None,
                employed_by_person: true,
                collective_agreement: false,
                employer: None,
                calculation_periods: None,
            })
            .unwrap()
            .id;
        timbok.save_draft(&draft(id, 5, "9-17")).unwrap();
        timbok.delete_assistant(id).unwrap();
        assert!(timbok
            .drafts(YearMonth::new(2026, 10).unwrap())
            .unwrap()
            .is_empty());
    }
}
