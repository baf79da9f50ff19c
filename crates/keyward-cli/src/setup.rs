//! The rules a scanned path gets: its `.keyward.toml` (or `--config`), the command line's
//! overrides, and its `.keywardignore`. Each is found from the scanned path, not from the current
//! folder, so `keyward scan ~/proj` run elsewhere uses that project's settings.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use keyward_config::{discover, Config, CONFIG_FILE_NAME, IGNORE_FILE_NAME};
use keyward_core::Scanner;

use crate::args::RuleArgs;
use crate::Fatal;

/// A config, the scanner built from it, and the fingerprints `.keywardignore` accepts.
pub struct Setup {
    pub config: Config,
    pub scanner: Scanner,
    pub ignored: HashSet<String>,
}

/// The setups of one run, one per distinct (config file, ignore file) pair.
pub struct Setups<'a> {
    args: &'a RuleArgs,
    list: Vec<Setup>,
    keys: Vec<(Option<PathBuf>, Option<PathBuf>)>,
}

impl<'a> Setups<'a> {
    pub fn new(args: &'a RuleArgs) -> Setups<'a> {
        Setups { args, list: Vec::new(), keys: Vec::new() }
    }

    /// The index of the setup for paths in `folder` (absolute), built on first use.
    pub fn for_folder(&mut self, folder: &Path) -> Result<usize, Fatal> {
        let config = match &self.args.config {
            Some(path) => Some(path.clone()),
            None => discover(folder, CONFIG_FILE_NAME),
        };
        let key = (config, discover(folder, IGNORE_FILE_NAME));
        if let Some(index) = self.keys.iter().position(|k| *k == key) {
            return Ok(index);
        }
        self.list.push(build(&key.0, key.1.as_deref(), folder, self.args)?);
        self.keys.push(key);
        Ok(self.list.len() - 1)
    }

    pub fn into_list(self) -> Vec<Setup> {
        self.list
    }
}

/// The one setup for paths in `folder`.
pub fn for_folder(folder: &Path, args: &RuleArgs) -> Result<Setup, Fatal> {
    let mut setups = Setups::new(args);
    setups.for_folder(folder)?;
    Ok(setups.into_list().remove(0))
}

fn build(config: &Option<PathBuf>, ignore_file: Option<&Path>, folder: &Path, args: &RuleArgs) -> Result<Setup, Fatal> {
    let mut config = match config {
        Some(path) => Config::load(path).map_err(|e| Fatal(e.0))?,
        None => Config::empty(folder),
    };
    if let Some(size) = args.max_file_size {
        config.set_max_file_size(size);
    }
    let mut scanner_config = config.scanner_config();
    if let Some(level) = args.min_confidence {
        scanner_config.min_confidence = Some(level.into());
    }
    let scanner = Scanner::new(scanner_config).map_err(|e| Fatal(config.error(e).0))?;
    let ignored = match ignore_file {
        Some(path) => crate::baseline::read_ignore_file(path)?.into_iter().collect(),
        None => HashSet::new(),
    };
    Ok(Setup { config, scanner, ignored })
}

/// The current folder, absolute.
pub fn current_dir() -> Result<PathBuf, Fatal> {
    std::env::current_dir().map_err(|e| Fatal(format!("cannot read the current folder: {e}")))
}
