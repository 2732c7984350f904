include!("command_list.rs");

macro_rules! command_names {
    ($($command:ident,)*) => {
        &[$(stringify!($command)),*]
    };
}

fn main() {
    // Every command the UI may call gets a permission; the capability
    // (src-tauri/capabilities/main.json) grants them to the main window.
    let commands: &[&str] = with_commands!(command_names);
    println!("cargo:rerun-if-changed=src-tauri/command_list.rs");
    // Capabilities live under src-tauri/ while tauri.conf.json stays at the repository root.
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
