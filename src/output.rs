//! The one module that writes files: atomically, so a reader never sees half
//! a file and a failure leaves nothing behind.
//!
//! Bytes go to a temporary file beside the target, are flushed to disk, and
//! the temporary file is then renamed into place (or, when the target must not
//! be replaced, hard-linked, which fails if the target exists).

use std::io::Write;
use std::path::{Path, PathBuf};

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
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        match existing {
            Existing::Replace => std::fs::rename(&temp, path),
            Existing::Keep => std::fs::hard_link(&temp, path).and_then(|()| std::fs::remove_file(&temp)),
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
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
