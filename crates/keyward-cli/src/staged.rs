//! `scan --staged`: what the next commit adds. The index's files that differ from `HEAD` are
//! scanned whole (no size limit), and a finding counts only if its secret is not already in the
//! version the file replaces (`HEAD`'s blob at that path or at its rename source). Named paths
//! (pre-commit passes the files it checks) limit the scan to them, and a named file without a
//! staged change is scanned whole as the index holds it: `pre-commit run --all-files` then checks
//! every tracked file. The exact semantics are in docs/cli.md; the npm CLI mirrors them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use keyward_config::normalize;
use keyward_git::{ObjectId, Repo};

use crate::session::{Origin, Session};
use crate::setup::Setup;
use crate::Fatal;

/// The repository around `cwd` and its work tree's root (`--staged` needs a work tree).
pub fn open(cwd: &Path) -> Result<(Repo, PathBuf), Fatal> {
    let repo = Repo::discover(cwd).map_err(|e| Fatal(format!("--staged: {e}")))?;
    let root = repo.work_dir().ok_or_else(|| Fatal(String::from("--staged: a bare repository has no index to scan")))?;
    Ok((repo, root))
}

/// A file to scan: its staged blob and, for a changed file, the blob it replaces.
struct Target {
    path: String,
    blob: ObjectId,
    previous: Option<ObjectId>,
}

pub fn scan_staged<'s>(
    repo: &Repo,
    root: &Path,
    named: &[PathBuf],
    cwd: &Path,
    setup: &'s Setup,
    session: &Session<'s>,
) -> Result<(), Fatal> {
    let git_error = |e: keyward_git::Error| Fatal(format!("--staged: {e}"));
    let changes = repo.staged().map_err(git_error)?;
    let targets: Vec<Target> = if named.is_empty() {
        changes.into_iter().map(|c| Target { path: c.path, blob: c.blob, previous: c.previous }).collect()
    } else {
        let prefixes = repo_relative(named, cwd, root, session);
        let changed: HashMap<String, Option<ObjectId>> = changes.into_iter().map(|c| (c.path, c.previous)).collect();
        repo.index_files()
            .map_err(git_error)?
            .into_iter()
            .filter(|(path, _)| prefixes.iter().any(|prefix| is_under(path, prefix)))
            .map(|(path, blob)| Target { previous: changed.get(&path).copied().flatten(), path, blob })
            .collect()
    };
    let reader = repo.blob_reader();
    let (mut staged, mut replaced) = (Vec::new(), Vec::new());
    for target in targets {
        if setup.config.is_excluded(&root.join(&target.path), false) {
            continue;
        }
        let read = |id, out: &mut Vec<u8>| reader.read(id, out).map_err(|e| Fatal(format!("--staged: {}: {e}", target.path)));
        read(target.blob, &mut staged)?;
        let previous = match target.previous {
            Some(id) => {
                read(id, &mut replaced)?;
                Some(replaced.as_slice())
            }
            None => None,
        };
        session.scan(setup, &target.path, &staged, Origin::Change { previous });
    }
    Ok(())
}

/// The named paths relative to the repository root (`""` for the root itself); a path outside
/// the repository is reported and left out.
fn repo_relative(named: &[PathBuf], cwd: &Path, root: &Path, session: &Session) -> Vec<String> {
    named
        .iter()
        .filter_map(|path| match normalize(&cwd.join(path)).strip_prefix(root) {
            Ok(relative) => Some(relative.to_string_lossy().replace('\\', "/")),
            Err(_) => {
                session.error(&path.to_string_lossy(), "not inside the repository");
                None
            }
        })
        .collect()
}

/// True when `path` is `prefix` or inside the folder `prefix`.
fn is_under(path: &str, prefix: &str) -> bool {
    prefix.is_empty() || path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::is_under;

    #[test]
    fn named_paths_select_files_and_folders() {
        assert!(is_under("src/a.py", "src"));
        assert!(is_under("src/a.py", "src/a.py"));
        assert!(is_under("src/a.py", ""));
        assert!(!is_under("src2/a.py", "src"));
        assert!(!is_under("src", "src/a.py"));
    }
}
