//! The Linux .deb as a user gets it (issue 16): unpacked into a scratch root with `dpkg -x`
//! (what `dpkg -i` puts on disk, without root), its installed binary `usr/bin/timbok` started in
//! the real window, and a fresh install opens in demo mode.
//!
//! The .deb is built by `npm --prefix ui run test:all` (and so by CI) with `npx tauri build
//! --bundles deb` before the tests run; `TIMBOK_DEB` names another one. Without it this test
//! fails and says how to build it.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::harness::App;

/// Where `tauri build` puts the .deb: `<target dir>/release/bundle/deb/`.
fn built_deb() -> PathBuf {
    if let Some(path) = std::env::var_os("TIMBOK_DEB") {
        return PathBuf::from(path);
    }
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target dir")
        .to_path_buf();
    let folder = target.join("release/bundle/deb");
    let debs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "deb"))
                .collect()
        })
        .unwrap_or_default();
    match debs.as_slice() {
        [deb] => deb.clone(),
        [] => panic!(
            "no .deb in {}: build it first with `npx --prefix ui tauri build --bundles deb` \
             (npm --prefix ui run test:all does), or name one in TIMBOK_DEB",
            folder.display()
        ),
        more => panic!("more than one .deb in {}: {more:?}", folder.display()),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_installed_deb_starts_in_demo_mode() {
    let deb = built_deb();
    let root = tempfile::tempdir().unwrap();
    let status = Command::new("dpkg")
        .arg("-x")
        .arg(&deb)
        .arg(root.path())
        .status()
        .unwrap_or_else(|e| panic!("dpkg could not start: {e}"));
    assert!(
        status.success(),
        "dpkg -x {} failed: {status}",
        deb.display()
    );
    let installed = root.path().join("usr/bin/timbok");
    assert!(
        installed.is_file(),
        "the .deb {} has no usr/bin/timbok",
        deb.display()
    );
    // The menu entry the .deb installs starts that binary.
    let desktop =
        std::fs::read_to_string(root.path().join("usr/share/applications/Timbok.desktop"))
            .expect("the .deb installs usr/share/applications/Timbok.desktop");
    assert!(desktop.contains("Exec=timbok"), "{desktop}");

    let app = App::start_binary(installed).await;
    app.wait_for_text("[data-test=demo-banner]", "Demoläge")
        .await;
    app.find("[data-test=nav-household]").await;
    app.screenshot("installed-deb").await;
    app.close().await;
}
