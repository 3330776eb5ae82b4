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
        "67a055bdf4e577814222c00758f46474f568143d",
        "689a0c54dcc1c24d86c0cb490f7cbb70a3865183",
    ),
    (
        7,
        2000,
        "ner",
        "6fa78265a1f12f1f5a801a93d2a86606e21d07bc",
        "0f202aa3a49abedf75c311a6a191ddef3683c7d2",
    ),
    (
        21,
        2000,
        "all",
        "f005ed9cbe9c1150424c68a8457766cc058ab8a8",
        "68419127f1d6ee5d77b8397ef246554d3fde1b67",
    ),
    (
        12345,
        5000,
        "ner",
        "3d191d8198fe1e07eebbb87f95f7a2f9af14e8ee",
        "cc9e7aa4f11ae4be0f9045e00810fb8e361e5599",
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
