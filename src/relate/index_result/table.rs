//! Ranking tables flattened to text, one row per line, read as index results.
//!
//! Crawled pages keep a ranking table as lines of cells separated by spaces or "|":
//! - a header naming the unit column, a score column and a rank column, then rows of a
//!   province, its numbers (sub-indices first), the score, the rank and a tier word
//!   ("Tỉnh … Điểm số PCI Bảng xếp hạng Xếp loại" / "Quảng Ninh 7.98 … 73.02 1 Rất tốt");
//! - a run of at least three rows "rank province [numbers]" under a heading that says they
//!   are ranked ("Xếp hạng DTI" / "1 TP. Đà Nẵng"); the score only when the row has a single
//!   number after the name;
//! - a "|" table whose header cells are years ("Năm | 2022 | 2023 |"): a row named by a
//!   province gives that province's scores per year, a row "Điểm số …" or "Xếp hạng" the
//!   scores or ranks of the province the table is about (named in the lines just before it).
//!
//! The index is the one named in the header or the lines just before it (else the last one
//! named earlier in the article); the year is one written there, else the previous table's,
//! else the year the article gives that index, else none. It does not read sub-index rows
//! ("Gia nhập thị trường 8,59 32 …": not a province), tables without a rank or score
//! column, or rows whose rank is not a place out of 63.

use regex::Regex;
use std::sync::OnceLock;

use super::super::{Ctx, SentenceView};
use crate::document::Label;
use crate::rules::numeric::parse_vn_number;

/// One table row: a province's value for an index.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    pub index: String,
    /// the index entity named in the row's header, when there is one
    pub index_ent: Option<usize>,
    pub province: String,
    pub year: Option<u32>,
    pub score: Option<f64>,
    pub rank: Option<u32>,
    /// original char range of the row's line
    pub evidence: (usize, usize),
}

/// A content line: its text and the entities in it.
struct Line<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    ents: Vec<usize>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid table regex"))
}

/// The content lines of the article, from its sentences (a line's sentences are joined).
fn content_lines<'a>(sentences: &'a [SentenceView<'a>], line_of: &[usize]) -> Vec<Line<'a>> {
    let mut out: Vec<(usize, Line<'a>)> = Vec::new();
    for (sv, &l) in sentences.iter().zip(line_of) {
        match out.last_mut() {
            Some((last, line)) if *last == l => {
                line.end = sv.end;
                line.text = sv.slice(line.start, sv.end);
                line.ents.extend(&sv.ents);
            }
            _ => out.push((
                l,
                Line {
                    text: sv.slice(sv.start, sv.end),
                    start: sv.start,
                    end: sv.end,
                    ents: sv.ents.clone(),
                },
            )),
        }
    }
    out.into_iter().map(|(_, l)| l).collect()
}

/// The last index named in a line, with its entity.
fn line_index(ctx: &Ctx<'_>, line: &Line<'_>) -> Option<(String, usize)> {
    line.ents.iter().rev().find_map(|&k| {
        let e = ctx.entities.get(k)?;
        if e.label != Label::Index {
            return None;
        }
        let n = e.norm.as_ref().and_then(|v| v.name()).unwrap_or(&e.text);
        Some((n.to_string(), k))
    })
}

/// A measured year written in a line ("NĂM 2022", "PGI 2023"); not a span ("2011 - 2022").
fn line_year(text: &str) -> Option<u32> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let y = re(&YEAR, r"\b(?:19|20)\d{2}\b");
    y.find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].trim_end();
            let after = text[m.end()..].trim_start();
            !before.ends_with(['-', '–']) && !after.starts_with(['-', '–'])
        })
        .filter_map(|m| m.as_str().parse().ok())
        .last()
}

/// The numbers of a row's cells; `None` for a cell that is not a number ("N/A").
fn number(cell: &str) -> Option<f64> {
    if !cell.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    parse_vn_number(cell, Some(1000.0))
}

/// "Quảng Ninh 7.98 … 73.02 1 Rất tốt" → (province name, numbers); the name must be a
/// province, the numbers may end in up to three tier words.
fn province_row<'a>(ctx: &'a Ctx<'_>, text: &str) -> Option<(&'a str, Vec<f64>)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let first_num = tokens
        .iter()
        .position(|t| t.starts_with(|c: char| c.is_ascii_digit()) || *t == "N/A")?;
    if first_num == 0 {
        return None;
    }
    let name = tokens[..first_num].join(" ");
    let province = ctx.rules.gaz.province_by_name(&name)?;
    let mut nums = Vec::new();
    let mut tail_words = 0;
    for t in &tokens[first_num..] {
        if tail_words > 0 {
            if !t.chars().all(char::is_alphabetic) {
                return None;
            }
            tail_words += 1;
        } else if let Some(v) = number(t) {
            nums.push(v);
        } else if *t == "N/A" {
            return None;
        } else if t.chars().all(char::is_alphabetic) {
            tail_words = 1;
        } else {
            return None;
        }
    }
    (tail_words <= 3).then_some((province, nums))
}

/// A line shaped like a row: some words, then at least two numbers and a few tier words.
fn row_shaped(text: &str) -> bool {
    static ROW: OnceLock<Regex> = OnceLock::new();
    re(
        &ROW,
        r"^[\p{L}.\- ]+?(?:\s+(?:\d+(?:[.,]\d+)?|N/A)){2,}(?:\s+\p{L}+){0,3}$",
    )
    .is_match(text.trim())
}

/// "1 TP. Đà Nẵng [0.8002]" → (rank, province, numbers after the name).
fn ranked_row<'a>(ctx: &'a Ctx<'_>, text: &str) -> Option<(u32, &'a str, Vec<f64>)> {
    let (rank, rest) = text.trim().split_once(' ')?;
    let rank: u32 = rank.parse().ok()?;
    if !(1..=63).contains(&rank) {
        return None;
    }
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let first_num = tokens
        .iter()
        .position(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(tokens.len());
    let province = ctx
        .rules
        .gaz
        .province_by_name(&tokens[..first_num].join(" "))?;
    let nums: Option<Vec<f64>> = tokens[first_num..].iter().map(|t| number(t)).collect();
    Some((rank, province, nums?))
}

/// A header of a space-separated table with its score column before its rank column.
fn score_rank_header(ctx: &Ctx<'_>, line: &Line<'_>) -> bool {
    static RANK: OnceLock<Regex> = OnceLock::new();
    static SCORE: OnceLock<Regex> = OnceLock::new();
    static UNIT: OnceLock<Regex> = OnceLock::new();
    if line.text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut l = line.text.to_lowercase();
    // the tier column ("Nhóm xếp hạng", "Xếp loại", "Ranking group") is no rank
    for tier in [
        "nhóm xếp hạng",
        "xếp loại",
        "ranking group",
        "tier",
        "phân nhóm",
    ] {
        l = l.replace(tier, " ");
    }
    let unit = re(&UNIT, r"\b(?:tỉnh|province|địa phương)\b");
    let rank = re(&RANK, r"\b(?:xếp hạng|thứ hạng|hạng|ranking|rank|thứ tự)\b");
    let score = re(&SCORE, r"\b(?:điểm số|điểm|score)\b");
    let Some(last_rank) = rank.find_iter(&l).last() else {
        return false;
    };
    // the index named as a column ("… Legal Institutions PCI Ranking") is its score
    let index_col = line_index(ctx, line).is_some();
    let score_before = score.find_iter(&l).any(|m| m.start() < last_rank.start());
    unit.is_match(&l) && (score_before || index_col)
}

/// Whether a line says what follows is ranked ("Xếp hạng DTI", "XẾP HẠNG").
fn ranking_heading(text: &str) -> bool {
    static RANK: OnceLock<Regex> = OnceLock::new();
    re(&RANK, r"(?i)\b(?:xếp hạng|thứ hạng|ranking)\b").is_match(text)
}

/// The cells of a "|" line, without the empty ones at its ends.
fn cells(text: &str) -> Option<Vec<&str>> {
    if !text.contains('|') {
        return None;
    }
    let c: Vec<&str> = text.split('|').map(str::trim).collect();
    let c: Vec<&str> = c.into_iter().filter(|x| !x.is_empty()).collect();
    (c.len() >= 2).then_some(c)
}

/// Years of a "|" header ("Năm | 2022 | 2023 |").
fn year_header(text: &str) -> Option<Vec<u32>> {
    let c = cells(text)?;
    let years: Option<Vec<u32>> = c[1..]
        .iter()
        .map(|x| x.parse::<u32>().ok().filter(|y| (1990..=2100).contains(y)))
        .collect();
    years.filter(|y| !y.is_empty())
}

/// What the table context knows: the index and year of the current header, and its layout.
#[derive(Debug, Clone)]
enum Layout {
    /// score and rank are the last two numbers of a province row
    ScoreRank,
    /// "|" columns are years; the province the table is about, if named
    Years(Vec<u32>, Option<String>),
}

pub(super) fn read(
    ctx: &Ctx<'_>,
    sentences: &[SentenceView<'_>],
    line_of: &[usize],
    main_index: Option<&str>,
    index_years: &std::collections::HashMap<String, u32>,
) -> Vec<Row> {
    let lines = content_lines(sentences, line_of);
    let mut out = Vec::new();
    let mut prev_year: Option<u32> = None;
    // (layout, index, index entity, year) of the table being read
    let mut table: Option<(Layout, String, Option<usize>, Option<u32>)> = None;
    let mut rows_read = 0usize;
    let mut header_at = 0usize;
    // the number of values in the rows of the table being read
    let mut width: Option<usize> = None;
    // the index and year named in the lines before a table
    let context = |at: usize, back: usize| -> (Option<(String, usize)>, Option<u32>) {
        let from = at.saturating_sub(back);
        let idx = (from..=at).rev().find_map(|k| line_index(ctx, &lines[k]));
        let year = (from..=at).rev().find_map(|k| line_year(lines[k].text));
        (idx, year)
    };
    let earlier_index = |at: usize| -> Option<(String, Option<usize>)> {
        (0..at)
            .rev()
            .find_map(|k| line_index(ctx, &lines[k]).map(|(n, e)| (n, Some(e))))
            .or_else(|| main_index.map(|m| (m.to_string(), None)))
    };
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        // a new header
        if score_rank_header(ctx, line) || year_header(line.text).is_some() {
            let (idx, year) = context(i, 4);
            let idx = idx.map(|(n, e)| (n, Some(e))).or_else(|| earlier_index(i));
            let layout = match year_header(line.text) {
                Some(years) => {
                    // the province the table is about: named in the lines just before it
                    let about = (i.saturating_sub(2)..i).rev().find_map(|k| {
                        lines[k].ents.iter().rev().find_map(|&e| {
                            let e = ctx.entities.get(e)?;
                            (e.label == Label::Loc || e.label == Label::Org)
                                .then(|| ctx.rules.gaz.province_by_name(&e.text))
                                .flatten()
                                .map(str::to_string)
                        })
                    });
                    Layout::Years(years, about)
                }
                None => Layout::ScoreRank,
            };
            table = idx.map(|(n, e)| {
                let y = match layout {
                    Layout::Years(..) => None,
                    Layout::ScoreRank => {
                        year.or(prev_year).or_else(|| index_years.get(&n).copied())
                    }
                };
                (layout, n, e, y)
            });
            rows_read = 0;
            header_at = i;
            width = None;
            i += 1;
            continue;
        }
        if let Some((layout, index, ent, year)) = &table {
            let evidence = (line.start, line.end);
            let row = |province: &str, year: Option<u32>, score, rank| Row {
                index: index.clone(),
                index_ent: *ent,
                province: province.to_string(),
                year,
                score,
                rank,
                evidence,
            };
            let before = out.len();
            match layout {
                Layout::ScoreRank => {
                    // the rows of one table have as many cells each (a cut-off last row has not)
                    let same_width = |n: usize| width.is_none_or(|w| w == n);
                    if let Some((p, nums)) =
                        province_row(ctx, line.text).filter(|(_, nums)| same_width(nums.len()))
                    {
                        width = Some(nums.len());
                        if let [.., score, rank] = nums[..] {
                            let whole = rank.fract() == 0.0 && (1.0..=63.0).contains(&rank);
                            if whole && score <= 1000.0 {
                                out.push(row(p, *year, Some(score), Some(rank as u32)));
                            }
                        }
                    }
                }
                Layout::Years(years, about) => {
                    if let Some(c) = cells(line.text) {
                        let vals: Vec<Option<f64>> = c[1..].iter().map(|x| number(x)).collect();
                        let label = c[0].to_lowercase();
                        let named = ctx.rules.gaz.province_by_name(c[0]);
                        let is_score = label.starts_with("điểm") || label.contains("score");
                        let is_rank = ranking_heading(&label) || label == "hạng";
                        if vals.len() == years.len() {
                            for (y, v) in years.iter().zip(&vals) {
                                let Some(v) = *v else { continue };
                                match (named, about.as_deref()) {
                                    (Some(p), _) => out.push(row(p, Some(*y), Some(v), None)),
                                    (None, Some(p)) if is_score => {
                                        out.push(row(p, Some(*y), Some(v), None))
                                    }
                                    (None, Some(p))
                                        if is_rank
                                            && v.fract() == 0.0
                                            && (1.0..=63.0).contains(&v) =>
                                    {
                                        out.push(row(p, Some(*y), None, Some(v as u32)))
                                    }
                                    _ => {}
                                }
                            }
                        }
                    }
                }
            }
            if out.len() > before {
                rows_read += 1;
                if let Layout::ScoreRank = layout {
                    prev_year = *year;
                }
                i += 1;
                continue;
            }
            // a table ends at the first line that is not one of its rows ("|" tables run on
            // over their sub-index rows); before its first row, a few lines of header may follow
            let ends = match layout {
                Layout::Years(..) => cells(line.text).is_none(),
                // a row of a place the gazetteer does not know does not end it
                Layout::ScoreRank => {
                    !row_shaped(line.text) && (rows_read > 0 || i >= header_at + 4)
                }
            };
            if ends {
                table = None;
            }
        }
        // a run of "rank province" rows under a ranking heading
        let run: Vec<(u32, &str, Vec<f64>)> = lines[i..]
            .iter()
            .map_while(|l| ranked_row(ctx, l.text))
            .collect();
        if run.len() >= 3 {
            let heading = (i.saturating_sub(20)..i).any(|k| ranking_heading(lines[k].text));
            let (idx, year) = context(i.saturating_sub(1), 20);
            let idx = idx.map(|(n, e)| (n, Some(e))).or_else(|| earlier_index(i));
            if let (true, Some((index, ent))) = (heading, idx) {
                let year = year
                    .or(prev_year)
                    .or_else(|| index_years.get(&index).copied());
                for (k, (rank, p, nums)) in run.iter().enumerate() {
                    let l = &lines[i + k];
                    out.push(Row {
                        index: index.clone(),
                        index_ent: ent,
                        province: p.to_string(),
                        year,
                        score: (nums.len() == 1).then(|| nums[0]),
                        rank: Some(*rank),
                        evidence: (l.start, l.end),
                    });
                }
                prev_year = year;
                i += run.len();
                continue;
            }
        }
        i += 1;
    }
    out
}
