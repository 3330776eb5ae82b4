//! Scores, ranks, rank changes and list markers of a sentence (part of `scan`).
//!
//! - scores: "85,11 điểm", "86.45%", "91,77% điểm", "40,62/80 điểm", "85,78/100", a decimal
//!   right after a score word ("đạt 87,32"); not deltas ("tăng 1,59 điểm", "cao hơn … 0,99",
//!   "tăng cao nhất là 9,39%"), ranges, approximations ("trên 80%", ">90%"), scales ("thang điểm 100"), shares ("96,6% hồ sơ"),
//!   sub-scores ("8,3/10"); averages are flagged;
//! - ranks: fractions ("21/63", "5/34", "3/13" of a region) that are not counts ("5/8 trục"),
//!   ordinals after a ranking word or at a clause head ("xếp thứ 9", "thứ ba là", "vị trí số
//!   44", "hạng 10", the bare "13" of "từ vị trí 15 lên 13"), words ("dẫn đầu", "quán quân", "á quân", "xếp cuối", "chót bảng", an
//!   index named "cao nhất"); not weekdays,
//!   "năm thứ 13", "tốp 5 … dẫn đầu", "người đứng đầu", or sub-index ranks;
//! - rank changes ("tăng 24 bậc", "tụt 5 bậc", "giữ nguyên vị trí" = 0);
//! - list markers: "lần lượt", and membership lists ("tốp 10 … gồm:", "các vị trí tiếp theo
//!   là …", "A, B và C lần lượt là các địa phương …", "A, B và C đều nằm trong nhóm 30", "A, B
//!   và C dẫn đầu": several units leading are a group, not one first place).
//!
//! A value after "từ" with "lên"/"xuống" later is the prior year's.

use regex::Regex;
use std::sync::OnceLock;

use super::super::{Ctx, SentenceView};
use super::scan::{has_sub_index_cue, re, Item, Kind, Scope, Sent, Subject, SUB_INDEX};
use crate::document::Label;
use crate::rules::numeric::parse_vn_number;

fn overlapping(
    ctx: &Ctx<'_>,
    sv: &SentenceView<'_>,
    label: Label,
    a: usize,
    b: usize,
) -> Option<usize> {
    sv.ents.iter().copied().find(|&i| {
        let e = &ctx.entities[i];
        e.label == label && e.start < b && a < e.end
    })
}

/// "từ 51 lên 31": a value after "từ", with "lên"/"xuống" later in the sentence, is the value
/// of the year before. `None`: "từ 80% đến 90%" is a range, "từ 90% trở lên" a bound, no value
/// at all.
fn prior_value(s: &Sent<'_>, start: usize, end: usize) -> Option<bool> {
    static FROM: OnceLock<Regex> = OnceLock::new();
    let from = re(
        &FROM,
        r"\btừ(?:\s+(?:vị trí|thứ hạng|hạng|thứ|số|mức))*\s*$",
    );
    // "từ vị trí thứ 8 (với 65,53 điểm) năm 2018 lên …": the bracket after a prior value is
    // the prior year's too
    static FROM_BRACKET: OnceLock<Regex> = OnceLock::new();
    let from_bracket = re(
        &FROM_BRACKET,
        r"\btừ(?:\s+(?:vị trí|thứ hạng|hạng|thứ|số|mức))*\s*\d{1,3}(?:[.,]\d{1,4})?\s*%?(?:\s*điểm)?\s*\(\s*(?:với|đạt)?\s*$",
    );
    let before = s.before(start, 30);
    if !from.is_match(before.trim_end()) && !from_bracket.is_match(before.trim_end()) {
        return Some(false);
    }
    let rest = s.lower(end, s.end());
    // a range, or a bound: "từ 90% trở lên" (90% or more)
    let range = rest.trim_start().starts_with("đến")
        || rest.trim_start().starts_with('-')
        || rest.trim_start().starts_with('–')
        || rest.trim_start().starts_with("trở lên")
        || rest.trim_start().starts_with("trở xuống");
    if range {
        None
    } else {
        Some(true)
    }
}

pub(super) fn scores(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static NUM: OnceLock<Regex> = OnceLock::new();
    static DELTA: OnceLock<Regex> = OnceLock::new();
    static AVERAGE: OnceLock<Regex> = OnceLock::new();
    let num = re(
        &NUM,
        r"(?i)(\d{1,4}(?:[.,]\d{1,4})?)(?:\s*/\s*(\d{1,3}(?:[.,]\d{1,2})?))?(\s*%(?:\s*điểm\b)?|\s*điểm\b)?",
    );
    // the words right before a delta: "tăng 1,59 điểm", "cao hơn … 0,99 điểm", "(+6,39%)",
    // the largest or smallest change of a report: "tỉnh tăng cao nhất là 9,39%", "giảm ít
    // nhất là 0,51%"
    let delta = re(
        &DELTA,
        r"(?:\b(?:tăng|giảm|hơn|thêm|tụt|chênh lệch|chênh)(?:\s+(?:được|thêm|nhẹ|mạnh|khoảng|gần)|\s+(?:nhiều|ít|cao|thấp|mạnh)\s+nhất(?:\s+(?:là|với|ở mức))?)?|\+|[−-])\s*$",
    );
    // the amount of a change written in brackets after the verb and its adverbs: "tăng mạnh
    // (5,2%)", "giảm khá sâu (8, 12%)" (a stray space in the decimal kept)
    static DELTA_BRACKETS: OnceLock<Regex> = OnceLock::new();
    let delta_in_brackets = re(
        &DELTA_BRACKETS,
        r"\b(?:tăng|giảm)(?:\s+\p{L}+){0,3}\s*\(\s*(?:[+−-]\s*)?(?:\d{1,3},\s*)?$",
    );
    // the unit with the largest or smallest change, its amount in brackets after its name:
    // "tăng cao nhất là Bình Thuận (6,39%)", "giảm nhiều nhất là tỉnh X (2,1%)" (matched on the
    // text as written: the name is told by its capitals)
    static DELTA_NAMED: OnceLock<Regex> = OnceLock::new();
    let delta_named = re(
        &DELTA_NAMED,
        r"\b(?:tăng|giảm)\s+(?:cao|thấp|nhiều|ít|mạnh)\s+nhất\s+(?:là\s+)?(?:\p{Ll}+\s+)?(?:\p{Lu}\p{L}*\s+){0,3}\p{Lu}\p{L}*\s*\(\s*(?:[+−-]\s*)?$",
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
        if tb.ends_with(|ch: char| ch.is_ascii_digit() || matches!(ch, '/' | '.' | ',' | '-')) {
            continue;
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
        // "(62, 16 điểm)": a decimal comma with a stray space, the integer part right after "("
        static STRAY: OnceLock<Regex> = OnceLock::new();
        let stray = (unit.is_some() && n.as_str().len() <= 2)
            .then(|| re(&STRAY, r"\(\s*(\d{1,3}),\s$").captures(tb))
            .flatten()
            .map(|c| format!("{},{}", &c[1], n.as_str()));
        let raw = stray.as_deref().unwrap_or(n.as_str());
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
            // "26 điểm cầu", "3 điểm trường": places, not points
            (None, Some(_)) if crate::rules::numeric::place_after_diem(rest) => continue,
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
                // "(điểm số) tăng, từ 40,14 lên 40,87": both ends of the move are scores
                static MOVE: OnceLock<Regex> = OnceLock::new();
                let from_to = re(&MOVE, r"^\s*(?:lên|xuống)\s+\d{1,3},\d{1,4}\b");
                let from = bt.ends_with("từ") && from_to.is_match(rest);
                let to = {
                    static TO: OnceLock<Regex> = OnceLock::new();
                    re(&TO, r"\btừ\s+\d{1,3},\d{1,4}\s+(?:lên|xuống)$").is_match(bt)
                };
                let cue = cue || from || to;
                let pair = last_score_end.is_some_and(|e| start <= e + 6) && last_word == "và";
                // a whole number only after the unit itself: "với số điểm 70"
                let unit_word = ["số điểm", "mức điểm", "điểm số"]
                    .iter()
                    .any(|w| bt.ends_with(w));
                if !(decimal || unit_word) || !(cue || pair) {
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
        // ranges and approximations: "75,03% - 90,61%", "trên 80%", "khoảng 45,5-45,7", a
        // threshold written with a sign ("đạt kết quả Chỉ số >90%")
        let range_after = rest.trim_start().starts_with(['-', '–']);
        let range_before = bt.ends_with(['-', '–']) && bt.len() > 1;
        if range_after
            || range_before
            || bt.ends_with(['>', '<', '≥', '≤'])
            || ["trên", "dưới", "khoảng", "gần", "hơn", "tới"].contains(&last_word)
        {
            continue;
        }
        if bt.ends_with("thang điểm") || bt.contains("tối đa") || bt.ends_with("tổng điểm là")
        {
            continue; // the scale, not a score
        }
        // a delta; "cao hơn mức trung bình … 0,99 điểm" too; "giảm khá sâu (8,12%)"; "tỉnh
        // có mức tăng cao nhất là 9,39%"; a share: "chiếm 13,48%"
        let clause = last_clause(bt);
        if delta.is_match(bt)
            || delta_in_brackets.is_match(bt)
            || delta_named.is_match(tb.trim_end())
            || clause.contains("cao hơn")
            || clause.contains("thấp hơn")
            || clause.contains("mức tăng")
            || clause.contains("mức giảm")
            || bt.ends_with("chiếm")
            || bt.ends_with("chiếm tỷ lệ")
            || bt.ends_with("chiếm tỉ lệ")
        {
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
                ent: overlapping(ctx, sv, Label::Score, start, end),
                // "nhóm trung bình cao" is a group of provinces, not an average; "giá trị
                // trung bình cao nhất từ trước đến nay" is the average at its highest
                average: average.find_iter(&av).any(|m| {
                    let group = m.as_str().ends_with("cao") || m.as_str().ends_with("thấp");
                    !group || av[m.end()..].trim_start().starts_with("nhất")
                }) || continues_average(s, &av, start),
            },
            prior,
            paren: None,
        });
        last_score_end = Some(end);
    }
}

/// How many province subjects are written right before `at`, joined by commas and "và" ("A,
/// B và C" before "dẫn đầu").
fn units_listed_before(s: &Sent<'_>, out: &[Item], at: usize) -> usize {
    let mut subjects: Vec<&Item> = out
        .iter()
        .filter(|it| matches!(&it.kind, Kind::Subject(sub) if sub.scope == Scope::Province))
        .filter(|it| it.end <= at)
        .collect();
    subjects.sort_by_key(|it| std::cmp::Reverse(it.end));
    let mut end = at;
    let mut n = 0;
    for it in subjects {
        let gap = s.lower(it.end, end);
        let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
        if !(gap.is_empty() || gap == "và") {
            break;
        }
        n += 1;
        end = it.start;
    }
    n
}

/// The clause `before` ends in: after its last ";", "(" or "," that is not a decimal comma
/// ("mức tăng cao nhất là 9,39% và thấp nhất là" stays one clause).
fn last_clause(before: &str) -> &str {
    let b = before.as_bytes();
    let cut = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ';' | '(')
                || c == ','
                    && !(i > 0
                        && b[i - 1].is_ascii_digit()
                        && b.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
        })
        .map(|(i, c)| i + c.len_utf8());
    cut.map_or(before, |i| &before[i..])
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
/// "Giá trị trung bình … là a; giá trị DTI cấp tỉnh là b": a clause that repeats the head
/// "giá trị" of an average named earlier in the sentence is an average too.
fn continues_average(s: &Sent<'_>, clause: &str, pos: usize) -> bool {
    clause.trim_start().starts_with("giá trị")
        && s.lower(s.base, pos).contains("giá trị trung bình")
}

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

/// "57/63 tỉnh, thành phố có chỉ số tăng", "12/89 bộ, tỉnh đạt từ 0,5": a fraction whose units
/// go on to do something is a count of them, unless a rank word comes right before it ("xếp thứ
/// 5/63 tỉnh, thành phố có …"). `before` is the trimmed text before the fraction, `next` the
/// lower-cased text after it.
fn counted_units(before: &str, next: &str) -> bool {
    static COUNTED: OnceLock<Regex> = OnceLock::new();
    let counted = re(
        &COUNTED,
        r"^(?:tỉnh|bộ|địa phương)(?:\s*,\s*(?:ngành|tỉnh|thành phố|thành|địa phương))*\s+(?:có|đạt|đều|được|tăng|giảm|nằm)\b",
    );
    let ranked = ["thứ", "hạng", "vị trí", "xếp", "đứng"]
        .iter()
        .any(|w| before.to_lowercase().ends_with(w));
    counted.is_match(next) && !ranked
}

fn word_number(w: &str) -> Option<u32> {
    Some(match w {
        "nhất" | "một" => 1,
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

pub(super) fn ranks(ctx: &Ctx<'_>, sv: &SentenceView<'_>, s: &Sent<'_>, out: &mut Vec<Item>) {
    static FRACTION: OnceLock<Regex> = OnceLock::new();
    static ORDINAL: OnceLock<Regex> = OnceLock::new();
    static WORD: OnceLock<Regex> = OnceLock::new();
    static VERB: OnceLock<Regex> = OnceLock::new();
    static OF: OnceLock<Regex> = OnceLock::new();
    let region_ctx = {
        let l = s.text.to_lowercase();
        l.contains("trong khu vực") || l.contains("xét trong") || l.contains("trong vùng")
    };
    static MOVED_TO: OnceLock<Regex> = OnceLock::new();
    let moved_to = re(
        &MOVED_TO,
        r"^(?:lên|xuống)\s+(?:(?:vị trí|hạng)\s+)?(?:thứ\s+)?\d{1,2}\s+",
    );
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
            // "thứ 13 trong cả nước và thứ 4 trong vùng": a rank said to be national is not the
            // region's, whatever else the sentence ranks
            // ("từ vị trí 15 lên 13 trong cả nước": both places)
            let national_after = {
                let a = s.after(end, 48);
                let a = moved_to.replace(a.trim_start(), "");
                let a = a.trim_start();
                let a = a.trim_start_matches("trong ").trim_start_matches("của ");
                a.starts_with("cả nước") || a.starts_with("toàn quốc")
            };
            // "Thứ hạng trong cả nước … (từ 53 lên 46), và … trong vùng (từ 11 lên 10)": the
            // scope named last before a rank is its own
            let national_before = {
                let b = s.lower(s.base, start);
                // not the scope written after an earlier rank ("lên 17 trong cả nước, từ …")
                let after_rank = |i: usize| {
                    let t = b[..i].trim_end();
                    let t = t.strip_suffix("trong").unwrap_or(t).trim_end();
                    t.ends_with(|c: char| c.is_ascii_digit())
                };
                let last = |ws: &[&str]| {
                    ws.iter()
                        .filter_map(|w| b.rfind(w))
                        .filter(|&i| !after_rank(i))
                        .max()
                };
                match (
                    last(&["cả nước", "toàn quốc"]),
                    last(&["trong khu vực", "trong vùng", "xét trong"]),
                ) {
                    (Some(n), Some(r)) => n > r,
                    (Some(_), None) => true,
                    _ => false,
                }
            };
            let region = !national_of
                && (regional_after(s, end)
                    || region_ctx && of.is_none() && !national_after && !national_before)
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
                    ent: overlapping(ctx, sv, Label::Rank, start, end),
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
                // a country's place among countries: "xếp 71/193 quốc gia"
                "quốc gia",
                "nước",
                "nền kinh tế",
            ]
            .iter()
            .any(|w| next.starts_with(w))
            || next.starts_with("địa phương") && !next.starts_with("địa phương,")
            || counted_units(bt, &next);
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
        r"(?i)\b(?:(thứ)|(vị trí|thứ hạng|hạng|vị thứ)(?:\s+số)?)\s+(\d{1,2}|nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười|một)\b",
    );
    let verb = re(
        &VERB,
        r"(?:xếp|đứng|vị trí|hạng|vị thứ|lên|xuống|từ|giữ|chiếm|là|ở|nằm|đạt)\s*$",
    );
    let of_re = re(
        &OF,
        r"^\s*(?:trên|trong|/)(?:\s+tổng)?(?:\s+số)?\s*(\d{2})\s*(?:tỉnh|địa phương)",
    );
    static WEEKDAY: OnceLock<Regex> = OnceLock::new();
    // "Thứ Năm, 23-2-2023", "Thứ 3, Ngày 18/06/2024", portal date lines "Thứ hai - 07/08/2023
    // 15:42": a weekday
    let weekday = re(
        &WEEKDAY,
        r"^[,\-–—|]?\s*(?:ngày\s*)?\d{1,2}\s*[/.-]\s*\d{1,2}",
    );
    for c in ordinal.captures_iter(s.text) {
        let (Some(g), Some(num)) = (c.get(0), c.get(3)) else {
            continue;
        };
        let rest = &s.text[g.end()..];
        if rest.starts_with('/') || rest.trim_start().starts_with('/') {
            continue; // "thứ 21/63": the fraction is read above
        }
        let word = num.as_str().to_lowercase();
        // "vị trí số một"; not "hạng một" of something else
        if word == "một" && !g.as_str().to_lowercase().contains("số") {
            continue;
        }
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
            // right after a unit, as titles write it: "Quảng Ninh đứng đầu, Hà Nội thứ 3"
            let after_unit = out.iter().any(|it| {
                matches!(it.kind, Kind::Subject(_))
                    && it.end <= start
                    && s.lower(it.end, start).trim().is_empty()
            });
            if !(verb.is_match(bt) || head || after_unit) {
                continue;
            }
            if !digits && word == "năm" && after.starts_with("liên") {
                continue;
            }
        } else {
            // "hạng 10", "vị trí 63", "vị trí số 44": digits; "xếp hạng nhất/nhì/ba"; "vị trí
            // số một"
            let ranked_word = matches!(word.as_str(), "nhất" | "nhì" | "ba")
                && ["xếp", "đứng", "đạt", "giành"]
                    .iter()
                    .any(|w| bt.ends_with(w))
                || word == "một";
            if !digits && !ranked_word {
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
    // "từ vị trí 15 lên 13", "từ vị trí thứ 6 xuống 17": the new place written as a bare number
    static MOVE: OnceLock<Regex> = OnceLock::new();
    let moved = re(
        &MOVE,
        r"(?i)\btừ\s+(?:vị trí|thứ hạng|hạng)(?:\s+(?:thứ|số))?\s+\d{1,2}\s+(?:lên|xuống)\s+(\d{1,2})\b",
    );
    for c in moved.captures_iter(s.text) {
        let Some(g) = c.get(1) else { continue };
        let rest = &s.text[g.end()..];
        let next = rest.trim_start().to_lowercase();
        if rest.starts_with(['/', '.', ',', '%'])
            || next.starts_with('%')
            || next.starts_with("điểm")
            || next.starts_with("bậc")
        {
            continue;
        }
        let Ok(n) = g.as_str().parse::<u32>() else {
            continue;
        };
        let (start, end) = (s.pos(g.start()), s.pos(g.end()));
        if n == 0
            || out.iter().any(|it| {
                matches!(it.kind, Kind::Rank { .. }) && it.start <= start && end <= it.end
            })
        {
            continue;
        }
        push(out, start, end, n, None, false);
    }
    let word = re(
        &WORD,
        r"(?i)\b(đứng đầu|dẫn đầu|đứng nhất|xếp nhất|quán quân|ngôi đầu|vị trí đầu|đầu bảng|á quân|đứng cuối|xếp cuối|vị trí cuối|cuối bảng|đứng chót|xếp chót|vị trí chót|chót bảng|đội sổ)\b",
    );
    static PLURAL: OnceLock<Regex> = OnceLock::new();
    // "ba địa phương dẫn đầu": a group, not one rank
    let plural = re(
        &PLURAL,
        r"\b(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:địa phương|tỉnh|đơn vị)",
    );
    for c in word.captures_iter(s.text) {
        let Some(g) = c.get(0) else { continue };
        let (start, end) = (s.pos(g.start()), s.pos(g.end()));
        let w = g.as_str().to_lowercase();
        let before_all = s.before(start, 28);
        let before = before_all.rsplit([',', ';', '(', ':']).next().unwrap_or("");
        // "10 tỉnh, thành có PCI dẫn đầu": a counted group across the comma of "tỉnh, thành"
        let counted = before_all
            .replace("tỉnh, thành", "tỉnh thành")
            .rsplit([',', ';', '(', ':'])
            .next()
            .is_some_and(|b| plural.is_match(b));
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
            || plural.is_match(before)
            || counted
        {
            continue;
        }
        if out.iter().any(|it| {
            matches!(it.kind, Kind::Rank { .. }) && it.start <= start && end <= it.end.max(start)
        }) {
            continue;
        }
        // "Hà Nội, Huế, Hải Phòng dẫn đầu về chuyển đổi số", "A và B cùng dẫn đầu": several
        // units at the top are a group of leaders, not the last of them in first place
        if matches!(w.as_str(), "dẫn đầu" | "đứng đầu") {
            let lead_in = s.before(start, 8);
            let trimmed = lead_in.trim_end();
            let space = lead_in.chars().count() - trimmed.chars().count();
            let from = ["cùng", "đều"]
                .iter()
                .find(|x| trimmed.ends_with(*x))
                .map_or(start, |x| start - space - x.chars().count());
            if units_listed_before(s, out, from) >= 2 {
                out.push(Item {
                    start: from,
                    end,
                    kind: Kind::Members { before: true },
                    prior: false,
                    paren: None,
                });
                continue;
            }
        }
        let last = w.contains("cuối") || w.contains("chót") || w == "đội sổ";
        let n = if w == "á quân" { 2 } else { 1 };
        push(out, start, end, n, None, last);
    }
    // "X có Chỉ số Xanh cấp tỉnh (PGI) cao nhất": the index itself is the highest, i.e. first
    // place; not a province's best ever ("PCI cao nhất từ trước đến nay"), nor a group ("nhóm",
    // "các tỉnh có PCI cao nhất")
    static HIGHEST: OnceLock<Regex> = OnceLock::new();
    static BEST_EVER: OnceLock<Regex> = OnceLock::new();
    let best_ever = re(
        &BEST_EVER,
        r"(?i)^\s*(?:từ trước|từ khi|kể từ|trong lịch sử|trong \d+ năm|của tỉnh|của thành phố|qua các năm)",
    );
    let index_ends: Vec<usize> = out
        .iter()
        .filter(|it| matches!(it.kind, Kind::Index { .. }))
        .map(|it| it.end)
        .collect();
    for m in re(&HIGHEST, r"(?i)\bcao nhất\b").find_iter(s.text) {
        let (start, end) = (s.pos(m.start()), s.pos(m.end()));
        let right_after_index = index_ends.iter().any(|&e| {
            e <= start && {
                let gap = s.lower(e, start);
                gap.trim_matches(|c: char| c.is_whitespace() || c == ')')
                    .is_empty()
            }
        });
        let before = s.before(start, 60);
        let before = before
            .rsplit([',', ';', '(', ':', '.'])
            .next()
            .unwrap_or("");
        let group = ["nhóm", "các", "những", "tốp", "top"]
            .iter()
            .any(|x| before.split_whitespace().any(|w| w == *x))
            || plural.is_match(before);
        if !right_after_index || group || best_ever.is_match(&s.after(end, 30)) {
            continue;
        }
        push(out, start, end, 1, None, false);
    }
}

pub(super) fn changes(s: &Sent<'_>, out: &mut Vec<Item>) {
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

pub(super) fn markers(s: &Sent<'_>, out: &mut Vec<Item>) {
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
    // "tốp 10 … gồm:", "trong top 5 có", "Xếp sau X là …, gồm", "các vị trí tiếp theo là",
    // "dẫn đầu bảng xếp hạng theo thứ tự là:"
    let members = re(
        &MEMBERS,
        r"(?i)(?:\b(?:top|tốp)\s*\d{1,2}\b[^.;]{0,80}?\b(?:gồm|có|là)\b|\bxếp sau\b[^.;]{0,120}?\bgồm\b|\b(?:các|những|\d{1,2})\s+(?:vị trí|thứ hạng|địa phương)\s+(?:tiếp theo|kế tiếp|còn lại)(?:\s+lần lượt)?\s+(?:là|thuộc về|gồm|có)\b|\btheo thứ tự\s+(?:là|gồm)\b)\s*:?",
    );
    for m in members.find_iter(s.text) {
        out.push(Item {
            start: s.pos(m.start()),
            end: s.pos(m.end()),
            kind: Kind::Members { before: false },
            prior: false,
            paren: None,
        });
    }
    // "X dẫn đầu, tiếp theo là A và B", "… ở vị trí dẫn đầu; tiếp theo đó là A, B, C": a list
    // continuing a ranking said just before (the marker starts at "tiếp theo")
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let next = re(
        &NEXT,
        r"(?i)(?:dẫn đầu|đứng đầu|quán quân|vị trí (?:số )?1\b|thứ (?:2|hai|nhì)\b)[^.]{0,200}?\b(tiếp theo(?:\s+đó)?(?:\s+lần lượt)?\s+(?:là|thuộc về)\b\s*:?)",
    );
    // "có 3 tỉnh đứng đầu bảng xếp hạng cả nước, gồm: A, B và C"
    static LEADERS: OnceLock<Regex> = OnceLock::new();
    let leaders = re(
        &LEADERS,
        r"(?i)\b\d{1,2}\s+(?:tỉnh|địa phương|tỉnh,\s*thành(?:\s+phố)?)\s+(?:đứng đầu|dẫn đầu|xếp đầu|có điểm cao nhất)[^.;]{0,80}?\b(gồm|là)\b\s*:?",
    );
    let spans: Vec<(usize, usize)> = next
        .captures_iter(s.text)
        .chain(leaders.captures_iter(s.text))
        .filter_map(|c| Some((c.get(1)?.start(), c.get(0)?.end())))
        .collect();
    for (a, b) in spans {
        let (start, end) = (s.pos(a), s.pos(b));
        // "các vị trí tiếp theo là" is already a marker
        if out
            .iter()
            .any(|it| matches!(it.kind, Kind::Members { .. }) && it.start < end && start < it.end)
        {
            continue;
        }
        out.push(Item {
            start,
            end,
            kind: Kind::Members { before: false },
            prior: false,
            paren: None,
        });
    }
    // "A, B và C lần lượt là các địa phương có … cao nhất", "A, B và C là 3 địa phương đứng
    // đầu bảng xếp hạng …", "A, B và C đều có mặt trong nhóm 30": the list comes first
    static MEMBERS_BEFORE: OnceLock<Regex> = OnceLock::new();
    let before = re(
        &MEMBERS_BEFORE,
        r"(?i)\blần lượt là\s+(?:các|những)\s+(?:địa phương|tỉnh|thành phố)\b|\blà\s+(?:\d{1,2}|các|những)\s+(?:địa phương|tỉnh(?:,\s*thành(?:\s+phố)?)?|thành phố)\s+(?:đứng đầu|dẫn đầu|xếp đầu|có điểm (?:số )?cao nhất)\b|\b(?:đều|cùng)\s+(?:có mặt|nằm|góp mặt|lọt vào|lọt)\s+(?:trong\s+)?(?:nhóm|tốp|top)\b",
    );
    // one unit joining a group of N: "Thái Bình cũng trở lại tốp 30 sau 3 năm", "Hưng Yên lần
    // đầu lọt vào top 10" (the unit must sit right before the adverbs and the verb); not "nằm
    // trong nhóm N", which titles and captions write of a unit ranked elsewhere
    static JOINS: OnceLock<Regex> = OnceLock::new();
    let joins = re(
        &JOINS,
        r"(?i)\b(?:(?:cũng|đã|lần đầu(?: tiên)?|tiếp tục|vẫn)\s+)*(?:trở lại|lọt vào|góp mặt trong|có mặt trong)\s+(?:nhóm|tốp|top)\s*\d{1,2}\b",
    );
    for m in before.find_iter(s.text).chain(joins.find_iter(s.text)) {
        out.push(Item {
            start: s.pos(m.start()),
            end: s.pos(m.end()),
            kind: Kind::Members { before: true },
            prior: false,
            paren: None,
        });
    }
}
