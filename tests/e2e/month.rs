//! The month screen in the real window: a week entered by keyboard only (type, Tab, type …),
//! then a restart, and the totals and the typed days are still there. The week holds the spring
//! daylight-saving change: 00:00–04:00 on 30 March 2025 is three hours actually worked. And the
//! weekly schedule typed, checked by the core and filled into an empty month.

use super::harness::{App, ENTER, TAB};

async fn open_month(app: &App, month: &str) {
    app.navigate("nav-month", "#month-input").await;
    let input = app.find("#month-input").await;
    input.clear().await.unwrap();
    input.send_keys(&format!("{month}{ENTER}")).await.unwrap();
    app.wait_for_attribute("[data-test=month-label]", "textContent", "2025")
        .await;
    // The sheet of that month is in place (the assistant's rows are rendered).
    app.find(&format!("#day-{month}-01")).await;
    app.check("month opened").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_week_by_keyboard_survives_a_restart_with_dst_correct_totals() {
    let app = App::start().await;
    open_month(&app, "2025-03").await;
    app.focus("day-2025-03-24").await;
    // Mon 8-16, Tue 8-16, Wed night 22-07 (into Thursday), Thu nothing, Fri two shifts, one of
    // them väntetid, Sat nothing, Sun 0-4 over the spring change. Tab goes to the next day.
    let week = [
        ("24", "8-16"),
        ("25", "8-16"),
        ("26", "22-07"),
        ("27", ""),
        ("28", "8-12, 13-17 v"),
        ("29", ""),
        ("30", "0-4"),
    ];
    for (day, text) in week {
        app.wait_for_focus(&format!("day-2025-03-{day}")).await;
        app.type_keys(&format!("{text}{TAB}")).await;
    }
    // 8 + 8 + 9 + 4 + 3 hours aktiv; 4 hours väntetid.
    app.wait_for_attribute("[data-test=total-aktiv]", "data-minutes", "1920")
        .await;
    app.wait_for_attribute("[data-test=total-vantetid]", "data-minutes", "240")
        .await;
    app.check("month week entered").await;
    app.screenshot("month-week-entered").await;

    let app = app.restart().await;
    open_month(&app, "2025-03").await;
    app.wait_for_attribute("[data-test=total-aktiv]", "data-minutes", "1920")
        .await;
    app.wait_for_attribute("[data-test=total-vantetid]", "data-minutes", "240")
        .await;
    assert_eq!(app.value("#day-2025-03-26").await, "22-07");
    assert_eq!(app.value("#day-2025-03-27").await, "");
    assert!(app.value("#day-2025-03-28").await.contains("13-17"));
    app.screenshot("month-after-restart").await;

    // Copying the week says the result beside its button and puts the focus there.
    app.click("[data-test=copy-week][data-monday='2025-03-24']")
        .await;
    app.wait_for_text(
        "[data-test=action-result][data-place='week:2025-03-24']",
        "kopierades",
    )
    .await;
    app.wait_for_focus("action-result-week:2025-03-24").await;
    app.close().await;
}

/// A hospital stay answered on the invoice is a warning on the month screen, under the row of
/// each day whose shift lies in it.
#[tokio::test(flavor = "multi_thread")]
async fn a_hospital_stay_from_the_invoice_is_shown_under_the_rows_inside_it() {
    let app = App::start().await;
    app.navigate("nav-invoice", "[data-test=invoice-question-lssActivity]")
        .await;
    // The invoice's month is last month, where the demo household has shifts every day.
    let month = app.value("#invoice-month").await;
    app.check("invoice").await;
    app.choose("invoice-hospital-stay-yes").await;
    app.fill("#invoice-hospital-0-from-date", &format!("{month}-05"))
        .await;
    app.fill("#invoice-hospital-0-from-time", "00:00").await;
    app.fill("#invoice-hospital-0-to-date", &format!("{month}-12"))
        .await;
    app.fill("#invoice-hospital-0-to-time", "00:00").await;
    app.check("invoice hospital stay").await;
    // Leaving the screen saves what is typed.
    app.navigate("nav-month", "#month-input").await;
    let input = app.find("#month-input").await;
    input.clear().await.unwrap();
    input.send_keys(&format!("{month}{ENTER}")).await.unwrap();
    app.find(&format!("#day-{month}-01")).await;

    let css = "tr.x-day-row__messages [data-test=finding][data-code=during_hospital_stay]";
    app.wait_for_attribute(css, "data-severity", "warning")
        .await;
    app.check("month hospital stay").await;
    // Each such finding is in the messages row right under its own day's row, in the stay.
    let dates = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map((f) => {
                 const row = f.closest('tr');
                 const date = row.dataset.date;
                 const own = row.previousElementSibling.querySelector('#day-' + date) !== null;
                 return own ? date : 'not under its row: ' + date;
             });",
            vec![serde_json::Value::String(css.to_owned())],
        )
        .await
        .unwrap();
    let dates: Vec<String> = serde_json::from_value(dates).unwrap();
    assert!(!dates.is_empty());
    // A night shift from the 4th into the 5th is dated the 4th.
    let stay: Vec<String> = (4..=11).map(|d| format!("{month}-{d:02}")).collect();
    assert!(dates.iter().all(|d| stay.contains(d)), "{dates:?}");
    app.screenshot("month-hospital-stay").await;
    app.close().await;
}

/// The weekly schedule: the core reads each weekday's text (a problem shown at the weekday on
/// leaving it, a readable text written the core's way), fills the month from it, and keeps it
/// over a restart.
#[tokio::test(flavor = "multi_thread")]
async fn a_weekly_schedule_typed_checked_and_filled_into_an_empty_month() {
    let app = App::start().await;
    open_month(&app, "2025-02").await;
    app.click("[data-test=weekly-schedule] button[aria-expanded]")
        .await;
    app.focus("schedule-0").await;
    app.type_keys(&format!("8-{TAB}")).await;
    app.wait_for_text("[data-test=schedule-error]", "8-16")
        .await;
    app.wait_for_attribute("#schedule-0", "aria-invalid", "true")
        .await;
    app.check("schedule weekday refused").await;
    app.fill("#schedule-0", "8-16").await;
    app.fill("#schedule-6", "22-7 b").await;
    app.focus("schedule-5").await;
    // Written back the core's way on leaving it.
    app.wait_for_attribute("#schedule-6", "value", "22-07 b")
        .await;
    app.click("[data-test=prefill-month]").await;
    app.wait_for_text(
        "[data-test=action-result][data-place=schedule]",
        "från schemat",
    )
    .await;
    app.check("month filled from the schedule").await;
    // February 2025: four Mondays 8-16 and four Sunday nights 22-07 beredskap.
    app.wait_for_attribute("[data-test=total-aktiv]", "data-minutes", "1920")
        .await;
    app.wait_for_attribute("[data-test=total-beredskap]", "data-minutes", "2160")
        .await;
    assert_eq!(app.value("#day-2025-02-03").await, "8-16");
    assert_eq!(app.value("#day-2025-02-23").await, "22-07 b");

    let app = app.restart().await;
    open_month(&app, "2025-02").await;
    app.click("[data-test=weekly-schedule] button[aria-expanded]")
        .await;
    app.wait_for_attribute("#schedule-0", "value", "8-16").await;
    assert_eq!(app.value("#schedule-6").await, "22-07 b");
    assert_eq!(app.value("#schedule-1").await, "");
    app.close().await;
}
