//! The CLI suite: the built `keyward` binary run on temporary folders and real git repositories.
//! One test binary (one link) for every module.

mod bad_input;
mod baseline;
mod common;
mod config;
mod history;
mod large_files;
mod scan;
mod staged;
