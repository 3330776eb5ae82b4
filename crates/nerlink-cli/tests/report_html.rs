//! `nerlink report`: the page parses as HTML, is self-contained, escapes the input, shows every
//! entity as highlighted marks (nested and crossing ones too), has the overview tables, and
//! stays fast and bounded with 10,000 documents.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use nerlink::document::RelationValues;
use nerlink::report::{render, ReportOptions};
use nerlink::{DocError, Document, Entity, EntitySource, Evidence, Relation, RelationType};
use scraper::{Html, Selector};
use serde_json::json;

fn ent(text: &str, id: &str, label: &str, needle: &str) -> Entity {
    let b = text.find(needle).expect("needle");
    let start = text[..b].chars().count();
    Entity {
        id: id.into(),
        label: label.into(),
        start,
        end: start + needle.chars().count(),
        text: needle.into(),
        score: 0.75,
        source: EntitySource::ModelRule,
        norm: None,
    }
}

fn docs() -> Vec<Document> {
    let t1 = "Chủ tịch UBND tỉnh Bình Minh Nguyễn Văn An dự lễ <script>alert(1)</script> & \"tổng kết\" năm 2023.\nChỉ số PAR INDEX năm 2023 đạt 90,5 điểm.";
    let mut d1 = Document::new("x<1>&\"", "a.txt", t1);
    d1.meta.title = Some("Tổng kết <b>năm</b>".into());
    d1.entities = vec![
        ent(t1, "T1", "ROLE", "Chủ tịch"),
        ent(t1, "T2", "ORG", "UBND tỉnh Bình Minh"),
        ent(t1, "T3", "LOC", "tỉnh Bình Minh"), // nested in T2
        ent(t1, "T4", "PER", "Bình Minh Nguyễn"), // crosses T2's end (a bad span, still shown)
        ent(t1, "T5", "PER", "Nguyễn Văn An"),
        ent(t1, "T6", "INDEX", "PAR INDEX"),
        ent(t1, "T7", "SCORE", "90,5 điểm"),
        ent(t1, "T8", "X<&>", "năm 2023"), // a label that needs escaping
    ];
    d1.relations = vec![Relation {
        id: "R1".into(),
        args: [
            ("index".to_string(), "T6".to_string()),
            ("score".into(), "T7".into()),
        ]
        .into(),
        values: RelationValues::from_json(
            RelationType::IndexResult,
            json!({"index": "PAR INDEX", "province": "Bình Minh", "province_source": "explicit",
                "scope": "province", "year": 2023, "score": 90.5}),
        )
        .unwrap(),
        evidence: Evidence {
            start: 100,
            end: 140,
        },
        rule: "index<score>".into(),
        score: 0.9,
    }];
    let failed = Document::failed(
        "broken",
        "b.txt",
        DocError::new("decode", "invalid <UTF-8>"),
    );
    vec![d1, failed]
}

fn render_to_string(docs: Vec<Document>, opts: &ReportOptions) -> String {
    let mut out = Vec::new();
    render(docs.into_iter().map(Ok), &mut out, opts).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_entity_is_highlighted_and_input_is_escaped() {
    let docs = docs();
    let html = render_to_string(docs.clone(), &ReportOptions::default());
    let page = Html::parse_document(&html);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    let sel = |s: &str| Selector::parse(s).unwrap();

    // self-contained: one inline script, no external resources
    assert_eq!(page.select(&sel("script")).count(), 1);
    assert_eq!(
        page.select(&sel("script[src], link, img, iframe")).count(),
        0
    );
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let d1 = &docs[0];
    let section = page
        .select(&sel("section#d1"))
        .next()
        .expect("document section");
    for e in &d1.entities {
        let marks: Vec<_> = section
            .select(&sel("mark"))
            .filter(|m| m.value().attr("data-e") == Some(e.id.as_str()))
            .collect();
        assert!(!marks.is_empty(), "entity {} has no mark", e.id);
        let text: String = marks
            .iter()
            .map(|m| m.text().collect::<String>())
            .collect::<Vec<_>>()
            .concat();
        // fragments are disjoint; each one's text includes the marks nested in it
        assert_eq!(text, e.text, "{}", e.id);
        let title = marks[0].value().attr("title").unwrap();
        assert!(
            title.contains(e.label.as_str())
                && title.contains("0.75")
                && title.contains("model+rule"),
            "{title}"
        );
        assert_eq!(
            marks
                .iter()
                .filter(|m| m.value().classes().any(|c| c == "end"))
                .count(),
            1,
            "{}",
            e.id
        );
    }
    // the whole text is there, in order, once
    let text: String = section
        .select(&sel("div.text"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(text, d1.text());
    // the crossing entity is split into two fragments
    let t4 = section.select(&sel("mark[data-e=\"T4\"]")).count();
    assert_eq!(t4, 2);

    // overview: label counts, relation tables, error documents, index with links
    let overview = page.select(&sel("#overview")).next().unwrap();
    let ov_text: String = overview.text().collect();
    assert!(ov_text.contains("Entities per label") && ov_text.contains("Relations per province"));
    assert!(ov_text.contains("invalid <UTF-8>"));
    let links: Vec<_> = page
        .select(&sel("#index a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, vec!["#d1", "#d2"]);
    let rel_rows = section.select(&sel("table.rel tbody tr")).count();
    assert_eq!(rel_rows, 1);
    // legend and colours for every label
    let legend: Vec<String> = page
        .select(&sel("header .legend mark"))
        .map(|m| m.text().collect())
        .collect();
    for l in ["ROLE", "ORG", "LOC", "PER", "INDEX", "SCORE", "X<&>"] {
        assert!(
            legend.iter().any(|x| x == l),
            "legend lacks {l}: {legend:?}"
        );
    }
}

fn generated(n: usize) -> impl Iterator<Item = anyhow::Result<Document>> {
    (0..n).map(|i| {
        let t = format!(
            "Ngày {}/{}/2023, Chủ tịch UBND tỉnh Số {} Trần Văn {} đã ký Kế hoạch {}/KH-UBND về cải cách hành chính. Chỉ số PAPI năm 2022 của tỉnh đạt {},{} điểm, xếp thứ {}/63.",
            i % 28 + 1, i % 12 + 1, i % 63, i, i, 40 + i % 10, i % 100, i % 63 + 1
        );
        let mut d = Document::new(format!("gen{i:05}"), format!("gen/{i}.txt"), t.clone());
        let needles = [("DATE", "Ngày"), ("ROLE", "Chủ tịch"), ("ORG", "UBND tỉnh"), ("INDEX", "PAPI"), ("PER", "Trần Văn")];
        d.entities = needles
            .iter()
            .enumerate()
            .map(|(k, (l, n))| ent(&t, &format!("T{}", k + 1), l, n))
            .collect();
        d.relations = vec![Relation {
            id: "R1".into(),
            args: [("index".to_string(), "T4".to_string())].into(),
            values: RelationValues::from_json(
                RelationType::IndexResult,
                json!({"index": "PAPI", "province": format!("Số {}", i % 63), "province_source": "explicit",
                    "scope": "province", "year": 2022 - (i % 3) as i64}),
            )
            .unwrap(),
            evidence: Evidence { start: 0, end: 10 },
            rule: "gen".into(),
            score: 0.5,
        }];
        Ok(d)
    })
}

#[test]
fn ten_thousand_documents_stay_fast_and_bounded() {
    let start = Instant::now();
    let mut out = Vec::new();
    let sum = render(generated(10_000), &mut out, &ReportOptions::default()).unwrap();
    let took = start.elapsed();
    assert_eq!((sum.documents, sum.rendered), (10_000, 1000));
    assert!(took.as_secs_f64() < 30.0, "took {took:?}");
    assert!(out.len() < 12 * 1024 * 1024, "{} bytes", out.len());
    let html = String::from_utf8(out).unwrap();
    let page = Html::parse_document(&html);
    let rows = page
        .select(&Selector::parse("#index tbody tr").unwrap())
        .count();
    assert_eq!(rows, 10_000);
    let sections = page
        .select(&Selector::parse("section.doc").unwrap())
        .count();
    assert_eq!(sections, 1000);
    // the last rendered document has no dangling "next" link
    assert!(!html.contains("href=\"#d1001\""));
    assert!(html.contains("The first 1000 documents are shown in full"));
}

#[test]
fn cli_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let lines: Vec<String> = docs()
        .iter()
        .map(|d| nerlink::output::to_json_line(d).unwrap())
        .collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("r.html");
    let o = Command::new(env!("CARGO_BIN_EXE_nerlink"))
        .args(["report"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--title", "Báo cáo <thử>"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<title>Báo cáo &lt;thử&gt;</title>"));
    assert!(Path::new(&out).metadata().unwrap().len() > 1000);
}

#[test]
fn relation_tables_scroll_in_their_card_and_dates_are_formatted() {
    let mut docs = docs();
    docs[0].meta.published = Some("20201001".into());
    let html = render_to_string(docs, &ReportOptions::default());
    let page = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    // each relation table sits in its own horizontal scroller, so a wide index_result table
    // stays inside the document card instead of squeezing its columns
    let tables: Vec<_> = page.select(&sel("section#d1 table.rel")).collect();
    assert!(!tables.is_empty());
    assert_eq!(
        page.select(&sel("section#d1 div.wide > table.rel")).count(),
        tables.len()
    );
    assert!(html.contains(".wide{overflow-x:auto"));
    // and words are never broken at an arbitrary letter ("PAR INDE X")
    assert!(!html.contains("overflow-wrap:anywhere") && !html.contains("word-break:break-all"));
    // the compact date of a corpus is shown as a date, in the document and in the index
    let meta: Vec<String> = page
        .select(&sel("section#d1 dl.meta dd"))
        .map(|d| d.text().collect())
        .collect();
    assert!(meta.contains(&"2020-10-01".to_string()), "{meta:?}");
    let row: String = page
        .select(&sel("#index tbody tr"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        row.contains("2020-10-01") && !html.contains("20201001"),
        "{row}"
    );
}
