//! Hard cases of the rule layer and relation linking, on short articles written for these tests
//! (not taken from any real page). Each test pins one behaviour, positives and negatives.

use nerlink::document::Norm;
use nerlink::{Document, Label, Pipeline};
use serde_json::Value;

fn run(text: &str) -> Document {
    let p = Pipeline::builder().threads(1).build().expect("pipeline");
    let d = p.process(Document::new("t", "test", text));
    for e in &d.entities {
        let got: String = text.chars().skip(e.start).take(e.end - e.start).collect();
        assert_eq!(got, e.text, "offset mismatch for {e:?}");
    }
    d
}

fn ents<'a>(d: &'a Document, label: &str) -> Vec<&'a str> {
    d.entities
        .iter()
        .filter(|e| e.label.as_str() == label)
        .map(|e| e.text.as_str())
        .collect()
}

fn rels(d: &Document, kind: &str) -> Vec<serde_json::Map<String, Value>> {
    d.relations
        .iter()
        .filter(|r| r.kind().as_str() == kind)
        .map(|r| r.values.to_map())
        .collect()
}

#[test]
fn title_org_name_and_chains() {
    let d = run("Tham dự có Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Bình Định Phạm Văn Tùng và Giám đốc Sở Tài chính Lê Thị Mai.");
    let off = rels(&d, "official");
    let has = |p: &str, r: &str, o: &str, prov: &str| {
        off.iter()
            .any(|v| v["person"] == p && v["role"] == r && v["org"] == o && v["province"] == prov)
    };
    assert!(
        has("Phạm Văn Tùng", "Chủ tịch", "UBND tỉnh", "Bình Định"),
        "{off:?}"
    );
    assert!(
        has("Phạm Văn Tùng", "Phó Bí thư", "Tỉnh ủy", "Bình Định"),
        "{off:?}"
    );
    assert!(
        has("Lê Thị Mai", "Giám đốc", "Sở Tài chính", "Bình Định"),
        "{off:?}"
    );
    assert_eq!(ents(&d, "PER"), vec!["Phạm Văn Tùng", "Lê Thị Mai"]);
    assert!(ents(&d, "ORG").contains(&"UBND tỉnh Bình Định"));
}

#[test]
fn name_comma_title_former_and_national_bodies() {
    let d = run(
        "Ông Trần Quốc Bảo, Phó Giám đốc Sở Nội vụ tỉnh Cà Mau cho biết kết quả. \
         Bà Đỗ Thu Hà, nguyên Giám đốc Sở Y tế tỉnh Cà Mau, cũng dự họp. \
         Thứ trưởng Bộ Nội vụ Vũ Minh Đức chủ trì hội nghị.",
    );
    let off = rels(&d, "official");
    let find = |p: &str| off.iter().find(|v| v["person"] == p);
    let b = find("Trần Quốc Bảo").expect("apposition");
    assert_eq!(b["role"], "Phó Giám đốc");
    assert_eq!(b["org"], "Sở Nội vụ");
    assert_eq!(b["province"], "Cà Mau");
    let h = find("Đỗ Thu Hà").expect("former official kept");
    assert_eq!(h["former"], true);
    let t = find("Vũ Minh Đức").expect("ministry official");
    assert_eq!(t["province"], Value::Null, "national body has no province");
    assert_eq!(t["org"], "Bộ Nội vụ");
}

#[test]
fn coordinated_names_after_a_plural_title() {
    let d =
        run("Dự hội nghị có các Phó Chủ tịch UBND tỉnh Lạng Sơn Hoàng Văn Nam và Lương Thị Lan.");
    let off = rels(&d, "official");
    for p in ["Hoàng Văn Nam", "Lương Thị Lan"] {
        assert!(
            off.iter().any(|v| v["person"] == p
                && v["role"] == "Phó Chủ tịch"
                && v["province"] == "Lạng Sơn"),
            "{p}: {off:?}"
        );
    }
    assert!(
        ents(&d, "ROLE").is_empty(),
        "plural title is not a ROLE span"
    );
}

#[test]
fn several_index_results_in_one_sentence() {
    let d = run(
        "Năm 2022, Chỉ số PAR INDEX của tỉnh Sóc Trăng đạt 86,12 điểm, xếp hạng 20/63 tỉnh, thành phố; \
         Chỉ số SIPAS đạt 84,03%, xếp thứ 35/63; PAPI đạt 41,5 điểm, xếp hạng 4/13 tỉnh khu vực ĐBSCL.",
    );
    let r = rels(&d, "index_result");
    let get = |i: &str| {
        r.iter()
            .find(|v| v["index"] == i)
            .unwrap_or_else(|| panic!("{i}: {r:?}"))
    };
    let par = get("PAR INDEX");
    assert_eq!(
        (
            par["score"].as_f64(),
            par["rank"].as_u64(),
            par["rank_of"].as_u64()
        ),
        (Some(86.12), Some(20), Some(63))
    );
    assert_eq!(par["province"], "Sóc Trăng");
    assert_eq!(par["year"], 2022);
    let sipas = get("SIPAS");
    assert_eq!(sipas["score"].as_f64(), Some(84.03));
    assert_eq!(sipas["rank"].as_u64(), Some(35));
    let papi = get("PAPI");
    assert_eq!(papi["region_rank"].as_u64(), Some(4));
    assert_eq!(papi["region"], "ĐBSCL");
    assert_eq!(papi["rank"], Value::Null);
}

#[test]
fn percentages_that_are_not_scores() {
    let d = run("Trong năm 2023, tỉnh Bến Tre giải quyết 96,6% hồ sơ đúng hạn; 100% cơ quan dùng chữ ký số.");
    assert!(ents(&d, "SCORE").is_empty(), "{:?}", ents(&d, "SCORE"));
    assert!(rels(&d, "index_result").is_empty());
}

#[test]
fn region_average_and_district_ranking_are_not_province_results() {
    let d = run(
        "Điểm trung bình Chỉ số PAR INDEX của khu vực Tây Nguyên đạt 82,1 điểm. \
         Trong bảng xếp hạng chỉ số CCHC cấp huyện năm 2023, huyện Krông Pắc đứng đầu với 90,5 điểm.",
    );
    let r = rels(&d, "index_result");
    assert!(!r.is_empty());
    for v in &r {
        assert_ne!(v["scope"], "province", "{v:?}");
    }
}

#[test]
fn index_year_is_the_measured_year_and_rank_change() {
    let d = run(
        "Chỉ số PAR INDEX 2023\n\
         Ngày 15/4/2024, Bộ Nội vụ công bố Chỉ số PAR INDEX năm 2023. Theo đó, tỉnh Quảng Trị tăng 5 bậc, \
         đứng thứ 18/63 tỉnh, thành phố, từ vị trí 23 của năm 2022.",
    );
    let r = rels(&d, "index_result");
    let y2023 = r
        .iter()
        .find(|v| v["year"] == 2023)
        .unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(y2023["rank"], 18);
    assert_eq!(y2023["rank_change"], 5);
    assert_eq!(y2023["province"], "Quảng Trị");
    let y2022 = r
        .iter()
        .find(|v| v["year"] == 2022)
        .expect("prior-year value");
    assert_eq!(y2022["rank"], 23);
}

#[test]
fn rank_words() {
    let d = run("Năm 2021, Chỉ số SIPAS của tỉnh Quảng Ninh đứng đầu cả nước.");
    let r = rels(&d, "index_result");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["rank"], 1);
    assert_eq!(r[0]["province"], "Quảng Ninh");
}

#[test]
fn district_named_like_a_province_is_not_the_province() {
    let d =
        run("Đoàn công tác làm việc tại huyện Quảng Ninh, tỉnh Quảng Bình về cải cách hành chính.");
    let locs: Vec<&nerlink::Entity> = d
        .entities
        .iter()
        .filter(|e| e.label == Label::Loc)
        .collect();
    let qn = locs
        .iter()
        .find(|e| e.text == "huyện Quảng Ninh")
        .expect("district span with its prefix");
    assert_eq!(
        qn.norm.as_ref().and_then(Norm::province),
        Some("Quảng Bình")
    );
    assert_eq!(d.meta.province.as_deref(), Some("Quảng Bình"));
}

#[test]
fn old_and_new_tone_marks_match_the_same_province() {
    for t in [
        "Sở Nội vụ tỉnh Khánh Hoà tổ chức hội nghị.",
        "Sở Nội vụ tỉnh Khánh Hòa tổ chức hội nghị.",
    ] {
        let d = run(t);
        let loc = d
            .entities
            .iter()
            .find(|e| e.label == Label::Org)
            .expect("org");
        assert_eq!(loc.norm, Some(Norm::org("Khánh Hòa")));
        // the output quotes the original characters
        assert!(t.contains(&loc.text));
    }
}

#[test]
fn dateline_city_is_not_the_subject() {
    let d = run(
        "Hà Nội (TTXVN) - Sáng 3/3, UBND tỉnh Tiền Giang tổ chức hội nghị về cải cách hành chính. \
         Chủ tịch UBND tỉnh Tiền Giang Nguyễn Văn Vĩnh chủ trì.",
    );
    assert_eq!(d.meta.province.as_deref(), Some("Tiền Giang"));
}

#[test]
fn documents_with_date_and_signer() {
    let d = run("Phó Chủ tịch UBND tỉnh Hà Giang Trần Đức Quý vừa ký Quyết định số 1520/QĐ-UBND ngày 02/8/2023 về việc kiện toàn Ban Chỉ đạo.");
    let r = rels(&d, "document");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["ref"], "1520/QĐ-UBND");
    assert_eq!(r[0]["kind"], "Quyết định");
    assert_eq!(r[0]["date"], "2023-08-02");
    assert_eq!(r[0]["signer"], "Trần Đức Quý");
}

#[test]
fn generic_and_plural_bodies_are_not_entities() {
    let d = run("Các sở, ban, ngành và UBND huyện, thị xã, thành phố phối hợp; UBND các cấp và Sở chịu trách nhiệm về Chính phủ điện tử.");
    assert!(ents(&d, "ORG").is_empty(), "{:?}", ents(&d, "ORG"));
}

#[test]
fn document_references_as_news_writes_them() {
    let d = run("Thực hiện Nghị quyết số 27 - NQ/TW ngày 09-11-2022 và Kết luận số 21 – KL/TW, tỉnh triển khai Chỉ thị số 08 CT-TTg ngày 05/4/2021. Luật Thanh tra số 11/2022/QH15 có hiệu lực.");
    let r = rels(&d, "document");
    let refs: Vec<&str> = r.iter().filter_map(|v| v["ref"].as_str()).collect();
    assert_eq!(
        refs,
        vec!["27-NQ/TW", "21-KL/TW", "08 CT-TTg", "11/2022/QH15"],
        "{r:?}"
    );
    assert_eq!(r[0]["kind"], "Nghị quyết");
    assert_eq!(r[0]["date"], "2022-11-09");
    assert_eq!(r[3]["kind"], "Luật");
}

#[test]
fn a_bare_number_after_so_is_a_reference_and_later_mentions_fill_the_date() {
    let d = run("Tỉnh thực hiện nghiêm Chỉ thị số 45 của Thủ tướng Chính phủ. Sau 3 năm thực hiện Chỉ thị số 45, ngày 20/10/2020, tỉnh đã đạt nhiều kết quả.");
    let r = rels(&d, "document");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["ref"], "45");
    assert_eq!(r[0]["kind"], "Chỉ thị");
    assert_eq!(r[0]["date"], "2020-10-20");
}

#[test]
fn document_date_before_and_signer_as_subject() {
    let d = run("Ngày 14/3/2024, UBND tỉnh Lai Châu đã ban hành Kế hoạch số 905/KH-UBND về cải cách hành chính. Ông Lường Văn Páo, Phó Chủ tịch UBND tỉnh Lai Châu đã đi kiểm tra thực tế và ký báo cáo số 77/BC-UBND gửi Bộ Nội vụ.");
    let r = rels(&d, "document");
    assert_eq!(r[0]["ref"], "905/KH-UBND");
    assert_eq!(r[0]["date"], "2024-03-14");
    assert_eq!(r[1]["ref"], "77/BC-UBND");
    assert_eq!(r[1]["signer"], "Lường Văn Páo");
}

#[test]
fn a_legal_document_page_header_and_signature() {
    let d = run("ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\n-------\nSố: 15/2021/QĐ-UBND\nVị Thanh, ngày 06 tháng 7 năm 2021\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký./.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐồng Văn Thanh\n");
    let r = rels(&d, "document");
    let own = r
        .iter()
        .find(|v| v["ref"] == "15/2021/QĐ-UBND")
        .expect("header document");
    assert_eq!(own["kind"], "Quyết định");
    assert_eq!(own["date"], "2021-07-06");
    assert_eq!(own["signer"], "Đồng Văn Thanh");
}

#[test]
fn standing_deputy_title_keeps_its_body() {
    // "Thường trực" ends the title; the body after it is the ORG, not "Thường trực Tỉnh ủy …"
    let d = run("Bà Đinh Thị Lan, Phó Bí thư Thường trực Tỉnh ủy Sóc Trăng, dự lễ. Thường trực Tỉnh ủy Sóc Trăng đã họp.");
    assert_eq!(ents(&d, "ROLE"), vec!["Phó Bí thư Thường trực"]);
    assert_eq!(
        ents(&d, "ORG"),
        vec!["Tỉnh ủy Sóc Trăng", "Thường trực Tỉnh ủy Sóc Trăng"]
    );
    let off = rels(&d, "official");
    assert!(
        off.iter().any(|v| v["person"] == "Đinh Thị Lan"
            && v["role"] == "Phó Bí thư Thường trực"
            && v["province"] == "Sóc Trăng"),
        "{off:?}"
    );
}

#[test]
fn a_hard_wrapped_legal_page_keeps_references_and_dates_across_line_breaks() {
    let d = run("ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN\n|\nSố: 52/KH-UBND\n|\nĐiện Biên, ngày\n14 tháng 3 năm 2022\n|\nKẾ HOẠCH\nCăn cứ Nghị quyết số\n15c/NQ-CP ngày 04/02/2021 của Chính phủ và Kế hoạch số 9/KH-UBND ngày\n05/01/2022 của Ủy ban nhân dân tỉnh;\nNgày 17/02/2022, Bộ trưởng Bộ Nội\nvụ đã ban hành Công văn số 610/BNV-CCHC về kiểm tra.\n");
    let r = rels(&d, "document");
    let get = |reference: &str| {
        r.iter()
            .find(|v| v["ref"] == reference)
            .unwrap_or_else(|| panic!("{reference} not in {r:?}"))
    };
    assert_eq!(get("52/KH-UBND")["date"], "2022-03-14");
    assert_eq!(get("15c/NQ-CP")["kind"], "Nghị quyết");
    assert_eq!(get("15c/NQ-CP")["date"], "2021-02-04");
    assert_eq!(get("9/KH-UBND")["date"], "2022-01-05");
    assert_eq!(get("610/BNV-CCHC")["date"], "2022-02-17");
    // a new paragraph is not a soft wrap: the date of another sentence stays out
    let d =
        run("Ngày 02/3/2022, tỉnh họp.\n\nSở Nội vụ ban hành Công văn số 77/SNV-CCHC về kiểm tra.");
    let r = rels(&d, "document");
    assert_eq!(r[0]["ref"], "77/SNV-CCHC");
    assert!(r[0]["date"].is_null(), "{r:?}");
}

#[test]
fn action_programmes_plans_of_arrangement_and_a_colon_after_so() {
    let d = run("Căn cứ Chương trình hành động số 52-CTHĐ/TU ngày 03/6/2022 của Tỉnh ủy, Phương án số 118/PA-UBND ngày 15/3/2023 của UBND tỉnh và Quyết định số: 27/QĐ-UBND ngày 09/01/2023 của UBND xã.");
    let r = rels(&d, "document");
    let got: Vec<(&str, &str, &str)> = r
        .iter()
        .map(|v| {
            (
                v["ref"].as_str().unwrap_or(""),
                v["kind"].as_str().unwrap_or(""),
                v["date"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("52-CTHĐ/TU", "Chương trình hành động", "2022-06-03"),
            ("118/PA-UBND", "Phương án", "2023-03-15"),
            ("27/QĐ-UBND", "Quyết định", "2023-01-09"),
        ]
    );
}

#[test]
fn a_space_after_the_hyphen_of_a_symbol_and_a_metadata_table_signer() {
    let d = run("Chủ tịch UBND tỉnh Hòa Bình Bùi Văn Khánh đã ký ban hành Chỉ thị 07/CT- UBND về kỷ luật hành chính.");
    let r = rels(&d, "document");
    assert_eq!(r[0]["ref"], "07/CT-UBND", "{r:?}");
    assert_eq!(r[0]["signer"], "Bùi Văn Khánh");
    let d = run("| Số hiệu | 21/CT-UBND |\n| Loại văn bản | Chỉ thị |\n| Người ký | Lò Văn Tiến |\nSố: 21/CT-UBND\nLai Châu, ngày 09 tháng 10 năm 2024\n");
    let r = rels(&d, "document");
    let own = r.iter().find(|v| v["ref"] == "21/CT-UBND").expect("doc");
    assert_eq!(own["signer"], "Lò Văn Tiến", "{r:?}");
    assert_eq!(own["date"], "2024-10-09");
}

#[test]
fn the_number_belongs_to_the_nearest_kind_word() {
    let d = run("Cán bộ nghỉ việc theo quy định tại Nghị định số 25/2024/NĐ-CP ngày 12-3-2024 của Chính phủ. Tỉnh xây dựng kế hoạch thực hiện Quyết định số 88/QĐ-UBND.");
    let r = rels(&d, "document");
    let got: Vec<(&str, &str)> = r
        .iter()
        .map(|v| {
            (
                v["ref"].as_str().unwrap_or(""),
                v["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![("25/2024/NĐ-CP", "Nghị định"), ("88/QĐ-UBND", "Quyết định")],
        "{r:?}"
    );
}

#[test]
fn a_signer_announced_in_the_sentence_before() {
    let d = run("Ngày 3/5, ông Lê Văn Tám, Bí thư Tỉnh ủy Nghệ An đã ký 3 quyết định về công tác cán bộ. Cụ thể, Ban Thường vụ Tỉnh ủy đã ban hành Quyết định số 515-QĐ/TU điều động cán bộ.");
    let r = rels(&d, "document");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["ref"], "515-QĐ/TU");
    assert_eq!(r[0]["signer"], "Lê Văn Tám", "{r:?}");
    // not without the "Cụ thể" that ties the two sentences
    let d = run("Ngày 3/5, ông Lê Văn Tám, Bí thư Tỉnh ủy Nghệ An đã ký 3 quyết định về công tác cán bộ. Ban Thường vụ Tỉnh ủy đã ban hành Quyết định số 515-QĐ/TU điều động cán bộ.");
    let r = rels(&d, "document");
    assert!(r[0]["signer"].is_null(), "{r:?}");
}

#[test]
fn names_of_a_list_of_attendees_with_their_titles() {
    // rules only: the names are found from their place in the list, before ", <title>"
    let d = run("Dự hội nghị có các đồng chí: Trần Văn Khải, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Quảng Trị; Lê Thị Hằng, Tỉnh ủy viên, Giám đốc Sở Nội vụ; Võ Minh Tâm, nguyên Chủ tịch HĐND tỉnh.");
    let per = ents(&d, "PER");
    for p in ["Trần Văn Khải", "Lê Thị Hằng", "Võ Minh Tâm"] {
        assert!(per.contains(&p), "{p}: {per:?}");
    }
    let off = rels(&d, "official");
    let has = |p: &str, r: &str, prov: &str| {
        off.iter()
            .any(|v| v["person"] == p && v["role"] == r && v["province"] == prov)
    };
    assert!(has("Trần Văn Khải", "Chủ tịch", "Quảng Trị"), "{off:?}");
    assert!(has("Lê Thị Hằng", "Giám đốc", "Quảng Trị"), "{off:?}");
    // not names: a place before a comma, an honorific, a name with no title after it
    let d = run("Tại Hà Nội, Phó Thủ tướng chủ trì. Ông Nguyễn Văn Lâm, Giám đốc Sở Y tế tỉnh Bình Định dự. Sau đó: Lê Văn Tám, người dân địa phương, phát biểu.");
    let per = ents(&d, "PER");
    assert!(!per.iter().any(|p| p.contains("Hà Nội")), "{per:?}");
    assert!(!per.iter().any(|p| p.starts_with("Ông")), "{per:?}");
    assert!(!per.contains(&"Lê Văn Tám"), "{per:?}");
}

#[test]
fn a_central_party_board_is_one_national_body() {
    let d = run("Ông Phạm Quốc Toản, Trưởng Ban Tổ chức Trung ương phát biểu tại hội nghị của Tỉnh ủy Cà Mau. Ban Nội chính TW đã có ý kiến.");
    assert!(
        ents(&d, "ORG").contains(&"Ban Nội chính TW"),
        "{:?}",
        ents(&d, "ORG")
    );
    let off = rels(&d, "official");
    assert!(
        off.iter().any(|v| v["person"] == "Phạm Quốc Toản"
            && v["role"] == "Trưởng ban"
            && v["org"] == "Ban Tổ chức Trung ương"
            && v["province"].is_null()),
        "{off:?}"
    );
}

#[test]
fn a_bloc_committee_a_central_board_before_a_name_and_rarer_family_names() {
    let d = run("Dự có các đồng chí: Hầu Văn Lý, Tỉnh ủy viên, Bí thư Đảng ủy Khối các cơ quan tỉnh Sơn La; Chẩu Thị Mai, Phó Chủ tịch UBND tỉnh. Trưởng Ban Tổ chức Trung ương Lò Văn Sơn phát biểu. Phó Chủ tịch Quốc hội Uông Văn Tám chủ trì.");
    let orgs = ents(&d, "ORG");
    assert!(
        orgs.contains(&"Đảng ủy Khối các cơ quan tỉnh Sơn La"),
        "{orgs:?}"
    );
    let off = rels(&d, "official");
    let has = |p: &str, r: &str, prov: Option<&str>| {
        off.iter().any(|v| {
            v["person"] == p
                && v["role"] == r
                && match prov {
                    Some(x) => v["province"] == x,
                    None => v["province"].is_null(),
                }
        })
    };
    assert!(has("Hầu Văn Lý", "Bí thư", Some("Sơn La")), "{off:?}");
    assert!(
        has("Chẩu Thị Mai", "Phó Chủ tịch", Some("Sơn La")),
        "{off:?}"
    );
    assert!(has("Lò Văn Sơn", "Trưởng ban", None), "{off:?}");
    assert!(has("Uông Văn Tám", "Phó Chủ tịch", None), "{off:?}");
    // "các" after another body is still a plural, not a name
    let d = run("UBND các cấp triển khai kế hoạch.");
    assert!(ents(&d, "ORG").is_empty(), "{:?}", ents(&d, "ORG"));
}

#[test]
fn a_district_party_committee_keeps_its_bare_district_name() {
    let d = run("Điều động ông Trương Văn Hòa, Bí thư Huyện ủy Bắc Quang giữ chức Phó Chủ tịch UBND tỉnh Hà Giang. Dự có các đồng chí: Lưu Thị Thắm - TUV, Giám đốc Sở Tư pháp.");
    let per = ents(&d, "PER");
    assert!(!per.contains(&"Bắc Quang"), "{per:?}");
    assert!(per.contains(&"Lưu Thị Thắm"), "{per:?}");
    assert!(
        ents(&d, "ORG").contains(&"Huyện ủy Bắc Quang"),
        "{:?}",
        ents(&d, "ORG")
    );
    let off = rels(&d, "official");
    assert!(
        off.iter().any(|v| v["person"] == "Trương Văn Hòa"
            && v["role"] == "Phó Chủ tịch"
            && v["province"] == "Hà Giang"),
        "{off:?}"
    );
    assert!(!off.iter().any(|v| v["person"] == "Bắc Quang"), "{off:?}");
}

#[test]
fn references_listed_after_one_kind_word_and_a_number_in_brackets() {
    let d = run("Theo đề nghị của Sở Tài chính tại Tờ trình số 88/TTr-STC ngày 04/3/2024, 95/TTr-STC ngày 11/3/2024 và các Thông tư 12/2019/TT-BTC và 07/2021/QĐ-BTC.");
    let r = rels(&d, "document");
    let got: Vec<(&str, &str, &str)> = r
        .iter()
        .map(|v| {
            (
                v["ref"].as_str().unwrap_or(""),
                v["kind"].as_str().unwrap_or(""),
                v["date"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("88/TTr-STC", "Tờ trình", "2024-03-04"),
            ("95/TTr-STC", "Tờ trình", "2024-03-11"),
            ("12/2019/TT-BTC", "Thông tư", ""),
            // a listed symbol's own type code names its kind
            ("07/2021/QĐ-BTC", "Quyết định", ""),
        ]
    );
    // a date is not a reference: nothing listed after "ngày … , ngày …"
    let d = run(
        "Quyết định số 40/QĐ-UBND ngày 02/01/2024, ngày 15/01/2024 và 20/01/2024 được sửa đổi.",
    );
    assert_eq!(rels(&d, "document").len(), 1);
    let d = run("Ngày 9-1, Văn phòng Chính phủ có Công văn (số 215/VPCP-KTTH) gửi các tỉnh.");
    let r = rels(&d, "document");
    assert_eq!(
        (r[0]["ref"].as_str(), r[0]["kind"].as_str()),
        (Some("215/VPCP-KTTH"), Some("Công văn"))
    );
    // a law's name with a comma in it
    let d = run("Căn cứ Luật Thực hành tiết kiệm, chống lãng phí số 44/2013/QH13;");
    let r = rels(&d, "document");
    assert_eq!(
        (r[0]["ref"].as_str(), r[0]["kind"].as_str()),
        (Some("44/2013/QH13"), Some("Luật"))
    );
}

#[test]
fn a_wordy_date_wrapped_inside_and_a_date_issued_on_before_the_reference() {
    let d = run("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng\n4 năm 2020 của Chính phủ về thủ tục hành chính;");
    let r = rels(&d, "document");
    assert_eq!(r[0]["date"], "2020-04-08", "{r:?}");
    let d = run("Đề án được Thủ tướng Chính phủ ban hành ngày 20/02/2019 kèm theo Quyết định số 214/QĐ-TTg.");
    let r = rels(&d, "document");
    assert_eq!(r[0]["date"], "2019-02-20", "{r:?}");
    // a date that only opens the sentence, with no "ban hành" before it, stays out
    let d = run("Ngày 20/02/2019 tại Quyết định số 214/QĐ-TTg có nêu rõ.");
    let r = rels(&d, "document");
    assert!(r[0]["date"].is_null(), "{r:?}");
}

#[test]
fn a_signer_announced_for_a_list_of_decisions() {
    let d = run("Phó Chủ tịch UBND tỉnh Hà Văn Long đã ký các quyết định về công tác cán bộ. Cụ thể, tại Quyết định số 301/QĐ-UBND, bổ nhiệm bà Lý Thị Hoa giữ chức Phó Giám đốc Sở Y tế. Bà Hoa sinh năm 1980. Đồng thời, tại Quyết định số 302/QĐ-UBND, bổ nhiệm ông Vũ Đình Khang giữ chức Phó Giám đốc Sở Xây dựng.");
    let r = rels(&d, "document");
    assert_eq!(r.len(), 2, "{r:?}");
    assert!(r.iter().all(|v| v["signer"] == "Hà Văn Long"), "{r:?}");
    // one decision announced is not a list; a reference with its own issuer is not the list's
    let d = run("Phó Chủ tịch UBND tỉnh Hà Văn Long đã ký quyết định về công tác cán bộ. Bà Hoa sinh năm 1980. Tại Quyết định số 302/QĐ-UBND, bổ nhiệm ông Vũ Đình Khang.");
    assert!(rels(&d, "document")[0]["signer"].is_null());
    let d = run("Phó Chủ tịch UBND tỉnh Hà Văn Long đã ký các quyết định về công tác cán bộ. Trước đó, Bộ Nội vụ đã ban hành Quyết định số 55/QĐ-BNV.");
    assert!(rels(&d, "document")[0]["signer"].is_null());
    // nor one of another kind
    let d = run("Phó Chủ tịch UBND tỉnh Hà Văn Long đã ký các quyết định về công tác cán bộ. Tại Kế hoạch số 55/KH-UBND, tỉnh giao nhiệm vụ.");
    assert!(rels(&d, "document")[0]["signer"].is_null());
}

#[test]
fn an_official_letter_header_with_an_unknown_type_code() {
    let d = run("BAN CHỈ ĐẠO\n\nSố: 52/BCĐCCHC\nV/v đôn đốc báo cáo kết quả\n\nHà Nội, ngày 05 tháng 3 năm 2021\n\nKính gửi: các sở, ngành\n");
    let r = rels(&d, "document");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["ref"], "52/BCĐCCHC");
    assert_eq!(r[0]["kind"], "Công văn");
    assert_eq!(r[0]["date"], "2021-03-05");
}

#[test]
fn a_signer_named_after_the_reference_with_do_and_ky() {
    let d = run("UBND tỉnh vừa ban hành Kế hoạch số 64/KH-UBND ngày 12/3/2024 do Phó Chủ tịch UBND tỉnh Nguyễn Văn An ký về cải cách hành chính.");
    let r = rels(&d, "document");
    assert_eq!(r[0]["signer"], "Nguyễn Văn An", "{r:?}");
    assert_eq!(r[0]["date"], "2024-03-12");
    let d = run("Quyết định số 1234/QĐ-UBND ngày 5-7-2024 do ông Trần Quốc Bảo, Chủ tịch UBND tỉnh ký ban hành.");
    let r = rels(&d, "document");
    assert_eq!(r[0]["signer"], "Trần Quốc Bảo", "{r:?}");
    assert_eq!(r[0]["date"], "2024-07-05");
    // a person after the reference who does not sign it
    let d =
        run("Theo Quyết định số 1234/QĐ-UBND, ông Trần Quốc Bảo được bổ nhiệm do đã ký hợp đồng.");
    assert!(rels(&d, "document")[0]["signer"].is_null());
    let d = run("Kế hoạch số 64/KH-UBND do Sở Nội vụ tham mưu, ông Nguyễn Văn An phát biểu.");
    assert!(rels(&d, "document")[0]["signer"].is_null());
}

#[test]
fn a_commune_name_stops_before_the_chairmans_name() {
    let d = run(
        "Chủ tịch UBND phường Tân Định Lê Thị Hoa cho biết phường đã tiếp nhận 300 hồ sơ. \
         Phó Chủ tịch UBND xã Lê Lợi Nguyễn Văn Tâm và Chủ tịch UBND xã Lê Lợi dự họp.",
    );
    let per = ents(&d, "PER");
    assert!(per.contains(&"Lê Thị Hoa"), "{per:?}");
    assert!(per.contains(&"Nguyễn Văn Tâm"), "{per:?}");
    let org = ents(&d, "ORG");
    assert!(org.contains(&"UBND phường Tân Định"), "{org:?}");
    assert!(org.contains(&"UBND xã Lê Lợi"), "{org:?}");
}

#[test]
fn decrees_cited_by_their_number_alone() {
    let d = run(
        "Ông Lê Văn Hòa nghỉ hưu trước tuổi theo Nghị định 178 và Nghị định 67 của Chính phủ. \
         Tỉnh sẽ quyết định 10 ngày tới. Kế hoạch 2025 của tỉnh đã xong; Chỉ thị 2024 được ký.",
    );
    let docs: Vec<String> = rels(&d, "document")
        .iter()
        .map(|v| {
            format!(
                "{} {}",
                v["kind"].as_str().unwrap_or(""),
                v["ref"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(docs.contains(&"Nghị định 178".to_string()), "{docs:?}");
    assert!(docs.contains(&"Nghị định 67".to_string()), "{docs:?}");
    assert_eq!(docs.len(), 2, "{docs:?}");
}

#[test]
fn a_listed_document_dated_at_the_end_of_its_line() {
    let d = run(
        "Các văn bản của tỉnh:\n– Quyết định số 412/QĐ-UBND về việc thành lập Tổ công tác cải cách hành chính, ngày 3 tháng 5 năm 2019\n\
         – Kế hoạch số 77/KH-UBND về nâng cao Chỉ số PAPI giai đoạn 2019-2021 ngày 12 tháng 6 năm 2019\n\
         Theo Quyết định số 500/QĐ-UBND. Hội nghị sơ kết họp ngày 4 tháng 7 năm 2019\n",
    );
    let docs = rels(&d, "document");
    let date = |r: &str| {
        docs.iter()
            .find(|v| v["ref"] == r)
            .map(|v| v["date"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(date("412/QĐ-UBND"), "2019-05-03", "{docs:?}");
    assert_eq!(date("77/KH-UBND"), "2019-06-12", "{docs:?}");
    assert_eq!(date("500/QĐ-UBND"), Value::Null, "{docs:?}");
}

#[test]
fn a_name_with_an_honorific_syllable_and_a_title_right_after_it() {
    // "Anh" inside "Trần Anh Minh" is a name syllable, and "Chủ tịch" written right after the
    // name (no comma) is the title, not a fourth name syllable
    let d = run(
        "Dự có ông Trần Anh Minh Chủ tịch UBND huyện Phú Tân và bà Lê Thị Cúc, Phó Chủ tịch HĐND huyện. \
         Anh Hùng cho biết đã nộp hồ sơ.",
    );
    let per = ents(&d, "PER");
    assert!(per.contains(&"Trần Anh Minh"), "{per:?}");
    assert!(per.contains(&"Hùng"), "{per:?}");
    let off = rels(&d, "official");
    assert!(
        off.iter()
            .any(|v| v["person"] == "Trần Anh Minh" && v["role"] == "Chủ tịch"),
        "{off:?}"
    );
}

#[test]
fn commune_portal_abbreviations_in_a_chain() {
    let d = run(
        "Dự có đồng chí Lê Văn Hậu – PBT Thường trực Đảng uỷ xã, Chủ tịch HĐND xã; \
         đồng chí Phan Thị Huệ – PCT Thường trực UBND xã; \
         đồng chí Trần Văn Bình – UVBTV, Chủ tịch Ủy ban MTTQ xã.",
    );
    let off = rels(&d, "official");
    let has = |p: &str, r: &str| off.iter().any(|v| v["person"] == p && v["role"] == r);
    assert!(has("Lê Văn Hậu", "Phó Bí thư Thường trực"), "{off:?}");
    assert!(has("Lê Văn Hậu", "Chủ tịch"), "{off:?}");
    assert!(has("Phan Thị Huệ", "Phó Chủ tịch Thường trực"), "{off:?}");
    // a membership abbreviation is read past, giving no post
    assert!(has("Trần Văn Bình", "Chủ tịch"), "{off:?}");
    assert!(!has("Trần Văn Bình", "Ủy viên"), "{off:?}");
}

#[test]
fn approvals_written_title_then_doi_voi_name() {
    let d = run(
        "Chủ tịch Quốc hội đã phê chuẩn kết quả bầu: Chủ tịch HĐND tỉnh Bến Tre khóa X đối với ông \
         Lê Văn Hai kể từ ngày 20/6/2021; Phó Chủ tịch HĐND tỉnh Bến Tre khóa X đối với bà Trần \
         Thị Ba. HĐND tỉnh Cà Mau đã miễn nhiệm chức Chủ tịch UBND tỉnh Cà Mau nhiệm kỳ 2021 - \
         2026 đối với ông Phan Văn Tư.",
    );
    let off = rels(&d, "official");
    let post = |p: &str, r: &str| {
        off.iter()
            .find(|v| v["person"] == p && v["role"] == r)
            .map(|v| (v["province"].clone(), v.get("former").cloned()))
    };
    assert_eq!(
        post("Lê Văn Hai", "Chủ tịch").map(|x| x.0),
        Some(Value::from("Bến Tre")),
        "{off:?}"
    );
    assert!(post("Trần Thị Ba", "Phó Chủ tịch").is_some(), "{off:?}");
    // a dismissal: the post is being left
    let dismissed = off
        .iter()
        .find(|v| v["person"] == "Phan Văn Tư" && v["role"] == "Chủ tịch");
    assert!(
        dismissed.is_none_or(|v| v.get("former") == Some(&Value::Bool(true))),
        "{off:?}"
    );
}

#[test]
fn re_elected_and_kept_posts_in_a_roundup_of_provinces() {
    let d = run(
        "HĐND các tỉnh bầu các chức danh chủ chốt\n\
         Tại kỳ họp thứ nhất HĐND tỉnh Gia Lai, ông Lê Văn Hai tái đắc cử chức chủ tịch UBND tỉnh.\n\
         HĐND tỉnh Kon Tum đã họp. Ông Trần Văn Ba, Chủ tịch UBND tỉnh, tiếp tục được đảm nhận chức chủ tịch UBND tỉnh.\n",
    );
    let off = rels(&d, "official");
    let has = |p: &str, r: &str, prov: &str| {
        off.iter()
            .any(|v| v["person"] == p && v["role"] == r && v["province"] == prov)
    };
    assert!(has("Lê Văn Hai", "Chủ tịch", "Gia Lai"), "{off:?}");
    assert!(has("Trần Văn Ba", "Chủ tịch", "Kon Tum"), "{off:?}");
}

#[test]
fn a_unit_name_ending_in_ong_before_the_name() {
    // "Đông" ends in "ông", which is no honorific inside a word
    let d = run(
        "Bí thư Đảng ủy phường Tân Phú Đông Nguyễn Minh Lân phát biểu. \
         Chủ tịch UBND xã Sông Công Lê Thị Hoa dự họp.",
    );
    let off = rels(&d, "official");
    let has = |p: &str, r: &str| off.iter().any(|v| v["person"] == p && v["role"] == r);
    assert!(has("Nguyễn Minh Lân", "Bí thư"), "{off:?}");
    assert!(has("Lê Thị Hoa", "Chủ tịch"), "{off:?}");
    // "An Phú" (a district of An Giang) only starts the ward's name "An Phú Đông"
    let d = run("Bí thư Đảng ủy phường An Phú Đông Nguyễn Minh Lân phát biểu.");
    let off = rels(&d, "official");
    assert!(
        off.iter()
            .any(|v| v["person"] == "Nguyễn Minh Lân" && v["province"] != "An Giang"),
        "{off:?}"
    );
}

#[test]
fn effective_dates_and_jointly_announced_signers() {
    // "kể từ ngày" is when a resolution takes effect, not its date; two people announced as
    // signing a list do not tell who signed which
    let d = run("Chủ tịch Quốc hội Vương Đình Huệ, Phó Chủ tịch Quốc hội Trần Quang Phương đã ký ban hành các nghị quyết phê chuẩn nhân sự.\nTại Nghị quyết số 1201/NQ-UBTVQH15, Ủy ban Thường vụ Quốc hội phê chuẩn kết quả bầu Phó Chủ tịch HĐND tỉnh kể từ ngày 12/4/2024.");
    let r = rels(&d, "document");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0]["ref"], "1201/NQ-UBTVQH15");
    assert!(r[0]["date"].is_null(), "{r:?}");
    assert!(r[0]["signer"].is_null(), "{r:?}");
    // one person announced: the signer of the list
    let d = run("Phó Chủ tịch Quốc hội Trần Quang Phương đã ký ban hành các nghị quyết phê chuẩn nhân sự.\nTại Nghị quyết số 1201/NQ-UBTVQH15, Ủy ban Thường vụ Quốc hội phê chuẩn kết quả bầu Phó Chủ tịch HĐND tỉnh.");
    let r = rels(&d, "document");
    assert_eq!(r[0]["signer"], "Trần Quang Phương", "{r:?}");
}
