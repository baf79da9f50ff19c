//! The subcommands. Exit status: 0 clean, 1 findings, 2 error. Findings win over read errors
//! (a pre-commit hook must block on a found key even if another file was unreadable); a run
//! with read errors and no findings exits 2, because it cannot vouch that everything is clean.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use keyward_core::Scanner;

use crate::args::{BaselineArgs, RulesArgs, ScanArgs, SourceArgs};
use crate::config::{discover, Config};
use crate::scan::{Outcome, Session};
use crate::sources::{scan_paths, stdin_is_piped, WalkOptions};
use crate::{baseline, output, staged, Fatal};

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn scan(args: ScanArgs) -> Result<u8, Fatal> {
    let started = Instant::now();
    let config = load_config(&args.source)?;
    let accepted = match &args.baseline {
        Some(path) => baseline::read_fingerprints(path)?,
        None => Vec::new(),
    };
    let scanner = build_scanner(&config, &args.source, accepted)?;
    let outcome = collect(&args.source, &config, &scanner, args.show_secret)?;
    write_stdout(|out| output::write_findings(args.format, &outcome, &scanner, out))?;
    output::write_summary(&outcome, started.elapsed());
    Ok(match () {
        _ if !outcome.findings.is_empty() => EXIT_FINDINGS,
        _ if outcome.errors > 0 => EXIT_ERROR,
        _ => EXIT_CLEAN,
    })
}

pub fn baseline(args: BaselineArgs) -> Result<u8, Fatal> {
    let config = load_config(&args.source)?;
    let scanner = build_scanner(&config, &args.source, Vec::new())?;
    let outcome = collect(&args.source, &config, &scanner, false)?;
    let document = baseline::render(&outcome);
    match &args.output {
        Some(path) => std::fs::write(path, document)
            .map_err(|e| Fatal(format!("cannot write baseline {}: {e}", path.display())))?,
        None => write_stdout(|out| out.write_all(document.as_bytes()))?,
    }
    let target = args.output.as_ref().map_or_else(|| String::from("standard output"), |p| p.display().to_string());
    eprintln!("keyward: baseline of {} finding(s) written to {target}", outcome.findings.len());
    Ok(if outcome.errors > 0 { EXIT_ERROR } else { EXIT_CLEAN })
}

pub fn rules(args: RulesArgs) -> Result<u8, Fatal> {
    let config = Config::load(args.config.as_deref())?;
    let scanner = Scanner::new(config.scanner_config()).map_err(|e| config.rejected(e))?;
    write_stdout(|out| output::write_rules(&scanner, args.format, out))?;
    Ok(EXIT_CLEAN)
}

fn load_config(source: &SourceArgs) -> Result<Config, Fatal> {
    let mut config = Config::load(source.config.as_deref())?;
    if let Some(size) = source.max_file_size {
        config.set_max_file_size(size);
    }
    Ok(config)
}

/// The scanner for the config, with the command line's minimum confidence, a baseline's
/// fingerprints and those of `.keywardignore`.
fn build_scanner(config: &Config, source: &SourceArgs, mut accepted: Vec<String>) -> Result<Scanner, Fatal> {
    if let Some(path) = discover(&config.cwd, baseline::IGNORE_FILE_NAME) {
        accepted.extend(baseline::read_ignore_file(&path)?);
    }
    let mut scanner_config = config.scanner_config();
    scanner_config.allow_fingerprints = accepted;
    if let Some(level) = source.min_confidence {
        scanner_config.min_confidence = Some(level.into());
    }
    Scanner::new(scanner_config).map_err(|e| config.rejected(e))
}

/// Scans the staged content, or the paths (stdin when piped and no path is given, else `.`).
fn collect<'s>(source: &SourceArgs, config: &Config, scanner: &'s Scanner, show_secret: bool) -> Result<Outcome<'s>, Fatal> {
    let session = Session::new(scanner, show_secret);
    if source.staged {
        staged::scan_staged(config, &session)?;
    } else {
        let default = if stdin_is_piped() { "-" } else { "." };
        let paths = if source.paths.is_empty() { vec![PathBuf::from(default)] } else { source.paths.clone() };
        let options = WalkOptions { threads: source.threads.map_or(0, usize::from), no_ignore: source.no_ignore };
        scan_paths(&paths, &options, config, &session);
    }
    Ok(session.finish())
}

/// Writes to a buffered stdout. A closed pipe (`keyward scan | head`) is not an error.
fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Fatal> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Fatal(format!("cannot write output: {e}"))),
        _ => Ok(()),
    }
}
