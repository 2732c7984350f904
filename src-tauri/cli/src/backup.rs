//! `backup` and `restore`: the core's backup functions (timbok_core::backup) for support and
//! automation. The passphrase comes from a file (never an argument: it would show in `ps`).

use std::path::{Path, PathBuf};

use timbok_core::backup::{self, Lock};
use timbok_core::settings::Environment;
use timbok_core::Timbok;

fn passphrase(file: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("Lösenordsfilen {} kunde inte läsas: {e}", file.display()))?;
    Ok(text.lines().next().unwrap_or_default().to_string())
}

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The environment of a database file by where it lies, as the app's data folder arranges them
/// (`demo/`, `fk-test/`, else production; see timbok_core::installation).
fn environment_of(db: &Path) -> Environment {
    match db
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
    {
        Some("demo") => Environment::Demo,
        Some("fk-test") => Environment::FkTest,
        _ => Environment::Production,
    }
}

pub fn backup(db: &Path, out: &Path, passphrase_file: &Path) -> Result<(), String> {
    let passphrase = passphrase(passphrase_file)?;
    backup::check_new_passphrase(&passphrase, &passphrase).map_err(|e| e.to_string())?;
    if !db.exists() {
        return Err(
            timbok_core::Error::from(timbok_core::backup::BackupProblem::NothingToBackUp)
                .to_string(),
        );
    }
    // Opening checks the file and brings its schema up to date.
    drop(Timbok::open(db).map_err(|e| e.to_string())?);
    let environment = environment_of(db);
    let (bytes, manifest) = backup::create(db, environment, now(), Lock::Passphrase(&passphrase))
        .map_err(|e| e.to_string())?;
    backup::save(out, &bytes).map_err(|e| e.to_string())?;
    println!(
        "Säkerhetskopian är sparad i {}: {} pass, {} tidsredovisningar, {} räkningar. Utan lösenordet går den inte att öppna.",
        out.display(),
        manifest.shifts,
        manifest.time_reports,
        manifest.invoices
    );
    Ok(())
}

pub fn restore(db: &Path, file: &Path, passphrase_file: &Path) -> Result<(), String> {
    let passphrase = passphrase(passphrase_file)?;
    let bytes = std::fs::read(file)
        .map_err(|e| format!("Filen {} kunde inte läsas: {e}", file.display()))?;
    let stamp = now();
    let restored = backup::restore_with(&bytes, Lock::Passphrase(&passphrase), db, None, |old| {
        drop(Timbok::open(old)?);
        let environment = environment_of(old);
        let (bytes, _) = backup::create(old, environment, stamp, Lock::Passphrase(&passphrase))?;
        let path = PathBuf::from(format!(
            "{}.before-restore-{}.age",
            old.display(),
            stamp.format("%Y%m%d-%H%M%S")
        ));
        backup::save(&path, &bytes)?;
        Ok(path)
    })
    .map_err(|e| e.to_string())?;
    let m = &restored.manifest;
    if let Some(previous) = &restored.previous {
        println!(
            "Databasen som fanns är säkerhetskopierad i {} (samma lösenord).",
            previous.display()
        );
    }
    println!(
        "Återställt säkerhetskopian från {}: {} pass, {} tidsredovisningar, {} räkningar.",
        m.created_at.format("%Y-%m-%d %H:%M"),
        m.shifts,
        m.time_reports,
        m.invoices
    );
    Ok(())
}
