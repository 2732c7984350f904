//! The month screen in the real window: a week entered by keyboard only (type, Tab, type …),
//! then a restart, and the totals and the typed days are still there. The week holds the spring
//! daylight-saving change: 00:00–04:00 on 30 March 2025 is three hours actually worked.

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
    app.close().await;
}
