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
    // a site's province, unless the text is plainly about one other province
    let follows_text = |site_province: &str| -> Option<String> {
        let named_site = counts.iter().any(|(p, _)| p == site_province);
        match counts.as_slice() {
            [(other, n)] if !named_site && *n >= 2 => Some(other.clone()),
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
    let (best, _) = counts.into_iter().next()?;
    found(best, ProvinceSource::Content)
}

/// From 1 July 2025 the 63 provinces are 34: an article published after that names the unit
/// a pre-2025 province was merged into.
fn as_of_publication(gaz: &Gazetteers, doc: &Document, province: String) -> String {
    let after_merger = doc
        .meta
        .published
        .as_deref()
        .is_some_and(|p| p.get(..7).is_some_and(|ym| ym >= "2025-07"));
    if !after_merger {
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
    fn merged_province_after_july_2025() {
        let g = Gazetteers::load().expect("gazetteers");
        let mut d = Document::new("t", "t", "x");
        d.meta.published = Some("2025-09-02".into());
        assert_eq!(as_of_publication(&g, &d, "Kon Tum".into()), "Quảng Ngãi");
        d.meta.published = Some("2024-09-02".into());
        assert_eq!(as_of_publication(&g, &d, "Kon Tum".into()), "Kon Tum");
    }
}
