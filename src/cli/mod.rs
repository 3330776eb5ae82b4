//! Subcommands of the `nerlink` binary, one module each.

pub mod doctor;
pub mod extract;
pub mod model_args;
