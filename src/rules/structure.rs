//! Name-shaped entities from gazetteers and phrase structure: LOC, ORG, ROLE, INDEX and
//! rule-based PER.
//!
//! Works sentence by sentence on word tokens:
//! - LOC: a province / 2025 province / region / country name, with a lower-case admin prefix
//!   written before it ("tỉnh An Giang", "TP. Hồ Chí Minh", "huyện An Phú", "phường Bến Thủy");
//!   district names only after their prefix, so "huyện Quảng Ninh" is not the province.
//! - ORG: a body head from the gazetteer ("UBND", "Sở Nội vụ", "Tỉnh ủy", "Bộ Nội vụ") with
//!   the location or parent body written after it ("UBND tỉnh An Giang", "Ban Tổ chức Tỉnh
//!   ủy", "Văn phòng UBND tỉnh", "Ban Nội chính Trung ương", a district committee with the
//!   district's bare name: "Huyện ủy Lý Sơn") and a possessive "của tỉnh" / "của Chính phủ". Plural and
//!   generic mentions ("các Sở", "UBND các cấp", "UBND huyện, thị xã") are not entities.
//! - ROLE: a title held by one specific person (followed by a body or a name, or standing in
//!   apposition after a name); not after "các"/"những".
//! - PER (rules, until the model replaces it): a capitalized 1–4 syllable name after a title
//!   (and its body), after "ông/bà/đồng chí", starting a list item (after ":"/";" or the
//!   sentence start) with a family name and followed by ", <title>" or " - <title>", or in a
//!   photo credit.
//! - INDEX: index names and aliases ("PAR INDEX", "Chỉ số CCHC", "Papi").
//!
//! It proposes candidates; overlaps are resolved by `merge`.

use super::gazetteer::{Entry, Gazetteers, Hit};
use super::tokens::{tokenize, Tok};
use super::Cand;
use crate::document::{Label, LocNorm, Norm};
use crate::text::Analysis;

/// Lower-case admin prefixes that belong to a LOC span, and what they introduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    Province,
    City,
    District,
    Town,
    Ward,
}

/// Match an admin prefix at token `i`; returns (kind, number of tokens).
pub fn admin_prefix(toks: &[Tok], i: usize) -> Option<(Prefix, usize)> {
    let t = toks.get(i)?;
    let next = toks.get(i + 1).map(|t| t.lower.as_str());
    let l = t.lower.as_str();
    let lower_case_written = !t.starts_upper() || i == 0 || is_sentence_start(toks, i);
    let two = |w: &str| next == Some(w);
    let r = match l {
        "tỉnh" => Some((Prefix::Province, 1)),
        "thành" if two("phố") => Some((Prefix::City, 2)),
        "tp" | "tp." => {
            if two(".") {
                Some((Prefix::City, 2))
            } else {
                Some((Prefix::City, 1))
            }
        }
        "huyện" | "quận" => Some((Prefix::District, 1)),
        "thị" if two("xã") => Some((Prefix::Town, 2)),
        "thị" if two("trấn") => Some((Prefix::Ward, 2)),
        "tx" => {
            if two(".") {
                Some((Prefix::Town, 2))
            } else {
                Some((Prefix::Town, 1))
            }
        }
        "phường" | "xã" => Some((Prefix::Ward, 1)),
        _ => None,
    };
    // "TP" / "TX" are written in capitals; word prefixes must be lower case inside a sentence
    match r {
        Some((_, _)) if matches!(l, "tp" | "tp." | "tx") => r,
        Some(_) if lower_case_written => r,
        _ => None,
    }
}

fn is_sentence_start(toks: &[Tok], i: usize) -> bool {
    i == 0
        || matches!(
            toks[i - 1].text.as_str(),
            "." | ":" | "(" | "\"" | "“" | "-" | "–"
        )
}

/// Per-sentence context shared by the finders.
struct Sent<'a> {
    toks: Vec<Tok>,
    /// token index by start char / end char
    gaz: &'a Gazetteers,
    places: Vec<(usize, usize, Vec<Entry>)>,
    districts: Vec<(usize, usize, Vec<Entry>)>,
    bodies: Vec<(usize, usize, Vec<Entry>)>,
    titles: Vec<(usize, usize, Vec<Entry>)>,
    indices: Vec<(usize, usize, Vec<Entry>)>,
}

/// Convert char-range hits to token ranges (hits that do not align with tokens are dropped).
fn hits_to_tokens(
    toks: &[Tok],
    hits: &[Hit],
    start: usize,
    end: usize,
) -> Vec<(usize, usize, Vec<Entry>)> {
    let mut out = Vec::new();
    // `hits` are sorted by start (`AllHits::new`): only the sentence's run is read
    let first = hits.partition_point(|h| h.start < start);
    let run: Vec<&Hit> = hits[first..].iter().take_while(|h| h.start < end).collect();
    crate::work_meter::add(run.len() + 1);
    for h in run.into_iter().filter(|h| h.end <= end) {
        let Some(ts) = toks.iter().position(|t| t.start == h.start) else {
            continue;
        };
        let Some(te) = toks.iter().position(|t| t.end == h.end) else {
            continue;
        };
        if te >= ts {
            out.push((ts, te + 1, h.entries.clone()));
        }
    }
    out
}

/// Capitalization of a matched name: every word starts upper case (as names are written), or
/// the whole sentence is upper case (a headline).
fn written_as_name(toks: &[Tok], s: usize, e: usize) -> bool {
    toks[s..e]
        .iter()
        .filter(|t| !t.is_punct())
        .all(|t| t.starts_upper() || t.is_number())
}

fn at(v: &[(usize, usize, Vec<Entry>)], i: usize) -> Option<&(usize, usize, Vec<Entry>)> {
    v.iter().find(|h| h.0 == i)
}

impl Sent<'_> {
    /// A place name (province, region, country…) written as a name starting at token i.
    fn place_at(&self, i: usize) -> Option<(usize, &[Entry])> {
        let h = at(&self.places, i)?;
        // a bare "Hồ Chí Minh" is usually the President; the city needs "TP"/"thành phố"
        let prefixed = i > 0 && admin_prefix(&self.toks, i - 1).is_some()
            || i > 1 && admin_prefix(&self.toks, i - 2).is_some_and(|p| p.1 == 2);
        if !prefixed
            && self.toks[h.0..h.1]
                .iter()
                .map(|t| t.lower.as_str())
                .collect::<Vec<_>>()
                == ["hồ", "chí", "minh"]
        {
            return None;
        }
        if written_as_name(&self.toks, h.0, h.1)
            || h.2.iter().any(|e| matches!(e, Entry::Region(_)))
        {
            Some((h.1, &h.2))
        } else {
            None
        }
    }

    fn district_at(&self, i: usize) -> Option<(usize, &[Entry])> {
        let h = at(&self.districts, i)?;
        written_as_name(&self.toks, h.0, h.1).then_some((h.1, &h.2[..]))
    }

    /// A run of capitalized words (1..=max) starting at i, for names not in a gazetteer.
    fn cap_run(&self, i: usize, max: usize) -> usize {
        let mut j = i;
        while j < self.toks.len()
            && j - i < max
            && (self.toks[j].is_cap_word() || self.toks[j].is_number())
        {
            j += 1;
        }
        j
    }

    /// The name of a district or commune not in a gazetteer: up to three capitalized words,
    /// but a person's name written right after it ("Chủ tịch UBND phường Phú An Trần Văn B")
    /// is not part of it: when the capitalized run goes on past the unit name and a family
    /// name starts a 3, 2 or 4 word tail (tried in that order), the unit ends before it. A unit named after
    /// a person ("xã Lê Lợi") keeps its name: the family name must not start the run.
    fn unit_name_end(&self, j: usize) -> usize {
        let run = self.cap_run(j, 7);
        let short = self.cap_run(j, 3);
        if run == short {
            return short;
        }
        // the usual three-word name first, then two, then four ("Văn", "An" are family names
        // too, so the longest or shortest tail alone would cut in the wrong place)
        [3, 2, 4]
            .into_iter()
            .filter(|&len| run >= j + 1 + len)
            .map(|len| run - len)
            .find(|&k| self.gaz.surnames.contains(&self.toks[k].lower))
            .unwrap_or(short)
    }

    /// LOC with its admin prefix at token i: returns (end token, province canonical if known).
    fn prefixed_loc(&self, i: usize) -> Option<(usize, Option<String>)> {
        let (kind, n) = admin_prefix(&self.toks, i)?;
        let j = i + n;
        match kind {
            Prefix::Province | Prefix::City => {
                if let Some((e, entries)) = self.place_at(j) {
                    let prov = entries
                        .iter()
                        .find_map(|&en| self.gaz.province_name(en))
                        .map(str::to_string);
                    if prov.is_some() {
                        return Some((e, prov));
                    }
                }
                if kind == Prefix::City {
                    if let Some((e, entries)) = self.district_at(j) {
                        let prov = entries.iter().find_map(|en| match en {
                            Entry::District(k) => Some(self.gaz.districts[*k].province.clone()),
                            _ => None,
                        });
                        return Some((e, prov));
                    }
                }
                None
            }
            Prefix::District | Prefix::Town => {
                if let Some((e, entries)) = self.district_at(j) {
                    let prov = entries.iter().find_map(|en| match en {
                        Entry::District(k) => Some(self.gaz.districts[*k].province.clone()),
                        _ => None,
                    });
                    return Some((e, prov));
                }
                let e = self.unit_name_end(j);
                (e > j).then_some((e, None))
            }
            Prefix::Ward => {
                let e = self.unit_name_end(j);
                (e > j).then_some((e, None))
            }
        }
    }
}

/// Words before a body or title that make it plural or generic.
fn is_plural_marker(t: &Tok) -> bool {
    matches!(
        t.lower.as_str(),
        "các" | "những" | "mọi" | "từng" | "nhiều" | "một" | "số" | "hình"
    )
}

/// Honorifics before a person's name (not part of the PER span).
fn is_honorific(t: &Tok) -> bool {
    matches!(
        t.lower.as_str(),
        "ông"
            | "bà"
            | "anh"
            | "chị"
            | "đồng"
            | "đ/c"
            | "cô"
            | "thầy"
            | "ts"
            | "ths"
            | "pgs"
            | "gs"
            | "bs"
            | "ls"
            | "ks"
    )
}

/// Common capitalized words that never start a person's name.
fn not_a_name_word(t: &Tok) -> bool {
    matches!(
        t.lower.as_str(),
        "tại"
            | "trong"
            | "theo"
            | "về"
            | "cùng"
            | "với"
            | "và"
            | "đã"
            | "đang"
            | "sẽ"
            | "cho"
            | "khi"
            | "sau"
            | "trước"
            | "ảnh"
            | "nguồn"
            | "báo"
            | "nhà"
            | "nước"
            | "đảng"
            | "chính"
            | "phủ"
            | "ủy"
            | "ban"
            | "sở"
            | "bộ"
            | "tỉnh"
            | "huyện"
            | "thành"
            | "phố"
            | "xã"
            | "phường"
            | "hội"
            | "nghị"
            | "đoàn"
            | "ngày"
            | "năm"
            | "tháng"
            | "quý"
            | "chỉ"
            | "số"
            | "việt"
            | "nam"
            | "thường"
            | "trực"
            | "phó"
            | "chủ"
            | "tịch"
            | "giám"
            | "đốc"
            | "kế"
            | "hoạch"
            | "quyết"
            | "định"
            | "trung"
            | "ương"
            | "văn"
            | "phòng"
            | "bí"
            | "thư"
            | "trưởng"
            | "tổng"
            | "công"
            | "ty"
            | "tập"
            | "ngân"
            | "hàng"
            | "trường"
            | "bệnh"
            | "viện"
            | "khu"
            | "cục"
            | "vụ"
            | "tâm"
            | "câu"
            | "lạc"
            | "dự"
            | "án"
            | "chương"
            | "trình"
            | "đề"
            | "luật"
            | "thông"
            | "tư"
    )
}

/// A person's name of 1–4 capitalized syllables starting at i (an ALL-CAPS name is accepted
/// when `allow_caps`). Returns the end token.
fn name_run(toks: &[Tok], i: usize, min: usize, allow_caps: bool) -> Option<usize> {
    let mut j = i;
    while j < toks.len() && j - i < 4 {
        let t = &toks[j];
        let len = t.text.chars().count();
        // a one-letter syllable only after the first ("Nguyễn Thị Nữ Ô", "Nguyễn Văn A")
        let ok = (t.is_cap_word()
            || (allow_caps && t.is_upper_word())
            || (len == 1 && j > i && t.starts_upper()))
            && len <= 7
            && (len >= 2 || j > i);
        // "Đoàn" is both a body word ("Đoàn kiểm tra") and a common family name: a name when
        // another capitalized syllable follows ("Đoàn Văn Minh")
        let surname_body_word =
            t.lower == "đoàn" && toks.get(j + 1).is_some_and(|n| n.is_cap_word());
        if !ok || (j == i && not_a_name_word(t) && !surname_body_word) {
            break;
        }
        j += 1;
    }
    // a fifth capitalized word means this is not a plain name (a title, a headline…)
    if j < toks.len() && j - i == 4 && toks[j].is_cap_word() {
        return None;
    }
    (j - i >= min).then_some(j)
}

/// All name-shaped candidates of one sentence `[start, end)` (normalized chars).
pub fn find_in_sentence(
    a: &Analysis,
    gaz: &Gazetteers,
    hits: &AllHits,
    start: usize,
    end: usize,
    out: &mut Vec<Cand>,
) {
    let toks = tokenize(&a.norm, start, end);
    if toks.is_empty() {
        return;
    }
    let s = Sent {
        gaz,
        places: hits_to_tokens(&toks, &hits.places, start, end),
        districts: hits_to_tokens(&toks, &hits.districts, start, end),
        bodies: hits_to_tokens(&toks, &hits.bodies, start, end),
        titles: hits_to_tokens(&toks, &hits.titles, start, end),
        indices: hits_to_tokens(&toks, &hits.indices, start, end),
        toks,
    };
    let toks = &s.toks;
    let n = toks.len();
    let span = |ts: usize, te: usize| (toks[ts].start, toks[te - 1].end);
    let mut push = |ts: usize, te: usize, label: Label, score: f32, norm: Option<Norm>| {
        let (cs, ce) = span(ts, te);
        out.push(Cand {
            start: cs,
            end: ce,
            label,
            score,
            norm,
        });
    };

    // ---- LOC ----
    let mut loc_end_at = vec![None; n]; // token i starts a LOC ending at …
    for i in 0..n {
        if let Some((e, prov)) = s.prefixed_loc(i) {
            let district_level = matches!(
                admin_prefix(toks, i),
                Some((Prefix::District | Prefix::Town | Prefix::Ward, _))
            ) || (matches!(admin_prefix(toks, i), Some((Prefix::City, _)))
                && s.place_at(i + admin_prefix(toks, i).map_or(1, |p| p.1))
                    .is_none());
            let unit = || {
                toks[i..e]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let norm = match (prov, district_level) {
                (p, true) => Some(Norm::Loc(LocNorm::Unit {
                    unit: unit(),
                    province: p,
                })),
                (Some(p), false) => Some(Norm::province_loc(p)),
                (None, false) => None,
            };
            push(i, e, Label::Loc, 0.9, norm);
            loc_end_at[i] = Some(e);
            continue;
        }
        if let Some((e, entries)) = s.place_at(i) {
            // regions: "vùng"/"khu vực" stay out; the name itself is the LOC
            let norm = entries
                .iter()
                .find_map(|&en| gaz.province_name(en).map(str::to_string))
                .map(Norm::province_loc)
                .or_else(|| {
                    entries.iter().find_map(|en| match en {
                        Entry::Region(k) => Some(Norm::Loc(LocNorm::Region {
                            region: gaz.regions[*k].canonical.clone(),
                        })),
                        Entry::Country(k) => Some(Norm::Loc(LocNorm::Country {
                            country: gaz.countries[*k][0].clone(),
                        })),
                        _ => None,
                    })
                });
            push(i, e, Label::Loc, 0.85, norm);
            loc_end_at[i] = Some(e);
        }
    }

    // ---- elliptical place lists: "huyện Quỳnh Lưu, Nghi Lộc và Nam Đàn", "gồm Quỳnh Lưu, …, TX
    // Thái Hòa": bare district names in a list with a prefixed one are LOC too ----
    {
        let mut items: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, established)
        let mut i = 0;
        while i < n {
            if let Some(e) = loc_end_at[i] {
                items.push((i, e, true));
                i = e;
            } else if let Some((e, _)) = s.district_at(i) {
                items.push((i, e, false));
                i = e;
            } else {
                i += 1;
            }
        }
        let linked = |a: &(usize, usize, bool), b: &(usize, usize, bool)| {
            b.0 == a.1 + 1 && matches!(toks[a.1].lower.as_str(), "," | "và" | ";")
        };
        let mut k = 0;
        while k < items.len() {
            let mut e = k;
            while e + 1 < items.len() && linked(&items[e], &items[e + 1]) {
                e += 1;
            }
            let group = &items[k..=e];
            let introduced =
                items[k].0 > 0 && matches!(toks[items[k].0 - 1].lower.as_str(), "gồm" | "là" | ":");
            if group.len() >= 2 && (group.iter().any(|g| g.2) || introduced) {
                for g in group.iter().filter(|g| !g.2) {
                    push(g.0, g.1, Label::Loc, 0.75, None);
                }
            }
            k = e + 1;
        }
    }

    // ---- web sites named as sources: "Baonghean.vn", "nghean.gov.vn" ----
    for (i, t) in toks.iter().enumerate() {
        if is_site_name(&t.text) {
            push(i, i + 1, Label::Org, 0.8, None);
        }
    }

    // ---- ORG ----
    let org_at = |i: usize| -> Option<(usize, Option<String>)> { org_from(&s, i, 0) };
    let mut org_end_at = vec![None; n];
    for i in 0..n {
        if let Some((e, prov)) = org_at(i) {
            if i > 0 && is_plural_marker(&toks[i - 1]) {
                continue;
            }
            // words that end a title that absorbs no body are the title's, the body starts
            // after it ("Phó Bí thư Thường trực | Tỉnh ủy X", not ORG "Thường trực Tỉnh ủy X"),
            // when a capitalized word starts the rest; a title that absorbs its body ("Trưởng
            // Đoàn đại biểu …") keeps the ORG that starts inside it
            let qualifier_title = s.titles.iter().find(|h| {
                h.0 < i
                    && i < h.1
                    && h.2.iter().any(
                        |e| matches!(e, Entry::Title(k) if gaz.titles[*k].absorbs_body.is_empty()),
                    )
            });
            if let Some(h) = qualifier_title {
                if h.1 < e && toks[h.1].starts_upper() && org_end_at[h.1].is_none() {
                    push(h.1, e, Label::Org, 0.85, prov.map(Norm::org));
                    org_end_at[h.1] = Some(e);
                }
                continue;
            }
            push(i, e, Label::Org, 0.85, prov.map(Norm::org));
            org_end_at[i] = Some(e);
        }
    }

    // ---- INDEX ----
    for h in &s.indices {
        push(
            h.0,
            h.1,
            Label::Index,
            0.95,
            h.2.iter().find_map(|e| match e {
                Entry::Index(k) => Some(Norm::Name(gaz.indices[*k].canonical.clone())),
                _ => None,
            }),
        );
    }

    // ---- ROLE and PER ----
    let mut i = 0;
    while i < n {
        let Some(h) = at(&s.titles, i) else {
            i += 1;
            continue;
        };
        let (ts, te) = (h.0, h.1);
        let title = h.2.iter().find_map(|e| match e {
            Entry::Title(k) => Some(&gaz.titles[*k]),
            _ => None,
        });
        let plural = ts > 0 && is_plural_marker(&toks[ts - 1]);
        // the title is written capitalized, or in lower case after a comma/name (apposition)
        let capitalized = toks[ts].starts_upper();
        // optional "Thường trực" etc. are in the gazetteer as longer titles already
        // body after the title: an ORG, possibly several joined by "kiêm"
        let mut j = te;
        let mut has_body = false;
        if let Some(e) = org_end_at.get(j).copied().flatten() {
            j = e;
            has_body = true;
        } else if let Some(e) = loc_end_at.get(j).copied().flatten() {
            // "Chủ tịch tỉnh Nguyễn Văn A" — rare, treat the place as the body's location
            j = e;
            has_body = true;
        } else if title.is_some_and(|t| !t.absorbs_body.is_empty())
            && toks.get(j).is_some_and(|t| t.text == "Trung")
            && toks.get(j + 1).is_some_and(|t| t.lower == "ương")
        {
            // "Trưởng Ban Tổ chức Trung ương Lê Văn A": the board of the Central Committee
            j += 2;
            has_body = true;
        }
        // name after the title (and body); when an unknown company or unit name stands
        // between ("Chủ tịch Habeco Trần Đình Thanh"), the name starts at its family name
        let mut name_end = name_run(toks, j, 1, false);
        if let Some(ne) = name_end {
            if ne - j >= 3 && !gaz.surnames.contains(&toks[j].lower) {
                match (j + 1..ne).find(|&k| gaz.surnames.contains(&toks[k].lower) && ne - k >= 2) {
                    Some(k) => j = k,
                    None => name_end = None,
                }
            }
        }
        let generic = title.is_some_and(|t| t.generic_flag());
        let specific = !plural && (has_body || name_end.is_some()) && !generic;
        let specific = specific || (!plural && !generic && preceded_by_name(toks, ts));
        if specific && (capitalized || has_body || name_end.is_some()) {
            push(
                ts,
                te,
                Label::Role,
                0.9,
                title.map(|t| Norm::Name(t.canonical.clone())),
            );
        }
        if let Some(ne) = name_end {
            // multi-syllable names are safe; a single syllable needs a body before it
            if ne - j >= 2 || has_body {
                push(j, ne, Label::Per, 0.8, None);
                // coordinated names: "… A và B", "A, B và C"
                let mut k = ne;
                while k + 1 < n && matches!(toks[k].lower.as_str(), "và" | ",") {
                    match name_run(toks, k + 1, 2, false) {
                        Some(e2) if plural || toks[k].lower == "và" => {
                            push(k + 1, e2, Label::Per, 0.75, None);
                            k = e2;
                        }
                        _ => break,
                    }
                }
            }
        }
        i = te.max(i + 1);
    }

    // honorific + name: "ông Nguyễn Văn A", "bà Ngô Thị B", "đồng chí Lê C"
    for i in 0..n {
        if !is_honorific(&toks[i]) {
            continue;
        }
        // a capitalized "Anh"/"Cô"… right after a name word is a syllable of that name
        // ("Trần Anh Minh"), not an honorific
        if i > 0 && toks[i].starts_upper() && toks[i - 1].is_cap_word() {
            continue;
        }
        let mut j = i + 1;
        if toks[i].lower == "đồng" {
            if toks.get(j).map(|t| t.lower.as_str()) != Some("chí") {
                continue;
            }
            j += 1;
        }
        if toks.get(j).is_some_and(|t| t.text == ".") {
            j += 1;
        }
        // "PGS.TS" chains
        while j + 1 < n && is_honorific(&toks[j]) && toks[j].starts_upper() {
            j += 1;
            if toks.get(j).is_some_and(|t| t.text == ".") {
                j += 1;
            }
        }
        if at(&s.places, j).is_some() || at(&s.bodies, j).is_some() {
            continue;
        }
        if let Some(e) = name_run(toks, j, 1, false) {
            // a title written right after the name without a comma ("ông Trần Văn A Chủ
            // tịch UBND huyện") is not part of the name
            let e = (j + 1..e)
                .find(|&k| at(&s.titles, k).is_some())
                .unwrap_or(e);
            push(j, e, Label::Per, 0.8, None);
        }
    }

    // items of a list of people with their titles: "có các đồng chí: Trần Văn A, Phó Bí thư
    // Tỉnh ủy; Lê Thị B, Giám đốc Sở …" — a name starting a list item (after ":" or ";", or at
    // the sentence start), beginning with a family name and followed by ", <title>"
    for i in 0..n {
        let opens_item = i == 0 || matches!(toks[i - 1].text.as_str(), ":" | ";");
        if !opens_item
            || is_honorific(&toks[i])
            || !gaz.surnames.contains(&toks[i].lower)
            || at(&s.places, i).is_some()
            || at(&s.bodies, i).is_some()
            || at(&s.titles, i).is_some()
        {
            continue;
        }
        let Some(e) = name_run(toks, i, 2, false) else {
            continue;
        };
        let title_follows = toks
            .get(e)
            .is_some_and(|t| matches!(t.text.as_str(), "," | "-" | "–"))
            && (at(&s.titles, e + 1).is_some()
                || (toks.get(e + 1).is_some_and(is_former_word) && at(&s.titles, e + 2).is_some()));
        if title_follows {
            push(i, e, Label::Per, 0.75, None);
        }
    }

    // photo credits and author cues: "Ảnh: Thanh Lê", "Tác giả: Hoa - Lan"
    for i in 0..n.saturating_sub(2) {
        if matches!(toks[i].lower.as_str(), "ảnh" | "giả" | "bài") && toks[i + 1].text == ":" {
            let mut j = i + 2;
            // agencies and stock sources are not people
            if matches!(
                toks[j].lower.as_str(),
                "reuters"
                    | "afp"
                    | "ap"
                    | "getty"
                    | "xinhua"
                    | "internet"
                    | "shutterstock"
                    | "bloomberg"
                    | "cnn"
                    | "bbc"
                    | "ttxvn"
                    | "tư"
                    | "minh"
                    | "nguồn"
            ) {
                continue;
            }
            while let Some(e) = name_run(toks, j, 1, true) {
                push(j, e, Label::Per, 0.7, None);
                if e + 1 < n
                    && (matches!(toks[e].text.as_str(), "-" | "–" | "," | "&")
                        || toks[e].lower == "và")
                {
                    j = e + 1;
                } else {
                    break;
                }
            }
        }
    }
}

/// "nguyên" / "cựu" before a title (a former post).
fn is_former_word(t: &Tok) -> bool {
    matches!(t.lower.as_str(), "nguyên" | "cựu")
}

fn preceded_by_name(toks: &[Tok], ts: usize) -> bool {
    // "ông Nguyễn Văn A, Giám đốc Sở …"
    ts >= 3 && toks[ts - 1].text == "," && toks[ts - 2].is_cap_word() && toks[ts - 3].is_cap_word()
}

/// ORG starting at token i; returns (end token, explicit province).
fn org_from(s: &Sent<'_>, i: usize, depth: usize) -> Option<(usize, Option<String>)> {
    if depth > 3 {
        return None;
    }
    let toks = &s.toks;
    let h = at(&s.bodies, i)?;
    if !toks[i].starts_upper() {
        return None;
    }
    let body = h.2.iter().find_map(|e| match e {
        Entry::Body(k) => Some(&s.gaz.bodies[*k]),
        _ => None,
    })?;
    let mut j = h.1;
    let mut province: Option<String> = None;
    let n = toks.len();
    // concepts, not bodies: "Chính phủ điện tử", "Chính phủ số", "Chính quyền số"
    if let (Some(a), b) = (toks.get(j), toks.get(j + 1)) {
        if a.lower == "số" && !b.is_some_and(|t| t.is_number())
            || (a.lower == "điện" && b.is_some_and(|t| t.lower == "tử"))
        {
            return None;
        }
    }
    // a generic head ("Sở", "Bộ", "Ban Chỉ đạo") needs its field: capitalized words after it
    if body.generic {
        let field_end = {
            let mut k = j;
            while k < n
                && (toks[k].is_cap_word()
                    || toks[k].is_upper_word()
                    || (toks[k].lower == "và"
                        && k > j
                        && toks.get(k + 1).is_some_and(|t| t.starts_upper())))
            {
                k += 1;
            }
            k
        };
        let place_follows = s.place_at(j).is_some() && body.takes_location;
        if field_end == j && !place_follows {
            return None;
        }
        // one capitalized field word followed by lower-case words is usually a longer name
        // written in sentence case ("Cục Hàng không", "Vụ Quy hoạch"): its end is unknown
        let continues_lower = toks.get(field_end).is_some_and(|t| {
            t.text.chars().next().is_some_and(|c| c.is_lowercase())
                && admin_prefix(toks, field_end).is_none()
                && t.lower != "của"
        });
        if field_end == j + 1 && continues_lower && !place_follows {
            return None;
        }
        if field_end > j && s.place_at(j).is_none() {
            j = field_end;
        }
    }
    // a bloc's party committee named for its members: "Đảng ủy Khối các cơ quan tỉnh", "Đảng
    // ủy khối các Cơ quan và Doanh nghiệp tỉnh", "Đảng ủy các cơ quan Đảng tỉnh"
    if body.kind == "party committee"
        && toks.get(j).is_some_and(|t| t.lower == "các")
        && toks.get(j + 1).is_some_and(|t| t.lower == "cơ")
    {
        let level = (j + 2..n.min(j + 10))
            .take_while(|&k| !toks[k].is_punct())
            .find(|&k| {
                toks[k].lower == "tỉnh"
                    || toks[k].lower == "thành"
                    || (toks[k].lower == "trung"
                        && toks.get(k + 1).is_some_and(|t| t.lower == "ương"))
            });
        if let Some(k) = level {
            if let Some((e, prov)) = s.prefixed_loc(k) {
                return Some((e, prov));
            }
            let e = if toks[k].lower == "tỉnh" {
                k + 1
            } else {
                k + 2
            };
            return Some((e.min(n), None));
        }
    }
    // generic / plural continuations: "UBND các cấp", "UBND cấp huyện", "UBND huyện, thị xã"
    if let Some(t) = toks.get(j) {
        if matches!(t.lower.as_str(), "các" | "cấp" | "những") {
            return None;
        }
    }
    // parent body: "Ban Tổ chức Tỉnh ủy", "Văn phòng UBND tỉnh", "Đảng ủy Khối …"
    if let Some((e, p)) = org_from(s, j, depth + 1) {
        if e > j {
            return Some((e, p));
        }
    }
    // a central unit: "Ban Tổ chức Trung ương", "Ban Nội chính TW" (the Central Committee's)
    if body.takes_body {
        let central = match (toks.get(j), toks.get(j + 1)) {
            (Some(a), Some(b)) if a.text == "Trung" && b.lower == "ương" => Some(j + 2),
            (Some(a), _) if matches!(a.text.as_str(), "TW" | "TƯ" | "T.Ư" | "T.W") => Some(j + 1),
            _ => None,
        };
        if let Some(e) = central {
            return Some((e, None));
        }
    }
    // a unit that belongs to a parent body needs it written ("BTV" alone, "Ban Tổ chức" of an
    // event): without it the mention is ambiguous
    if body.takes_body && !body.takes_location {
        return None;
    }
    // location: "tỉnh An Giang", "huyện An Phú", "An Giang", or a bare "tỉnh"/"huyện"
    if body.takes_location || body.kind == "department" || body.kind == "people's committee" {
        if let Some((e, prov)) = s.prefixed_loc(j) {
            return Some((
                possessive(s, e, &mut province).unwrap_or(e),
                prov.or(province),
            ));
        }
        if let Some((e, entries)) = s.place_at(j) {
            let prov = entries
                .iter()
                .find_map(|&en| s.gaz.province_name(en))
                .map(str::to_string);
            if prov.is_some() {
                return Some((e, prov));
            }
        }
        // a district's party committee with the district's bare name: "Huyện ủy Lý Sơn",
        // "Thành ủy Móng Cái" (not a person's name after the body)
        let district_committee = body.kind == "party committee"
            && (body.scope == "district" || body.canonical == "Thành ủy");
        if district_committee {
            if let Some((e, entries)) = s.district_at(j) {
                let mut provinces: Vec<&str> = entries
                    .iter()
                    .filter_map(|en| match en {
                        Entry::District(k) => Some(s.gaz.districts[*k].province.as_str()),
                        _ => None,
                    })
                    .collect();
                provinces.sort_unstable();
                provinces.dedup();
                let prov = match provinces.as_slice() {
                    [p] => Some(p.to_string()),
                    _ => None,
                };
                return Some((e, prov));
            }
        }
        if let Some((kind, k)) = admin_prefix(toks, j) {
            let after = toks.get(j + k);
            // elliptical plural "UBND huyện, thị xã, thành phố": not one body
            let elliptical = after.is_some_and(|t| t.text == ",")
                && toks
                    .get(j + k + 1)
                    .is_some_and(|t| admin_prefix(toks, j + k + 1).is_some() || t.lower == "thị");
            if elliptical {
                return None;
            }
            let _ = kind;
            j += k;
        }
    }
    if let Some(e) = possessive(s, j, &mut province) {
        j = e;
    }
    if j > n {
        return None;
    }
    Some((j, province))
}

/// "của tỉnh", "của tỉnh An Giang", "của Chính phủ", "của Hậu Giang" right after a body.
fn possessive(s: &Sent<'_>, j: usize, province: &mut Option<String>) -> Option<usize> {
    let toks = &s.toks;
    if toks.get(j)?.lower != "của" {
        return None;
    }
    let k = j + 1;
    if let Some((e, prov)) = s.prefixed_loc(k) {
        *province = prov;
        return Some(e);
    }
    if let Some((e, entries)) = s.place_at(k) {
        *province = entries
            .iter()
            .find_map(|&en| s.gaz.province_name(en))
            .map(str::to_string);
        return Some(e);
    }
    if let Some((kind, n)) = admin_prefix(toks, k) {
        if matches!(kind, Prefix::Province | Prefix::City)
            && !toks.get(k + n).is_some_and(|t| t.is_cap_word())
        {
            return Some(k + n);
        }
    }
    if let Some(h) = at(&s.bodies, k) {
        let national =
            h.2.iter()
                .any(|e| matches!(e, Entry::Body(b) if s.gaz.bodies[*b].scope == "national"));
        if national && toks[k].starts_upper() {
            return Some(h.1);
        }
    }
    None
}

/// Dictionary hits over the whole document, computed once per document.
/// Gazetteer hits of a whole text, each list sorted by start.
pub struct AllHits {
    pub places: Vec<Hit>,
    pub districts: Vec<Hit>,
    pub bodies: Vec<Hit>,
    pub titles: Vec<Hit>,
    pub indices: Vec<Hit>,
}

impl AllHits {
    pub fn new(a: &Analysis, gaz: &Gazetteers) -> AllHits {
        let v = &a.norm.lower;
        let sorted = |mut hits: Vec<Hit>| {
            hits.sort_by_key(|h| h.start);
            hits
        };
        AllHits {
            places: sorted(gaz.places.find(v)),
            districts: sorted(gaz.district_names.find(v)),
            bodies: sorted(gaz.body_heads.find(v)),
            titles: sorted(crate::rules::gazetteer::find_titles(&gaz.title_names, v)),
            indices: sorted(gaz.index_names.find(v)),
        }
    }
}

/// A web site name written in the text ("Baonghean.vn", "chinhphu.vn", "angiang.gov.vn").
fn is_site_name(t: &str) -> bool {
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && matches!(
            parts[parts.len() - 1].to_ascii_lowercase().as_str(),
            "vn" | "com" | "net" | "org" | "info"
        )
        && parts[0].chars().any(|c| c.is_ascii_alphabetic())
        && parts[0].len() >= 3
        && !parts[0].eq_ignore_ascii_case("www")
}
