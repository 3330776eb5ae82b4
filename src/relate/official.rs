//! `official` relations: person – role – org – province.
//!
//! Patterns (rule names in the output):
//! - `title-org-name`: "Phó Giám đốc Sở Nội vụ Trần Minh Khải", chains of titles before one
//!   name ("Trưởng ban Tổ chức Tỉnh ủy, Giám đốc Sở Nội vụ Lê Thị Hằng" gives two), and
//!   coordinated names after one title ("các Phó Chủ tịch UBND tỉnh A và B");
//! - `name-comma-title`: "ông Nguyễn Văn A, Giám đốc Sở Y tế", "bà B - Phó Chủ tịch UBND tỉnh".
//!
//! "nguyên" before a title marks `former: true`. One relation per (person, role, org); a bare
//! one-syllable reference ("Giám đốc Lê") is dropped when the full name holds the same office.

use serde_json::{json, Map, Value};

use super::province::entity_province;
use super::{relation, Ctx, SentenceView};
use crate::document::{Entity, Relation, RelationType};
use crate::rules::gazetteer::{strip_admin_prefix, Entry, Title};
use crate::text::{match_key, NormText};

/// Text between two entities is only "glue" (spaces).
fn adjacent(sv: &SentenceView<'_>, a: &Entity, b: &Entity) -> bool {
    a.end <= b.start && sv.slice(a.end, b.start).trim().is_empty()
}

fn title_of<'a>(ctx: &'a Ctx<'_>, role: &Entity) -> Option<&'a Title> {
    let canon = role.norm.as_ref()?.as_str()?;
    ctx.rules.gaz.titles.iter().find(|t| t.canonical == canon)
}

/// Body of an ORG text: its gazetteer entry (first head found in the text).
fn body_scope(ctx: &Ctx<'_>, org_text: &str) -> Option<(String, String)> {
    let n = NormText::new(org_text);
    let hits = ctx.rules.gaz.body_heads.find(&n.lower);
    let h = hits.first()?;
    h.entries.iter().find_map(|e| match e {
        Entry::Body(k) => {
            let b = &ctx.rules.gaz.bodies[*k];
            Some((b.scope.clone(), b.kind.clone()))
        }
        _ => None,
    })
}

/// The org value: the body without its province ("UBND tỉnh An Giang" → "UBND tỉnh",
/// "Sở Nội vụ tỉnh Nghệ An" → "Sở Nội vụ"), long forms shortened ("Ủy ban nhân dân" → "UBND").
pub fn org_without_province(ctx: &Ctx<'_>, org: &Entity) -> String {
    let mut text = org.text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (long, short) in [
        ("Ủy ban nhân dân", "UBND"),
        ("Uỷ ban nhân dân", "UBND"),
        ("Hội đồng nhân dân", "HĐND"),
    ] {
        if let Some(rest) = text.strip_prefix(long) {
            text = format!("{short}{rest}");
        }
    }
    let Some(prov) = entity_province(org) else {
        return text;
    };
    // find where the province's name starts: try every word boundary suffix
    let words: Vec<&str> = text.split(' ').collect();
    for cut in 1..words.len() {
        let tail = words[cut..].join(" ");
        let key = match_key(&tail);
        let bare = strip_admin_prefix(&key);
        let is_possessive = key.starts_with("của ");
        let tail_names_prov = ctx
            .rules
            .gaz
            .province_by_name(bare.strip_prefix("của ").unwrap_or(bare))
            .is_some_and(|p| p == prov);
        if tail_names_prov {
            let head = words[..cut].join(" ");
            let level_word = bare.len() < key.len() && !is_possessive;
            let keeps_level =
                head.starts_with("UBND") || head.starts_with("HĐND") || head.contains("Đoàn");
            if level_word && keeps_level {
                let level = words[cut];
                let level = if level.eq_ignore_ascii_case("tp")
                    || level.eq_ignore_ascii_case("tp.")
                    || level == "thành"
                {
                    "thành phố".to_string()
                } else {
                    level.to_string()
                };
                return format!("{head} {level}");
            }
            return head;
        }
    }
    // possessive without a name: "… của tỉnh"
    if let Some(i) = text.find(" của ") {
        return text[..i].to_string();
    }
    text
}

/// Is the word right before `e` "nguyên" (former)?
fn former_before(sv: &SentenceView<'_>, e: &Entity) -> bool {
    let before = sv.slice(sv.start, e.start);
    let last = before.split_whitespace().last().unwrap_or("");
    matches!(last.to_lowercase().as_str(), "nguyên" | "cựu")
}

struct Found<'a> {
    person: &'a Entity,
    role: Option<&'a Entity>,
    role_text: String,
    title: Option<&'a Title>,
    org: Option<&'a Entity>,
    former: bool,
    rule: &'static str,
}

pub fn find(ctx: &Ctx<'_>, sentences: &[SentenceView<'_>]) -> Vec<Relation> {
    let mut found: Vec<(Found<'_>, &SentenceView<'_>)> = Vec::new();
    let ents = ctx.entities;
    for sv in sentences {
        let es: Vec<&Entity> = sv.ents.iter().map(|&i| &ents[i]).collect();
        for (pi, person) in es.iter().enumerate() {
            if person.label != "PER" {
                continue;
            }
            // --- titles before the name: walk back over [ROLE ORG?] groups ---
            let mut k = pi;
            let mut cur: &Entity = person;
            // coordinated names: "A và B" → B inherits A's titles
            while k >= 2 && es[k - 1].label == "PER" && es[k - 1].end <= cur.start {
                let gap = sv.slice(es[k - 1].end, cur.start).trim().to_lowercase();
                if gap == "và" || gap == "," {
                    k -= 1;
                    cur = es[k];
                } else {
                    break;
                }
            }
            let mut groups: Vec<(Option<&Entity>, Option<&Entity>)> = Vec::new();
            let mut j = k;
            // `boundary`: where the next group must end (only spaces between)
            let mut boundary = cur.start;
            let glued = |e: &Entity, boundary: usize| {
                e.end <= boundary && sv.slice(e.end, boundary).trim().is_empty()
            };
            loop {
                let mut org = None;
                let mut b = boundary;
                if j >= 1 && es[j - 1].label == "ORG" && glued(es[j - 1], b) {
                    org = Some(es[j - 1]);
                    b = es[j - 1].start;
                    j -= 1;
                }
                if j >= 1 && es[j - 1].label == "ROLE" && glued(es[j - 1], b) {
                    groups.push((Some(es[j - 1]), org));
                    j -= 1;
                    // another group before, separated by "," / "kiêm" / "và"
                    if j >= 1 && matches!(es[j - 1].label.as_str(), "ORG" | "ROLE") {
                        let gap = sv.slice(es[j - 1].end, es[j].start).trim().to_lowercase();
                        if matches!(gap.as_str(), "," | "kiêm" | ", kiêm" | "và" | "-" | "–") {
                            boundary = es[j - 1].end;
                            continue;
                        }
                    }
                    break;
                }
                if let (Some(org_e), true) = (org, groups.is_empty()) {
                    // plural titles have no ROLE entity: "các Phó Chủ tịch UBND tỉnh A và B"
                    let before = sv.slice(sv.start, org_e.start);
                    if let Some((title, text)) = trailing_title(ctx, before) {
                        found.push((
                            Found {
                                person,
                                role: None,
                                role_text: text,
                                title: Some(title),
                                org,
                                former: false,
                                rule: "plural-title-org-names",
                            },
                            sv,
                        ));
                    }
                }
                break;
            }
            for (role, org) in &groups {
                let role = role.expect("groups hold roles");
                found.push((
                    Found {
                        person,
                        role: Some(role),
                        role_text: role.text.clone(),
                        title: title_of(ctx, role),
                        org: *org,
                        former: former_before(sv, role),
                        rule: "title-org-name",
                    },
                    sv,
                ));
            }
            if !groups.is_empty() {
                continue;
            }
            // --- name, title after: "ông A, Giám đốc Sở B" / "bà C - Phó Chủ tịch UBND tỉnh" /
            // appointments "bổ nhiệm ông A giữ chức Phó Giám đốc Sở B" ---
            if pi + 1 < es.len() && es[pi + 1].label == "ROLE" {
                let role = es[pi + 1];
                let gap = sv.slice(person.end, role.start).trim().to_lowercase();
                let former = matches!(gap.as_str(), ", nguyên" | "- nguyên" | ", cựu");
                let appointed = matches!(
                    gap.as_str(),
                    "giữ chức"
                        | "giữ chức vụ"
                        | "làm"
                        | "được bổ nhiệm giữ chức"
                        | "được bổ nhiệm làm"
                        | "được bầu làm"
                        | "được bầu giữ chức"
                        | "là"
                );
                if appointed
                    || matches!(
                        gap.as_str(),
                        "," | "-" | "–" | "(" | ", nguyên" | "- nguyên" | ", cựu"
                    )
                {
                    let org = es
                        .get(pi + 2)
                        .copied()
                        .filter(|o| o.label == "ORG" && adjacent(sv, role, o));
                    found.push((
                        Found {
                            person,
                            role: Some(role),
                            role_text: role.text.clone(),
                            title: title_of(ctx, role),
                            org,
                            former,
                            rule: if appointed {
                                "name-appointed-title"
                            } else {
                                "name-comma-title"
                            },
                        },
                        sv,
                    ));
                }
            }
        }
    }

    // build relations, one per (person, role, org)
    let mut out: Vec<Relation> = Vec::new();
    let mut seen: Vec<(String, String, String)> = Vec::new();
    let mut built: Vec<(String, String, String, Relation)> = Vec::new();
    for (f, sv) in &found {
        let role_value = match f.title {
            Some(t) => t.relation_role.clone(),
            None => f.role_text.clone(),
        };
        let mut org_value = f.org.map(|o| org_without_province(ctx, o));
        // a title that absorbs its body's noun: "Trưởng ban Tổ chức" + "Tỉnh ủy" → "Ban Tổ chức Tỉnh ủy"
        if let Some(t) = f.title {
            let written_longer = match_key(&f.role_text) != match_key(&t.relation_role);
            if !t.absorbs_body.is_empty() && (written_longer || t.absorbs_body == "Văn phòng") {
                let absorbed = if written_longer {
                    // the written field after the role word: "Trưởng ban Tổ chức" → "Ban Tổ chức"
                    let field: String = f
                        .role_text
                        .chars()
                        .skip(t.relation_role.chars().count())
                        .collect();
                    format!(
                        "{}{}",
                        capitalize_first(t.absorbs_body.split_whitespace().next().unwrap_or("")),
                        field
                    )
                } else {
                    t.absorbs_body.clone()
                };
                let already = org_value
                    .as_deref()
                    .is_some_and(|o| match_key(o).starts_with(&match_key(&absorbed)));
                if !already {
                    org_value = Some(match org_value {
                        Some(o) => format!("{absorbed} {o}"),
                        None => absorbed,
                    });
                }
            }
        }
        let (province, source) = match f.org {
            Some(o) => match entity_province(o) {
                Some(p) => (Some(p), "explicit"),
                None => match body_scope(ctx, &o.text) {
                    Some((scope, _)) if scope == "national" => (None, "national"),
                    _ => (ctx.article_province.clone(), "article"),
                },
            },
            // no body written: the office cannot be placed (a company, a unit not named)
            None => {
                if f.title.is_some_and(|t| t.national_only) {
                    (None, "national")
                } else {
                    (None, "unknown")
                }
            }
        };
        // a relation needs the person's name, not a one-syllable reference
        if !f.person.text.trim().contains(' ') {
            continue;
        }
        let mut values = Map::new();
        values.insert("person".into(), json!(f.person.text));
        values.insert("role".into(), json!(role_value));
        values.insert(
            "org".into(),
            org_value.clone().map(Value::from).unwrap_or(Value::Null),
        );
        values.insert(
            "province".into(),
            province.clone().map(Value::from).unwrap_or(Value::Null),
        );
        values.insert("province_source".into(), json!(source));
        if f.former {
            values.insert("former".into(), json!(true));
        }
        let key = (
            match_key(&f.person.text),
            match_key(&role_value),
            match_key(org_value.as_deref().unwrap_or("")),
        );
        // one relation per (person, role): a later mention only adds an org the first lacked
        if let Some(pos) = seen.iter().position(|k| k.0 == key.0 && k.1 == key.1) {
            if !seen[pos].2.is_empty() || key.2.is_empty() {
                continue;
            }
            seen.remove(pos);
            built.retain(|b| !(b.0 == key.0 && b.1 == key.1));
        }
        seen.push(key.clone());
        let mut args = vec![("person", f.person)];
        if let Some(r) = f.role {
            args.push(("role", r));
        }
        if let Some(o) = f.org {
            args.push(("org", o));
        }
        let score = if f.rule == "title-org-name" { 0.9 } else { 0.8 };
        built.push((
            key.0,
            key.1,
            key.2,
            relation(
                RelationType::Official,
                args,
                values,
                sv.evidence(),
                f.rule,
                score,
            ),
        ));
    }
    // drop a one-syllable reference when a full name holds the same office
    for (i, (person, role, org, r)) in built.iter().enumerate() {
        let short = !person.contains(' ');
        let has_full = short
            && built.iter().enumerate().any(|(j, (p2, r2, o2, _))| {
                j != i
                    && r2 == role
                    && o2 == org
                    && p2.contains(' ')
                    && p2.split(' ').any(|w| w == person)
            });
        if !has_full {
            out.push(r.clone());
        }
    }
    out
}

fn capitalize_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// A title written at the end of `before` ("… các Phó Chủ tịch"), with its text.
fn trailing_title<'a>(ctx: &'a Ctx<'_>, before: &str) -> Option<(&'a Title, String)> {
    let n = NormText::new(before.trim_end());
    let hits = ctx.rules.gaz.title_names.find(&n.lower);
    let h = hits.last()?;
    if h.end != n.len_chars() {
        return None;
    }
    let t = h.entries.iter().find_map(|e| match e {
        Entry::Title(k) => Some(&ctx.rules.gaz.titles[*k]),
        _ => None,
    })?;
    Some((t, n.norm.slice(h.start, h.end).to_string()))
}
