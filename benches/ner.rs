//! NER engine throughput: tokens/s and documents/s for batch sizes 1 / 8 / 32 and 1 / 2
//! workers, on generated Vietnamese articles (already through the text stage, so only the
//! model stage is timed: tokenizing, windows, inference, decoding).
//!
//! Model: `tests/fixtures/tiny-ner` by default, or `NERLINK_BENCH_MODEL=DIR` (e.g. the real
//! `models/vi-ner-e5s`). `NERLINK_BENCH_DOCS` sets the number of articles (default 24),
//! `NERLINK_BENCH_THREADS` the total threads (default: all cores). ONNX Runtime is found as the
//! CLI finds it (`make ort`). Without a model the benchmark says so and measures nothing.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use nerlink::ner::{NerEngine, NerOptions};
use nerlink::stage::InFlight;
use nerlink::Document;

const NAMES: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thu Hà",
    "Trần Minh Khải",
    "Đặng Ngọc Lan",
];
const ORGS: &[&str] = &[
    "Sở Nội vụ",
    "UBND tỉnh Nghệ An",
    "Bộ Y tế",
    "Tỉnh ủy Khánh Hòa",
    "Ban Chỉ đạo cải cách hành chính",
    "Sở Kế hoạch và Đầu tư",
];
const PLACES: &[&str] = &[
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Đắk Lắk",
    "Quảng Ninh",
    "Cần Thơ",
];

/// A small deterministic generator (no randomness crate needed).
struct Lcg(u64);
impl Lcg {
    fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        xs[((self.0 >> 33) as usize) % xs.len()]
    }
    fn num(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn article(seed: u64) -> String {
    let mut r = Lcg(seed.wrapping_mul(0x9E3779B97F4A7C15) ^ 0xDEADBEEF);
    let mut t = format!(
        "{} đẩy mạnh cải cách hành chính năm {}\n\n14/07/2022 - 06:52\n\n",
        r.pick(PLACES),
        2020 + r.num(4)
    );
    let paragraphs = 4 + r.num(5);
    for _ in 0..paragraphs {
        let sentences = 2 + r.num(4);
        for _ in 0..sentences {
            let s = match r.num(5) {
                0 => format!(
                    "Theo Phó Giám đốc {} {}, năm {} Chỉ số PAR INDEX của {} đạt {},{} điểm, \
                     xếp hạng {}/63 tỉnh, thành phố cả nước.",
                    r.pick(ORGS),
                    r.pick(NAMES),
                    2019 + r.num(5),
                    r.pick(PLACES),
                    60 + r.num(35),
                    r.num(100),
                    1 + r.num(63)
                ),
                1 => format!(
                    "Ông {} cho biết, {} đã phối hợp chặt chẽ với {} triển khai nhiều nhiệm vụ \
                     trọng tâm, tổng vốn đầu tư đạt {}.{},{} tỷ đồng.",
                    r.pick(NAMES),
                    r.pick(ORGS),
                    r.pick(ORGS),
                    1 + r.num(9),
                    100 + r.num(899),
                    r.num(99)
                ),
                2 => format!(
                    "Bà {} làm việc với lãnh đạo {} tại {} về công tác cán bộ, tăng cường kỷ \
                     luật, kỷ cương hành chính và văn hóa công vụ.",
                    r.pick(NAMES),
                    r.pick(ORGS),
                    r.pick(PLACES)
                ),
                3 => format!(
                    "Các sở, ban, ngành và UBND huyện, thị xã, thành phố của {} đã hoàn thành \
                     {}% kế hoạch đề ra.",
                    r.pick(PLACES),
                    50 + r.num(50)
                ),
                _ => format!(
                    "Đoàn công tác của {} do đồng chí {} dẫn đầu đã thăm và làm việc tại {}.",
                    r.pick(ORGS),
                    r.pick(NAMES),
                    r.pick(PLACES)
                ),
            };
            t.push_str(&s);
            t.push(' ');
        }
        t.push_str("\n\n");
    }
    t
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn bench_ner(c: &mut Criterion) {
    let model_dir = match std::env::var_os("NERLINK_BENCH_MODEL") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-ner"),
    };
    if !model_dir.join("config.json").is_file() {
        eprintln!(
            "ner bench: no model at {} (set NERLINK_BENCH_MODEL); nothing measured",
            model_dir.display()
        );
        return;
    }
    let n_docs = env_usize("NERLINK_BENCH_DOCS").unwrap_or(24).max(1);
    let threads = env_usize("NERLINK_BENCH_THREADS").unwrap_or(0);
    let docs: Vec<InFlight> = (0..n_docs as u64)
        .map(|i| InFlight::analyzed(Document::new(format!("d{i}"), "bench", article(i))))
        .collect();

    for workers in [1usize, 2] {
        for batch in [1usize, 8, 32] {
            let opts = NerOptions {
                model_dir: model_dir.clone(),
                threads,
                workers,
                batch_size: batch,
                ..Default::default()
            };
            let engine = match NerEngine::load(&opts) {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("ner bench: cannot load {}: {e:#}", model_dir.display());
                    return;
                }
            };
            // text tokens the model sees (special tokens not counted)
            let tokens: u64 = docs
                .iter()
                .map(|d| {
                    let a = d.analysis.as_ref().expect("analyzed");
                    a.sentences
                        .iter()
                        .map(|s| {
                            engine
                                .tokenizer()
                                .encode(a.norm.norm.slice(s.start, s.end), false)
                                .map(|e| e.len() as u64)
                                .unwrap_or(0)
                        })
                        .sum::<u64>()
                })
                .sum();
            let info = engine.info();
            let id = format!("workers{workers}x{}/batch{batch}", info.intra_threads);
            for (group, throughput) in [
                ("ner/tokens", Throughput::Elements(tokens)),
                ("ner/docs", Throughput::Elements(n_docs as u64)),
            ] {
                let mut g = c.benchmark_group(group);
                g.throughput(throughput);
                g.bench_function(&id, |b| {
                    b.iter_batched(
                        || docs.clone(),
                        |mut ds| {
                            engine.annotate(&mut ds).expect("annotate");
                            ds
                        },
                        BatchSize::LargeInput,
                    )
                });
                g.finish();
            }
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench_ner
}
criterion_main!(benches);
