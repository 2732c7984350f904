//! Owner-only files and folders: the one place that creates, writes and tightens what Timbok
//! keeps in its data folder (the databases and their `-wal`/`-shm`, sealed credentials, backups,
//! blanketter, printed and support reports, the `environment` file). On unix files are 0600 and
//! folders 0700, also ones an older build or another program left looser ([`tighten_tree`] runs
//! at every start); on Windows they inherit the ACL of the per-user data folder.
//!
//! The print folder (`<data folder>/utskrifter/`) holds the only files Timbok writes in plain
//! for another program to read: the filled blankett 3059 for the PDF viewer and the support
//! report for FK's support. [`empty_print_folder`] removes them (those older than an hour while
//! the app runs, all of them at start and at exit).

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::error::Result;

/// The print folder's name in the data folder.
pub const PRINT_FOLDER: &str = "utskrifter";
/// How long a printed or support report stays in the print folder while the app runs.
pub const PRINT_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// Creates `dir` and its missing parents, owner-only (0700) on unix. A folder that is there
/// already is left as it is (it may be the user's, e.g. the CLI's `--db /tmp/x.sqlite3`); the
/// data folder's own are tightened by [`tighten_tree`].
pub fn create_dir_all(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    Ok(())
}

/// Owner-only (unix): the group's and others' permission bits cleared, the owner's kept (0644
/// becomes 0600, a folder's 0755 0700). Changes nothing that is already so.
pub fn restrict(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::symlink_metadata(path)?;
        if meta.file_type().is_symlink() {
            return Ok(());
        }
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700))?;
            tracing::info!("tightened permissions of a file in the data folder");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes `root` and everything under it owner-only. A missing `root` is fine.
pub fn tighten_tree(root: &Path) -> Result<()> {
    match fs::symlink_metadata(root) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
        Ok(meta) if meta.file_type().is_symlink() => return Ok(()),
        Ok(meta) => {
            restrict(root)?;
            if !meta.is_dir() {
                return Ok(());
            }
        }
    }
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        match tighten_tree(&entry.path()) {
            Ok(()) => {}
            // Removed meanwhile (a -shm, a temporary file): nothing to tighten.
            Err(crate::Error::Io(e)) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` owner-only and atomically: a temporary file next to it, synced,
/// renamed over it, the folder synced. A crash leaves the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.tmp"));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp)?;
    // A temporary file left looser by a crash of an older build is tightened before use.
    restrict(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, path)?;
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        // The rename itself is on disk once the folder is.
        if let Ok(dir) = fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// The print folder of the data folder `data_dir`.
pub fn print_folder(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join(PRINT_FOLDER)
}

/// Removes files from the print folder: all of them (`older_than` `None`: at start and at exit),
/// or those last written more than `older_than` ago. Returns how many were removed.
pub fn empty_print_folder(data_dir: &Path, older_than: Option<Duration>) -> Result<usize> {
    let folder = print_folder(data_dir);
    let entries = match fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let meta = entry.metadata()?;
        if !meta.is_file() {
            continue;
        }
        let old_enough = match older_than {
            None => true,
            Some(age) => meta
                .modified()
                .ok()
                .and_then(|at| now.duration_since(at).ok())
                .is_some_and(|elapsed| elapsed >= age),
        };
        if old_enough {
            match fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    if removed > 0 {
        tracing::info!(removed, "print folder emptied");
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn a_loose_tree_is_made_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        fs::create_dir_all(root.join("backups/auto")).unwrap();
        fs::write(root.join("environment"), "demo").unwrap();
        fs::write(root.join("backups/auto/demo.age"), "x").unwrap();
        for path in [&root, &root.join("backups"), &root.join("backups/auto")] {
            fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
        }
        for file in ["environment", "backups/auto/demo.age"] {
            fs::set_permissions(root.join(file), fs::Permissions::from_mode(0o644)).unwrap();
        }
        // A program someone keeps there stays runnable by its owner.
        fs::write(root.join("browser.sh"), "#!/bin/sh\n").unwrap();
        fs::set_permissions(root.join("browser.sh"), fs::Permissions::from_mode(0o755)).unwrap();
        tighten_tree(&root).unwrap();
        assert_eq!(mode(&root.join("browser.sh")), 0o700);
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&root.join("backups")), 0o700);
        assert_eq!(mode(&root.join("backups/auto")), 0o700);
        assert_eq!(mode(&root.join("environment")), 0o600);
        assert_eq!(mode(&root.join("backups/auto/demo.age")), 0o600);
        tighten_tree(&dir.path().join("missing")).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn written_files_and_created_folders_are_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a/b");
        create_dir_all(&folder).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&folder), 0o700);
        let file = folder.join("f.txt");
        write_atomically(&file, b"one").unwrap();
        write_atomically(&file, b"two").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"two");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(
            fs::read_dir(&folder).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[test]
    fn the_print_folder_is_emptied_by_age_or_entirely() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(empty_print_folder(dir.path(), None).unwrap(), 0);
        let folder = print_folder(dir.path());
        create_dir_all(&folder).unwrap();
        let old = folder.join("old.pdf");
        let new = folder.join("new.pdf");
        write_atomically(&old, b"%PDF").unwrap();
        write_atomically(&new, b"%PDF").unwrap();
        let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 60 * 60);
        fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        assert_eq!(
            empty_print_folder(dir.path(), Some(PRINT_LIFETIME)).unwrap(),
            1
        );
        assert!(!old.exists());
        assert!(new.exists());
        assert_eq!(empty_print_folder(dir.path(), None).unwrap(), 1);
        assert!(!new.exists());
    }
}
