//! The `org` value of an official and the kind of body it is.
//!
//! `org_without_province` writes the body without its province ("UBND tỉnh An Giang" → "UBND
//! tỉnh", "Sở Nội vụ tỉnh Nghệ An" → "Sở Nội vụ"), long forms shortened ("Ủy ban nhân dân" →
//! "UBND"); `body_scope` looks the body up in the gazetteer (national / province / district /
//! any); `BodyLevel` reads the administrative level a body's words name. It does not decide
//! provinces.

use super::super::province::entity_province;
use super::super::Ctx;
use crate::document::{Entity, Label};
use crate::rules::gazetteer::{strip_admin_prefix, Entry};
use crate::text::{fold, match_key, NormText};

/// Body of an ORG text: its gazetteer entry (first head found in the text).
pub fn body_scope(ctx: &Ctx<'_>, org_text: &str) -> Option<(String, String)> {
    let n = NormText::new(org_text);
    let hits = ctx.rules.gaz.body_heads.find(&n.lower);
    let h = hits.first()?;
    h.entries.iter().find_map(|e| match e {
        Entry::Body(k) => {
            let b = &ctx.rules.gaz.bodies[*k];
            Some((b.scope.clone(), b.kind.clone()))
        }
        _ => None,
    })
}

/// The org value: the body without its province ("UBND tỉnh An Giang" → "UBND tỉnh",
/// "Sở Nội vụ tỉnh Nghệ An" → "Sở Nội vụ"), long forms shortened ("Ủy ban nhân dân" → "UBND").
pub fn org_without_province(ctx: &Ctx<'_>, org: &Entity) -> String {
    let mut text = org.text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (long, short) in [
        ("Ủy ban nhân dân", "UBND"),
        ("Uỷ ban nhân dân", "UBND"),
        ("Hội đồng nhân dân", "HĐND"),
    ] {
        if let Some(rest) = text.strip_prefix(long) {
            text = format!("{short}{rest}");
        }
    }
    let Some(prov) = entity_province(org) else {
        return text;
    };
    // find where the province's name starts: try every word boundary suffix
    let words: Vec<&str> = text.split(' ').collect();
    for cut in 1..words.len() {
        let tail = words[cut..].join(" ");
        let key = match_key(&tail);
        let bare = strip_admin_prefix(&key);
        let is_possessive = key.starts_with("của ");
        let tail_names_prov = ctx
            .rules
            .gaz
            .province_by_name(bare.strip_prefix("của ").unwrap_or(bare))
            .is_some_and(|p| p == prov);
        if tail_names_prov {
            let head = words[..cut].join(" ");
            let level_word = bare.len() < key.len() && !is_possessive;
            let keeps_level =
                head.starts_with("UBND") || head.starts_with("HĐND") || head.contains("Đoàn");
            if level_word && keeps_level {
                let level = words[cut];
                let level = if level.eq_ignore_ascii_case("tp")
                    || level.eq_ignore_ascii_case("tp.")
                    || level == "thành"
                {
                    "thành phố".to_string()
                } else {
                    level.to_string()
                };
                return format!("{head} {level}");
            }
            // a one-word head is not a body ("Báo Lạng Sơn" is a newspaper's name, not "Báo")
            if head.split_whitespace().count() == 1 {
                return text;
            }
            return head;
        }
    }
    // possessive without a name: "… của tỉnh"
    if let Some(i) = text.find(" của ") {
        return text[..i].to_string();
    }
    text
}

pub fn capitalize_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// The administrative level a body's words name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyLevel {
    /// A province or centrally-run city ("UBND tỉnh", "Tỉnh ủy", "Sở Nội vụ").
    Province,
    /// A district, town or provincial city ("UBND huyện", "Huyện ủy", "Thị ủy").
    District,
    /// A commune, ward or township ("UBND xã", "Đảng ủy phường").
    Commune,
}

/// The level named by a body's text: district and commune words win over the default.
pub fn body_level(text: &str) -> BodyLevel {
    let key = match_key(text);
    let words: Vec<&str> = key.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let has_pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    if has("huyện") || has("quận") || has_pair("thị", "xã") || has_pair("thị", "ủy") {
        BodyLevel::District
    } else if has("xã") || has("phường") || has_pair("thị", "trấn") {
        BodyLevel::Commune
    } else {
        BodyLevel::Province
    }
}

/// A province written inside a text: a province name, else a district name that belongs to
/// one province only ("Huyện ủy Bắc Quang" → the district's province), unless a commune-level
/// unit bears it and the article is about another province ("thị trấn Hội An" on An Giang's
/// site is no Hội An of Quảng Nam).
pub fn place_in_text(ctx: &Ctx<'_>, text: &str) -> Option<String> {
    let gaz = &ctx.rules.gaz;
    let n = NormText::new(text);
    let lower = &n.lower;
    let province = gaz.places.find(lower).into_iter().find_map(|h| {
        // "huyện Quảng Ninh" is a district, not the province
        let before = lower.slice(0, h.start).trim_end();
        let unit_before = ["huyện", "quận", "xã", "phường", "thị xã", "thị trấn"]
            .iter()
            .any(|u| before.ends_with(u));
        // "Hồ Chí Minh" in a name ("Học viện Chính trị Quốc gia Hồ Chí Minh", "Đoàn TNCS Hồ
        // Chí Minh") is the city only after "TP" / "thành phố"
        let written = lower.slice(h.start, h.end);
        let city_prefix = ["tp", "tp.", "thành phố"]
            .iter()
            .any(|u| before.ends_with(u));
        if unit_before || (written == "hồ chí minh" && !city_prefix) {
            return None;
        }
        h.entries.iter().find_map(|e| gaz.province_name(*e))
    });
    if let Some(p) = province {
        return Some(p.to_string());
    }
    for h in gaz.district_names.find(lower) {
        // a district name that a longer unit name starts with ("phường An Phú Đông" is no
        // "An Phú"): the next word is capitalized too
        let next = n.norm.text.chars().skip(h.end).take(2).collect::<Vec<_>>();
        if matches!(next.as_slice(), [' ', c] if c.is_uppercase()) {
            continue;
        }
        // a commune, ward or town bearing the name ("thị trấn Hội An" of Chợ Mới, An Giang)
        let before = lower.slice(0, h.start).trim_end();
        let commune = !before.ends_with("thị xã")
            && ["xã", "phường", "thị trấn"]
                .iter()
                .any(|u| before == *u || before.ends_with(&format!(" {u}")));
        let mut provinces: Vec<&str> = h
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::District(i) => Some(gaz.districts[*i].province.as_str()),
                _ => None,
            })
            .collect();
        provinces.sort();
        provinces.dedup();
        if let [p] = provinces.as_slice() {
            // a commune named like a district of another province is no sign of that
            // province: the article's own province stands
            let elsewhere = ctx
                .article_province
                .as_deref()
                .is_some_and(|a| a != *p && ctx.rules.gaz.merged_into(p) != Some(a));
            if commune && elsewhere {
                continue;
            }
            return Some(p.to_string());
        }
    }
    None
}

/// The place an ORG or LOC entity names: its norm, else a name inside its text.
pub fn entity_place(ctx: &Ctx<'_>, e: &Entity) -> Option<String> {
    entity_province(e).or_else(|| place_in_text(ctx, &e.text))
}

/// Whether a body names a foreign country and no Vietnamese province: "Bộ Tài chính Hoa Kỳ",
/// "Nhật Bản" in "Thủ tướng Nhật Bản …", "Đại sứ quán Pháp". Such a post has no province
/// (the article's province must not leak onto it). A body that also names a province
/// ("Hội Hữu nghị Việt – Lào tỉnh X") is local.
pub fn names_foreign_country(ctx: &Ctx<'_>, text: &str) -> bool {
    let gaz = &ctx.rules.gaz;
    let n = NormText::new(text);
    let vietnam = match_key("Việt Nam");
    let names_country = gaz.places.find(&n.lower).into_iter().any(|h| {
        // written as a name: "Pháp" the country, not "Sở Tư pháp"
        let capitalized = n
            .norm
            .slice(h.start, h.end)
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        // a syllable of a Vietnamese place: "xã Mỹ An", "thành phố Mỹ Tho" (Mỹ = Hoa Kỳ)
        let before = n.lower.slice(0, h.start).trim_end();
        let place_word = [
            "tỉnh",
            "thành phố",
            "tp",
            "tp.",
            "huyện",
            "quận",
            "thị xã",
            "thị trấn",
            "xã",
            "phường",
            "ấp",
            "thôn",
            "bản",
            "khu phố",
            "đặc khu",
        ]
        .iter()
        .any(|u| before == *u || before.ends_with(&format!(" {u}")));
        capitalized
            && !place_word
            && h.entries.iter().any(|e| match e {
                Entry::Country(i) => gaz.countries[*i]
                    .first()
                    .is_some_and(|c| match_key(c) != vietnam),
                _ => false,
            })
    });
    // a province in the body makes it local (checked only when a country is named: rare)
    names_country && place_in_text(ctx, text).is_none()
}

/// Whether a body's text has a local level word ("tỉnh", "huyện", "xã" …): "Đoàn ĐBQH tỉnh",
/// "Quốc hội tỉnh" (a province's delegation) are local although their head names a national
/// institution.
pub fn names_local_level(org_text: &str) -> bool {
    let key = match_key(org_text);
    let words: Vec<&str> = key.split_whitespace().collect();
    ["tỉnh", "thành", "huyện", "quận", "xã", "phường", "thị"]
        .iter()
        .any(|w| words.contains(w))
}

/// A body that names no place but is plainly national: "… quốc gia", "… Trung ương" (also
/// written "TW", "TƯ", "T.Ư"), a
/// department ("Cục", "Tổng cục", "Vụ") with no place or level word after it.
pub fn reads_national(ctx: &Ctx<'_>, org_text: &str) -> bool {
    if place_in_text(ctx, org_text).is_some() {
        return false;
    }
    let key = match_key(org_text);
    let words: Vec<&str> = key.split_whitespace().collect();
    let level_word = names_local_level(org_text);
    let national_words = [
        "quốc gia",
        "trung ương",
        "chính phủ",
        "quốc hội",
        "việt nam",
    ]
    .iter()
    .any(|w| key.contains(w))
        || org_text
            .split_whitespace()
            .any(|w| matches!(w, "TW" | "TƯ" | "T.Ư" | "T.W"));
    let national_head = matches!(words.first(), Some(&"cục" | &"vụ"))
        || key.starts_with("tổng cục")
        || key.starts_with("thanh tra chính phủ");
    !level_word && (national_words || national_head)
}

/// Whether a body written as a bare acronym ("UBKT") stands for a national body written out
/// earlier in the document ("Ủy ban Kiểm tra Trung ương họp … dưới sự chủ trì của Chủ nhiệm
/// UBKT Trần A"): the nearest earlier body whose words' initials begin with the acronym reads
/// national. An acronym of a local body ("UBND" after "Ủy ban nhân dân tỉnh …") is not.
pub fn abbreviates_national_body(ctx: &Ctx<'_>, org: &Entity) -> bool {
    let acronym = org.text.trim();
    if acronym.chars().count() < 2 || !acronym.chars().all(char::is_uppercase) {
        return false;
    }
    let acronym = fold(acronym);
    let initials = |text: &str| -> String {
        text.split_whitespace()
            .filter_map(|w| w.chars().next())
            .map(|c| fold(&c.to_string()))
            .collect()
    };
    ctx.entities
        .iter()
        .filter(|e| e.label == Label::Org && e.end <= org.start && e.text.contains(' '))
        .rev()
        .find(|e| initials(&e.text).starts_with(&acronym))
        .is_some_and(|e| reads_national(ctx, &e.text))
}
