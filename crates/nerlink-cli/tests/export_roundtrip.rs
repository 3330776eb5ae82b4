//! Round trips: documents built here (own Vietnamese sentences, nested entities, an emoji, CRLF,
//! an entity across a line break, n-ary relations) → `nerlink export` in every format → read
//! back with a small parser of each format written here → the same spans and links.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use nerlink::document::RelationValues;
use nerlink::{Document, Entity, EntitySource, Evidence, Relation, RelationType};
use serde_json::{json, Map, Value};

/// Code-point offsets of the `nth` occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let mut from = 0;
    for _ in 0..nth {
        from += text[from..].find(needle).expect("needle") + needle.len();
    }
    let b = from + text[from..].find(needle).expect("needle");
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn ent(text: &str, id: &str, label: &str, needle: &str, nth: usize) -> Entity {
    let (start, end) = find(text, needle, nth);
    Entity {
        id: id.into(),
        label: label.into(),
        start,
        end,
        text: needle.into(),
        score: 0.9,
        source: EntitySource::Rule,
        norm: None,
    }
}

fn rel(
    id: &str,
    kind: RelationType,
    args: &[(&str, &str)],
    values: Value,
    ev: (usize, usize),
) -> Relation {
    Relation {
        id: id.into(),
        args: args
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        values: RelationValues::from_json(kind, values).expect("test values of the kind"),
        evidence: Evidence {
            start: ev.0,
            end: ev.1,
        },
        rule: "test".into(),
        score: 0.8,
    }
}

/// Two documents with text and one error record.
pub fn fixture() -> Vec<Document> {
    let t1 = "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Minh, đã ký Quyết định số 12/QĐ-UBND ngày 05/03/2023.\nNăm 2022, chỉ số PAR INDEX của tỉnh Bình Minh đạt 86,15 điểm, xếp thứ 12/63.\n";
    let mut d1 = Document::new("a1", "tests/a1.txt", t1);
    d1.entities = vec![
        ent(t1, "T1", "PER", "Nguyễn Văn An", 0),
        ent(t1, "T2", "ROLE", "Chủ tịch", 0),
        ent(t1, "T3", "ORG", "UBND tỉnh Bình Minh", 0),
        ent(t1, "T4", "LOC", "tỉnh Bình Minh", 0), // nested in T3
        ent(t1, "T5", "DOC", "Quyết định số 12/QĐ-UBND", 0),
        ent(t1, "T6", "DATE", "ngày 05/03/2023", 0),
        ent(t1, "T7", "DATE", "Năm 2022", 0),
        ent(t1, "T8", "INDEX", "PAR INDEX", 0),
        ent(t1, "T9", "LOC", "tỉnh Bình Minh", 1),
        ent(t1, "T10", "SCORE", "86,15 điểm", 0),
        ent(t1, "T11", "RANK", "thứ 12/63", 0),
    ];
    let s1 = find(t1, "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Minh, đã ký Quyết định số 12/QĐ-UBND ngày 05/03/2023.", 0);
    let s2 = find(
        t1,
        "Năm 2022, chỉ số PAR INDEX của tỉnh Bình Minh đạt 86,15 điểm, xếp thứ 12/63.",
        0,
    );
    d1.relations = vec![
        rel(
            "R1",
            RelationType::Official,
            &[("person", "T1"), ("role", "T2"), ("org", "T3")],
            json!({"person": "Nguyễn Văn An", "role": "Chủ tịch", "org": "UBND tỉnh", "province": "Bình Minh", "province_source": "explicit"}),
            s1,
        ),
        rel(
            "R2",
            RelationType::Document,
            &[("doc", "T5"), ("date", "T6")],
            json!({"ref": "12/QĐ-UBND", "kind": "Quyết định", "date": "2023-03-05", "signer": "Nguyễn Văn An", "note": "x, \"y\""}),
            s1,
        ),
        rel(
            "R3",
            RelationType::IndexResult,
            &[
                ("index", "T8"),
                ("province", "T9"),
                ("score", "T10"),
                ("rank", "T11"),
                ("year", "T7"),
            ],
            json!({"index": "PAR INDEX", "province": "Bình Minh", "province_source": "explicit", "scope": "province", "year": 2022, "score": 86.15, "rank": 12, "rank_of": 63, "region_rank": null}),
            s2,
        ),
    ];
    let t2 = "Bà Trần Thị Bích 🌸 phát biểu tại hội nghị.\r\nSở Nội vụ\ntỉnh Hòa Lạc tổng kết năm 2023 với \"kết quả tốt\" <b>.\n";
    let mut d2 = Document::new("b/2:x", "tests/b2.txt", t2);
    d2.entities = vec![
        ent(t2, "T1", "PER", "Trần Thị Bích", 0),
        ent(t2, "T2", "ORG", "Sở Nội vụ\ntỉnh Hòa Lạc", 0), // across a line break
        ent(t2, "T3", "DATE", "năm 2023", 0),
    ];
    let bad = Document::failed(
        "bad",
        "tests/bad.txt",
        nerlink::DocError::new("decode", "invalid UTF-8"),
    );
    vec![d1, d2, bad]
}

pub fn write_jsonl(docs: &[Document], path: &Path) {
    let lines: Vec<String> = docs
        .iter()
        .map(|d| nerlink::output::to_json_line(d).unwrap())
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn nerlink() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nerlink"))
}

fn export(input: &Path, format: &str, out: &Path, extra: &[&str]) -> String {
    let o = nerlink()
        .args(["export", "--format", format])
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "export {format} failed: {err}");
    err
}

type SpanSet = BTreeSet<(usize, usize, String)>;

fn spans_of(d: &Document) -> SpanSet {
    d.entities
        .iter()
        .map(|e| (e.start, e.end, e.label.to_string()))
        .collect()
}

/// Expected binary links (from, to, label) in entity *texts*, written out by hand.
fn expected_links() -> BTreeSet<(String, String, String)> {
    [
        ("Chủ tịch", "Nguyễn Văn An", "official-person"),
        ("Chủ tịch", "UBND tỉnh Bình Minh", "official-org"),
        (
            "Quyết định số 12/QĐ-UBND",
            "ngày 05/03/2023",
            "document-date",
        ),
        ("86,15 điểm", "PAR INDEX", "index_result-index"),
        ("86,15 điểm", "tỉnh Bình Minh", "index_result-province"),
        ("86,15 điểm", "thứ 12/63", "index_result-rank"),
        ("86,15 điểm", "Năm 2022", "index_result-year"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect()
}

fn slice(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
}

/// UTF-16 offset → code-point offset.
fn from_utf16(text: &str, u: usize) -> usize {
    let mut acc = 0;
    for (i, c) in text.chars().enumerate() {
        if acc >= u {
            return i;
        }
        acc += c.len_utf16();
    }
    text.chars().count()
}

#[test]
fn conll_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixture();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);
    let out = dir.path().join("out.conll");
    let err = export(&input, "conll", &out, &[]);
    assert!(err.contains("skipped 1 error record"), "{err}");
    assert!(err.contains("overlaps an earlier entity"), "{err}");
    let conll = std::fs::read_to_string(&out).unwrap();

    // own reader: split documents at -DOCSTART-, place tokens on the original text in order,
    // decode IOB2 into character spans
    let blocks: Vec<&str> = conll
        .split("-DOCSTART-\tO\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    assert_eq!(blocks.len(), 2);
    for (block, doc) in blocks.iter().zip(&docs) {
        let text = doc.text();
        let mut cursor = 0usize; // byte
        let mut spans = SpanSet::new();
        let mut cur: Option<(usize, usize, String)> = None;
        for line in block.lines() {
            if line.is_empty() {
                if let Some(c) = cur.take() {
                    spans.insert(c);
                }
                continue;
            }
            let (tok, tag) = line.split_once('\t').expect("token<TAB>tag");
            let b = cursor + text[cursor..].find(tok).expect("token in text");
            assert!(
                text[cursor..b].chars().all(char::is_whitespace),
                "skipped text before {tok:?}"
            );
            cursor = b + tok.len();
            let s = text[..b].chars().count();
            let e = s + tok.chars().count();
            if let Some(l) = tag.strip_prefix("B-") {
                if let Some(c) = cur.take() {
                    spans.insert(c);
                }
                cur = Some((s, e, l.to_string()));
            } else if let Some(l) = tag.strip_prefix("I-") {
                let c = cur.as_mut().expect("I- after B-");
                assert_eq!(c.2, l);
                c.1 = e;
            } else {
                assert_eq!(tag, "O");
                if let Some(c) = cur.take() {
                    spans.insert(c);
                }
            }
        }
        if let Some(c) = cur.take() {
            spans.insert(c);
        }
        assert!(
            text[cursor..].trim().is_empty(),
            "text left after the last token"
        );
        // expected: flat, outermost wins (the nested LOC T4 of a1 is left out)
        let mut want = spans_of(doc);
        if doc.id == "a1" {
            let t4 = &doc.entities[3];
            want.remove(&(t4.start, t4.end, t4.label.to_string()));
        }
        assert_eq!(spans, want, "document {}", doc.id);
    }
    // the entity across a line break keeps its two lines in one sentence
    assert!(conll.contains("vụ\tI-ORG\ntỉnh\tI-ORG\n"));
    // numbers stay whole tokens
    assert!(conll.contains("86,15\tB-SCORE\n") && conll.contains("12/63\tI-RANK\n"));
}

#[test]
fn conll_widens_spans_that_cut_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let t = "Đoàn đến TPVinh sáng nay.";
    let mut d = Document::new("w", "w.txt", t);
    d.entities = vec![ent(t, "T1", "LOC", "Vinh", 0)];
    let input = dir.path().join("in.jsonl");
    write_jsonl(&[d], &input);
    let out = dir.path().join("w.conll");
    let err = export(&input, "conll", &out, &[]);
    assert!(err.contains("cuts a token; widened to \"TPVinh\""), "{err}");
    let conll = std::fs::read_to_string(&out).unwrap();
    assert!(conll.contains("TPVinh\tB-LOC\n"), "{conll}");
}

#[test]
fn spacy_round_trip_with_relations() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixture();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);
    let out = dir.path().join("out.jsonl");
    export(&input, "spacy", &out, &["--with-relations"]);
    let lines: Vec<Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for (v, doc) in lines.iter().zip(&docs) {
        let text = v["text"].as_str().unwrap();
        assert_eq!(text, doc.text());
        let spans: SpanSet = v["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let (a, b) = (
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                );
                (a, b, s["label"].as_str().unwrap().to_string())
            })
            .collect();
        assert_eq!(spans, spans_of(doc));
        assert_eq!(v["meta"]["id"], json!(doc.id));
        let rels = v["relations"].as_array().unwrap();
        assert_eq!(rels.len(), doc.relations.len());
        for (r, want) in rels.iter().zip(&doc.relations) {
            assert_eq!(r["type"], json!(want.kind().as_str()));
            assert_eq!(r["values"], Value::Object(want.values.to_map()));
            for (role, id) in &want.args {
                let e = doc.entities.iter().find(|e| &e.id == id).unwrap();
                let a = &r["args"][role];
                assert_eq!(
                    slice(
                        text,
                        a["start"].as_u64().unwrap() as usize,
                        a["end"].as_u64().unwrap() as usize
                    ),
                    e.text
                );
            }
        }
    }
}

#[test]
fn labelstudio_round_trip_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixture();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);
    let out = dir.path().join("tasks.json");
    export(&input, "labelstudio", &out, &[]);
    let tasks: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let tasks = tasks.as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    let mut links = BTreeSet::new();
    for (task, doc) in tasks.iter().zip(&docs) {
        let text = task["data"]["text"].as_str().unwrap();
        assert_eq!(task["data"]["id"], json!(doc.id));
        let pred = &task["predictions"][0];
        assert!(pred["model_version"]
            .as_str()
            .unwrap()
            .starts_with("nerlink-"));
        let mut spans = SpanSet::new();
        let mut region_text = BTreeMap::new();
        for r in pred["result"].as_array().unwrap() {
            if r["type"] == "labels" {
                assert_eq!(
                    (r["from_name"].as_str(), r["to_name"].as_str()),
                    (Some("label"), Some("text"))
                );
                let val = &r["value"];
                let (a, b) = (
                    val["start"].as_u64().unwrap() as usize,
                    val["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(slice(text, a, b), val["text"].as_str().unwrap());
                spans.insert((a, b, val["labels"][0].as_str().unwrap().to_string()));
                region_text.insert(
                    r["id"].as_str().unwrap().to_string(),
                    val["text"].as_str().unwrap().to_string(),
                );
            }
        }
        for r in pred["result"].as_array().unwrap() {
            if r["type"] == "relation" {
                assert_eq!(r["direction"], "right");
                links.insert((
                    region_text[r["from_id"].as_str().unwrap()].clone(),
                    region_text[r["to_id"].as_str().unwrap()].clone(),
                    r["labels"][0].as_str().unwrap().to_string(),
                ));
            }
        }
        assert_eq!(spans, spans_of(doc));
    }
    assert_eq!(links, expected_links());

    // the config is well-formed XML naming every label and relation label
    let xml = std::fs::read_to_string(dir.path().join("tasks.config.xml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut labels, mut rels, mut texts) = (BTreeSet::new(), BTreeSet::new(), 0);
    loop {
        match reader.read_event().expect("well-formed config") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) => {
                let value = e
                    .try_get_attribute("value")
                    .unwrap()
                    .map(|a| a.value.into_owned());
                match e.name().0 {
                    "Label" => {
                        labels.insert(value.unwrap());
                    }
                    "Relation" => {
                        rels.insert(value.unwrap());
                    }
                    "Text" => {
                        texts += 1;
                        assert_eq!(value.as_deref(), Some("$text"));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(texts, 1);
    let want: BTreeSet<String> = [
        "PER", "ROLE", "ORG", "LOC", "DOC", "DATE", "INDEX", "SCORE", "RANK",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(labels, want);
    // every relation label nerlink can give is declared, not only those seen
    assert!(expected_links().into_iter().all(|l| rels.contains(&l.2)));
    for k in RelationType::ALL {
        for role in k.arg_roles() {
            let label = format!("{}-{role}", k.as_str());
            assert!(rels.contains(&label), "{label} not declared: {rels:?}");
        }
    }
    assert!(xml.starts_with("<View>") && xml.contains("<Labels name=\"label\" toName=\"text\">"));
}

#[test]
fn doccano_round_trip_utf16_and_relations() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixture();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);

    let out = dir.path().join("doccano.jsonl");
    export(&input, "doccano", &out, &[]);
    for (line, doc) in std::fs::read_to_string(&out).unwrap().lines().zip(&docs) {
        let v: Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let spans: SpanSet = v["label"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                // doccano counts UTF-16 code units: convert back
                let a = from_utf16(text, t[0].as_u64().unwrap() as usize);
                let b = from_utf16(text, t[1].as_u64().unwrap() as usize);
                (a, b, t[2].as_str().unwrap().to_string())
            })
            .collect();
        assert_eq!(spans, spans_of(doc), "{}", doc.id);
    }
    // after the emoji, UTF-16 offsets are one more than code points
    let raw = std::fs::read_to_string(&out).unwrap();
    let b2: Value = serde_json::from_str(raw.lines().nth(1).unwrap()).unwrap();
    let org = b2["label"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t[2] == "ORG")
        .unwrap();
    assert_eq!(
        org[0].as_u64().unwrap() as usize,
        docs[1].entities[1].start + 1
    );

    let out = dir.path().join("doccano-rel.jsonl");
    export(
        &input,
        "doccano",
        &out,
        &["--doccano-relations", "--offset-unit", "codepoint"],
    );
    let mut links = BTreeSet::new();
    for (line, doc) in std::fs::read_to_string(&out).unwrap().lines().zip(&docs) {
        let v: Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let mut by_id = BTreeMap::new();
        let mut spans = SpanSet::new();
        for e in v["entities"].as_array().unwrap() {
            let (a, b) = (
                e["start_offset"].as_u64().unwrap() as usize,
                e["end_offset"].as_u64().unwrap() as usize,
            );
            spans.insert((a, b, e["label"].as_str().unwrap().to_string()));
            by_id.insert(e["id"].as_u64().unwrap(), slice(text, a, b));
        }
        assert_eq!(spans, spans_of(doc));
        for r in v["relations"].as_array().unwrap() {
            links.insert((
                by_id[&r["from_id"].as_u64().unwrap()].clone(),
                by_id[&r["to_id"].as_u64().unwrap()].clone(),
                r["type"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(links, expected_links());
}

#[test]
fn brat_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixture();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);
    let out = dir.path().join("brat");
    export(&input, "brat", &out, &[]);
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    for section in ["[entities]", "[relations]", "[events]", "[attributes]"] {
        assert!(conf.contains(section), "{conf}");
    }
    assert!(
        conf.contains("official-person\tArg1:ROLE, Arg2:PER"),
        "{conf}"
    );
    let mut links = BTreeSet::new();
    for (stem, doc) in [("a1", &docs[0]), ("b_2_x", &docs[1])] {
        let text = std::fs::read_to_string(out.join(format!("{stem}.txt"))).unwrap();
        assert_eq!(text, doc.text());
        let ann = std::fs::read_to_string(out.join(format!("{stem}.ann"))).unwrap();
        let mut spans = SpanSet::new();
        let mut by_t = BTreeMap::new();
        for line in ann.lines() {
            let parts: Vec<&str> = line.splitn(3, '\t').collect();
            if line.starts_with('T') {
                let (label, offs) = parts[1].split_once(' ').unwrap();
                let frags: Vec<(usize, usize)> = offs
                    .split(';')
                    .map(|f| {
                        let (a, b) = f.split_once(' ').unwrap();
                        (a.parse().unwrap(), b.parse().unwrap())
                    })
                    .collect();
                // each fragment's text is what the .ann line says
                let frag_text: Vec<String> =
                    frags.iter().map(|&(a, b)| slice(&text, a, b)).collect();
                assert_eq!(frag_text.join(" "), parts[2]);
                let (a, b) = (frags[0].0, frags[frags.len() - 1].1);
                spans.insert((a, b, label.to_string()));
                by_t.insert(parts[0].to_string(), slice(&text, a, b));
            } else if line.starts_with('R') {
                let f: Vec<&str> = parts[1].split(' ').collect();
                links.insert((
                    by_t[f[1].strip_prefix("Arg1:").unwrap()].clone(),
                    by_t[f[2].strip_prefix("Arg2:").unwrap()].clone(),
                    f[0].to_string(),
                ));
            }
        }
        assert_eq!(spans, spans_of(doc), "{stem}");
    }
    assert!(std::fs::read_to_string(out.join("b_2_x.ann"))
        .unwrap()
        .contains("ORG 44 53;54 66\tSở Nội vụ tỉnh Hòa Lạc"));
    assert_eq!(links, expected_links());
    assert!(!out.join("bad.txt").exists());
}

#[test]
fn csv_tables() {
    let dir = tempfile::tempdir().unwrap();
    let docs = fixture();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);
    let out = dir.path().join("csv");
    export(&input, "csv", &out, &[]);
    let read = |name: &str| -> Vec<BTreeMap<String, String>> {
        let mut r = csv::Reader::from_path(out.join(name)).unwrap();
        let headers = r.headers().unwrap().clone();
        r.records()
            .map(|rec| {
                headers
                    .iter()
                    .zip(rec.unwrap().iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect()
            })
            .collect()
    };
    let off = read("officials.csv");
    assert_eq!(off.len(), 1);
    assert_eq!(off[0]["doc_id"], "a1");
    assert_eq!(off[0]["person"], "Nguyễn Văn An");
    assert_eq!(off[0]["province"], "Bình Minh");
    let (a, b): (usize, usize) = (
        off[0]["evidence_start"].parse().unwrap(),
        off[0]["evidence_end"].parse().unwrap(),
    );
    assert_eq!(slice(docs[0].text(), a, b), off[0]["evidence"]);
    let idx = read("index_results.csv");
    assert_eq!(
        (
            idx[0]["score"].as_str(),
            idx[0]["rank"].as_str(),
            idx[0]["region_rank"].as_str()
        ),
        ("86.15", "12", "")
    );
    assert_eq!(idx[0]["year"], "2022");
    let docs_csv = read("documents.csv");
    assert_eq!(docs_csv[0]["ref"], "12/QĐ-UBND");
    assert_eq!(docs_csv[0]["note"], "x, \"y\""); // an extra values field gets its own column
    assert_eq!(docs_csv[0]["rule"], "test");
    assert_eq!(docs_csv[0]["relation_score"], "0.8");
}

#[test]
fn csv_for_excel_starts_with_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&fixture(), &input);
    let plain = dir.path().join("plain");
    export(&input, "csv", &plain, &[]);
    let excel = dir.path().join("excel");
    export(&input, "csv", &excel, &["--excel"]);
    for name in ["officials.csv", "index_results.csv", "documents.csv"] {
        let p = std::fs::read(plain.join(name)).unwrap();
        let e = std::fs::read(excel.join(name)).unwrap();
        assert!(p.starts_with(b"doc_id,"), "{name}: no BOM by default");
        assert_eq!(&e[..3], b"\xEF\xBB\xBF", "{name}");
        assert_eq!(&e[3..], &p[..], "{name}: the same table after the BOM");
    }
    // --excel is refused for other formats
    let o = nerlink()
        .args(["export", "--format", "spacy", "--excel"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("x.jsonl"))
        .output()
        .unwrap();
    assert!(!o.status.success());
}

#[test]
fn bad_offsets_fail_without_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = fixture();
    docs[1].entities[0].end += 1; // text no longer matches
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);
    for (format, name) in [
        ("conll", "x.conll"),
        ("brat", "brat"),
        ("labelstudio", "t.json"),
    ] {
        let out = dir.path().join(name);
        let o = nerlink()
            .args(["export", "--format", format])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("document b/2:x") && err.contains("T1"),
            "{err}"
        );
        assert!(!out.exists(), "{format}: no output after an error");
        assert!(!dir.path().join(format!("{name}.partial")).exists());
    }
}

#[test]
fn library_export_matches_cli() {
    // the library API writes the same file as the CLI
    let dir = tempfile::tempdir().unwrap();
    let docs = fixture();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&docs, &input);
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    export(&input, "spacy", &a, &[]);
    let opts = nerlink::export::ExportOptions::new(nerlink::export::Format::Spacy);
    let sum = nerlink::export::export_file(&input, &b, &opts).unwrap();
    assert_eq!(
        (sum.documents, sum.skipped_no_text, sum.entities),
        (2, 1, 14)
    );
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let _: Map<String, Value> = Map::new();
}
