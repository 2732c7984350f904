//! The harness every end-to-end test uses: starts `tauri-driver` (which starts
//! `WebKitWebDriver`, which starts the app binary built by this `cargo test`), opens a WebDriver
//! session on the main window, and offers small helpers to find, type and wait.
//!
//! Requirements (the test script `ui/scripts/test-all.mjs` provides them): the binary built with
//! `--features custom-protocol` and a built `ui/dist`, `tauri-driver` on PATH or in
//! `.ci/tools/bin`, `WebKitWebDriver` on PATH, and an X display (Xvfb).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// One window at a time: WebKitWebDriver and Xvfb are shared.
static SERIAL: Mutex<()> = Mutex::new(());

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// WebDriver's key codes.
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const BACKSPACE: &str = "\u{E003}";
pub const END: &str = "\u{E010}";

pub struct App {
    pub client: Client,
    driver: Child,
    pub data_dir: tempfile::TempDir,
    /// What the accessibility checks ([`App::check`]) found so far; [`App::close`] fails the
    /// test when it is not empty (all of them listed, not only the first).
    findings: Mutex<Vec<String>>,
    /// False once axe-core has run in this window: WebKitWebDriver's screenshot can then wait
    /// forever for a paint and block the session (seen in several states), so from then on
    /// no screenshot is taken (until a restart opens a new session).
    screenshots: AtomicBool,
    _serial: MutexGuard<'static, ()>,
}

/// The WCAG 2.2 A/AA rules of axe-core.
const AXE_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// axe-core's script as installed for the UI (ui/node_modules/axe-core).
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run `npm --prefix ui ci`)", path.display()))
    })
}

/// Runs axe-core on the page and answers its violations as lines `rule (impact): targets`.
/// CSS transitions (FKUI's buttons fade their colours when enabled) end first (at most 2 s),
/// so the contrast measured is the one the user is left with.
const RUN_AXE: &str = "const [tags, done] = arguments;\
    const settled = Promise.all(document.getAnimations()\
        .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)\
        .map((a) => a.finished.catch(() => null)));\
    Promise.race([settled, new Promise((r) => setTimeout(r, 2000))]).then(() =>\
    axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})\
      .then((r) => done(r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ` +\
         v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', '))),\
            (e) => done(['axe failed: ' + e])));";

/// The document's width against the window's, at the page's text size and at 200 % text
/// (the root font size doubled, as a user's text-size setting does: FKUI and the app size
/// text, spacing and breakpoints in rem, so everything sized by text grows while the window
/// stays 1 100 px wide; browser zoom would instead shrink the CSS viewport, which is reflow,
/// not text resizing). Answers the two widths over the window's, as `[at100, at200, window]`,
/// and what sticks out. The root's font size is put back afterwards. Reading `scrollWidth`
/// lays the page out at once (no frame needed; the app's breakpoints are container queries in
/// rem, which follow the root's font size, unlike media queries).
const MEASURE_WIDTH: &str = "const root = document.documentElement; const before = root.style.fontSize;\
    const wide = () => [...document.querySelectorAll('body *')].filter((e) => {\
        const r = e.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1; })\
        .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)\
        .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +\
            (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));\
    const at100 = root.scrollWidth; const wide100 = at100 > window.innerWidth ? wide() : [];\
    root.style.fontSize = '200%';\
    const at200 = root.scrollWidth; const wide200 = at200 > window.innerWidth ? wide() : [];\
    root.style.fontSize = before;\
    return {at100, at200, window: window.innerWidth, wide100, wide200};";

fn app_binary() -> PathBuf {
    if !cfg!(feature = "custom-protocol") {
        panic!(
            "the end-to-end tests need the app built with `--features custom-protocol` (and ui/dist built); \
             run them through `npm --prefix ui run test:all`"
        );
    }
    PathBuf::from(env!("CARGO_BIN_EXE_timbok"))
}

fn tauri_driver() -> PathBuf {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/tools/bin/tauri-driver");
    if local.exists() {
        local
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl App {
    /// Starts the app on a fresh, empty data folder. The guard of `SERIAL` is held for the
    /// app's whole life on purpose: one window at a time.
    #[allow(clippy::await_holding_lock)]
    pub async fn start() -> App {
        App::start_binary(app_binary()).await
    }

    /// Starts another build of the app (the binary installed from the .deb) on a fresh, empty
    /// data folder.
    #[allow(clippy::await_holding_lock)]
    pub async fn start_binary(application: PathBuf) -> App {
        let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let data_dir = tempfile::tempdir().unwrap();
        let (driver, client) = launch(&application, data_dir.path()).await;
        App {
            client,
            driver,
            data_dir,
            findings: Mutex::new(Vec::new()),
            screenshots: AtomicBool::new(true),
            _serial: serial,
        }
    }

    /// Closes the window (ending the app process) and starts the app again on the same data.
    pub async fn restart(mut self) -> App {
        self.client.clone().close().await.ok();
        stop(&mut self.driver);
        let (driver, client) = launch(&app_binary(), self.data_dir.path()).await;
        self.driver = driver;
        self.client = client;
        self.screenshots.store(true, Ordering::Relaxed);
        self
    }

    pub async fn close(mut self) {
        tokio::time::timeout(Duration::from_secs(10), self.client.clone().close())
            .await
            .ok();
        stop(&mut self.driver);
        let findings = std::mem::take(&mut *self.findings.lock().unwrap());
        assert!(
            findings.is_empty(),
            "accessibility checks failed ({} finding(s)):\n{}",
            findings.len(),
            findings.join("\n")
        );
    }

    /// The WCAG 2.2 AA checks of a screen or state the test has reached after an action of
    /// the user's: [`App::check_screen`], and the keyboard focus is not on `<body>` (an action
    /// leaves the focus on what was pressed, on what changed or on the next thing to do).
    pub async fn check(&self, step: &str) {
        let focused = self
            .client
            .execute(
                "const e = document.activeElement;\
                 return !e || e === document.body ? null : e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned));
        if focused.is_none() {
            self.finding(step, "the focus fell to <body> after the action".into())
                .await;
        }
        self.check_screen(step).await;
    }

    /// The WCAG 2.2 AA checks of the screen as it is now, without the focus check (for a
    /// screen just opened, where nothing was done yet): axe-core's WCAG 2.0/2.1/2.2 A and AA
    /// rules find no violation, and the document is not wider than the window (1 100 px) at
    /// the page's text size nor at 200 % text. What fails is noted (and printed) under `step`;
    /// [`App::close`] fails the test with all of them.
    pub async fn check_screen(&self, step: &str) {
        self.screenshots.store(false, Ordering::Relaxed);
        let loaded = self
            .client
            .execute("return typeof window.axe !== 'undefined'", vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if !loaded {
            self.client
                .execute(axe_source(), vec![])
                .await
                .unwrap_or_else(|e| panic!("inject axe-core: {e}"));
        }
        let violations = self
            .client
            .execute_async(RUN_AXE, vec![json!(AXE_TAGS)])
            .await
            .unwrap_or_else(|e| panic!("run axe-core: {e}"));
        let violations: Vec<String> = serde_json::from_value(violations).unwrap_or_default();

        for violation in violations {
            self.finding(step, format!("axe: {violation}")).await;
        }
        let width = self
            .client
            .execute(MEASURE_WIDTH, vec![])
            .await
            .unwrap_or_else(|e| panic!("measure the page's width: {e}"));
        let window = width["window"].as_i64().unwrap_or(0);
        for (text, key, wide) in [("100 %", "at100", "wide100"), ("200 %", "at200", "wide200")] {
            let document = width[key].as_i64().unwrap_or(0);
            if document > window {
                self.finding(
                    step,
                    format!(
                        "at {text} text the page is {document} px wide in a {window} px window \
                         (sticking out: {})",
                        width[wide]
                    ),
                )
                .await;
            }
        }
    }

    /// Notes what a check found (no screenshot: see `screenshots`).
    async fn finding(&self, step: &str, what: String) {
        let line = format!("[{step}] {what}");
        eprintln!("a11y: {line}");
        self.findings.lock().unwrap().push(line);
    }

    /// Waits until the app has opened a web page (through `TIMBOK_BROWSER`) and returns the
    /// newest URL.
    pub async fn opened_url(&self) -> String {
        let file = self.data_dir.path().join("opened-urls.txt");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(text) = std::fs::read_to_string(&file) {
                if let Some(last) = text.lines().last() {
                    return last.to_string();
                }
            }
            assert!(
                Instant::now() < deadline,
                "the app opened no web page within {TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until an element matching the CSS selector is present, then returns it.
    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(TIMEOUT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => {
                self.screenshot("failure").await;
                let source = self.client.source().await.unwrap_or_default();
                let tail: String = source.chars().take(3000).collect();
                panic!("no element `{css}` within {TIMEOUT:?}: {e}\npage (screenshot in target/tmp/e2e-screenshots/failure.png):\n{tail}")
            }
        }
    }

    /// Clicks the element as a user would: first brought to the middle of the window and
    /// left to settle for two frames. Without this a click on an element at the window's
    /// edge could land while the page still scrolled (the focus moved by a Tab scrolls the
    /// page asynchronously) and hit nothing: a lost click, seen as a save that never came.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.client
            .execute_async(
                "const [css, done] = arguments; const e = document.querySelector(css);\
                 if (e) e.scrollIntoView({block: 'center', inline: 'nearest'});\
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![serde_json::Value::String(css.to_owned())],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to `{css}`: {e}"));
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click on `{css}`: {e}"));
    }

    /// Erases the input's text with Backspace, types `text` and leaves the field with Tab, as a
    /// user would (FKUI takes a field's value on change/blur; WebDriver's clear() does not reach
    /// Vue's v-model).
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.find(css).await;
        let old: String = input.prop("value").await.ok().flatten().unwrap_or_default();
        let erase = BACKSPACE.repeat(old.chars().count());
        input
            .send_keys(&format!("{END}{erase}{text}"))
            .await
            .unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
        // What the field holds before leaving it must be what was typed (a value rewritten by
        // the page while typing would otherwise show up much later as a failed save).
        let now: String = input.prop("value").await.ok().flatten().unwrap_or_default();
        if now != text {
            self.screenshot("failure").await;
            panic!("`{css}` holds {now:?} after typing {text:?} over {old:?}");
        }
        input
            .send_keys(TAB)
            .await
            .unwrap_or_else(|e| panic!("leave `{css}`: {e}"));
    }

    /// Presses the button with this id from the keyboard (focus, then Enter), as a keyboard
    /// user submits a form: no pointer coordinates, so nothing a scrolling page can miss.
    pub async fn press(&self, id: &str) {
        self.focus(id).await;
        self.wait_for_focus(id).await;
        self.type_keys(ENTER).await;
    }

    /// Types keys into whatever has focus (use [`TAB`], [`ENTER`] for those keys).
    pub async fn type_keys(&self, keys: &str) {
        let active = self
            .client
            .active_element()
            .await
            .expect("a focused element");
        active
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("type {keys:?}: {e}"));
    }

    /// Chooses a radio button (or ticks a checkbox) with the keyboard: focus, then Space.
    pub async fn choose(&self, input_id: &str) {
        self.focus(input_id).await;
        self.type_keys(" ").await;
        let checked = self
            .client
            .execute(
                "return document.getElementById(arguments[0]).checked",
                vec![serde_json::Value::String(input_id.to_owned())],
            )
            .await;
        assert_eq!(
            checked.ok(),
            Some(serde_json::Value::Bool(true)),
            "#{input_id} is not checked"
        );
    }

    pub async fn value(&self, css: &str) -> String {
        let input = self.find(css).await;
        input.prop("value").await.unwrap().unwrap_or_default()
    }

    /// Waits until the element's visible text contains `needle`.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut texts = Vec::new();
            if let Ok(elements) = self.client.find_all(Locator::Css(css)).await {
                for element in elements {
                    texts.push(element.text().await.unwrap_or_default());
                }
            }
            if let Some(found) = texts.iter().find(|t| t.contains(needle)) {
                return found.clone();
            }
            if Instant::now() > deadline {
                self.screenshot("failure").await;
                let probe = self
                    .client
                    .execute_async(
                        "const done = arguments[arguments.length - 1];\
                         window.__TAURI_INTERNALS__.invoke('app_info').then(r => done(JSON.stringify(r)), e => done('error: ' + JSON.stringify(e)));",
                        vec![],
                    )
                    .await;
                panic!("`{css}` never contained {needle:?}; it had {texts:?}; app_info: {probe:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for the outcome of a form's save: `ok_css` appears (returned), or the save
    /// failed, shown by `error_css` or FKUI's error list: then the test fails with what the
    /// screen says, the focused element and a screenshot, instead of only "never appeared".
    pub async fn wait_for_saved(&self, ok_css: &str, error_css: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let failure = format!("{error_css}, .error-list, [role=alert]");
        loop {
            if self.client.find(Locator::Css(ok_css)).await.is_ok() {
                return;
            }
            let mut errors = Vec::new();
            if let Ok(elements) = self.client.find_all(Locator::Css(&failure)).await {
                for element in elements {
                    let text = element.text().await.unwrap_or_default();
                    if !text.trim().is_empty() {
                        errors.push(text);
                    }
                }
            }
            if !errors.is_empty() || Instant::now() > deadline {
                self.screenshot("failure").await;
                let focused = self
                    .client
                    .execute(
                        "const e = document.activeElement; return e ? `${e.tagName}#${e.id}` : null",
                        vec![],
                    )
                    .await
                    .ok();
                panic!(
                    "`{ok_css}` did not appear within {TIMEOUT:?}; errors on screen: {errors:?}; \
                     focus on {focused:?}"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's attribute (or DOM property such as `textContent`) contains
    /// `needle`.
    pub async fn wait_for_attribute(&self, css: &str, name: &str, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut seen = None;
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                seen = match element.attr(name).await {
                    Ok(Some(value)) => Some(value),
                    _ => element.prop(name).await.ok().flatten(),
                };
            }
            if let Some(value) = seen.as_ref().filter(|v| v.contains(needle)) {
                return value.clone();
            }
            if Instant::now() > deadline {
                self.screenshot("failure").await;
                panic!("`{css}` {name} never contained {needle:?}; last seen {seen:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Puts the keyboard focus in the element with this id (where a user would click).
    pub async fn focus(&self, id: &str) {
        self.find(&format!("#{id}")).await;
        self.client
            .execute(
                "const e = document.getElementById(arguments[0]); e.scrollIntoView({block: 'center'}); e.focus();",
                vec![serde_json::Value::String(id.to_owned())],
            )
            .await
            .unwrap_or_else(|e| panic!("focus #{id}: {e}"));
    }

    /// Opens a screen from the navigation and waits until `ready_css` is there. The app is
    /// first allowed to finish starting (the environment banner is the last thing it loads);
    /// a click that lands while the router is still starting is repeated.
    pub async fn navigate(&self, nav: &str, ready_css: &str) {
        self.wait_for_text("[data-test=demo-banner]", "").await;
        for _ in 0..4 {
            self.click(&format!("[data-test={nav}]")).await;
            let arrived = self
                .client
                .wait()
                .at_most(Duration::from_secs(5))
                .for_element(Locator::Css(ready_css))
                .await;
            if arrived.is_ok() {
                return;
            }
        }
        self.find(ready_css).await;
    }

    /// Waits until the element with this id has the keyboard focus.
    pub async fn wait_for_focus(&self, id: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let focused = self
                .client
                .execute(
                    "return document.activeElement && document.activeElement.id",
                    vec![],
                )
                .await;
            let focused = focused
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            if focused == id {
                return;
            }
            if Instant::now() > deadline {
                self.screenshot("failure").await;
                panic!("#{id} never got the focus; the focus is on #{focused}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a screenshot next to the test output (target/e2e-screenshots/NAME.png).
    pub async fn screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots");
        std::fs::create_dir_all(&dir).ok();
        if !self.screenshots.load(Ordering::Relaxed) {
            eprintln!("no screenshot {name}: none after axe-core ran in this window");
            return;
        }
        // WebKitWebDriver's screenshot waits for the page to paint; bounded, so that a page
        // that does not paint again cannot stop the test (the picture is then missing).
        match tokio::time::timeout(Duration::from_secs(5), self.client.screenshot()).await {
            Ok(Ok(png)) => {
                std::fs::write(dir.join(format!("{name}.png")), png).ok();
            }
            _ => eprintln!("no screenshot {name}: the page did not paint within 5 s"),
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

fn stop(driver: &mut Child) {
    // tauri-driver ends WebKitWebDriver and the app with the session; make sure it is gone.
    driver.kill().ok();
    driver.wait().ok();
}

async fn launch(application: &Path, data_dir: &Path) -> (Child, Client) {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    assert!(
        application.exists(),
        "app binary {} is missing",
        application.display()
    );
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no X display: run the end-to-end tests under Xvfb (xvfb-run)"
    );
    let port = free_port();
    let native_port = free_port();
    // Pages the app opens (FK's signing page) are noted in `opened-urls.txt`, not opened:
    // a test drives its own browser to them (see `App::opened_url`).
    let browser = data_dir.join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\necho \"$1\" >> '{}'\n",
            data_dir.join("opened-urls.txt").display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let driver = Command::new(tauri_driver())
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .env("TIMBOK_DATA_DIR", data_dir)
        .env("TIMBOK_DOCUMENTS_DIR", data_dir.join("documents"))
        .env("TIMBOK_BROWSER", &browser)
        // Database keys and credentials in the keyring under a test service, never the user's.
        .env("TIMBOK_KEYRING_SERVICE", "se.timbok.test-e2e")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("tauri-driver could not start ({e}); install it with `cargo install tauri-driver --locked`"));

    let capabilities = json!({
        "browserName": "wry",
        "tauri:options": { "application": application },
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    };
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + TIMEOUT;
    let client = loop {
        match ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => break client,
            Err(error) if Instant::now() < deadline => {
                let _ = error;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(error) => panic!("no WebDriver session within {TIMEOUT:?}: {error}"),
        }
    };
    (driver, client)
}

/// What a user does on the way, counted (docs/performance.md, "A new user's month"): every
/// click and keystroke made through these helpers adds to the figures, so the test counts
/// what it does instead of a figure written by hand.
pub struct Effort<'a> {
    pub app: &'a App,
    clicks: std::cell::Cell<u32>,
    keystrokes: std::cell::Cell<u32>,
}

impl<'a> Effort<'a> {
    pub fn new(app: &'a App) -> Effort<'a> {
        Effort {
            app,
            clicks: std::cell::Cell::new(0),
            keystrokes: std::cell::Cell::new(0),
        }
    }

    pub fn clicks(&self) -> u32 {
        self.clicks.get()
    }

    pub fn keystrokes(&self) -> u32 {
        self.keystrokes.get()
    }

    /// One click on the element.
    pub async fn click(&self, css: &str) {
        self.clicks.set(self.clicks.get() + 1);
        self.app.click(css).await;
    }

    /// One click on a radio button or checkbox (chosen from the keyboard underneath, which
    /// cannot miss on a scrolling page; a user clicks it once).
    pub async fn choose(&self, input_id: &str) {
        self.clicks.set(self.clicks.get() + 1);
        self.app.choose(input_id).await;
    }

    /// A click into the field, Backspace over what is there, `text` typed and Tab to leave.
    pub async fn type_into(&self, css: &str, text: &str) {
        let old = self.app.value(css).await.chars().count();
        self.clicks.set(self.clicks.get() + 1);
        let typed = u32::try_from(old + text.chars().count() + 1).expect("a short text");
        self.keystrokes.set(self.keystrokes.get() + typed);
        self.app.fill(css, text).await;
    }

    /// A click outside the window (on FK's page in the browser), made by the caller.
    pub fn clicked_outside(&self) {
        self.clicks.set(self.clicks.get() + 1);
    }
}
