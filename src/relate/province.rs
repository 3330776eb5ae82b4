//! Which province an article is about, for facts that do not name their province, and where
//! that answer came from (`ProvinceSource`).
//!
//! Evidence, strongest first:
//! 1. the title line names exactly one province (`title`);
//! 2. the input's URL host is a province's portal, newspaper or TV site (`site`, see
//!    `rules::sites` and `data/gazetteers/sites.tsv`);
//! 3. a site written in the text, as source lines do ("Nguồn: nghean.gov.vn", "(Baonghean.vn)"),
//!    or a provincial newspaper's lead tag before the first sentence ("(HNM) - Ngày 26-3, …")
//!    (`source_line`);
//! 4. a province written in the URL's path: title slugs and tag pages (`url`);
//! 5. the province named most often in the content, districts counting for their province
//!    (`content`).
//!
//! A site's province gives way to the text when the text never names it but names one other
//! province at least twice (a page on one province's site about another province). Articles
//! published from July 2025 get the merged province (the 34-unit map) in place of a pre-2025
//! name. It does not decide the province of one fact: that is the linkers' job (they prefer a
//! place written in the fact's own words, then this).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::document::{Document, Entity, Label};
use crate::rules::gazetteer::Gazetteers;
use crate::rules::sites::path_words;
use crate::rules::RuleLayer;
use crate::text::{fold, Analysis};

pub use crate::document::ProvinceSource;

/// The article's province and its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleProvince {
    pub name: String,
    pub source: ProvinceSource,
}

/// The province an entity names, if any (LOC with a province norm, ORG with an explicit
/// location, district LOC → its province).
pub fn entity_province(e: &Entity) -> Option<String> {
    match e.label {
        Label::Loc | Label::Org => e.norm.as_ref()?.province().map(str::to_string),
        _ => None,
    }
}

fn domain_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b[A-Za-z0-9-]+(?:\.[A-Za-z]{2,})+\b").expect("domain regex"))
}

/// A lead tag at the start of a line: "(HNM) -", "(GLO)-", "(BBNĐT) - ".
fn lead_tag_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[^\S\n]*\((\p{Lu}[\p{Lu}.]{1,9})\)[^\S\n]*[-–—]").expect("lead tag regex")
    })
}

/// The largest char boundary of `text` at or below byte `at`.
fn floor_char(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_province(gaz: &Gazetteers, p: &str) -> bool {
    gaz.provinces.iter().any(|q| q.canonical == p)
        || gaz.provinces_2025.iter().any(|q| q.canonical == p)
}

/// Provinces written as hyphenated words in a URL path ("…/tp-hcm-vua-…", "/tag/Phú-Yên").
/// District and commune names after their prefix word ("huyen-quang-ninh") do not count.
pub fn provinces_in_url_path(gaz: &Gazetteers, url: &str) -> Vec<String> {
    let words = path_words(url);
    let mut names: Vec<(Vec<String>, &str)> = Vec::new();
    for p in &gaz.provinces {
        for form in std::iter::once(&p.canonical).chain(&p.aliases) {
            let w: Vec<String> = fold(&form.to_lowercase())
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            // one-word aliases ("HCM", "Huế") are too short to trust in a slug, but "tp hcm" is fine
            if w.len() >= 2 {
                names.push((w, &p.canonical));
            }
        }
    }
    let lower_units = ["huyen", "quan", "xa", "phuong", "thi", "tran"];
    let mut found: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let hit = names
            .iter()
            .filter(|(w, _)| words[i..].starts_with(w))
            .max_by_key(|(w, _)| w.len());
        match hit {
            Some((w, p)) => {
                let unit_before = i > 0 && lower_units.contains(&words[i - 1].as_str());
                if !unit_before && !found.iter().any(|f| f == p) {
                    found.push(p.to_string());
                }
                i += w.len();
            }
            None => i += 1,
        }
    }
    found
}

/// Province counts of the content (datelines skipped), highest first.
fn content_counts(doc: &Document, a: &Analysis, gaz: &Gazetteers) -> Vec<(String, usize)> {
    let text = doc.text.as_deref().unwrap_or("");
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in &doc.entities {
        if is_dateline(text, &a.norm, e) {
            continue;
        }
        if let Some(p) = entity_province(e).filter(|p| is_province(gaz, p)) {
            *counts.entry(p).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

pub fn article_province(
    doc: &Document,
    a: &Analysis,
    rules: &RuleLayer,
) -> Option<ArticleProvince> {
    let found = find_article_province(doc, a, &rules.gaz)?;
    Some(ArticleProvince {
        name: as_of_publication(&rules.gaz, doc, found.name),
        source: found.source,
    })
}

fn find_article_province(
    doc: &Document,
    a: &Analysis,
    gaz: &Gazetteers,
) -> Option<ArticleProvince> {
    let found = |name: String, source| Some(ArticleProvince { name, source });
    // 1. the title
    if let Some(t) = a.title_line {
        let l = &a.lines[t];
        let (s, e) = a.norm.to_orig(l.start, l.end);
        let mut named: Vec<String> = doc
            .entities
            .iter()
            .filter(|x| x.start >= s && x.end <= e)
            .filter_map(entity_province)
            .filter(|p| is_province(gaz, p))
            .collect();
        named.sort();
        named.dedup();
        if named.len() == 1 {
            return found(named.remove(0), ProvinceSource::Title);
        }
    }
    let counts = content_counts(doc, a, gaz);
    // a site's province, unless the text is plainly about one other province: named twice,
    // or once when it is one of the provinces merged into the site's in 2025 (the merged
    // province's newspaper reporting on a former province: "… của tỉnh Hà Nam" on Ninh Bình's)
    let follows_text = |site_province: &str| -> Option<String> {
        let named_site = counts.iter().any(|(p, _)| p == site_province);
        match counts.as_slice() {
            [(other, n)]
                if !named_site && (*n >= 2 || gaz.merged_into(other) == Some(site_province)) =>
            {
                Some(other.clone())
            }
            _ => None,
        }
    };
    let url = doc.meta.extra.get("url").and_then(|u| u.as_str());
    // 2. the input's site
    if let Some(p) = url.and_then(|u| gaz.province_by_site(u)) {
        return match follows_text(p) {
            Some(other) => found(other, ProvinceSource::Content),
            None => found(p.to_string(), ProvinceSource::Site),
        };
    }
    // 2b. a district's portal: a host label that is a former district's name ("budop",
    // "uongbi.gov.vn", "linhxuan.thuduc.…")
    if let Some(p) = url.and_then(|u| province_by_district_host(gaz, u)) {
        return match follows_text(&p) {
            Some(other) => found(other, ProvinceSource::Content),
            None => found(p, ProvinceSource::Site),
        };
    }
    // 3. a site named in the text
    let text = doc.text.as_deref().unwrap_or("");
    for m in domain_re().find_iter(text) {
        if let Some(p) = gaz.province_by_site(m.as_str()) {
            return match follows_text(p) {
                Some(other) => found(other, ProvinceSource::Content),
                None => found(p.to_string(), ProvinceSource::SourceLine),
            };
        }
    }
    // a provincial newspaper's lead tag: "(HNM) -" at the start of a line near the top
    for c in lead_tag_re().captures_iter(&text[..text.len().min(floor_char(text, 600))]) {
        if let Some(p) = gaz.province_by_tag(&c[1]) {
            return match follows_text(p) {
                Some(other) => found(other, ProvinceSource::Content),
                None => found(p.to_string(), ProvinceSource::SourceLine),
            };
        }
    }
    // 4. the URL's path
    if let Some(u) = url {
        if let [p] = provinces_in_url_path(gaz, u).as_slice() {
            return found(p.clone(), ProvinceSource::Url);
        }
    }
    // 5. the most named province in the content
    if let Some((best, _)) = counts.into_iter().next() {
        return found(best, ProvinceSource::Content);
    }
    // 6. a commune or ward that bears a former district's name ("xã Củ Chi", "phường Uông
    // Bí": the units formed in 2025 often took the district's name)
    unit_named_after_district(gaz, text).map(|p| ArticleProvince {
        name: p,
        source: ProvinceSource::Content,
    })
}

/// The one province whose pre-2025 district names a commune, ward or town written in the
/// text ("xã Củ Chi", "phường Uông Bí", "thị trấn Phú Tân"), when the district name is
/// unique in the country and the text's units point to a single province. A last resort:
/// only when nothing else in the article names a province.
fn unit_named_after_district(gaz: &Gazetteers, text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i:\b(?:xã|phường|thị trấn|đặc khu))\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3})",
        )
        .expect("unit regex")
    });
    let mut provinces: Vec<&str> = Vec::new();
    for c in re.captures_iter(text) {
        let words: Vec<&str> = c[1].split_whitespace().collect();
        // the longest prefix of the capitalized run that is a district name, and the whole
        // unit name: the run ends there or a person's name follows ("xã Củ Chi Lê Văn A"),
        // not a longer unit name ("phường An Phú Đông" is no "An Phú")
        let hit = (2..=words.len()).rev().find_map(|k| {
            let name_follows = words
                .get(k)
                .is_none_or(|w| gaz.surnames.contains(&crate::text::match_key(w)));
            if !name_follows {
                return None;
            }
            let key = crate::text::match_key(&words[..k].join(" "));
            let mut it = gaz
                .districts
                .iter()
                .filter(|d| crate::text::match_key(&d.name) == key);
            match (it.next(), it.next()) {
                (Some(d), None) if !d.ambiguous_with_province => Some(d.province.as_str()),
                _ => None,
            }
        });
        if let Some(p) = hit {
            if !provinces.contains(&p) {
                provinces.push(p);
            }
        }
    }
    match provinces.as_slice() {
        [p] => Some(p.to_string()),
        _ => None,
    }
}

/// The one province whose pre-2025 district names a label of the URL's host, written without
/// spaces or tone marks ("budop" = Bù Đốp, "thuduc" = Thủ Đức), or with the suffix of a
/// district's radio-television site ("duyxuyenrt" = Duy Xuyên). Only names of two syllables
/// or more that one district bears in the whole country.
fn province_by_district_host(gaz: &Gazetteers, url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    // folded name → its province, `None` when several districts bear it (the gazetteers are
    // built from embedded data, so one map serves every `Gazetteers`)
    static BY_LABEL: OnceLock<BTreeMap<String, Option<String>>> = OnceLock::new();
    let by_label = BY_LABEL.get_or_init(|| {
        let mut m: BTreeMap<String, Option<String>> = BTreeMap::new();
        for d in gaz.districts.iter().filter(|d| d.name.contains(' ')) {
            let key: String = fold(&d.name.to_lowercase())
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            m.entry(key)
                .and_modify(|p| {
                    if p.as_deref() != Some(d.province.as_str()) {
                        *p = None;
                    }
                })
                .or_insert_with(|| Some(d.province.clone()));
        }
        m
    });
    let mut provinces: Vec<&str> = Vec::new();
    for label in host.split('.').filter(|l| l.len() >= 4) {
        // a district's radio and television centre: the name and "rt" / "tv" / "rtv"
        // ("duyxuyenrt.vn")
        let bare = ["rtv", "rt", "tv"]
            .iter()
            .find_map(|s| label.strip_suffix(s).filter(|b| b.len() >= 4))
            .filter(|b| !by_label.contains_key(label) && by_label.contains_key(*b))
            .unwrap_or(label);
        if let Some(Some(p)) = by_label.get(bare) {
            if !provinces.contains(&p.as_str()) {
                provinces.push(p);
            }
        }
    }
    match provinces.as_slice() {
        [p] => Some(p.to_string()),
        _ => None,
    }
}

/// Whether a publication date ("2025-09-02", "2025-09") falls on or after 1 July 2025, when the
/// 63 provinces became 34. An unknown date is not.
pub fn published_after_merger(published: Option<&str>) -> bool {
    published.is_some_and(|p| p.get(..7).is_some_and(|ym| ym >= "2025-07"))
}

/// From 1 July 2025 the 63 provinces are 34: an article published after that names the unit
/// a pre-2025 province was merged into.
fn as_of_publication(gaz: &Gazetteers, doc: &Document, province: String) -> String {
    if !published_after_merger(doc.meta.published.as_deref()) {
        return province;
    }
    match gaz.merged_into(&province) {
        Some(unit) if !unit.is_empty() => unit.to_string(),
        _ => province,
    }
}

/// A place written as a news dateline ("Hà Nội (TTXVN) -"): where the agency filed from, not
/// what the article is about.
fn is_dateline(text: &str, norm: &crate::text::NormText, e: &Entity) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    if e.label != Label::Loc {
        return false;
    }
    let re =
        RE.get_or_init(|| Regex::new(r"^\s*\([^()\n]{1,40}\)\s*[-–—]").expect("dateline regex"));
    re.is_match(norm.orig_slice(text, e.end, e.end + 50))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::Pipeline;

    fn article(url: &str, text: &str) -> Document {
        let p = Pipeline::builder().threads(1).build().expect("pipeline");
        let mut d = Document::new("t", "t", text);
        d.meta
            .extra
            .insert("url".into(), serde_json::Value::from(url));
        p.process(d)
    }

    fn province_of(url: &str, text: &str) -> Option<String> {
        article(url, text).meta.province
    }

    #[test]
    fn url_slug_and_tag_pages() {
        let g = Gazetteers::load().expect("gazetteers");
        assert_eq!(
            provinces_in_url_path(&g, "https://news.example.vn/tp-hcm-mo-rong-duong-123.html"),
            vec!["Hồ Chí Minh"]
        );
        assert_eq!(
            provinces_in_url_path(&g, "https://agg.example.net/tag/Tr%C3%A0-Vinh-7.epi"),
            vec!["Trà Vinh"]
        );
        // a district written after its prefix is not the province
        assert!(provinces_in_url_path(&g, "https://x.vn/huyen-quang-ninh-mo-hoi-nghi").is_empty());
    }

    #[test]
    fn site_of_the_page_when_the_text_names_no_province() {
        let text = "Họp giao ban tháng 3\n\nSáng 5/3, Sở Nội vụ tỉnh họp giao ban. Ông Lê Văn Tám, Giám đốc Sở Nội vụ chủ trì.";
        assert_eq!(
            province_of("https://sonoivu.travinh.gov.vn/tin/1", text).as_deref(),
            Some("Trà Vinh")
        );
    }

    #[test]
    fn a_page_about_another_province_follows_the_text() {
        let text = "Đoàn công tác làm việc tại địa phương bạn\n\nĐoàn đã làm việc với UBND tỉnh Cà Mau. Lãnh đạo tỉnh Cà Mau giới thiệu kinh nghiệm.";
        assert_eq!(
            province_of("https://baobentre.com.vn/x", text).as_deref(),
            Some("Cà Mau")
        );
    }

    #[test]
    fn a_merged_provinces_site_reporting_on_a_former_province() {
        // Hà Nam was merged into Ninh Bình in 2025: one mention is enough on Ninh Bình's site
        let text = "Hội nghị Ban Chấp hành\n\nSáng 22/4, hội nghị cho ý kiến về Đề án của tỉnh Hà Nam. Đồng chí Lê Văn Ba, Bí thư Tỉnh ủy chủ trì.";
        assert_eq!(
            province_of("https://baoninhbinh.org.vn/x-1.html", text).as_deref(),
            Some("Hà Nam")
        );
        // a province that was not merged into the site's needs two mentions
        let text = "Hội nghị Ban Chấp hành\n\nSáng 22/4, đoàn công tác tỉnh Cà Mau đến thăm. Đồng chí Lê Văn Ba, Bí thư Tỉnh ủy tiếp đoàn.";
        assert_eq!(
            province_of("https://baoninhbinh.org.vn/x-2.html", text).as_deref(),
            Some("Ninh Bình")
        );
    }

    #[test]
    fn a_provincial_newspapers_lead_tag_on_an_aggregator() {
        assert_eq!(
            province_of(
                "https://m.baomoi.com/x/c/123.epi",
                "(HNM) - Sáng 5-4, Chủ tịch UBND TP Đỗ Văn An ký ban hành Chỉ thị về kỷ cương hành chính."
            )
            .as_deref(),
            Some("Hà Nội")
        );
        // an agency's tag names no province
        assert_eq!(
            province_of(
                "https://m.baomoi.com/x/c/124.epi",
                "(TTXVN) - Chủ tịch UBND thành phố Lê Văn Bốn chủ trì cuộc họp."
            ),
            None
        );
    }

    #[test]
    fn source_line_and_url_path_when_the_site_is_national() {
        let text = "Họp giao ban\n\nSở Nội vụ tỉnh họp giao ban tháng 4.\nNguồn: Baoquangtri.vn";
        let d = article("https://news.example.net/hop-giao-ban-123.html", text);
        assert_eq!(d.meta.province.as_deref(), Some("Quảng Trị"));
        let d = article(
            "https://news.example.net/tag/B%E1%BA%AFc-Ninh-4.html",
            "Họp giao ban\n\nSở Nội vụ tỉnh họp giao ban tháng 4.",
        );
        assert_eq!(d.meta.province.as_deref(), Some("Bắc Ninh"));
    }

    #[test]
    fn a_ward_named_after_a_former_district_when_nothing_else_tells() {
        let g = Gazetteers::load().expect("gazetteers");
        let text = "Sáng 3/9, UBND phường Uông Bí họp bàn giao. Ông Lê Văn Tư, Chủ tịch UBND phường chủ trì.";
        assert_eq!(
            unit_named_after_district(&g, text).as_deref(),
            Some("Quảng Ninh")
        );
        // two provinces' names: no answer
        let text = "Đoàn của xã Củ Chi thăm phường Uông Bí.";
        assert_eq!(unit_named_after_district(&g, text), None);
        // a name several districts share: nothing
        assert_eq!(
            unit_named_after_district(&g, "UBND xã Hòa Bình Xanh họp."),
            None
        );
        // a district's name that only starts a longer unit name
        assert_eq!(
            unit_named_after_district(&g, "Đảng ủy phường An Phú Đông họp."),
            None
        );
        assert_eq!(
            unit_named_after_district(&g, "Chủ tịch UBND xã Củ Chi Lê Văn Năm dự.").as_deref(),
            Some("Hồ Chí Minh")
        );
        let d = article(
            "https://news.example.net/tin-123.html",
            "Khánh thành trụ sở mới\n\nNgày 12-9-2025, UBND xã Củ Chi khánh thành trụ sở. Chủ tịch UBND xã Lê Văn Năm dự.",
        );
        assert_eq!(d.meta.province.as_deref(), Some("Hồ Chí Minh"));
    }

    #[test]
    fn a_district_portal_named_by_its_host() {
        let g = Gazetteers::load().expect("gazetteers");
        assert_eq!(
            province_by_district_host(&g, "http://hdnd.budop.gov.vn/vi/tin-1.html").as_deref(),
            Some("Bình Phước")
        );
        assert_eq!(
            province_by_district_host(&g, "https://uongbi.gov.vn/x").as_deref(),
            Some("Quảng Ninh")
        );
        // a district's radio-television site
        assert_eq!(
            province_by_district_host(&g, "http://thangbinhrt.vn/tin/x.html").as_deref(),
            Some("Quảng Nam")
        );
        // a name several districts bear, and labels that are no district
        assert_eq!(
            province_by_district_host(&g, "https://chauthanh.gov.vn/x"),
            None
        );
        assert_eq!(
            province_by_district_host(&g, "https://www.example.vn/x"),
            None
        );
    }

    #[test]
    fn merged_province_after_july_2025() {
        let g = Gazetteers::load().expect("gazetteers");
        let mut d = Document::new("t", "t", "x");
        d.meta.published = Some("2025-09-02".into());
        assert_eq!(as_of_publication(&g, &d, "Kon Tum".into()), "Quảng Ngãi");
        d.meta.published = Some("2024-09-02".into());
        assert_eq!(as_of_publication(&g, &d, "Kon Tum".into()), "Kon Tum");
    }
}
