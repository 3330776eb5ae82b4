//! Gazetteers: provinces (63 before the 2025 merger, 34 after), districts, regions, bodies,
//! titles and indices, read from the TSV files in `data/gazetteers/` (compiled into the binary,
//! parsed once) and matched case-insensitively with NFC + tone-placement tolerance.
//!
//! This module knows names and how to look them up; deciding whether a match in a sentence is
//! an entity is the job of the entity finders.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use anyhow::{bail, Context, Result};

use crate::text::{fold, match_key};

const PROVINCES_TSV: &str = include_str!("../../data/gazetteers/provinces.tsv");
const PROVINCES_2025_TSV: &str = include_str!("../../data/gazetteers/provinces_2025.tsv");
const DISTRICTS_TSV: &str = include_str!("../../data/gazetteers/districts.tsv");
const REGIONS_TSV: &str = include_str!("../../data/gazetteers/regions.tsv");
const BODIES_TSV: &str = include_str!("../../data/gazetteers/bodies.tsv");
const TITLES_TSV: &str = include_str!("../../data/gazetteers/titles.tsv");
const INDICES_TSV: &str = include_str!("../../data/gazetteers/indices.tsv");
const COUNTRIES_TSV: &str = include_str!("../../data/gazetteers/countries.tsv");
const SURNAMES_TXT: &str = include_str!("../../data/gazetteers/surnames.txt");

/// One data table of `data/` (`nerlink_text::tsv` layout) with its file name for messages;
/// cells are read trimmed, by column name.
pub struct Table<'a> {
    name: &'static str,
    table: nerlink_text::tsv::Table<'a>,
}

impl<'a> Table<'a> {
    pub fn parse(name: &'static str, text: &'a str) -> Result<Table<'a>> {
        let table = nerlink_text::tsv::Table::parse(text)
            .with_context(|| format!("{name}: no header line"))?;
        Ok(Table { name, table })
    }

    fn col(&self, column: &str) -> Result<usize> {
        match self.table.header.iter().position(|h| h.trim() == column) {
            Some(i) => Ok(i),
            None => bail!(
                "{}: no column {column:?} (have {:?})",
                self.name,
                self.table.header
            ),
        }
    }

    /// Iterate rows as a column accessor.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.table.rows.iter().map(move |r| Row {
            table: self,
            cells: &r.cells,
        })
    }
}

pub struct Row<'a> {
    table: &'a Table<'a>,
    cells: &'a [&'a str],
}

impl Row<'_> {
    /// The cell of `column`, trimmed ("" when the row is short or the column is missing).
    pub fn get(&self, column: &str) -> &str {
        self.table
            .col(column)
            .ok()
            .and_then(|i| self.cells.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    /// A `|`-separated list cell.
    pub fn list(&self, column: &str) -> Vec<String> {
        self.get(column)
            .split('|')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Province {
    pub canonical: String,
    pub kind: String,
    pub region: String,
    pub merged_into: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Province2025 {
    pub canonical: String,
    pub kind: String,
    pub members: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct District {
    pub name: String,
    pub kind: String,
    pub province: String,
    pub ambiguous_with_province: bool,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub canonical: String,
    pub aliases: Vec<String>,
    pub provinces: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub head: String,
    pub kind: String,
    pub scope: String,
    pub takes_location: bool,
    pub canonical: String,
    /// A unit named with its parent body after it ("Ban Tổ chức Tỉnh ủy").
    pub takes_body: bool,
    /// A head that names a body only with a field after it ("Sở" + "Nội vụ"); alone it is an
    /// anaphor.
    pub generic: bool,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub title: String,
    pub canonical: String,
    pub absorbs_body: String,
    pub level: String,
    pub national_only: bool,
    /// Title without its absorbed body, for relations ("Trưởng ban Tổ chức" → "Trưởng ban").
    pub relation_role: String,
    /// Rarely names one specific office on its own ("Thủ trưởng").
    pub generic: bool,
    /// The title is a shorter title plus a complete body ("Thủ tướng Chính phủ").
    pub split: bool,
}

impl Title {
    pub fn generic_flag(&self) -> bool {
        self.generic
    }
}

#[derive(Debug, Clone)]
pub struct IndexName {
    pub canonical: String,
    pub aliases: Vec<String>,
    pub full_name_vi: String,
}

/// What a surface form in the text refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Index into `provinces` (pre-2025 names) …
    Province(usize),
    /// … or into `provinces_2025` (a post-merger name that is not also a pre-2025 one, "Huế").
    Province2025(usize),
    District(usize),
    Region(usize),
    Body(usize),
    Title(usize),
    Index(usize),
    Country(usize),
}

/// A dictionary matched over a normalized view: surface forms → entries.
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern, the entries it names (a name can mean several things).
    entries: Vec<Vec<Entry>>,
}

/// A dictionary hit in a view: char range of the view and what it names.
#[derive(Debug, Clone)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entries: Vec<Entry>,
}

impl Matcher {
    fn build(forms: Vec<(String, Entry)>) -> Result<Matcher> {
        let mut by_key: HashMap<String, Vec<Entry>> = HashMap::new();
        for (form, entry) in forms {
            let key = match_key(&form);
            if key.trim().is_empty() {
                continue;
            }
            let v = by_key.entry(key).or_default();
            if !v.contains(&entry) {
                v.push(entry);
            }
        }
        let mut keys: Vec<(String, Vec<Entry>)> = by_key.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(keys.iter().map(|(k, _)| k.as_str()))
            .context("building a gazetteer matcher")?;
        Ok(Matcher {
            automaton,
            entries: keys.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// All whole-word, leftmost-longest hits in a lower-cased view (`crate::text::NormText::lower`).
    pub fn find(&self, view: &crate::text::normalize::View) -> Vec<Hit> {
        self.find_in(view, &view.text)
    }

    /// Hits in `text`, a copy of the view's text with the same byte layout (some words masked).
    /// A run of spaces inside a name ("Phó Bí thư Thường  trực", a non-breaking space) matches
    /// the single space of the gazetteer form; line breaks do not.
    fn find_in(&self, view: &crate::text::normalize::View, text: &str) -> Vec<Hit> {
        let squeezed = squeeze_spaces(text);
        let (text, orig): (&str, Option<&[usize]>) = match &squeezed {
            Some((t, map)) => (t.as_str(), Some(map.as_slice())),
            None => (text, None),
        };
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                continue;
            }
            // back to the view's bytes: the first byte's, and just past the last byte's
            let (start, end) = match orig {
                Some(map) => (map[m.start()], map[m.end() - 1] + 1),
                None => (m.start(), m.end()),
            };
            out.push(Hit {
                start: view.char_at_byte(start),
                end: view.char_at_byte(end),
                entries: self.entries[m.pattern().as_usize()].clone(),
            });
        }
        out
    }
}

/// `text` with every run of spaces, tabs and non-breaking spaces written as one space, and the
/// original byte of each byte of the result; `None` when there is nothing to squeeze.
fn squeeze_spaces(text: &str) -> Option<(String, Vec<usize>)> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}');
    let mut prev_space = false;
    let needed = text.chars().any(|c| {
        let hit = c != ' ' && is_space(c) || (c == ' ' && prev_space);
        prev_space = is_space(c);
        hit
    });
    if !needed {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut prev_space = false;
    for (b, c) in text.char_indices() {
        if is_space(c) {
            if !prev_space {
                out.push(' ');
                map.push(b);
            }
            prev_space = true;
            continue;
        }
        prev_space = false;
        out.push(c);
        map.extend(b..b + c.len_utf8());
    }
    Some((out, map))
}

/// Title hits in a lower-cased view, with the "vụ" of "chức vụ"/"nhiệm vụ" (post, duty) kept
/// out of the titles: "giữ chức vụ Trưởng ban …" is "Trưởng ban", not "Vụ trưởng".
pub fn find_titles(titles: &Matcher, view: &crate::text::normalize::View) -> Vec<Hit> {
    static GLUED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let glued = GLUED
        .get_or_init(|| regex::Regex::new(r"\b(?:chức|nhiệm)\s+(vụ)\b").expect("glued vụ regex"));
    let mut masked: Option<String> = None;
    for c in glued.captures_iter(&view.text) {
        if let Some(m) = c.get(1) {
            let t = masked.get_or_insert_with(|| view.text.clone());
            t.replace_range(m.range(), &"_".repeat(m.len()));
        }
    }
    match masked {
        Some(t) => titles.find_in(view, &t),
        None => titles.find(view),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// All gazetteers and their matchers, loaded once.
pub struct Gazetteers {
    pub provinces: Vec<Province>,
    pub provinces_2025: Vec<Province2025>,
    pub districts: Vec<District>,
    pub regions: Vec<Region>,
    pub bodies: Vec<Body>,
    pub titles: Vec<Title>,
    pub indices: Vec<IndexName>,
    /// Vietnamese family names, lower-cased (single syllables only).
    pub surnames: std::collections::HashSet<String>,
    /// Country names (canonical first, then aliases).
    pub countries: Vec<Vec<String>>,
    /// Province, 2025 province, region and country names and aliases.
    pub places: Matcher,
    /// District names (without prefix).
    pub district_names: Matcher,
    pub body_heads: Matcher,
    pub title_names: Matcher,
    pub index_names: Matcher,
    /// Folded (no diacritics) province name → index.
    province_by_folded: HashMap<String, usize>,
    /// `match_key` of every province name and alias (pre-2025 first, then 2025 names) → its
    /// canonical name: `province_by_name` is one hash lookup.
    province_by_key: HashMap<String, String>,
    /// Web sites of provinces (`sites.tsv`).
    pub sites: super::sites::Sites,
}

impl Gazetteers {
    pub fn load() -> Result<Gazetteers> {
        let t = Table::parse("provinces.tsv", PROVINCES_TSV)?;
        let provinces: Vec<Province> = t
            .rows()
            .map(|r| Province {
                canonical: r.get("canonical").to_string(),
                kind: r.get("kind").to_string(),
                region: r.get("region").to_string(),
                merged_into: r.get("merged_into").to_string(),
                aliases: r.list("aliases"),
            })
            .collect();
        let t = Table::parse("provinces_2025.tsv", PROVINCES_2025_TSV)?;
        let provinces_2025: Vec<Province2025> = t
            .rows()
            .map(|r| Province2025 {
                canonical: r.get("canonical").to_string(),
                kind: r.get("kind").to_string(),
                members: r.list("members"),
            })
            .collect();
        let t = Table::parse("districts.tsv", DISTRICTS_TSV)?;
        let districts: Vec<District> = t
            .rows()
            .map(|r| District {
                name: r.get("name").to_string(),
                kind: r.get("kind").to_string(),
                province: r.get("province").to_string(),
                ambiguous_with_province: r.get("ambiguous_with_province") == "yes",
            })
            .collect();
        let t = Table::parse("regions.tsv", REGIONS_TSV)?;
        let regions: Vec<Region> = t
            .rows()
            .map(|r| Region {
                canonical: r.get("canonical").to_string(),
                aliases: r.list("aliases"),
                provinces: r.get("provinces_2024").parse().ok(),
            })
            .collect();
        let t = Table::parse("bodies.tsv", BODIES_TSV)?;
        let bodies: Vec<Body> = t
            .rows()
            .map(|r| Body {
                head: r.get("head").to_string(),
                kind: r.get("kind").to_string(),
                scope: r.get("scope").to_string(),
                takes_location: r.get("takes_location") == "yes",
                takes_body: r.get("takes_body") == "yes",
                canonical: non_empty_or(r.get("canonical"), r.get("head")),
                generic: r.get("note").contains("generic head")
                    || matches!(
                        r.get("head"),
                        "Cục"
                            | "Tổng cục"
                            | "Vụ"
                            | "Chi cục"
                            | "Công an"
                            | "Bệnh viện"
                            | "Ngân hàng"
                            | "Công ty"
                            | "Tập đoàn"
                            | "Hiệp hội"
                            | "Học viện"
                            | "Đại học"
                            | "Phòng"
                            | "Ban Chỉ đạo"
                            | "BCĐ"
                            | "Báo"
                            | "Ban"
                            | "Trung tâm"
                            | "Viện"
                            | "Trường"
                            | "Hội"
                            | "Đài"
                    ),
            })
            .collect();
        let t = Table::parse("titles.tsv", TITLES_TSV)?;
        let titles: Vec<Title> = t
            .rows()
            .map(|r| Title {
                title: r.get("title").to_string(),
                canonical: non_empty_or(r.get("canonical"), r.get("title")),
                absorbs_body: r.get("absorbs_body").to_string(),
                level: r.get("level").to_string(),
                national_only: r.get("national_only") == "yes",
                relation_role: non_empty_or(r.get("relation_role"), r.get("title")),
                generic: r.get("generic") == "yes",
                split: r.get("role_span") == "split",
            })
            .collect();
        let t = Table::parse("indices.tsv", INDICES_TSV)?;
        let indices: Vec<IndexName> = t
            .rows()
            .map(|r| IndexName {
                canonical: r.get("canonical").to_string(),
                aliases: r.list("aliases"),
                full_name_vi: r.get("full_name_vi").to_string(),
            })
            .collect();
        let t = Table::parse("countries.tsv", COUNTRIES_TSV)?;
        let countries: Vec<Vec<String>> = t
            .rows()
            .map(|r| {
                std::iter::once(r.get("canonical").to_string())
                    .chain(r.list("aliases"))
                    .collect()
            })
            .collect();
        if provinces.len() != 63 || provinces_2025.len() != 34 {
            bail!(
                "gazetteer: expected 63 pre-2025 and 34 post-2025 provinces, found {} and {}",
                provinces.len(),
                provinces_2025.len()
            );
        }

        let mut place_forms = Vec::new();
        for (i, p) in provinces.iter().enumerate() {
            place_forms.push((p.canonical.clone(), Entry::Province(i)));
            for a in &p.aliases {
                place_forms.push((a.clone(), Entry::Province(i)));
            }
        }
        for (i, p) in provinces_2025.iter().enumerate() {
            if !provinces.iter().any(|q| q.canonical == p.canonical) {
                place_forms.push((p.canonical.clone(), Entry::Province2025(i)));
            }
        }
        for (i, r) in regions.iter().enumerate() {
            place_forms.push((r.canonical.clone(), Entry::Region(i)));
            for a in &r.aliases {
                place_forms.push((a.clone(), Entry::Region(i)));
            }
        }
        for (i, names) in countries.iter().enumerate() {
            for n in names {
                place_forms.push((n.clone(), Entry::Country(i)));
            }
        }
        let places = Matcher::build(place_forms)?;
        let district_names = Matcher::build(
            districts
                .iter()
                .enumerate()
                .filter(|(_, d)| d.name.chars().any(|c| c.is_alphabetic()))
                .map(|(i, d)| (d.name.clone(), Entry::District(i)))
                .collect(),
        )?;
        let body_heads = Matcher::build(
            bodies
                .iter()
                .enumerate()
                .map(|(i, b)| (b.head.clone(), Entry::Body(i)))
                .collect(),
        )?;
        // "split" titles ("Thủ tướng Chính phủ") are a title plus a body: the shorter title and
        // the body gazetteer find the two spans
        let title_names = Matcher::build(
            titles
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.split)
                .map(|(i, t)| (t.title.clone(), Entry::Title(i)))
                .collect(),
        )?;
        let mut index_forms = Vec::new();
        for (i, x) in indices.iter().enumerate() {
            index_forms.push((x.canonical.clone(), Entry::Index(i)));
            for a in &x.aliases {
                // "Chỉ số PAPI": the guidelines make the acronym alone the INDEX span
                let forms: Vec<String> = std::iter::once(&x.canonical)
                    .chain(&x.aliases)
                    .map(|f| match_key(f))
                    .collect();
                let acronym_after_chi_so = match_key(a)
                    .strip_prefix("chỉ số ")
                    .is_some_and(|rest| forms.iter().any(|f| f == rest));
                if !acronym_after_chi_so {
                    index_forms.push((a.clone(), Entry::Index(i)));
                }
            }
        }
        let index_names = Matcher::build(index_forms)?;
        // canonical names first, then the written forms ("TT-Hue" for "TT-Huế")
        let mut province_by_folded: HashMap<String, usize> = HashMap::new();
        for (i, p) in provinces.iter().enumerate() {
            province_by_folded.insert(fold(&p.canonical).replace(' ', ""), i);
        }
        for (i, p) in provinces.iter().enumerate() {
            for a in &p.aliases {
                province_by_folded
                    .entry(fold(a).replace(' ', ""))
                    .or_insert(i);
            }
        }
        let mut province_by_key: HashMap<String, String> = HashMap::new();
        for p in &provinces {
            for form in std::iter::once(&p.canonical).chain(&p.aliases) {
                province_by_key
                    .entry(match_key(form))
                    .or_insert_with(|| p.canonical.clone());
            }
        }
        for p in &provinces_2025 {
            province_by_key
                .entry(match_key(&p.canonical))
                .or_insert_with(|| p.canonical.clone());
        }
        Ok(Gazetteers {
            province_by_key,
            provinces,
            provinces_2025,
            districts,
            regions,
            bodies,
            titles,
            indices,
            countries,
            surnames: SURNAMES_TXT
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains(' '))
                .map(match_key)
                .collect(),
            places,
            district_names,
            body_heads,
            title_names,
            index_names,
            province_by_folded,
            sites: super::sites::Sites::load()?,
        })
    }

    /// Canonical name of a province entry (pre-2025 name, or the post-2025 name).
    pub fn province_name(&self, e: Entry) -> Option<&str> {
        match e {
            Entry::Province(i) => Some(&self.provinces[i].canonical),
            Entry::Province2025(i) => Some(&self.provinces_2025[i].canonical),
            _ => None,
        }
    }

    /// Look a province up by any written form ("TP.HCM", "tỉnh Khánh Hoà", "Hau Giang").
    pub fn province_by_name(&self, name: &str) -> Option<&str> {
        let key = match_key(name);
        let key = strip_admin_prefix(&key);
        if let Some(c) = self.province_by_key.get(key) {
            return Some(c);
        }
        let folded = fold(key).replace(' ', "");
        self.province_by_folded
            .get(&folded)
            .map(|&i| self.provinces[i].canonical.as_str())
    }

    /// The province a web site belongs to, from a host, site name or URL ("Baonghean.vn",
    /// "nghean.gov.vn", "https://www.angiang.gov.vn/…"); see `sites`.
    pub fn province_by_site(&self, site: &str) -> Option<&str> {
        self.sites.province_of_host(site)
    }

    /// The province of a provincial newspaper's lead tag ("HNM").
    pub fn province_by_tag(&self, tag: &str) -> Option<&str> {
        self.sites.province_of_tag(tag)
    }

    /// The 2025 province a pre-2025 province was merged into.
    pub fn merged_into(&self, canonical: &str) -> Option<&str> {
        self.provinces
            .iter()
            .find(|p| p.canonical == canonical)
            .map(|p| p.merged_into.as_str())
    }

    /// Region of a pre-2025 province.
    pub fn region_of(&self, province: &str) -> Option<&str> {
        self.provinces
            .iter()
            .find(|p| p.canonical == province)
            .map(|p| p.region.as_str())
    }
}

fn non_empty_or(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        a.to_string()
    }
}

/// Drop a leading lower-cased admin prefix ("tỉnh ", "thành phố ", "tp. ", "tp ").
pub fn strip_admin_prefix(key: &str) -> &str {
    for p in [
        "tỉnh ",
        "thành phố ",
        "tp. ",
        "tp.",
        "tp ",
        "huyện ",
        "quận ",
        "thị xã ",
        "tx. ",
        "tx ",
    ] {
        if let Some(rest) = key.strip_prefix(p) {
            return rest.trim_start();
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_resolves_written_forms() {
        let g = Gazetteers::load().unwrap();
        assert_eq!(g.provinces.len(), 63);
        assert_eq!(g.provinces_2025.len(), 34);
        assert_eq!(g.province_by_name("Khánh Hoà"), Some("Khánh Hòa"));
        assert_eq!(g.province_by_name("tỉnh Hòa Bình"), Some("Hòa Bình"));
        assert_eq!(g.province_by_name("TP.HCM"), Some("Hồ Chí Minh"));
        // a written form without its tone marks, as English pages print it
        assert_eq!(g.province_by_name("TT-Hue"), Some("Thừa Thiên Huế"));
        assert_eq!(g.province_by_name("Đắc Lắc"), Some("Đắk Lắk"));
        assert_eq!(g.province_by_name("Hau Giang"), Some("Hậu Giang"));
        assert_eq!(g.province_by_site("Baonghean.vn"), Some("Nghệ An"));
        assert_eq!(g.merged_into("Kiên Giang"), Some("An Giang"));
    }

    #[test]
    fn a_run_of_spaces_inside_a_name_matches_one_space() {
        let g = Gazetteers::load().unwrap();
        let n = crate::text::NormText::new("Ông A, Phó Bí thư Thường  trực Đảng ủy, dự.");
        let hits = find_titles(&g.title_names, &n.lower);
        let texts: Vec<String> = hits
            .iter()
            .map(|h| {
                n.lower
                    .text
                    .chars()
                    .skip(h.start)
                    .take(h.end - h.start)
                    .collect()
            })
            .collect();
        assert_eq!(texts, vec!["phó bí thư thường  trực".to_string()]);
        // a non-breaking space too; a line break is not a space inside a name
        let n = crate::text::NormText::new("Giám\u{a0}đốc Sở Y tế; Phó\nChủ tịch");
        let hits = find_titles(&g.title_names, &n.lower);
        assert_eq!((hits[0].start, hits[0].end), (0, 8));
        assert!(hits.iter().all(|h| h.end - h.start != 12), "{hits:?}");
        assert_eq!(squeeze_spaces("a b"), None);
    }
}
