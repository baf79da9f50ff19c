//! `keyward`: scan files, folders, stdin, git's staged content or a git history for leaked
//! credentials. This file only dispatches; `commands` runs each subcommand.

mod allocator;
mod args;
mod baseline;
mod commands;
mod content;
mod history;
mod output;
mod pieces;
mod session;
mod setup;
mod sources;
mod staged;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// An error that stops the run with exit status 2 (bad config or baseline, git failing, output
/// that could not be written, …).
#[derive(Debug)]
pub struct Fatal(pub String);

fn main() -> ExitCode {
    allocator::keep_freed_memory();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => commands::scan(args),
        Command::History(args) => commands::history(args),
        Command::Baseline(args) => commands::baseline(args),
        Command::Rules(args) => commands::rules(args),
    };
    ExitCode::from(result.unwrap_or_else(|Fatal(message)| {
        eprintln!("keyward: error: {message}");
        commands::EXIT_ERROR
    }))
}
