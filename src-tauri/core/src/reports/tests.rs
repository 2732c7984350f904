use chrono::NaiveDateTime;

use super::signing::Signer;
use super::ReportStatus;
use crate::bankid::Completion;
use crate::demo;
use crate::error::Error;
use crate::hours::{AssistantId, YearMonth};
use crate::sheet::ShiftDraft;
use crate::store::Store;
use crate::{Clock, Timbok};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

/// The demo household on 10 November 2025: October 2025 (with the autumn DST night) is last
/// month.
fn timbok_on(now: &str) -> Timbok {
    let now = at(now);
    let mut store = Store::open_in_memory().unwrap();
    demo::seed(&mut store, now.date()).unwrap();
    Timbok::with_store(store, Clock::Fixed(now), crate::settings::Environment::Demo)
}

fn october() -> YearMonth {
    YearMonth::new(2025, 10).unwrap()
}

fn assistant(timbok: &Timbok, pnr: &str) -> AssistantId {
    timbok
        .assistants()
        .unwrap()
        .into_iter()
        .find(|a| a.personnummer.as_str() == pnr)
        .unwrap()
        .id
}

fn completion(pnr: &str) -> Completion {
    Completion {
        personal_number: pnr.into(),
        name: "Test Testsson".into(),
        given_name: "Test".into(),
        surname: "Testsson".into(),
        signature: format!("c2lnbmF0dXJl{pnr}"),
        ocsp_response: "b2NzcA==".into(),
        bank_id_issue_date: None,
        device_ip_address: None,
        device_uhi: None,
        step_up_mrtd: None,
        risk: None,
    }
}

fn status(timbok: &Timbok, id: AssistantId) -> ReportStatus {
    timbok
        .time_reports(october())
        .unwrap()
        .reports
        .into_iter()
        .find(|r| r.assistant.id == id)
        .unwrap()
        .status
}

/// Adds a shift as the month screen would.
fn add_shift(
    timbok: &mut Timbok,
    assistant_id: AssistantId,
    start: &str,
    end: &str,
    kind: &str,
) -> crate::Result<crate::hours::Shift> {
    timbok.save_shift(&ShiftDraft {
        id: None,
        assistant_id,
        start: start.into(),
        end: end.into(),
        kind: kind.into(),
        note: None,
    })
}

fn johan(timbok: &Timbok) -> AssistantId {
    assistant(timbok, demo::ASSISTANTS[0])
}

#[test]
fn every_assistant_has_an_open_report_and_the_employer_is_the_guardian() {
    let timbok = timbok_on("2025-11-10T09:00");
    let month = timbok.time_reports(october()).unwrap();
    assert!(month.month_ended);
    assert_eq!(month.reports.len(), 3);
    assert!(month.reports.iter().all(|r| r.status == ReportStatus::Open));
    assert_eq!(month.employer_name, "Maria Demosson");
    assert!(month.reports.iter().any(|r| r.totals.total() > 0));
    assert_eq!(month.send_state, super::SendState::WaitingForSignatures);
}

#[test]
fn the_send_state_says_what_is_left_of_the_month() {
    use super::SendState as Send;
    use ReportStatus as S;
    assert_eq!(Send::of(&[]), Send::NothingToSend);
    assert_eq!(Send::of(&[S::Open, S::Locked]), Send::WaitingForSignatures);
    assert_eq!(Send::of(&[S::Signed, S::Locked]), Send::Ready);
    assert_eq!(Send::of(&[S::Sent, S::Signed]), Send::Ready);
    assert_eq!(Send::of(&[S::Sent, S::Queued, S::Signed]), Send::Sending);
    assert_eq!(Send::of(&[S::Sent, S::Sending]), Send::Sending);
    assert_eq!(Send::of(&[S::Sent, S::Paper]), Send::AllSent);
    // A paper report filled in and opened is not sent until the user says so.
    assert_eq!(Send::of(&[S::Sent, S::PaperOpened]), Send::PaperToSend);
    assert_eq!(Send::of(&[S::PaperOpened]), Send::PaperToSend);
    assert_eq!(
        Send::of(&[S::Locked, S::PaperOpened]),
        Send::WaitingForSignatures
    );
    assert_eq!(Send::of(&[S::Signed, S::PaperOpened]), Send::Ready);
    assert_eq!(Send::of(&[S::Sent]), Send::AllSent);
    // A rejected or uncertain report is not finished, nor is one signed by one only.
    assert_eq!(
        Send::of(&[S::Sent, S::Rejected]),
        Send::WaitingForSignatures
    );
    assert_eq!(
        Send::of(&[S::Sent, S::Uncertain]),
        Send::WaitingForSignatures
    );
    assert_eq!(
        Send::of(&[S::Sent, S::SignedByEmployer]),
        Send::WaitingForSignatures
    );
}

#[test]
fn a_month_that_has_not_ended_cannot_be_locked() {
    let mut timbok = timbok_on("2025-10-31T23:00");
    let id = johan(&timbok);
    let error = timbok.lock_report(october(), id).unwrap_err();
    assert!(matches!(error, Error::NotAllowed(_)), "{error:?}");
    assert_eq!(
        error.message().param("from"),
        Some(&crate::message::Param::Date(
            chrono::NaiveDate::from_ymd_opt(2025, 11, 1).unwrap()
        ))
    );
    assert!(error.to_string().contains("1 nov 2025"), "{error}");
}

#[test]
fn lock_freezes_the_document_and_its_hash_and_keeps_the_report_id() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = johan(&timbok);
    timbok.lock_report(october(), id).unwrap();
    let stored = timbok
        .store()
        .current_report(id, october())
        .unwrap()
        .unwrap();
    let document =
        crate::elt::document::Document::from_stored(stored.report_id, stored.document.clone());
    assert_eq!(stored.sha256, document.sha256_hex());
    assert!(String::from_utf8(stored.document.clone())
        .unwrap()
        .starts_with("<Tidredovisning"));
    assert_eq!(status(&timbok, id), ReportStatus::Locked);

    // Locked twice: refused. Unlock and lock again: same report id.
    assert!(matches!(
        timbok.lock_report(october(), id),
        Err(Error::NotAllowed(_))
    ));
    timbok.unlock_report(october(), id).unwrap();
    assert_eq!(status(&timbok, id), ReportStatus::Open);
    timbok.lock_report(october(), id).unwrap();
    let again = timbok
        .store()
        .current_report(id, october())
        .unwrap()
        .unwrap();
    assert_eq!(again.report_id, stored.report_id);
}

#[test]
fn a_changed_shift_unlocks_the_report_and_discards_its_signatures() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = johan(&timbok);
    timbok.lock_report(october(), id).unwrap();
    let request = timbok
        .signing_request(october(), Signer::Assistant(id))
        .unwrap();
    timbok
        .record_signature(&request, &completion(demo::ASSISTANTS[0]))
        .unwrap();
    assert_eq!(status(&timbok, id), ReportStatus::SignedByAssistant);

    // A new shift on 3 October for Johan.
    add_shift(
        &mut timbok,
        id,
        "2025-10-03T06:00",
        "2025-10-03T07:00",
        "aktiv",
    )
    .unwrap();
    assert_eq!(status(&timbok, id), ReportStatus::Open);
    assert!(timbok
        .store()
        .current_report(id, october())
        .unwrap()
        .is_none());
}

#[test]
fn a_shift_over_the_month_boundary_unlocks_both_months() {
    let mut timbok = timbok_on("2025-12-10T09:00");
    let id = johan(&timbok);
    let november = YearMonth::new(2025, 11).unwrap();
    timbok.lock_report(october(), id).unwrap();
    timbok.lock_report(november, id).unwrap();
    add_shift(
        &mut timbok,
        id,
        "2025-10-31T22:00",
        "2025-11-01T06:00",
        "beredskap",
    )
    .unwrap();
    assert!(timbok
        .store()
        .current_report(id, october())
        .unwrap()
        .is_none());
    assert!(timbok
        .store()
        .current_report(id, november)
        .unwrap()
        .is_none());
}

#[test]
fn signing_texts_name_each_report_by_id_and_hash() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let johan = johan(&timbok);
    let sara = assistant(&timbok, demo::ASSISTANTS[1]);
    timbok.lock_report(october(), johan).unwrap();
    timbok.lock_report(october(), sara).unwrap();

    let own = timbok
        .signing_request(october(), Signer::Assistant(johan))
        .unwrap();
    assert_eq!(own.personal_number.as_str(), demo::ASSISTANTS[0]);
    let stored = timbok
        .store()
        .current_report(johan, october())
        .unwrap()
        .unwrap();
    assert_eq!(
        own.non_visible_text,
        format!("{},{}", stored.report_id.hyphenated(), stored.sha256)
    );
    assert!(
        own.visible_text.contains("oktober 2025"),
        "{}",
        own.visible_text
    );

    let employer = timbok.signing_request(october(), Signer::Employer).unwrap();
    assert_eq!(employer.personal_number.as_str(), demo::GUARDIAN);
    assert_eq!(employer.entries.len(), 2);
    assert_eq!(employer.non_visible_text.split(';').count(), 2);
}

#[test]
fn a_signature_by_someone_else_is_discarded() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = johan(&timbok);
    timbok.lock_report(october(), id).unwrap();
    let request = timbok
        .signing_request(october(), Signer::Assistant(id))
        .unwrap();
    let error = timbok
        .record_signature(&request, &completion(demo::ASSISTANTS[1]))
        .unwrap_err();
    assert!(
        matches!(&error, Error::NotAllowed(m) if m.key == crate::message::Key::SigningWrongSigner),
        "{error:?}"
    );
    assert!(error.to_string().contains("kastats"), "{error}");
    assert_eq!(status(&timbok, id), ReportStatus::Locked);

    let employer = timbok.signing_request(october(), Signer::Employer).unwrap();
    assert!(timbok
        .record_signature(&employer, &completion(demo::PERSON))
        .is_err());
    assert_eq!(status(&timbok, id), ReportStatus::Locked);
}

#[test]
fn a_signature_for_a_report_changed_while_signing_is_not_stored() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = johan(&timbok);
    timbok.lock_report(october(), id).unwrap();
    let request = timbok
        .signing_request(october(), Signer::Assistant(id))
        .unwrap();
    timbok.unlock_report(october(), id).unwrap();
    add_shift(
        &mut timbok,
        id,
        "2025-10-03T06:00",
        "2025-10-03T07:00",
        "aktiv",
    )
    .unwrap();
    timbok.lock_report(october(), id).unwrap();
    let error = timbok
        .record_signature(&request, &completion(demo::ASSISTANTS[0]))
        .unwrap_err();
    assert!(error.to_string().contains("ändrades"), "{error}");
    assert_eq!(status(&timbok, id), ReportStatus::Locked);
}

#[test]
fn both_signatures_then_queue_then_hours_and_unlock_are_refused() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = johan(&timbok);
    assert!(matches!(
        timbok.queue_reports(october()),
        Err(Error::NotAllowed(_))
    ));
    timbok.lock_report(october(), id).unwrap();
    let own = timbok
        .signing_request(october(), Signer::Assistant(id))
        .unwrap();
    timbok
        .record_signature(&own, &completion(demo::ASSISTANTS[0]))
        .unwrap();
    let employer = timbok.signing_request(october(), Signer::Employer).unwrap();
    timbok
        .record_signature(&employer, &completion(demo::GUARDIAN))
        .unwrap();
    assert_eq!(status(&timbok, id), ReportStatus::Signed);
    // Nothing left for the employer to sign.
    assert!(matches!(
        timbok.signing_request(october(), Signer::Employer),
        Err(Error::NotAllowed(_))
    ));

    assert_eq!(timbok.queue_reports(october()).unwrap(), 1);
    assert_eq!(status(&timbok, id), ReportStatus::Queued);
    let error = add_shift(
        &mut timbok,
        id,
        "2025-10-03T06:00",
        "2025-10-03T07:00",
        "aktiv",
    )
    .unwrap_err();
    assert!(matches!(error, Error::NotAllowed(_)), "{error:?}");
    assert!(matches!(
        timbok.unlock_report(october(), id),
        Err(Error::NotAllowed(_))
    ));
    assert_eq!(status(&timbok, id), ReportStatus::Queued);
}

#[test]
fn an_assistant_with_samordningsnummer_reports_on_paper() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = assistant(&timbok, demo::ASSISTANTS[2]);
    assert!(matches!(
        timbok.lock_report(october(), id),
        Err(Error::NotAllowed(_))
    ));
    assert!(matches!(
        timbok.signing_request(october(), Signer::Assistant(id)),
        Err(Error::NotAllowed(_))
    ));
    let form = crate::blankett3059::Form3059::stand_in();
    let pdf = timbok.paper_report(october(), id, &form).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(status(&timbok, id), ReportStatus::PaperOpened);
    let dir = tempfile::tempdir().unwrap();
    let path = timbok
        .write_paper_report(october(), id, &form, dir.path())
        .unwrap();
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        format!("tidsredovisning-2025-10-{}.pdf", id.0)
    );
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    assert_eq!(timbok.report_history().unwrap().len(), 1);
}

/// Opening the filled blankett is not handing it in: the report is `paper_opened` (the month
/// not done) until the user confirms it was printed and sent, which records when; the
/// confirmation can be taken back, and opening the blankett again keeps it.
#[test]
fn a_paper_report_is_done_only_when_the_user_says_it_was_sent() {
    use super::SendState;
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = assistant(&timbok, demo::ASSISTANTS[2]);
    let form = crate::blankett3059::Form3059::stand_in();
    // Nothing to confirm before the blankett is filled in.
    let refused = timbok.mark_paper_sent(october(), id).unwrap_err();
    assert!(matches!(refused, Error::NotAllowed(_)), "{refused:?}");
    assert_eq!(status(&timbok, id), ReportStatus::Open);

    timbok.paper_report(october(), id, &form).unwrap();
    let month = timbok.time_reports(october()).unwrap();
    let report = month.reports.iter().find(|r| r.assistant.id == id).unwrap();
    assert_eq!(report.status, ReportStatus::PaperOpened);
    assert_eq!(report.stored.as_ref().unwrap().sent_at, None);
    assert_ne!(month.send_state, SendState::AllSent);
    assert_eq!(
        timbok
            .month_sheet(october())
            .unwrap()
            .assistants
            .iter()
            .find(|a| a.assistant.id == id)
            .unwrap()
            .report_status,
        ReportStatus::PaperOpened
    );

    timbok.mark_paper_sent(october(), id).unwrap();
    let month = timbok.time_reports(october()).unwrap();
    let report = month.reports.iter().find(|r| r.assistant.id == id).unwrap();
    assert_eq!(report.status, ReportStatus::Paper);
    assert_eq!(
        report.stored.as_ref().unwrap().sent_at.as_deref(),
        Some("2025-11-10T09:00:00")
    );

    // Printing it again keeps the confirmation.
    timbok.paper_report(october(), id, &form).unwrap();
    assert_eq!(status(&timbok, id), ReportStatus::Paper);

    timbok.undo_paper_sent(october(), id).unwrap();
    let month = timbok.time_reports(october()).unwrap();
    let report = month.reports.iter().find(|r| r.assistant.id == id).unwrap();
    assert_eq!(report.status, ReportStatus::PaperOpened);
    assert_eq!(report.stored.as_ref().unwrap().sent_at, None);

    // A report signed with BankID is never marked sent on paper.
    let johan = johan(&timbok);
    timbok.lock_report(october(), johan).unwrap();
    assert!(matches!(
        timbok.mark_paper_sent(october(), johan),
        Err(Error::NotAllowed(_))
    ));
    assert_eq!(status(&timbok, johan), ReportStatus::Locked);
}

/// FK's schema requires `telefonnummerAnordnare` (the employer's phone) and makes
/// `telefonnummerAssistent` optional: the lock refuses the first with the household form's
/// field named, and accepts a report without the second.
#[test]
fn the_lock_needs_the_employers_phone_but_not_the_assistants() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let id = johan(&timbok);

    // The guardian signs: without the guardian's phone the lock is refused on signer.phone.
    let mut household = timbok.household().unwrap().unwrap();
    household.signer.as_mut().unwrap().phone = None;
    timbok.store_mut().save_household(&household).unwrap();
    let error = timbok.lock_report(october(), id).unwrap_err();
    assert_eq!(error.field(), Some("signer.phone"), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("Telefonnumret till vårdnadshavaren saknas"),
        "{error}"
    );
    assert!(
        !error.to_string().contains("skapa rapporten igen"),
        "{error}"
    );
    assert_eq!(status(&timbok, id), ReportStatus::Open);

    // The person signs themself: the person's phone is the one asked for.
    let mut selfsigned = household.clone();
    selfsigned.signer_role = crate::household::SignerRole::SelfSigner;
    selfsigned.signer = None;
    selfsigned.person.phone = None;
    timbok.store_mut().save_household(&selfsigned).unwrap();
    let error = timbok.lock_report(october(), id).unwrap_err();
    assert_eq!(error.field(), Some("person.phone"), "{error:?}");

    // With the employer's phone back, an assistant without a phone is no obstacle.
    household.signer.as_mut().unwrap().phone = Some("070-174 06 11".into());
    timbok.store_mut().save_household(&household).unwrap();
    let a = timbok
        .assistants()
        .unwrap()
        .into_iter()
        .find(|a| a.id == id)
        .unwrap();
    timbok
        .save_assistant(&crate::household::AssistantDraft {
            id: Some(a.id.0),
            personnummer: a.personnummer.as_str().into(),
            first_name: a.first_name.clone(),
            last_name: a.last_name.clone(),
            phone: None,
            employed_by_person: a.employed_by_person,
            collective_agreement: a.collective_agreement,
            employer: None,
            calculation_periods: None,
        })
        .unwrap();
    timbok.lock_report(october(), id).unwrap();
    assert_eq!(status(&timbok, id), ReportStatus::Locked);
    let document = timbok.report_document(october(), id).unwrap();
    let text = String::from_utf8(document.into_bytes()).unwrap();
    assert!(!text.contains("telefonnummerAssistent"), "{text}");
    assert!(text.contains("<telefonnummerAnordnare>070-174 06 11</telefonnummerAnordnare>"));
}

#[test]
fn hours_with_errors_can_be_neither_locked_nor_printed() {
    let mut timbok = timbok_on("2025-11-10T09:00");
    let johan = johan(&timbok);
    let paper = assistant(&timbok, demo::ASSISTANTS[2]);
    // A shift that ends before it starts is an error of the month.
    for id in [johan, paper] {
        add_shift(
            &mut timbok,
            id,
            "2025-10-03T10:00",
            "2025-10-03T09:00",
            "aktiv",
        )
        .unwrap();
    }
    let month = timbok.time_reports(october()).unwrap();
    assert!(month
        .reports
        .iter()
        .filter(|r| r.assistant.id == johan || r.assistant.id == paper)
        .all(|r| r.blocking_errors > 0));
    for error in [
        timbok.lock_report(october(), johan).unwrap_err(),
        timbok
            .paper_report(october(), paper, &crate::blankett3059::Form3059::stand_in())
            .unwrap_err(),
    ] {
        assert!(matches!(error, Error::NotAllowed(_)), "{error:?}");
        assert!(
            error.to_string().contains("Rätta felen under Månad"),
            "{error}"
        );
    }
    assert_eq!(status(&timbok, johan), ReportStatus::Open);
    assert_eq!(status(&timbok, paper), ReportStatus::Open);
}
