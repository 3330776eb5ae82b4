//! `index_result` relations: index – unit – year – score – rank (+ region rank, rank change).
//!
//! Each sentence is read into typed items (`scan`): index mentions, subjects (a province, or a
//! district, department, ministry, region or the whole country), scores, ranks, rank changes
//! and year markers. Each value is then tied to
//! - its index: the last index named before it in the sentence; else the indices named right
//!   after it ("Hải Phòng đứng đầu về Chỉ số X", "quán quân ở cả X và Y": each of them); else
//!   the index of the sentences before (when the last one named several, the title's index
//!   among them, else the last) unless the sentence names an index the value cannot reach
//!   (across ";") or ranks it "về" another topic ("đứng thứ 5 về số doanh nghiệp");
//! - its subject: a rank followed by "là"/"thuộc về" and a unit ("đứng thứ hai là X", "xếp thứ
//!   nhì Bộ Y") belongs to that unit; a clause opened by "Với"/"Ở"/"Từ" ("Ở vị trí thứ 4, X …")
//!   to the unit after it; otherwise to the last unit named before it in the sentence (a unit
//!   named for comparison, "chỉ sau X", only for the brackets right after it); a sentence
//!   naming no unit and no index continues the previous sentence's province (same paragraph);
//!   else the article's province. "A và B … lần lượt là x và y" pairs in order. Provinces listed
//!   after "tốp 5 gồm/có …", "xếp sau X là … gồm …", "các vị trí tiếp theo là …", "theo thứ tự
//!   là: …", "X dẫn đầu, tiếp theo là …", "N tỉnh đứng đầu …, gồm: …", or before "… lần lượt là
//!   các địa phương …", get a result with no score or rank. Values in a clause about ministries
//!   ranked among themselves ("Trong nhóm 17 bộ, ngành …") are not the site's province.
//! - its year: a year written right after the value ("vị trí 63 của năm 2020"); else the last
//!   year marker before it ("năm 2018, X đứng thứ 60, năm 2019 và 2020 xếp hạng 59"; inside
//!   brackets the bracket's own markers; a value in brackets right after "so với năm 2022" is
//!   that year's); else the year written with its index; else, from the article, the year last
//!   given for that index, the last year marker, the year given with the index further on, the
//!   year written most often, the year after the sentence's comparison year ("tăng 1 bậc so
//!   với năm 2018"), the year before publication (indices are announced the year after they
//!   measure). Comparison years ("so với năm 2020") and bounds ("từ năm 2009", "đến năm 2025")
//!   are never the measured year. "từ A lên B" / "giữ nguyên vị trí" also give the year before
//!   (the comparison year when written) its own result.
//!
//! Ranking tables flattened to lines (`table`: province rows with score and rank under a
//! header, "rank province" runs under a ranking heading, "|" tables with year columns) give
//! province results too, after the sentences.
//!
//! Results are merged per (index, unit, year) over the article: the first score and rank win,
//! later sentences fill what is missing. Scope: a national or regional average ("giá trị trung
//! bình", "của cả nước") is not a province result; internal rankings of departments and
//! districts ("các sở, ngành", "cấp huyện", DDCI) neither: once a department or district is
//! ranked for an index, the article's unnamed values of that index are theirs too (not a rank
//! out of 63/34), and "thành phố X" there is the city. Only scope "province" results are
//! facts about a province; the others are still reported with their scope.
//!
//! It does not report deltas ("tăng 1,59 điểm"), ranges, scales ("thang điểm 100"), sub-index
//! values ("tiêu chí", "lĩnh vực", "chỉ số thành phần", and the sections they open), or goals
//! ("phấn đấu", "mục tiêu … đến năm 2025"). A rank implied only by list order stays null.

mod assign;
mod scan;
mod table;
#[cfg(test)]
mod tests;
mod units;
mod values;

use std::collections::HashMap;

use super::province::ProvinceSource;
use super::{relation, Ctx, SentenceView};
use crate::document::{Entity, IndexResultValues, Label, Relation, RelationValues};
use assign::{
    index_ref, listed_before, own_years, prior_spans, resolve_index, resolve_subject, respectively,
};
use scan::{Item, Kind, Scope, Sent, Subject, YearRole};

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

/// One (index, unit, year) result being filled over the article.
#[derive(Debug, Default)]
struct Group {
    index: String,
    scope: Option<Scope>,
    province: Option<String>,
    province_source: Option<ProvinceSource>,
    region_unit: Option<String>,
    /// the unit's name for districts, departments and ministries (they have no province key)
    unit: Option<String>,
    year: Option<u32>,
    score: Option<f64>,
    rank: Option<(u32, Option<u32>)>,
    region_rank: Option<(u32, Option<u32>)>,
    region: Option<String>,
    change: Option<i32>,
    member: bool,
    index_ent: Option<usize>,
    score_ent: Option<usize>,
    rank_ent: Option<usize>,
    evidence: (usize, usize),
    rule: &'static str,
}

impl Group {
    fn has_value(&self) -> bool {
        self.score.is_some() || self.rank.is_some() || self.region_rank.is_some()
    }
}

/// An index a value is tied to: its name, entity, and the year written with it.
#[derive(Debug, Clone)]
struct IndexRef {
    name: String,
    ent: Option<usize>,
    year: Option<u32>,
}

/// Where the subject of a value came from.
#[derive(Debug, Clone)]
struct SubjectRef {
    subject: Subject,
    source: ProvinceSource,
}

struct State {
    groups: Vec<Group>,
    /// distinct indices of the last sentence that named one
    last_indices: Vec<IndexRef>,
    /// the index named most often in the article
    main_index: Option<String>,
    index_years: HashMap<String, u32>,
    last_year: Option<u32>,
    /// inside a section on sub-indices ("Lĩnh vực …") until an index is named again
    sub_section: bool,
    /// the last province subject of the previous sentence, with its line
    prev_subject: Option<(Subject, usize)>,
    /// indices named in the title
    title_indices: Vec<String>,
    /// the first year written with each index anywhere in the article
    doc_index_years: HashMap<String, u32>,
    /// the measured year written most often in the article
    doc_year: Option<u32>,
    /// indices whose ranking in this article is of departments or districts
    internal: HashMap<String, Scope>,
}

pub fn find(ctx: &Ctx<'_>, sentences: &[SentenceView<'_>]) -> Vec<Relation> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in ctx.entities.iter().filter(|e| e.label == Label::Index) {
        let n = e.norm.as_ref().and_then(|v| v.name()).unwrap_or(&e.text);
        match counts.iter_mut().find(|(k, _)| k == n) {
            Some(c) => c.1 += 1,
            None => counts.push((n.to_string(), 1)),
        }
    }
    let main_index = counts
        .iter()
        .max_by_key(|(_, c)| *c)
        .map(|(n, _)| n.clone());
    let lines: Vec<usize> = (0..sentences.len())
        .map(|si| {
            ctx.analysis
                .sentences
                .get(si)
                .map(|s| s.line)
                .unwrap_or(usize::MAX - si)
        })
        .collect();
    let scanned: Vec<Vec<Item>> = sentences
        .iter()
        .map(|sv| scan::scan(ctx, sv, &Sent::new(sv)))
        .collect();
    let mut title_indices = Vec::new();
    let mut doc_index_years = HashMap::new();
    let mut year_counts: Vec<(u32, usize)> = Vec::new();
    for (items, &line) in scanned.iter().zip(&lines) {
        for it in items {
            if let Some(r) = index_ref(items, it) {
                if ctx.analysis.title_line == Some(line) {
                    title_indices.push(r.name.clone());
                }
                if let Some(y) = r.year {
                    doc_index_years.entry(r.name).or_insert(y);
                }
            }
            if let Kind::Year {
                years,
                role: YearRole::Measured,
                ..
            } = &it.kind
            {
                for &y in years {
                    match year_counts.iter_mut().find(|(k, _)| *k == y) {
                        Some(c) => c.1 += 1,
                        None => year_counts.push((y, 1)),
                    }
                }
            }
        }
    }
    let doc_year = year_counts
        .iter()
        .max_by_key(|(y, c)| (*c, *y))
        .map(|(y, _)| *y);
    let mut st = State {
        groups: Vec::new(),
        last_indices: Vec::new(),
        main_index,
        index_years: HashMap::new(),
        last_year: None,
        sub_section: false,
        prev_subject: None,
        title_indices,
        doc_index_years,
        doc_year,
        internal: HashMap::new(),
    };
    for ((sv, items), &line) in sentences.iter().zip(&scanned).zip(&lines) {
        sentence(ctx, sv, items, line, &mut st);
    }
    // ranking tables flattened to lines: what the sentences said first wins
    let rows = table::read(
        ctx,
        sentences,
        &lines,
        st.main_index.as_deref(),
        &st.doc_index_years,
    );
    for row in rows {
        let sub = Subject {
            scope: Scope::Province,
            province: Some(row.province.clone()),
            region: None,
            ent: None,
            city_form: false,
        };
        let r = IndexRef {
            name: row.index.clone(),
            ent: row.index_ent,
            year: row.year,
        };
        let g = group(
            &mut st,
            None,
            &r,
            &sub,
            ProvinceSource::Explicit,
            row.year,
            row.evidence,
        );
        if g.rule.is_empty() || g.rule == "index-member" {
            g.rule = "index-table";
        }
        if g.score.is_none() {
            g.score = row.score;
        }
        if g.rank.is_none() {
            g.rank = row.rank.map(|n| (n, None));
        }
    }
    st.groups
        .into_iter()
        .filter(|g| g.has_value() || g.member)
        .filter(|g| g.scope != Some(Scope::Province) || g.province.is_some())
        .map(|g| to_relation(ctx, g))
        .collect()
}

fn to_relation(ctx: &Ctx<'_>, g: Group) -> Relation {
    let region = g.region.clone().or(g.region_unit.clone());
    let values = RelationValues::IndexResult(IndexResultValues {
        index: g.index.clone(),
        province: g.province.clone(),
        province_source: Some(g.province_source.unwrap_or(ProvinceSource::Unknown)),
        scope: Some(g.scope.unwrap_or(Scope::Province)),
        year: g.year,
        score: g.score,
        rank: g.rank.map(|r| r.0),
        rank_of: g.rank.and_then(|r| r.1),
        region: region.as_deref().map(|r| region_value(ctx, r)),
        region_rank: g.region_rank.map(|r| r.0),
        region_of: g.region_rank.and_then(|r| r.1),
        rank_change: g.change,
        extra: Default::default(),
    });
    let ents = ctx.entities;
    let mut args: Vec<(&str, &Entity)> = Vec::new();
    for (k, e) in [
        ("index", g.index_ent),
        ("score", g.score_ent),
        ("rank", g.rank_ent),
    ] {
        // only entities inside the evidence (a carried index is named in an earlier sentence)
        if let Some(e) = e.and_then(|i| ents.get(i)) {
            if e.start >= g.evidence.0 && e.end <= g.evidence.1 {
                args.push((k, e));
            }
        }
    }
    let score = if g.member { 0.6 } else { 0.85 };
    relation(
        args,
        values,
        crate::document::Evidence {
            start: g.evidence.0,
            end: g.evidence.1,
        },
        g.rule,
        score,
    )
}

fn sentence(ctx: &Ctx<'_>, sv: &SentenceView<'_>, items: &[Item], line: usize, st: &mut State) {
    let s = Sent::new(sv);
    let has_index = items.iter().any(|it| matches!(it.kind, Kind::Index { .. }));
    let has_subject = items.iter().any(|it| matches!(it.kind, Kind::Subject(_)));
    if has_index {
        st.sub_section = false;
    }
    if scan::opens_sub_section(&s) {
        st.sub_section = true;
    }
    // a sentence naming no unit continues the previous sentence's province (same paragraph)
    // when it names no index either, or when it refers back to it ("Kết quả, địa phương giành
    // vị trí á quân trong bảng xếp hạng PCI 2023", "tỉnh này đạt …")
    let carry = match &st.prev_subject {
        Some((sub, l)) if *l == line && !has_subject && (!has_index || scan::refers_back(&s)) => {
            Some(sub.clone())
        }
        _ => None,
    };
    if !st.sub_section {
        read_values(ctx, sv, &s, items, carry.as_ref(), st);
    }
    // what the next sentences inherit (not the years of "từ A năm X lên B")
    let (consumed, _) = prior_spans(&s, items);
    let indices: Vec<IndexRef> = items
        .iter()
        .enumerate()
        .filter(|(k, _)| !consumed.get(k + 1).copied().unwrap_or(false))
        .filter_map(|(_, it)| index_ref(items, it))
        .fold(Vec::new(), |mut acc: Vec<IndexRef>, r| {
            if !acc.iter().any(|x| x.name == r.name) {
                acc.push(r);
            }
            acc
        });
    for r in &indices {
        if let Some(y) = r.year {
            st.index_years.insert(r.name.clone(), y);
        }
    }
    if !indices.is_empty() {
        st.last_indices = indices;
    }
    if let Some(y) = items
        .iter()
        .zip(&consumed)
        .rev()
        .find_map(|(it, used)| match &it.kind {
            Kind::Year {
                years,
                role: YearRole::Measured,
                ..
            } if it.paren.is_none() && !used => years.last().copied(),
            _ => None,
        })
    {
        st.last_year = Some(y);
    }
    let last_province = items.iter().rev().find_map(|it| match &it.kind {
        Kind::Subject(sub) if sub.scope == Scope::Province => Some(sub.clone()),
        _ => None,
    });
    if let Some(p) = last_province {
        st.prev_subject = Some((p, line));
    } else if has_index || has_subject {
        st.prev_subject = None;
    }
}

/// Departments or districts ranked inside a province ("các sở, ngành", "cấp huyện"), or
/// ministries ("khối bộ"), in the ";"-clause of the value at `pos`.
fn internal_scope(s: &Sent<'_>, pos: usize) -> Option<Scope> {
    let before = s.lower(s.base, pos);
    let after = s.lower(pos, s.end());
    let l = format!(
        "{} {}",
        before.rsplit(';').next().unwrap_or(""),
        after.split(';').next().unwrap_or("")
    );
    if [
        "cấp huyện",
        "các huyện",
        "cấp xã",
        "các xã",
        "các địa phương trong tỉnh",
    ]
    .iter()
    .any(|w| l.contains(w))
    {
        return Some(Scope::District);
    }
    if [
        "cấp sở",
        "các sở",
        "sở, ban, ngành",
        "sở, ngành",
        "các cơ quan chuyên môn",
    ]
    .iter()
    .any(|w| l.contains(w))
    {
        return Some(Scope::Department);
    }
    if [
        "khối bộ",
        "khối các bộ",
        "cấp bộ",
        "các bộ, cơ quan",
        "bộ, cơ quan ngang bộ",
    ]
    .iter()
    .any(|w| l.contains(w))
        || ministries_only(&l)
    {
        return Some(Scope::Ministry);
    }
    None
}

/// "Trong nhóm 17 bộ, ngành …", "Đối với 9 bộ, ngành không có dịch vụ công": ministries ranked
/// among themselves; not "các bộ, ngành, địa phương", which takes in the provinces too.
fn ministries_only(clause: &str) -> bool {
    clause.match_indices("bộ, ngành").any(|(i, m)| {
        let rest = clause[i + m.len()..].trim_start();
        ![
            "địa phương",
            ", địa phương",
            "và địa phương",
            ", các địa phương",
        ]
        .iter()
        .any(|w| rest.starts_with(w))
    })
}

fn read_values(
    ctx: &Ctx<'_>,
    sv: &SentenceView<'_>,
    s: &Sent<'_>,
    items: &[Item],
    carry: Option<&Subject>,
    st: &mut State,
) {
    let pairs = respectively(s, items);
    let (consumed, prior_years) = prior_spans(s, items);
    let comparison_year = items.iter().find_map(|it| match &it.kind {
        Kind::Year {
            years,
            role: YearRole::Comparison,
            ..
        } => years.first().copied(),
        _ => None,
    });
    let region_in_sentence = sv.ents.iter().find_map(|&k| {
        let e = &ctx.entities[k];
        (e.label == Label::Loc)
            .then(|| e.norm.as_ref()?.region().map(str::to_string))
            .flatten()
    });
    let evidence = (sv.start, sv.end);
    for (i, v) in items.iter().enumerate() {
        let members_before = match v.kind {
            Kind::Members { before } => Some(before),
            _ => None,
        };
        let is_members = members_before.is_some();
        if !v.is_value() && !is_members {
            continue;
        }
        let (idx, forward) = resolve_index(ctx, s, items, i, st);
        if idx.is_empty() {
            continue;
        }
        // subjects: one, or the listed provinces of a membership list
        let subjects: Vec<SubjectRef> = if members_before == Some(true) {
            listed_before(s, items, i)
        } else if is_members {
            items[i + 1..]
                .iter()
                .take_while(|it| !it.is_value())
                .filter_map(|it| match &it.kind {
                    Kind::Subject(sub) if sub.scope == Scope::Province => Some(SubjectRef {
                        subject: sub.clone(),
                        source: ProvinceSource::Explicit,
                    }),
                    _ => None,
                })
                .collect()
        } else {
            resolve_subject(ctx, s, items, i, &pairs, carry)
                .into_iter()
                .collect()
        };
        let consumed_years: Vec<u32> = items
            .iter()
            .zip(&consumed)
            .filter(|(_, c)| **c)
            .filter_map(|(it, _)| match &it.kind {
                Kind::Year { years, .. } => years.first().copied(),
                _ => None,
            })
            .collect();
        for r in &idx {
            let _ = forward;
            // "từ vị trí 10 trong bảng xếp hạng PCI năm 2022, … lên vị trí 2": that year is the
            // prior value's, not the index's
            let mut r = r.clone();
            if r.year.is_some_and(|y| consumed_years.contains(&y)) {
                r.year = None;
            }
            let r = &r;
            let base = own_years(s, items, i, &consumed)
                .or_else(|| r.year.map(|y| vec![y]))
                .or_else(|| st.index_years.get(&r.name).map(|y| vec![*y]))
                .or_else(|| st.last_year.map(|y| vec![y]))
                .or_else(|| st.doc_index_years.get(&r.name).map(|y| vec![*y]))
                .or_else(|| st.doc_year.map(|y| vec![y]))
                // "tăng 1 bậc so với năm 2018" and no other year: the year after it
                .or_else(|| comparison_year.map(|y| vec![y + 1]))
                .or_else(|| ctx.published_year.map(|y| vec![y - 1]))
                .unwrap_or_default();
            let before_year = |b: &[u32]| {
                comparison_year
                    .or_else(|| b.first().map(|y| y - 1))
                    .map(|y| vec![y])
                    .unwrap_or_default()
            };
            // "5 năm trở lại đây, chỉ số tăng từ A lên B": A is not the year before's
            let span_back = {
                let l = s.text.to_lowercase();
                ["năm trở lại đây", "năm gần đây", "năm qua"]
                    .iter()
                    .any(|w| l.contains(w))
                    && l.chars().any(|c| c.is_ascii_digit())
            };
            if v.prior && !prior_years.contains_key(&i) && comparison_year.is_none() && span_back {
                continue;
            }
            let years: Vec<Option<u32>> = if v.prior {
                prior_years
                    .get(&i)
                    .cloned()
                    .unwrap_or_else(|| before_year(&base))
                    .into_iter()
                    .map(Some)
                    .collect()
            } else if base.is_empty() {
                vec![None]
            } else {
                base.iter().copied().map(Some).collect()
            };
            let keep_years: Vec<u32> = match v.kind {
                Kind::Rank { keep: true, .. } if !v.prior => before_year(&base),
                _ => Vec::new(),
            };
            for sref in &subjects {
                let mut sub = sref.subject.clone();
                let mut source = sref.source;
                // averages are not a unit's own value
                if let Kind::Score { average: true, .. } = v.kind {
                    if sub.scope != Scope::Region {
                        sub = Subject {
                            scope: Scope::National,
                            province: None,
                            region: None,
                            ent: None,
                            city_form: false,
                        };
                        source = ProvinceSource::Explicit;
                    }
                }
                // departments and districts ranked inside the province
                let national_rank = matches!(
                    v.kind,
                    Kind::Rank {
                        of: Some(63 | 34),
                        ..
                    }
                );
                let frame =
                    internal_scope(s, v.start).or_else(|| st.internal.get(&r.name).copied());
                if sub.scope == Scope::Province && !national_rank {
                    if let Some(scope) = frame {
                        if source != ProvinceSource::Explicit {
                            sub.scope = scope;
                        } else if sub.city_form {
                            sub.scope = Scope::District;
                        }
                    }
                }
                if source == ProvinceSource::Explicit
                    && matches!(sub.scope, Scope::District | Scope::Department)
                    && !is_members
                {
                    st.internal.insert(r.name.clone(), sub.scope);
                }
                if r.name == "DDCI" && sub.scope == Scope::Province {
                    sub.scope = Scope::Department;
                }
                for y in years
                    .iter()
                    .copied()
                    .chain(keep_years.iter().map(|y| Some(*y)))
                {
                    let unit = match sub.scope {
                        Scope::District | Scope::Department | Scope::Ministry => sub
                            .ent
                            .and_then(|k| ctx.entities.get(k))
                            .map(|e| e.text.clone()),
                        _ => None,
                    };
                    let g = group(st, unit, r, &sub, source, y, evidence);
                    if is_members {
                        g.member = true;
                        if g.rule.is_empty() || g.rule == "index-member" {
                            g.rule = "index-member";
                        }
                        continue;
                    }
                    let is_keep_copy = !keep_years.is_empty()
                        && keep_years.contains(&y.unwrap_or(0))
                        && !years.contains(&y);
                    add_value(g, v, y, region_in_sentence.as_deref(), is_keep_copy);
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn group<'a>(
    st: &'a mut State,
    unit: Option<String>,
    r: &IndexRef,
    sub: &Subject,
    source: ProvinceSource,
    year: Option<u32>,
    evidence: (usize, usize),
) -> &'a mut Group {
    let key_match = |g: &Group| {
        g.index == r.name
            && g.scope == Some(sub.scope)
            && g.province == sub.province
            && g.region_unit == sub.region
            && g.year == year
            && g.unit == unit
    };
    if let Some(k) = st.groups.iter().position(key_match) {
        let g = &mut st.groups[k];
        // the evidence covers every sentence the result was read from
        g.evidence = (g.evidence.0.min(evidence.0), g.evidence.1.max(evidence.1));
        if g.index_ent.is_none() {
            g.index_ent = r.ent;
        }
        return g;
    }
    st.groups.push(Group {
        index: r.name.clone(),
        scope: Some(sub.scope),
        province: sub.province.clone(),
        province_source: Some(source),
        region_unit: sub.region.clone(),
        unit,
        year,
        index_ent: r.ent,
        evidence,
        rule: "",
        ..Group::default()
    });
    let n = st.groups.len() - 1;
    &mut st.groups[n]
}

fn add_value(g: &mut Group, v: &Item, year: Option<u32>, region: Option<&str>, keep_copy: bool) {
    if g.rule.is_empty() || g.rule == "index-member" {
        g.rule = if v.prior || keep_copy {
            "index-prior-year"
        } else {
            "index-clause"
        };
    }
    match &v.kind {
        Kind::Score { value, ent, .. } if g.score.is_none() => {
            g.score = Some(*value);
            g.score_ent = *ent;
        }
        Kind::Rank {
            n,
            of,
            region: regional,
            last,
            keep,
            ent,
        } => {
            if *regional {
                if g.region_rank.is_none() {
                    g.region_rank = Some((*n, *of));
                    g.region = region.map(str::to_string);
                }
            } else {
                let (n, of) = if *last {
                    let size = if year.is_some_and(|y| y >= 2025) {
                        34
                    } else {
                        63
                    };
                    (size, Some(size))
                } else {
                    (*n, *of)
                };
                if g.rank.is_none() {
                    g.rank = Some((n, of));
                    g.rank_ent = *ent;
                }
            }
            if *keep && !keep_copy && g.change.is_none() {
                g.change = Some(0);
            }
        }
        Kind::Change(c) if g.change.is_none() && !keep_copy => {
            g.change = Some(*c);
        }
        _ => {}
    }
}
