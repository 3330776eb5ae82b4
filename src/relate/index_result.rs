//! `index_result` relations: index – province – year – score – rank (+ region rank, change).
//!
//! A sentence is cut into clauses at each index mention (an index followed by its own name in
//! brackets, "Chỉ số CCHC (PAR Index)", is one mention); each clause gives at most one result,
//! built from the SCORE and RANK entities and the words in it:
//! - rank: a fraction "21/63" (national when out of 63/34 or followed by "cả nước" / "tỉnh,
//!   thành"), "thứ 28", "vị trí thứ 39", "đứng đầu"/"quán quân" (1), "á quân" (2),
//!   "đứng cuối"/"xếp cuối" (last); a fraction followed by "khu vực"/"vùng" or out of the
//!   region's size is the region rank;
//! - rank_change: "tăng 3 bậc" (+3), "giảm 2 bậc"/"tụt 2 bậc" (−2);
//! - year: the year written right after the index ("PAR INDEX 2021", "năm 2021"), else the
//!   year written before it in the sentence, else the year of the previous index sentence, else
//!   the year before publication (indices are announced the year after they measure);
//! - province: a province named in the clause or right before the index, else the article's;
//! - scope: "district" / "department" for internal rankings ("cấp huyện", "các sở, ngành"),
//!   "region" / "national" for averages ("trung bình cả nước", "bình quân khu vực"), else
//!   "province". Only scope "province" results are facts about a province.
//!
//! A prior-year value stated in the clause ("từ vị trí 63 năm 2020") gives its own result.
//! Clauses with neither a score nor a rank give nothing.

use regex::Regex;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

use super::province::entity_province;
use super::{relation, Ctx, SentenceView};
use crate::document::{Entity, Relation, RelationType};

fn re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("index rule regex"))
}

/// Region value as reports write it: the short form where there is one ("ĐBSCL").
fn region_value(ctx: &Ctx<'_>, canonical: &str) -> String {
    let r = ctx
        .rules
        .gaz
        .regions
        .iter()
        .find(|r| r.canonical == canonical);
    r.and_then(|r| {
        r.aliases
            .iter()
            .find(|a| a.chars().count() >= 3 && a.chars().all(|c| c.is_uppercase() || c == '&'))
            .cloned()
    })
    .unwrap_or_else(|| canonical.to_string())
}

fn region_size(ctx: &Ctx<'_>, canonical: &str) -> Option<u32> {
    ctx.rules
        .gaz
        .regions
        .iter()
        .find(|r| r.canonical == canonical)?
        .provinces
}

struct Clause<'a> {
    index: &'a Entity,
    /// char range of the clause in the original text
    start: usize,
    end: usize,
}

fn year_of_date(e: &Entity) -> Option<u32> {
    if e.label != "DATE" {
        return None;
    }
    let v = e.norm.as_ref()?;
    if let Some(y) = v.as_u64() {
        return Some(y as u32);
    }
    if let Some(y) = v.get("year").and_then(|y| y.as_u64()) {
        return Some(y as u32);
    }
    None
}

pub fn find(ctx: &Ctx<'_>, sentences: &[SentenceView<'_>]) -> Vec<Relation> {
    let ents = ctx.entities;
    let mut out = Vec::new();
    let mut last_year: Option<u32> = None;
    // the index named in the previous sentence, for results stated in the next one
    // ("… công bố Chỉ số PAR INDEX 2023. Theo đó, tỉnh X đứng thứ 18/63 …")
    let mut previous: Option<(&Entity, usize)> = None;
    for sv in sentences {
        let es: Vec<&Entity> = sv.ents.iter().map(|&i| &ents[i]).collect();
        // index mentions, merging "X (Y)" pairs that name the same index
        let mut mentions: Vec<&Entity> = Vec::new();
        for e in es.iter().filter(|e| e.label == "INDEX") {
            if let Some(prev) = mentions.last() {
                let gap = sv.slice(prev.end, e.start).trim().to_string();
                if (gap == "(" || gap.is_empty()) && prev.norm == e.norm {
                    continue;
                }
            }
            mentions.push(e);
        }
        if mentions.is_empty() {
            let has_values = es
                .iter()
                .any(|e| matches!(e.label.as_str(), "SCORE" | "RANK"));
            if let (Some((idx, start)), true) = (previous.take(), has_values) {
                let clause = Clause {
                    index: idx,
                    start: sv.start,
                    end: sv.end,
                };
                let wide = SentenceView {
                    doc_text: sv.doc_text,
                    char_bytes: sv.char_bytes,
                    start,
                    end: sv.end,
                    ents: sv.ents.clone(),
                };
                if let Some(mut results) =
                    clause_results(ctx, &wide, &es, &clause, sv.start, &mut last_year)
                {
                    for r in &mut results {
                        r.rule = format!("{}-next-sentence", r.rule);
                    }
                    out.append(&mut results);
                }
            }
            continue;
        }
        previous = mentions.last().map(|m| (*m, sv.start));
        for (mi, idx) in mentions.iter().enumerate() {
            let end = mentions.get(mi + 1).map(|n| n.start).unwrap_or(sv.end);
            let clause = Clause {
                index: idx,
                start: idx.start,
                end,
            };
            let before_start = if mi == 0 {
                sv.start
            } else {
                mentions[mi - 1].end
            };
            if let Some(mut results) =
                clause_results(ctx, sv, &es, &clause, before_start, &mut last_year)
            {
                out.append(&mut results);
            }
        }
    }
    out
}

fn clause_results(
    ctx: &Ctx<'_>,
    sv: &SentenceView<'_>,
    es: &[&Entity],
    c: &Clause<'_>,
    before_start: usize,
    last_year: &mut Option<u32>,
) -> Option<Vec<Relation>> {
    static CHANGE: OnceLock<Regex> = OnceLock::new();
    static ORDINAL: OnceLock<Regex> = OnceLock::new();
    static PRIOR: OnceLock<Regex> = OnceLock::new();
    let in_clause = |e: &&&Entity| e.start >= c.start && e.end <= c.end;
    let text = sv.slice(c.start, c.end);
    let lower = text.to_lowercase();
    let before_all = sv.slice(before_start, c.start).to_lowercase();
    // the words of the same phrase before the index (after the last , ; :)
    let before = before_all
        .rsplit([',', ';', ':'])
        .next()
        .unwrap_or("")
        .to_string();

    // year
    let year_after = es
        .iter()
        .filter(in_clause)
        .find(|e| e.label == "DATE" && sv.slice(c.index.end, e.start).trim().is_empty())
        .and_then(|e| year_of_date(e))
        .or_else(|| {
            // "PAR INDEX 2021"
            let after = sv.slice(c.index.end, c.end.min(c.index.end + 8));
            let digits: String = after
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            digits
                .parse::<u32>()
                .ok()
                .filter(|y| (2000..=2100).contains(y))
        });
    let year_before = es
        .iter()
        .filter(|e| e.start >= before_start && e.end <= c.index.start)
        .filter_map(|e| year_of_date(e))
        .next_back();
    let year = year_after
        .or(year_before)
        .or(*last_year)
        .or(ctx.published_year.map(|y| y - 1));
    if year_after.or(year_before).is_some() {
        *last_year = year_after.or(year_before);
    }

    // score
    let score = es
        .iter()
        .filter(in_clause)
        .find(|e| e.label == "SCORE")
        .and_then(|e| e.norm.as_ref())
        .and_then(|v| v.as_f64());

    // ranks
    let mut rank: Option<(u64, Option<u64>)> = None;
    let mut region_rank: Option<(u64, u64)> = None;
    let mut region: Option<String> = None;
    let region_locs: Vec<String> = es
        .iter()
        .filter(in_clause)
        .filter(|e| e.label == "LOC")
        .filter_map(|e| e.norm.as_ref()?.get("region")?.as_str().map(str::to_string))
        .collect();
    let ranks: Vec<&&Entity> = es
        .iter()
        .filter(in_clause)
        .filter(|e| e.label == "RANK")
        .collect();
    for (ri, r) in ranks.iter().enumerate() {
        let Some(v) = r.norm.as_ref() else { continue };
        let (Some(n), Some(d)) = (
            v.get("rank").and_then(|x| x.as_u64()),
            v.get("of").and_then(|x| x.as_u64()),
        ) else {
            continue;
        };
        let next_start = ranks.get(ri + 1).map(|x| x.start).unwrap_or(c.end);
        let after = sv.slice(r.end, next_start).to_lowercase();
        let regional_words =
            after.contains("khu vực") || after.contains("vùng") || after.contains("miền");
        let region_here = es
            .iter()
            .filter(|e| e.label == "LOC" && e.start >= r.end && e.end <= next_start)
            .find_map(|e| e.norm.as_ref()?.get("region")?.as_str().map(str::to_string));
        let region_sized = region_locs
            .iter()
            .any(|rg| region_size(ctx, rg) == Some(d as u32));
        if d != 63 && d != 34 && (regional_words || region_here.is_some() || region_sized) {
            region_rank = Some((n, d));
            region = region_here.or_else(|| region_locs.first().cloned());
        } else if rank.is_none() {
            rank = Some((n, Some(d)));
        }
    }
    if rank.is_none() {
        let ordinal = re(
            &ORDINAL,
            r"(?:xếp|đứng|vị trí|hạng)(?: hạng)?(?: ở)?(?: vị trí)? thứ (\d{1,2})\b|(đứng đầu|dẫn đầu|quán quân|á quân|đứng cuối|xếp cuối|đội sổ)",
        );
        if let Some(m) = ordinal.captures(&lower) {
            // not the "từ vị trí … năm …" prior value
            let prior = m
                .get(0)
                .map(|g| lower[..g.start()].trim_end().ends_with("từ"))
                .unwrap_or(false);
            if !prior {
                if let Some(n) = m.get(1).and_then(|x| x.as_str().parse::<u64>().ok()) {
                    let of = if lower.contains("cả nước")
                        || lower.contains("toàn quốc")
                        || lower.contains("63 tỉnh")
                    {
                        Some(63)
                    } else {
                        None
                    };
                    rank = Some((n, of));
                } else if let Some(w) = m.get(2) {
                    rank = match w.as_str() {
                        "đứng đầu" | "dẫn đầu" | "quán quân" => Some((1, None)),
                        "á quân" => Some((2, None)),
                        _ => Some((63, Some(63))),
                    };
                }
            }
        }
    }
    let change = re(
        &CHANGE,
        r"(tăng|giảm|tụt|lên|xuống)(?: thêm)? (\d{1,2}) (?:bậc|hạng|vị trí)",
    );
    let rank_change = change.captures(&lower).and_then(|m| {
        let n: i64 = m[2].parse().ok()?;
        Some(if matches!(&m[1], "giảm" | "tụt" | "xuống") {
            -n
        } else {
            n
        })
    });
    if score.is_none() && rank.is_none() && region_rank.is_none() {
        return None;
    }

    // province
    let province_in = |from: usize, to: usize| {
        es.iter()
            .filter(|e| e.start >= from && e.end <= to && matches!(e.label.as_str(), "LOC" | "ORG"))
            .filter(|e| e.norm.as_ref().is_some_and(|v| v.is_string()) || e.label == "ORG")
            .find_map(|e| entity_province(e))
    };
    let explicit = province_in(c.index.end, c.end).or_else(|| {
        es.iter()
            .filter(|e| {
                e.start >= before_start
                    && e.end <= c.index.start
                    && matches!(e.label.as_str(), "LOC" | "ORG")
            })
            .filter_map(|e| entity_province(e))
            .next_back()
    });
    let (province, province_source) = match explicit.clone() {
        Some(p) => (Some(p), "explicit"),
        None => (ctx.article_province.clone(), "article"),
    };

    // scope
    let context = format!("{before} {lower}");
    let district_loc = es
        .iter()
        .filter(|e| e.start >= before_start && e.end <= c.end && e.label == "LOC")
        .any(|e| e.norm.as_ref().is_some_and(|v| v.get("unit").is_some()));
    let scope = if ["trung bình", "bình quân"]
        .iter()
        .any(|w| context.contains(w))
    {
        if context.contains("cả nước") || context.contains("toàn quốc") {
            "national"
        } else {
            "region"
        }
    } else if ["cấp huyện", "các huyện", "cấp xã", "các xã"]
        .iter()
        .any(|w| context.contains(w))
        || district_loc && explicit.is_none()
    {
        "district"
    } else if ["cấp sở", "các sở", "sở, ban, ngành", "sở, ngành"]
        .iter()
        .any(|w| context.contains(w))
        || c.index.norm.as_ref().and_then(|v| v.as_str()) == Some("DDCI")
    {
        "department"
    } else if ["các bộ", "cấp bộ", "bộ, cơ quan ngang bộ"]
        .iter()
        .any(|w| context.contains(w))
    {
        "ministry"
    } else {
        "province"
    };

    let index_name = c
        .index
        .norm
        .as_ref()
        .and_then(|v| v.as_str())
        .unwrap_or(&c.index.text)
        .to_string();
    let num = |x: Option<u64>| x.map(Value::from).unwrap_or(Value::Null);
    let mut values = Map::new();
    values.insert("index".into(), json!(index_name));
    values.insert(
        "province".into(),
        province.clone().map(Value::from).unwrap_or(Value::Null),
    );
    values.insert("province_source".into(), json!(province_source));
    values.insert("scope".into(), json!(scope));
    values.insert("year".into(), year.map(Value::from).unwrap_or(Value::Null));
    values.insert(
        "score".into(),
        score.map(|s| json!(s)).unwrap_or(Value::Null),
    );
    values.insert("rank".into(), num(rank.map(|r| r.0)));
    values.insert("rank_of".into(), num(rank.and_then(|r| r.1)));
    values.insert(
        "region".into(),
        region
            .as_deref()
            .map(|r| json!(region_value(ctx, r)))
            .unwrap_or(Value::Null),
    );
    values.insert("region_rank".into(), num(region_rank.map(|r| r.0)));
    values.insert("region_of".into(), num(region_rank.map(|r| r.1)));
    values.insert(
        "rank_change".into(),
        rank_change.map(Value::from).unwrap_or(Value::Null),
    );

    let mut args: Vec<(&str, &Entity)> = vec![("index", c.index)];
    if let Some(s) = es.iter().filter(in_clause).find(|e| e.label == "SCORE") {
        args.push(("score", s));
    }
    if let Some(r) = ranks.first() {
        args.push(("rank", r));
    }
    let mut results = vec![relation(
        RelationType::IndexResult,
        args,
        values.clone(),
        sv.evidence(),
        "index-clause",
        0.85,
    )];

    // prior-year value: "từ vị trí 63 của năm 2020", "so với vị trí thứ 40 năm 2020"
    let prior = re(
        &PRIOR,
        r"(?:từ|so với)(?: vị trí| hạng| vị trí thứ| thứ)+ (\d{1,2})(?:/(\d{1,2}))?(?: của)?(?: năm)? ((?:19|20)\d{2})",
    );
    if let Some(m) = prior.captures(&lower) {
        let n: u64 = m[1].parse().unwrap_or(0);
        let y: u64 = m[3].parse().unwrap_or(0);
        if n > 0 && Some(y as u32) != year {
            let mut v = values;
            v.insert("year".into(), json!(y));
            v.insert("score".into(), Value::Null);
            v.insert("rank".into(), json!(n));
            v.insert(
                "rank_of".into(),
                m.get(2)
                    .and_then(|d| d.as_str().parse::<u64>().ok())
                    .map(Value::from)
                    .unwrap_or(Value::Null),
            );
            v.insert("region".into(), Value::Null);
            v.insert("region_rank".into(), Value::Null);
            v.insert("region_of".into(), Value::Null);
            v.insert("rank_change".into(), Value::Null);
            results.push(relation(
                RelationType::IndexResult,
                vec![("index", c.index)],
                v,
                sv.evidence(),
                "index-prior-year",
                0.7,
            ));
        }
    }
    Some(results)
}
