//! Files an analysis names (`proxy_files:`, the theme's logo, templates in a
//! `--templates` folder, and later offers' `framework:` and manifest entries).
//!
//! The analysis is untrusted: a supplier's file must not make the tool read
//! `/etc/passwd`, block on `/dev/stdin`, stream `/dev/zero` or follow a link
//! out of its folder. [`read_named`] is the one way such a file is read:
//!
//! - the path is relative and stays under the folder of the file that names
//!   it (or a folder the user named on the command line), also after
//!   symbolic links are followed;
//! - it is a regular file (no device, FIFO, socket or folder); the check is
//!   made on the opened file, which is opened without blocking;
//! - it is at most `max_bytes` long, and is read once.
//!
//! Anything else is a located error that quotes the path, never the content.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;
use crate::source::Located;

/// Largest proxy file read, in bytes: a library of 10,000 proxies is about 3 MB.
pub const MAX_PROXY_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Largest template read from a `--templates` folder, in bytes.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Why a named file was not read, and whether the input or the system is at fault.
#[derive(Debug, Clone)]
pub struct NamedError {
    /// What is wrong, located at the path in the naming file.
    pub diagnostic: Diagnostic,
    /// True when the system refused (missing file, permissions: exit 2);
    /// false when the input names something it may not (exit 1).
    pub unreadable: bool,
}

/// A file read through [`read_named`].
#[derive(Debug, Clone)]
pub struct NamedFile {
    /// The path it was read from (the folder joined with the name as written).
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The folder of the file called `name` ("<stdin>" or "-" for standard
/// input: the current folder), against which the paths it names are read.
pub fn folder_of(name: &str) -> PathBuf {
    match Path::new(name).parent() {
        Some(p) if name != "<stdin>" && name != "-" && !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Reads the file that `named` (a path as written in a file, with its
/// location) names, relative to `folder`. `what` names it in messages ("the
/// proxy file"); `code` is the diagnostic code of the errors.
pub fn read_named(
    folder: &Path,
    named: &Located<String>,
    what: &str,
    code: &'static str,
    max_bytes: u64,
) -> Result<NamedFile, NamedError> {
    let shown = crate::diag::escape_controls(&named.value).into_owned();
    let invalid = |message: String, hint: &str| NamedError {
        diagnostic: Diagnostic::error(code, message).at(named.loc).hint(hint),
        unreadable: false,
    };
    let relative = Path::new(&named.value);
    if named.value.is_empty() || named.value.contains('\0') {
        return Err(invalid(
            format!("{what} `{shown}` is not a file name"),
            "give a path such as `proxies/local.yaml`",
        ));
    }
    if relative.is_absolute()
        || relative.components().any(|c| matches!(c, Component::RootDir | Component::Prefix(_)))
    {
        return Err(invalid(
            format!("{what} `{shown}` is an absolute path"),
            "give the path relative to the folder of the file that names it",
        ));
    }
    if leaves_folder(relative) {
        return Err(invalid(
            format!("{what} `{shown}` is outside the folder of the file that names it"),
            "put the file in that folder (or below it) and give its path relative to it",
        ));
    }
    let path = folder.join(relative);
    let unreadable = |error: std::io::Error| NamedError {
        diagnostic: Diagnostic::error(code, format!("cannot read {what} `{shown}`: {error}"))
            .at(named.loc)
            .hint("check the path; it is relative to the folder of the file that names it"),
        unreadable: true,
    };
    // A symbolic link may still lead out of the folder: compare the real paths.
    let real = path.canonicalize().map_err(unreadable)?;
    let real_base = folder.canonicalize().map_err(unreadable)?;
    if !real.starts_with(&real_base) || is_system_path(&real) {
        return Err(invalid(
            format!("{what} `{shown}` leads outside the folder of the file that names it"),
            "copy the file into the folder instead of linking to it",
        ));
    }
    match read_regular(&real, max_bytes) {
        Ok(bytes) => Ok(NamedFile { path, bytes }),
        Err(ReadFailure::NotRegular) => Err(invalid(
            format!("{what} `{shown}` is not a regular file"),
            "name an ordinary file, not a folder, device or pipe",
        )),
        Err(ReadFailure::TooLarge(size)) => Err(invalid(
            format!("{what} `{shown}` is larger than {} KB (the limit for it)", max_bytes / 1024)
                + &size.map(|s| format!("; it is {} KB", s / 1024)).unwrap_or_default(),
            "check that this is the file you meant; split very large files",
        )),
        Err(ReadFailure::Io(error)) => Err(unreadable(error)),
    }
}

/// The files an analysis names (its `proxy_files:` and the theme's logo),
/// joined to its folder, as far as its YAML can be read (none when it cannot
/// be parsed); a path [`read_named`] refuses out of hand (absolute, or
/// climbing out of the folder) is left out. `sroi watch` watches them.
pub fn files_named(source: &crate::source::SourceFile) -> Vec<PathBuf> {
    let Ok(root) = super::parse_yaml(source) else {
        return Vec::new();
    };
    let mut decoder = super::decode::Decoder::new(source.text.clone());
    let raw = super::raw::analysis(&mut decoder, &root);
    let folder = folder_of(&source.name);
    raw.proxy_files
        .iter()
        .chain(raw.theme.logo.iter())
        .map(|named| Path::new(&named.value))
        .filter(|path| {
            !path.as_os_str().is_empty()
                && path.components().all(|c| !matches!(c, Component::RootDir | Component::Prefix(_)))
                && !leaves_folder(path)
        })
        .map(|path| folder.join(path))
        .collect()
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub enum ReadFailure {
    /// A folder, device, FIFO or socket.
    NotRegular,
    /// Longer than the limit (its size, when the system said it).
    TooLarge(Option<u64>),
    /// What the system said.
    Io(std::io::Error),
}

/// Reads a regular file of at most `max_bytes`, without blocking on a FIFO
/// or device: the type is checked on the opened file, which is opened
/// non-blocking, and at most `max_bytes + 1` bytes are ever read.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadFailure> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadFailure::Io)?;
    let metadata = file.metadata().map_err(ReadFailure::Io)?;
    if !metadata.is_file() {
        return Err(ReadFailure::NotRegular);
    }
    if metadata.len() > max_bytes {
        return Err(ReadFailure::TooLarge(Some(metadata.len())));
    }
    let mut bytes = Vec::new();
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadFailure::TooLarge(None));
    }
    Ok(bytes)
}

/// Whether a relative path climbs above its starting folder with `..`.
fn leaves_folder(relative: &Path) -> bool {
    relative
        .components()
        .try_fold(0i32, |depth, c| match c {
            Component::ParentDir => (depth > 0).then_some(depth - 1),
            Component::Normal(_) => Some(depth + 1),
            Component::CurDir => Some(depth),
            Component::RootDir | Component::Prefix(_) => None,
        })
        .is_none()
}

/// The kernel's own file systems, never an analysis's files even when the
/// analysis lies at `/` (their sizes say 0 or 4096 whatever they hold).
pub fn is_system_path(real: &Path) -> bool {
    ["/proc", "/sys", "/dev"].iter().any(|p| real.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Loc;

    fn named(path: &str) -> Located<String> {
        Located::new(path.to_owned(), Loc { line: 3, column: 16, offset: 40, len: path.len() })
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sroi-named-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
        dir
    }

    #[test]
    fn the_files_an_analysis_names_are_found_even_when_it_is_invalid() {
        let text = "version: 1\ntitle: 3\nproxy_files: [local.yaml, ../up.yaml, /etc/passwd, sub/more.yaml]\n\
                    theme:\n  logo: logo.png\n";
        let found = files_named(&crate::source::SourceFile::new("work/a.yaml", text));
        let expected: Vec<PathBuf> =
            ["work/local.yaml", "work/sub/more.yaml", "work/logo.png"].iter().map(PathBuf::from).collect();
        assert_eq!(found, expected);
        assert!(files_named(&crate::source::SourceFile::new("a.yaml", "title: [unclosed")).is_empty());
    }

    #[test]
    fn absolute_parent_and_system_paths_are_refused_without_reading_them() {
        let dir = scratch("refused");
        for path in
            ["/etc/passwd", "../../../../etc/passwd", "sub/../../x", "/proc/self/environ", "/dev/stdin"]
        {
            let error = read_named(&dir, &named(path), "the proxy file", "bad-proxy-file", 1024)
                .expect_err("refused");
            assert!(!error.unreadable, "{path}: the input is at fault");
            assert_eq!(error.diagnostic.loc.map(|l| l.line), Some(3), "{path}: located");
            assert!(error.diagnostic.message.contains(path), "{path}: quotes the path");
            assert!(!error.diagnostic.message.contains("root:"), "never the content");
        }
    }

    #[test]
    fn links_out_of_the_folder_fifos_and_large_files_are_refused() {
        let dir = scratch("links");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/passwd", dir.join("passwd.yaml")).expect("link");
            let error =
                read_named(&dir, &named("passwd.yaml"), "the proxy file", "p", 1024).expect_err("link");
            assert!(error.diagnostic.message.contains("leads outside"), "{}", error.diagnostic.message);
            std::os::unix::fs::symlink("/dev/zero", dir.join("zero.yaml")).expect("link");
            assert!(read_named(&dir, &named("zero.yaml"), "the proxy file", "p", 1024).is_err());
            let fifo = dir.join("fifo.yaml");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // Opening a FIFO for reading would block until a writer comes; it must not.
                let error = read_named(&dir, &named("fifo.yaml"), "the logo", "p", 1024).expect_err("fifo");
                assert!(
                    error.diagnostic.message.contains("not a regular file"),
                    "{}",
                    error.diagnostic.message
                );
            }
        }
        std::fs::write(dir.join("sub/big.yaml"), vec![b'#'; 2048]).expect("write");
        let error = read_named(&dir, &named("sub/big.yaml"), "the proxy file", "p", 1024).expect_err("big");
        // 2048 bytes is 2 KB, over the 1 KB limit.
        assert!(
            error.diagnostic.message.contains("larger than 1 KB")
                && error.diagnostic.message.contains("it is 2 KB")
        );
        let error = read_named(&dir, &named("sub"), "the proxy file", "p", 1024).expect_err("folder");
        assert!(error.diagnostic.message.contains("not a regular file"));
    }

    #[test]
    fn a_file_below_the_folder_is_read_and_a_missing_one_is_unreadable() {
        let dir = scratch("read");
        std::fs::write(dir.join("sub/p.yaml"), b"proxies: []\n").expect("write");
        let file = read_named(&dir, &named("./sub/p.yaml"), "the proxy file", "p", 1024).expect("read");
        assert_eq!(file.bytes, b"proxies: []\n");
        let error =
            read_named(&dir, &named("sub/none.yaml"), "the proxy file", "p", 1024).expect_err("missing");
        assert!(error.unreadable);
    }
}
