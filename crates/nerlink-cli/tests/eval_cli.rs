//! `nerlink eval` end to end: a file against itself, CoNLL gold aligned by characters onto JSONL
//! predictions (other tokenization), the seeds' gold against predictions built from it, relation
//! keys with normalization, `--labels`, `--errors`, `--json` and `--min-f1`, several relation
//! gold files, the score.py summary line, and a gold file given to the wrong flag.

use std::path::{Path, PathBuf};

mod common;
use common::repo_root;
use std::process::{Command, Output};

use serde_json::{json, Value};

fn nerlink(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nerlink"))
        .args(args)
        .output()
        .unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Code-point offsets of `needle` in `text`.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).expect("needle");
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn entity(text: &str, id: &str, label: &str, needle: &str) -> Value {
    let (s, e) = find(text, needle);
    json!({"id": id, "label": label, "start": s, "end": e, "text": needle, "score": 1.0,
           "source": "rule", "norm": null})
}

const T1: &str = "Sáng 12/5/2024, Chủ tịch UBND tỉnh Lâm Hà Lê Minh Tâm làm việc với Sở Nội vụ.\nTheo Quyết định số 45/QĐ-UBND, tỉnh Lâm Hà đạt 88,01 điểm Chỉ số PAR INDEX năm 2023, xếp thứ 9/63.";
const T2: &str = "Ông Đỗ Quang Huy, Giám đốc Sở Nội vụ tỉnh Hòa Lạc, chủ trì hội nghị.";

/// An extract-style JSONL with two documents.
fn pred_docs() -> Vec<Value> {
    let e1 = vec![
        entity(T1, "T1", "DATE", "12/5/2024"),
        entity(T1, "T2", "ROLE", "Chủ tịch"),
        entity(T1, "T3", "ORG", "UBND tỉnh Lâm Hà"),
        entity(T1, "T4", "PER", "Lê Minh Tâm"),
        entity(T1, "T5", "ORG", "Sở Nội vụ"),
        entity(T1, "T6", "DOC", "Quyết định số 45/QĐ-UBND"),
        entity(T1, "T7", "SCORE", "88,01 điểm"),
        entity(T1, "T8", "INDEX", "PAR INDEX"),
        entity(T1, "T9", "RANK", "thứ 9/63"),
    ];
    let e2 = vec![
        entity(T2, "T1", "PER", "Đỗ Quang Huy"),
        entity(T2, "T2", "ROLE", "Giám đốc"),
        entity(T2, "T3", "ORG", "Sở Nội vụ tỉnh Hòa Lạc"),
    ];
    let rels1 = json!([
        {"id": "R1", "type": "official", "args": {"person": "T4", "role": "T2"},
         "values": {"person": "Lê Minh Tâm", "role": "Chủ tịch", "org": "UBND tỉnh", "province": "Lâm Hà"},
         "evidence": {"start": 0, "end": 10}, "rule": "t", "score": 1.0},
        {"id": "R2", "type": "index_result", "args": {"index": "T8", "score": "T7"},
         "values": {"index": "PAR INDEX", "province": "Lâm Hà", "year": 2023, "score": 88.01, "rank": 9, "rank_of": 63},
         "evidence": {"start": 79, "end": 150}, "rule": "t", "score": 1.0},
        {"id": "R3", "type": "document", "args": {"doc": "T6"},
         "values": {"ref": "45/QĐ-UBND", "kind": "Quyết định", "date": null, "signer": null},
         "evidence": {"start": 79, "end": 150}, "rule": "t", "score": 1.0}
    ]);
    let rels2 = json!([
        {"id": "R1", "type": "official", "args": {"person": "T1", "role": "T2"},
         "values": {"person": "Đỗ Quang Huy", "role": "Giám đốc", "org": "Sở Nội vụ", "province": "Hòa Lạc"},
         "evidence": {"start": 0, "end": 40}, "rule": "t", "score": 1.0}
    ]);
    vec![
        json!({"id": "doc1", "source": "in/doc1.txt", "meta": {}, "entities": e1, "relations": rels1, "errors": [], "text": T1}),
        json!({"id": "doc2", "source": "in/doc2.txt", "meta": {}, "entities": e2, "relations": rels2, "errors": [], "text": T2}),
    ]
}

fn write_lines(path: &Path, lines: &[Value]) {
    let s: Vec<String> = lines.iter().map(|v| v.to_string()).collect();
    std::fs::write(path, s.join("\n") + "\n").unwrap();
}

fn json_out(o: &Output) -> Value {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn a_file_against_itself_is_perfect() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    write_lines(&pred, &pred_docs());
    let o = nerlink(&[
        "eval",
        "--gold",
        p(&pred),
        "--pred",
        p(&pred),
        "--gold-relations",
        p(&pred),
        "--json",
        "--min-f1",
        "1.0",
    ]);
    let v = json_out(&o);
    for scheme in ["strict", "exact", "partial", "type"] {
        assert_eq!(v["entities"]["micro"][scheme]["f1"], json!(1.0), "{scheme}");
        assert_eq!(
            v["entities"]["macro_avg"][scheme]["f1"],
            json!(1.0),
            "{scheme}"
        );
    }
    for (label, res) in v["entities"]["per_label"].as_object().unwrap() {
        assert_eq!(res["strict"]["f1"], json!(1.0), "{label}");
    }
    assert_eq!(v["entities"]["micro"]["strict"]["cor"], json!(12));
    for t in ["official", "index_result", "document"] {
        assert_eq!(v["relations"]["per_type"][t]["f1"], json!(1.0), "{t}");
    }
    // the readable table says the same
    let o = nerlink(&["eval", "--gold", p(&pred), "--pred", p(&pred)]);
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(
        table.contains(
            "strict       12     0     0     0     0    12    12     1.0000  1.0000  1.0000"
        ),
        "{table}"
    );
}

#[test]
fn conll_gold_is_aligned_by_characters() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    write_lines(&pred, &pred_docs());
    // gold written with word tokens joined by "_" (VLSP style), extra columns, another sentence
    // split, NFD text for one word, and one difference: "Lê Minh" instead of "Lê Minh Tâm"
    let nfd_tam = "Ta\u{302}m";
    let gold = format!(
        "-DOCSTART- -X- O O\n\nSáng N O\n12/5/2024 M B-DATE\n, CH O\nChủ_tịch N B-ROLE\nUBND Np B-ORG\ntỉnh N I-ORG\nLâm_Hà Np I-ORG\nLê_Minh Np B-PER\n{nfd_tam} Np O\nlàm_việc V O\nvới E O\nSở_Nội_vụ Np B-ORG\n. CH O\n\n\
         Theo E O\nQuyết_định N B-DOC\nsố N I-DOC\n45/QĐ-UBND M I-DOC\n, CH O\ntỉnh N O\nLâm_Hà Np O\nđạt V O\n88,01 M B-SCORE\nđiểm N I-SCORE\nChỉ_số N O\nPAR Np B-INDEX\nINDEX Np I-INDEX\nnăm N O\n2023 M O\n, CH O\nxếp V O\nthứ N B-RANK\n9/63 M I-RANK\n. CH O\n\n\
         -DOCSTART- -X- O O\n\nÔng N O\nĐỗ_Quang_Huy Np B-PER\n, CH O\nGiám_đốc N B-ROLE\nSở_Nội_vụ Np B-ORG\ntỉnh N I-ORG\nHòa_Lạc Np I-ORG\n, CH O\nchủ_trì V O\nhội_nghị N O\n. CH O\n"
    );
    let gold_path = dir.path().join("gold.conll");
    std::fs::write(&gold_path, gold).unwrap();
    let v = json_out(&nerlink(&[
        "eval",
        "--gold",
        p(&gold_path),
        "--pred",
        p(&pred),
        "--json",
    ]));
    let e = &v["entities"];
    assert_eq!(e["documents"], json!(2));
    // 12 gold entities; PER "Lê Minh" vs pred "Lê Minh Tâm": strict INC, partial PAR
    assert_eq!(e["micro"]["strict"]["cor"], json!(11));
    assert_eq!(e["micro"]["strict"]["inc"], json!(1));
    assert_eq!(e["micro"]["partial"]["par"], json!(1));
    assert_eq!(e["micro"]["type"]["cor"], json!(12));
    // --labels restricts both sides
    let v = json_out(&nerlink(&[
        "eval",
        "--gold",
        p(&gold_path),
        "--pred",
        p(&pred),
        "--json",
        "--labels",
        "ORG,LOC",
    ]));
    assert_eq!(v["entities"]["labels"], json!(["LOC", "ORG"]));
    assert_eq!(v["entities"]["micro"]["strict"]["f1"], json!(1.0));
    assert_eq!(v["entities"]["micro"]["strict"]["cor"], json!(3));

    // the exporter's own CoNLL, read back as gold, gives 1.0
    let conll = dir.path().join("own.conll");
    let o = nerlink(&["export", "--format", "conll", p(&pred), "-o", p(&conll)]);
    assert!(o.status.success());
    let v = json_out(&nerlink(&[
        "eval",
        "--gold",
        p(&conll),
        "--pred",
        p(&pred),
        "--json",
    ]));
    assert_eq!(v["entities"]["micro"]["strict"]["f1"], json!(1.0));
    // and CoNLL predictions against JSONL gold that has text
    let v = json_out(&nerlink(&[
        "eval",
        "--gold",
        p(&pred),
        "--pred",
        p(&conll),
        "--json",
    ]));
    assert_eq!(v["entities"]["micro"]["strict"]["f1"], json!(1.0));

    // a CoNLL whose text differs is an error that says where
    std::fs::write(&gold_path, "Sáng O\n13/5/2024 B-DATE\n").unwrap();
    let o = nerlink(&["eval", "--gold", p(&gold_path), "--pred", p(&pred)]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not match"));
}

#[test]
fn errors_listing_and_min_f1() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    write_lines(&gold, &pred_docs());
    let mut docs = pred_docs();
    // drop the PER of doc2 and relabel its ROLE
    let ents = docs[1]["entities"].as_array_mut().unwrap();
    ents.remove(0);
    ents[0]["label"] = json!("ORG");
    let pred = dir.path().join("pred.jsonl");
    write_lines(&pred, &docs);
    let o = nerlink(&[
        "eval",
        "--gold",
        p(&gold),
        "--pred",
        p(&pred),
        "--errors",
        "--min-f1",
        "0.95",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "strict F1 = 10/11 (P) and 10/12 (R) < 0.95"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("missed") && out.contains("\"Đỗ Quang Huy\""),
        "{out}"
    );
    assert!(out.contains("wrong_label"), "{out}");
    assert!(
        out.contains("| Ông Đỗ Quang Huy, Giám đốc Sở Nội vụ tỉnh Hòa Lạc, chủ trì hội nghị."),
        "{out}"
    );
    let o = nerlink(&[
        "eval",
        "--gold",
        p(&gold),
        "--pred",
        p(&pred),
        "--min-f1",
        "0.8",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v = json_out(&nerlink(&[
        "eval",
        "--gold",
        p(&gold),
        "--pred",
        p(&pred),
        "--json",
        "--errors",
    ]));
    assert_eq!(v["entities"]["errors"].as_array().unwrap().len(), 2);
}

#[test]
fn relation_keys_are_normalized() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    write_lines(&pred, &pred_docs());
    // gold with other spellings: case, province prefix, old tone placement, no diacritics,
    // spaced ref, file name id (the year is compared as the JSON value, as score.py does)
    let gold = vec![
        json!({"doc": "doc1.txt", "officials": [{"person": "LE MINH TAM", "role": "chủ tịch", "org": "UBND tỉnh", "province": "tỉnh Lâm Hà"}],
               "index_results": [{"index": "Chỉ số cải cách hành chính", "province": "TP Lâm Hà", "year": 2023.0, "score": "88.01", "rank": 9, "rank_of": 63}],
               "documents": [{"ref": "45/QĐ - UBND", "kind": "Quyết định", "date": null, "signer": null}]}),
        json!({"doc": "doc2.txt", "officials": [{"person": "Đỗ Quang Huy", "role": "Giám đốc", "org": "Sở Nội vụ", "province": "Hoà Lạc"}],
               "index_results": [], "documents": []}),
    ];
    let gold_path = dir.path().join("gold.jsonl");
    write_lines(&gold_path, &gold);
    let v = json_out(&nerlink(&[
        "eval",
        "--gold-relations",
        p(&gold_path),
        "--pred",
        p(&pred),
        "--json",
        "--min-f1",
        "1",
    ]));
    assert_eq!(v["relations"]["micro"]["f1"], json!(1.0), "{v:#}");

    // a wrong rank: the index result is both a miss and a false positive
    let mut g2 = gold.clone();
    g2[0]["index_results"][0]["rank"] = json!(10);
    write_lines(&gold_path, &g2);
    let o = nerlink(&[
        "eval",
        "--gold-relations",
        p(&gold_path),
        "--pred",
        p(&pred),
        "--json",
        "--errors",
        "--min-f1",
        "0.9",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "relations F1 (officials + index results) 2/3 < 0.9 when only relations are evaluated"
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ir = &v["relations"]["per_type"]["index_result"];
    assert_eq!(
        (ir["tp"].clone(), ir["fp"].clone(), ir["fn"].clone()),
        (json!(0), json!(1), json!(1))
    );
    let kinds: Vec<&str> = v["relations"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    // one error for the wrong value, as score.py lists it
    assert_eq!(kinds, vec!["wrong_values"]);
    assert_eq!(v["relations"]["all"]["f1"].as_f64().unwrap(), 2.0 / 3.0);
    assert_eq!(
        v["relations"]["summary"],
        json!("relations F1 0.667 (official 1.000, index 0.000; documents 1.000; missing docs 0)")
    );
}

#[test]
fn several_relation_gold_files_and_the_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    write_lines(&pred, &pred_docs());
    let off = |person: &str, role: &str, province: &str| json!({"person": person, "role": role, "org": null, "province": province});
    // file 1: doc1 with a wrong official, doc2 right, doc3 (not predicted)
    let g1 = dir.path().join("g1.jsonl");
    write_lines(
        &g1,
        &[
            json!({"doc": "doc1", "officials": [off("Lê Minh Tâm", "Phó Chủ tịch", "Lâm Hà")], "index_results": [], "documents": []}),
            json!({"doc": "doc2", "officials": [off("Đỗ Quang Huy", "Giám đốc", "Hòa Lạc")], "index_results": [], "documents": []}),
            json!({"doc": "doc3", "officials": [off("Vũ Thị Lan", "Bí thư", "Lâm Hà")], "index_results": [], "documents": []}),
        ],
    );
    // file 2 replaces doc1 (by file stem) with the right gold
    let g2 = dir.path().join("g2.jsonl");
    write_lines(
        &g2,
        &[
            json!({"doc": "x/doc1.txt", "officials": [off("Lê Minh Tâm", "Chủ tịch", "tỉnh Lâm Hà")],
                 "index_results": [{"index": "PAR INDEX", "province": "Lâm Hà", "year": 2023, "score": 88.01, "rank": 9}],
                 "documents": [{"ref": "45/QĐ-UBND", "kind": "Quyết định", "date": null, "signer": null}]}),
        ],
    );
    for args in [
        vec!["--gold-relations", p(&g1), p(&g2)],
        vec!["--gold-relations", p(&g1), "--gold-relations", p(&g2)],
    ] {
        let mut all = vec!["eval", "--pred", p(&pred), "--json"];
        all.extend(args);
        let v = json_out(&nerlink(&all));
        let r = &v["relations"];
        assert_eq!(r["documents"], json!(3), "{r:#}");
        assert_eq!(r["missing_docs"], json!(["doc3"]));
        assert_eq!(
            (
                r["all"]["tp"].clone(),
                r["all"]["fp"].clone(),
                r["all"]["fn"].clone()
            ),
            (json!(3), json!(0), json!(1))
        );
        assert_eq!(
            r["per_type"]["official"]["org_correct_of_matched"],
            json!(0)
        );
        assert_eq!(r["per_type"]["index_result"]["key_hits"], json!(1));
    }
    // the table ends with score.py's line, after the error listing
    let o = nerlink(&[
        "eval",
        "--gold-relations",
        p(&g1),
        p(&g2),
        "--pred",
        p(&pred),
        "--errors",
    ]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("missing from the predictions (1): doc3"),
        "{out}"
    );
    assert!(out.contains("doc3  missed"), "{out}");
    assert_eq!(
        out.trim_end().lines().last().unwrap(),
        "relations F1 0.857 (official 0.800, index 1.000; documents 1.000; missing docs 1)",
        "{out}"
    );
}

#[test]
fn a_gold_file_given_to_the_wrong_flag_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    write_lines(&pred, &pred_docs());
    let rel_gold = dir.path().join("rel.jsonl");
    write_lines(
        &rel_gold,
        &[
            json!({"doc": "doc1", "officials": [{"person": "Lê Minh Tâm", "role": "Chủ tịch", "org": null, "province": "Lâm Hà"}],
                 "index_results": [], "documents": [], "excluded_roles": []}),
        ],
    );
    let ent_gold = dir.path().join("ent.jsonl");
    write_lines(
        &ent_gold,
        &[
            json!({"doc": "doc1", "entities": [{"start": 0, "end": 4, "label": "PER", "text": "Sáng"}]}),
        ],
    );
    let conll = dir.path().join("ent.conll");
    std::fs::write(
        &conll,
        "Sáng B-DATE
",
    )
    .unwrap();

    // relations gold as --gold (alone, and next to a right --gold-relations)
    for extra in [vec![], vec!["--gold-relations", p(&rel_gold)]] {
        let mut args = vec!["eval", "--gold", p(&rel_gold), "--pred", p(&pred)];
        args.extend(extra);
        let o = nerlink(&args);
        assert!(
            !o.status.success(),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("this looks like a relations gold file: use --gold-relations"),
            "{err}"
        );
        assert!(o.stdout.is_empty(), "no scores printed");
    }
    // entity gold (JSONL or CoNLL) as --gold-relations, also as the second file
    for files in [vec![p(&ent_gold)], vec![p(&rel_gold), p(&conll)]] {
        let mut args = vec!["eval", "--pred", p(&pred), "--gold-relations"];
        args.extend(files);
        let o = nerlink(&args);
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("this looks like an entity gold file: use --gold"),
            "{err}"
        );
    }
    // the right flags work
    let o = nerlink(&[
        "eval",
        "--gold",
        p(&ent_gold),
        "--gold-relations",
        p(&rel_gold),
        "--pred",
        p(&pred),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn shared_gold() -> PathBuf {
    repo_root().join("../shared/gold")
}

#[test]
fn seeds_gold_against_itself() {
    let gold_dir = shared_gold();
    let entities = gold_dir.join("seeds.entities.jsonl");
    let relations = gold_dir.join("seeds.gold.jsonl");
    if !entities.exists() {
        eprintln!("skipped: {} not found", entities.display());
        return;
    }
    // predictions in extract format, built from the gold: id = file stem, texts read at run time
    let dir = tempfile::tempdir().unwrap();
    let rel_gold: Vec<Value> = std::fs::read_to_string(&relations)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut preds = Vec::new();
    for line in std::fs::read_to_string(&entities).unwrap().lines() {
        let g: Value = serde_json::from_str(line).unwrap();
        let name = g["doc"].as_str().unwrap();
        let stem = name.trim_end_matches(".txt");
        let text = std::fs::read_to_string(gold_dir.join("../seeds").join(name)).ok();
        let ents: Vec<Value> = g["entities"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, e)| json!({"id": format!("T{}", i + 1), "label": e["label"], "start": e["start"], "end": e["end"],
                                  "text": e["text"], "score": 1.0, "source": "rule", "norm": null}))
            .collect();
        let rg = rel_gold.iter().find(|r| r["doc"] == g["doc"]).unwrap();
        let mut rels = Vec::new();
        for (field, kind) in [
            ("officials", "official"),
            ("index_results", "index_result"),
            ("documents", "document"),
        ] {
            for (i, f) in rg[field].as_array().unwrap().iter().enumerate() {
                rels.push(
                    json!({"id": format!("R{kind}{i}"), "type": kind, "args": {}, "values": f,
                                 "evidence": {"start": 0, "end": 0}, "rule": "gold", "score": 1.0}),
                );
            }
        }
        let mut doc = json!({"id": stem, "source": format!("seeds/{name}"), "meta": {}, "entities": ents,
                             "relations": rels, "errors": []});
        if let Some(t) = text {
            doc["text"] = json!(t);
        }
        preds.push(doc);
    }
    let pred = dir.path().join("pred.jsonl");
    write_lines(&pred, &preds);
    let v = json_out(&nerlink(&[
        "eval",
        "--gold",
        p(&entities),
        "--gold-relations",
        p(&relations),
        "--pred",
        p(&pred),
        "--json",
        "--min-f1",
        "1.0",
    ]));
    assert_eq!(v["entities"]["documents"], json!(5));
    for scheme in ["strict", "exact", "partial", "type"] {
        assert_eq!(v["entities"]["micro"][scheme]["f1"], json!(1.0));
    }
    assert_eq!(v["relations"]["micro"]["f1"], json!(1.0));
    assert!(v["notes"].as_array().unwrap().is_empty(), "{}", v["notes"]);
}
