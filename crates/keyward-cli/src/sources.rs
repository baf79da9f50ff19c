//! Reading what to scan: files and folders (walked in parallel, honouring .gitignore) and
//! standard input. Every problem is reported through the session and the walk goes on.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use ignore::{DirEntry, WalkBuilder, WalkState};

use crate::config::Config;
use crate::scan::Session;

/// The name findings from standard input are reported under.
pub const STDIN_NAME: &str = "<stdin>";
/// Bytes looked at for a NUL byte to decide that a file is binary (git's heuristic).
const BINARY_PROBE: usize = 8 * 1024;

/// How to walk folders.
pub struct WalkOptions {
    /// 0: one thread per CPU.
    pub threads: usize,
    /// Also scan what .gitignore and .ignore files exclude.
    pub no_ignore: bool,
}

/// Scans each path (`-` is standard input) with every file under the folders among them.
pub fn scan_paths(paths: &[PathBuf], options: &WalkOptions, config: &Config, session: &Session) {
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        scan_stdin(config.max_file_size(), session);
    }
    let roots: Vec<&PathBuf> = paths.into_iter().filter(|path| exists(path, session)).collect();
    let Some((first, rest)) = roots.split_first() else {
        return;
    };
    let mut builder = WalkBuilder::new(first);
    for path in rest {
        builder.add(path);
    }
    builder
        .standard_filters(!options.no_ignore)
        // `.env` files are where keys live: hidden files are scanned (`.git` is skipped below).
        .hidden(false)
        // .gitignore is honoured in any folder, not only inside a git checkout.
        .require_git(false)
        .threads(options.threads);
    builder.build_parallel().run(|| {
        let mut buffer = Vec::new();
        Box::new(move |entry| match entry {
            Ok(entry) => visit(&entry, &mut buffer, config, session),
            Err(error) => {
                session.error(error);
                WalkState::Continue
            }
        })
    });
}

/// Reports a named path that does not exist (or is a dangling link) in plain words.
fn exists(path: &Path, session: &Session) -> bool {
    let Err(error) = std::fs::metadata(path) else {
        return true;
    };
    let name = display_path(path);
    if std::fs::symlink_metadata(path).is_ok() {
        session.error(format_args!("{name}: broken symbolic link"));
    } else if error.kind() == io::ErrorKind::NotFound {
        session.error(format_args!("{name}: no such file or folder"));
    } else {
        session.error(format_args!("{name}: {error}"));
    }
    false
}

fn visit(entry: &DirEntry, buffer: &mut Vec<u8>, config: &Config, session: &Session) -> WalkState {
    let path = entry.path();
    let Some(file_type) = entry.file_type() else {
        return WalkState::Continue;
    };
    if file_type.is_dir() {
        let skip = entry.file_name() == ".git" || config.is_excluded(path, true);
        return if skip { WalkState::Skip } else { WalkState::Continue };
    }
    if config.is_excluded(path, false) {
        return WalkState::Continue;
    }
    let name = display_path(path);
    if file_type.is_symlink() {
        // Links are not followed inside folders (their targets are scanned where they live);
        // a dangling one is worth a word, since it may be a file the user expected scanned.
        if std::fs::metadata(path).is_err() {
            session.skip(&name, "broken symbolic link");
        }
        return WalkState::Continue;
    }
    if !file_type.is_file() {
        if entry.depth() == 0 {
            session.skip(&name, "not a regular file");
        }
        return WalkState::Continue;
    }
    match read_file(path, config.max_file_size(), buffer) {
        Ok(Loaded::Complete) => scan_text(&name, buffer, session),
        Ok(Loaded::TooLarge(size)) => session.skip(&name, too_large(size, config.max_file_size())),
        Err(error) => session.error(format_args!("{name}: {error}")),
    }
    WalkState::Continue
}

fn read_file(path: &Path, limit: u64, buffer: &mut Vec<u8>) -> io::Result<Loaded> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Ok(Loaded::TooLarge(Some(size)));
    }
    if size == 0 {
        // Empty, or a pseudo-file (procfs, sysfs) whose size is unknown: read to the end.
        return read_limited(file, limit, buffer);
    }
    buffer.clear();
    buffer.reserve(size as usize);
    // Read exactly the size fstat gave: no extra read() to probe for the end of the file
    // (bytes appended after the fstat are left for the next scan).
    file.take(size).read_to_end(buffer)?;
    Ok(Loaded::Complete)
}

fn scan_stdin(max_size: u64, session: &Session) {
    let mut buffer = Vec::new();
    match read_limited(io::stdin().lock(), max_size, &mut buffer) {
        Ok(Loaded::Complete) => scan_text(STDIN_NAME, &buffer, session),
        Ok(Loaded::TooLarge(size)) => session.skip(STDIN_NAME, too_large(size, max_size)),
        Err(error) => session.error(format_args!("{STDIN_NAME}: {error}")),
    }
}

/// Scans `bytes` unless they look binary. Invalid UTF-8 is still text: the core takes bytes.
pub fn scan_text(name: &str, bytes: &[u8], session: &Session) {
    if is_binary(bytes) {
        session.skip_quietly();
    } else {
        session.scan(name, bytes);
    }
}

fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_PROBE)].contains(&0)
}

/// The message for a skipped large input; `size` is known for files, not for streams.
pub fn too_large(size: Option<u64>, limit: u64) -> String {
    let size = size.map(|size| format!("{size} bytes, ")).unwrap_or_default();
    format!("{size}over the size limit of {limit} bytes (see --max-file-size or maxFileSize)")
}

enum Loaded {
    Complete,
    TooLarge(Option<u64>),
}

/// Reads all of `source` into `buffer` (cleared first), stopping once it exceeds `limit` bytes.
fn read_limited(source: impl io::Read, limit: u64, buffer: &mut Vec<u8>) -> io::Result<Loaded> {
    buffer.clear();
    let read = source.take(limit.saturating_add(1)).read_to_end(buffer)? as u64;
    Ok(if read > limit { Loaded::TooLarge(None) } else { Loaded::Complete })
}

/// The path as the user gave it, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    path.to_string_lossy().into_owned()
}

/// True when standard input is a file, pipe or socket: `keyward scan` with no path then reads
/// it. A terminal or `/dev/null` (as under CI or a git hook) means "scan the current folder".
#[cfg(unix)]
pub fn stdin_is_piped() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    File::from(fd).metadata().is_ok_and(|meta| {
        let kind = meta.file_type();
        kind.is_file() || kind.is_fifo() || kind.is_socket()
    })
}

#[cfg(not(unix))]
pub fn stdin_is_piped() -> bool {
    use std::io::IsTerminal;
    !io::stdin().is_terminal()
}
