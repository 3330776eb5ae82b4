//! Reading one sentence into the typed pieces an index result is built from.
//!
//! Turns the entities and words of a sentence into [`Item`]s in text order: index mentions,
//! subjects (a province, or a unit that is not one: district, department, ministry, region, the
//! whole country), scores, ranks, rank changes and year markers. Each value already knows what
//! kind of value it is: a score and not a delta ("tăng 1,59 điểm"), a range or an approximation
//! ("trên 80%", "75% - 90%"), a sub-index value ("tiêu chí …", "lĩnh vực …"), a prior value
//! ("từ vị trí 51 lên 31"), a national or regional average ("giá trị trung bình"). Values that
//! are not results of anything (deltas, ranges, scales, sub-index values, targets) are dropped
//! here. It does not decide which subject, index or year a value belongs to (see `assign`).

use regex::Regex;
use std::sync::OnceLock;

use super::super::province::entity_province;
use super::super::{Ctx, SentenceView};
use crate::document::Entity;
use crate::rules::numeric::parse_vn_number;

fn re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("index scan regex"))
}

/// What a result is about. Only `Province` results are facts about a province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Province,
    District,
    Department,
    Ministry,
    Region,
    National,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Province => "province",
            Scope::District => "district",
            Scope::Department => "department",
            Scope::Ministry => "ministry",
            Scope::Region => "region",
            Scope::National => "national",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    pub scope: Scope,
    /// canonical province (the unit's province for a district)
    pub province: Option<String>,
    /// canonical region name for a region subject
    pub region: Option<String>,
    /// index into the document's entities
    pub ent: Option<usize>,
    /// written "thành phố X" / "TP X": a provincial city when districts are ranked
    pub city_form: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRole {
    /// the year a value measures ("năm 2021", "PAR INDEX 2021")
    Measured,
    /// a comparison year ("so với năm 2020")
    Comparison,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Index {
        name: String,
        ent: Option<usize>,
    },
    Subject(Subject),
    Score {
        value: f64,
        ent: Option<usize>,
        /// a national/regional average, not a unit's own value
        average: bool,
    },
    Rank {
        n: u32,
        of: Option<u32>,
        /// a rank within a region ("thứ 2 khu vực Tây Nguyên")
        region: bool,
        /// "đứng cuối": the last place (the number depends on the year)
        last: bool,
        /// "giữ nguyên vị trí": the same rank as the year before
        keep: bool,
        ent: Option<usize>,
    },
    Change(i32),
    Year {
        years: Vec<u32>,
        role: YearRole,
        /// written right after an index name ("SIPAS 2021", "PCI năm 2019")
        attached: bool,
    },
    /// "lần lượt (là)": values and subjects paired in order
    Respectively,
    /// a membership list follows ("top 5 gồm: …"): listed provinces belong to the ranking
    Members,
}

#[derive(Debug, Clone)]
pub struct Item {
    /// absolute char range in the document
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// "từ A lên B": A is the value of the year before
    pub prior: bool,
    /// enclosing parentheses (absolute char positions of "(" and ")")
    pub paren: Option<(usize, usize)>,
}

impl Item {
    pub fn is_value(&self) -> bool {
        matches!(
            self.kind,
            Kind::Score { .. } | Kind::Rank { .. } | Kind::Change(_)
        )
    }
}

/// The text of one sentence with byte↔char helpers.
pub struct Sent<'a> {
    pub text: &'a str,
    /// byte offset of each char of `text` (+ end)
    cb: Vec<usize>,
    /// absolute char position of the sentence start
    pub base: usize,
}

impl<'a> Sent<'a> {
    pub fn new(sv: &'a SentenceView<'a>) -> Sent<'a> {
        let text = sv.slice(sv.start, sv.end);
        let mut cb: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        cb.push(text.len());
        Sent {
            text,
            cb,
            base: sv.start,
        }
    }
    /// absolute char position of a byte offset in `text`
    pub fn pos(&self, b: usize) -> usize {
        self.base + self.cb.partition_point(|&x| x < b)
    }
    /// byte offset in `text` of an absolute char position (clamped to the sentence)
    pub fn byte(&self, p: usize) -> usize {
        let i = p.saturating_sub(self.base).min(self.cb.len() - 1);
        self.cb[i]
    }
    /// lower-cased text between two absolute char positions
    pub fn lower(&self, s: usize, e: usize) -> String {
        let (a, b) = (self.byte(s), self.byte(e.max(s)));
        self.text[a..b].to_lowercase()
    }
    /// lower-cased text of up to `n` chars before an absolute position
    pub fn before(&self, p: usize, n: usize) -> String {
        self.lower(p.saturating_sub(n).max(self.base), p)
    }
    /// lower-cased text of up to `n` chars after an absolute position
    pub fn after(&self, p: usize, n: usize) -> String {
        self.lower(p, p + n)
    }
    pub fn end(&self) -> usize {
        self.base + self.cb.len() - 1
    }
}

/// Words that make a following number a part of something else than a result.
const SUB_INDEX: &[&str] = &[
    "tiêu chí",
    "lĩnh vực",
    "trục",
    "chỉ số thành phần",
    "chỉ số nội dung",
    "nội dung thành phần",
    "hạng mục",
    "trụ cột",
    "điểm thẩm định",
    "điểm đánh giá",
    "khảo sát lãnh đạo",
];

/// Words that make a clause a goal, not a result.
const TARGET: &[&str] = &[
    "phấn đấu",
    "mục tiêu",
    "chỉ tiêu",
    "dự kiến",
    "đặt ra",
    "đề ra",
    "hướng tới",
    "kế hoạch",
];

pub fn has_sub_index_cue(s: &str) -> bool {
    SUB_INDEX.iter().any(|w| {
        s.match_indices(w).any(|(i, _)| {
            // whole words only ("trục" not in "trực tuyến")
            let next = s[i + w.len()..].chars().next();
            !next.is_some_and(|c| c.is_alphabetic())
        })
    })
}

/// A sentence that opens a section on sub-indices ("- Lĩnh vực …", "Trong 8 lĩnh vực …"):
/// the values after it, until an index is named again, are not index results.
pub fn opens_sub_section(s: &Sent<'_>) -> bool {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = re(
        &HEAD,
        r"(?i)^[\s\-–•+*\d.)]*(?:(?:trong|ở|về|đối với)\s+)?(?:(?:các|\d+|từng)\s+)?(?:lĩnh vực|tiêu chí|trục|chỉ số thành phần|nội dung thành phần)\b",
    );
    head.is_match(s.text)
}

fn paren_spans(s: &Sent<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in s.text.char_indices() {
        match c {
            '(' => open.push(s.pos(i)),
            ')' => {
                if let Some(o) = open.pop() {
                    out.push((o, s.pos(i)));
                }
            }
            _ => {}
        }
    }
    if let Some(&o) = open.first() {
        out.push((o, s.end()));
    }
    out
}

fn innermost(spans: &[(usize, usize)], start: usize) -> Option<(usize, usize)> {
    spans
        .iter()
        .filter(|&&(a, b)| a < start && start < b)
        .min_by_key(|&&(a, b)| b - a)
        .copied()
}

/// The index mentions of a sentence: INDEX entities, and the satisfaction survey named only in
/// words ("sự hài lòng của người dân … đối với sự phục vụ của cơ quan hành chính nhà nước").
fn indices(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static SIPAS_WORDS: OnceLock<Regex> = OnceLock::new();
    for &i in &sv.ents {
        let e = &ctx.entities[i];
        if e.label != "INDEX" {
            continue;
        }
        let name = e
            .norm
            .as_ref()
            .and_then(|v| v.as_str())
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
        r"(?i)\bhài lòng của người dân(?:,? tổ chức)? đối với sự phục vụ của (?:các )?cơ quan hành chính",
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

fn year_markers(s: &Sent<'_>, idx: &[Item], out: &mut Vec<Item>) {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    static COMPARE: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let year = re(
        &YEAR,
        r"(?i)\b(?:năm|so với|so)\s+((?:19|20)\d{2})((?:\s*(?:,|và)\s*(?:19|20)\d{2}\b)*)",
    );
    let compare = re(
        &COMPARE,
        r"(so với|so sánh với|so sánh|so năm|so cùng kỳ|\bso\s*$|(?:^|[^u]\s)như\b)",
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
            r"(?:tháng\s*\d{0,2}(?:\s+(?:đầu|cuối))?|\b(?:từ|kể từ|đến|tới|hết|trước|sau|cuối|đầu|giữa|khởi xướng từ))$",
        );
        if not_marker.is_match(trimmed) {
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
    // "Chỉ số PCI năm 2019", "Chỉ số xanh cấp tỉnh PGI 2024"
    let bare = re(
        &BARE,
        r"^\s*\)?\s*(?:cấp tỉnh\s+|tổng hợp\s+)?(?:năm\s+)?((?:19|20)\d{2})\b",
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

fn subjects(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static NATIONAL: OnceLock<Regex> = OnceLock::new();
    for &i in &sv.ents {
        let e: &Entity = &ctx.entities[i];
        let before = s.before(e.start, 12);
        let before = before.trim_end();
        let subject = match e.label.as_str() {
            "LOC" => {
                // where an event took place, or a news dateline, is not what is ranked
                if before.ends_with("tại") || before.ends_with("điểm cầu") {
                    continue;
                }
                let dateline = s.after(e.end, 3).trim_start().starts_with('(')
                    && s.lower(s.base, e.start).trim().is_empty();
                if dateline {
                    continue;
                }
                let named = e.norm.as_ref().and_then(|v| v.as_str().map(str::to_string));
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
                    Some(v) if v.get("region").is_some() => Subject {
                        scope: Scope::Region,
                        province: None,
                        region: v.get("region").and_then(|r| r.as_str()).map(str::to_string),
                        ent: Some(i),
                        city_form: false,
                    },
                    Some(v) if v.get("unit").is_some() => Subject {
                        scope: Scope::District,
                        province: entity_province(e),
                        region: None,
                        ent: Some(i),
                        city_form: false,
                    },
                    _ => continue,
                }
            }
            "ORG" => {
                // part of someone's title ("Phó Giám đốc Sở Nội vụ Trương Long Hồ") or the
                // source of a statement ("Theo Sở Nội vụ, …"): not what is ranked
                let titled = sv.ents.iter().any(|&k| {
                    let o = &ctx.entities[k];
                    (o.label == "ROLE" && o.end <= e.start && e.start - o.end <= 1)
                        || (o.label == "PER" && o.start >= e.end && o.start - e.end <= 2)
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
        out.push(Item {
            start: s.pos(m.start()),
            end: s.pos(m.end()),
            kind: Kind::Subject(Subject {
                scope: Scope::National,
                province: None,
                region: None,
                ent: None,
                city_form: false,
            }),
            prior: false,
            paren: None,
        });
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
/// "Tỉnh Quảng Ninh"); districts and communes never ("huyện Quảng Ninh").
fn province_by_text(ctx: &Ctx<'_>, text: &str) -> Option<String> {
    let t = text.to_lowercase();
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

fn overlapping(
    ctx: &Ctx<'_>,
    sv: &SentenceView<'_>,
    label: &str,
    a: usize,
    b: usize,
) -> Option<usize> {
    sv.ents.iter().copied().find(|&i| {
        let e = &ctx.entities[i];
        e.label == label && e.start < b && a < e.end
    })
}

/// "từ 51 lên 31": a value after "từ", with "lên"/"xuống" later in the sentence, is the value
/// of the year before. `None`: "từ 80% đến 90%" is a range, no value at all.
fn prior_value(s: &Sent<'_>, start: usize, end: usize) -> Option<bool> {
    static FROM: OnceLock<Regex> = OnceLock::new();
    let from = re(
        &FROM,
        r"\btừ(?:\s+(?:vị trí|thứ hạng|hạng|thứ|số|mức))*\s*$",
    );
    let before = s.before(start, 30);
    if !from.is_match(before.trim_end()) {
        return Some(false);
    }
    let rest = s.lower(end, s.end());
    let range = rest.trim_start().starts_with("đến")
        || rest.trim_start().starts_with('-')
        || rest.trim_start().starts_with('–');
    if range {
        None
    } else {
        Some(true)
    }
}

fn scores(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static NUM: OnceLock<Regex> = OnceLock::new();
    static DELTA: OnceLock<Regex> = OnceLock::new();
    static AVERAGE: OnceLock<Regex> = OnceLock::new();
    let num = re(
        &NUM,
        r"(?i)(\d{1,4}(?:[.,]\d{1,4})?)(?:\s*/\s*(\d{1,3}(?:[.,]\d{1,2})?))?(\s*%(?:\s*điểm\b)?|\s*điểm\b)?",
    );
    // the words right before a delta: "tăng 1,59 điểm", "cao hơn … 0,99 điểm", "(+6,39%)"
    let delta = re(
        &DELTA,
        r"(?:\b(?:tăng|giảm|hơn|thêm|tụt|chênh lệch|chênh)(?:\s+(?:được|thêm|nhẹ|mạnh|khoảng|gần))?|\+|[−-])\s*$",
    );
    let average = re(
        &AVERAGE,
        r"\b(?:trung bình|bình quân|trung vị)\b(?:\s+(?:cao|thấp)\b)?|\bđiểm (?:cao|thấp) nhất|\bchung (?:trong|của|trên) (?:cả nước|toàn quốc)",
    );
    let mut last_score_end: Option<usize> = None;
    // a bare percentage is a score only where something is ranked or an index is named
    let ranking_sentence = out.iter().any(|it| matches!(it.kind, Kind::Index { .. })) || {
        let l = s.text.to_lowercase();
        ["xếp", "đứng", "dẫn đầu", "vị trí", "hạng", "quán quân"]
            .iter()
            .any(|w| l.contains(w))
    };
    for c in num.captures_iter(s.text) {
        let (Some(g), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let tb = &s.text[..g.start()];
        // inside another number, a date or a reference
        if tb.ends_with(|ch: char| ch.is_ascii_digit() || matches!(ch, '/' | '.' | ',' | '-'))
            && !tb.ends_with(", ")
        {
            if !tb.ends_with([',']) || tb.ends_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
        }
        let rest = &s.text[g.end()..];
        if rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '/') {
            continue;
        }
        let (start, end) = (s.pos(g.start()), s.pos(g.end()));
        let unit = c.get(3).map(|u| u.as_str().trim().to_lowercase());
        let max = c
            .get(2)
            .and_then(|m| parse_vn_number(m.as_str(), Some(1000.0)));
        let raw = n.as_str();
        let decimal = raw.contains(',')
            || raw
                .split_once('.')
                .is_some_and(|(_, f)| f.len() != 3 || raw.len() > 7);
        let before = s.before(start, 60);
        let bt = before.trim_end();
        let last_word = bt
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .trim_start_matches(|ch: char| !ch.is_alphanumeric());
        match (max, unit.as_deref()) {
            // a score out of its scale: "85,78/100", "40,62/80 điểm"
            (Some(m), _) if [100.0, 80.0, 60.0].contains(&m) => {}
            // a sub-score ("54,95/61,5 điểm") or a rank ("21/63")
            (Some(_), _) => continue,
            (None, Some(u)) if u.starts_with('%') => {
                // "96,6% hồ sơ": a share of something
                let next: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|ch| ch.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                if !u.contains("điểm") && (share_noun(&next) || !ranking_sentence) {
                    continue;
                }
            }
            (None, Some(_)) => {}
            // no unit: a decimal number right after a score word ("Nam Định đạt 87,32")
            (None, None) => {
                let cue = [
                    "đạt",
                    "với",
                    "là",
                    "tổng điểm",
                    "số điểm",
                    "mức điểm",
                    "điểm số",
                    "được",
                ]
                .iter()
                .any(|w| bt.ends_with(w));
                let pair = last_score_end.is_some_and(|e| start <= e + 6) && last_word == "và";
                if !decimal || !(cue || pair) {
                    continue;
                }
            }
        }
        let Some(value) = parse_vn_number(raw, Some(100.0)) else {
            continue;
        };
        if value > 100.0 {
            continue;
        }
        // ranges and approximations: "75,03% - 90,61%", "trên 80%", "khoảng 45,5-45,7"
        let range_after = rest.trim_start().starts_with(['-', '–']);
        let range_before = bt.ends_with(['-', '–']) && bt.len() > 1;
        if range_after
            || range_before
            || ["trên", "dưới", "khoảng", "gần", "hơn", "tới", "từ trên"]
                .iter()
                .any(|w| last_word == *w)
        {
            continue;
        }
        if bt.ends_with("thang điểm") || bt.contains("tối đa") || bt.ends_with("tổng điểm là")
        {
            continue; // the scale, not a score
        }
        // a delta; "cao hơn mức trung bình … 0,99 điểm" too
        let clause = bt.rsplit([',', ';', '(']).next().unwrap_or("");
        if delta.is_match(bt) || clause.contains("cao hơn") || clause.contains("thấp hơn") {
            continue;
        }
        let Some(prior) = prior_value(s, start, end) else {
            continue;
        };
        let after = s.after(end, 30);
        if after.trim_start().starts_with("trong tiêu chí")
            || after.trim_start().starts_with("tiêu chí")
            || after.trim_start().starts_with("ở tiêu chí")
        {
            continue;
        }
        let av = clause_since_subject(s, out, start);
        out.push(Item {
            start,
            end,
            kind: Kind::Score {
                value,
                ent: overlapping(ctx, sv, "SCORE", start, end),
                // "nhóm trung bình cao" is a group of provinces, not an average
                average: average
                    .find_iter(&av)
                    .any(|m| !m.as_str().ends_with("cao") && !m.as_str().ends_with("thấp")),
            },
            prior,
            paren: None,
        });
        last_score_end = Some(end);
    }
}

/// "96,6% hồ sơ", "100% cơ quan": a percentage of something, not a score.
fn share_noun(next: &str) -> bool {
    [
        "hồ",
        "cơ",
        "người",
        "doanh",
        "thủ",
        "đơn",
        "dân",
        "tổ",
        "cán",
        "trường",
        "xã",
        "phường",
        "huyện",
        "số",
        "kế",
        "dịch",
        "văn",
        "công",
        "chỉ",
        "ý",
        "phiếu",
        "khối",
        "vốn",
        "kinh",
        "diện",
        "hộ",
        "trẻ",
        "học",
        "giáo",
        "bệnh",
        "tổng",
        "mục",
        "trọng",
        "lượng",
        "giá",
        "tỷ",
        "sản",
        "thôn",
        "xe",
        "dự",
        "vụ",
        "việc",
        "ngân",
        "nguồn",
        "lao",
        "hợp",
    ]
    .contains(&next)
}

/// Lower-cased text before `pos` back to the last subject or ";" of the sentence.
fn clause_since_subject(s: &Sent<'_>, items: &[Item], pos: usize) -> String {
    let from = items
        .iter()
        .filter(|it| matches!(it.kind, Kind::Subject(_)) && it.end <= pos)
        .map(|it| it.end)
        .max()
        .unwrap_or(s.base);
    let t = s.lower(from, pos);
    let open = t.rfind('(').is_some_and(|o| !t[o..].contains(')'));
    if open {
        t
    } else {
        t.rsplit(';').next().unwrap_or("").to_string()
    }
}

fn word_number(w: &str) -> Option<u32> {
    Some(match w {
        "nhất" => 1,
        "nhì" | "hai" => 2,
        "ba" => 3,
        "tư" | "bốn" => 4,
        "năm" => 5,
        "sáu" => 6,
        "bảy" => 7,
        "tám" => 8,
        "chín" => 9,
        "mười" => 10,
        _ => w.parse().ok()?,
    })
}

/// The words after a rank that make it a rank within a region.
fn regional_after(s: &Sent<'_>, end: usize) -> bool {
    let a = s.after(end, 24);
    let a = a.trim_start();
    let a = a
        .trim_start_matches("tỉnh ")
        .trim_start_matches("trong ")
        .trim_start_matches("của ")
        .trim_start_matches("ở ");
    a.starts_with("khu vực") || a.starts_with("vùng") || a.starts_with("miền")
}

fn ranks(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static FRACTION: OnceLock<Regex> = OnceLock::new();
    static ORDINAL: OnceLock<Regex> = OnceLock::new();
    static WORD: OnceLock<Regex> = OnceLock::new();
    static VERB: OnceLock<Regex> = OnceLock::new();
    static OF: OnceLock<Regex> = OnceLock::new();
    let region_ctx = {
        let l = s.text.to_lowercase();
        l.contains("trong khu vực") || l.contains("xét trong") || l.contains("trong vùng")
    };
    let push =
        |out: &mut Vec<Item>, start: usize, end: usize, n: u32, of: Option<u32>, last: bool| {
            // sub-index ranks: "vị trí 4/63 ở chỉ số thành phần 3", "dẫn đầu ở 3 tiêu chí"
            let after = s.after(end, 40);
            let after = after.trim_start();
            let sub_after = ["ở ", "về ", "trong ", "tại "].iter().any(|p| {
                after
                    .strip_prefix(p)
                    .map(|r| {
                        let r = r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
                        let r = r.trim_start_matches("các ").trim_start_matches("cả ");
                        let r = r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
                        has_sub_index_cue(&r.chars().take(20).collect::<String>())
                            && SUB_INDEX.iter().any(|w| r.starts_with(w))
                    })
                    .unwrap_or(false)
            }) || after.starts_with("cả nước ở")
                && has_sub_index_cue(&after.chars().take(30).collect::<String>());
            if sub_after {
                return;
            }
            let Some(prior) = prior_value(s, start, end) else {
                return;
            };
            let national_of = matches!(of, Some(63) | Some(34));
            let region = !national_of && (regional_after(s, end) || region_ctx && of.is_none())
                || of.is_some_and(|d| {
                    !national_of && {
                        let sizes: Vec<u32> = out
                            .iter()
                            .filter_map(|it| match &it.kind {
                                Kind::Subject(Subject {
                                    scope: Scope::Region,
                                    region: Some(r),
                                    ..
                                }) => ctx
                                    .rules
                                    .gaz
                                    .regions
                                    .iter()
                                    .find(|g| &g.canonical == r)
                                    .and_then(|g| g.provinces),
                                _ => None,
                            })
                            .collect();
                        sizes.contains(&d)
                    }
                });
            let keep = s.before(start, 30).contains("giữ nguyên");
            out.push(Item {
                start,
                end,
                kind: Kind::Rank {
                    n,
                    of,
                    region,
                    last,
                    keep,
                    ent: overlapping(ctx, sv, "RANK", start, end),
                },
                prior,
                paren: None,
            });
        };
    let fraction = re(&FRACTION, r"(\d{1,3})\s*/\s*(\d{1,3})\b");
    for c in fraction.captures_iter(s.text) {
        let (Some(g), Some(a), Some(b)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let tb = &s.text[..g.start()];
        let rest = &s.text[g.end()..];
        if tb.ends_with(|ch: char| ch.is_ascii_digit() || matches!(ch, '/' | '.' | ',' | '-'))
            || rest.starts_with(['/', '.', ','])
                && rest[1..].starts_with(|ch: char| ch.is_ascii_digit())
            || rest.trim_start().to_lowercase().starts_with("điểm")
        {
            continue;
        }
        let (n, d): (u32, u32) = (
            a.as_str().parse().unwrap_or(0),
            b.as_str().parse().unwrap_or(0),
        );
        if n == 0 || d < 4 || n > d {
            continue;
        }
        let (start, end) = (s.pos(g.start()), s.pos(g.end()));
        let before = s.before(start, 30);
        let bt = before.trim_end();
        let next = rest.trim_start().to_lowercase();
        // counts: "có 5/8 trục", "63/63 địa phương đều đạt", "6/6 vùng"
        let count = bt.ends_with("có")
            || bt.ends_with("cả")
            || [
                "trục",
                "vùng",
                "lĩnh vực",
                "tiêu chí",
                "chỉ số",
                "đơn vị",
                "hồ sơ",
                "xã",
                "huyện",
                "sở",
                "cơ quan",
                "thủ tục",
            ]
            .iter()
            .any(|w| next.starts_with(w))
            || next.starts_with("địa phương") && !next.starts_with("địa phương,");
        if count {
            continue;
        }
        let cue = ["xếp", "đứng", "vị trí", "hạng", "thứ", "vị thứ", "nằm"]
            .iter()
            .any(|w| before.contains(w))
            || bt.ends_with('(')
            || next.starts_with("tỉnh")
            || next.starts_with("với");
        let date_cue = [
            "ngày", "sáng", "chiều", "tối", "trưa", "hôm", "đêm", "tháng",
        ]
        .iter()
        .any(|w| bt.ends_with(w));
        if !cue || date_cue {
            continue;
        }
        let st = match s.before(start, 5).trim_end().ends_with("thứ") {
            true => start
                .saturating_sub(s.before(start, 5).len() - s.before(start, 5).trim_end().len() + 3),
            false => start,
        };
        push(out, st.min(start), end, n, Some(d), false);
    }
    let ordinal = re(
        &ORDINAL,
        r"(?i)\b(?:(thứ)|(vị trí|thứ hạng|hạng|vị thứ)(?:\s+số)?)\s+(\d{1,2}|nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)\b",
    );
    let verb = re(
        &VERB,
        r"(?:xếp|đứng|vị trí|hạng|vị thứ|lên|xuống|từ|giữ|chiếm|là|ở|nằm|đạt)\s*$",
    );
    let of_re = re(
        &OF,
        r"^\s*(?:trên|trong số|/)\s*(\d{2})\s*(?:tỉnh|địa phương)",
    );
    static WEEKDAY: OnceLock<Regex> = OnceLock::new();
    // "Thứ Năm, 23-2-2023", "Thứ 3, Ngày 18/06/2024": a weekday
    let weekday = re(&WEEKDAY, r"^,?\s*(?:ngày\s*)?\d{1,2}\s*[/.-]\s*\d{1,2}");
    for c in ordinal.captures_iter(s.text) {
        let (Some(g), Some(num)) = (c.get(0), c.get(3)) else {
            continue;
        };
        let rest = &s.text[g.end()..];
        if rest.starts_with('/') || rest.trim_start().starts_with('/') {
            continue; // "thứ 21/63": the fraction is read above
        }
        let word = num.as_str().to_lowercase();
        let digits = word.chars().all(|ch| ch.is_ascii_digit());
        let Some(n) = word_number(&word) else {
            continue;
        };
        if n == 0 {
            continue;
        }
        let (start, end) = (s.pos(g.start()), s.pos(g.end()));
        let before = s.before(start, 24);
        let bt = before.trim_end();
        let after = rest.trim_start().to_lowercase();
        // weekday ("Thứ 3, ngày 18/6"), "từ trái sang" captions
        if after.starts_with("từ trái") || after.starts_with("từ phải") || weekday.is_match(&after)
        {
            continue;
        }
        if c.get(1).is_some() {
            // "thứ N" is a rank after a ranking verb or at the head of a clause; not "năm thứ
            // 13", "lần thứ 3", "phiên họp thứ tư", "kỳ họp thứ 18"
            let head = bt.is_empty()
                || bt.ends_with([',', ';', ':', '(', '.'])
                || bt.ends_with("và")
                || bt.ends_with("còn");
            if !(verb.is_match(bt) || head) {
                continue;
            }
            if !digits && word == "năm" && after.starts_with("liên") {
                continue;
            }
        } else {
            // "hạng 10", "vị trí 63", "vị trí số 44": digits only
            if !digits {
                continue;
            }
            let head = c
                .get(2)
                .map(|h| h.as_str().to_lowercase())
                .unwrap_or_default();
            if head == "hạng" && bt.ends_with("thăng") {
                continue;
            }
        }
        let of = of_re
            .captures(rest)
            .and_then(|m| m.get(1))
            .and_then(|d| d.as_str().parse::<u32>().ok())
            .filter(|d| *d == 63 || *d == 34);
        push(out, start, end, n, of, false);
    }
    let word = re(
        &WORD,
        r"(?i)\b(đứng đầu|dẫn đầu|quán quân|ngôi đầu|vị trí đầu|đầu bảng|á quân|đứng cuối|xếp cuối|vị trí cuối|cuối bảng|đội sổ)\b",
    );
    for c in word.captures_iter(s.text) {
        let Some(g) = c.get(0) else { continue };
        let (start, end) = (s.pos(g.start()), s.pos(g.end()));
        let w = g.as_str().to_lowercase();
        let before = s.before(start, 28);
        let before = before.rsplit([',', ';', '(', ':']).next().unwrap_or("");
        // "tốp 5 địa phương dẫn đầu", "nhóm dẫn đầu", "nhiều năm đứng đầu", "người đứng đầu"
        if [
            "nhóm",
            "tốp",
            "top",
            "trong số",
            "danh sách",
            "nhiều năm",
            "luôn",
            "các",
            "những",
        ]
        .iter()
        .any(|x| before.contains(x))
            || before.trim_end().ends_with("người")
        {
            continue;
        }
        if out.iter().any(|it| {
            matches!(it.kind, Kind::Rank { .. }) && it.start <= start && end <= it.end.max(start)
        }) {
            continue;
        }
        let last = w.contains("cuối") || w == "đội sổ";
        let n = if w == "á quân" { 2 } else { 1 };
        push(out, start, end, n, None, last);
    }
}

fn changes(s: &Sent<'_>, out: &mut Vec<Item>) {
    static CHANGE: OnceLock<Regex> = OnceLock::new();
    static KEEP: OnceLock<Regex> = OnceLock::new();
    let change = re(
        &CHANGE,
        r"(?i)\b(tăng|giảm|tụt|lên|xuống|thăng|vượt|rớt)(?:\s+hạng)?(?:\s+(?:thêm|được))?\s+(\d{1,2})\s+(?:bậc|hạng|vị trí|bước)\b",
    );
    for c in change.captures_iter(s.text) {
        let (Some(g), Some(v), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let n: i32 = n.as_str().parse().unwrap_or(0);
        let down = matches!(
            v.as_str().to_lowercase().as_str(),
            "giảm" | "tụt" | "xuống" | "rớt"
        );
        out.push(Item {
            start: s.pos(g.start()),
            end: s.pos(g.end()),
            kind: Kind::Change(if down { -n } else { n }),
            prior: false,
            paren: None,
        });
    }
    let keep = re(&KEEP, r"(?i)\bgiữ nguyên (?:vị trí|thứ hạng|hạng)\b");
    for m in keep.find_iter(s.text) {
        out.push(Item {
            start: s.pos(m.start()),
            end: s.pos(m.end()),
            kind: Kind::Change(0),
            prior: false,
            paren: None,
        });
    }
}

fn markers(s: &Sent<'_>, out: &mut Vec<Item>) {
    static RESP: OnceLock<Regex> = OnceLock::new();
    static MEMBERS: OnceLock<Regex> = OnceLock::new();
    for m in re(&RESP, r"(?i)\blần lượt(?:\s+là)?\b").find_iter(s.text) {
        out.push(Item {
            start: s.pos(m.start()),
            end: s.pos(m.end()),
            kind: Kind::Respectively,
            prior: false,
            paren: None,
        });
    }
    // "tốp 10 … gồm:", "trong top 5 có", "Xếp sau X là …, gồm"
    let members = re(
        &MEMBERS,
        r"(?i)(?:\b(?:top|tốp)\s*\d{1,2}\b[^.;]{0,80}?\b(?:gồm|có|là)\b|\bxếp sau\b[^.;]{0,120}?\bgồm\b)\s*:?",
    );
    for m in members.find_iter(s.text) {
        out.push(Item {
            start: s.pos(m.start()),
            end: s.pos(m.end()),
            kind: Kind::Members,
            prior: false,
            paren: None,
        });
    }
}

/// All items of a sentence, in text order, with target clauses and sub-index values removed.
pub fn scan(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>) -> Vec<Item> {
    let mut out = Vec::new();
    indices(ctx, sv, s, &mut out);
    let idx: Vec<Item> = out.clone();
    year_markers(s, &idx, &mut out);
    subjects(ctx, sv, s, &mut out);
    scores(ctx, sv, s, &mut out);
    ranks(ctx, sv, s, &mut out);
    changes(s, &mut out);
    markers(s, &mut out);
    out.sort_by_key(|it| (it.start, it.end));
    // a region named right after a rank qualifies it ("thứ 2 khu vực Tây Nguyên"), or sets the
    // frame ("Xét trong khu vực Tây Nguyên, …"): it is not a ranked subject there
    let mut drop = vec![false; out.len()];
    for i in 0..out.len() {
        if let Kind::Subject(Subject {
            scope: Scope::Region,
            ..
        }) = out[i].kind
        {
            let b = s.before(out[i].start, 30);
            let b = b.trim_end();
            let framed = b.ends_with("trong khu vực")
                || b.ends_with("trong vùng")
                || b.ends_with("xét trong");
            let after_rank = i > 0 && matches!(out[i - 1].kind, Kind::Rank { .. }) && {
                let gap = s.lower(out[i - 1].end, out[i].start);
                gap.split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .all(|w| {
                        [
                            "khu", "vực", "vùng", "miền", "tỉnh", "trong", "của", "ở", "toàn",
                            "các", "thành", "phố", "thành,", "địa", "phương", "",
                        ]
                        .contains(&w)
                    })
            };
            if framed || after_rank {
                drop[i] = true;
            }
        }
    }
    // values after a sub-index cue in the same clause chain belong to the sub-index; values in a
    // goal clause are not results
    let mut sub_from: Option<usize> = None;
    let mut last_index_end = s.base;
    for i in 0..out.len() {
        match out[i].kind {
            Kind::Index { .. } => {
                last_index_end = out[i].end;
                sub_from = None;
            }
            _ if out[i].is_value() => {
                let since = s.lower(last_index_end, out[i].start);
                if sub_from.is_none() && has_sub_index_cue(&since) {
                    sub_from = Some(out[i].start);
                }
                let clause = s.lower(s.base, out[i].start);
                let clause = clause.rsplit(';').next().unwrap_or("");
                if sub_from.is_some() || TARGET.iter().any(|w| clause.contains(w)) {
                    drop[i] = true;
                }
            }
            _ => {}
        }
    }
    let spans = paren_spans(s);
    out.into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(mut it, _)| {
            it.paren = innermost(&spans, it.start);
            it
        })
        .collect()
}
