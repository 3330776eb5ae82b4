//! The transformer NER engine end to end, on the tiny random-weight model in
//! `tests/fixtures/tiny-ner/` (override with `NERLINK_TEST_MODEL=DIR`). ONNX Runtime is found
//! the way the CLI finds it (`ORT_DYLIB_PATH`, else `.cache/ort/` from `make ort`).
//!
//! The model's weights are random, so these tests check the engine's contracts (offsets,
//! windows, batching, workers, agreement with Python onnxruntime), not entity quality.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nerlink::ner::decode::{self, Aggregation, Decoding};
use nerlink::ner::window::chunk_ranges;
use nerlink::ner::{NerEngine, NerOptions};
use nerlink::stage::InFlight;
use nerlink::{Document, Entity, EntitySource};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn model_dir() -> PathBuf {
    match std::env::var_os("NERLINK_TEST_MODEL") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-ner"),
    }
}

fn options() -> NerOptions {
    NerOptions {
        model_dir: model_dir(),
        threads: 2,
        ..Default::default()
    }
}

fn engine_with(f: impl FnOnce(&mut NerOptions)) -> NerEngine {
    let mut o = options();
    f(&mut o);
    NerEngine::load(&o).unwrap_or_else(|e| panic!("loading {}: {e:#}", o.model_dir.display()))
}

fn run(engine: &NerEngine, texts: &[(String, String)]) -> Vec<InFlight> {
    let mut docs: Vec<InFlight> = texts
        .iter()
        .map(|(id, t)| InFlight::analyzed(Document::new(id.clone(), "test", t.clone())))
        .collect();
    engine.annotate(&mut docs).expect("annotate");
    docs
}

/// The seed articles in shared/seeds (beside the repo).
fn seeds() -> Vec<(String, String)> {
    let dir = match std::env::var_os("NERLINK_SEEDS") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"),
    };
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading seeds in {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("seed text");
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, text.trim_start_matches('\u{feff}').to_string())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seed .txt files in {}", dir.display());
    out
}

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

/// The engine's contract for every entity of a document.
fn check_entities(item: &InFlight, labels: &BTreeSet<String>) {
    let doc = &item.doc;
    let text = doc.text();
    let a = item.analysis.as_ref().expect("analysis");
    let mut prev_end = 0;
    let mut sorted: Vec<&Entity> = doc.entities.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    for e in sorted {
        assert_eq!(e.text, chars(text, e.start, e.end), "{}: {e:?}", doc.id);
        assert!(e.start < e.end, "{e:?}");
        assert_eq!(e.source, EntitySource::Model);
        assert!(e.id.is_empty() && e.norm.is_none(), "{e:?}");
        assert!(e.score > 0.0 && e.score <= 1.0, "{e:?}");
        assert!(labels.contains(&e.label.to_string()), "{e:?}");
        assert!(
            e.start >= prev_end,
            "{}: overlapping entities at {e:?}",
            doc.id
        );
        assert_eq!(e.text.trim(), e.text, "{e:?}");
        prev_end = e.end;
        let n = a.norm.from_orig(e.start);
        assert!(
            !a.in_boilerplate(n),
            "{}: entity in a boilerplate line: {e:?}",
            doc.id
        );
        assert!(
            a.sentence_at(n).is_some(),
            "{}: entity outside sentences: {e:?}",
            doc.id
        );
    }
}

fn entity_types(engine: &NerEngine) -> BTreeSet<String> {
    engine.info().entity_types.into_iter().collect()
}

/// Entities as comparable tuples (score rounded away from float noise when `exact` is false).
fn keys(docs: &[InFlight], exact: bool) -> Vec<Vec<(String, usize, usize, String)>> {
    docs.iter()
        .map(|d| {
            d.doc
                .entities
                .iter()
                .map(|e| {
                    let s = if exact {
                        format!("{:08x}", e.score.to_bits())
                    } else {
                        format!("{:.4}", e.score)
                    };
                    (e.label.to_string(), e.start, e.end, s)
                })
                .collect()
        })
        .collect()
}

const NAMES: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thu Hà",
];
const ORGS: &[&str] = &[
    "Sở Nội vụ",
    "UBND tỉnh Nghệ An",
    "Bộ Y tế",
    "Tỉnh ủy Khánh Hoà",
    "Ban Chỉ đạo cải cách hành chính",
];
const PLACES: &[&str] = &[
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Đắk Lắk",
];

/// A generated Vietnamese sentence (deterministic in `i`).
fn sentence(i: usize) -> String {
    let n = NAMES[i % NAMES.len()];
    let o = ORGS[(i / 2) % ORGS.len()];
    let p = PLACES[(i / 3) % PLACES.len()];
    match i % 4 {
        0 => format!(
            "Ông {n}, Giám đốc {o}, cho biết năm 2021 Chỉ số PAR INDEX của {p} đạt 81,47 điểm."
        ),
        1 => format!("Theo {o}, tổng vốn đầu tư tại {p} là 5.975,74 tỷ đồng (tăng 12,5%)."),
        2 => format!("Bà {n} làm việc với {o} tại {p} về công tác cán bộ."),
        _ => format!("{p} xếp hạng 21/63 tỉnh, thành phố; {o} đã triển khai nhiều nhiệm vụ."),
    }
}

/// A long article: title, date line, many sentences and one run-on sentence of `run_on`
/// clauses (no sentence break), then more sentences.
fn long_article(sentences: usize, run_on: usize) -> String {
    let mut t = String::from("Cải cách hành chính năm 2022\n\n14/07/2022 - 06:52\n\n");
    for i in 0..sentences / 2 {
        t.push_str(&sentence(i));
        t.push(' ');
        if i % 5 == 4 {
            t.push_str("\n\n");
        }
    }
    let clauses: Vec<String> = (0..run_on)
        .map(|i| {
            format!(
                "{} cùng {} ở {}",
                NAMES[i % NAMES.len()],
                ORGS[(i * 3) % ORGS.len()],
                PLACES[(i * 7) % PLACES.len()]
            )
        })
        .collect();
    t.push_str("\n\nĐại biểu gồm ");
    t.push_str(&clauses.join(", "));
    t.push_str(".\n\n");
    for i in sentences / 2..sentences {
        t.push_str(&sentence(i));
        t.push(' ');
    }
    t.push('\n');
    t
}

#[test]
fn end_to_end_vietnamese() {
    let engine = engine_with(|_| {});
    let info = engine.info();
    assert!(!info.labels.is_empty());
    assert!(info.entity_types.iter().all(|t| !t.is_empty()));
    let text = "Phó Giám đốc Sở Tài chính tỉnh Cà Mau Trần Minh Khải cho biết, năm 2022 Chỉ số \
                PAR INDEX đạt 81,47 điểm, xếp hạng 21/63 tỉnh, thành phố cả nước.\n\
                Ông Nguyễn Văn An làm việc tại Hà Nội. Bộ Y tế họp với UBND tỉnh Khánh Hoà.\n";
    let docs = run(&engine, &[("vi".into(), text.into())]);
    check_entities(&docs[0], &entity_types(&engine));
    assert!(
        !docs[0].doc.entities.is_empty(),
        "the fixture model found nothing"
    );
    // the same text in NFD with old-style tone marks maps back to its own code points
    let nfd: String = text.replace("Hòa", "Hoà").nfd().collect();
    let docs = run(&engine, &[("nfd".into(), nfd)]);
    check_entities(&docs[0], &entity_types(&engine));
}

#[test]
fn offsets_on_all_seeds() {
    let engine = engine_with(|o| o.max_tokens = 48);
    let types = entity_types(&engine);
    let mut texts = seeds();
    // the same articles decomposed (NFD), with CRLF line ends: offsets must still be exact
    let variants: Vec<(String, String)> = texts
        .iter()
        .map(|(id, t)| {
            (
                format!("{id}-nfd"),
                t.nfd().collect::<String>().replace('\n', "\r\n"),
            )
        })
        .collect();
    texts.extend(variants);
    let docs = run(&engine, &texts);
    let mut total = 0;
    for d in &docs {
        assert!(d.doc.errors.is_empty(), "{}: {:?}", d.doc.id, d.doc.errors);
        check_entities(d, &types);
        total += d.doc.entities.len();
    }
    assert!(total > 0, "no entities on any seed");
    // the NFD variants find the same entities (the model sees the same normalized text)
    let n = docs.len() / 2;
    for (a, b) in docs[..n].iter().zip(&docs[n..]) {
        let la: Vec<(&str, String)> = a
            .doc
            .entities
            .iter()
            .map(|e| (e.label.as_str(), e.text.nfc().collect()))
            .collect();
        let lb: Vec<(&str, String)> = b
            .doc
            .entities
            .iter()
            .map(|e| (e.label.as_str(), e.text.nfc().collect()))
            .collect();
        assert_eq!(la.len(), lb.len(), "{} vs {}", a.doc.id, b.doc.id);
        assert_eq!(la, lb, "{} vs {}", a.doc.id, b.doc.id);
    }
}

/// A sentence longer than several windows: the engine's entities equal the ones decoded from
/// running each chunk separately and taking every token from the chunk where it is most
/// central, so no entity is lost or doubled at a chunk boundary.
#[test]
fn long_sentence_windows_match_chunk_by_chunk() {
    let engine = engine_with(|o| {
        o.max_tokens = 24;
        o.batch_size = 3;
    });
    let clauses: Vec<String> = (0..40)
        .map(|i| format!("{} tại {}", NAMES[i % 5], PLACES[(i * 3) % 5]))
        .collect();
    let text = format!("Đại biểu gồm {}.", clauses.join(", "));
    let docs = run(&engine, &[("long".into(), text.clone())]);
    let doc = &docs[0];
    check_entities(doc, &entity_types(&engine));
    let a = doc.analysis.as_ref().unwrap();
    assert_eq!(a.sentences.len(), 1, "the test text should be one sentence");
    let s = a.sentences[0];
    let view = &a.norm.norm;
    let st = view.slice(s.start, s.end);
    let enc = engine.tokenizer().encode(st, false).unwrap();
    let base = view.byte_at_char(s.start);
    let ids = enc.get_ids().to_vec();
    let spans: Vec<(usize, usize)> = enc
        .get_offsets()
        .iter()
        .map(|&(x, y)| (view.char_at_byte(base + x), view.char_at_byte(base + y)))
        .collect();
    let (pre, suf) = engine.special_tokens();
    let limit = engine.window_tokens() - pre.len() - suf.len();
    let chunks = chunk_ranges(ids.len(), limit, engine.stride());
    assert!(chunks.len() >= 5, "only {} chunks", chunks.len());
    let seqs: Vec<Vec<u32>> = chunks
        .iter()
        .map(|&(x, y)| [pre, &ids[x..y], suf].concat())
        .collect();
    let logits = engine.logits(&seqs).unwrap();
    let nl = engine.labels().len();
    let mut probs = Vec::with_capacity(ids.len() * nl);
    for i in 0..ids.len() {
        // most central chunk; on a tie the later one
        let (best, &(x, _)) = chunks
            .iter()
            .enumerate()
            .filter(|(_, &(x, y))| x <= i && i < y)
            .max_by_key(|&(k, &(x, y))| ((i - x).min(y - 1 - i), k))
            .unwrap();
        let row = pre.len() + i - x;
        let mut p = logits[best][row * nl..(row + 1) * nl].to_vec();
        decode::softmax(&mut p);
        probs.extend(p);
    }
    let want = decode::decode_sentence(
        st,
        s.start,
        &spans,
        &probs,
        engine.labels(),
        Aggregation::default(),
        Decoding::default(),
    );
    let want: Vec<(String, usize, usize)> = want
        .into_iter()
        .map(|sp| {
            let (x, y) = a.norm.to_orig(sp.start, sp.end);
            (sp.kind, x, y)
        })
        .collect();
    let got: Vec<(String, usize, usize)> = doc
        .doc
        .entities
        .iter()
        .map(|e| (e.label.to_string(), e.start, e.end))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}

#[test]
fn long_document_is_covered_to_the_end() {
    let engine = engine_with(|o| o.max_tokens = 32);
    let text = long_article(60, 60);
    let docs = run(&engine, &[("article".into(), text.clone())]);
    let d = &docs[0];
    check_entities(d, &entity_types(&engine));
    let a = d.analysis.as_ref().unwrap();
    assert!(a.sentences.len() > 20);
    // entities all along the text: every fifth of it has some (nothing truncated)
    let n = text.chars().count();
    for part in 0..5 {
        let (lo, hi) = (n * part / 5, n * (part + 1) / 5);
        assert!(
            d.doc.entities.iter().any(|e| e.start >= lo && e.end <= hi),
            "no entity in chars {lo}..{hi}"
        );
    }
    // the same document with full-length windows is a different packing but the same contract
    let full = engine_with(|_| {});
    let docs = run(&full, &[("article".into(), text)]);
    check_entities(&docs[0], &entity_types(&full));
}

#[test]
fn batching_does_not_change_results() {
    let mut texts = seeds();
    texts.push(("long".into(), long_article(30, 30)));
    texts.push(("empty".into(), String::new()));
    texts.push(("short".into(), "Hà Nội.".into()));
    let engine = engine_with(|o| o.batch_size = 1);
    let base = run(&engine, &texts);
    for d in &base {
        check_entities(d, &entity_types(&engine));
    }
    for (bs, budget) in [(4, 0), (32, 0), (64, 2000)] {
        let docs = run(
            &engine_with(|o| {
                o.batch_size = bs;
                o.max_tokens_per_batch = budget;
            }),
            &texts,
        );
        assert_eq!(
            keys(&docs, false),
            keys(&base, false),
            "batch {bs}/{budget}"
        );
    }
    // one call with all documents == one call per document
    let engine = engine_with(|o| o.batch_size = 8);
    let together = run(&engine, &texts);
    let apart: Vec<InFlight> = texts
        .iter()
        .flat_map(|t| run(&engine, std::slice::from_ref(t)))
        .collect();
    assert_eq!(keys(&together, false), keys(&apart, false));
}

#[test]
fn workers_one_and_two_are_identical() {
    let mut texts = seeds();
    texts.push(("long".into(), long_article(40, 40)));
    let one = run(
        &engine_with(|o| {
            o.workers = 1;
            o.batch_size = 4;
        }),
        &texts,
    );
    let two_engine = engine_with(|o| {
        o.workers = 2;
        o.batch_size = 4;
    });
    assert_eq!(two_engine.info().workers, 2);
    assert_eq!(two_engine.info().intra_threads, 1);
    let two = run(&two_engine, &texts);
    assert_eq!(keys(&one, true), keys(&two, true));
    // and again: scheduling order differs from run to run, output does not
    let again = run(&two_engine, &texts);
    assert_eq!(keys(&two, true), keys(&again, true));
}

#[test]
fn aggregation_strategies_all_decode() {
    let text = long_article(12, 10);
    for agg in [Aggregation::First, Aggregation::Average, Aggregation::Max] {
        let engine = engine_with(|o| o.aggregation = agg);
        let docs = run(&engine, &[("a".into(), text.clone())]);
        check_entities(&docs[0], &entity_types(&engine));
        assert!(!docs[0].doc.entities.is_empty(), "{agg}");
    }
}

/// One sentence of the fixture's expected.json (written by training/make_tiny_model.py with
/// Python tokenizers + onnxruntime).
struct Expected {
    text: String,
    /// Token ids, `<s>` and `</s>` included.
    ids: Vec<u32>,
    /// UTF-8 byte offsets per token (specials `[0, 0]`).
    offsets_byte: Vec<(usize, usize)>,
    /// Argmax label id per token.
    labels: Vec<usize>,
    logits: Vec<Vec<f32>>,
}

fn expected() -> Vec<Expected> {
    let path = model_dir().join("expected.json");
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("expected.json parses");
    let ints = |x: &Value| -> Vec<u64> {
        x.as_array()
            .expect("an array")
            .iter()
            .map(|n| n.as_u64().expect("an integer"))
            .collect()
    };
    v["sentences"]
        .as_array()
        .expect("expected.json: sentences")
        .iter()
        .map(|c| Expected {
            text: c["text"].as_str().expect("text").to_string(),
            ids: ints(&c["ids"]).into_iter().map(|x| x as u32).collect(),
            offsets_byte: c["offsets_byte"]
                .as_array()
                .expect("offsets_byte")
                .iter()
                .map(|p| {
                    let p = ints(p);
                    (p[0] as usize, p[1] as usize)
                })
                .collect(),
            labels: ints(&c["labels"]).into_iter().map(|x| x as usize).collect(),
            logits: c["logits"]
                .as_array()
                .expect("logits")
                .iter()
                .map(|row| {
                    row.as_array()
                        .expect("a logits row")
                        .iter()
                        .map(|x| x.as_f64().expect("a number") as f32)
                        .collect()
                })
                .collect(),
        })
        .collect()
}

#[test]
fn argmax_matches_python_onnxruntime() {
    let cases = expected();
    assert!(!cases.is_empty());
    for workers in [1, 2] {
        let engine = engine_with(|o| o.workers = workers);
        let nl = engine.labels().len();
        for c in &cases {
            let enc = engine.tokenizer().encode(c.text.as_str(), true).unwrap();
            assert_eq!(
                enc.get_offsets(),
                &c.offsets_byte[..],
                "offsets of {:?}",
                c.text
            );
            let got = engine.classify_tokens(&c.text).unwrap();
            assert_eq!(got.ids, c.ids, "token ids of {:?}", c.text);
            assert_eq!(got.labels, c.labels, "argmax of {:?}", c.text);
            let logits = engine.logits(std::slice::from_ref(&c.ids)).unwrap();
            let flat: Vec<f32> = c.logits.iter().flatten().copied().collect();
            assert_eq!(logits[0].len(), c.ids.len() * nl);
            let diff = logits[0]
                .iter()
                .zip(&flat)
                .map(|(a, b)| (a - b).abs())
                .fold(0f32, f32::max);
            assert!(diff < 1e-3, "logits of {:?} differ by {diff}", c.text);
        }
        // all sentences in one padded batch: the same argmax
        let seqs: Vec<Vec<u32>> = cases.iter().map(|c| c.ids.clone()).collect();
        let batch = engine.logits(&seqs).unwrap();
        for (c, l) in cases.iter().zip(&batch) {
            let argmax: Vec<usize> = l
                .chunks(nl)
                .map(|r| {
                    (0..nl)
                        .max_by(|&a, &b| r[a].total_cmp(&r[b]).then(b.cmp(&a)))
                        .unwrap()
                })
                .collect();
            assert_eq!(argmax, c.labels, "batched argmax of {:?}", c.text);
        }
    }
}

#[test]
fn clear_errors() {
    let bad = |f: &dyn Fn(&mut NerOptions)| {
        let mut o = options();
        f(&mut o);
        format!("{:#}", NerEngine::load(&o).expect_err("should fail"))
    };
    let e = bad(&|o| o.model_dir = PathBuf::from("/nonexistent/model"));
    assert!(e.contains("/nonexistent/model"), "{e}");
    let e = bad(&|o| o.ort_lib = Some(PathBuf::from("/nonexistent/libonnxruntime.so")));
    assert!(e.contains("--ort-lib"), "{e}");
    let e = bad(&|o| o.max_tokens = 100_000);
    assert!(e.contains("--max-tokens"), "{e}");
    let e = bad(&|o| o.max_tokens = 2);
    assert!(e.contains("--max-tokens"), "{e}");
    let empty = tempfile::tempdir().unwrap();
    let e = bad(&|o| o.model_dir = empty.path().to_path_buf());
    assert!(e.contains("model.onnx"), "{e}");
}
