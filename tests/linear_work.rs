//! The rule layer, the merge and relation linking do work linear in the document: four times
//! the text looks at no more than ~4× the items (`work_meter`), counted, not timed. Its own test
//! binary, so no other test adds to the process-wide count.

use nerlink::{work_meter, Document, Pipeline};

/// A made-up article body of `paragraphs` paragraphs, dense with entities and facts.
fn article(paragraphs: usize) -> String {
    let sentences = [
        "Ông Lý Văn Cường, Phó Giám đốc Sở Nội vụ tỉnh Hà Tĩnh, báo cáo tại hội nghị.",
        "Năm 2022, Chỉ số PAR INDEX của tỉnh đạt 84,17 điểm, xếp thứ 21/63.",
        "UBND tỉnh ban hành Kế hoạch số 118/KH-UBND ngày 4/5/2023 về cải cách hành chính.",
        "Các đại biểu thảo luận về chuyển đổi số tại huyện Hương Sơn và thị xã Kỳ Anh.",
    ];
    (0..paragraphs)
        .map(|i| {
            (0..5)
                .map(|j| sentences[(i * 7 + j * 3) % sentences.len()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn work_for(text: String) -> u64 {
    let p = Pipeline::builder().threads(1).build().expect("pipeline");
    let before = work_meter::total();
    let d = p.process(Document::new("big", "test", text));
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert!(!d.relations.is_empty());
    work_meter::total() - before
}

#[test]
fn work_grows_linearly_with_the_document() {
    let small = work_for(article(500));
    let big = work_for(article(2000));
    eprintln!("items looked at: {small} (500 paragraphs), {big} (2000 paragraphs)");
    assert!(small > 0, "nothing counted");
    // generous: linear is 4×; the quadratic loops this replaced gave ~16×
    assert!(
        big <= small * 5,
        "4× the text took {big} items against {small}: not linear"
    );
}
