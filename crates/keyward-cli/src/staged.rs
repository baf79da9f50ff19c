//! `scan --staged`: what the next commit adds. The index's files that differ from `HEAD` are
//! scanned whole (no size limit), and a finding counts only if its secret is not already in the
//! version the file replaces (`HEAD`'s blob at that path or at its rename source). The exact
//! semantics are in docs/cli.md; the npm CLI mirrors them.

use std::path::Path;

use keyward_git::Repo;

use crate::session::{Origin, Session};
use crate::setup::Setup;
use crate::Fatal;

/// The repository around `cwd` and its work tree's root (`--staged` needs a work tree).
pub fn open(cwd: &Path) -> Result<(Repo, std::path::PathBuf), Fatal> {
    let repo = Repo::discover(cwd).map_err(|e| Fatal(format!("--staged: {e}")))?;
    let root = repo.work_dir().ok_or_else(|| Fatal(String::from("--staged: a bare repository has no index to scan")))?;
    Ok((repo, root))
}

pub fn scan_staged<'s>(repo: &Repo, root: &Path, setup: &'s Setup, session: &Session<'s>) -> Result<(), Fatal> {
    let files = repo.staged().map_err(|e| Fatal(format!("--staged: {e}")))?;
    let reader = repo.blob_reader();
    let (mut staged, mut replaced) = (Vec::new(), Vec::new());
    for file in files {
        if setup.config.is_excluded(&root.join(&file.path), false) {
            continue;
        }
        let read = |id, out: &mut Vec<u8>| reader.read(id, out).map_err(|e| Fatal(format!("--staged: {}: {e}", file.path)));
        read(file.blob, &mut staged)?;
        let previous = match file.previous {
            Some(id) => {
                read(id, &mut replaced)?;
                Some(replaced.as_slice())
            }
            None => None,
        };
        session.scan(setup, &file.path, &staged, Origin::Change { previous });
    }
    Ok(())
}
