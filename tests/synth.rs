//! `nerlink synth`: spans are exact, flat and deterministic; CoNLL round-trips; the label and
//! template variety is there; PER spans hold names only; and a spot check of examples to read.

use std::collections::{HashMap, HashSet};

use nerlink::rules::gazetteer::Gazetteers;
use nerlink_synth::{
    template_ids, tokenize, write_conll, write_jsonl, Example, Generator, LabelSet,
};
use nerlink_text::conll::read_blocks;
use nerlink_text::iob::decode_iob;

fn generator(seed: u64) -> Generator {
    let g = Gazetteers::load().expect("gazetteers load");
    Generator::new(&nerlink::synth::gazetteer(&g), seed).expect("generator")
}

fn sub(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
}

/// Lower-cased, without diacritics: what survives the caps / tone / diacritics / typo variants.
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.to_lowercase()
        .nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

fn check_example(ex: &Example, written: &[String]) {
    let n = ex.text.chars().count();
    assert_eq!(ex.spans.len(), written.len());
    let mut last_end = 0;
    for ((s, e, label), w) in ex.spans.iter().zip(written) {
        assert!(s < e && *e <= n, "bad span {s}..{e} in {:?}", ex.text);
        assert!(
            *s >= last_end,
            "overlapping spans in {:?}: {:?}",
            ex.text,
            ex.spans
        );
        last_end = *e;
        let t = sub(&ex.text, *s, *e);
        assert_eq!(t.trim(), t, "padded {label} span {t:?} in {:?}", ex.text);
        assert_eq!(
            fold(&t),
            fold(w),
            "{label} span moved in {:?} ({}):",
            ex.text,
            ex.kind
        );
    }
}

#[test]
fn spans_are_exact_flat_and_sorted() {
    let mut g = generator(7);
    for _ in 0..5000 {
        let (ex, written) = g.sentence_with_written();
        check_example(&ex, &written);
    }
}

#[test]
fn every_template_renders() {
    let ids = template_ids().expect("templates parse");
    assert!(ids.len() >= 300, "only {} templates", ids.len());
    let unique: HashSet<_> = ids.iter().map(|x| x.1).collect();
    assert_eq!(unique.len(), ids.len(), "duplicate template ids");
    let mut g = generator(3);
    for (_, id) in &ids {
        for _ in 0..20 {
            let (ex, written) = g.sentence_from_with_written(id).expect("known id");
            check_example(&ex, &written);
            assert!(!ex.text.is_empty(), "{id} rendered nothing");
            assert!(
                !ex.text.contains("  "),
                "{id}: double space in {:?}",
                ex.text
            );
            assert!(
                !ex.text.contains(" ,") && !ex.text.contains(" ."),
                "{id}: {:?}",
                ex.text
            );
            assert!(
                !ex.text.contains('{') && !ex.text.contains('<'),
                "{id}: {:?}",
                ex.text
            );
        }
    }
    assert!(g.sentence_from("no-such-template").is_none());
}

#[test]
fn deterministic_for_a_seed() {
    let (mut a, mut b, mut c) = (generator(42), generator(42), generator(43));
    let xa: Vec<Example> = (0..500).map(|_| a.sentence()).collect();
    let xb: Vec<Example> = (0..500).map(|_| b.sentence()).collect();
    let xc: Vec<Example> = (0..500).map(|_| c.sentence()).collect();
    assert_eq!(xa, xb);
    assert_ne!(xa, xc);
}

#[test]
fn conll_round_trip() {
    let mut g = generator(11);
    for labels in [LabelSet::Ner, LabelSet::All] {
        let examples: Vec<Example> = (0..2000).map(|_| g.sentence()).collect();
        let mut buf = Vec::new();
        for ex in &examples {
            write_conll(&mut buf, ex, labels).unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        let blocks = read_blocks(&text);
        assert_eq!(blocks.len(), examples.len());
        for (ex, block) in examples.iter().zip(&blocks) {
            let toks = tokenize(&ex.text, &ex.spans);
            let chars: Vec<char> = ex.text.chars().collect();
            let tok_text: Vec<String> = toks
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect();
            let read_toks: Vec<&str> = block.iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(read_toks, tok_text, "tokens of {:?}", ex.text);
            let no_ws: String = ex.text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(read_toks.concat(), no_ws);
            // Spans from the tags, mapped back to chars, are the example's spans.
            let tags: Vec<&str> = block.iter().map(|(_, t)| t.as_str()).collect();
            let got: Vec<(usize, usize, String)> = decode_iob(&tags)
                .into_iter()
                .map(|(a, b, l)| (toks[a].0, toks[b - 1].1, l))
                .collect();
            let want: Vec<(usize, usize, String)> =
                ex.with_labels(labels).spans.into_iter().collect();
            assert_eq!(got, want, "spans of {:?}", ex.text);
        }
    }
}

#[test]
fn jsonl_lines_carry_text_spans_and_kind() {
    let mut g = generator(5);
    for _ in 0..300 {
        let ex = g.sentence();
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &ex, LabelSet::Ner).unwrap();
        let line = String::from_utf8(buf).unwrap();
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["text"], ex.text.as_str());
        assert_eq!(v["kind"], ex.kind);
        let spans = v["spans"].as_array().unwrap();
        let want = ex.with_labels(LabelSet::Ner).spans;
        assert_eq!(spans.len(), want.len());
        for (j, (s, e, l)) in spans.iter().zip(&want) {
            assert_eq!(j["start"].as_u64().unwrap() as usize, *s);
            assert_eq!(j["end"].as_u64().unwrap() as usize, *e);
            assert_eq!(j["label"], l.as_str());
            assert!(["PER", "ORG", "LOC"].contains(&l.as_str()));
        }
    }
}

#[test]
fn label_and_template_variety() {
    let mut g = generator(1);
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut kinds = HashSet::new();
    for _ in 0..1000 {
        let ex = g.sentence();
        kinds.insert(ex.kind.trim_start_matches("para:"));
        for s in &ex.spans {
            *labels.entry(s.2.clone()).or_default() += 1;
        }
    }
    for l in [
        "PER", "ORG", "LOC", "ROLE", "INDEX", "SCORE", "RANK", "DATE", "DOC",
    ] {
        assert!(
            labels.get(l).copied().unwrap_or(0) > 0,
            "no {l} in 1000 examples: {labels:?}"
        );
    }
    for l in ["PER", "ORG", "LOC"] {
        assert!(labels[l] >= 300, "only {} {l} in 1000 examples", labels[l]);
    }
    assert!(
        kinds.len() >= 150,
        "only {} template kinds in 1000 examples",
        kinds.len()
    );
}

#[test]
fn person_spans_are_names_only() {
    // Honorifics and title words never inside a PER span (words that are also name syllables,
    // like "Anh" or "Thư", are checked as the two-word titles they form).
    const WORDS: &[&str] = &[
        "ông", "bà", "chị", "em", "cụ", "ts.", "pgs.ts", "gs.ts", "ths.", "bs.", "ubnd", "hlv",
        "vđv", "nsnd", "nsưt",
    ];
    const BIGRAMS: &[&str] = &[
        "đồng chí",
        "chủ tịch",
        "giám đốc",
        "bộ trưởng",
        "bí thư",
        "thủ tướng",
        "ca sĩ",
        "tiền đạo",
        "thứ trưởng",
        "hiệu trưởng",
        "tỉnh ủy",
        "bác sĩ",
    ];
    let mut g = generator(9);
    for _ in 0..5000 {
        let ex = g.sentence();
        for (s, e, l) in &ex.spans {
            let t = sub(&ex.text, *s, *e);
            match l.as_str() {
                "PER" => {
                    let first = t.chars().next().unwrap();
                    assert!(
                        first.is_uppercase(),
                        "PER {t:?} not capitalized in {:?}",
                        ex.text
                    );
                    let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
                    for w in &words {
                        assert!(!WORDS.contains(&w.as_str()), "PER {t:?} in {:?}", ex.text);
                    }
                    for pair in words.windows(2) {
                        let bigram = format!("{} {}", pair[0], pair[1]);
                        assert!(
                            !BIGRAMS.contains(&bigram.as_str()),
                            "PER {t:?} in {:?}",
                            ex.text
                        );
                    }
                }
                "LOC" if t.starts_with(char::is_lowercase) => {
                    let w = fold(t.split_whitespace().next().unwrap());
                    let ok = [
                        "tinh", "thanh", "huyen", "quan", "thi", "xa", "phuong", "thon", "ap",
                        "ban", "lang", "xom", "dac", "chau", "dong", "duyen", "mien",
                    ];
                    assert!(ok.contains(&w.as_str()), "LOC {t:?} in {:?}", ex.text);
                }
                _ => {}
            }
        }
    }
}

#[test]
fn spot_check_examples() {
    // Read these (`cargo test --test synth spot_check -- --nocapture`): they should read like
    // Vietnamese news, with the marked spans where an annotator would put them.
    let mut g = generator(2024);
    for i in 0..30 {
        let ex = g.sentence().with_labels(LabelSet::All);
        let marks: Vec<String> = ex
            .spans
            .iter()
            .map(|(s, e, l)| format!("{l}:{}", sub(&ex.text, *s, *e)))
            .collect();
        eprintln!(
            "{i:2} [{}] {}\n     {}",
            ex.kind,
            ex.text,
            marks.join(" | ")
        );
    }
}
