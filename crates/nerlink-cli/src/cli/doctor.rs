//! `nerlink doctor`: what was found on this machine — the ONNX Runtime library and its
//! version, the model directory, its labels and lengths, and the thread / worker split the
//! extract command would use with the same flags. Exits 1 when something needed is missing.
//! It runs no documents.

use std::process::ExitCode;

use anyhow::Result;
use clap::Args as ClapArgs;

use super::model_args::ModelArgs;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Total threads, as for `extract --threads` (default: number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub model: ModelArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let threads = args.threads.unwrap_or(cores).max(1);
    println!("nerlink {}", env!("CARGO_PKG_VERSION"));
    println!("cores: {cores}");
    println!("threads: {threads}");
    let mut ok = true;
    match nerlink::ner::ort_library_info(args.model.ort_lib.as_deref()) {
        Ok((path, found_by, version)) => {
            println!(
                "onnxruntime: {version} ({}, via {found_by})",
                path.display()
            )
        }
        Err(e) => {
            println!("onnxruntime: not available: {e:#}");
            ok = false;
        }
    }
    match args.model.ner_options() {
        Ok(Some(mut opts)) => {
            opts.threads = threads;
            println!("model dir: {}", opts.model_dir.display());
            if ok {
                match nerlink::ner::NerEngine::load(&opts) {
                    Ok(engine) => {
                        let i = engine.info();
                        println!("model file: {}", i.model_file.display());
                        println!("tokenizer: {}", i.tokenizer_file.display());
                        println!("model inputs: {}", i.inputs.join(", "));
                        println!(
                            "labels ({}, {} scheme): {}",
                            i.labels.len(),
                            i.scheme,
                            i.labels.join(" ")
                        );
                        println!("entity types: {}", i.entity_types.join(", "));
                        println!(
                            "max length: {} tokens (model), window {} tokens incl. {} special, \
                             stride {}",
                            i.model_max_tokens, i.window_tokens, i.special_tokens, i.stride
                        );
                        println!(
                            "workers: {} x {} intra-op thread(s)",
                            i.workers, i.intra_threads
                        );
                        let budget = if i.max_tokens_per_batch == 0 {
                            "no token limit".to_string()
                        } else {
                            format!("at most {} padded tokens", i.max_tokens_per_batch)
                        };
                        println!("batch: {} windows, {budget}", i.batch_size);
                        println!("aggregation: {}", i.aggregation);
                        println!("decoding: {}", i.decoding);
                        println!(
                            "sentences: {}",
                            if i.every_sentence {
                                "every content sentence (--every-sentence)"
                            } else {
                                "those that can hold a capitalised name (sentence gate)"
                            }
                        );
                    }
                    Err(e) => {
                        println!("model: cannot load: {e:#}");
                        ok = false;
                    }
                }
            }
        }
        Ok(None) => println!("model: not used (--no-model)"),
        Err(e) => {
            println!("model: {e:#}");
            ok = false;
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
