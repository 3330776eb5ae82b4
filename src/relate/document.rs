//! `document` relations: ref – kind – date – signer.
//!
//! Each document reference (DOC entity) gives one relation; later mentions of the same
//! reference fill in a date or signer the first one lacked. Where the values come from:
//! - date: a full date written right after the reference ("Kế hoạch 1275/KH-UBND, ngày
//!   09/11/2023", "Chỉ thị số 33, ngày 16/11/2021"), else one written before it in the same
//!   sentence with "ban hành"/"ký" in between ("Ngày 21/02/2023, UBND tỉnh ban hành Quyết định
//!   số 327/QĐ-UBND"); for a document's own header ("Số: 20/TB-VPCP"), the first full date
//!   after it ("Hà Nội, ngày 03 tháng 02 năm 2023", "Ngày ban hành: 07/05/2018");
//! - signer: the person who "ký"/"ban hành" it in the same sentence — right before it ("Nguyễn
//!   Văn A vừa ký Kế hoạch …"), as the subject with no other person between ("ông B, Phó Chủ
//!   tịch UBND huyện đã kiểm tra và ký báo cáo số …") or after it with "do … ký" ("Kế hoạch số
//!   … do Phó Chủ tịch UBND tỉnh Nguyễn Văn D ký"); one announced for a list of documents
//!   ("A đã ký các quyết định …" then "Cụ thể, tại Quyết định số …"); for a header, the page's "Người ký:"
//!   field or the name under the signature block ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn C").
//!
//! Anything else stays null.

use std::sync::OnceLock;

use regex::Regex;

use super::{relation, Ctx, SentenceView};
use crate::document::{DocumentValues, Entity, Label, Relation, RelationValues};

/// A full ISO date (`YYYY-MM-DD`) of a DATE entity.
fn full_date(e: &Entity) -> Option<String> {
    let iso = e.norm.as_ref()?.iso_date()?;
    (e.label == Label::Date && iso.len() == 10).then(|| iso.to_string())
}

fn re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("document rule regex"))
}

/// The signer a legal-document page names: its "Người ký:" field (or the "| Người ký | … |"
/// / "Người ký: | … |" cells of a metadata table), else the name under its signature block
/// (title lines in capitals, then a name line).
pub fn page_signer(text: &str) -> Option<String> {
    static FIELD: OnceLock<Regex> = OnceLock::new();
    let field = re(
        &FIELD,
        r"Người ký[^\S\n]*(?::[^\S\n]*\|?|\|)[^\S\n]*(\p{Lu}\p{Ll}*(?:[^\S\n]+\p{Lu}\p{Ll}*){1,4})",
    );
    if let Some(c) = field.captures(text) {
        return c.get(1).map(|m| m.as_str().to_string());
    }
    signature_block(text).map(|(name, _)| name)
}

/// The last signature block of a text: (signer's name, the title line right above it).
/// "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A" → ("Nguyễn Văn A", "PHÓ CHỦ TỊCH").
pub fn signature_block(text: &str) -> Option<(String, String)> {
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name_re = re(&NAME, r"^\p{Lu}\p{Ll}+(?:[^\S\n]+\p{Lu}\p{Ll}*){1,4}$");
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_matches('|').trim())
        .filter(|l| !l.is_empty())
        .collect();
    let is_caps_title = |l: &str| {
        let letters: Vec<char> = l.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && l.chars().count() <= 60
    };
    let mut found = None;
    for (i, l) in lines.iter().enumerate() {
        if i == 0 || !name_re.is_match(l) || !is_caps_title(lines[i - 1]) {
            continue;
        }
        let title = lines[i - 1];
        if [
            "CHỦ TỊCH",
            "GIÁM ĐỐC",
            "TRƯỞNG",
            "BÍ THƯ",
            "THỦ TƯỚNG",
            "CHÁNH",
            "PHÓ",
        ]
        .iter()
        .any(|t| title.contains(t))
        {
            found = Some((l.to_string(), title.to_string()));
        }
    }
    found
}

/// A full date before `d` in the same sentence of a hard-wrapped page, whose sentence the
/// line splitter cut at a soft line break ("Ngày 21/4/2015, Thủ tướng Chính\nphủ đã ban hành
/// Chỉ thị số …"): no other DOC between, "ký"/"ban hành" between, and between them one line
/// break at most, no sentence stop, no cell bar and at most 200 chars.
fn wrapped_date_before<'a>(
    ents: &'a [Entity],
    d: &Entity,
    sv: &SentenceView<'_>,
) -> Option<(String, Option<&'a Entity>)> {
    static SIGN: OnceLock<Regex> = OnceLock::new();
    static STOP: OnceLock<Regex> = OnceLock::new();
    let sign = re(&SIGN, r"(?i)\b(?:ký|ban hành)\b");
    let stop = re(&STOP, r"[.!?;:|]\s|\n[^\S\n]*\n");
    let mut prior: Vec<&Entity> = ents.iter().filter(|e| e.end <= d.start).collect();
    prior.sort_by_key(|e| e.start);
    let e = prior
        .iter()
        .rev()
        .take_while(|e| e.label != Label::Doc)
        .find(|e| e.label == Label::Date)?;
    let gap = sv.slice(e.end, d.start);
    let ok = gap.contains('\n')
        && gap.matches('\n').count() == 1
        && !stop.is_match(gap)
        && sign.is_match(gap)
        && gap.chars().count() <= 200;
    ok.then(|| full_date(e).map(|iso| (iso, Some(*e))))
        .flatten()
}

/// Whether the gap between a reference and a DATE is the head of that date cut off by a soft
/// line break, which the caller checks ("Nghị định số 61/2018/NĐ-CP ngày 23 tháng\n4 năm
/// 2018": the DATE entity keeps its last line, "4 năm 2018", its value is the whole date's).
fn wrapped_date_head(gap: &str) -> bool {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = re(
        &HEAD,
        r"^,?\s*ngày\s+\d{1,2}(?:\s+tháng(?:\s+\d{1,2}(?:\s+năm)?)?)?$",
    );
    head.is_match(gap)
}

/// Values read for one reference.
struct DocValues<'a> {
    doc: &'a Entity,
    reference: String,
    kind: Option<String>,
    date: Option<(String, Option<&'a Entity>)>,
    signer: Option<(String, Option<&'a Entity>)>,
    evidence: crate::document::Evidence,
}

/// The signer a sentence announces for the next one: "Ông A, … đã ký 5 quyết định …" then
/// "Cụ thể, … quyết định số 12-QĐ/TU …". Only when the document's sentence opens with "Cụ
/// thể"/"Theo đó" and names nobody before the reference, the previous sentence names no
/// document itself, and its "ký … quyết định" is the document's kind.
fn announced_signer<'e>(
    ents: &'e [Entity],
    prev: &SentenceView<'_>,
    sv: &SentenceView<'_>,
    d: &Entity,
    kind: Option<&str>,
) -> Option<(String, Option<&'e Entity>)> {
    static OPEN: OnceLock<Regex> = OnceLock::new();
    static SIGNED: OnceLock<Regex> = OnceLock::new();
    let open = re(&OPEN, r"^\s*(?i:cụ thể|theo đó)\b");
    let signed = re(
        &SIGNED,
        r"(?i)\bký\b[^.;]{0,40}?\b(quyết định|nghị quyết|chỉ thị|kế hoạch|công văn)\b",
    );
    let lead = sv.slice(sv.start, d.start);
    let named_before = sv
        .ents
        .iter()
        .any(|&k| ents[k].label == Label::Per && ents[k].end <= d.start);
    if !open.is_match(lead) || named_before {
        return None;
    }
    let prev_ents: Vec<&Entity> = prev.ents.iter().map(|&k| &ents[k]).collect();
    if prev_ents.iter().any(|e| e.label == Label::Doc) {
        return None;
    }
    let kind = kind?;
    prev_ents
        .iter()
        .filter(|e| e.label == Label::Per)
        .find_map(|p| {
            let after = prev.slice(p.end, prev.end);
            let c = signed.captures(after)?;
            let gap = c.get(0)?.start();
            let same_kind =
                crate::text::match_key(c.get(1)?.as_str()) == crate::text::match_key(kind);
            (same_kind && after[..gap].chars().count() <= 200).then(|| (p.text.clone(), Some(*p)))
        })
}

/// The signer named after the reference with "do … ký": "Kế hoạch số 64/KH-UBND ngày
/// 12/3/2024 do Phó Chủ tịch UBND tỉnh Nguyễn Văn An ký", "… do ông B, Chủ tịch UBND tỉnh ký
/// ban hành". The first person after the reference, no other reference before them, "do"
/// and the title (at most 80 chars) before them, "ký" right after them or their title.
fn signed_by_after<'e>(
    rest: &[&'e Entity],
    sv: &SentenceView<'_>,
    d: &Entity,
) -> Option<(String, Option<&'e Entity>)> {
    static BY: OnceLock<Regex> = OnceLock::new();
    static SIGNS: OnceLock<Regex> = OnceLock::new();
    let by = re(&BY, r"(?i)\bdo\b[^.;]{0,80}$");
    let signs = re(
        &SIGNS,
        r"(?i)^(?:[\s&&[^\n]]*,[^.;]{0,80}?)?[\s&&[^\n]]*(?:đã[\s&&[^\n]]+|vừa[\s&&[^\n]]+)?ký\b",
    );
    let p = rest
        .iter()
        .take_while(|e| e.label != Label::Doc)
        .find(|e| e.label == Label::Per)?;
    let between = sv.slice(d.end, p.start);
    let ok = between.chars().count() <= 200
        && by.is_match(between)
        && signs.is_match(sv.slice(p.end, sv.end));
    ok.then(|| (p.text.clone(), Some(*p)))
}

/// "… được ban hành ngày 17/9/2001 tại Quyết định số 136/QĐ-TTg": the date right after
/// "ban hành"/"ký", and only "tại"/"theo"/"kèm theo"/"bằng" between it and the reference.
fn issued_on_in(sv: &SentenceView<'_>, date: &Entity, d: &Entity) -> bool {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    static GAP: OnceLock<Regex> = OnceLock::new();
    let lead = re(&LEAD, r"(?i)\b(?:ban hành|ký)(?:\s+vào)?\s*$");
    let gap = re(&GAP, r"(?i)^\s*,?\s*(?:tại|theo|kèm theo|bằng)\s*$");
    lead.is_match(sv.slice(sv.start, date.start)) && gap.is_match(sv.slice(date.end, d.start))
}

/// The signer a sentence announces for a list told in the sentences after it: "Ông A ký các
/// quyết định …" then "Cụ thể, tại Quyết định số 1 …", "Đồng thời, tại Quyết định số 2 …".
/// Only for a plural announcement ("các"/"những"/a count before the kind) of the document's
/// kind, at most 8 sentences back, when the document's sentence names nobody and signs or
/// issues nothing before the reference ("Ban Thường vụ ban hành Quyết định …" has its own
/// issuer), and no sentence in between signs anything or names a document of another kind.
fn listed_signer<'e>(
    ents: &'e [Entity],
    before: &[SentenceView<'_>],
    sv: &SentenceView<'_>,
    d: &Entity,
    kind: Option<&str>,
) -> Option<(String, Option<&'e Entity>)> {
    static SIGN: OnceLock<Regex> = OnceLock::new();
    static PLURAL: OnceLock<Regex> = OnceLock::new();
    static JOINT: OnceLock<Regex> = OnceLock::new();
    let sign = re(&SIGN, r"(?i)\b(?:ký|ban hành)\b");
    let joint_re = re(&JOINT, r"^\s*(?:,|và)\s*[^.;,]{0,40}$");
    let plural = re(
        &PLURAL,
        r"(?i)^[^.;]{0,40}?\bký\b[^.;]{0,40}?\b(?:các|những|\d+|hai|ba|bốn|năm)\s+(quyết định|nghị quyết|chỉ thị|kế hoạch|công văn)\b",
    );
    let kind = crate::text::match_key(kind?);
    let named_before = sv
        .ents
        .iter()
        .any(|&k| ents[k].label == Label::Per && ents[k].end <= d.start);
    if named_before || sign.is_match(sv.slice(sv.start, d.start)) {
        return None;
    }
    for s in before.iter().rev().take(8) {
        let es: Vec<&Entity> = s.ents.iter().map(|&k| &ents[k]).collect();
        let other_kind = es.iter().any(|e| {
            e.label == Label::Doc
                && e.norm
                    .as_ref()
                    .and_then(|n| n.doc())
                    .map(|d| d.kind.as_str())
                    .is_some_and(|k| crate::text::match_key(k) != kind)
        });
        if other_kind {
            return None;
        }
        if !sign.is_match(s.slice(s.start, s.end)) {
            continue;
        }
        // the first signing sentence back: it announces this list, or nothing does
        let has_doc = es.iter().any(|e| e.label == Label::Doc);
        // two signers announced together ("Chủ tịch Quốc hội A, Phó Chủ tịch Quốc hội B đã ký
        // các nghị quyết"): which one signed which is not told
        let people: Vec<&&Entity> = es.iter().filter(|e| e.label == Label::Per).collect();
        let joint = people
            .windows(2)
            .any(|w| joint_re.is_match(s.slice(w[0].end, w[1].start)));
        if joint {
            return None;
        }
        return es
            .iter()
            .filter(|e| e.label == Label::Per)
            .find_map(|p| {
                let c = plural.captures(s.slice(p.end, s.end))?;
                (crate::text::match_key(c.get(1)?.as_str()) == kind)
                    .then(|| (p.text.clone(), Some(*p)))
            })
            .filter(|_| !has_doc);
    }
    None
}

/// The date that ends a document's list line: "– Quyết định số 12/QĐ-UBND về việc thành lập
/// Ban chỉ đạo …, ngày 8 tháng 9 năm 2016" (a page listing documents one per line, each with
/// its subject before its date). Only when nothing but the subject stands between (no other
/// document or date, no line break or sentence end), "ngày" opens the date (not "kể từ ngày",
/// "đến ngày": when it takes effect), and the line ends right after it.
fn line_end_date<'e>(
    ents: &'e [Entity],
    d: &Entity,
    sv: &SentenceView<'_>,
) -> Option<(String, Option<&'e Entity>)> {
    let e = ents
        .iter()
        .filter(|e| e.start >= d.end)
        // a period in the subject ("giai đoạn 2017-2020") is not a date of issue
        .filter(|e| e.label == Label::Doc || (e.label == Label::Date && full_date(e).is_some()))
        .min_by_key(|e| e.start)
        .filter(|e| e.label == Label::Date)?;
    let gap = sv.slice(d.end, e.start);
    let closed = gap.contains('\n') || gap.contains(". ") || gap.contains(';');
    if closed || gap.chars().count() > 250 {
        return None;
    }
    // "… kể từ ngày 13/11/2025", "có hiệu lực đến ngày …": when it takes effect, not its date
    let lower_gap = gap.trim_end().to_lowercase();
    let date_text = e.text.to_lowercase();
    let lead = match date_text.strip_prefix("ngày") {
        Some(_) => format!("{lower_gap} ngày"),
        None => lower_gap.clone(),
    };
    if [" từ ngày", " đến ngày"].iter().any(|w| lead.ends_with(w)) {
        return None;
    }
    let opens = lower_gap.ends_with("ngày") || e.text.to_lowercase().starts_with("ngày");
    let rest = &sv.doc_text[sv.char_bytes[e.end.min(sv.char_bytes.len() - 1)]..];
    let line_ends = rest
        .split('\n')
        .next()
        .is_some_and(|l| l.trim().trim_matches(['.', ';', ',', ')']).is_empty());
    (opens && line_ends)
        .then(|| full_date(e).map(|iso| (iso, Some(e))))
        .flatten()
}

pub fn find(ctx: &Ctx<'_>, sentences: &[SentenceView<'_>]) -> Vec<Relation> {
    static SIGN: OnceLock<Regex> = OnceLock::new();
    let sign = re(&SIGN, r"(?i)\b(?:ký|ban hành)\b");
    let ents = ctx.entities;
    let text = sentences.first().map(|s| s.doc_text).unwrap_or("");
    let mut found: Vec<DocValues<'_>> = Vec::new();
    for (si, sv) in sentences.iter().enumerate() {
        let es: Vec<&Entity> = sv.ents.iter().map(|&i| &ents[i]).collect();
        for (i, d) in es.iter().enumerate() {
            if d.label != Label::Doc {
                continue;
            }
            let Some(norm) = d.norm.as_ref() else {
                continue;
            };
            let doc = norm.doc();
            let reference = doc.map_or(d.text.as_str(), |n| &n.reference).to_string();
            let kind = doc.map(|n| n.kind.clone());
            let header = doc.is_some_and(|n| n.header);
            // date right after: gap of at most ", " / " ban hành" / " được ban hành"; the next
            // entity of the whole text, so a soft line wrap between them does not hide it
            let next = ents
                .iter()
                .filter(|e| e.start >= d.end)
                .min_by_key(|e| e.start);
            let after = next.filter(|e| e.label == Label::Date).and_then(|e| {
                let raw = sv.slice(d.end, e.start);
                let gap = raw.trim().to_lowercase();
                let ok = matches!(
                    gap.as_str(),
                    "" | "," | "ban hành" | "được ban hành" | ", ban hành" | "ngày" | ", ngày"
                ) || (raw.contains('\n') && wrapped_date_head(&gap));
                ok.then(|| full_date(e).map(|iso| (iso, Some(e)))).flatten()
            });
            // date before, in the same sentence: "Ngày …, UBND tỉnh ban hành Quyết định …"
            let before = || {
                es[..i]
                    .iter()
                    .rev()
                    .take_while(|e| e.label != Label::Doc)
                    .find(|e| e.label == Label::Date)
                    .filter(|e| sign.is_match(sv.slice(e.end, d.start)) || issued_on_in(sv, e, d))
                    .and_then(|e| full_date(e).map(|iso| (iso, Some(*e))))
                    .or_else(|| wrapped_date_before(ents, d, sv))
            };
            // a document's own header: the first full date after it
            let header_date = || {
                ents.iter()
                    .filter(|e| e.start >= d.end && e.start <= d.end + 300)
                    .find_map(|e| full_date(e).map(|iso| (iso, Some(e))))
            };
            let date = if header {
                after.or_else(header_date)
            } else {
                after.or_else(before).or_else(|| line_end_date(ents, d, sv))
            };
            // signer: the person who signs it in this sentence
            let signer = es[..i]
                .iter()
                .enumerate()
                .rev()
                .find(|(_, p)| p.label == Label::Per)
                .filter(|(k, p)| {
                    let between = sv.slice(p.end, d.start);
                    let no_other_doc = !es[k + 1..i].iter().any(|e| e.label == Label::Doc);
                    no_other_doc && sign.is_match(between) && between.chars().count() <= 200
                })
                .map(|(_, p)| (p.text.clone(), Some(*p)));
            let signer = signer.or_else(|| signed_by_after(&es[i + 1..], sv, d));
            let signer = if header {
                signer.or_else(|| page_signer(text).map(|n| (n, None)))
            } else {
                signer
                    .or_else(|| {
                        let prev = si.checked_sub(1).and_then(|k| sentences.get(k))?;
                        announced_signer(ents, prev, sv, d, kind.as_deref())
                    })
                    .or_else(|| listed_signer(ents, &sentences[..si], sv, d, kind.as_deref()))
            };
            found.push(DocValues {
                doc: d,
                reference,
                kind,
                date,
                signer,
                evidence: sv.evidence(),
            });
        }
    }
    // one relation per reference: later mentions fill in what the first lacked
    let mut merged: Vec<DocValues<'_>> = Vec::new();
    for f in found {
        match merged.iter_mut().find(|m| m.reference == f.reference) {
            Some(m) => {
                if m.date.is_none() {
                    m.date = f.date;
                }
                if m.signer.is_none() {
                    m.signer = f.signer;
                }
                if m.kind.is_none() {
                    m.kind = f.kind;
                }
            }
            None => merged.push(f),
        }
    }
    merged
        .into_iter()
        .map(|m| {
            let values = RelationValues::Document(DocumentValues {
                reference: m.reference.clone(),
                kind: m.kind.clone(),
                date: m.date.as_ref().map(|d| d.0.clone()),
                signer: m.signer.as_ref().map(|p| p.0.clone()),
                extra: Default::default(),
            });
            let mut args = vec![("doc", m.doc)];
            if let Some((_, Some(e))) = &m.date {
                args.push(("date", e));
            }
            if let Some((_, Some(p))) = &m.signer {
                args.push(("signer", p));
            }
            relation(args, values, m.evidence, "doc-ref", 0.9)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_block_and_signer_field() {
        let page = "Điều 3. Quyết định có hiệu lực./.\n|\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n|";
        assert_eq!(
            signature_block(page),
            Some(("Trần Văn Bình".to_string(), "PHÓ CHỦ TỊCH".to_string()))
        );
        assert_eq!(page_signer(page).as_deref(), Some("Trần Văn Bình"));
        let meta = "Số hiệu: 12/QĐ-UBND Loại văn bản: Quyết định\nNgười ký: Hà Thị Mai\n";
        assert_eq!(page_signer(meta).as_deref(), Some("Hà Thị Mai"));
        let table = "| Số hiệu | 4/CT-UBND |\n| Người ký | Vi Văn Sơn |\n";
        assert_eq!(page_signer(table).as_deref(), Some("Vi Văn Sơn"));
        let cells = "Nơi ban hành: | Tỉnh Sóc Trăng | Người ký: | Đỗ Văn Hùng |\n";
        assert_eq!(page_signer(cells).as_deref(), Some("Đỗ Văn Hùng"));
        assert_eq!(
            signature_block("Hội nghị\nTHÀNH CÔNG TỐT ĐẸP\nNăm Mới"),
            None
        );
    }
}
