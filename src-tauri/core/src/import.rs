//! Import of hours (and, from JSON, a whole household) for people moving from a spreadsheet or
//! another system. Two formats, both documented in `docs/import.md`:
//!
//! - CSV, shifts only: `assistent_personnummer;start;slut;typ` (header optional), ISO local
//!   date-times (`2026-10-24T22:00`; `T24:00` means midnight at the end of that day), `typ` one
//!   of `aktiv`, `vantetid`, `beredskap`.
//! - JSON: `person`, `granted_hours_per_month`, `assistants`, `shifts` (and optionally
//!   `signer_role`, `signer`, `employment`, `provider`), snake_case keys.
//!
//! Import is all-or-nothing: parsing collects every problem with its line (CSV) or position
//! (JSON), and nothing is written unless there is none. Writing happens in one transaction
//! (`Store::import`). This module does no I/O of its own.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use crate::hours::TimeKind;
use crate::household::{
    AssistantDraft, AssistantEmployerDraft, CalculationPeriodsDraft, Employment, Household,
    HouseholdDraft, NewAssistant, PersonDraft, ProviderContactDraft, ProviderDraft, SignerRole,
};
use crate::identity::PersonalId;
use crate::message::{Key, Message};

pub mod problem;
pub use problem::{ImportProblem, Position};

/// The two file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Json,
    Csv,
}

impl ImportFormat {
    /// By the file's extension (`.json`, `.csv`), case-blind.
    pub fn from_path(path: &Path) -> Option<ImportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(ImportFormat::Json),
            "csv" | "txt" => Some(ImportFormat::Csv),
            _ => None,
        }
    }
}

/// One shift of the file, not yet tied to an assistant id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportShift {
    pub position: Position,
    pub assistant: PersonalId,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub kind: TimeKind,
    pub note: Option<String>,
}

/// What a valid file asks to add.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    pub household: Option<Household>,
    pub assistants: Vec<NewAssistant>,
    pub shifts: Vec<ImportShift>,
}

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub household_saved: bool,
    pub assistants_added: usize,
    pub shifts_added: usize,
}

/// Parses a file into a plan, or every problem found in it.
pub fn parse(
    text: &str,
    format: ImportFormat,
    today: NaiveDate,
) -> Result<ImportPlan, Vec<ImportProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plan = match format {
        ImportFormat::Csv => parse_csv(text, today)?,
        ImportFormat::Json => parse_json(text, today)?,
    };
    let problems = overlaps_within(&plan.shifts);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

/// Parses an ISO local date-time: `YYYY-MM-DDTHH:MM` (a space instead of `T`, and `:00`
/// seconds, are accepted); `24:00` is midnight at the end of that day.
pub fn parse_local_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' '])?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = time
        .strip_suffix(":00")
        .filter(|t| t.len() == 5)
        .unwrap_or(time);
    if time == "24:00" {
        return Some(date.and_time(NaiveTime::MIN) + Duration::days(1));
    }
    if time.len() != 5 {
        return None;
    }
    let time = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    Some(date.and_time(time))
}

fn problem(position: Position, message: impl Into<Message>) -> ImportProblem {
    ImportProblem {
        position,
        message: message.into(),
    }
}

fn parse_kind(token: &str) -> Option<TimeKind> {
    TimeKind::parse(token.trim().to_lowercase().as_str())
}

/// Checks one shift's fields; pushes problems, returns the shift when all are fine.
/// A shift's fields as written in the file.
struct RawShift<'a> {
    assistant: &'a str,
    start: &'a str,
    end: &'a str,
    kind: &'a str,
    note: Option<String>,
}

fn check_shift(
    position: Position,
    raw: RawShift<'_>,
    today: NaiveDate,
    problems: &mut Vec<ImportProblem>,
) -> Option<ImportShift> {
    let RawShift {
        assistant,
        start,
        end,
        kind,
        note,
    } = raw;
    let before = problems.len();
    let assistant = match PersonalId::parse(assistant, today) {
        Ok(id) => Some(id),
        Err(error) => {
            problems.push(problem(
                position.clone(),
                Message::new(Key::ImportAssistantPersonnummer).key("problem", error.message().key),
            ));
            None
        }
    };
    let start_at = parse_local_time(start);
    if start_at.is_none() {
        problems.push(problem(position.clone(), Key::ImportStartFormat));
    }
    let end_at = parse_local_time(end);
    if end_at.is_none() {
        problems.push(problem(position.clone(), Key::ImportEndFormat));
    }
    let kind_value = parse_kind(kind);
    if kind_value.is_none() {
        problems.push(problem(position.clone(), Key::ImportKindUnknown));
    }
    if let (Some(s), Some(e)) = (start_at, end_at) {
        if e <= s {
            problems.push(problem(position.clone(), Key::ImportEndNotAfterStart));
        } else if e - s > Duration::hours(48) {
            problems.push(problem(position.clone(), Key::ImportShiftTooLong));
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(ImportShift {
        position,
        assistant: assistant?,
        start: start_at?,
        end: end_at?,
        kind: kind_value?,
        note: note.filter(|n| !n.trim().is_empty()),
    })
}

fn parse_csv(text: &str, today: NaiveDate) -> Result<ImportPlan, Vec<ImportProblem>> {
    let mut problems = Vec::new();
    let mut shifts = Vec::new();
    // Line by line, so that a line number is always the one an editor shows.
    for (index, text_line) in text.lines().enumerate() {
        let position = Position::Line(index + 1);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text_line.as_bytes());
        let record = match reader.records().next() {
            None => continue,
            Some(Ok(record)) => record,
            Some(Err(_)) => {
                problems.push(problem(position, Key::ImportLineUnreadable));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        if index == 0
            && record
                .get(0)
                .is_some_and(|c| c.to_lowercase().starts_with("assistent"))
        {
            continue; // the header
        }
        if record.len() != 4 && record.len() != 5 {
            problems.push(problem(
                position,
                Message::new(Key::ImportFieldCount).number("count", record.len() as i64),
            ));
            continue;
        }
        let note = record.get(4).map(str::to_owned);
        if let Some(shift) = check_shift(
            position,
            RawShift {
                assistant: &record[0],
                start: &record[1],
                end: &record[2],
                kind: &record[3],
                note,
            },
            today,
            &mut problems,
        ) {
            shifts.push(shift);
        }
    }
    if shifts.is_empty() && problems.is_empty() {
        problems.push(problem(Position::File, Key::ImportNoShifts));
    }
    if problems.is_empty() {
        Ok(ImportPlan {
            household: None,
            assistants: Vec::new(),
            shifts,
        })
    } else {
        Err(problems)
    }
}

#[derive(Deserialize)]
struct JsonFile {
    person: Option<JsonPerson>,
    granted_hours_per_month: Option<i64>,
    signer_role: Option<String>,
    signer: Option<JsonPerson>,
    employment: Option<String>,
    provider: Option<JsonProvider>,
    #[serde(default)]
    assistants: Vec<JsonAssistant>,
    #[serde(default)]
    shifts: Vec<JsonShift>,
}

#[derive(Deserialize)]
struct JsonPerson {
    personnummer: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
}

#[derive(Deserialize)]
struct JsonProvider {
    name: String,
    organisationsnummer: String,
    contact_person: Option<String>,
    phone: Option<String>,
}

#[derive(Deserialize)]
struct JsonEmployer {
    kind: String,
    name: Option<String>,
    organisationsnummer: Option<String>,
}

#[derive(Deserialize)]
struct JsonPeriods {
    start: String,
    weeks: i64,
}

#[derive(Deserialize)]
struct JsonAssistant {
    personnummer: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    #[serde(default = "yes")]
    employed_by_person: bool,
    #[serde(default)]
    collective_agreement: bool,
    employer: Option<JsonEmployer>,
    calculation_periods: Option<JsonPeriods>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct JsonShift {
    assistant: String,
    start: String,
    end: String,
    kind: String,
    note: Option<String>,
}

impl From<JsonPerson> for PersonDraft {
    fn from(p: JsonPerson) -> PersonDraft {
        PersonDraft {
            personnummer: p.personnummer,
            first_name: p.first_name,
            last_name: p.last_name,
            phone: p.phone,
        }
    }
}

fn parse_json(text: &str, today: NaiveDate) -> Result<ImportPlan, Vec<ImportProblem>> {
    let file: JsonFile = serde_json::from_str(text).map_err(|error| {
        vec![problem(
            Position::Line(error.line().max(1)),
            json_error_message(&error),
        )]
    })?;
    let mut problems = Vec::new();
    let mut plan = ImportPlan::default();

    if let Some(person) = file.person {
        let signer_role = match file.signer_role.as_deref() {
            None => Some(SignerRole::SelfSigner),
            Some(token) => SignerRole::parse(token),
        };
        let employment = match file.employment.as_deref() {
            None => Some(Employment::Employer),
            Some(token) => Employment::parse(token),
        };
        if signer_role.is_none() {
            problems.push(problem(
                Position::Path("signer_role".into()),
                Key::ImportSignerRoleUnknown,
            ));
        }
        if employment.is_none() {
            problems.push(problem(
                Position::Path("employment".into()),
                Key::ImportEmploymentUnknown,
            ));
        }
        if let (Some(signer_role), Some(employment)) = (signer_role, employment) {
            let draft = HouseholdDraft {
                person: person.into(),
                signer_role,
                signer: file.signer.map(Into::into),
                employment,
                provider: file.provider.as_ref().map(|p| ProviderDraft {
                    name: p.name.clone(),
                    organisationsnummer: p.organisationsnummer.clone(),
                }),
                granted_hours_per_month: file.granted_hours_per_month,
            };
            let contact = file
                .provider
                .map(|p| ProviderContactDraft {
                    contact_person: p.contact_person,
                    phone: p.phone,
                })
                .unwrap_or_default();
            match draft.validate_with_provider_contact(&contact, today) {
                Ok(household) => plan.household = Some(household),
                Err(error) => problems.push(problem(
                    Position::Path(json_path(error.field().unwrap_or("person"))),
                    error.message(),
                )),
            }
        }
    } else if file.granted_hours_per_month.is_some() || file.signer.is_some() {
        problems.push(problem(
            Position::Path("person".into()),
            Key::ImportHouseholdNeedsPerson,
        ));
    }

    let mut seen = BTreeMap::new();
    for (index, assistant) in file.assistants.into_iter().enumerate() {
        let draft = AssistantDraft {
            id: None,
            personnummer: assistant.personnummer,
            first_name: assistant.first_name,
            last_name: assistant.last_name,
            phone: assistant.phone,
            employed_by_person: assistant.employed_by_person,
            collective_agreement: assistant.collective_agreement,
            employer: assistant.employer.map(|e| AssistantEmployerDraft {
                kind: e.kind,
                name: e.name,
                organisationsnummer: e.organisationsnummer,
            }),
            calculation_periods: assistant
                .calculation_periods
                .map(|p| CalculationPeriodsDraft {
                    start: p.start,
                    weeks: p.weeks,
                }),
        };
        match draft.validate(today) {
            Ok((_, new)) => {
                if let Some(first) = seen.insert(new.personnummer.as_str().to_owned(), index) {
                    problems.push(problem(
                        Position::Path(format!("assistants[{index}]")),
                        Message::new(Key::ImportSamePersonnummer)
                            .text("other", format!("assistants[{first}]")),
                    ));
                } else {
                    plan.assistants.push(new);
                }
            }
            Err(error) => problems.push(problem(
                Position::Path(format!(
                    "assistants[{index}].{}",
                    json_path(error.field().unwrap_or("personnummer"))
                )),
                error.message(),
            )),
        }
    }

    for (index, shift) in file.shifts.into_iter().enumerate() {
        let position = Position::Path(format!("shifts[{index}]"));
        if let Some(shift) = check_shift(
            position,
            RawShift {
                assistant: &shift.assistant,
                start: &shift.start,
                end: &shift.end,
                kind: &shift.kind,
                note: shift.note,
            },
            today,
            &mut problems,
        ) {
            plan.shifts.push(shift);
        }
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

/// The IPC field names are camelCase; the file's keys are snake_case.
fn json_path(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 4);
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn json_error_message(error: &serde_json::Error) -> Message {
    // serde_json's text (English, the library's words) names the missing or wrong key, never a
    // value from the file.
    let text = error.to_string();
    let text = text.split(" at line").next().unwrap_or(&text);
    Message::new(Key::ImportJsonInvalid)
        .text("detail", text)
        .number("line", error.line() as i64)
        .number("column", error.column() as i64)
}

/// Shifts of the same assistant in the file that overlap each other.
fn overlaps_within(shifts: &[ImportShift]) -> Vec<ImportProblem> {
    let mut by_assistant: BTreeMap<&str, Vec<&ImportShift>> = BTreeMap::new();
    for shift in shifts {
        by_assistant
            .entry(shift.assistant.as_str())
            .or_default()
            .push(shift);
    }
    let mut problems = Vec::new();
    for list in by_assistant.values_mut() {
        list.sort_by_key(|s| s.start);
        for pair in list.windows(2) {
            if pair[1].start < pair[0].end {
                problems.push(problem(
                    pair[1].position.clone(),
                    overlap_message(&pair[0].position),
                ));
            }
        }
    }
    problems
}

/// The overlap with the shift at `other` of the same file.
fn overlap_message(other: &Position) -> Message {
    match other {
        Position::Line(line) => Message::new(Key::ImportOverlapLine).number("line", *line as i64),
        Position::Path(path) => Message::new(Key::ImportOverlapPath).text("path", path.clone()),
        Position::File => Key::ImportOverlapFile.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn local_times() {
        assert_eq!(
            parse_local_time("2026-10-24T22:00"),
            Some(at("2026-10-24T22:00"))
        );
        assert_eq!(
            parse_local_time("2026-10-24 22:00"),
            Some(at("2026-10-24T22:00"))
        );
        assert_eq!(
            parse_local_time("2026-10-24T22:00:00"),
            Some(at("2026-10-24T22:00"))
        );
        assert_eq!(
            parse_local_time("2026-10-31T24:00"),
            Some(at("2026-11-01T00:00"))
        );
        for bad in [
            "2026-10-24",
            "2026-10-24T22",
            "2026-10-24T25:00",
            "2026-02-30T08:00",
            "24/10 22:00",
            "2026-10-24T22:00:30",
        ] {
            assert_eq!(parse_local_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn csv_with_and_without_header() {
        let text = "assistent_personnummer;start;slut;typ\n198112189876;2026-10-24T22:00;2026-10-25T07:00;aktiv\n\n19811218-9876;2026-10-26T08:00;2026-10-26T16:00;beredskap\n";
        let plan = parse(text, ImportFormat::Csv, today()).unwrap();
        assert_eq!(plan.shifts.len(), 2);
        assert_eq!(plan.shifts[0].kind, TimeKind::Aktiv);
        assert_eq!(plan.shifts[1].kind, TimeKind::Beredskap);
        assert_eq!(plan.shifts[1].assistant.as_str(), "198112189876");
        assert_eq!(plan.shifts[1].position, Position::Line(4));
        let no_header = "198112189876;2026-10-24T08:00;2026-10-24T16:00;vantetid";
        assert_eq!(
            parse(no_header, ImportFormat::Csv, today()).unwrap().shifts[0].kind,
            TimeKind::Vantetid
        );
    }

    #[test]
    fn csv_lists_every_problem_by_line() {
        let text = "198112189876;2026-10-24T22:00;2026-10-25T07:00;aktiv\n\
                    198112189875;2026-10-24T08:00;2026-10-24T16:00;aktiv\n\
                    198112189876;2026-10-26T16:00;2026-10-26T08:00;aktiv\n\
                    198112189876;2026-10-27T08:00;2026-10-27T16:00;natt\n\
                    198112189876;2026-10-28 8:00;2026-10-28T16:00;aktiv\n\
                    198112189876;2026-10-29T08:00\n";
        let problems = parse(text, ImportFormat::Csv, today()).unwrap_err();
        let lines: Vec<_> = problems.iter().map(|p| p.position.clone()).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6].map(Position::Line));
        assert!(
            problems[0].to_string().contains("kontrollsiffra"),
            "{}",
            problems[0]
        );
        let keys: Vec<_> = problems.iter().map(|p| p.message.key).collect();
        assert_eq!(
            keys,
            [
                Key::ImportAssistantPersonnummer,
                Key::ImportEndNotAfterStart,
                Key::ImportKindUnknown,
                Key::ImportStartFormat,
                Key::ImportFieldCount,
            ]
        );
        assert_eq!(
            problems[1].to_string(),
            "rad 3: sluttiden måste vara efter starttiden."
        );
        assert_eq!(
            problems[1].message.render(crate::message::Locale::En),
            "the end time must be after the start time."
        );
        assert!(problems[4].to_string().contains("fyra"));
        for p in &problems {
            let english = p.message.render(crate::message::Locale::En);
            assert!(
                !english.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']),
                "{english}"
            );
        }
        assert!(
            problems
                .iter()
                .all(|p| !p.to_string().contains("198112189875")),
            "no personnummer in messages"
        );
    }

    #[test]
    fn csv_overlap_inside_the_file_is_refused() {
        let text = "198112189876;2026-10-24T08:00;2026-10-24T16:00;aktiv\n198112189876;2026-10-24T15:00;2026-10-24T20:00;aktiv\n";
        let problems = parse(text, ImportFormat::Csv, today()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position, Position::Line(2));
        // Back to back is fine.
        let ok = "198112189876;2026-10-24T08:00;2026-10-24T16:00;aktiv\n198112189876;2026-10-24T16:00;2026-10-24T20:00;aktiv\n";
        assert_eq!(
            parse(ok, ImportFormat::Csv, today()).unwrap().shifts.len(),
            2
        );
    }

    #[test]
    fn empty_csv_is_a_problem() {
        assert_eq!(
            parse(
                "assistent_personnummer;start;slut;typ\n",
                ImportFormat::Csv,
                today()
            )
            .unwrap_err()
            .len(),
            1
        );
    }

    const JSON: &str = r#"{"person": {"personnummer": "191212121212", "first_name": "Tolvan", "last_name": "Tolvansson"},
        "granted_hours_per_month": 300,
        "assistants": [{"personnummer": "198112189876", "first_name": "Anna", "last_name": "Assistent", "employed_by_person": true}],
        "shifts": [{"assistant": "198112189876", "start": "2026-10-24T22:00", "end": "2026-10-25T07:00", "kind": "aktiv"}]}"#;

    #[test]
    fn json_household_assistants_and_shifts() {
        let plan = parse(JSON, ImportFormat::Json, today()).unwrap();
        let household = plan.household.unwrap();
        assert_eq!(household.person.personnummer.as_str(), "191212121212");
        assert_eq!(household.granted_hours_per_month, Some(300));
        assert_eq!(plan.assistants.len(), 1);
        assert!(plan.assistants[0].employed_by_person);
        assert_eq!(plan.shifts[0].end, at("2026-10-25T07:00"));
    }

    #[test]
    fn json_problems_name_their_place() {
        let bad = JSON
            .replace("191212121212", "191212121213")
            .replace("\"aktiv\"", "\"sova\"");
        let problems = parse(&bad, ImportFormat::Json, today()).unwrap_err();
        let places: Vec<_> = problems.iter().map(|p| p.position.clone()).collect();
        assert_eq!(
            places,
            [
                Position::Path("person.personnummer".into()),
                Position::Path("shifts[0]".into())
            ]
        );
        let broken = parse("{\"person\": ", ImportFormat::Json, today()).unwrap_err();
        assert!(matches!(broken[0].position, Position::Line(1)));
        let wrong_type = parse(r#"{"shifts": 3}"#, ImportFormat::Json, today()).unwrap_err();
        assert_eq!(wrong_type[0].message.key, Key::ImportJsonInvalid);
        assert!(wrong_type[0].to_string().contains("JSON"));
    }

    #[test]
    fn json_provider_contact_employer_and_periods() {
        let json = r#"{"person": {"personnummer": "191212121212", "first_name": "Tolvan", "last_name": "Tolvansson", "phone": "070-123 45 67"},
            "employment": "buys",
            "provider": {"name": "Assistans AB", "organisationsnummer": "556036-0793", "contact_person": "Kim Kontakt", "phone": "031-123 45 67"},
            "assistants": [
                {"personnummer": "198112189876", "first_name": "Anna", "last_name": "A", "employed_by_person": false,
                 "employer": {"kind": "other", "name": "Annan AB", "organisationsnummer": "5560360793"},
                 "calculation_periods": {"start": "2025-03-03", "weeks": 2}},
                {"personnummer": "199006219894", "first_name": "Bo", "last_name": "B", "employed_by_person": false,
                 "employer": {"kind": "self_employed"}},
                {"personnummer": "197811029946", "first_name": "Cia", "last_name": "C"}
            ]}"#;
        let plan = parse(json, ImportFormat::Json, today()).unwrap();
        let provider = plan.household.unwrap().provider.unwrap();
        assert_eq!(provider.contact_person.as_deref(), Some("Kim Kontakt"));
        assert_eq!(provider.phone.as_deref(), Some("031-123 45 67"));
        use crate::household::{AssistantEmployer, CalculationPeriods};
        assert!(matches!(
            &plan.assistants[0].employer,
            AssistantEmployer::Other { name: Some(n), .. } if n == "Annan AB"
        ));
        assert_eq!(plan.assistants[0].calculation_periods.weeks, 2);
        assert_eq!(plan.assistants[1].employer, AssistantEmployer::SelfEmployed);
        assert_eq!(plan.assistants[2].employer, AssistantEmployer::Provider);
        assert_eq!(
            plan.assistants[2].calculation_periods,
            CalculationPeriods::default()
        );

        let bad = json
            .replace(
                "\"organisationsnummer\": \"5560360793\"",
                "\"organisationsnummer\": \"5560360794\"",
            )
            .replace("031-123 45 67", "031");
        let problems = parse(&bad, ImportFormat::Json, today()).unwrap_err();
        let places: Vec<_> = problems.iter().map(|p| p.position.clone()).collect();
        assert_eq!(
            places,
            [
                Position::Path("provider.phone".into()),
                Position::Path("assistants[0].employer.organisationsnummer".into()),
            ]
        );
        let bad = json.replace("\"weeks\": 2", "\"weeks\": 5");
        let problems = parse(&bad, ImportFormat::Json, today()).unwrap_err();
        assert_eq!(
            problems[0].position,
            Position::Path("assistants[0].calculation_periods.weeks".into())
        );
    }

    #[test]
    fn json_duplicate_assistant_refused() {
        let dup = JSON.replace(
            "\"employed_by_person\": true}]",
            "\"employed_by_person\": true}, {\"personnummer\": \"8112189876\", \"first_name\": \"A\", \"last_name\": \"B\"}]",
        );
        let problems = parse(&dup, ImportFormat::Json, today()).unwrap_err();
        assert_eq!(problems[0].position, Position::Path("assistants[1]".into()));
    }

    #[test]
    fn format_by_extension() {
        assert_eq!(
            ImportFormat::from_path(Path::new("a/b.JSON")),
            Some(ImportFormat::Json)
        );
        assert_eq!(
            ImportFormat::from_path(Path::new("timmar.csv")),
            Some(ImportFormat::Csv)
        );
        assert_eq!(ImportFormat::from_path(Path::new("timmar.xlsx")), None);
    }

    /// The JSON examples of docs/import.md, the seeds of the JSON fuzz test.
    const JSON_EXAMPLES: [&str; 2] = [
        r#"{"person": {"personnummer": "191212121212", "first_name": "Tolvan",
            "last_name": "Tolvansson", "phone": "070-123 45 67"},
 "granted_hours_per_month": 300, "signer_role": "self", "employment": "employer",
 "assistants": [{"personnummer": "198112189876", "first_name": "Anna",
                 "last_name": "Assistent", "employed_by_person": true,
                 "collective_agreement": false, "phone": "070-765 43 21"}],
 "shifts": [{"assistant": "198112189876", "start": "2026-10-24T22:00",
             "end": "2026-10-25T07:00", "kind": "aktiv", "note": "valfri"}]}"#,
        r#"{"person": {"personnummer": "191212121212", "first_name": "Tolvan", "last_name": "Tolvansson",
            "phone": "070-123 45 67"}, "employment": "buys", "signer_role": "god_man",
 "signer": {"personnummer": "198112189876", "first_name": "G", "last_name": "M"},
 "provider": {"name": "Assistans AB", "organisationsnummer": "556036-0793",
              "contact_person": "Kim Kontakt", "phone": "031-123 45 67"},
 "assistants": [{"personnummer": "198112189876", "first_name": "Anna", "last_name": "A",
                 "employed_by_person": false,
                 "employer": {"kind": "other", "name": "Annan AB", "organisationsnummer": "5560360793"},
                 "calculation_periods": {"start": "2025-03-03", "weeks": 2}}],
 "shifts": [{"assistant": "198112189876", "start": "2026-10-24T22:00", "end": "2026-10-25T24:00", "kind": "beredskap"}]}"#,
    ];

    proptest::proptest! {
        #![proptest_config(crate::fuzz::config())]

        /// No CSV file panics the parser: it gives a plan or problems.
        #[test]
        fn fuzz_csv_import_never_panics(
            bytes in crate::fuzz::input(crate::fuzz::fixtures("import", ".csv"))
        ) {
            let text = String::from_utf8_lossy(&bytes);
            if let Err(problems) = parse(&text, ImportFormat::Csv, today()) {
                proptest::prop_assert!(!problems.is_empty());
            }
        }

        /// No JSON file panics the parser: it gives a plan or problems.
        #[test]
        fn fuzz_json_import_never_panics(
            bytes in crate::fuzz::input(JSON_EXAMPLES.iter().map(|j| j.as_bytes().to_vec()).collect())
        ) {
            let text = String::from_utf8_lossy(&bytes);
            if let Err(problems) = parse(&text, ImportFormat::Json, today()) {
                proptest::prop_assert!(!problems.is_empty());
            }
        }
    }

    #[test]
    fn the_json_fuzz_seeds_are_valid_files() {
        for json in JSON_EXAMPLES {
            let plan = parse(json, ImportFormat::Json, today()).unwrap();
            assert_eq!(plan.shifts.len(), 1);
        }
    }
}
