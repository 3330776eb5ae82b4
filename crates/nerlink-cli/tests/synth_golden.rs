//! `nerlink synth` output is pinned: the same seed, size and labels give byte-identical CoNLL and
//! JSONL. The hashes were taken from the binary before synth moved into its own crate
//! (`crates/nerlink-synth`) and its inline word tables into `data/synth/words.tsv`; a change to
//! templates, word lists, gazetteers or the renderer that changes the output must update them
//! on purpose (and say so in the commit), since training sets are named by their seed.

use std::process::Command;

/// (seed, sentences, labels, sha1 of the .conll, sha1 of the .jsonl)
const GOLDEN: &[(u64, usize, &str, &str, &str)] = &[
    (
        1,
        2000,
        "all",
        "ce4bc60b5b46ba8cf2d85ca32db7ffbec41ec0d1",
        "83a8179382e09f11e801456a6cce579671d9862f",
    ),
    (
        7,
        2000,
        "ner",
        "a43db587a3be2a4b23ba26f38a6a5670bf2a1335",
        "6f39e912c8d8263c00c5757aa458543d58765b0c",
    ),
    (
        21,
        2000,
        "all",
        "a87ed238609042cc2bd203862fda7e8cf4d3b934",
        "b149385d6e2b3712189ea55351bd6f5dd1c21617",
    ),
    (
        12345,
        5000,
        "ner",
        "b5ff0a39013716f7066d0347a53025d3a2947293",
        "db4c6b4c1cf17815c421b7cca614b075724ab324",
    ),
];

fn sha1_of(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    sha1_smol::Sha1::from(bytes).digest().to_string()
}

#[test]
fn synth_output_is_byte_identical_for_a_seed() {
    let dir = tempfile::tempdir().expect("temp dir");
    for &(seed, n, labels, conll, jsonl) in GOLDEN {
        let prefix = dir.path().join(format!("s{seed}-{n}-{labels}"));
        let out = Command::new(env!("CARGO_BIN_EXE_nerlink"))
            .args(["synth", "--quiet", "--format", "both", "--labels", labels])
            .args(["--seed", &seed.to_string(), "--sentences", &n.to_string()])
            .arg("-o")
            .arg(&prefix)
            .output()
            .expect("running nerlink synth");
        assert!(
            out.status.success(),
            "nerlink synth failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got_conll = sha1_of(&prefix.with_extension("conll"));
        let got_jsonl = sha1_of(&prefix.with_extension("jsonl"));
        assert_eq!(
            (got_conll.as_str(), got_jsonl.as_str()),
            (conll, jsonl),
            "synth --seed {seed} --sentences {n} --labels {labels}: output changed"
        );
    }
}
