//! Backup and restore in the real window: a backup with a passphrase, a change (a shift
//! deleted on the month screen), then the backup restored after its preview: the change is
//! undone, and the screen says where the replaced data was backed up first.

use base64::Engine;

use super::harness::{App, ENTER, TAB};

const PASSPHRASE: &str = "korrekt häst batteri";

fn last_month() -> String {
    use chrono::Datelike;
    let first = chrono::Local::now().date_naive().with_day(1).unwrap();
    first.pred_opt().unwrap().format("%Y-%m").to_string()
}

async fn open_month(app: &App, month: &str) {
    app.navigate("nav-month", "#month-input").await;
    let input = app.find("#month-input").await;
    input.clear().await.unwrap();
    input.send_keys(&format!("{month}{ENTER}")).await.unwrap();
    app.find(&format!("#day-{month}-01")).await;
    app.check("month opened").await;
}

/// The id of the first day input of the sheet that holds a shift.
async fn a_day_with_a_shift(app: &App) -> String {
    let id = app
        .client
        .execute(
            "const e = [...document.querySelectorAll('input[id^=day-]')].find((i) => i.value.trim() !== '');\
             return e ? e.id : null;",
            vec![],
        )
        .await
        .unwrap();
    id.as_str()
        .expect("the demo's last month has shifts")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn backup_change_then_restore_after_its_preview_undoes_the_change() {
    let app = App::start().await;
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;

    // Säkerhetskopiera.
    app.navigate("nav-settings", "#backup-passphrase").await;
    app.fill("#backup-passphrase", PASSPHRASE).await;
    app.fill("#backup-passphrase-again", PASSPHRASE).await;
    app.press("backup-create").await;
    let path = app
        .wait_for_text("[data-test=backup-path]", "timbok-säkerhetskopia")
        .await;
    let path = std::path::PathBuf::from(path.trim());
    assert!(
        path.starts_with(app.data_dir.path().join("documents")),
        "{path:?}"
    );
    let backup = std::fs::read(&path).unwrap();
    app.check("backup made").await;
    app.screenshot("backup-made").await;

    // Change something: empty a day of last month (its shifts are deleted).
    let month = last_month();
    open_month(&app, &month).await;
    let before = app
        .wait_for_attribute("[data-test=total-aktiv]", "data-minutes", "")
        .await;
    let day = a_day_with_a_shift(&app).await;
    let text = app.value(&format!("#{day}")).await;
    app.fill(&format!("#{day}"), "").await;
    app.type_keys(TAB).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let now = app
            .wait_for_attribute("[data-test=total-aktiv]", "data-minutes", "")
            .await;
        if now != before {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the day was not emptied"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // Återställ: the file picked, its passphrase, the preview, then the confirmation.
    app.navigate("nav-settings", "#restore-passphrase").await;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&backup);
    app.client
        .execute(
            "const [id, data, name] = arguments;\
             const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));\
             const transfer = new DataTransfer();\
             transfer.items.add(new File([bytes], name));\
             const input = document.getElementById(id);\
             input.files = transfer.files;\
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![
                "restore-file".into(),
                encoded.into(),
                "timbok-säkerhetskopia.age".into(),
            ],
        )
        .await
        .unwrap();
    app.wait_for_text("[data-test=restore-chosen]", "timbok-säkerhetskopia.age")
        .await;
    app.fill("#restore-passphrase", PASSPHRASE).await;
    app.press("restore-show").await;
    app.wait_for_text("[data-test=backup-person]", "Elsa Demosson")
        .await;
    app.check("restore preview").await;
    app.screenshot("restore-preview").await;
    app.click("[data-test=restore-confirm]").await;
    app.click("[data-test=confirm-restore]").await;
    let previous = app
        .wait_for_text("[data-test=restore-previous]", "before-restore")
        .await;
    assert!(std::path::Path::new(previous.trim()).exists(), "{previous}");
    app.check("restore done").await;
    app.screenshot("restore-done").await;

    // The change is undone.
    open_month(&app, &month).await;
    app.wait_for_attribute("[data-test=total-aktiv]", "data-minutes", &before)
        .await;
    assert_eq!(app.value(&format!("#{day}")).await, text);
    app.close().await;
}
