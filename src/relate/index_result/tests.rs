//! Index results on short texts written for these tests (not taken from any real page), run
//! through the pipeline without the model. Each test pins one rule, positives and negatives.

use serde_json::{Map, Value};

use crate::document::RelationValues;
use crate::{Document, Pipeline};

fn run(text: &str) -> Vec<Map<String, Value>> {
    let p = Pipeline::builder().threads(1).build().expect("pipeline");
    let d = p.process(Document::new("t", "test", text));
    d.relations
        .iter()
        .filter_map(|r| match &r.values {
            RelationValues::IndexResult(_) => Some(r.values.to_map()),
            _ => None,
        })
        .collect()
}

fn province(rs: &[Map<String, Value>]) -> Vec<&Map<String, Value>> {
    rs.iter().filter(|v| v["scope"] == "province").collect()
}

/// The province result for (index, province, year), if any.
fn get<'a>(
    rs: &'a [Map<String, Value>],
    index: &str,
    prov: &str,
    year: u64,
) -> Option<&'a Map<String, Value>> {
    rs.iter().find(|v| {
        v["scope"] == "province"
            && v["index"] == index
            && v["province"] == prov
            && v["year"].as_u64() == Some(year)
    })
}

fn score_rank(v: Option<&Map<String, Value>>) -> (Option<f64>, Option<u64>) {
    let v = v.expect("result");
    (v["score"].as_f64(), v["rank"].as_u64())
}

#[test]
fn ranking_list_gives_each_province_its_own_values() {
    let rs = run(
        "Ở bảng xếp hạng PCI 2021, dẫn đầu là tỉnh Bình Định với 70,4 điểm; xếp thứ hai là \
         Phú Yên (69,9 điểm); tiếp theo là Hưng Yên, đạt 69,2 điểm; đứng cuối bảng là tỉnh \
         Đắk Nông.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bình Định", 2021)),
        (Some(70.4), Some(1))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Phú Yên", 2021)),
        (Some(69.9), Some(2))
    );
    // a place implied by list order only has no rank
    assert_eq!(
        score_rank(get(&rs, "PCI", "Hưng Yên", 2021)),
        (Some(69.2), None)
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Đắk Nông", 2021)),
        (None, Some(63))
    );
}

#[test]
fn fronted_rank_belongs_to_the_unit_after_it() {
    let rs = run(
        "Chỉ số PAR INDEX năm 2020 được công bố. Ở vị trí thứ 6, Tây Ninh đạt 83,4 điểm. \
         Với thứ hạng 7, Bình Phước có 83,1 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Tây Ninh", 2020)),
        (Some(83.4), Some(6))
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Bình Phước", 2020)),
        (Some(83.1), Some(7))
    );
}

#[test]
fn scores_not_deltas_and_ranks_without_a_denominator() {
    let rs = run(
        "Năm 2022, Chỉ số PAR INDEX của tỉnh Hà Nam đạt 84,05 điểm, giảm 1,33 điểm so với năm \
         2021, xếp vị trí thứ 9, giảm 2 bậc; Chỉ số SIPAS đạt 85.7%, tăng 2,1%, đứng thứ 15; \
         PAPI là 41,87/80 điểm.",
    );
    let par = get(&rs, "PAR INDEX", "Hà Nam", 2022).expect("PAR");
    assert_eq!(par["score"].as_f64(), Some(84.05));
    assert_eq!(par["rank"], 9);
    assert_eq!(par["rank_change"], -2);
    assert_eq!(
        score_rank(get(&rs, "SIPAS", "Hà Nam", 2022)),
        (Some(85.7), Some(15))
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Hà Nam", 2022)),
        (Some(41.87), None)
    );
    // the comparison year is not a result
    assert!(province(&rs).iter().all(|v| v["year"] == 2022), "{rs:?}");
}

#[test]
fn prior_year_values_are_their_own_results() {
    let rs = run(
        "Tỉnh Sóc Trăng năm 2019 xếp thứ 44 về Chỉ số PCI, năm 2020 và 2021 xếp hạng 38, \
         năm 2022 đứng thứ 27/63.",
    );
    for (y, r) in [(2019, 44), (2020, 38), (2021, 38), (2022, 27)] {
        assert_eq!(
            get(&rs, "PCI", "Sóc Trăng", y).map(|v| v["rank"].clone()),
            Some(Value::from(r)),
            "{y}: {rs:?}"
        );
    }
    let rs = run(
        "Chỉ số SIPAS năm 2023 của tỉnh Hậu Giang tăng từ 80,15% lên 83,6%, thứ hạng tăng từ \
         40/63 lên 31/63.",
    );
    assert_eq!(
        score_rank(get(&rs, "SIPAS", "Hậu Giang", 2023)),
        (Some(83.6), Some(31))
    );
    assert_eq!(
        score_rank(get(&rs, "SIPAS", "Hậu Giang", 2022)),
        (Some(80.15), Some(40))
    );
    let rs = run(
        "Chỉ số PAR INDEX 2021 của Bắc Giang đạt 86,2 điểm (năm 2020 đạt 84,9 điểm, xếp thứ \
         25), xếp thứ 14.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Bắc Giang", 2021)),
        (Some(86.2), Some(14))
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Bắc Giang", 2020)),
        (Some(84.9), Some(25))
    );
}

#[test]
fn kept_rank_is_also_the_previous_years() {
    let rs = run("Chỉ số PAPI năm 2020 của tỉnh Điện Biên vẫn giữ nguyên vị trí thứ 55/63.");
    let now = get(&rs, "PAPI", "Điện Biên", 2020).expect("2020");
    assert_eq!(
        (now["rank"].as_u64(), now["rank_change"].as_i64()),
        (Some(55), Some(0))
    );
    assert_eq!(
        get(&rs, "PAPI", "Điện Biên", 2019).map(|v| v["rank"].clone()),
        Some(55.into())
    );
}

#[test]
fn averages_and_goals_are_not_province_results() {
    let rs = run(
        "Giá trị trung bình Chỉ số PAPI năm 2022 của cả nước là 42,6 điểm; tỉnh Hải Dương đạt \
         44,1 điểm, cao hơn mức trung bình 1,5 điểm. Tỉnh Hải Dương phấn đấu đến năm 2025 \
         Chỉ số PCI đạt 70 điểm, xếp trong nhóm 10 tỉnh dẫn đầu.",
    );
    let p = province(&rs);
    assert_eq!(p.len(), 1, "{rs:?}");
    assert_eq!(p[0]["score"].as_f64(), Some(44.1));
    assert!(rs
        .iter()
        .any(|v| v["scope"] == "national" && v["score"].as_f64() == Some(42.6)));
}

#[test]
fn internal_rankings_of_districts_are_not_the_province() {
    let rs = run(
        "Kết quả Chỉ số CCHC năm 2022 của UBND các huyện, thành phố trong tỉnh Hà Giang: \
         UBND thành phố Hà Giang đứng đầu với 90,2 điểm, huyện Bắc Mê xếp thứ hai với 88,4 \
         điểm.",
    );
    assert!(province(&rs).is_empty(), "{rs:?}");
    assert!(rs.iter().any(|v| v["scope"] == "district"));
}

#[test]
fn respectively_pairs_units_and_values_in_order() {
    let rs = run(
        "Ba địa phương dẫn đầu Chỉ số PGI năm 2022 lần lượt là Sơn La, Yên Bái và Lào Cai với \
         25,1 điểm, 24,8 điểm và 24,3 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PGI", "Sơn La", 2022)),
        (Some(25.1), None)
    );
    assert_eq!(
        score_rank(get(&rs, "PGI", "Lào Cai", 2022)),
        (Some(24.3), None)
    );
    let rs = run("Chỉ số PAPI năm 2022 của Lai Châu và Điện Biên lần lượt là 39,12 và 40,07.");
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Lai Châu", 2022)),
        (Some(39.12), None)
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Điện Biên", 2022)),
        (Some(40.07), None)
    );
}

#[test]
fn index_named_after_the_rank_and_shared_by_several() {
    let rs = run(
        "Tỉnh Vĩnh Phúc đứng đầu cả nước về Chỉ số cải cách hành chính (PAR INDEX 2020), xếp \
         thứ hai là Quảng Nam.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Vĩnh Phúc", 2020)),
        (None, Some(1))
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Quảng Nam", 2020)),
        (None, Some(2))
    );
    let rs = run("Năm 2022, tỉnh Bình Thuận dẫn đầu ở cả Chỉ số PCI và Chỉ số PGI.");
    assert!(get(&rs, "PCI", "Bình Thuận", 2022).is_some(), "{rs:?}");
    assert!(get(&rs, "PGI", "Bình Thuận", 2022).is_some(), "{rs:?}");
}

#[test]
fn membership_lists_name_results_without_values() {
    let rs = run("Tốp 3 của Chỉ số DTI năm 2021 gồm: Thái Bình, Nam Định và Ninh Bình.");
    for p in ["Thái Bình", "Nam Định", "Ninh Bình"] {
        assert_eq!(score_rank(get(&rs, "DTI", p, 2021)), (None, None), "{p}");
    }
}

#[test]
fn post_merger_ranks_and_last_place() {
    let rs = run("Chỉ số DTI năm 2025 của tỉnh Phú Thọ xếp thứ 7/34; xếp cuối là tỉnh Cao Bằng.");
    let pt = get(&rs, "DTI", "Phú Thọ", 2025).expect("Phú Thọ");
    assert_eq!(
        (pt["rank"].as_u64(), pt["rank_of"].as_u64()),
        (Some(7), Some(34))
    );
    assert_eq!(
        get(&rs, "DTI", "Cao Bằng", 2025).map(|v| v["rank"].clone()),
        Some(34.into())
    );
}

#[test]
fn region_ranks() {
    let rs = run(
        "Chỉ số PGI 2023 của tỉnh Kon Tum đạt 22,4 điểm, xếp thứ 40/63 cả nước và thứ 3 khu \
         vực Tây Nguyên.",
    );
    let v = get(&rs, "PGI", "Kon Tum", 2023).expect("Kon Tum");
    assert_eq!(
        (v["rank"].as_u64(), v["region_rank"].as_u64()),
        (Some(40), Some(3))
    );
    assert_eq!(v["region"], "Tây Nguyên");
}

#[test]
fn things_that_are_not_ranks_or_scores() {
    // sub-index values, counts, weekdays, "năm thứ", "người đứng đầu", shares
    let rs = run(
        "Chỉ số PAPI năm 2021 của tỉnh Quảng Trị đạt 42,3 điểm. Ở tiêu chí thủ tục hành chính \
         công, tỉnh đạt 7,1 điểm, xếp thứ 5/63. Đây là năm thứ 3 liên tiếp tỉnh có 6/8 trục \
         nội dung tăng điểm. Thứ Hai, 12/4/2022, người đứng đầu cấp ủy chỉ đạo giải quyết \
         96,5% hồ sơ đúng hạn.",
    );
    let p = province(&rs);
    assert_eq!(p.len(), 1, "{rs:?}");
    assert_eq!(score_rank(p.first().copied()), (Some(42.3), None));
}

#[test]
fn a_portal_date_line_weekday_is_not_a_rank() {
    // the weekday of a portal's date line, written with a dash before the date
    let rs = run(
        "Thứ ba - 14/03/2023 09:10 512\nChỉ số DTI năm 2022 của tỉnh Sóc Trăng đạt 0,5512, \
         xếp thứ 36/63 tỉnh, thành phố.",
    );
    let p = province(&rs);
    assert_eq!(p.len(), 1, "{rs:?}");
    assert_eq!(score_rank(p.first().copied()), (Some(0.5512), Some(36)));
    let rs = run("Thứ hai – 20/5/2024\nChỉ số PCI 2023 của tỉnh Bến Tre đạt 66,1 điểm.");
    assert_eq!(
        score_rank(province(&rs).first().copied()),
        (Some(66.1), None),
        "{rs:?}"
    );
}

#[test]
fn the_largest_change_and_a_threshold_are_not_scores() {
    // a report's largest/smallest change ("tăng cao nhất là 8,12%") and a threshold (">90%")
    let rs = run(
        "Trung tâm phục vụ hành chính công tỉnh Phú Yên.\nChỉ số PAR INDEX năm 2023 của các \
         tỉnh đạt giá trị trung bình 86,5%. Có 50 tỉnh tăng so với năm 2022, với tỉnh tăng cao \
         nhất là 8,12%, tăng thấp nhất là 0,05%; tỉnh giảm nhiều nhất là 2,4%. Tỉnh Phú Yên \
         đạt 85,3%, xếp thứ 40/63. Đà Nẵng đạt kết quả Chỉ số >90%.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Phú Yên", 2023)),
        (Some(85.3), Some(40)),
        "{rs:?}"
    );
    assert_eq!(province(&rs).len(), 1, "{rs:?}");
}

#[test]
fn several_units_leading_together_are_members() {
    // a title listing the leaders, the index and year told below
    let rs = run(
        "Đồng Nai, Bình Dương và Long An dẫn đầu về chuyển đổi số\nBộ Khoa học và Công nghệ \
         công bố Chỉ số DTI năm 2024 của các tỉnh.",
    );
    for p in ["Đồng Nai", "Bình Dương", "Long An"] {
        assert_eq!(
            score_rank(get(&rs, "DTI", p, 2024)),
            (None, None),
            "{p}: {rs:?}"
        );
    }
    let rs = run(
        "Theo PCI 2024, tỉnh Nam Định đạt 66,2 điểm. Ninh Bình, Hà Nam và Thái Bình đều có mặt \
         trong nhóm 30 địa phương dẫn đầu.",
    );
    for p in ["Ninh Bình", "Hà Nam", "Thái Bình"] {
        assert_eq!(
            score_rank(get(&rs, "PCI", p, 2024)),
            (None, None),
            "{p}: {rs:?}"
        );
    }
    assert_eq!(province(&rs).len(), 4, "{rs:?}");
    // one unit leading is still first
    let rs = run("Theo PCI 2024, Hải Phòng dẫn đầu với 74,8 điểm.");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Hải Phòng", 2024)),
        (Some(74.8), Some(1))
    );
}

#[test]
fn coordinated_ranks_pair_with_the_units_after_la() {
    let rs = run(
        "Theo kết quả PAPI 2023, Bắc Ninh đứng đầu với 46,1 điểm. Xếp thứ 2 và thứ 3 về chỉ số \
         PAPI 2023 là Sơn La (45,9 điểm) và Hà Tĩnh (45,7 điểm).",
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Sơn La", 2023)),
        (Some(45.9), Some(2))
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Hà Tĩnh", 2023)),
        (Some(45.7), Some(3)),
        "{rs:?}"
    );
    let rs = run("Về PCI 2022, đứng thứ tư, thứ năm lần lượt là Hưng Yên và Bình Dương.");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bình Dương", 2022)),
        (None, Some(5)),
        "{rs:?}"
    );
}

#[test]
fn the_year_after_an_index_gloss_is_the_index_year() {
    // an event's year ("Ngày Chuyển đổi số quốc gia năm 2025") is not the measured one; the
    // year written after the index's bracketed English gloss is
    let rs = run(
        "Hà Nội dẫn đầu về chuyển đổi số\nTại lễ kỷ niệm Ngày Chuyển đổi số quốc gia năm 2025, \
         Bộ Khoa học và Công nghệ công bố Chỉ số chuyển đổi số (Digital Transformation \
         Index-DTI) năm 2024.",
    );
    assert_eq!(
        score_rank(get(&rs, "DTI", "Hà Nội", 2024)),
        (None, Some(1)),
        "{rs:?}"
    );
    assert_eq!(province(&rs).len(), 1, "{rs:?}");
}

#[test]
fn a_unit_given_as_an_example_after_nhu_is_the_subject() {
    // "như" after a comma lists examples; "như X" elsewhere is still a point of comparison
    let rs = run(
        "Tỉnh Sơn La đạt 64,2 điểm PCI 2024, xếp thứ 45/63. Nhiều địa phương có chuyển biến \
         tích cực, như Ninh Bình lần đầu đạt vị trí 18 trong bảng xếp hạng PCI 2024.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Ninh Bình", 2024)),
        (None, Some(18)),
        "{rs:?}"
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Sơn La", 2024)),
        (Some(64.2), Some(45))
    );
}

#[test]
fn the_country_level_index_and_a_rank_among_countries_are_not_a_province_result() {
    let rs = run(
        "Hà Nội dẫn đầu về chuyển đổi số\nỞ cấp quốc gia, chỉ số DTI năm 2024 đạt 0,7812, tăng \
         7% so với năm 2023; Việt Nam xếp 70/193 quốc gia về Chính phủ điện tử. Hà Nội đạt \
         0,8102.",
    );
    assert_eq!(
        score_rank(get(&rs, "DTI", "Hà Nội", 2024)),
        (Some(0.8102), Some(1)),
        "{rs:?}"
    );
    assert_eq!(province(&rs).len(), 1, "{rs:?}");
}

#[test]
fn a_bound_from_x_upward_is_not_a_score() {
    // a group's bound "từ 90% trở lên" is neither a score nor the year before's value
    let rs = run(
        "Ảnh: Trung tâm hành chính công tỉnh Nam Định.\nKết quả Chỉ số PAR INDEX năm 2023 được \
         chia 2 nhóm: nhóm A đạt từ 90% trở lên, có 7 tỉnh; nhóm B đạt từ 80% đến dưới 90%. \
         Tỉnh Nam Định đạt 88,4%, xếp thứ 20/63.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Nam Định", 2023)),
        (Some(88.4), Some(20)),
        "{rs:?}"
    );
    assert_eq!(province(&rs).len(), 1, "{rs:?}");
}

#[test]
fn a_sentence_referring_back_keeps_the_previous_province() {
    // "địa phương" heading the clause, or "tỉnh này", is the unit of the sentence before,
    // even when the sentence names the index again
    let rs = run(
        "Bình Dương dẫn đầu Chỉ số PCI 2023 với 72,1 điểm. Trong PCI năm nay, Hậu Giang là cái \
         tên gây chú ý, tăng 9 bậc so với năm 2022. Kết quả, địa phương giành vị trí thứ ba \
         trong bảng xếp hạng PCI 2023 với 69,8 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Hậu Giang", 2023)),
        (Some(69.8), Some(3)),
        "{rs:?}"
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bình Dương", 2023)),
        (Some(72.1), Some(1))
    );
}

#[test]
fn one_unit_joining_a_numbered_group_is_a_member() {
    let rs = run(
        "Theo PCI 2024, tỉnh Nam Định đạt 66,2 điểm, xếp thứ 35/63. Ninh Bình cũng trở lại tốp \
         30 sau 2 năm; Hà Nam lần đầu lọt vào top 20 với 68,9 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Ninh Bình", 2024)),
        (None, None),
        "{rs:?}"
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Hà Nam", 2024)),
        (Some(68.9), None),
        "{rs:?}"
    );
    assert_eq!(province(&rs).len(), 3, "{rs:?}");
}

#[test]
fn a_value_about_another_topic_takes_no_index() {
    let rs = run(
        "Chỉ số PCI năm 2021 của tỉnh Tiền Giang xếp thứ 30/63. Về thu hút đầu tư, tỉnh đứng \
         thứ 12 cả nước. Tỉnh đứng thứ 9 về số doanh nghiệp thành lập mới. Tỷ lệ thủ tục giải \
         quyết đúng hạn đạt 97,2%, xếp thứ 6 cả nước. Năm 2021, tỷ lệ hồ sơ trực tuyến đạt \
         60,5%; Chỉ số SIPAS đạt 82,3%.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Tiền Giang", 2021)),
        (None, Some(30))
    );
    assert_eq!(
        score_rank(get(&rs, "SIPAS", "Tiền Giang", 2021)),
        (Some(82.3), None)
    );
    assert_eq!(province(&rs).len(), 2, "{rs:?}");
    // a topic in the index's own words is the index
    let rs = run(
        "Chỉ số DTI năm 2023 được công bố. Tỉnh Bắc Ninh xếp thứ 4 về mức độ chuyển đổi số \
         cấp tỉnh.",
    );
    assert_eq!(
        score_rank(get(&rs, "DTI", "Bắc Ninh", 2023)),
        (None, Some(4))
    );
}

#[test]
fn year_defaults_to_the_article_index_year() {
    // the year written with the index in an earlier sentence; a comparison year never
    let rs = run(
        "Công bố Chỉ số PAPI 2019. So với năm 2018, tỉnh An Giang tăng 7 bậc, xếp thứ 20/63 \
         với 43,2 điểm.",
    );
    let v = get(&rs, "PAPI", "An Giang", 2019).expect("2019");
    assert_eq!(
        (v["score"].as_f64(), v["rank_change"].as_i64()),
        (Some(43.2), Some(7))
    );
    assert!(get(&rs, "PAPI", "An Giang", 2018).is_none());
}

#[test]
fn a_unit_named_for_comparison_keeps_only_its_bracket() {
    let rs = run(
        "Chỉ số PCI 2021 của tỉnh Tây Ninh xếp thứ 2 khu vực Đông Nam Bộ, chỉ sau Đồng Nai \
         (xếp thứ 9/63 với 68,8 điểm), và đứng ở vị trí 16 cả nước.",
    );
    let tn = get(&rs, "PCI", "Tây Ninh", 2021).expect("Tây Ninh");
    assert_eq!(
        (tn["rank"].as_u64(), tn["region_rank"].as_u64()),
        (Some(16), Some(2))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Đồng Nai", 2021)),
        (Some(68.8), Some(9))
    );
}

#[test]
fn event_places_and_publication_years() {
    // the place and year of the announcement are not the result's
    let rs = run(
        "Chỉ số PAPI năm 2022 (công bố năm 2023) được giới thiệu sáng 12/5 tại Hà Nội, tỉnh \
         Nam Định xếp thứ 8/63. Tại tỉnh Thái Bình, Chỉ số PAPI năm 2022 đạt 44,02 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Nam Định", 2022)),
        (None, Some(8))
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Thái Bình", 2022)),
        (Some(44.02), None)
    );
    assert!(
        rs.iter()
            .all(|v| v["province"] != "Hà Nội" && v["year"] == 2022),
        "{rs:?}"
    );
}

#[test]
fn each_rank_takes_the_index_it_is_said_to_be_about() {
    let rs = run(
        "Năm 2021, tỉnh Hải Dương xếp thứ 12 về Chỉ số PCI, thứ 7 về Chỉ số PAPI và thứ 20 về \
         Chỉ số PAR INDEX.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Hải Dương", 2021)),
        (None, Some(12))
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Hải Dương", 2021)),
        (None, Some(7))
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Hải Dương", 2021)),
        (None, Some(20))
    );
}

#[test]
fn rank_shapes_of_titles_and_words() {
    let rs = run(
        "PCI 2022: Bình Dương đứng đầu, Đồng Nai thứ 4\n\nTỉnh Long An xếp hạng nhì về Chỉ số \
         PCI 2022. Tỉnh Tây Ninh xếp thứ 15 trên tổng số 63 tỉnh, thành phố về Chỉ số PCI 2022.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bình Dương", 2022)),
        (None, Some(1))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Đồng Nai", 2022)),
        (None, Some(4))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Long An", 2022)),
        (None, Some(2))
    );
    let tn = get(&rs, "PCI", "Tây Ninh", 2022).expect("Tây Ninh");
    assert_eq!(
        (tn["rank"].as_u64(), tn["rank_of"].as_u64()),
        (Some(15), Some(63))
    );
}

#[test]
fn pillar_values_and_long_spans_are_not_results() {
    let rs = run(
        "Chỉ số DTI năm 2023 của tỉnh Bình Thuận đạt 0,5123 điểm, xếp thứ 33/63; trong đó trụ \
         cột kinh tế số đạt 0,4011 điểm, xếp thứ 12/63. Trong 4 năm trở lại đây, Chỉ số PCI của \
         tỉnh tăng từ 60,1 điểm lên 64,2 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "DTI", "Bình Thuận", 2023)),
        (Some(0.5123), Some(33))
    );
    assert!(get(&rs, "PCI", "Bình Thuận", 2022).is_none(), "{rs:?}");
    assert_eq!(province(&rs).len(), 2, "{rs:?}");
}

#[test]
fn ministry_block_is_not_the_province() {
    let rs = run(
        "Tỉnh Quảng Bình công bố kết quả. Ở khối bộ, cơ quan ngang bộ, đơn vị dẫn đầu Chỉ số \
         PAR INDEX 2022 đạt 92,1%; tỉnh Quảng Bình xếp thứ 30/63.",
    );
    let p = province(&rs);
    assert_eq!(p.len(), 1, "{rs:?}");
    assert_eq!(score_rank(p.first().copied()), (None, Some(30)));
}

#[test]
fn satisfaction_index_named_in_words() {
    let rs = run("Năm 2022, tỉnh Đồng Tháp đứng thứ 6/63 tỉnh, thành phố về Chỉ số hài lòng.");
    assert_eq!(
        score_rank(get(&rs, "SIPAS", "Đồng Tháp", 2022)),
        (None, Some(6))
    );
}

#[test]
fn the_capital_named_with_its_epithet_is_ha_noi() {
    let rs = run(
        "Kết quả PCI 2019 vừa được công bố. Bình Định giữ vị trí thứ 3. Đáng chú ý, Thủ đô Hà \
         Nội chỉ đứng thứ 31.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Hà Nội", 2019)),
        (None, Some(31))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bình Định", 2019)),
        (None, Some(3))
    );
}

#[test]
fn a_list_of_places_overtaken_is_compared_as_a_whole() {
    let rs = run(
        "Trong bảng xếp hạng PCI 2021, Cần Thơ đã vượt qua các tỉnh nhiều năm đứng đầu như Long \
         An, Bến Tre để vươn lên vị trí số 1 với 71,2 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Cần Thơ", 2021)),
        (Some(71.2), Some(1))
    );
    assert!(get(&rs, "PCI", "Bến Tre", 2021).is_none_or(|v| v["rank"].is_null()));
    let rs = run("Năm 2022, Sóc Trăng đạt 65,1 điểm PCI, vượt Kon Tum và Cà Mau.");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Sóc Trăng", 2022)),
        (Some(65.1), None)
    );
}

#[test]
fn lists_in_order_name_members_without_ranks() {
    let rs = run(
        "Năm 2022, Yên Bái có Chỉ số PAPI cao nhất với 45,2 điểm. Các vị trí tiếp theo là Sơn La, \
         Lào Cai, Phú Thọ.",
    );
    for p in ["Sơn La", "Lào Cai", "Phú Thọ"] {
        assert_eq!(score_rank(get(&rs, "PAPI", p, 2022)), (None, None), "{p}");
    }
    let rs = run(
        "Năm tỉnh có SIPAS 2020 cao nhất theo thứ tự là: Nam Định, Ninh Bình, Hà Nam, Thái Bình \
         và Hưng Yên.",
    );
    for p in ["Nam Định", "Ninh Bình", "Hưng Yên"] {
        assert_eq!(score_rank(get(&rs, "SIPAS", p, 2020)), (None, None), "{p}");
    }
    let rs = run(
        "Kiên Giang, An Giang và Cà Mau lần lượt là các địa phương có điểm số cao nhất trong bảng \
         xếp hạng PGI 2023.",
    );
    for p in ["Kiên Giang", "An Giang", "Cà Mau"] {
        assert_eq!(score_rank(get(&rs, "PGI", p, 2023)), (None, None), "{p}");
    }
    // one province before the words is no list
    let rs = run("Năm 2023, Cà Mau lần lượt là các địa phương được khảo sát PGI.");
    assert!(province(&rs).is_empty());
    let rs = run(
        "Bình Định, Phú Yên, Lạng Sơn và Hà Nam là 4 địa phương đứng đầu bảng xếp hạng PAPI \
         2021.",
    );
    for p in ["Bình Định", "Phú Yên", "Lạng Sơn", "Hà Nam"] {
        assert_eq!(score_rank(get(&rs, "PAPI", p, 2021)), (None, None), "{p}");
    }
    let rs = run("Lạng Sơn là địa phương đứng đầu bảng xếp hạng PAPI 2021, với số điểm 47.");
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Lạng Sơn", 2021)),
        (Some(47.0), Some(1))
    );
}

#[test]
fn an_index_named_highest_is_first_place() {
    let rs = run(
        "Năm 2021, Bắc Ninh có Chỉ số PCI cao nhất với tổng điểm của cả 10 chỉ số thành phần là \
         72,5 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bắc Ninh", 2021)),
        (Some(72.5), Some(1))
    );
    // a best ever, a group, a sub-index value are not first place
    let rs = run("Năm 2021, Bắc Ninh đạt Chỉ số PCI cao nhất từ trước đến nay với 66,1 điểm.");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bắc Ninh", 2021)),
        (Some(66.1), None)
    );
    let rs = run("Năm 2021, Bắc Ninh thuộc các tỉnh có Chỉ số PCI cao nhất.");
    assert!(province(&rs).iter().all(|v| v["rank"].is_null()));
    let rs = run("Chỉ số PCI 2021 của Bắc Ninh có chỉ số thành phần tính minh bạch đạt 7,2 điểm.");
    assert!(province(&rs).iter().all(|v| v["score"].is_null()));
}

#[test]
fn a_rank_on_the_table_of_an_index_takes_that_index() {
    let rs = run(
        "Ông A, Giám đốc dự án Chỉ số Xanh cấp tỉnh (PGI) cho biết: Bình Dương tiếp tục đứng đầu \
         bảng xếp hạng Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2022.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bình Dương", 2022)),
        (None, Some(1))
    );
    assert!(get(&rs, "PGI", "Bình Dương", 2022).is_none());
}

#[test]
fn averages_listed_after_a_first_average_and_groups_of_provinces() {
    let rs = run(
        "Giá trị trung bình PAPI 2022 của khối thành phố là 44,1 điểm; giá trị PAPI 2022 của khối \
         tỉnh là 42,3 điểm. Long An đạt 45,5 điểm.",
    );
    assert!(province(&rs)
        .iter()
        .all(|v| v["score"].as_f64() != Some(42.3)));
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Long An", 2022)),
        (Some(45.5), None)
    );
    let rs = run("Năm 2020, 5 tỉnh, thành có PCI dẫn đầu theo thứ tự là: Hậu Giang, Sóc Trăng.");
    assert_eq!(score_rank(get(&rs, "PCI", "Hậu Giang", 2020)), (None, None));
}

#[test]
fn moves_between_places_and_their_brackets() {
    let rs = run(
        "Chỉ số PAR INDEX năm 2022 của tỉnh Yên Bái đạt 85,1%. Thứ hạng tăng 3 bậc, từ vị trí 20 \
         lên 17 trong cả nước.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Yên Bái", 2022)),
        (Some(85.1), Some(17))
    );
    assert_eq!(
        get(&rs, "PAR INDEX", "Yên Bái", 2021).and_then(|v| v["rank"].as_u64()),
        Some(20)
    );
    let rs = run(
        "PCI 2020 ghi nhận Cà Mau thăng hạng từ vị trí thứ 40 (với 60,2 điểm) năm 2019 lên vị \
         trí thứ 30 với 62,4 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Cà Mau", 2020)),
        (Some(62.4), Some(30))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Cà Mau", 2019)),
        (Some(60.2), Some(40))
    );
    // a change in brackets after the verb is no score
    let rs = run("Chỉ số SIPAS 2022 của tỉnh Yên Bái giảm mạnh (6,2%), xuống còn 80,5%.");
    assert_eq!(
        score_rank(get(&rs, "SIPAS", "Yên Bái", 2022)),
        (Some(80.5), None)
    );
    // the year after the ranked units belongs to the rank
    let rs = run(
        "Năm 2022, Chỉ số PCI của Cà Mau xếp thứ 20, tiến bộ nhiều so với vị trí 55/63 tỉnh, \
         thành phố vào năm 2015.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Cà Mau", 2022)),
        (None, Some(20))
    );
}

#[test]
fn a_rank_said_national_in_a_sentence_with_a_region_rank() {
    let rs = run(
        "Chỉ số PAR INDEX năm 2022 của tỉnh Yên Bái đạt 85,1%, xếp thứ 17 trong cả nước và xếp \
         thứ 3 trong vùng Trung du và miền núi phía Bắc.",
    );
    let v = get(&rs, "PAR INDEX", "Yên Bái", 2022).expect("Yên Bái");
    assert_eq!(
        (v["rank"].as_u64(), v["region_rank"].as_u64()),
        (Some(17), Some(3))
    );
    let rs = run(
        "Chỉ số PAR INDEX năm 2022 của tỉnh Yên Bái đạt 85,1%, từ vị trí 20 lên 17 trong cả \
         nước, từ vị trí thứ 5 lên thứ 3 trong vùng.",
    );
    let v = get(&rs, "PAR INDEX", "Yên Bái", 2021).expect("Yên Bái 2021");
    assert_eq!(
        (v["rank"].as_u64(), v["region_rank"].as_u64()),
        (Some(20), Some(5))
    );
}

#[test]
fn a_list_after_tiep_theo_la_continues_the_ranking() {
    let rs = run(
        "Năm 2019, Yên Bái dẫn đầu Chỉ số PAPI với 46,1 điểm; tiếp theo là Sơn La và Điện Biên.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Yên Bái", 2019)),
        (Some(46.1), Some(1))
    );
    for p in ["Sơn La", "Điện Biên"] {
        assert_eq!(score_rank(get(&rs, "PAPI", p, 2019)), (None, None), "{p}");
    }
    // no ranking before it: "tiếp theo là" names no result
    let rs = run("Chỉ số PAPI năm 2019 được công bố ở Hà Nội, tiếp theo là hội thảo ở Sơn La.");
    assert!(get(&rs, "PAPI", "Sơn La", 2019).is_none(), "{rs:?}");
}

#[test]
fn n_provinces_leading_gom_lists_them() {
    let rs =
        run("Năm 2016, Tây Bắc có 2 tỉnh đứng đầu Chỉ số PCI cả nước, gồm: Lai Châu và Sơn La.");
    for p in ["Lai Châu", "Sơn La"] {
        assert_eq!(score_rank(get(&rs, "PCI", p, 2016)), (None, None), "{p}");
    }
}

#[test]
fn a_count_of_provinces_is_not_a_rank() {
    let rs = run(
        "Năm 2021, Chỉ số SIPAS của Kon Tum đạt 80,5%; 41/63 tỉnh, thành phố có chỉ số tăng so \
         với năm 2020.",
    );
    assert_eq!(
        score_rank(get(&rs, "SIPAS", "Kon Tum", 2021)),
        (Some(80.5), None)
    );
    // a rank word before the fraction keeps it a rank
    let rs = run("Năm 2021, Chỉ số SIPAS của Kon Tum xếp thứ 41/63 tỉnh, thành phố có khảo sát.");
    assert_eq!(score_rank(get(&rs, "SIPAS", "Kon Tum", 2021)).1, Some(41));
}

#[test]
fn increases_and_shares_are_not_scores() {
    let rs = run(
        "Chỉ số PAR INDEX năm 2020 của Gia Lai đạt 82,1%; trong đó tỉnh có mức tăng cao nhất là \
         7,25%. Có 9/63 tỉnh đạt trên 85%, chiếm 14,3%.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Gia Lai", 2020)),
        (Some(82.1), None)
    );
    assert_eq!(province(&rs).len(), 1, "{rs:?}");
}

#[test]
fn the_comparison_year_alone_dates_the_result_after_it() {
    let rs = run("Chỉ số PCI của tỉnh Bình Phước đứng thứ 20 cả nước, tăng 3 bậc so với năm 2017.");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bình Phước", 2018)),
        (None, Some(20))
    );
}

#[test]
fn ministries_ranked_among_themselves_are_not_the_site_province() {
    let rs = run(
        "Đối với 12 bộ, ngành có dịch vụ công, Bộ Xây dựng giữ vị trí dẫn đầu Chỉ số DTI năm \
         2022 với 0,5123 điểm.",
    );
    assert!(province(&rs).is_empty(), "{rs:?}");
    // "các bộ, ngành, địa phương" takes in the provinces: the province keeps its result
    let rs = run(
        "Chỉ số DTI năm 2022 của các bộ, ngành, địa phương đã công bố, tỉnh Hà Nam đạt 0,5123 \
         điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "DTI", "Hà Nam", 2022)),
        (Some(0.5123), None)
    );
}

#[test]
fn a_decimal_comma_does_not_end_the_clause() {
    let rs = run(
        "Năm 2020, Chỉ số PAR INDEX của Gia Lai đạt 82,1%; trong đó tỉnh có mức tăng cao nhất là \
         7,25% và thấp nhất là 0,4%.",
    );
    assert_eq!(province(&rs).len(), 1, "{rs:?}");
}

#[test]
fn a_stray_space_in_a_bracketed_score() {
    let rs = run("Năm 2017, tỉnh Bạc Liêu có Chỉ số PCI thứ hạng 40 (60, 25 điểm).");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Bạc Liêu", 2017)),
        (Some(60.25), Some(40))
    );
}

#[test]
fn vi_tri_so_mot_is_first_place() {
    let rs = run("Năm 2020, tỉnh Long An đứng ở vị trí số một về Chỉ số PGI.");
    assert_eq!(
        score_rank(get(&rs, "PGI", "Long An", 2020)),
        (None, Some(1))
    );
    // "một" without "số" is not a rank
    let rs = run("Năm 2020, Chỉ số PGI của tỉnh Long An xếp hạng một cách khách quan.");
    assert!(get(&rs, "PGI", "Long An", 2020).is_none_or(|v| v["rank"].is_null()));
}

#[test]
fn the_place_moved_to_after_a_comparison_year_is_the_measured_years() {
    let rs = run(
        "Chỉ số PCI năm 2019 của Phú Yên tăng 12 bậc so với năm 2018 (từ vị trí 50 lên vị trí \
         38).",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Phú Yên", 2019)),
        (None, Some(38))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Phú Yên", 2018)),
        (None, Some(50))
    );
}

#[test]
fn flattened_ranking_tables_give_one_result_per_row() {
    // score and rank are the last numbers of a province row; sub-index rows are skipped
    let rs = run("BẢNG XẾP HẠNG PAPI NĂM 2021\n\
         Tỉnh Tham gia Công khai Điểm tổng hợp Xếp hạng Nhóm\n\
         Nam Định 5.1 6.2 44.10 1 Cao\n\
         TT-Huế 5.0 6.0 43.95 2 Cao\n\
         Vùng Bắc Bộ 4.9 5.9 43.30 3 Cao\n\
         BRVT 4.8 5.9 43.20 3 Trung bình cao\n\
         Gia nhập thị trường 8.1 12 7.5 3\n\
         Hà Nam 4.7 5\n");
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Nam Định", 2021)),
        (Some(44.1), Some(1))
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Thừa Thiên Huế", 2021)),
        (Some(43.95), Some(2))
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Bà Rịa - Vũng Tàu", 2021)),
        (Some(43.2), Some(3))
    );
    assert_eq!(province(&rs).len(), 3);
    // rank first, under a heading that says the list is a ranking
    let rs =
        run("Xếp hạng DTI năm 2022\n1 Tỉnh Bình Định 0.71\n2 TP. Cần Thơ 0.70\n3 Lạng Sơn 0.69\n");
    assert_eq!(
        score_rank(get(&rs, "DTI", "Bình Định", 2022)),
        (Some(0.71), Some(1))
    );
    assert_eq!(
        score_rank(get(&rs, "DTI", "Lạng Sơn", 2022)),
        (Some(0.69), Some(3))
    );
    // a short numbered list without such a heading is no ranking
    let rs = run("Đoàn công tác PCI năm 2022 đi các tỉnh:\n1 Lạng Sơn\n2 Cao Bằng\n");
    assert!(province(&rs).is_empty());
}

#[test]
fn year_column_tables_give_the_named_province_its_values() {
    let rs = run("Hồ sơ PCI của Lạng Sơn\n\
         Năm | 2021 | 2022 |\n\
         Tính minh bạch | 6.1 | 6.5 |\n\
         Điểm số PCI | 63.5 | 64.2 |\n\
         Xếp hạng | 40 | 33 |\n\
         So sánh với các tỉnh trong vùng\n\
         Năm | 2022 | 2021 |\n\
         Cao Bằng | 58.1 | 57.9 |\n");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Lạng Sơn", 2021)),
        (Some(63.5), Some(40))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Lạng Sơn", 2022)),
        (Some(64.2), Some(33))
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Cao Bằng", 2022)),
        (Some(58.1), None)
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Cao Bằng", 2021)),
        (Some(57.9), None)
    );
    assert_eq!(province(&rs).len(), 4);
}

#[test]
fn the_scope_named_last_before_a_rank_is_its_own() {
    let rs = run(
        "Năm 2022, thứ hạng PAPI của Hà Giang trong cả nước tăng 5 bậc (từ vị trí 40 lên 35), \
         và tăng 2 bậc trong vùng (từ vị trí 9 lên 7).",
    );
    let v = get(&rs, "PAPI", "Hà Giang", 2022).expect("2022");
    assert_eq!(v["rank"].as_u64(), Some(35));
    assert_eq!(v["region_rank"].as_u64(), Some(7));
    assert_eq!(
        get(&rs, "PAPI", "Hà Giang", 2021).and_then(|v| v["rank"].as_u64()),
        Some(40)
    );
}

#[test]
fn scores_moving_from_one_to_another_are_two_years() {
    let rs = run("Điểm số PAPI năm 2022 của tỉnh Hà Giang tăng, từ 41,20 lên 42,05.");
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Hà Giang", 2022)),
        (Some(42.05), None)
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Hà Giang", 2021)),
        (Some(41.2), None)
    );
}

#[test]
fn a_sentence_opened_by_den_nam_sets_its_year_unless_a_goal() {
    let rs = run(
        "Năm 2019, PCI của Hà Giang đạt 60,1 điểm. Đến năm 2020, Hà Giang đạt 61,3 điểm, đứng \
         thứ 40/63.",
    );
    assert_eq!(
        score_rank(get(&rs, "PCI", "Hà Giang", 2020)),
        (Some(61.3), Some(40))
    );
    let rs = run(
        "Năm 2023, PCI của Hà Giang đạt 62 điểm. Đến năm 2025, tỉnh phấn đấu PCI đạt 66,5 điểm.",
    );
    assert!(get(&rs, "PCI", "Hà Giang", 2025).is_none());
}

#[test]
fn the_largest_change_named_with_its_amount_in_brackets_is_not_a_score() {
    let rs = run(
        "Chỉ số PAR INDEX năm 2023 có 50 địa phương tăng điểm, tăng cao nhất là Ninh Bình \
         (5,12%), tăng thấp nhất là tỉnh Hà Nam (0,3%); giảm nhiều nhất là Sóc Trăng (1,8%).",
    );
    assert!(province(&rs).is_empty(), "{rs:?}");
    // a score in brackets after a ranked province stays a score
    let rs = run("Chỉ số PAR INDEX năm 2023 dẫn đầu là Ninh Bình (91,2%).");
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Ninh Bình", 2023)).0,
        Some(91.2)
    );
}

#[test]
fn an_average_at_its_highest_is_still_an_average() {
    let rs = run(
        "Chỉ số PAR INDEX năm 2024 của các tỉnh, thành phố có giá trị trung bình cao nhất từ \
         trước đến nay, đạt 87,9%. Chỉ số PAR INDEX năm 2024 của tỉnh Sơn La đạt 89,1%.",
    );
    assert!(
        rs.iter()
            .any(|r| r["scope"] == "national" && r["score"] == 87.9),
        "{rs:?}"
    );
    assert_eq!(province(&rs).len(), 1, "{rs:?}");
    assert_eq!(
        score_rank(get(&rs, "PAR INDEX", "Sơn La", 2024)).0,
        Some(89.1)
    );
}

#[test]
fn first_place_written_as_dung_nhat() {
    let rs = run(
        "Theo bảng xếp hạng PAPI năm 2021, sau tỉnh Lạng Sơn (đứng nhất năm thứ 2 liên tiếp), \
         Bình Định giữ vị trí thứ 2 với 45,1 điểm.",
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Lạng Sơn", 2021)),
        (None, Some(1))
    );
    assert_eq!(
        score_rank(get(&rs, "PAPI", "Bình Định", 2021)),
        (Some(45.1), Some(2))
    );
}

#[test]
fn a_sentence_opened_by_so_bang_xep_hang_names_the_baseline_year() {
    // "So bảng xếp hạng … năm 2021, X …": 2021 is what the result is compared with
    let rs = run(
        "Chỉ số PCI năm 2022 của tỉnh Hậu Giang xếp thứ 30. So bảng xếp hạng PCI năm 2021, \
         Sóc Trăng giảm điểm nhẹ nhưng vẫn giữ vị trí thứ 40.",
    );
    assert!(get(&rs, "PCI", "Sóc Trăng", 2021).is_none(), "{rs:?}");
    assert_eq!(
        score_rank(get(&rs, "PCI", "Sóc Trăng", 2022)),
        (None, Some(40))
    );
}
