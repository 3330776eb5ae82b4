//! Reading one sentence into the typed pieces an index result is built from.
//!
//! Turns the entities and words of a sentence into [`Item`]s in text order: index mentions,
//! subjects (a province, or a unit that is not one: district, department, ministry, region, the
//! whole country), scores, ranks, rank changes and year markers. Each value already knows what
//! kind of value it is: a score and not a delta ("tăng 1,59 điểm"), a range or an approximation
//! ("trên 80%", "75% - 90%"), a sub-index value ("tiêu chí …", "lĩnh vực …"), a prior value
//! ("từ vị trí 51 lên 31"), a national or regional average ("giá trị trung bình"). Values that
//! are not results of anything (deltas, ranges, scales, sub-index values, targets) are dropped
//! here. Units, indices and years are read in `units`, values in `values`. It does not decide
//! which subject, index or year a value belongs to (see `assign`).

use regex::Regex;
use std::sync::OnceLock;

use super::super::{Ctx, SentenceView};
use super::units::{indices, subjects, year_markers};
use super::values::{changes, markers, ranks, scores};

pub(super) fn re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("index scan regex"))
}

pub use crate::document::Scope;

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
    /// a membership list: the listed provinces belong to the ranking, with no value of their
    /// own; after the marker ("top 5 gồm: …", "các vị trí tiếp theo là …") or, with `before`,
    /// the list right before it ("A, B và C lần lượt là các địa phương …")
    Members {
        before: bool,
    },
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
pub(super) const SUB_INDEX: &[&str] = &[
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
    // the three DTI pillars
    "chính quyền số",
    "kinh tế số",
    "xã hội số",
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

/// The text with "tổng (số) điểm của (cả|các) N <sub-indices>" removed: the sum over all the
/// parts is the index's own score, not a sub-index value.
fn total_of_parts(since: &str) -> String {
    static TOTAL: OnceLock<Regex> = OnceLock::new();
    let total = re(
        &TOTAL,
        r"tổng(?:\s+số)?\s+điểm(?:\s+số)?\s+(?:của\s+)?(?:cả|tất cả|các)\s+(?:\d+|\p{L}+)?\s*(?:chỉ số thành phần|lĩnh vực|tiêu chí|trục nội dung|trục)",
    );
    total.replace_all(since, " ").into_owned()
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
                // "tổng điểm của cả 4 chỉ số thành phần": the total is the index's own score
                let since = total_of_parts(&since);
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

/// Whether the sentence refers back to the unit of the sentence before: "địa phương/tỉnh/thành
/// phố này", or "địa phương" heading a clause before its verb ("Kết quả, địa phương giành vị
/// trí á quân …"). A bare "tỉnh" is the site's province, not a reference back.
pub fn refers_back(s: &Sent<'_>) -> bool {
    static BACK: OnceLock<Regex> = OnceLock::new();
    let back = re(
        &BACK,
        r"(?i)\b(?:địa phương|tỉnh|thành phố)\s+này\b|(?:^|[,:;]\s*)địa phương\s+(?:đã\s+|tiếp tục\s+|cũng\s+)?(?:giành|đạt|đứng|xếp|vươn|lọt|nằm|có|được)\b",
    );
    back.is_match(s.text.trim_start())
}
