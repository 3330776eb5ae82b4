//! `nerlink doctor`: what was found on this machine.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args as ClapArgs;

use super::model_args::ModelArgs;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    println!("nerlink {}", env!("CARGO_PKG_VERSION"));
    println!(
        "threads: {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    match args.model.ner_options() {
        Ok(Some(opts)) => {
            println!("model dir: {}", opts.model_dir.display());
            match nerlink::ner::NerEngine::load(&opts) {
                Ok(_) => println!("model: loaded"),
                Err(e) => {
                    println!("model: cannot load: {e:#}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
        Ok(None) => println!("model: not used (--no-model)"),
        Err(e) => {
            println!("model: {e:#}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
