//! Index mentions, units and year markers of a sentence (part of `scan`).
//!
//! - index mentions: INDEX entities, and the satisfaction survey named in words only;
//! - units: LOC/ORG entities that are a province, a district, a department, a ministry or a
//!   region; not the place of an event ("tại Hà Nội"), a dateline, a body in someone's title or
//!   the source of a statement ("Theo Sở Nội vụ");
//! - years: "năm 2021" (also "năm 2019 và 2020"), a year written after an index name, each
//!   marked as measured or comparison ("so với năm 2020"); dates, periods and bounds ("từ năm
//!   2009", "đến năm 2025") are no markers.
//!
//! It does not read values.

use regex::Regex;
use std::sync::OnceLock;

use super::super::province::entity_province;
use super::super::{Ctx, SentenceView};
use super::scan::{re, Item, Kind, Scope, Sent, Subject, YearRole};
use crate::document::{Entity, Label, LocNorm, Norm};

/// The index mentions of a sentence: INDEX entities, and the satisfaction survey named only in
/// words ("sự hài lòng của người dân … đối với sự phục vụ của cơ quan hành chính nhà nước",
/// "Chỉ số hài lòng").
pub(super) fn indices(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static SIPAS_WORDS: OnceLock<Regex> = OnceLock::new();
    for &i in &sv.ents {
        let e = &ctx.entities[i];
        if e.label != Label::Index {
            continue;
        }
        let name = e
            .norm
            .as_ref()
            .and_then(|v| v.name())
            .unwrap_or(&e.text)
            .to_string();
        out.push(Item {
            start: e.start,
            end: e.end,
            kind: Kind::Index { name, ent: Some(i) },
            prior: false,
            paren: None,
        });
    }
    let sipas = re(
        &SIPAS_WORDS,
        r"(?i)\bhài lòng của người dân(?:,? tổ chức)? đối với sự phục vụ của (?:các )?cơ quan hành chính|\bChỉ số hài lòng\b",
    );
    for m in sipas.find_iter(s.text) {
        let (a, b) = (s.pos(m.start()), s.pos(m.end()));
        let covered = out.iter().any(|it| {
            matches!(&it.kind, Kind::Index { name, .. } if name == "SIPAS")
                && it.start <= b + 12
                && it.end + 12 >= a
        });
        if !covered {
            out.push(Item {
                start: a,
                end: b,
                kind: Kind::Index {
                    name: "SIPAS".into(),
                    ent: None,
                },
                prior: false,
                paren: None,
            });
        }
    }
}

pub(super) fn year_markers(s: &Sent<'_>, idx: &[Item], out: &mut Vec<Item>) {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    static COMPARE: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let year = re(
        &YEAR,
        r"(?i)\b(?:năm|so với|so)\s+((?:19|20)\d{2})((?:\s*(?:,|và)\s*(?:19|20)\d{2}\b)*)",
    );
    let compare = re(
        &COMPARE,
        r"(so với|so sánh với|so sánh|so năm|so cùng kỳ|\bso\s*$|(?i:(?:^|\s)so\s+(?:bảng|kết quả|xếp hạng|thứ hạng|chỉ số))|(?:^|[^u]\s)như\b)",
    );
    for c in year.captures_iter(s.text) {
        let (Some(g), Some(y)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let start = s.pos(g.start());
        let end = s.pos(g.end());
        let head = s.lower(start, s.pos(y.start()));
        let bare_compare = !head.starts_with("năm");
        let before = s.before(start, 50);
        let trimmed = before.trim_end();
        // part of a date or a period, or a bound ("từ năm 2009", "đến hết năm 2025")
        static NOT_MARKER: OnceLock<Regex> = OnceLock::new();
        let not_marker = re(
            &NOT_MARKER,
            r"(?:tháng\s*\d{0,2}(?:\s+(?:đầu|cuối))?|\b(?:từ|kể từ|đến|tới|hết|trước|sau|cuối|đầu|giữa|khởi xướng từ|công bố|công bố vào))$",
        );
        // "Tới năm 2020, Lâm Đồng đạt …": a sentence opened by "đến/tới năm X," sets the time
        // of a fact; unless it states a goal ("Đến năm 2025, phấn đấu …")
        let opens_sentence = {
            let t = trimmed.to_lowercase();
            let lead = t
                .strip_suffix("đến")
                .or_else(|| t.strip_suffix("tới"))
                .map(|r| r.trim_end_matches(|c: char| c.is_whitespace() || c == '('));
            lead.is_some_and(|r| r.is_empty() || r.ends_with(['.', ';']))
                && s.after(end, 2).trim_start().starts_with(',')
                && {
                    let rest = s.lower(end, s.end());
                    ![
                        "phấn đấu",
                        "mục tiêu",
                        "đặt ra",
                        "đề ra",
                        "hướng tới",
                        "kế hoạch",
                        "sẽ ",
                        "cần ",
                    ]
                    .iter()
                    .any(|w| rest.contains(w))
                }
        };
        if not_marker.is_match(trimmed) && !opens_sentence {
            continue;
        }
        if s.after(end, 3).trim_start().starts_with(['-', '–']) {
            continue; // "năm 2021-2022": a period
        }
        // the phrase before the year, back to the last comma or bracket
        let phrase = trimmed
            .rsplit([',', ';', '(', ')', ':'])
            .next()
            .unwrap_or("")
            .to_string();
        let role = if bare_compare || compare.is_match(&phrase) {
            YearRole::Comparison
        } else {
            YearRole::Measured
        };
        let mut years = vec![y.as_str().parse().unwrap_or(0)];
        if let Some(more) = c.get(2) {
            years.extend(
                more.as_str()
                    .split(|ch: char| !ch.is_ascii_digit())
                    .filter_map(|d| d.parse::<u32>().ok()),
            );
        }
        out.push(Item {
            start,
            end,
            kind: Kind::Year {
                years,
                role,
                attached: false,
            },
            prior: false,
            paren: None,
        });
    }
    // a year written right after an index name: "PAR INDEX 2021", "(SIPAS 2021)",
    // "Chỉ số PCI năm 2019", "Chỉ số xanh cấp tỉnh PGI 2024", or after its bracketed gloss:
    // "Chỉ số Chuyển đổi số (Digital Transformation Index-DTI) năm 2024"
    let bare = re(
        &BARE,
        r"^\s*(?:\([^()\d]{1,60}\)\s*)?\)?\s*(?:cấp tỉnh\s+|tổng hợp\s+)?(?:năm\s+)?((?:19|20)\d{2})\b",
    );
    for it in idx {
        let b = s.byte(it.end);
        let Some(c) = bare.captures(&s.text[b..]) else {
            continue;
        };
        let (Some(g), Some(y)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let (start, end) = (s.pos(b + y.start()), s.pos(b + g.end()));
        if s.after(end, 3).trim_start().starts_with(['-', '–']) {
            continue;
        }
        let year: u32 = y.as_str().parse().unwrap_or(0);
        let phrase = s.before(it.start, 50);
        let phrase = phrase.rsplit([',', ';', '(', ':']).next().unwrap_or("");
        let role = if compare.is_match(phrase) {
            YearRole::Comparison
        } else {
            YearRole::Measured
        };
        // the same year may already be a "năm 2021" marker: mark it attached instead
        if let Some(m) = out.iter_mut().find(|m| {
            matches!(m.kind, Kind::Year { .. })
                && m.start <= start
                && start < m.end.max(m.start + 1)
                || matches!(m.kind, Kind::Year { .. }) && m.end == end
        }) {
            if let Kind::Year { attached, .. } = &mut m.kind {
                *attached = true;
            }
            continue;
        }
        out.push(Item {
            start,
            end,
            kind: Kind::Year {
                years: vec![year],
                role,
                attached: true,
            },
            prior: false,
            paren: None,
        });
    }
}

/// "tại X" names where an event happened: after an event word or a date.
fn event_place(s: &Sent<'_>, start: usize) -> bool {
    let b = s.before(start, 40);
    let b = b.trim_end().trim_end_matches("tại").trim_end();
    b.chars().any(|c| c.is_ascii_digit())
        || [
            "diễn ra",
            "tổ chức",
            "hội nghị",
            "họp",
            "lễ",
            "công bố",
            "sự kiện",
            "chương trình",
            "sáng",
            "chiều",
            "tối",
            "hôm",
            "ngày",
        ]
        .iter()
        .any(|w| b.contains(w))
}

/// Scope of an ORG entity from its head word.
fn org_scope(text: &str, has_province: bool) -> Option<Scope> {
    let t = text.to_lowercase();
    let starts = |ws: &[&str]| ws.iter().any(|w| t.starts_with(w));
    if starts(&[
        "ubnd huyện",
        "ubnd quận",
        "ubnd thị xã",
        "ubnd xã",
        "ubnd phường",
        "ủy ban nhân dân huyện",
        "ủy ban nhân dân quận",
        "ủy ban nhân dân thị xã",
    ]) {
        return Some(Scope::District);
    }
    if starts(&[
        "sở ",
        "văn phòng ubnd",
        "văn phòng ủy ban",
        "văn phòng hđnd",
        "công an tỉnh",
        "công an thành phố",
        "ban quản lý",
        "cục ",
        "chi cục",
        "thanh tra tỉnh",
        "bảo hiểm xã hội tỉnh",
    ]) {
        return Some(Scope::Department);
    }
    if starts(&[
        "bộ ",
        "ngân hàng nhà nước",
        "văn phòng chính phủ",
        "thanh tra chính phủ",
        "ủy ban dân tộc",
    ]) {
        return Some(Scope::Ministry);
    }
    if has_province
        && starts(&[
            "ubnd tỉnh",
            "ubnd thành phố",
            "ubnd tp",
            "ủy ban nhân dân tỉnh",
            "ủy ban nhân dân thành phố",
            "tỉnh ủy",
            "thành ủy",
            "hđnd tỉnh",
            // a place the NER tagged as an organization ("Tỉnh Quảng Ninh")
            "tỉnh ",
            "thành phố ",
            "tp",
        ])
    {
        return Some(Scope::Province);
    }
    None
}

pub(super) fn subjects(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static NATIONAL: OnceLock<Regex> = OnceLock::new();
    for &i in &sv.ents {
        let e: &Entity = &ctx.entities[i];
        let before = s.before(e.start, 12);
        let before = before.trim_end();
        let subject = match e.label {
            Label::Loc => {
                // where an event took place ("diễn ra sáng 21/10 tại Hà Nội", "Sáng 9-5, tại Hà
                // Nội, …"), or a news dateline, is not what is ranked; "Tại tỉnh X, chỉ số …" is
                if before.ends_with("điểm cầu")
                    || before.ends_with("tại") && event_place(s, e.start)
                {
                    continue;
                }
                let dateline = s.after(e.end, 3).trim_start().starts_with('(')
                    && s.lower(s.base, e.start).trim().is_empty();
                if dateline {
                    continue;
                }
                let named = match &e.norm {
                    Some(Norm::Loc(LocNorm::Province(p))) => Some(p.clone()),
                    _ => None,
                };
                // a province the entity layer left without a value ("TP.Hải Phòng")
                let named = named.or_else(|| match e.norm {
                    None => province_by_text(ctx, &e.text),
                    Some(_) => None,
                });
                match e.norm.as_ref() {
                    _ if named.is_some() => Subject {
                        scope: Scope::Province,
                        province: named,
                        region: None,
                        ent: Some(i),
                        city_form: city_form(&e.text),
                    },
                    Some(Norm::Loc(LocNorm::Region { region })) => Subject {
                        scope: Scope::Region,
                        province: None,
                        region: Some(region.clone()),
                        ent: Some(i),
                        city_form: false,
                    },
                    Some(Norm::Loc(LocNorm::Unit { .. })) => Subject {
                        scope: Scope::District,
                        province: entity_province(e),
                        region: None,
                        ent: Some(i),
                        city_form: false,
                    },
                    _ => continue,
                }
            }
            Label::Org => {
                // part of someone's title ("Phó Giám đốc Sở Nội vụ Trương Long Hồ") or the
                // source of a statement ("Theo Sở Nội vụ, …"): not what is ranked
                let titled = sv.ents.iter().any(|&k| {
                    let o = &ctx.entities[k];
                    (o.label == Label::Role && o.end <= e.start && e.start - o.end <= 1)
                        || (o.label == Label::Per && o.start >= e.end && o.start - e.end <= 2)
                });
                let province = entity_province(e).or_else(|| province_by_text(ctx, &e.text));
                let Some(scope) = org_scope(&e.text, province.is_some()) else {
                    continue;
                };
                if (titled || before.ends_with("theo")) && scope != Scope::Province {
                    continue;
                }
                // "UBND TP. Buôn Ma Thuột": a city that is not the province itself
                let scope = match (scope, &province) {
                    (Scope::Province, Some(p)) if city_form(&e.text) => {
                        let rest = e.text.split_once(' ').map(|x| x.1).unwrap_or("");
                        if ctx.rules.gaz.province_by_name(rest) == Some(p.as_str()) {
                            Scope::Province
                        } else {
                            Scope::District
                        }
                    }
                    _ => scope,
                };
                // the body that publishes the ranking is not ranked ("Bộ Nội vụ công bố")
                let next = s.after(e.end, 16);
                if scope == Scope::Ministry
                    && [
                        "công bố",
                        "tổ chức",
                        "cho biết",
                        "ban hành",
                        "đã",
                        "vừa",
                        "phê duyệt",
                    ]
                    .iter()
                    .any(|w| next.trim_start().starts_with(w))
                {
                    continue;
                }
                Subject {
                    scope,
                    province,
                    region: None,
                    ent: Some(i),
                    city_form: city_form(&e.text),
                }
            }
            _ => continue,
        };
        out.push(Item {
            start: e.start,
            end: e.end,
            kind: Kind::Subject(subject),
            prior: false,
            paren: None,
        });
    }
    // "ở cấp quốc gia, chỉ số DTI năm 2024 đạt 0,7955", "DTI quốc gia": the country's own
    // index, not a province's
    static COUNTRY_LEVEL: OnceLock<Regex> = OnceLock::new();
    let country_level = re(&COUNTRY_LEVEL, r"(?i)\b(?:ở|tại|đối với)?\s*cấp quốc gia\b");
    let country_index = |at: usize| {
        out.iter().any(|it| {
            matches!(it.kind, Kind::Index { .. })
                && it.end <= at
                && s.lower(it.end, at).trim().is_empty()
        })
    };
    static OF_COUNTRY: OnceLock<Regex> = OnceLock::new();
    let of_country = re(&OF_COUNTRY, r"(?i)\bquốc gia\b");
    let spans: Vec<(usize, usize)> = country_level
        .find_iter(s.text)
        .map(|m| (s.pos(m.start()), s.pos(m.end())))
        .chain(
            of_country
                .find_iter(s.text)
                .map(|m| (s.pos(m.start()), s.pos(m.end())))
                .filter(|&(a, _)| country_index(a)),
        )
        .collect();
    for (start, end) in spans {
        if out.iter().any(|it| it.start < end && start < it.end) {
            continue;
        }
        out.push(national_subject(start, end));
    }
    // "Chỉ số X năm 2019 của toàn quốc": the country as a whole
    let national = re(
        &NATIONAL,
        r"(?i)\b(?:của|chung trong|chung của)\s+(?:cả nước|toàn quốc)\b",
    );
    for m in national.find_iter(s.text) {
        let at = s.pos(m.start());
        let after_index = out.iter().any(|it| {
            matches!(it.kind, Kind::Index { .. })
                && it.end <= at
                && at - it.end <= 12
                && s.lower(it.end, at)
                    .trim()
                    .trim_start_matches("năm")
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit())
        });
        if !after_index {
            continue;
        }
        out.push(national_subject(s.pos(m.start()), s.pos(m.end())));
    }
}

/// "thành phố X", "TP. X", "UBND TP X".
fn city_form(text: &str) -> bool {
    let t = text.to_lowercase();
    let t = t
        .trim_start_matches("ubnd ")
        .trim_start_matches("ủy ban nhân dân ");
    t.starts_with("thành phố") || t.starts_with("tp")
}

/// The province a LOC/ORG names in its text when the entity carries no value ("TP.Hải Phòng",
/// "Tỉnh Quảng Ninh", "Thủ đô Hà Nội"); districts and communes never ("huyện Quảng Ninh").
fn province_by_text(ctx: &Ctx<'_>, text: &str) -> Option<String> {
    let t = text.to_lowercase();
    // the capital named with its epithet; only a province name may follow it
    if t.starts_with("thủ đô ") {
        let rest: String = text.chars().skip("thủ đô ".chars().count()).collect();
        return ctx.rules.gaz.province_by_name(&rest).map(str::to_string);
    }
    let t = t
        .trim_start_matches("ubnd ")
        .trim_start_matches("ủy ban nhân dân ");
    let lower_unit = [
        "huyện",
        "quận",
        "thị xã",
        "xã",
        "phường",
        "thị trấn",
        "h.",
        "tx",
    ]
    .iter()
    .any(|w| t.starts_with(w));
    if lower_unit || !(t.starts_with("tỉnh") || t.starts_with("thành phố") || t.starts_with("tp"))
    {
        return None;
    }
    let rest = text
        .strip_prefix("UBND ")
        .or_else(|| text.strip_prefix("Ủy ban nhân dân "))
        .unwrap_or(text);
    ctx.rules.gaz.province_by_name(rest).map(str::to_string)
}

/// The country as a whole, written over chars `start..end`.
fn national_subject(start: usize, end: usize) -> Item {
    Item {
        start,
        end,
        kind: Kind::Subject(Subject {
            scope: Scope::National,
            province: None,
            region: None,
            ent: None,
            city_form: false,
        }),
        prior: false,
        paren: None,
    }
}
