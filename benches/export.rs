//! Export speed on generated documents: every format, 500 documents of a few sentences with
//! entities and relations (written once to a temporary JSONL).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nerlink::document::{OfficialValues, ProvinceSource, RelationValues};
use nerlink::export::{export_file, ExportOptions, Format};
use nerlink::{Document, Entity, EntitySource, Evidence, Relation};

fn doc(i: usize) -> Document {
    let text = format!(
        "Ngày {}/{}/2023, Chủ tịch UBND tỉnh Bình Minh Trần Văn {i} đã ký Kế hoạch {i}/KH-UBND về cải cách hành chính.\n\
         Năm 2022, chỉ số PAPI của tỉnh Bình Minh đạt {},{} điểm, xếp thứ {}/63. Hội nghị tổng kết diễn ra sáng nay.\n",
        i % 28 + 1,
        i % 12 + 1,
        40 + i % 10,
        i % 100,
        i % 63 + 1
    );
    let mut d = Document::new(format!("bench{i}"), format!("bench/{i}.txt"), text.clone());
    let needles = [
        ("DATE", format!("Ngày {}/{}/2023", i % 28 + 1, i % 12 + 1)),
        ("ROLE", "Chủ tịch".to_string()),
        ("ORG", "UBND tỉnh Bình Minh".to_string()),
        ("PER", format!("Trần Văn {i}")),
        ("DOC", format!("Kế hoạch {i}/KH-UBND")),
        ("INDEX", "PAPI".to_string()),
        ("SCORE", format!("{},{} điểm", 40 + i % 10, i % 100)),
    ];
    for (k, (label, needle)) in needles.iter().enumerate() {
        let b = text.find(needle.as_str()).expect("needle");
        let start = text[..b].chars().count();
        d.entities.push(Entity {
            id: format!("T{}", k + 1),
            label: nerlink::Label::from(*label),
            start,
            end: start + needle.chars().count(),
            text: needle.clone(),
            score: 0.9,
            source: EntitySource::Rule,
            norm: None,
        });
    }
    d.relations.push(Relation {
        id: "R1".into(),
        args: [
            ("person".to_string(), "T4".to_string()),
            ("role".into(), "T2".into()),
            ("org".into(), "T3".into()),
        ]
        .into(),
        values: RelationValues::Official(OfficialValues {
            person: format!("Trần Văn {i}"),
            role: "Chủ tịch".into(),
            org: Some("UBND tỉnh".into()),
            province: Some("Bình Minh".into()),
            province_source: Some(ProvinceSource::Explicit),
            former: false,
            extra: Default::default(),
        }),
        evidence: Evidence { start: 0, end: 40 },
        rule: "bench".into(),
        score: 0.9,
    });
    d
}

fn bench(c: &mut Criterion) {
    const N: usize = 500;
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let lines: Vec<String> = (0..N)
        .map(|i| nerlink::output::to_json_line(&doc(i)).expect("json"))
        .collect();
    std::fs::write(&input, lines.join("\n") + "\n").expect("write input");
    let mut g = c.benchmark_group("export");
    g.throughput(Throughput::Elements(N as u64));
    g.sample_size(10);
    for format in Format::ALL {
        let out = dir.path().join(format!("out-{format}"));
        let opts = ExportOptions {
            with_relations: true,
            ..ExportOptions::new(format)
        };
        g.bench_function(format.name(), |b| {
            b.iter(|| export_file(&input, &out, &opts).expect("export"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
