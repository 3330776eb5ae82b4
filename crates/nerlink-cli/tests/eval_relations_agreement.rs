//! `nerlink eval --gold-relations` against the reference scorer `relations-dev/score.py`: on the
//! same gold and prediction files both must print the same summary line and the same counts (per
//! type TP/FP/FN, org correct of matched, index key hits, documents missing) and list the same
//! errors per document. Two prediction files: the rules-only extract of the dev set's input, and
//! one built from the gold itself with perturbations of every kind the scorer normalizes or
//! punishes (diacritics, case, province prefixes and aliases, index spellings, years as strings,
//! wrong scores and ranks, other scopes, former and excluded posts, repeated keys, dropped facts
//! and documents), scored against several gold files with a later one overriding a document.
//!
//! The texts and gold are read from `../shared` at run time and written only to temp files; the
//! test is skipped, saying why, when `../shared/relations-dev` is absent. python3 is required.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;
use common::repo_root;
use std::process::Command;

use serde_json::{json, Value};

fn dev_dir() -> Option<PathBuf> {
    let d = repo_root().join("../shared/relations-dev");
    if d.join("score.py").exists() && d.join("gold.jsonl").exists() {
        Some(d)
    } else {
        eprintln!("skipped: {} (score.py, gold.jsonl) not found", d.display());
        None
    }
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn write_jsonl(path: &Path, lines: &[Value]) {
    let s: Vec<String> = lines.iter().map(|v| v.to_string()).collect();
    std::fs::write(path, s.join("\n") + "\n").unwrap();
}

/// score.py's JSON report, its error lines and its summary line.
fn score_py(dev: &Path, gold: &[&Path], pred: &Path) -> (Value, Vec<Value>, String) {
    let mut cmd = Command::new("python3");
    cmd.arg(dev.join("score.py")).arg("--gold");
    for g in gold {
        cmd.arg(g);
    }
    let o = cmd
        .arg("--pred")
        .arg(pred)
        .arg("--errors")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.trim_end().lines().collect();
    let summary = lines.last().unwrap().to_string();
    // the report is the indented JSON object; error lines are one JSON array each
    let end = lines.iter().position(|l| *l == "}").unwrap();
    let report: Value = serde_json::from_str(&lines[..=end].join("\n")).unwrap();
    let errors = lines[end + 1..lines.len() - 1]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (report, errors, summary)
}

/// nerlink's JSON (with errors) and the last line of its table.
fn nerlink_eval(gold: &[&Path], pred: &Path) -> (Value, String) {
    let bin = env!("CARGO_BIN_EXE_nerlink");
    let mut args = vec!["eval", "--pred", p(pred), "--gold-relations"];
    args.extend(gold.iter().map(|g| p(g)));
    let o = Command::new(bin)
        .args(&args)
        .arg("--json")
        .arg("--errors")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = Command::new(bin).args(&args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let table = String::from_utf8(o.stdout).unwrap();
    let last = table.trim_end().lines().last().unwrap().to_string();
    (v["relations"].clone(), last)
}

/// Both scorers on the same files: same summary, counts and errors. Returns the summary.
fn assert_agree(dev: &Path, gold: &[&Path], pred: &Path) -> String {
    let (report, errors, summary) = score_py(dev, gold, pred);
    let (rel, last) = nerlink_eval(gold, pred);
    assert_eq!(last, summary, "summary lines differ");
    assert_eq!(rel["summary"], json!(summary));
    assert_eq!(rel["documents"], report["docs_gold"]);
    assert_eq!(rel["missing_docs"], report["docs_missing_in_pred"]);
    for (ours, theirs) in [
        (&rel["per_type"]["official"], &report["official"]),
        (&rel["per_type"]["index_result"], &report["index_result"]),
        (&rel["per_type"]["document"], &report["document"]),
        (&rel["all"], &report["all"]),
    ] {
        for k in ["tp", "fp", "fn"] {
            assert_eq!(ours[k], theirs[k], "{k}: ours {ours} score.py {theirs}");
        }
        for k in ["precision", "recall", "f1"] {
            let r = (ours[k].as_f64().unwrap() * 1e4).round() / 1e4;
            assert!((r - theirs[k].as_f64().unwrap()).abs() < 1e-9, "{k}");
        }
    }
    assert_eq!(
        rel["per_type"]["official"]["org_correct_of_matched"],
        report["official"]["org_correct_of_matched"]
    );
    assert_eq!(
        rel["per_type"]["index_result"]["key_hits"],
        report["index_result"]["key_hits"]
    );
    // the same errors per document and kind, in the same order
    let theirs: Vec<(String, String)> = errors
        .iter()
        .map(|e| {
            let kind = e[0].as_str().unwrap();
            let kind = if kind.ends_with(" FP") {
                "false_positive"
            } else if kind.ends_with(" FN") {
                "missed"
            } else {
                "wrong_values"
            };
            (e[1].as_str().unwrap().to_string(), kind.to_string())
        })
        .collect();
    let ours: Vec<(String, String)> = rel["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["doc"].as_str().unwrap().to_string(),
                e["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let count = |v: &[(String, String)]| {
        let mut m: BTreeMap<(String, String), usize> = BTreeMap::new();
        for x in v {
            *m.entry(x.clone()).or_default() += 1;
        }
        m
    };
    assert_eq!(count(&ours), count(&theirs), "error listings differ");
    summary
}

#[test]
fn agrees_with_score_py_on_the_rules_only_extract() {
    let Some(dev) = dev_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_nerlink"))
        .args([
            "extract",
            p(&dev.join("input.jsonl")),
            "--no-model",
            "-q",
            "-o",
            p(&out),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let gold = dev.join("gold.jsonl");
    let summary = assert_agree(&dev, &[&gold], &out);
    eprintln!("rules-only extract: {summary}");
    // without the first ten documents: they are missing on both sides
    let some: Vec<Value> = read_jsonl(&out).into_iter().skip(10).collect();
    let part = dir.path().join("part.jsonl");
    write_jsonl(&part, &some);
    let summary = assert_agree(&dev, &[&gold], &part);
    assert!(summary.ends_with("missing docs 10)"), "{summary}");
}

/// Perturb a text value: strip diacritics / change case / add a prefix, by `n`.
fn respell(s: &str, n: usize) -> String {
    use unicode_normalization::UnicodeNormalization;
    match n % 4 {
        0 => s.to_uppercase(),
        1 => s
            .nfd()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .collect::<String>()
            .replace('đ', "d")
            .replace('Đ', "D"),
        2 => format!("  {}. ", s.to_lowercase()),
        _ => s.to_string(),
    }
}

/// Predictions in extract format built from gold lines, with perturbations chosen by a counter.
fn perturbed(gold: &[Value]) -> Vec<Value> {
    let mut n = 0usize;
    let mut tick = || {
        n += 1;
        n
    };
    let mut out = Vec::new();
    for (di, g) in gold.iter().enumerate() {
        if di % 9 == 4 {
            continue; // a missing document
        }
        let mut rels = Vec::new();
        let mut push = |kind: &str, values: Value| {
            rels.push(json!({"id": format!("R{}", rels.len()), "type": kind, "args": {},
                             "values": values, "evidence": {"start": 0, "end": 0}, "rule": "t", "score": 1.0}));
        };
        for o in g["officials"].as_array().into_iter().flatten() {
            let k = tick();
            if k % 7 == 0 {
                continue; // missed
            }
            let mut v = o.clone();
            v["person"] = json!(respell(o["person"].as_str().unwrap_or(""), k));
            v["role"] = json!(respell(o["role"].as_str().unwrap_or(""), k / 2));
            if let Some(pr) = o["province"].as_str() {
                v["province"] = json!(match k % 5 {
                    0 => format!("tỉnh {pr}"),
                    1 => format!("TP. {pr}"),
                    2 => respell(pr, k),
                    _ => pr.to_string(),
                });
            }
            if k % 6 == 0 {
                v["org"] = json!("Văn phòng khác");
            }
            if k % 11 == 0 {
                v["role"] = json!("Phó Giám đốc"); // a wrong role: FP + FN
            }
            push("official", v);
        }
        for x in g["excluded_roles"].as_array().into_iter().flatten() {
            let k = tick();
            let mut v = x.clone();
            if k % 3 == 0 {
                v["province"] = json!("Nơi Khác"); // still neutral: (person, role)
            }
            push("official", v);
        }
        // a former post that is in no gold list: neutral; the same without `former`: an FP
        push(
            "official",
            json!({"person": "Phan Văn Ất", "role": "Giám đốc", "province": g["province"], "former": true}),
        );
        if di % 5 == 0 {
            push(
                "official",
                json!({"person": "Phan Văn Ất", "role": "Giám đốc", "province": g["province"]}),
            );
        }
        for x in g["index_results"].as_array().into_iter().flatten() {
            let k = tick();
            let mut v = x.clone();
            match k % 10 {
                0 => continue,
                1 => {
                    v["score"] = json!(x["score"].as_f64().map(|s| s + 0.5));
                }
                2 => {
                    v["rank"] = json!(x["rank"].as_i64().map(|r| r + 1));
                }
                3 => {
                    v["year"] = json!(x["year"].to_string()); // another key
                }
                4 => {
                    v["index"] = json!(match x["index"].as_str() {
                        Some("PAR INDEX") => "Chỉ số cải cách hành chính",
                        Some("PAPI") => "papi",
                        Some(other) => other,
                        None => "",
                    });
                    v["province"] = json!(format!("Tỉnh {}", x["province"].as_str().unwrap_or("")));
                }
                5 => {
                    v["scope"] = json!("district"); // not compared: the gold one is missed
                }
                6 => {
                    v["score"] = json!(x["score"].as_f64().map(|s| s + 0.00001));
                    v["scope"] = json!("province");
                }
                7 => {
                    // a repeated key: the last one (wrong score) is compared
                    push("index_result", v.clone());
                    v["score"] = json!(1.5);
                }
                _ => {}
            }
            push("index_result", v);
        }
        for x in g["other_results"].as_array().into_iter().flatten() {
            let k = tick();
            let mut v = x.clone();
            if k % 2 == 0 {
                v["province"] = g["province"].clone();
                v.as_object_mut().unwrap().remove("scope"); // a unit reported as the province
            }
            push("index_result", v);
        }
        for x in g["documents"].as_array().into_iter().flatten() {
            let k = tick();
            let mut v = x.clone();
            match k % 4 {
                0 => v["date"] = json!("2099-01-01"),
                1 => v["ref"] = json!(respell(x["ref"].as_str().unwrap_or(""), k)),
                2 => v["signer"] = json!("Người Khác"),
                _ => {}
            }
            push("document", v);
        }
        let stem = g["doc"]
            .as_str()
            .unwrap()
            .trim_end_matches(".txt")
            .to_string();
        // the key from "source" when there is no id, now and then
        let mut line = if di % 4 == 1 {
            json!({"source": format!("in/{stem}.txt")})
        } else {
            json!({"id": stem})
        };
        line["relations"] = json!(rels);
        out.push(line);
    }
    out
}

#[test]
fn agrees_with_score_py_on_perturbed_predictions_and_several_gold_files() {
    let Some(dev) = dev_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut gold = read_jsonl(&dev.join("gold.jsonl"));
    let seeds = dev.join("../gold/seeds.gold.jsonl");
    if seeds.exists() {
        gold.extend(read_jsonl(&seeds));
    }
    let pred = dir.path().join("pred.jsonl");
    write_jsonl(&pred, &perturbed(&gold));
    // the gold in two files, and a third that overrides two documents with a smaller gold
    let half = gold.len() / 2;
    let (g1, g2, g3) = (
        dir.path().join("g1.jsonl"),
        dir.path().join("g2.jsonl"),
        dir.path().join("g3.jsonl"),
    );
    write_jsonl(&g1, &gold[..half]);
    write_jsonl(&g2, &gold[half..]);
    // (the first document with officials in each half)
    let with_officials = |range: std::ops::Range<usize>| {
        range
            .into_iter()
            .find(|&i| {
                gold[i]["officials"]
                    .as_array()
                    .is_some_and(|o| !o.is_empty())
            })
            .unwrap()
    };
    let overrides: Vec<Value> = [with_officials(0..half), with_officials(half..gold.len())]
        .iter()
        .map(|&i| {
            let mut g = gold[i].clone();
            g["officials"] = json!([]);
            g
        })
        .collect();
    write_jsonl(&g3, &overrides);
    let one = dir.path().join("all.jsonl");
    write_jsonl(&one, &gold);
    let a = assert_agree(&dev, &[&one], &pred);
    let b = assert_agree(&dev, &[&g1, &g2], &pred);
    assert_eq!(a, b, "one file or two: the same gold");
    let c = assert_agree(&dev, &[&g1, &g2, &g3], &pred);
    eprintln!("perturbed: {a}\nperturbed, overridden: {c}");
    assert_ne!(
        a, c,
        "the third file's documents replaced the first two files'"
    );
    assert!(
        !a.starts_with("relations F1 1.000"),
        "the perturbations count: {a}"
    );
}

/// Hand-made gold and predictions (invented names) with the value types where Python's
/// semantics decide: years as strings or floats, scores as strings, ranks 9 / 9.0 / "9" / true,
/// scope spelled "Province", empty refs, `former` as a string or 0, numeric and missing ids, a gold
/// document repeated in one file, aliases.
#[test]
fn agrees_with_score_py_on_edge_values() {
    let Some(dev) = dev_dir() else { return };
    let dir = tempfile::tempdir().unwrap();
    let idx = |index: &str, year: Value, score: Value, rank: Value| json!({"index": index, "province": "Hồ Chí Minh", "year": year, "score": score, "rank": rank});
    let mut dti_province = idx("DTI", json!(2021), json!(0.5), json!(2));
    dti_province["scope"] = json!("Province");
    let off = |person: &str, role: &str, province: Value| json!({"person": person, "role": role, "org": "Sở Tài chính", "province": province});
    let gold = vec![
        json!({"doc": "e1.txt", "officials": [off("Hà Văn Một", "Giám đốc", json!(null))],
               "index_results": [], "documents": []}),
        // replaced by the next line (same key)
        json!({"doc": "e1", "province": "Hồ Chí Minh",
               "officials": [off("Hà Văn Một", "Giám đốc", json!("TP.HCM")), off("Kiều Thị Hai", "Phó Giám đốc", json!(""))],
               "excluded_roles": [{"person": "Hà Văn Một", "role": "Tỉnh ủy viên", "why": "party_membership"}],
               "index_results": [
                   idx("PAPI", json!(2021), json!("41.5"), json!(9)),
                   idx("PCI", json!(2022), json!("66,1"), json!(null)),
                   idx("SIPAS", json!("2022"), json!(null), json!(3)),
                   idx("PGI", json!(2020.0), json!(null), json!(true)),
                   dti_province.clone()],
               "documents": [{"ref": "", "kind": "Kế hoạch"}, {"ref": "7/BC-STC", "kind": "Báo cáo", "date": null},
                             {"ref": "8/TB-STC", "kind": null, "signer": "Hà Văn Một"}]}),
        json!({"doc": 17, "officials": [off("Lò Văn Ba", "Chánh Văn phòng", json!("Ho Chi Minh City"))],
               "index_results": [], "documents": []}),
        json!({"officials": [off("Mã Thị Bốn", "Trưởng phòng", json!("hcm"))], "index_results": [], "documents": []}),
    ];
    let rel = |kind: &str, values: Value| json!({"type": kind, "values": values});
    let pred = vec![
        json!({"id": "", "source": "dir/e1.html", "relations": [
            rel("official", off("HA VAN MOT", "giam doc", json!("Thành phố Hồ Chí Minh"))),
            rel("official", off("Kiều Thị Hai", "Phó Giám đốc", json!(null))),
            rel("official", json!({"person": "Hà Văn Một", "role": "Tỉnh ủy viên", "province": "Xa"})),
            rel("official", json!({"person": "Vi Văn Năm", "role": "Giám đốc", "former": "yes"})),
            rel("official", json!({"person": "Vi Văn Sáu", "role": "Giám đốc", "former": 0})),
            rel("index_result", idx("Papi", json!(2021), json!(41.50001), json!(9.0))),
            rel("index_result", idx("PCI", json!(2022), json!(66.1), json!(1))),
            rel("index_result", idx("SIPAS", json!(2022), json!(null), json!(3))),
            rel("index_result", idx("SIPAS", json!("2022"), json!(null), json!("3"))),
            rel("index_result", idx("PGI", json!(2020), json!(null), json!(1))),
            rel("index_result", dti_province.clone()),
            rel("document", json!({"ref": "", "kind": "Kế hoạch"})),
            rel("document", json!({"ref": "7/BC - STC", "kind": "báo cáo", "date": "2021-01-01"})),
            rel("document", json!({"ref": "8/TB-STC", "kind": "Thông báo", "signer": "HA VAN MOT"})),
        ]}),
        json!({"id": 17, "relations": [rel("official", off("Lò Văn Ba", "Chánh văn phòng", json!("TPHCM")))]}),
        json!({"relations": [rel("official", off("Mã Thị Bốn", "Trưởng phòng", json!("HCM")))]}),
        json!({"id": "unrelated", "relations": null}),
    ];
    let (g, p_) = (dir.path().join("gold.jsonl"), dir.path().join("pred.jsonl"));
    write_jsonl(&g, &gold);
    write_jsonl(&p_, &pred);
    let summary = assert_agree(&dev, &[&g], &p_);
    eprintln!("edge values: {summary}");
}
