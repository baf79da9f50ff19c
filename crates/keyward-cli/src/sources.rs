//! Reading what to scan: files and folders (walked in parallel, honouring .gitignore) and
//! standard input. Every problem is reported through the session and the walk goes on.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use ignore::{DirEntry, WalkBuilder, WalkState};

use crate::pieces;
use crate::session::{Origin, Session};
use crate::setup::Setup;

/// The name findings from standard input are reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// How to walk folders.
pub struct WalkOptions {
    /// 0: one thread per CPU.
    pub threads: usize,
    /// Also scan what .gitignore and .ignore files exclude.
    pub no_ignore: bool,
    /// The current folder, absolute: config excludes are matched against absolute paths.
    pub cwd: PathBuf,
}

/// Scans each root (a file or folder that exists) with every file under the folders among them.
pub fn scan_roots<'s>(roots: &[&Path], options: &WalkOptions, setup: &'s Setup, session: &Session<'s>) {
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
            Ok(entry) => visit(&entry, &mut buffer, options, setup, session),
            Err(error) => {
                walk_error(error, session);
                WalkState::Continue
            }
        })
    });
}

/// A folder that could not be listed, or a path that vanished while the walker looked at it.
fn walk_error(error: ignore::Error, session: &Session) {
    let path = error_path(&error).map(display_path).unwrap_or_default();
    match error.io_error() {
        Some(io) if io.kind() == io::ErrorKind::NotFound => session.skip(&path, "deleted during the scan"),
        Some(io) => session.error(&path, io),
        None => session.error(&path, &error),
    }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

/// Reports a named path that does not exist (or is a dangling link) in plain words.
pub fn exists(path: &Path, session: &Session) -> bool {
    let Err(error) = std::fs::metadata(path) else {
        return true;
    };
    let name = display_path(path);
    if std::fs::symlink_metadata(path).is_ok() {
        session.error(&name, "broken symbolic link");
    } else if error.kind() == io::ErrorKind::NotFound {
        session.error(&name, "no such file or folder");
    } else {
        session.error(&name, error);
    }
    false
}

fn visit<'s>(entry: &DirEntry, buffer: &mut Vec<u8>, options: &WalkOptions, setup: &'s Setup, session: &Session<'s>) -> WalkState {
    let path = entry.path();
    let Some(file_type) = entry.file_type() else {
        return WalkState::Continue;
    };
    let excluded = |is_dir| setup.config.is_excluded(&options.cwd.join(path), is_dir);
    if file_type.is_dir() {
        let skip = entry.file_name() == ".git" || excluded(true);
        return if skip { WalkState::Skip } else { WalkState::Continue };
    }
    if excluded(false) {
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
    scan_file(path, &name, buffer, setup, session);
    WalkState::Continue
}

/// Reads and scans one regular file. A file deleted since the walker listed it is skipped with
/// its name; any other read error is an error of the run.
fn scan_file<'s>(path: &Path, name: &str, buffer: &mut Vec<u8>, setup: &'s Setup, session: &Session<'s>) {
    let limit = setup.config.max_file_size();
    let scanned = read_file(path, limit, buffer).and_then(|opened| match opened {
        Opened::Whole(Loaded::Complete) => {
            session.scan(setup, name, buffer, Origin::Plain);
            Ok(())
        }
        Opened::Whole(Loaded::TooLarge(size)) => {
            session.skip(name, too_large(size, limit));
            Ok(())
        }
        Opened::InPieces(file, size) => session.scan_in_pieces(setup, name, file, size, || std::fs::read(path)),
    });
    match scanned {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => session.skip(name, "deleted during the scan"),
        Err(error) => session.error(name, error),
    }
}

/// Files above this size are scanned in pieces as they are read (`pieces`), not held whole.
const WHOLE_FILE_BYTES: u64 = (pieces::PIECE_BYTES + 2 * pieces::OVERLAP_BYTES) as u64;

/// A regular file: read whole into the buffer, or open to be read in pieces.
enum Opened {
    Whole(Loaded),
    InPieces(File, usize),
}

fn read_file(path: &Path, limit: u64, buffer: &mut Vec<u8>) -> io::Result<Opened> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Ok(Opened::Whole(Loaded::TooLarge(Some(size))));
    }
    if size > WHOLE_FILE_BYTES {
        return Ok(Opened::InPieces(file, size as usize));
    }
    if size == 0 {
        // Empty, or a pseudo-file (procfs, sysfs) whose size is unknown: read to the end.
        return read_limited(file, limit, buffer).map(Opened::Whole);
    }
    buffer.clear();
    buffer.reserve(size as usize);
    // Read exactly the size fstat gave: no extra read() to probe for the end of the file
    // (bytes appended after the fstat are left for the next scan).
    file.take(size).read_to_end(buffer)?;
    Ok(Opened::Whole(Loaded::Complete))
}

pub fn scan_stdin<'s>(setup: &'s Setup, session: &Session<'s>) {
    let mut buffer = Vec::new();
    let limit = setup.config.max_file_size();
    match read_limited(io::stdin().lock(), limit, &mut buffer) {
        Ok(Loaded::Complete) => session.scan(setup, STDIN_NAME, &buffer, Origin::Plain),
        Ok(Loaded::TooLarge(size)) => session.skip(STDIN_NAME, too_large(size, limit)),
        Err(error) => session.error(STDIN_NAME, error),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    #[test]
    fn a_file_gone_before_it_is_read_is_skipped_by_name_not_an_error() {
        let setup = crate::setup::for_folder(Path::new("/"), &crate::args::RuleArgs {
            config: None,
            min_confidence: None,
            max_file_size: None,
            threads: None,
        })
        .unwrap();
        let session = Session::new(false, Default::default());
        scan_file(Path::new("/nonexistent/keyward/deleted.env"), "deleted.env", &mut Vec::new(), &setup, &session);
        let outcome = session.finish();
        assert_eq!((outcome.files_skipped, outcome.errors, outcome.files_scanned), (1, 0, 0));
    }
}
