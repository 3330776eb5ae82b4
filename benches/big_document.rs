//! One big document through the rules-only pipeline (text stage, rules, merge, relations):
//! seconds for 2 MB and 8 MB of generated news-style text, and the ratio against linear growth.
//! Target (issue 14): the 8 MB time within 2.5× of 4 × the 2 MB time. Prints the numbers the
//! README's document-size limit is set from; `make bench` runs it. Not a test: nothing here
//! fails on a slow machine unless `NERLINK_BIG_DOC_REQUIRE=1`.

use std::time::Instant;

use nerlink::{Document, Pipeline};

/// Paragraphs of made-up article text, dense with entities and facts, `bytes` long or a little
/// more.
fn text(bytes: usize) -> String {
    let sentences = [
        "Ông Lý Văn Cường, Phó Giám đốc Sở Nội vụ tỉnh Hà Tĩnh, báo cáo tại hội nghị.",
        "Năm 2022, Chỉ số PAR INDEX của tỉnh đạt 84,17 điểm, xếp thứ 21/63.",
        "UBND tỉnh ban hành Kế hoạch số 118/KH-UBND ngày 4/5/2023 về cải cách hành chính.",
        "Các đại biểu thảo luận về chuyển đổi số tại huyện Hương Sơn và thị xã Kỳ Anh.",
        "Bà Hoàng Thị Duyên, Chủ tịch UBND huyện Can Lộc, cho biết tỷ lệ hồ sơ đúng hạn đạt 98,6%.",
    ];
    let mut out = String::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while out.len() < bytes {
        for j in 0..6 {
            out.push_str(sentences[(i * 7 + j * 3) % sentences.len()]);
            out.push(' ');
        }
        out.push('\n');
        i += 1;
    }
    out
}

fn seconds(p: &Pipeline, bytes: usize) -> f64 {
    let t = text(bytes);
    let start = Instant::now();
    let d = p.process(Document::new("big", "bench", t));
    let s = start.elapsed().as_secs_f64();
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    s
}

fn main() {
    let p = Pipeline::builder().threads(1).build().expect("pipeline");
    let mb = 1024 * 1024;
    let _warm = seconds(&p, mb / 4);
    let two = seconds(&p, 2 * mb);
    let eight = seconds(&p, 8 * mb);
    let ratio = eight / (4.0 * two);
    println!("big document, rules only, 1 thread: 2 MB {two:.2} s, 8 MB {eight:.2} s");
    println!("8 MB / (4 × 2 MB) = {ratio:.2} (target ≤ 2.5; 1.0 is linear)");
    if std::env::var("NERLINK_BIG_DOC_REQUIRE").as_deref() == Ok("1") && ratio > 2.5 {
        eprintln!("big document: not linear");
        std::process::exit(1);
    }
}
