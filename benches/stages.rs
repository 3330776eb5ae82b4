//! Criterion benchmarks of the text stage and the rule layer alone (bytes/s), on generated
//! Vietnamese news-style text: normalization with its offset map, sentence splitting, the whole
//! text stage, the rule layer's entity finders, relation linking, and the full rules-only
//! pipeline. `make bench` runs them; numbers go into README with the machine.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nerlink::text::{sentences::split_sentences, Analysis, NormText};
use nerlink::{Document, Pipeline};

fn article(i: usize) -> String {
    let p = [
        "An Giang",
        "Nghệ An",
        "Khánh Hoà",
        "Thừa Thiên Huế",
        "Bà Rịa – Vũng Tàu",
    ][i % 5];
    let n = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam"][i % 3];
    format!(
        "Tỉnh {p} đẩy mạnh cải cách hành chính năm 2023\n\n14/07/2023 - 06:52\n\nA A\n\n\
         Theo Phó Giám đốc Sở Nội vụ {n}, năm 2022, Chỉ số PAR INDEX của tỉnh {p} đạt 81,47 điểm, xếp hạng \
         {r}/63 tỉnh, thành phố cả nước; Chỉ số PAPI đạt 43,118 điểm, xếp hạng 32/63, xếp thứ 3/13 khu vực ĐBSCL. \
         Ngày 18/10/2023, Chủ tịch UBND tỉnh {p} ký Kế hoạch 1275/KH-UBND về cải cách hành chính giai đoạn 2021-2025. \
         Các sở, ban, ngành và UBND huyện, thị xã, thành phố phối hợp chặt chẽ… Tỷ lệ hồ sơ đúng hạn đạt 98,6%.\n\n\
         Trưởng ban Tổ chức Tỉnh ủy, Giám đốc Sở Nội vụ {n} phát biểu chỉ đạo. Ảnh: Minh Khoa\n\nĐang online: 13\n",
        r = 1 + i % 63
    )
}

fn corpus(n: usize) -> Vec<String> {
    (0..n).map(article).collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus(50);
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let pipeline = Pipeline::builder().threads(1).build().expect("pipeline");

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| NormText::new(d).len_chars())
                .sum::<usize>()
        })
    });
    g.bench_function("sentence_split", |b| {
        b.iter(|| {
            docs.iter()
                .flat_map(|d| d.lines())
                .map(|l| split_sentences(l).len())
                .sum::<usize>()
        })
    });
    g.bench_function("text_stage", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| Analysis::new(d).sentences.len())
                .sum::<usize>()
        })
    });
    let analyses: Vec<Analysis> = docs.iter().map(|d| Analysis::new(d)).collect();
    g.bench_function("rules_entities", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|a| pipeline.rules().candidates(a).len())
                .sum::<usize>()
        })
    });
    g.bench_function("rules_pipeline_1_thread", |b| {
        b.iter(|| {
            let batch: Vec<Document> = docs
                .iter()
                .enumerate()
                .map(|(i, t)| Document::new(i.to_string(), "bench", t.clone()))
                .collect();
            pipeline.process_batch(batch).len()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("rules_pipeline_threads");
    let many = corpus(400);
    let many_bytes: u64 = many.iter().map(|d| d.len() as u64).sum();
    g.throughput(Throughput::Bytes(many_bytes));
    g.sample_size(10);
    for threads in [1usize, 2] {
        let p = Pipeline::builder()
            .threads(threads)
            .build()
            .expect("pipeline");
        g.bench_with_input(BenchmarkId::from_parameter(threads), &threads, |b, _| {
            b.iter(|| {
                let batch: Vec<Document> = many
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Document::new(i.to_string(), "bench", t.clone()))
                    .collect();
                p.process_batch(batch).len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
