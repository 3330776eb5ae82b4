//! Which province an article is about, for facts that do not name their province.
//!
//! In order: the province named in the title, the site the article comes from ("Baonghean.vn",
//! "nghean.gov.vn" written in the text), then the province named most often in the content
//! (districts count for their province). Returns a canonical pre-2025 name.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::document::Document;
use crate::rules::RuleLayer;

/// The province an entity names, if any (LOC with a province norm, ORG with an explicit
/// location, district LOC → its province).
pub fn entity_province(e: &crate::document::Entity) -> Option<String> {
    match e.label.as_str() {
        "LOC" => match e.norm.as_ref()? {
            serde_json::Value::String(p) => Some(p.clone()),
            v => v
                .get("province")
                .and_then(|p| p.as_str())
                .map(str::to_string),
        },
        "ORG" => e
            .norm
            .as_ref()
            .and_then(|v| v.get("province"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        _ => None,
    }
}

fn domain_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b[A-Za-z0-9-]+(?:\.[A-Za-z]{2,})+\b").expect("domain regex"))
}

pub fn article_province(doc: &Document, rules: &RuleLayer) -> Option<String> {
    let gaz = &rules.gaz;
    let is_province = |p: &str| {
        gaz.provinces.iter().any(|q| q.canonical == p)
            || gaz.provinces_2025.iter().any(|q| q.canonical == p)
    };
    let a = doc.analysis.as_ref()?;
    // 1. the title
    if let Some(t) = a.title_line {
        let l = &a.lines[t];
        let (s, e) = a.norm.to_orig(l.start, l.end);
        let mut named: Vec<String> = doc
            .entities
            .iter()
            .filter(|x| x.start >= s && x.end <= e)
            .filter_map(entity_province)
            .filter(|p| is_province(p))
            .collect();
        named.dedup();
        if named.len() == 1 {
            return named.pop();
        }
    }
    // 2. the site
    let text = doc.text.as_deref().unwrap_or("");
    for m in domain_re().find_iter(text) {
        if let Some(p) = gaz.province_by_site(m.as_str()) {
            return Some(p.to_string());
        }
    }
    if let Some(url) = doc.meta.extra.get("url").and_then(|u| u.as_str()) {
        if let Some(p) = gaz.province_by_site(url) {
            return Some(p.to_string());
        }
    }
    // 3. the most named province in the content
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in &doc.entities {
        if is_dateline(text, e) {
            continue;
        }
        if let Some(p) = entity_province(e).filter(|p| is_province(p)) {
            *counts.entry(p).or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    Some(best.0.clone())
}

/// A place written as a news dateline ("Hà Nội (TTXVN) -"): where the agency filed from, not
/// what the article is about.
fn is_dateline(text: &str, e: &crate::document::Entity) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re =
        RE.get_or_init(|| Regex::new(r"^\s*\([^()\n]{1,40}\)\s*[-–—]").expect("dateline regex"));
    let after: String = text.chars().skip(e.end).take(50).collect();
    e.label == "LOC" && re.is_match(&after)
}
