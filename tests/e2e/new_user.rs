//! A new user's month in the real window, in demo mode, by the shortest path the screens
//! offer: the app opens on Översikt with the guide; Månad from the guide (the month with the
//! hours), one day edited; Tidsredovisningar: two reports locked, the three signings with the
//! demo's BankID (each assistant, then the guardian for both), sent; Räkning: the questions
//! answered, sent, signed on FK's page in a browser, the receipt. The household is taken as the
//! demo gives it; the third assistant (samordningsnummer) reports on paper, outside this walk.
//! Every click and keystroke goes through `Effort`, which counts them; the figures and the
//! targets are in docs/performance.md ("A new user's month").

use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::harness::{App, Effort};
use super::invoice::sign_on_fks_page;
use super::reports::status_is;

/// The most clicks the walk may take (docs/performance.md).
const CLICKS_TARGET: u32 = 23;
/// The most keystrokes the walk may take.
const KEYSTROKES_TARGET: u32 = 6;

async fn sign(user: &Effort<'_>, button: &str) {
    user.click(&format!("[data-test={button}]")).await;
    user.click("[data-test=signing-device-other]").await;
    user.app
        .wait_for_attribute("[data-test=signing-status]", "data-state", "complete")
        .await;
    user.click("[data-test=signing-close]").await;
}

/// The first Monday of `month` (`YYYY-MM`).
fn first_monday(month: &str) -> NaiveDate {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").unwrap();
    let ahead = (7 - first.weekday().num_days_from_monday()) % 7;
    first + Days::new(u64::from(ahead))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_user_does_the_demo_month_within_the_target() {
    let app = App::start().await;
    let started = Instant::now();
    let user = Effort::new(&app);
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;
    // The app opens on Översikt: the guide, nothing done yet.
    app.wait_for_attribute(
        "[data-test=start-guide-step][data-screen=month]",
        "data-done",
        "false",
    )
    .await;

    // 1. Månad from the guide: the demo month, one day edited (Ali Haddad, shown first, covers
    // a Monday morning).
    user.click("[data-test=start-guide-open-month]").await;
    app.find("#month-input").await;
    let url = app.client.current_url().await.unwrap();
    let month = url.as_str().rsplit('/').next().unwrap().to_owned();
    assert!(
        NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").is_ok(),
        "Månad opened on {url}"
    );
    assert_eq!(first_monday(&month).weekday(), Weekday::Mon);
    let day = format!("#day-{}", first_monday(&month));
    app.find(&day).await;
    let before: u32 = app
        .wait_for_attribute("[data-test=total-aktiv]", "data-minutes", "")
        .await
        .parse()
        .unwrap();
    user.type_into(&day, "9-12").await;
    app.wait_for_attribute(
        "[data-test=total-aktiv]",
        "data-minutes",
        &(before + 180).to_string(),
    )
    .await;

    // 2. Tidsredovisningar: lock, the three signings, send.
    user.click("[data-test=nav-time-reports]").await;
    app.find("[data-test=report-card-1]").await;
    for id in [1, 2] {
        user.click(&format!("[data-test=lock-{id}]")).await;
        status_is(&app, id, "locked").await;
    }
    sign(&user, "sign-1").await;
    sign(&user, "sign-2").await;
    sign(&user, "sign-employer").await;
    status_is(&app, 2, "signed").await;
    user.click("[data-test=send-reports]").await;
    status_is(&app, 1, "sent").await;
    status_is(&app, 2, "sent").await;

    // 3. Räkning: the questions, send, sign on FK's page, the receipt.
    user.click("[data-test=nav-invoice]").await;
    app.find("[data-test=invoice-question-lssActivity]").await;
    assert_eq!(app.value("#invoice-month").await, month);
    for question in [
        "lss-activity",
        "hospital-stay",
        "outside-eea",
        "last-month-of-period",
    ] {
        user.choose(&format!("invoice-{question}-no")).await;
    }
    user.click("[data-test=invoice-next]").await;
    app.find("[data-test=invoice-summary]").await;
    user.click("[data-test=invoice-submit]").await;
    app.find("[data-test=invoice-waiting]").await;
    let sign_url = app.opened_url().await;
    user.clicked_outside();
    sign_on_fks_page(&sign_url).await;
    app.wait_for_text("[data-test=invoice-receipt]", "tagit emot")
        .await;
    let elapsed = started.elapsed();

    // Back on Översikt (not counted: the walk is over), the guide has ticked off Månad and
    // Räkning; Tidsredovisningar waits for the paper report.
    app.click("[data-test=nav-overview]").await;
    app.wait_for_attribute(
        "[data-test=start-guide-step][data-screen=invoice]",
        "data-done",
        "true",
    )
    .await;
    app.wait_for_attribute(
        "[data-test=start-guide-step][data-screen=month]",
        "data-done",
        "true",
    )
    .await;
    app.screenshot("new-user-done").await;

    println!(
        "new user's month: {} clicks, {} keystrokes, {:.1} s",
        user.clicks(),
        user.keystrokes(),
        elapsed.as_secs_f64()
    );
    assert!(
        user.clicks() <= CLICKS_TARGET,
        "{} clicks, the target is {CLICKS_TARGET}",
        user.clicks()
    );
    assert!(
        user.keystrokes() <= KEYSTROKES_TARGET,
        "{} keystrokes, the target is {KEYSTROKES_TARGET}",
        user.keystrokes()
    );
    app.close().await;
}
