//! Text and offset helpers shared by the extraction library (`nerlink`) and the sentence
//! generator (`nerlink-synth`): whitespace words with their punctuation split off, IOB tag
//! decoding, CoNLL block reading, the TSV data-file format of `data/`, and Vietnamese tone-mark
//! splitting.
//!
//! What it doesn't do: normalization, sentence splitting and everything that knows about
//! documents stay in `nerlink::text`; this crate has no dependency on either crate above it,
//! so both can use it. All offsets are in chars (code points), end exclusive.

pub mod chars;
pub mod conll;
pub mod iob;
pub mod tone;
pub mod tsv;
pub mod words;
