//! The one module that writes files: atomically, so a reader never sees half
//! a file and a failure leaves nothing behind.
//!
//! Bytes go to a temporary file beside the target, are flushed to disk, and
//! the temporary file is then renamed into place (or, when the target must not
//! be replaced, hard-linked, which fails if the target exists).

use std::io::Write;
use std::path::{Path, PathBuf};

/// A writer that keeps the first error of the one it writes to, for a
/// maker that keeps only its kind (tera) or wraps it with its own
/// (rust_xlsxwriter): so a file that cannot be written is told from an
/// output that cannot be made.
pub struct Kept<'a, W: Write + ?Sized> {
    out: &'a mut W,
    /// The first error writing gave, when it gave one.
    pub error: Option<std::io::Error>,
}

impl<'a, W: Write + ?Sized> Kept<'a, W> {
    /// Writes into `out`.
    pub fn new(out: &'a mut W) -> Self {
        Kept { out, error: None }
    }

    fn keep(&mut self, error: &std::io::Error) {
        if self.error.is_none() {
            self.error = Some(std::io::Error::new(error.kind(), error.to_string()));
        }
    }
}

impl<W: Write + ?Sized> Write for Kept<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.out.write(bytes).inspect_err(|error| self.keep(error))
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes).inspect_err(|error| self.keep(error))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush().inspect_err(|error| self.keep(error))
    }
}

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (reports, which are regenerated).
    Replace,
    /// Fail with `AlreadyExists` (files the user may have edited).
    Keep,
}

/// Whether `a` and `b` name the same existing file (so a report never replaces its input).
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8], existing: Existing) -> std::io::Result<()> {
    stage(path, |file| file.write_all(bytes))?.commit(existing)
}

/// A file written in full beside its target, under a temporary name, and
/// not yet in place: [`Staged::commit`] moves it there; dropped uncommitted
/// (a later output of the run failed), it is removed.
#[derive(Debug)]
#[must_use = "a staged file is removed unless it is committed"]
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
}

/// Writes the bytes `write` gives (through a buffer) to a temporary file
/// beside `path`, flushed to disk, to be moved into place later; having
/// removed the temporary files killed runs left for `path`. A failure is
/// `write`'s own error (a page's template error, say), or the file's.
pub fn stage<E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), E>,
) -> Result<Staged, E> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_stale_temporaries(&dir, &name);
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
    // From here the temporary file is the Staged's: removed on any failure below.
    let staged = Staged { temp, target: path.to_path_buf() };
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, file);
    write(&mut buffered)?;
    let file = buffered.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    file.sync_all()?;
    Ok(staged)
}

impl Staged {
    /// Where the file goes.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Moves the file into place: replacing what is there, or, with
    /// [`Existing::Keep`], failing with `AlreadyExists` if something is.
    pub fn commit(self, existing: Existing) -> std::io::Result<()> {
        // Linked or not, the temporary file is removed as `self` is dropped.
        match existing {
            Existing::Replace => std::fs::rename(&self.temp, &self.target),
            Existing::Keep => std::fs::hard_link(&self.temp, &self.target),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Gone already when it was renamed into place; still there when linked, or never moved.
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// A temporary file older than this is stale whoever made it.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// Removes the temporary files (`.NAME.PID.tmp`) that runs killed while
/// writing `name` into `dir` left behind: those of processes no longer
/// running (on systems with `/proc`), or older than a day. A run still
/// writing keeps its own.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    let own = std::process::id();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let gone =
            pid == own || (Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists());
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (gone || old) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sroi-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn keep_never_overwrites_and_leaves_no_temporary_file() {
        let dir = scratch("keep");
        let path = dir.join("a.yaml");
        write_atomic(&path, b"first", Existing::Keep).expect("first write");
        let err = write_atomic(&path, b"second", Existing::Keep).expect_err("second write must fail");
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1, "no temporary file left");
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_of_killed_runs_are_removed_by_the_next_run() {
        let dir = scratch("stale");
        // PID 4194304 is above Linux's largest (2^22), so no process has it.
        let stale = dir.join(".r.html.4194304.tmp");
        std::fs::write(&stale, b"half a report").expect("write");
        let other = dir.join(".other.html.4194304.tmp");
        std::fs::write(&other, b"another file's").expect("write");
        let live = dir.join(format!(".r.html.{}.tmp", std::os::unix::process::parent_id()));
        std::fs::write(&live, b"a run still writing").expect("write");
        write_atomic(&dir.join("r.html"), b"new", Existing::Replace).expect("write");
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists(), "the killed run's file is removed");
        }
        assert!(other.exists(), "only the target's own temporary files are touched");
        assert!(live.exists(), "a running process's file is kept");
    }

    #[test]
    fn a_staged_file_is_not_in_place_until_committed_and_gone_if_dropped() {
        let dir = scratch("staged");
        let path = dir.join("r.html");
        write_atomic(&path, b"old", Existing::Replace).expect("write");
        let staged = stage(&path, |file| file.write_all(b"new")).expect("stage");
        assert_eq!(std::fs::read(&path).expect("read"), b"old", "the old file stays until the commit");
        drop(staged);
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1, "the dropped file is removed");
        stage(&path, |file| file.write_all(b"new"))
            .expect("stage")
            .commit(Existing::Replace)
            .expect("commit");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1, "no temporary file left");
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = scratch("failed");
        let path = dir.join("r.json");
        let failed = stage(&path, |file| {
            file.write_all(b"half")?;
            Err(std::io::Error::other("the renderer failed"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 0);
    }

    #[test]
    fn replace_swaps_the_whole_file() {
        let dir = scratch("replace");
        let path = dir.join("r.html");
        write_atomic(&path, b"old", Existing::Replace).expect("write");
        write_atomic(&path, b"new", Existing::Replace).expect("rewrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_partial_file() {
        let dir = scratch("missing");
        let path = dir.join("no/such/folder/r.html");
        assert!(write_atomic(&path, b"x", Existing::Replace).is_err());
    }
}
