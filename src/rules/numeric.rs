//! Number-shaped domain entities: DATE, DOC, SCORE and RANK, with their normalized values.
//!
//! Runs regular expressions over the normalized text and returns candidates in normalized char
//! coordinates. Vietnamese number conventions: "81,47" is a decimal comma, "1.648" a thousands
//! dot, "86.45%" an English-style decimal. Spans follow the seed annotation guidelines
//! (DATE includes "ngày"/"năm"/"giai đoạn" written before the number, not part-of-day words;
//! RANK is a fraction, with "thứ" when written; SCORE includes its unit "điểm").
//! Percentages are SCOREs only next to an index (decided by the caller, which knows the
//! INDEX entities).

use regex::Regex;
use std::sync::OnceLock;

use super::Cand;
use crate::document::{DateNorm, DocNorm, Label, Norm, RankNorm};
use crate::text::meta::iso_date;
use crate::text::Analysis;

/// Parse a Vietnamese-written number. `decimal_hint`: the number is a measure (a score or a
/// percentage), so a single separator followed by 1–3 digits is read as a decimal point
/// when the value would otherwise be implausibly large.
pub fn parse_vn_number(s: &str, max_plausible: Option<f64>) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let plain = |x: &str| x.parse::<f64>().ok();
    match (commas, dots) {
        (0, 0) => plain(s),
        // "81,47" decimal comma; "5.975,74" thousands dot + decimal comma
        (1, _) => {
            let (int, frac) = s.split_once(',')?;
            let int: String = int.chars().filter(|c| *c != '.').collect();
            plain(&format!("{int}.{frac}"))
        }
        (0, 1) => {
            let (int, frac) = s.split_once('.')?;
            let thousands = frac.len() == 3;
            let as_thousands = plain(&format!("{int}{frac}"));
            let as_decimal = plain(s);
            if !thousands {
                return as_decimal;
            }
            match (max_plausible, as_thousands) {
                (Some(m), Some(v)) if v > m => as_decimal,
                _ => as_thousands,
            }
        }
        // "1.234.567"
        (0, _) => plain(&s.replace('.', "")),
        // "1,234,567.5" English style
        (_, 1) if s.rfind('.') > s.rfind(',') => plain(&s.replace(',', "")),
        _ => None,
    }
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("numeric rule regex"))
}

fn roman(s: &str) -> Option<u32> {
    match s.to_ascii_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

/// A DOC value: its kind, reference, and whether the reference is a header.
fn doc_norm(kind: impl Into<String>, reference: impl Into<String>, header: bool) -> Norm {
    Norm::Doc(DocNorm {
        kind: kind.into(),
        reference: reference.into(),
        header,
    })
}

/// Helper to turn a byte range of `norm.norm.text` into a candidate.
fn cand(a: &Analysis, b0: usize, b1: usize, label: Label, score: f32, norm: Option<Norm>) -> Cand {
    Cand {
        start: a.norm.norm.char_at_byte(b0),
        end: a.norm.norm.char_at_byte(b1),
        label,
        score,
        norm,
    }
}

/// A full date (day, month, year) matched by `c`, from the last line of a hard-wrapped match.
fn full_date(a: &Analysis, text: &str, c: &regex::Captures<'_>, iso: String) -> Cand {
    let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
    let g = (on_last_line(text, g.0, g.1), g.1);
    cand(
        a,
        g.0,
        g.1,
        Label::Date,
        0.95,
        Some(Norm::Date(DateNorm::Iso(iso))),
    )
}

/// DATE candidates.
pub fn find_dates(a: &Analysis, out: &mut Vec<Cand>) {
    let text = &a.norm.norm.text;
    static FULL: OnceLock<Regex> = OnceLock::new();
    static WORDY: OnceLock<Regex> = OnceLock::new();
    static DAY_MONTH: OnceLock<Regex> = OnceLock::new();
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    static MONTHS: OnceLock<Regex> = OnceLock::new();
    static QUARTER: OnceLock<Regex> = OnceLock::new();
    static MONTH: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let full = FULL.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)(?:\b(?:ngày){WRAP})?\b(\d{{1,2}})[\s&&[^\n]]*([/.-])[\s&&[^\n]]*(\d{{1,2}})[\s&&[^\n]]*([/.-])[\s&&[^\n]]*((?:19|20)\d{{2}})\b"
        ))
        .expect("date regex")
    });
    for c in full.captures_iter(text) {
        let (d, m, y) = (
            c[1].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
            c[5].parse().unwrap_or(0),
        );
        if c[2] != c[4] {
            continue;
        }
        if let Some(iso) = iso_date(d, m, y) {
            out.push(full_date(a, text, &c, iso));
        }
    }
    // a hard-wrapped page may break the line anywhere inside ("ngày 23 tháng\n4 năm 2018");
    // "năm" is sometimes left out ("ngày 27 tháng 3 2017")
    let wordy = WORDY.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)\bngày{WRAP}(\d{{1,2}}){WRAP}tháng{WRAP}(\d{{1,2}}){WRAP}(?:năm{WRAP})?((?:19|20)\d{{2}})\b"
        ))
        .expect("date regex")
    });
    for c in wordy.captures_iter(text) {
        if let Some(iso) = iso_date(
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        ) {
            out.push(full_date(a, text, &c, iso));
        }
    }
    // "ngày 12/01", "Chiều 5/6", "sáng nay (29/9)": day/month with a cue; the part-of-day word
    // stays out of the span, "ngày" goes in
    let dm = re(
        &DAY_MONTH,
        r"(?i)(?:\b(ngày)[\s&&[^\n]]+|\b(?:sáng|chiều|tối|trưa|đêm|hôm)(?:[\s&&[^\n]]+nay)?[\s&&[^\n]]*\(?[\s&&[^\n]]*(?:ngày[\s&&[^\n]]+)?)(\d{1,2})/(\d{1,2})\b",
    );
    for c in dm.captures_iter(text) {
        let (Some(day), Some(mon)) = (c.get(2), c.get(3)) else {
            continue;
        };
        if text[mon.end()..].starts_with('/') {
            continue;
        }
        let d: u32 = day.as_str().parse().unwrap_or(0);
        let m: u32 = mon.as_str().parse().unwrap_or(0);
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            continue;
        }
        let start = c.get(1).map(|g| g.start()).unwrap_or(day.start());
        out.push(cand(
            a,
            start,
            mon.end(),
            Label::Date,
            0.85,
            Some(Norm::Date(DateNorm::Iso(format!("--{m:02}-{d:02}")))),
        ));
    }
    let period = re(
        &PERIOD,
        r"(?i)\b(?:giai đoạn|nhiệm kỳ|thời kỳ|niên khóa)[\s&&[^\n]]+((?:19|20)\d{2})[\s&&[^\n]]*[-–—][\s&&[^\n]]*((?:19|20)\d{2})\b",
    );
    for c in period.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        out.push(cand(
            a,
            g.0,
            g.1,
            Label::Date,
            0.9,
            Some(Norm::Date(DateNorm::Range {
                from: c[1].parse::<u32>().unwrap_or(0),
                to: c[2].parse::<u32>().unwrap_or(0),
            })),
        ));
    }
    let months = re(
        &MONTHS,
        r"(?i)\b(\d{1,2})[\s&&[^\n]]+tháng(?:[\s&&[^\n]]+(?:đầu|cuối))?[\s&&[^\n]]+năm(?:[\s&&[^\n]]+((?:19|20)\d{2}))?\b",
    );
    for c in months.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        let year = c.get(2).and_then(|y| y.as_str().parse::<u32>().ok());
        out.push(cand(
            a,
            g.0,
            g.1,
            Label::Date,
            0.9,
            year.map(|y| Norm::Date(DateNorm::Year(y))),
        ));
    }
    let quarter = re(
        &QUARTER,
        r"(?i)\bquý[\s&&[^\n]]+(IV|III|II|I|[1-4])\b(?:[\s&&[^\n]]*(?:năm[\s&&[^\n]]+|/)((?:19|20)\d{2})\b)?",
    );
    for c in quarter.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        // the pattern takes only what `roman` reads
        let Some(quarter) = roman(&c[1]) else {
            continue;
        };
        let y = c.get(2).and_then(|y| y.as_str().parse::<u32>().ok());
        out.push(cand(
            a,
            g.0,
            g.1,
            Label::Date,
            0.9,
            Some(Norm::Date(DateNorm::Quarter { quarter, year: y })),
        ));
    }
    let month = re(
        &MONTH,
        r"(?i)\btháng[\s&&[^\n]]+(\d{1,2})\b(?:[\s&&[^\n]]*(?:năm[\s&&[^\n]]+|/)((?:19|20)\d{2})\b)?",
    );
    for c in month.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        let m: u32 = c[1].parse().unwrap_or(0);
        if !(1..=12).contains(&m) {
            continue;
        }
        // "10 tháng 5" would be a duration + something else: need no number right before
        let before = text[..g.0].trim_end();
        if before.chars().last().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let y = c.get(2).and_then(|y| y.as_str().parse::<u32>().ok());
        out.push(cand(
            a,
            g.0,
            g.1,
            Label::Date,
            0.85,
            Some(Norm::Date(DateNorm::Month { month: m, year: y })),
        ));
    }
    let year = re(&YEAR, r"(?i)\bnăm[\s&&[^\n]]+((?:19|20)\d{2})\b");
    for c in year.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        // "đến năm 2030" etc. are still dates; the index-year logic weighs them separately
        out.push(cand(
            a,
            g.0,
            g.1,
            Label::Date,
            0.9,
            Some(Norm::Date(DateNorm::Year(c[1].parse::<u32>().unwrap_or(0)))),
        ));
    }
}

/// Where a match that a soft line break cuts keeps its span: from the start of its last line
/// (an entity stays inside one sentence, and sentences do not cross lines). Byte offsets.
fn on_last_line(text: &str, start: usize, end: usize) -> usize {
    let cut = text[start..end]
        .rfind('\n')
        .map_or(start, |p| start + p + 1);
    cut + (text[cut..end].len() - text[cut..end].trim_start().len())
}

/// Whitespace that may hold one soft line break: pages copied from legal-document sites wrap
/// lines mid-sentence ("Nghị quyết số\n01/NQ-CP", "ngày\n10 tháng 12 năm 2013"); a blank line
/// (a new paragraph) never matches.
///
/// Whitespace other than a newline is written `[\s&&[^\n]]` in this module's patterns, not the
/// usual `[^\S\n]`: the same code points (`tests::horizontal_space_class`), but under `(?i)` the
/// regex crate case-folds the complement `\S` (a million code points) before negating it, ~15 ms
/// per occurrence at compile time — 0.9 s of CPU on the first document of every run, in one
/// thread, for the patterns of this module.
const WRAP: &str = r"(?:[\s&&[^\n]]*\n[\s&&[^\n]]*|[\s&&[^\n]]+)";

/// Document kinds written before a document number, with their canonical spelling.
const DOC_KINDS: &[&str] = &[
    "Thông tư liên tịch",
    "Kế hoạch",
    "Quyết định",
    "Nghị quyết",
    "Chỉ thị",
    "Thông tư",
    "Nghị định",
    "Công văn",
    "Thông báo",
    "Luật",
    "Báo cáo",
    "Hướng dẫn",
    "Công điện",
    "Tờ trình",
    "Đề án",
    "Kết luận",
    "Quy định",
    "Pháp lệnh",
    "Văn bản",
    "Chương trình hành động",
    "Chương trình",
    "Phương án",
];

/// The number and symbol of a document ("1291/QĐ-TTg", "42/2013/QH13", "18-NQ/TW", a number
/// with a letter "30c/NQ-CP"), with the stray spaces news text puts in: "19 - NQ/TW",
/// "16 CT-TTg", "11/CT- UBND" (a space after a later separator only before a capital).
const DOC_REF: &str = r"\d+[a-z]?(?:/\d{4})?(?:[\s&&[^\n]]*[/\-–][\s&&[^\n]]*[A-ZĐ][A-ZĐa-z0-9&.]*|[\s&&[^\n]][A-ZĐ]{2,}[/-][0-9A-Za-zĐđ&.]+)(?:[/-][0-9A-Za-zĐđ&.]+|[/-][\s&&[^\n]][A-ZĐ][0-9A-Za-zĐđ&.]*)*";

/// Document kinds by the type code of their symbol (the "QĐ" of "12/QĐ-UBND"; codes of
/// Nghị định 30/2020/NĐ-CP, appendix III), for references written without their kind.
const DOC_CODES: &[(&str, &str)] = &[
    ("QĐ", "Quyết định"),
    ("KH", "Kế hoạch"),
    ("TB", "Thông báo"),
    ("CT", "Chỉ thị"),
    ("NQ", "Nghị quyết"),
    ("KL", "Kết luận"),
    ("BC", "Báo cáo"),
    ("NĐ", "Nghị định"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("HD", "Hướng dẫn"),
    ("TTr", "Tờ trình"),
    ("CĐ", "Công điện"),
    ("QH", "Luật"),
    ("PA", "Phương án"),
    ("UBTVQH", "Nghị quyết"),
];

/// The kind a reference's type code names ("12/QĐ-UBND" → Quyết định; "42/2013/QH13" → Luật).
fn kind_of_code(reference: &str) -> Option<&'static str> {
    let code: String = reference
        .split(['/', '-', '–', ' '])
        .find(|part| part.chars().next().is_some_and(|c| c.is_alphabetic()))?
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    if let Some((_, k)) = DOC_CODES.iter().find(|(c, _)| *c == code) {
        return Some(k);
    }
    // a symbol whose hyphen got lost ("1961/QĐUBND" from a PDF): a known code glued to a
    // known issuer's; "CTr" (a programme) is not "CT", "BCĐ…" (a steering committee) not "BC"
    DOC_CODES
        .iter()
        .find(|(c, _)| {
            code.strip_prefix(c)
                .is_some_and(|rest| GLUED_ISSUERS.contains(&rest))
        })
        .map(|(_, k)| *k)
}

/// Issuer codes that follow a type code in a symbol ("QĐ-UBND", "NĐ-CP", "TT-BNV"), for
/// reading a symbol whose hyphen was lost.
const GLUED_ISSUERS: &[&str] = &[
    "UBND", "HĐND", "CTUBND", "CP", "VPCP", "TTg", "TW", "TU", "BNV", "BTC", "BYT", "BCT", "BTP",
    "BXD", "BCA", "BQP", "BTNMT", "BKHĐT", "BGDĐT", "BLĐTBXH", "BNNPTNT", "BTTTT", "SNV", "STC",
    "STP",
];

/// The kind of a document header whose symbol has no known type code ("Số: 467/CCTTHC"):
/// a "V/v …" subject line under it makes it a Công văn; else the first line after it in
/// capitals that is a kind ("QUYẾT ĐỊNH", "KẾ HOẠCH"). `after` is the text after the symbol.
fn header_kind(after: &str) -> Option<&'static str> {
    let lines = after
        .lines()
        .skip(1)
        .map(|l| l.trim().trim_matches('|').trim())
        .filter(|l| !l.is_empty())
        .take(8);
    for l in lines {
        if l.starts_with("V/v") {
            return Some("Công văn");
        }
        let capitals = l.chars().any(|c| c.is_alphabetic())
            && l.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
        if let Some(k) = DOC_KINDS
            .iter()
            .find(|k| capitals && crate::text::match_key(k) == crate::text::match_key(l))
        {
            return Some(k);
        }
    }
    None
}

/// A reference as written, without trailing punctuation and with the spaces around its
/// separators removed ("19 - NQ/TW" → "19-NQ/TW").
fn clean_ref(r: &str) -> String {
    static SEP: OnceLock<Regex> = OnceLock::new();
    let sep = re(&SEP, r"[\s&&[^\n]]*([/\-–])[\s&&[^\n]]*");
    sep.replace_all(r.trim_end_matches(['.', '-', '/']), "$1")
        .replace('–', "-")
}

/// The references listed after a document's without a kind word of their own, "Tờ trình số
/// 12/TTr-SNV ngày 05/3/2024, 15/TTr-SNV ngày 09/3/2024", "Thông tư 11/2014/TT-BNV và
/// 13/2010/TT-BNV": a symbol right after ",", ";", "và" or "hoặc" (the previous one's date may
/// stand between). Their kind is their type code's, else the listing's. `from` is the byte
/// end of the previous reference.
fn listed_refs(a: &Analysis, mut from: usize, kind: &str, out: &mut Vec<Cand>) {
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let next = NEXT.get_or_init(|| {
        Regex::new(&format!(
            r"^(?i:[\s&&[^\n]]*,?[\s&&[^\n]]*ngày{WRAP}\d{{1,2}}(?:[\s&&[^\n]]*[/.-][\s&&[^\n]]*\d{{1,2}}[\s&&[^\n]]*[/.-][\s&&[^\n]]*|{WRAP}tháng{WRAP}\d{{1,2}}{WRAP}năm{WRAP})(?:19|20)\d{{2}})?(?i:[\s&&[^\n]]*(?:,[\s&&[^\n]]*và|,|;|và|hoặc)[\s&&[^\n]]+(?:số:?[\s&&[^\n]]*)?)({DOC_REF})"
        ))
        .expect("listed doc regex")
    });
    let text = &a.norm.norm.text;
    while let Some(r) = next.captures(&text[from..]).and_then(|c| c.get(1)) {
        let (start, written) = (
            from + r.start(),
            r.as_str().trim_end_matches(['.', '-', '/']),
        );
        let reference = clean_ref(written);
        let kind = kind_of_code(&reference).unwrap_or(kind);
        from = start + written.len();
        out.push(cand(
            a,
            start,
            from,
            Label::Doc,
            0.9,
            Some(doc_norm(kind, reference, false)),
        ));
    }
}

/// DOC candidates: a kind word plus a number/symbol reference ("Quyết định số 1291/QĐ-TTg",
/// "Quyết định số: 59/QĐ-UBND",
/// "Luật Tiếp công dân số 42/2013/QH13", "Chỉ thị số 33" — a bare number only after "số"),
/// and the "Số: 20/TB-VPCP" / "Số hiệu: …" line of a document's header, whose kind comes from
/// the symbol's type code (norm `"header": true`).
pub fn find_docs(a: &Analysis, out: &mut Vec<Cand>) {
    static DOC: OnceLock<Regex> = OnceLock::new();
    static HEADER: OnceLock<Regex> = OnceLock::new();
    let kinds = DOC_KINDS.join("|").replace(' ', WRAP);
    let doc = DOC.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)\b({kinds})(?:{WRAP}(?:\([\s&&[^\n]]*)?(?:số:?{WRAP})?(?-i)({DOC_REF})|(?:,?[\s&&[^\n]]+[\p{{L}}-]+){{1,8}}?[\s&&[^\n]]+số:?{WRAP}(?-i)({DOC_REF})|(?:[\s&&[^\n]]+[\p{{L}}-]+){{0,8}}?[\s&&[^\n]]+số[\s&&[^\n]]+(?-i)(\d+)\b(?:[\s&&[^\n]]*[,;.)]|[\s&&[^\n]]+\p{{Ll}}|$))"
        ))
        .expect("doc regex")
    });
    let header = HEADER.get_or_init(|| {
        Regex::new(&format!(
            r"(?m)(?:^|\|)[\s&&[^\n]]*Số(?:[\s&&[^\n]]+hiệu)?[\s&&[^\n]]*:\s*({DOC_REF})"
        ))
        .expect("doc header regex")
    });
    static KIND: OnceLock<Regex> = OnceLock::new();
    let kind_word =
        KIND.get_or_init(|| Regex::new(&format!(r"(?i)\b(?:{kinds})\b")).expect("doc kind regex"));
    let text = &a.norm.norm.text;
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for c in doc.captures_iter(text) {
        let Some(kind) = c.get(1) else { continue };
        let Some(r) = c.get(2).or(c.get(3)).or(c.get(4)) else {
            continue;
        };
        // the number is the nearest kind's: "quy định tại Nghị định số 178/…" is a Nghị định
        // (unless the symbol's type code names the first: "Quyết định ban hành Kế hoạch số
        // 12/QĐ-UBND")
        let head = &text[..r.start()];
        let first = kind;
        let mut kind = kind;
        while let Some(m) = kind_word.find_at(head, kind.end()) {
            kind = m;
        }
        let code_names_first = !org_head_before(&text[..first.start()])
            && kind_of_code(r.as_str()).is_some_and(|k| {
                crate::text::match_key(k) == crate::text::match_key(first.as_str())
            });
        let kind = if code_names_first { first } else { kind };
        // a kind word inside a body's name is no document: "Bộ Kế hoạch và Đầu tư xếp ở vị
        // trí số 1", "Sở Kế hoạch và Đầu tư số 2 …"; nor is a bare number of a place ("vị trí
        // số 1", "hạng số 3")
        if org_head_before(&text[..kind.start()])
            || c.get(4).is_some() && place_before(&text[..r.start()])
        {
            continue;
        }
        let reference = clean_ref(r.as_str());
        let end = r.start() + r.as_str().trim_end_matches(['.', '-', '/']).len();
        let canonical = DOC_KINDS
            .iter()
            .find(|k| {
                let written = kind
                    .as_str()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                crate::text::match_key(k) == crate::text::match_key(&written)
            })
            .copied()
            .unwrap_or(kind.as_str());
        out.push(cand(
            a,
            on_last_line(text, kind.start(), end),
            end,
            Label::Doc,
            0.95,
            Some(doc_norm(canonical, reference, false)),
        ));
        taken.push((kind.start(), end));
        listed_refs(a, end, canonical, out);
    }
    short_refs(a, &taken, out);
    for c in header.captures_iter(text) {
        let Some(r) = c.get(1) else { continue };
        let reference = clean_ref(r.as_str());
        let Some(kind) = kind_of_code(&reference).or_else(|| header_kind(&text[r.end()..])) else {
            continue;
        };
        let end = r.start() + r.as_str().trim_end_matches(['.', '-', '/']).len();
        out.push(cand(
            a,
            r.start(),
            end,
            Label::Doc,
            0.9,
            Some(doc_norm(kind, reference, true)),
        ));
    }
}

/// Whether `before` ends with the head of a body's name whose next word would be a document
/// kind: "Bộ" / "Sở" / "Phòng" / "Vụ" of "… Kế hoạch và Đầu tư", "Ban" of "Ban Chương trình …".
fn org_head_before(before: &str) -> bool {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    re(&HEAD, r"\b(?:Bộ|Sở|Phòng|Vụ|Cục|Ban|Viện)[^\S\n]*$").is_match(before)
}

/// Whether `before` (up to a bare "số N") ends with a ranking word: "vị trí số 1", "hạng số 3".
fn place_before(before: &str) -> bool {
    static PLACE: OnceLock<Regex> = OnceLock::new();
    re(
        &PLACE,
        r"(?i)\b(?:vị trí|thứ hạng|hạng|vị thứ)[^\S\n]+số[^\S\n]*$",
    )
    .is_match(before)
}

/// The decrees, resolutions and decisions news cites by their number alone, without "số" or
/// a symbol: "theo Nghị định 178 và Nghị định 67 của Chính phủ", "Nghị quyết 18 về …". Only
/// a capitalized kind word (the lower-case verb "quyết định 10 ngày" is not one), a number of
/// 2–4 digits that is not a year, and a word or mark after it that ends the citation.
/// `taken` holds the byte spans of the references already read with their symbol.
fn short_refs(a: &Analysis, taken: &[(usize, usize)], out: &mut Vec<Cand>) {
    static SHORT: OnceLock<Regex> = OnceLock::new();
    let short = re(
        &SHORT,
        r"\b(Nghị định|Nghị quyết|Thông tư|Chỉ thị|Kết luận|Quyết định)[\s&&[^\n]]+(\d{2,4})\b(?:[\s&&[^\n]]*[,;.)]|[\s&&[^\n]]+(?:của|và|về|đã|được)\b|[\s&&[^\n]]+ngày[\s&&[^\n]]+\d|[\s&&[^\n]]*$)",
    );
    let text = &a.norm.norm.text;
    for c in short.captures_iter(text) {
        let (Some(kind), Some(num)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let n = num.as_str();
        let year = n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
        if year
            || taken
                .iter()
                .any(|&(s, e)| kind.start() < e && s < num.end())
        {
            continue;
        }
        out.push(cand(
            a,
            kind.start(),
            num.end(),
            Label::Doc,
            0.85,
            Some(doc_norm(kind.as_str(), n, false)),
        ));
    }
}

/// Whether the words after a "… điểm" make it a place or a thing, not points: "26 điểm cầu",
/// "3 điểm trường", "5 điểm giao dịch". `rest` is the text right after the number's match.
pub fn place_after_diem(rest: &str) -> bool {
    let next: String = rest
        .trim_start()
        .chars()
        .take(24)
        .collect::<String>()
        .to_lowercase();
    [
        "cầu",
        "trường",
        "giao dịch",
        "du lịch",
        "bán",
        "phục vụ",
        "tiếp nhận",
        "đến",
        "nhấn",
        "danh",
        "nóng",
        "thi",
        "dân cư",
        "tập kết",
        "sạt",
        "ngập",
        "chốt",
        "kiểm tra",
        "bưu",
        "tiêm",
        "xét nghiệm",
        "di tích",
        "sáng",
        "trông",
        "đỗ",
        "dừng",
        "tổ chức",
    ]
    .iter()
    .any(|w| {
        next.strip_prefix(w)
            .is_some_and(|r| !r.starts_with(|c: char| c.is_alphabetic()))
    })
}

/// SCORE candidates with "điểm" ("81,47 điểm"). Percentages are handled in `find_percent_scores`.
pub fn find_scores(a: &Analysis, out: &mut Vec<Cand>) {
    static SCORE: OnceLock<Regex> = OnceLock::new();
    // "81,47 điểm", "87,65/100 điểm", "40,62/80 điểm" (out of the index's scale: the score is
    // the first number), "91,77% điểm"
    let score = re(
        &SCORE,
        r"(?i)\b(\d{1,4}(?:[.,]\d{1,4})?)(?:[\s&&[^\n]]*/[\s&&[^\n]]*(?:100|80|60))?(?:[\s&&[^\n]]*%)?[\s&&[^\n]]*điểm\b",
    );
    let text = &a.norm.norm.text;
    for c in score.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        // the number must not be the tail of another ("87,65/100": "100" is not a score)
        if text[..g.0].ends_with('/') || text[..g.0].ends_with(',') {
            continue;
        }
        if place_after_diem(&text[g.1..]) {
            continue;
        }
        // "tăng 3 điểm" is a change, kept as a SCORE span but flagged by the relation layer
        if let Some(v) = parse_vn_number(&c[1], Some(1000.0)) {
            out.push(cand(a, g.0, g.1, Label::Score, 0.9, Some(Norm::Score(v))));
        }
    }
    // the unit written before the number: "với số điểm 70", "đạt điểm số 68,5" (not a scale,
    // "tổng điểm 1.000", "thang điểm 100", and not a number that goes on: "số điểm 70/100")
    static LEAD: OnceLock<Regex> = OnceLock::new();
    let lead = re(
        &LEAD,
        r"(?i)\b(?:số điểm|điểm số)(?:[\s&&[^\n]]+(?:là|đạt))?[\s&&[^\n]]*:?[\s&&[^\n]]*(\d{1,3}(?:[.,]\d{1,4})?)",
    );
    for c in lead.captures_iter(text) {
        let Some(n) = c.get(1) else { continue };
        let rest = &text[n.end()..];
        if rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '/' || ch == '%')
            || rest.trim_start().to_lowercase().starts_with("điểm")
        {
            continue;
        }
        if let Some(v) = parse_vn_number(n.as_str(), Some(100.0)) {
            if v <= 100.0 {
                out.push(cand(
                    a,
                    n.start(),
                    n.end(),
                    Label::Score,
                    0.85,
                    Some(Norm::Score(v)),
                ));
            }
        }
    }
}

/// Percent values ("86,45%") near an index mention: the caller passes the char ranges of the
/// sentences that mention an index; a percent followed by a noun ("96,6% hồ sơ") is a share of
/// something, not a score.
pub fn find_percent_scores(a: &Analysis, index_sentences: &[(usize, usize)], out: &mut Vec<Cand>) {
    static PCT: OnceLock<Regex> = OnceLock::new();
    let pct = re(&PCT, r"\b(\d{1,3}(?:[.,]\d{1,4})?)[\s&&[^\n]]*%");
    let text = &a.norm.norm.text;
    for c in pct.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        let cs = a.norm.norm.char_at_byte(g.0);
        if !index_sentences.iter().any(|&(s, e)| s <= cs && cs < e) {
            continue;
        }
        let after = text[g.1..].trim_start();
        let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        let next_lower = next_word.to_lowercase();
        let follows_noun = !next_word.is_empty()
            && !matches!(
                next_lower.as_str(),
                "xếp"
                    | "đứng"
                    | "tăng"
                    | "giảm"
                    | "và"
                    | "với"
                    | "trong"
                    | "so"
                    | "cao"
                    | "thấp"
                    | "là"
            );
        // "đạt 86,45%", "với 86,45%": the score cue must come right before
        let before: String = text[..g.0]
            .chars()
            .rev()
            .take(24)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let before_lower = before.to_lowercase();
        // "tăng từ 81,82% lên 84,4%": both are values
        let cue = ["đạt", "với", "là", "số", "điểm", ":", "lên", "từ"]
            .iter()
            .any(|w| before_lower.trim_end().ends_with(w));
        if follows_noun || !cue {
            continue;
        }
        if let Some(v) = parse_vn_number(&c[1], Some(100.0)) {
            if v <= 100.0 {
                out.push(cand(a, g.0, g.1, Label::Score, 0.8, Some(Norm::Score(v))));
            }
        }
    }
}

/// RANK candidates: fractions "21/63", "thứ 28/63" in a ranking context.
pub fn find_ranks(a: &Analysis, out: &mut Vec<Cand>) {
    static RANK: OnceLock<Regex> = OnceLock::new();
    let rank = re(
        &RANK,
        r"(?i)(?:\b(thứ)[\s&&[^\n]]+)?\b(\d{1,3})[\s&&[^\n]]*/[\s&&[^\n]]*(\d{1,3})\b",
    );
    let text = &a.norm.norm.text;
    for c in rank.captures_iter(text) {
        let g = c.get(0).map(|g| (g.start(), g.end())).unwrap_or_default();
        if text[g.1..].starts_with('/')
            || text[..g.0].ends_with('/')
            || text[..g.0].ends_with(',')
            || text[..g.0].ends_with('.')
        {
            continue; // part of a date, a document number or a decimal ("87,65/100")
        }
        if text[g.1..].trim_start().starts_with("điểm") {
            continue; // "…/100 điểm" is a score out of 100
        }
        let n: u32 = c[2].parse().unwrap_or(0);
        let d: u32 = c[3].parse().unwrap_or(0);
        if n == 0 || d < 2 || n > d {
            continue;
        }
        let before: String = text[..g.0]
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let before = before.to_lowercase();
        let after: String = text[g.1..]
            .chars()
            .take(30)
            .collect::<String>()
            .to_lowercase();
        let ranking_cue = [
            "xếp hạng",
            "xếp thứ",
            "hạng",
            "vị trí",
            "đứng",
            "xếp",
            "thứ hạng",
            "top",
        ]
        .iter()
        .any(|w| before.contains(w))
            || c.get(1).is_some();
        let date_cue = [
            "ngày", "sáng", "chiều", "tối", "trưa", "hôm", "đêm", "tháng",
        ]
        .iter()
        .any(|w| {
            before.trim_end().ends_with(w) || before.trim_end().ends_with(&format!("{w} nay ("))
        });
        let of_units = after.trim_start().starts_with("tỉnh")
            || after.trim_start().starts_with("bộ")
            || after.trim_start().starts_with("địa phương")
            || after.trim_start().starts_with("sở");
        let typical_den = matches!(
            d,
            63 | 34 | 13 | 14 | 11 | 6 | 5 | 8 | 17 | 18 | 19 | 20 | 21 | 22
        );
        if date_cue || !(ranking_cue || (of_units && typical_den)) {
            continue;
        }
        out.push(cand(
            a,
            g.0,
            g.1,
            Label::Rank,
            0.9,
            Some(Norm::Rank(RankNorm { rank: n, of: d })),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// `[\s&&[^\n]]` (cheap to compile under `(?i)`, see `WRAP`) matches exactly the code points
    /// `[^\S\n]` matches, case-insensitive or not.
    #[test]
    fn horizontal_space_class() {
        let cheap = Regex::new(r"(?i)^[\s&&[^\n]]$").unwrap();
        let usual = Regex::new(r"^[^\S\n]$").unwrap();
        let usual_i = Regex::new(r"(?i)^[^\S\n]$").unwrap();
        let mut matched = 0;
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            let m = cheap.is_match(s);
            assert_eq!(m, usual.is_match(s), "U+{:04X}", c as u32);
            assert_eq!(m, usual_i.is_match(s), "U+{:04X}", c as u32);
            matched += usize::from(m);
        }
        // tab, vertical tab, form feed, carriage return, space, NEL, NBSP, … (not the newline)
        assert!(matched > 20, "{matched}");
        assert!(cheap.is_match(" ") && cheap.is_match("\u{A0}") && !cheap.is_match("\n"));
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(parse_vn_number("81,47", Some(1000.0)), Some(81.47));
        assert_eq!(parse_vn_number("43,118", Some(1000.0)), Some(43.118));
        assert_eq!(parse_vn_number("86.45", Some(100.0)), Some(86.45));
        assert_eq!(parse_vn_number("1.648", None), Some(1648.0));
        assert_eq!(parse_vn_number("43.118", Some(1000.0)), Some(43.118));
        assert_eq!(parse_vn_number("5.975,74", None), Some(5975.74));
        assert_eq!(parse_vn_number("1.234.567", None), Some(1234567.0));
    }

    fn found(s: &str, f: fn(&Analysis, &mut Vec<Cand>)) -> Vec<(String, Option<Value>)> {
        let a = Analysis::new(s);
        let mut out = Vec::new();
        f(&a, &mut out);
        out.into_iter()
            .map(|c| {
                let norm = c
                    .norm
                    .map(|n| serde_json::to_value(n).expect("a norm is JSON"));
                (a.norm.norm.slice(c.start, c.end).to_string(), norm)
            })
            .collect()
    }

    #[test]
    fn dates() {
        let d = found("Chiều 5/6, hội nghị tổng kết giai đoạn 2016 - 2020 và 9 tháng đầu năm 2023, Quý IV năm 2022, tháng 9, ngày 03/02/2021.", find_dates);
        let texts: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        for want in [
            "5/6",
            "giai đoạn 2016 - 2020",
            "9 tháng đầu năm 2023",
            "Quý IV năm 2022",
            "tháng 9",
            "ngày 03/02/2021",
        ] {
            assert!(texts.contains(&want), "{want} not in {texts:?}");
        }
        assert!(!texts.contains(&"Chiều 5/6"));
    }

    #[test]
    fn type_codes_with_a_lost_hyphen_and_header_kinds() {
        assert_eq!(kind_of_code("90/QĐUBND"), Some("Quyết định"));
        assert_eq!(kind_of_code("01/2018/TTVPCP"), Some("Thông tư"));
        assert_eq!(kind_of_code("12/2020/NĐCP"), Some("Nghị định"));
        // a programme's "CTr" is not a directive's "CT"
        assert_eq!(kind_of_code("15/CTr-UBND"), None);
        assert_eq!(
            header_kind("\nV/v đôn đốc thực hiện\nHà Nội, ngày 05 tháng 3 năm 2021"),
            Some("Công văn")
        );
        assert_eq!(
            header_kind(" |\nĐà Lạt, ngày 2 tháng 4 năm 2020 |\nQUYẾT ĐỊNH\nVỀ VIỆC …"),
            Some("Quyết định")
        );
        assert_eq!(
            header_kind("\nHà Nội, ngày 2 tháng 4 năm 2020\nKính gửi: các sở"),
            None
        );
        let d = found(
            "Căn cứ Nghị định số 12/2020/NĐCP ngày 3 tháng 5 2020;",
            find_dates,
        );
        assert_eq!(d[0].1, Some(json!("2020-05-03")), "{d:?}");
    }

    #[test]
    fn a_kind_word_in_a_body_name_or_a_place_number_is_no_document() {
        // "Kế hoạch" of "Bộ/Sở Kế hoạch và Đầu tư" is the body's name; "vị trí số 1" a place
        let d = found(
            "Trong khối bộ, Bộ Kế hoạch và Đầu tư xếp ở vị trí số 1. Sở Kế hoạch và Đầu tư \
             tỉnh đứng thứ 2, Văn bản gửi các sở xếp hạng số 3.",
            find_docs,
        );
        assert!(d.is_empty(), "{d:?}");
        // a document named after the body still counts
        let d = found(
            "Sở Kế hoạch và Đầu tư ban hành Kế hoạch số 45/KH-SKHĐT ngày 3/3/2024.",
            find_docs,
        );
        let refs: Vec<&str> = d
            .iter()
            .filter_map(|x| x.1.as_ref()?["ref"].as_str())
            .collect();
        assert_eq!(refs, vec!["45/KH-SKHĐT"]);
    }

    #[test]
    fn docs_scores_ranks() {
        let d = found(
            "Theo Quyết định số 1291/QĐ-BNV và Nghị quyết 18-NQ/TW, Kế hoạch 12/KH-UBND.",
            find_docs,
        );
        let refs: Vec<String> = d
            .iter()
            .map(|x| x.1.as_ref().unwrap()["ref"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(refs, vec!["1291/QĐ-BNV", "18-NQ/TW", "12/KH-UBND"]);
        let s = found(
            "Chỉ số đạt 81,5 điểm, xếp hạng 12/63 tỉnh, thứ 2/13 khu vực; ngày 5/6 họp.",
            find_scores,
        );
        assert_eq!(s[0].0, "81,5 điểm");
        let s = found("PAR INDEX đạt 87,65/100 điểm, xếp thứ 12/63.", find_scores);
        assert_eq!(
            (s[0].0.as_str(), s[0].1.clone()),
            ("87,65/100 điểm", Some(json!(87.65)))
        );
        let s = found(
            "PAPI đạt 41,3/80 điểm; SIPAS của Bộ X đạt 90,12% điểm.",
            find_scores,
        );
        let got: Vec<(&str, Option<f64>)> = s
            .iter()
            .map(|x| (x.0.as_str(), x.1.as_ref().and_then(|v| v.as_f64())))
            .collect();
        assert_eq!(
            got,
            vec![("41,3/80 điểm", Some(41.3)), ("90,12% điểm", Some(90.12))]
        );
        let s = found(
            "Hội nghị nối 18 điểm cầu và 4 điểm trường; tỉnh đạt 29 điểm.",
            find_scores,
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].0, "29 điểm");
        let s = found(
            "Tỉnh giữ ngôi đầu với số điểm 71, tỉnh kia đạt điểm số 65,4 trên thang điểm 100.",
            find_scores,
        );
        assert_eq!(
            s.iter()
                .map(|x| (x.0.as_str(), x.1.clone()))
                .collect::<Vec<_>>(),
            vec![("71", Some(json!(71.0))), ("65,4", Some(json!(65.4)))]
        );
        let s = found(
            "Bộ chỉ số có tổng điểm 1.000; số điểm 70/100 điểm.",
            find_scores,
        );
        assert!(s.iter().all(|x| x.0 != "70" && x.0 != "1.000"), "{s:?}");
        let r = found("PAR INDEX đạt 87,65/100 điểm, xếp thứ 12/63.", find_ranks);
        assert_eq!(r.len(), 1);
        let r = found(
            "Chỉ số đạt 81,5 điểm, xếp hạng 12/63 tỉnh, thứ 2/13 khu vực; ngày 5/6 họp.",
            find_ranks,
        );
        let texts: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(texts, vec!["12/63", "thứ 2/13"]);
    }
}
