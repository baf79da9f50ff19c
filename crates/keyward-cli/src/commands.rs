//! The subcommands. Exit status: 0 clean, 1 findings, 2 error. Findings win over read errors
//! (a pre-commit hook must block on a found key even if another file was unreadable); a run
//! with read errors and no findings exits 2, because it cannot vouch that everything is clean.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use keyward_core::Scanner;
use keyward_git::{Repo, Selection};

use crate::args::{BaselineArgs, HistoryArgs, ReportArgs, RulesArgs, SourceArgs};
use crate::output::{self, ReportOptions};
use crate::session::{Outcome, Session};
use crate::setup::{self, current_dir, Setup, Setups};
use crate::sources::{self, stdin_is_piped, WalkOptions};
use crate::{baseline, history, staged, Fatal};

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn scan(args: crate::args::ScanArgs) -> Result<u8, Fatal> {
    let started = Instant::now();
    let accepted = read_baseline(&args.report)?;
    let plan = Plan::new(&args.source)?;
    let session = Session::new(args.report.show_secret, accepted);
    plan.run(&args.source, &session)?;
    let outcome = session.finish();
    let status = report(&outcome, &args.report, plan.base(), started)?;
    if args.source.staged && !outcome.findings.is_empty() {
        eprint!("{}", STAGED_BLOCKED);
    }
    Ok(status)
}

pub fn history(args: HistoryArgs) -> Result<u8, Fatal> {
    let started = Instant::now();
    let accepted = read_baseline(&args.report)?;
    let cwd = current_dir()?;
    let location = cwd.join(args.repo.as_deref().unwrap_or(Path::new(".")));
    let repo = Repo::discover(&location).map_err(|e| Fatal(format!("history: {e}")))?;
    let base = repo.work_dir().unwrap_or(location);
    let setup = setup::for_folder(&base, &args.rules)?;
    let selection = Selection {
        range: args.range.clone(),
        branch: args.branch.clone(),
        since: args.since.as_deref().map(keyward_git::parse_date).transpose().map_err(|e| Fatal(format!("--since: {e}")))?,
    };
    let listed = history::list(&repo, &selection, &setup)?;
    let session = Session::new(args.report.show_secret, accepted);
    history::scan(&repo, &listed, &setup, threads(args.rules.threads), &session);
    let outcome = session.finish();
    eprintln!(
        "keyward: history: {} commit{} walked, {} distinct blob{}",
        listed.commits_walked,
        if listed.commits_walked == 1 { "" } else { "s" },
        listed.blobs.len(),
        if listed.blobs.len() == 1 { "" } else { "s" },
    );
    let status = report(&outcome, &args.report, &base, started)?;
    if !outcome.findings.is_empty() {
        eprint!("{}", HISTORY_NEXT_STEPS);
    }
    Ok(status)
}

pub fn baseline(args: BaselineArgs) -> Result<u8, Fatal> {
    let plan = Plan::new(&args.source)?;
    let session = Session::new(false, HashSet::new());
    plan.run(&args.source, &session)?;
    let outcome = session.finish();
    let document = baseline::render(&outcome);
    output::deliver(document.as_bytes(), args.output.as_deref())?;
    let target = args.output.as_ref().map_or_else(|| String::from("standard output"), |p| p.display().to_string());
    eprintln!("keyward: baseline of {} finding(s) written to {target}", outcome.findings.len());
    Ok(if outcome.errors > 0 { EXIT_ERROR } else { EXIT_CLEAN })
}

pub fn rules(args: RulesArgs) -> Result<u8, Fatal> {
    let config = match &args.config {
        Some(path) => keyward_config::Config::load(path),
        None => {
            let cwd = current_dir()?;
            match keyward_config::discover(&cwd, keyward_config::CONFIG_FILE_NAME) {
                Some(path) => keyward_config::Config::load(&path),
                None => Ok(keyward_config::Config::empty(&cwd)),
            }
        }
    }
    .map_err(|e| Fatal(e.0))?;
    let scanner = Scanner::new(config.scanner_config()).map_err(|e| Fatal(config.error(e).0))?;
    let mut document = Vec::new();
    output::write_rules(&scanner, args.format, &mut document).expect("writing to memory");
    output::deliver(&document, None)?;
    Ok(EXIT_CLEAN)
}

/// Told when `--staged` blocks a commit.
const STAGED_BLOCKED: &str = "\
keyward: the commit is blocked: the staged changes add the secrets above. Remove them (and revoke
  any that was ever pushed or shared), then `git add` again. If a finding is not a secret:
  - allow its line with a `# keyward:allow` comment (any comment syntax);
  - or add its fingerprint to .keywardignore (`keyward scan --staged --show-fingerprint` prints it);
  - or accept every current finding: `keyward baseline -o .keyward-baseline.json`, then scan with
    `--baseline .keyward-baseline.json`.
  To bypass the check for this one commit: `git commit --no-verify`.
";

/// Told when `history` finds secrets.
const HISTORY_NEXT_STEPS: &str = "\
keyward: a secret in git history stays readable by anyone with a clone, even after a later commit
  deletes it. First revoke or rotate each key (the revoke page is in the report's revokeUrl);
  then rewrite history (`git filter-repo --replace-text FILE`) and force-push every branch and tag.
";

/// Renders the report, writes it, prints the summary, and gives the exit status.
fn report(outcome: &Outcome, args: &ReportArgs, base: &Path, started: Instant) -> Result<u8, Fatal> {
    let options = ReportOptions { show_fingerprint: args.show_fingerprint, base: base.to_path_buf() };
    let document = output::render(args.format, outcome, &options);
    output::deliver(&document, args.output.as_deref())?;
    output::write_summary(outcome, started.elapsed());
    Ok(match () {
        _ if !outcome.findings.is_empty() => EXIT_FINDINGS,
        _ if outcome.errors > 0 => EXIT_ERROR,
        _ => EXIT_CLEAN,
    })
}

fn read_baseline(args: &ReportArgs) -> Result<HashSet<String>, Fatal> {
    match &args.baseline {
        Some(path) => baseline::read_fingerprints(path),
        None => Ok(HashSet::new()),
    }
}

fn threads(requested: Option<u16>) -> usize {
    requested.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from)
}

/// What `scan` and `baseline` read, with the setup of each part, built before scanning starts
/// (findings borrow the setups' rules).
struct Plan {
    setups: Vec<Setup>,
    cwd: PathBuf,
    work: Work,
}

enum Work {
    /// `--staged`: the repository, its work tree's root, and the setup (index into `setups`).
    Staged { repo: Box<Repo>, root: PathBuf },
    /// Standard input (if named or piped), and the existing paths grouped by setup.
    Paths { stdin: Option<usize>, groups: Vec<(usize, Vec<PathBuf>)> },
}

impl Plan {
    fn new(source: &SourceArgs) -> Result<Plan, Fatal> {
        let cwd = current_dir()?;
        let mut setups = Setups::new(&source.rules);
        let work = if source.staged {
            if source.paths.iter().any(|path| path.as_os_str() == "-") {
                return Err(Fatal(String::from("--staged reads git's index: `-` (standard input) cannot be named with it")));
            }
            let (repo, root) = staged::open(&cwd)?;
            setups.for_folder(&cwd)?;
            Work::Staged { repo: Box::new(repo), root }
        } else {
            let default = if stdin_is_piped() { "-" } else { "." };
            let paths = if source.paths.is_empty() { vec![PathBuf::from(default)] } else { source.paths.clone() };
            let mut stdin = None;
            let mut groups: Vec<(usize, Vec<PathBuf>)> = Vec::new();
            for path in paths {
                if path.as_os_str() == "-" {
                    stdin = Some(setups.for_folder(&cwd)?);
                    continue;
                }
                // A missing path is reported when the scan runs; its setup is the current folder's.
                let absolute = cwd.join(&path);
                let folder = if absolute.is_dir() { absolute.as_path() } else { absolute.parent().unwrap_or(&cwd) };
                let index = setups.for_folder(folder)?;
                match groups.iter_mut().find(|(setup, _)| *setup == index) {
                    Some((_, paths)) => paths.push(path),
                    None => groups.push((index, vec![path])),
                }
            }
            Work::Paths { stdin, groups }
        };
        Ok(Plan { setups: setups.into_list(), cwd, work })
    }

    /// The folder relative report paths are relative to.
    fn base(&self) -> &Path {
        match &self.work {
            Work::Staged { root, .. } => root,
            Work::Paths { .. } => &self.cwd,
        }
    }

    fn run<'s>(&'s self, source: &SourceArgs, session: &Session<'s>) -> Result<(), Fatal> {
        match &self.work {
            Work::Staged { repo, root } => staged::scan_staged(repo, root, &source.paths, &self.cwd, &self.setups[0], session),
            Work::Paths { stdin, groups } => {
                if let Some(setup) = stdin {
                    sources::scan_stdin(&self.setups[*setup], session);
                }
                let options = WalkOptions {
                    threads: source.rules.threads.map_or(0, usize::from),
                    no_ignore: source.no_ignore,
                    cwd: self.cwd.clone(),
                };
                for (setup, paths) in groups {
                    let roots: Vec<&Path> =
                        paths.iter().map(PathBuf::as_path).filter(|path| sources::exists(path, session)).collect();
                    sources::scan_roots(&roots, &options, &self.setups[*setup], session);
                }
                Ok(())
            }
        }
    }
}
