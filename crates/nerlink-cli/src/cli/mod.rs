//! Subcommands of the `nerlink` binary, one module each.

pub mod doctor;
pub mod eval;
pub mod export;
pub mod extract;
pub mod model_args;
pub mod report;
pub mod synth;
