//! Which index, unit and year a value of a sentence belongs to (part of `index_result`).
//!
//! Works on the items of one sentence (`scan`) and the article state carried from the
//! sentences before (the last indices named, the years given with them, the previous
//! sentence's province). See the module doc of `index_result` for the order of the rules.
//! It does not build results.

use std::collections::HashMap;

use super::scan::{Item, Kind, Scope, Sent, Subject, YearRole};
use super::{IndexRef, State, SubjectRef};
use crate::relate::province::ProvinceSource;
use crate::relate::Ctx;

/// The measured year attached to an index item: "PAR INDEX 2021", "PCI năm 2019"; or
/// written after the index's bracketed gloss, nothing read in between ("Chỉ số Chuyển đổi số
/// (Digital Transformation Index-DTI) năm 2024").
fn attached_year(items: &[Item], idx: &Item) -> Option<u32> {
    items.iter().find_map(|it| match &it.kind {
        Kind::Year {
            years,
            role: YearRole::Measured,
            attached,
        } if it.start >= idx.end
            && (it.start <= idx.end + 16
                || *attached
                    && it.start <= idx.end + 80
                    && !items
                        .iter()
                        .any(|o| o.start >= idx.end && o.end <= it.start)) =>
        {
            years.first().copied()
        }
        _ => None,
    })
}

pub(super) fn index_ref(items: &[Item], it: &Item) -> Option<IndexRef> {
    match &it.kind {
        Kind::Index { name, ent } => Some(IndexRef {
            name: name.clone(),
            ent: *ent,
            year: attached_year(items, it),
        }),
        _ => None,
    }
}

/// The indices a value at item `i` belongs to, and whether they were named after it.
pub(super) fn resolve_index(
    ctx: &Ctx<'_>,
    s: &Sent<'_>,
    items: &[Item],
    i: usize,
    st: &State,
) -> (Vec<IndexRef>, bool) {
    // "thứ 7 về Chỉ số PAPI": the index the value is said to be about, even after another one
    if let Some(j) = items[i + 1..]
        .iter()
        .position(|it| it.is_value() || matches!(it.kind, Kind::Index { .. }))
        .map(|k| i + 1 + k)
    {
        let gap = s.lower(items[i].end, items[j].start);
        let gap = gap
            .trim()
            .trim_start_matches("cả nước")
            .trim_start_matches("toàn quốc")
            .trim_start_matches("trong cả nước")
            .trim();
        // "đứng đầu bảng xếp hạng Chỉ số X", "thứ 7 về Chỉ số Y"
        let gap = gap
            .trim_start_matches("trên ")
            .trim_start_matches("trong ")
            .trim_start_matches("bảng xếp hạng")
            .trim();
        if ["", "về", "về chỉ số", "về bộ chỉ số", "chỉ số", "bộ chỉ số"].contains(&gap)
            && s.lower(items[i].end, items[j].start)
                .contains("bảng xếp hạng")
            || ["về", "về chỉ số", "về bộ chỉ số"].contains(&gap)
        {
            if let Some(r) = index_ref(items, &items[j]) {
                return (vec![r], true);
            }
        }
    }
    if let Some(k) = items[..i]
        .iter()
        .rposition(|it| matches!(it.kind, Kind::Index { .. }))
    {
        // after "X quán quân ở cả A và B": a later value of the sentence is about one of them,
        // not both; the article's own index if it is one of them, else none
        let run = index_run(items, k);
        let shared = run.len() >= 2
            && items[..run[0]]
                .iter()
                .any(|it| matches!(it.kind, Kind::Score { .. } | Kind::Rank { .. }))
            && !items[..run[0]]
                .iter()
                .any(|it| matches!(it.kind, Kind::Index { .. }));
        if shared {
            let pick = run
                .iter()
                .filter_map(|&x| index_ref(items, &items[x]))
                .find(|r| st.title_indices.contains(&r.name));
            return (pick.into_iter().collect(), false);
        }
        return (index_ref(items, &items[k]).into_iter().collect(), false);
    }
    // the first indices named after the value in its ";"-clause ("X đứng thứ 60, …, thứ 35
    // về Chỉ số Y")
    let mut run: Vec<IndexRef> = Vec::new();
    for it in &items[i + 1..] {
        if s.lower(items[i].end, it.start).contains(';') {
            break;
        }
        if let Some(r) = index_ref(items, it) {
            if !run.iter().any(|x| x.name == r.name) {
                run.push(r);
            }
        } else if !run.is_empty() && it.is_value() {
            break;
        }
    }
    if !run.is_empty() {
        return (run, true);
    }
    // no index of its own: the one of the sentences before. Only there: a value cut off by
    // ";" from its sentence's index is about something else ("tỷ lệ hồ sơ … đạt 98%; Chỉ số
    // X …"), and so is one framed by "về <topic>" in a sentence naming no index
    let named_here = items.iter().any(|it| matches!(it.kind, Kind::Index { .. }));
    if named_here {
        return (Vec::new(), false);
    }
    let Some(carried) = carried_index(st) else {
        return (Vec::new(), false);
    };
    // "Về thu hút đầu tư, tỉnh đứng thứ 12", "đứng thứ 5 về số doanh nghiệp": another ranking
    let v = &items[i];
    // "tỷ lệ hồ sơ đúng hạn đạt 98%, xếp thứ 5": a rate, not the index
    let lead_in = s.lower(s.base, v.start);
    if lead_in.contains("tỷ lệ") && !lead_in.contains("hài lòng") {
        return (Vec::new(), false);
    }
    let lead = s.text.trim_start().to_lowercase();
    let after = s.after(v.end, 80);
    let after = after.split([',', ';', '.', '(']).next().unwrap_or("");
    let topics = [
        lead.strip_prefix("về ").map(str::to_string),
        after
            .replace("thuộc về", "")
            .split_once("về ")
            .map(|(_, t)| t.to_string()),
    ];
    if topics
        .iter()
        .flatten()
        .any(|t| !about_index(ctx, &carried.name, t))
    {
        return (Vec::new(), false);
    }
    (vec![carried], false)
}

/// Whether a topic phrase ("về mức độ chuyển đổi số …") speaks of the index: it shares two
/// consecutive words with one of its names, or is a generic word for results.
fn about_index(ctx: &Ctx<'_>, index: &str, topic: &str) -> bool {
    let words: Vec<&str> = topic.split_whitespace().take(8).collect();
    if words.is_empty()
        || [
            "kết quả",
            "chỉ số",
            "thứ hạng",
            "xếp hạng",
            "điểm",
            "bảng",
            "chỉ tiêu này",
        ]
        .iter()
        .any(|w| topic.trim_start().starts_with(w))
    {
        return true;
    }
    let Some(ix) = ctx.rules.gaz.indices.iter().find(|x| x.canonical == index) else {
        return true;
    };
    let names = std::iter::once(&ix.full_name_vi)
        .chain(ix.aliases.iter())
        .map(|n| n.to_lowercase())
        .collect::<Vec<_>>();
    words.windows(2).any(|w| {
        let pair = format!("{} {}", w[0], w[1]);
        pair != "chỉ số" && names.iter().any(|n| n.contains(&pair))
    }) || words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(index) || names.iter().any(|n| n == w))
}

/// The coordinated index mentions around item `k` ("A, B và C"): item positions of distinct
/// indices with no value between them.
fn index_run(items: &[Item], k: usize) -> Vec<usize> {
    let is_index = |x: usize| matches!(items[x].kind, Kind::Index { .. });
    let mut a = k;
    while a > 0 && !items[a - 1].is_value() && !matches!(items[a - 1].kind, Kind::Subject(_)) {
        a -= 1;
    }
    let mut b = k;
    while b + 1 < items.len()
        && !items[b + 1].is_value()
        && !matches!(items[b + 1].kind, Kind::Subject(_))
    {
        b += 1;
    }
    let mut names: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for x in (a..=b).filter(|&x| is_index(x)) {
        if let Kind::Index { name, .. } = &items[x].kind {
            if !names.contains(name) {
                names.push(name.clone());
                out.push(x);
            }
        }
    }
    out
}

fn carried_index(st: &State) -> Option<IndexRef> {
    match st.last_indices.len() {
        0 => st.main_index.as_ref().map(|n| IndexRef {
            name: n.clone(),
            ent: None,
            year: None,
        }),
        1 => st.last_indices.first().cloned(),
        // several: the article's subject index (its title's) if among them, else the last
        _ => st
            .last_indices
            .iter()
            .find(|r| st.title_indices.contains(&r.name))
            .or(st.last_indices.last())
            .cloned(),
    }
}

fn subject_at(items: &[Item], j: usize) -> Option<&Subject> {
    match &items[j].kind {
        Kind::Subject(s) => Some(s),
        _ => None,
    }
}

/// The subject of the value at item `i`.
pub(super) fn resolve_subject(
    ctx: &Ctx<'_>,
    s: &Sent<'_>,
    items: &[Item],
    i: usize,
    pairs: &HashMap<usize, usize>,
    carry: Option<&Subject>,
) -> Option<SubjectRef> {
    let explicit = |j: usize| {
        subject_at(items, j).map(|sub| SubjectRef {
            subject: sub.clone(),
            source: ProvinceSource::Explicit,
        })
    };
    if let Some(&j) = pairs.get(&i) {
        return explicit(j);
    }
    let v = &items[i];
    let next_subject = items[i + 1..]
        .iter()
        .position(|it| matches!(it.kind, Kind::Subject(_)))
        .map(|k| i + 1 + k);
    let values_between = |j: usize| items[i + 1..j].iter().any(|it| it.is_value());
    // "đứng thứ hai là X", "xếp thứ nhì Bộ Y", "vị trí dẫn đầu thuộc về X"
    if let (Kind::Rank { .. }, Some(j)) = (&v.kind, next_subject) {
        let gap = s.lower(v.end, items[j].start);
        let gap = gap.trim();
        let linked = gap.is_empty()
            || (gap == "là"
                || gap.ends_with(" là")
                || gap.ends_with("thuộc về")
                || gap.ends_with("là của"))
                && !gap.contains([',', ';', '.'])
                && gap.chars().count() <= 80;
        if linked && !values_between(j) {
            return explicit(j);
        }
    }
    // a fronted phrase: "Ở vị trí thứ 4, X", "Với 73,4 điểm …, X", "Từ vị trí 63 …, X"
    let head = {
        let b = s.lower(s.base, v.start);
        let h = b
            .rsplit(['.', ';', ':', ')', ','])
            .next()
            .unwrap_or("")
            .to_string();
        h.split_whitespace()
            .filter(|w| !["vị", "trí", "xếp", "đứng", "hạng", "thứ", "số", "điểm"].contains(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if ["ở", "với", "từ"].contains(&head.as_str()) {
        if let Some(j) = next_subject {
            let gap = s.lower(v.end, items[j].start);
            if !gap.contains(';') && !values_between_kind(items, i, j) {
                return explicit(j);
            }
        }
    }
    // the last unit before; one named as a point of comparison ("chỉ sau X", "hơn X") only
    // for the values in the brackets right after it ("sau X (đứng thứ nhất với 29 điểm)")
    // the words opening a point of comparison; a list after one ("vượt qua X, Y và Z") is
    // compared as a whole. "như" after a comma gives examples, the units themselves ("một số
    // địa phương, như X lần đầu đạt vị trí 22")
    let opens_comparison = |j: usize| {
        let b = s.before(items[j].start, 16);
        let b = b.trim_end();
        let example = b
            .strip_suffix("như")
            .is_some_and(|h| h.trim_end().ends_with(',') || h.trim_end().ends_with("chẳng hạn"));
        !example
            && [
                "sau",
                "trước",
                "hơn",
                "so với",
                "như",
                "kém",
                "bằng",
                "vượt qua",
                "vượt",
            ]
            .iter()
            .any(|w| b.ends_with(w))
    };
    let compared = |j: usize| {
        let mut k = j;
        let mut cmp = opens_comparison(k);
        while !cmp && k > 0 && matches!(items[k - 1].kind, Kind::Subject(_)) {
            let gap = s.lower(items[k - 1].end, items[k].start);
            let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
            if !(gap.is_empty() || gap == "và" || gap == "hoặc") {
                break;
            }
            k -= 1;
            cmp = opens_comparison(k);
        }
        let in_its_brackets = v
            .paren
            .is_some_and(|(a, _)| a >= items[j].end && s.lower(items[j].end, a).trim().is_empty());
        cmp && !in_its_brackets
    };
    let mut skipped_comparison = false;
    for j in (0..i).rev() {
        if matches!(items[j].kind, Kind::Subject(_)) {
            if compared(j) {
                skipped_comparison = true;
                continue;
            }
            return explicit(j);
        }
    }
    // a unit after the value in the same clause, when none comes before
    if let Some(j) = next_subject.filter(|&j| {
        !matches!(
            items[j].kind,
            Kind::Subject(Subject {
                scope: Scope::Region,
                ..
            })
        )
    }) {
        let gap = s.lower(v.end, items[j].start);
        let comparison = ["hơn", "sau", "so với", "như", "trước", "kém", "vượt"]
            .iter()
            .any(|w| gap.contains(w));
        if !gap.contains(';') && !comparison {
            return explicit(j);
        }
    }
    if skipped_comparison {
        return default_subject(ctx);
    }
    if let Some(c) = carry {
        return Some(SubjectRef {
            subject: c.clone(),
            source: ProvinceSource::Context,
        });
    }
    default_subject(ctx)
}

/// The article's province, for a value that names no unit.
fn default_subject(ctx: &Ctx<'_>) -> Option<SubjectRef> {
    ctx.article_province.as_ref().map(|p| SubjectRef {
        subject: Subject {
            scope: Scope::Province,
            province: Some(p.clone()),
            region: None,
            ent: None,
            city_form: false,
        },
        source: ctx.article_province_source,
    })
}

/// Whether a score or rank lies between items `i` and `j` (rank changes do not count).
fn values_between_kind(items: &[Item], i: usize, j: usize) -> bool {
    items[i + 1..j]
        .iter()
        .any(|it| matches!(it.kind, Kind::Score { .. } | Kind::Rank { .. }))
}

/// "A và B … lần lượt là x và y" / "thứ 5 và thứ 6 lần lượt là A và B": value → subject item.
pub(super) fn respectively(s: &Sent<'_>, items: &[Item]) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    for (m, it) in items.iter().enumerate() {
        if it.kind != Kind::Respectively {
            continue;
        }
        let in_clause = |k: usize| {
            !s.lower(items[k].start.min(it.start), items[k].end.max(it.end))
                .contains(';')
        };
        let subj_before: Vec<usize> = (0..m)
            .rev()
            .take_while(|&k| !items[k].is_value())
            .filter(|&k| matches!(items[k].kind, Kind::Subject(_)) && in_clause(k))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let vals_after: Vec<usize> = (m + 1..items.len())
            .filter(|&k| {
                matches!(items[k].kind, Kind::Score { .. } | Kind::Rank { .. }) && in_clause(k)
            })
            .take_while(|&k| !(m + 1..k).any(|x| matches!(items[x].kind, Kind::Subject(_))))
            .collect();
        let vals_before: Vec<usize> = (0..m)
            .rev()
            .take_while(|&k| !matches!(items[k].kind, Kind::Subject(_)))
            .filter(|&k| {
                matches!(items[k].kind, Kind::Score { .. } | Kind::Rank { .. }) && in_clause(k)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let subj_after: Vec<usize> = (m + 1..items.len())
            .filter(|&k| matches!(items[k].kind, Kind::Subject(_)) && in_clause(k))
            .take_while(|&k| !(m + 1..k).any(|x| items[x].is_value()))
            .collect();
        // "lần lượt là A, B, C với 90, 89 và 88 điểm"
        let vals_after_subj: Vec<usize> = subj_after
            .last()
            .map(|&l| {
                (l + 1..items.len())
                    .filter(|&k| {
                        matches!(items[k].kind, Kind::Score { .. } | Kind::Rank { .. })
                            && in_clause(k)
                    })
                    .take_while(|&k| !(l + 1..k).any(|x| matches!(items[x].kind, Kind::Subject(_))))
                    .collect()
            })
            .unwrap_or_default();
        if subj_before.len() >= 2 && subj_before.len() == vals_after.len() {
            out.extend(vals_after.into_iter().zip(subj_before));
        } else if vals_before.len() >= 2 && vals_before.len() == subj_after.len() {
            out.extend(vals_before.into_iter().zip(subj_after));
        } else if subj_after.len() >= 2 && subj_after.len() == vals_after_subj.len() {
            out.extend(vals_after_subj.into_iter().zip(subj_after));
        }
    }
    for (rank, subject) in coordinated_ranks(s, items) {
        out.entry(rank).or_insert(subject);
    }
    out
}

/// "Xếp thứ 2 và thứ 3 về PAPI là A (47,3 điểm) và B (47,1 điểm)": ranks joined by "và" or
/// commas, then "là" and as many units (each may carry its score in brackets), pair in order
/// as with "lần lượt".
fn coordinated_ranks(s: &Sent<'_>, items: &[Item]) -> Vec<(usize, usize)> {
    let joined = |a: usize, b: usize| {
        let gap = s.lower(a, b);
        let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
        gap.is_empty() || gap == "và" || gap == "thứ" || gap == "và thứ"
    };
    let is_rank = |k: usize| matches!(items[k].kind, Kind::Rank { .. });
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if !is_rank(i) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        while let Some(&last) = run.last() {
            match (last + 1 < items.len() && is_rank(last + 1))
                .then(|| joined(items[last].end, items[last + 1].start))
            {
                Some(true) => run.push(last + 1),
                _ => break,
            }
        }
        let after = run[run.len() - 1] + 1;
        i = after;
        if run.len() < 2 {
            continue;
        }
        // the first unit after the ranks, reached through "… là" (an index or year between)
        let Some(first) = (after..items.len())
            .find(|&k| !matches!(items[k].kind, Kind::Index { .. } | Kind::Year { .. }))
        else {
            continue;
        };
        if !matches!(items[first].kind, Kind::Subject(_)) {
            continue;
        }
        let lead = s.lower(items[after - 1].end, items[first].start);
        let lead = lead.trim_end();
        if !(lead.ends_with(" là") || lead == "là") || lead.contains([';', '.']) {
            continue;
        }
        let mut subjects = vec![first];
        let mut k = first + 1;
        while subjects.len() < run.len() && k < items.len() {
            match &items[k].kind {
                Kind::Score { .. } if items[k].paren.is_some() => k += 1,
                Kind::Subject(_) => {
                    let gap = s.lower(items[k - 1].end, items[k].start);
                    let gap = gap.trim_matches(|c: char| {
                        c.is_whitespace() || c == ',' || c == ')' || c == '('
                    });
                    if !(gap.is_empty() || gap == "và") {
                        break;
                    }
                    subjects.push(k);
                    k += 1;
                }
                _ => break,
            }
        }
        if subjects.len() == run.len() {
            out.extend(run.into_iter().zip(subjects));
        }
    }
    out
}

/// A year written right after the value: "vị trí 63 của năm 2020".
fn postfix_year(s: &Sent<'_>, items: &[Item], i: usize) -> Option<Vec<u32>> {
    let v = &items[i];
    let it = items.get(i + 1)?;
    let gap = s.lower(v.end, it.start);
    // "58/63 tỉnh, thành phố vào năm 2007": the ranked units may sit between
    let gap = gap
        .trim()
        .trim_start_matches("tỉnh, thành phố")
        .trim_start_matches("tỉnh, thành")
        .trim_start_matches("tỉnh thành")
        .trim();
    match &it.kind {
        Kind::Year {
            years,
            role: YearRole::Measured,
            ..
        } if ["", "của", "vào", "trong"].contains(&gap) => Some(years.clone()),
        _ => None,
    }
}

/// "từ A (năm X) lên B": the year markers between a prior value and "lên"/"xuống" are its own
/// (and set no year for what follows).
pub(super) fn prior_spans(s: &Sent<'_>, items: &[Item]) -> (Vec<bool>, HashMap<usize, Vec<u32>>) {
    let mut consumed = vec![false; items.len()];
    let mut prior_years: HashMap<usize, Vec<u32>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if !(it.prior && it.is_value()) {
            continue;
        }
        let rest = s.lower(it.end, s.end());
        let to = ["lên", "xuống"]
            .iter()
            .filter_map(|w| rest.find(&format!(" {w} ")))
            .min()
            .map(|b| it.end + rest[..b].chars().count())
            .unwrap_or(it.end);
        for (k, y) in items.iter().enumerate().skip(i + 1) {
            if y.start >= to {
                break;
            }
            if let Kind::Year { years, .. } = &y.kind {
                consumed[k] = true;
                prior_years
                    .entry(i)
                    .or_default()
                    .extend(years.iter().copied());
            }
        }
        if let Some(y) = postfix_year(s, items, i) {
            prior_years.entry(i).or_insert(y);
        }
    }
    (consumed, prior_years)
}

/// The measured years of the value at item `i` (before falling back to the index and article).
pub(super) fn own_years(
    s: &Sent<'_>,
    items: &[Item],
    i: usize,
    consumed: &[bool],
) -> Option<Vec<u32>> {
    let v = &items[i];
    let measured = |it: &Item| match &it.kind {
        Kind::Year {
            years,
            role: YearRole::Measured,
            ..
        } => Some(years.clone()),
        _ => None,
    };
    if let Some(y) = postfix_year(s, items, i) {
        return Some(y);
    }
    if let Some((a, _)) = v.paren {
        // the bracket's own markers
        if let Some(y) = items[..i]
            .iter()
            .enumerate()
            .rev()
            .filter(|(k, it)| it.start > a && !consumed[*k])
            .find_map(|(_, it)| measured(it))
        {
            return Some(y);
        }
        // "so với năm 2022 (86,62%)"; not the place moved to in "so với năm 2020 (từ vị trí
        // 47 lên vị trí 13)": that one is the measured year's
        let inside = s.lower(a, v.start);
        let moved_to = !v.prior && (inside.contains("lên ") || inside.contains("xuống "));
        if let Some(y) = items[..i]
            .iter()
            .rev()
            .filter(|_| !moved_to)
            .find_map(|it| match &it.kind {
                Kind::Year { years, .. } if it.end <= a && s.lower(it.end, a).trim().is_empty() => {
                    Some(years.clone())
                }
                _ => None,
            })
        {
            return Some(y);
        }
    }
    let open = v.paren.map(|p| p.0).unwrap_or(v.start);
    items[..i]
        .iter()
        .enumerate()
        .rev()
        .filter(|(k, it)| {
            it.end <= open
                && !consumed[*k]
                && (it.paren.is_none_or(|(a, b)| a < v.start && v.start < b)
                    || matches!(it.kind, Kind::Year { attached: true, .. }))
        })
        .find_map(|(_, it)| measured(it))
}

/// The provinces listed right before a membership marker ("Hà Nam, Nam Định và Thái Bình lần
/// lượt là các địa phương …"): the run of provinces joined by "," / "và" that ends at the
/// marker; none when fewer than two are listed (one province is not a list).
pub(super) fn listed_before(s: &Sent<'_>, items: &[Item], i: usize) -> Vec<SubjectRef> {
    let joined = |a: usize, b: usize| {
        let gap = s.lower(a, b);
        let gap = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
        gap.is_empty() || gap == "và"
    };
    let mut out = Vec::new();
    let mut end = items[i].start;
    // (the "lần lượt" marker of the same words sorts right before this one)
    for it in items[..i]
        .iter()
        .rev()
        .filter(|it| it.start < items[i].start)
    {
        match &it.kind {
            Kind::Subject(sub) if sub.scope == Scope::Province && joined(it.end, end) => {
                out.push(SubjectRef {
                    subject: sub.clone(),
                    source: ProvinceSource::Explicit,
                });
                end = it.start;
            }
            _ => break,
        }
    }
    // a list; one unit only when it joins a numbered group ("X trở lại tốp 30")
    let group = {
        let m = s.lower(items[i].start, items[i].end);
        ["nhóm", "tốp", "top"].iter().any(|g| {
            m.split(g)
                .nth(1)
                .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
    };
    if out.len() < 2 && !(group && out.len() == 1) {
        return Vec::new();
    }
    out.reverse();
    out
}
