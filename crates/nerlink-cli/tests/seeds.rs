//! End-to-end checks on the five seed articles in ../shared/seeds (read at test time, never
//! copied): exact offsets, metadata, and the gold relations of ../shared/gold/seeds.gold.jsonl.

use std::path::PathBuf;

mod common;
use common::repo_root;
use std::process::Command;

use serde_json::Value;

fn shared() -> PathBuf {
    repo_root().join("../shared")
}

/// Run `nerlink extract --no-model` on the seeds and return the output lines by document id.
fn extract_seeds() -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_nerlink"))
        .args(["extract", "--no-model", "--quiet"])
        .arg(shared().join("seeds"))
        .output()
        .expect("running nerlink");
    assert!(
        out.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

#[test]
fn every_span_points_into_the_original_file() {
    let docs = extract_seeds();
    assert_eq!(docs.len(), 5);
    for d in &docs {
        let id = d["id"].as_str().unwrap();
        let original =
            std::fs::read_to_string(shared().join("seeds").join(format!("{id}.txt"))).unwrap();
        assert_eq!(
            d["text"].as_str().unwrap(),
            original.trim_start_matches('\u{feff}')
        );
        let n = original.chars().count();
        let ents = d["entities"].as_array().unwrap();
        assert!(!ents.is_empty(), "{id}: no entities");
        for e in ents {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert!(s < t && t <= n, "{id}: bad span {e}");
            assert_eq!(
                chars(&original, s, t),
                e["text"].as_str().unwrap(),
                "{id}: {e}"
            );
        }
        for r in d["relations"].as_array().unwrap() {
            let (s, t) = (
                r["evidence"]["start"].as_u64().unwrap() as usize,
                r["evidence"]["end"].as_u64().unwrap() as usize,
            );
            assert!(s < t && t <= n, "{id}: bad evidence {r}");
            for arg in r["args"].as_object().unwrap().values() {
                let arg = arg.as_str().unwrap();
                let e = ents
                    .iter()
                    .find(|e| e["id"] == arg)
                    .expect("relation arg is an entity id");
                assert!(
                    e["start"].as_u64().unwrap() as usize >= s
                        && e["end"].as_u64().unwrap() as usize <= t
                );
            }
        }
    }
}

fn gold() -> Vec<Value> {
    std::fs::read_to_string(shared().join("gold/seeds.gold.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn key(v: &Value) -> String {
    let s = v
        .as_str()
        .map(|s| s.to_string())
        .unwrap_or_else(|| v.to_string());
    nerlink::text::match_key(&s)
}

#[test]
fn metadata_of_all_seeds() {
    let docs = extract_seeds();
    for g in gold() {
        let id = g["doc"].as_str().unwrap().trim_end_matches(".txt");
        let d = docs.iter().find(|d| d["id"] == id).unwrap();
        assert_eq!(d["meta"]["published"], g["published"], "{id}");
        assert_eq!(d["meta"]["province"], g["province"], "{id}");
        // the title is a whole line of the page, a headline (several words), not the date line
        let title = d["meta"]["title"].as_str().unwrap_or_default();
        let text = d["text"].as_str().unwrap();
        assert!(
            title.split_whitespace().count() >= 5,
            "{id}: title {title:?}"
        );
        assert!(text.lines().any(|l| l.trim() == title), "{id}");
        assert!(!title.chars().any(|c| c == '/'), "{id}: {title}");
    }
}

#[test]
fn gold_relations_are_found_without_false_positives() {
    let docs = extract_seeds();
    for g in gold() {
        let id = g["doc"].as_str().unwrap().trim_end_matches(".txt");
        let d = docs.iter().find(|d| d["id"] == id).unwrap();
        let rels = d["relations"].as_array().unwrap();
        let of = |t: &str| -> Vec<&Value> {
            rels.iter()
                .filter(|r| r["type"] == t)
                .map(|r| &r["values"])
                .collect()
        };
        // officials: keyed by (person, role, province)
        let okey = |o: &Value| (key(&o["person"]), key(&o["role"]), key(&o["province"]));
        let pred: Vec<_> = of("official").into_iter().map(okey).collect();
        let want: Vec<_> = g["officials"]
            .as_array()
            .unwrap()
            .iter()
            .map(okey)
            .collect();
        for w in &want {
            assert!(
                pred.contains(w),
                "{id}: missing official {w:?}; got {pred:?}"
            );
        }
        for p in &pred {
            assert!(want.contains(p), "{id}: false official {p:?}");
        }
        // index results (province scope): key + score/rank agreement
        let results: Vec<&Value> = of("index_result")
            .into_iter()
            .filter(|v| v["scope"] == "province")
            .collect();
        let gold_results = g["index_results"].as_array().unwrap();
        assert_eq!(results.len(), gold_results.len(), "{id}: {results:?}");
        for gr in gold_results {
            let r = results
                .iter()
                .find(|r| {
                    key(&r["index"]) == key(&gr["index"])
                        && key(&r["province"]) == key(&gr["province"])
                        && r["year"] == gr["year"]
                })
                .unwrap_or_else(|| panic!("{id}: missing {gr}"));
            // every value field of the kind (the registry's list) beyond the match key
            let key_fields = ["index", "province", "year"];
            let value_fields = nerlink::document::RelationType::IndexResult
                .spec()
                .value_fields
                .iter()
                .filter(|f| !key_fields.contains(f));
            for &f in value_fields {
                if !gr[f].is_null() {
                    assert_eq!(r[f], gr[f], "{id}: {f} of {gr}");
                }
            }
        }
        // documents: by ref, with kind, date and signer
        let docs_pred = of("document");
        let docs_gold = g["documents"].as_array().unwrap();
        assert_eq!(docs_pred.len(), docs_gold.len(), "{id}: {docs_pred:?}");
        for gd in docs_gold {
            let p = docs_pred
                .iter()
                .find(|p| p["ref"] == gd["ref"])
                .unwrap_or_else(|| panic!("{id}: missing {gd}"));
            for f in ["kind", "date", "signer"] {
                assert_eq!(p[f], gd[f], "{id}: {f} of {gd}");
            }
        }
    }
}
