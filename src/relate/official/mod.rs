//! `official` relations: person – role – org – province, one per post a person holds.
//!
//! `read` finds the posts written around each name (titles before and after it, chains of
//! titles, copular and appointment sentences, coordinated names); this module gives each post
//! its values and writes the relations:
//! - `role`: the title without its body ("Trưởng ban Tổ chức" → "Trưởng ban");
//! - `org`: the body without its province (`org::org_without_province`), with the body noun
//!   a title absorbs ("Trưởng ban Tổ chức" + "Tỉnh ủy" → "Ban Tổ chức Tỉnh ủy");
//! - `province` and `province_source`: a place written in the body (`explicit`); none for a
//!   national body or a national-only title (`national`), or a body of another country
//!   (`foreign`: "Thủ tướng Nhật Bản", "Bộ Thương mại Hoa Kỳ"); a place of another post of the same
//!   chain or, for a body that needs a place, written earlier in the sentence — or, for a
//!   district body, the district named last before it in the article (`context`); else the
//!   article's province (its own source: `title`, `site`, `source_line`, `url`, `content`);
//! - `former: true` for "nguyên …" and posts being left.
//!
//! Memberships ("Tỉnh ủy viên", "Ủy viên Ban Thường vụ") are not posts. A title with no body
//! before a bare name ("Chủ tịch Nguyễn Văn A") gives a post only when the title is national
//! only or the same person holds it with a body elsewhere in the article. One relation per
//! (person, role): a mention with a body and a province wins over one without. A person
//! written with one syllable ("ông Tám") gives nothing.

mod org;
mod read;

use super::province::ProvinceSource;
use super::{relation, Ctx, SentenceView};
use crate::document::{Label, OfficialValues, Relation, RelationValues};
use crate::text::match_key;
use org::{
    abbreviates_national_body, body_level, body_scope, capitalize_first, entity_place,
    names_foreign_country, names_local_level, org_without_province, reads_national, BodyLevel,
};
use read::{title_mentions, Body, LevelWord, Post, SentenceReader};

/// A post with its values decided.
struct Resolved<'a, 'g> {
    post: Post<'a, 'g>,
    role: String,
    org: Option<String>,
    province: Option<String>,
    source: ProvinceSource,
    evidence: crate::document::Evidence,
}

pub fn find(ctx: &Ctx<'_>, sentences: &[SentenceView<'_>]) -> Vec<Relation> {
    let ents = ctx.entities;
    let titles = title_mentions(&ctx.rules.gaz, ctx.analysis);
    let mut chain = 0usize;
    let mut posts: Vec<(Post<'_, '_>, &SentenceView<'_>)> = Vec::new();
    for sv in sentences {
        let reader = SentenceReader {
            sv,
            titles: titles
                .iter()
                .filter(|t| t.start >= sv.start && t.end <= sv.end)
                .copied()
                .collect(),
            ents: sv.ents.iter().map(|&i| &ents[i]).collect(),
        };
        posts.extend(reader.read(&mut chain).into_iter().map(|p| (p, sv)));
    }
    // signature blocks of legal documents: the title line above the signer's name
    if let Some(sv) = sentences.first() {
        let signed = read::signature_posts(sv.doc_text, sv.char_bytes, &titles, ents, &mut chain);
        posts.extend(signed.into_iter().map(|p| (p, sv)));
    }
    // district mentions in text order, for district bodies written without their name
    let districts: Vec<(usize, String)> = ents
        .iter()
        .filter(|e| matches!(e.label, Label::Loc | Label::Org))
        .filter(|e| body_level(&e.text) == BodyLevel::District)
        .filter_map(|e| entity_place(ctx, e).map(|p| (e.start, p)))
        .collect();

    let mut resolved: Vec<Resolved<'_, '_>> = Vec::new();
    for (post, sv) in &posts {
        if !post.person.text.trim().contains(' ') {
            continue;
        }
        let Some((province, source)) = province_of(ctx, post, &posts, sv, &districts) else {
            continue;
        };
        resolved.push(Resolved {
            post: post.clone(),
            role: post.title.title.relation_role.clone(),
            org: org_value(ctx, post, sv),
            province,
            source,
            evidence: sv.evidence(),
        });
    }
    // a post that names no place shares the place of another post of its chain ("Phó Bí thư,
    // Chủ tịch UBND huyện X"; "Thứ trưởng Bộ Y làm Trưởng đoàn")
    let placed: Vec<(usize, Option<String>, ProvinceSource)> = resolved
        .iter()
        .filter(|r| {
            matches!(
                r.source,
                ProvinceSource::Explicit | ProvinceSource::National
            )
        })
        .map(|r| (r.post.chain, r.province.clone(), r.source))
        .collect();
    for r in resolved.iter_mut().filter(|r| {
        !matches!(
            r.source,
            ProvinceSource::Explicit | ProvinceSource::National
        )
    }) {
        if let Some((_, p, s)) = placed.iter().find(|(c, _, _)| *c == r.post.chain) {
            r.province = p.clone();
            r.source = match s {
                ProvinceSource::National => ProvinceSource::National,
                _ => ProvinceSource::Context,
            };
        }
    }
    // a post with no body at all takes the place of a post of its chain that has one
    let bodied: Vec<(usize, Option<String>, ProvinceSource)> = resolved
        .iter()
        .filter(|r| !matches!(r.post.body, Body::None))
        .map(|r| (r.post.chain, r.province.clone(), r.source))
        .collect();
    for r in resolved
        .iter_mut()
        .filter(|r| matches!(r.post.body, Body::None) && r.source != ProvinceSource::National)
    {
        if let Some((_, p, s)) = bodied.iter().find(|(c, _, _)| *c == r.post.chain) {
            r.province = p.clone();
            r.source = match s {
                ProvinceSource::National => ProvinceSource::National,
                ProvinceSource::Explicit => ProvinceSource::Context,
                other => *other,
            };
        }
    }
    // a bare title before a name counts only when the person holds it with a body elsewhere
    let held_with_body = |r: &Resolved<'_, '_>| {
        resolved.iter().any(|o| {
            !matches!(o.post.body, Body::None)
                && match_key(&o.post.person.text) == match_key(&r.post.person.text)
                && match_key(&o.role) == match_key(&r.role)
        })
    };
    let keep: Vec<bool> = resolved
        .iter()
        .map(|r| {
            !matches!(r.post.body, Body::None)
                || r.post.title.title.national_only
                || r.source != ProvinceSource::Unknown
                || held_with_body(r)
        })
        .collect();

    // one relation per (person, role): the best-placed mention
    let mut chosen: Vec<&Resolved<'_, '_>> = Vec::new();
    for (r, _) in resolved.iter().zip(&keep).filter(|(_, k)| **k) {
        let key = (match_key(&r.post.person.text), match_key(&r.role));
        match chosen
            .iter()
            .position(|c| (match_key(&c.post.person.text), match_key(&c.role)) == key)
        {
            Some(i) if rank(r) > rank(chosen[i]) => chosen[i] = r,
            Some(_) => {}
            None => chosen.push(r),
        }
    }
    chosen.into_iter().map(|r| build(ctx, r)).collect()
}

/// How well a mention places a post: current beats former; a place its own body states (a
/// province written in it, or a national body) beats one borrowed from the article; then a
/// province and an org beat their absence.
fn rank(r: &Resolved<'_, '_>) -> (bool, bool, bool, bool) {
    let stated = matches!(
        r.source,
        ProvinceSource::Explicit | ProvinceSource::National
    );
    (
        !r.post.former,
        stated,
        r.province.is_some(),
        r.org.is_some(),
    )
}

fn build(ctx: &Ctx<'_>, r: &Resolved<'_, '_>) -> Relation {
    let p = &r.post;
    let values = RelationValues::Official(OfficialValues {
        person: p.person.text.clone(),
        role: r.role.clone(),
        org: r.org.clone(),
        province: r.province.clone(),
        province_source: Some(r.source),
        former: p.former,
        extra: Default::default(),
    });
    let mut args = vec![("person", p.person)];
    let role_entity = ctx
        .entities
        .iter()
        .find(|e| e.label == Label::Role && e.start == p.title.start);
    if let Some(role) = role_entity {
        args.push(("role", role));
    }
    if let Body::Org(o) = p.body {
        args.push(("org", o));
    }
    let score = match p.shape {
        read::Shape::TitleThenName | read::Shape::NameThenTitle => 0.9,
        _ => 0.8,
    };
    relation(args, values, r.evidence, p.shape.rule(), score)
}

/// The org value of a post (None when no body is written).
fn org_value(ctx: &Ctx<'_>, post: &Post<'_, '_>, sv: &SentenceView<'_>) -> Option<String> {
    let t = post.title.title;
    let written_title = sv.slice(post.title.start, post.title.end).to_string();
    let mut org = match post.body {
        Body::Org(o) if o.start < post.title.end => {
            // the model took the title into the body: "[Tổng Biên tập Báo X]"
            let mut body = o.clone();
            body.text = o
                .text
                .chars()
                .skip(post.title.end - o.start)
                .collect::<String>();
            body.text = body.text.trim().to_string();
            Some(org_without_province(ctx, &body))
        }
        Body::Org(o) => Some(org_without_province(ctx, o)),
        Body::Level(w) => Some(level_body(t, w).to_string()),
        Body::Place(_) | Body::None => None,
    };
    // a title that absorbs its body's noun: "Trưởng ban Tổ chức" + "Tỉnh ủy" → "Ban Tổ chức Tỉnh ủy"
    if !t.absorbs_body.is_empty() {
        let written_longer = match_key(&written_title) != match_key(&t.relation_role);
        if written_longer || t.absorbs_body == "Văn phòng" || org.is_none() {
            let absorbed = if written_longer {
                let field: String = written_title
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
            let already = org
                .as_deref()
                .is_some_and(|o| match_key(o).starts_with(&match_key(&absorbed)));
            if !already {
                org = Some(match org {
                    Some(o) => format!("{absorbed} {o}"),
                    None => absorbed,
                });
            }
        }
    }
    org
}

/// The body a level word stands for after a title: "Chủ tịch tỉnh" → "UBND tỉnh",
/// "Giám đốc sở" → "Sở".
fn level_body(t: &crate::rules::gazetteer::Title, w: LevelWord) -> &'static str {
    let party = t.canonical.contains("Bí thư");
    match (w, party) {
        (LevelWord::Department, _) => "Sở",
        (LevelWord::Central, _) => "Trung ương",
        (LevelWord::Province, true) => "Tỉnh ủy",
        (LevelWord::District, true) => "Huyện ủy",
        (LevelWord::Commune, true) => "Đảng ủy xã",
        (LevelWord::Province, false) => "UBND tỉnh",
        (LevelWord::District, false) => "UBND huyện",
        (LevelWord::Commune, false) => "UBND xã",
    }
}

/// The province of a post and where it came from; `None` drops the post (never: kept for
/// symmetry with callers that filter).
fn province_of(
    ctx: &Ctx<'_>,
    post: &Post<'_, '_>,
    posts: &[(Post<'_, '_>, &SentenceView<'_>)],
    sv: &SentenceView<'_>,
    districts: &[(usize, String)],
) -> Option<(Option<String>, ProvinceSource)> {
    // 1. written in the body
    let (explicit, level, national) = match post.body {
        Body::Org(o) => {
            let national = (body_scope(ctx, &o.text).is_some_and(|(scope, _)| scope == "national")
                && !names_local_level(&o.text))
                || post.title.title.national_only
                || reads_national(ctx, &o.text)
                || abbreviates_national_body(ctx, o);
            (entity_place(ctx, o), Some(body_level(&o.text)), national)
        }
        Body::Place(l) => (entity_place(ctx, l), Some(body_level(&l.text)), false),
        Body::Level(w) => (
            None,
            Some(match w {
                LevelWord::District => BodyLevel::District,
                LevelWord::Commune => BodyLevel::Commune,
                _ => BodyLevel::Province,
            }),
            w == LevelWord::Central,
        ),
        Body::None => (None, None, post.title.title.national_only),
    };
    if post.shape == read::Shape::Signature && !national {
        // a document signs for the body of its header: the article's
        return Some(article(ctx));
    }
    if let Some(p) = explicit {
        // a commune or ward of an article published after July 2025 is one of the new units,
        // which lie in the 34-province map: a ward that took the name of a pre-2025 district
        // ("phường Phú Mỹ", "xã Hòn Đất") resolves to the district's old province, so name the
        // province it was merged into
        let p = match ctx.rules.gaz.merged_into(&p) {
            Some(unit)
                if ctx.after_merger && level == Some(BodyLevel::Commune) && !unit.is_empty() =>
            {
                unit.to_string()
            }
            _ => p,
        };
        return Some((Some(p), ProvinceSource::Explicit));
    }
    // a body of another country; or a national-only title over a place that is no Vietnamese
    // province ("Thủ tướng Bangladesh …": Thủ tướng of a country the gazetteer lacks)
    let foreign = match post.body {
        Body::Org(e) => names_foreign_country(ctx, &e.text),
        Body::Place(e) => {
            names_foreign_country(ctx, &e.text)
                || (post.title.title.national_only && !names_vietnam(&e.text))
        }
        _ => false,
    };
    if foreign {
        return Some((None, ProvinceSource::Foreign));
    }
    if national {
        return Some((None, ProvinceSource::National));
    }
    let Some(level) = level else {
        // no body at all: a bodiless title in a chain shares the chain's place; alone it
        // cannot be placed
        let in_chain = posts
            .iter()
            .any(|(o, _)| o.chain == post.chain && o.title.start != post.title.start);
        return Some(if in_chain {
            article(ctx)
        } else {
            (None, ProvinceSource::Unknown)
        });
    };
    // 3. a district body: the district named last before it
    if level == BodyLevel::District {
        if let Some((_, p)) = districts.iter().rfind(|(at, _)| *at < post.title.start) {
            return Some((Some(p.clone()), ProvinceSource::Context));
        }
    }
    // 4. one place written earlier in the sentence
    let mut earlier: Vec<String> = sv
        .ents
        .iter()
        .map(|&i| &ctx.entities[i])
        .filter(|e| e.end <= post.person.start.min(post.title.start))
        .filter(|e| matches!(e.label, Label::Loc | Label::Org))
        .filter_map(|e| entity_place(ctx, e))
        .collect();
    earlier.sort();
    earlier.dedup();
    if let [p] = earlier.as_slice() {
        return Some((Some(p.clone()), ProvinceSource::Context));
    }
    // 5. a roundup of several provinces, one paragraph each ("Tại kỳ họp HĐND tỉnh X, … Ông A,
    // Chủ tịch UBND tỉnh, …"): the one province named earlier in the post's paragraph, when
    // the article's own province is only the one named most often (or none)
    if matches!(
        ctx.article_province_source,
        ProvinceSource::Content | ProvinceSource::Unknown
    ) {
        if let Some(p) = paragraph_province(ctx, sv, post.person.start.min(post.title.start)) {
            return Some((Some(p), ProvinceSource::Context));
        }
    }
    // 6. the article's province
    Some(article(ctx))
}

/// Whether a place is the country itself ("Việt Nam", "nước ta").
fn names_vietnam(text: &str) -> bool {
    let key = match_key(text);
    key.contains(&match_key("Việt Nam")) || key.contains(&match_key("nước ta"))
}

/// The one province the places and bodies written earlier in the paragraph (the text line)
/// of char `at` name, before `at`.
fn paragraph_province(ctx: &Ctx<'_>, sv: &SentenceView<'_>, at: usize) -> Option<String> {
    let last = sv.char_bytes.len() - 1;
    let before = &sv.doc_text[..sv.char_bytes[at.min(last)]];
    let line_start = before
        .rfind('\n')
        .map_or(0, |b| before[..=b].chars().count());
    let mut named: Vec<String> = ctx
        .entities
        .iter()
        .filter(|e| e.start >= line_start && e.end <= at)
        .filter(|e| matches!(e.label.as_str(), "LOC" | "ORG"))
        .filter_map(|e| entity_place(ctx, e))
        .collect();
    named.sort();
    named.dedup();
    match named.as_slice() {
        [p] => Some(p.clone()),
        _ => None,
    }
}

fn article(ctx: &Ctx<'_>) -> (Option<String>, ProvinceSource) {
    match &ctx.article_province {
        Some(p) => (Some(p.clone()), ctx.article_province_source),
        None => (None, ProvinceSource::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Entity, EntitySource, Label, RelationValues};
    use crate::Pipeline;

    /// (person, role, province or "-", former) of the officials the rules-only pipeline finds
    /// when the NER model would have found `people` (written into the document as model PER
    /// entities at each of their occurrences, so the tests pin the linker, not the model).
    fn officials(url: &str, text: &str, people: &[&str]) -> Vec<(String, String, String, bool)> {
        let spans: Vec<(Label, &str)> = people.iter().map(|p| (Label::Per, *p)).collect();
        officials_with(url, text, &spans)
    }

    /// As `officials`, with model entities of any label: (label, text).
    fn officials_with(
        url: &str,
        text: &str,
        spans: &[(Label, &str)],
    ) -> Vec<(String, String, String, bool)> {
        officials_published(url, text, spans, None)
    }

    /// As `officials_with`, for an article with a publication date.
    fn officials_published(
        url: &str,
        text: &str,
        spans: &[(Label, &str)],
        published: Option<&str>,
    ) -> Vec<(String, String, String, bool)> {
        let p = Pipeline::builder().threads(1).build().expect("pipeline");
        let mut d = Document::new("t", "t", text);
        d.meta.published = published.map(str::to_string);
        let chars: Vec<char> = text.chars().collect();
        for (label, name) in spans {
            let n: Vec<char> = name.chars().collect();
            for start in 0..chars.len().saturating_sub(n.len() - 1) {
                if chars[start..start + n.len()] == n[..] {
                    d.entities.push(Entity {
                        id: String::new(),
                        label: label.clone(),
                        start,
                        end: start + n.len(),
                        text: name.to_string(),
                        score: 0.99,
                        source: EntitySource::Model,
                        norm: None,
                    });
                }
            }
        }
        d.meta
            .extra
            .insert("url".into(), serde_json::Value::from(url));
        let d = p.process(d);
        d.relations
            .iter()
            .filter_map(|r| match &r.values {
                RelationValues::Official(v) => Some((
                    v.person.clone(),
                    v.role.clone(),
                    v.province.clone().unwrap_or_else(|| "-".into()),
                    v.former,
                )),
                _ => None,
            })
            .collect()
    }

    fn has(
        found: &[(String, String, String, bool)],
        person: &str,
        role: &str,
        province: &str,
    ) -> bool {
        found
            .iter()
            .any(|(p, r, pr, former)| p == person && r == role && pr == province && !former)
    }

    #[test]
    fn two_posts_of_one_person_separated_by_a_slash() {
        let f = officials(
            "https://binhthanh.hochiminhcity.gov.vn/x",
            "Dự buổi gặp mặt có ông Lâm Văn Tài – Phó Bí thư / Chủ tịch UBND phường và các đoàn thể.",
            &["Lâm Văn Tài"],
        );
        assert!(has(&f, "Lâm Văn Tài", "Phó Bí thư", "Hồ Chí Minh"), "{f:?}");
        assert!(has(&f, "Lâm Văn Tài", "Chủ tịch", "Hồ Chí Minh"), "{f:?}");
    }

    #[test]
    fn a_ward_named_after_an_old_district_after_the_merger() {
        // Hòn Đất was a district of Kiên Giang, merged into An Giang in 2025
        let text = "Tại buổi làm việc, ông Trần Văn Lợi, Chủ tịch UBND xã Hòn Đất, báo cáo tiến độ xây dựng trường học.";
        let spans = [(Label::Per, "Trần Văn Lợi")];
        let after = officials_published("https://example.vn/x", text, &spans, Some("2025-11-20"));
        assert!(
            has(&after, "Trần Văn Lợi", "Chủ tịch", "An Giang"),
            "{after:?}"
        );
        let before = officials_published("https://example.vn/x", text, &spans, Some("2024-11-20"));
        assert!(
            has(&before, "Trần Văn Lợi", "Chủ tịch", "Kiên Giang"),
            "{before:?}"
        );
    }

    #[test]
    fn plural_title_with_colon_before_names() {
        let f = officials(
            "https://baobinhdinh.vn/x",
            "Dự họp có các đồng chí Phó Chủ tịch UBND tỉnh: Lê Văn Hải, Trần Thị Mơ.",
            &["Lê Văn Hải", "Trần Thị Mơ"],
        );
        assert!(has(&f, "Lê Văn Hải", "Phó Chủ tịch", "Bình Định"), "{f:?}");
        assert!(has(&f, "Trần Thị Mơ", "Phó Chủ tịch", "Bình Định"), "{f:?}");
    }

    #[test]
    fn chain_goes_on_after_a_membership_and_a_semicolon() {
        let f = officials(
            "https://baohungyen.vn/x",
            "Các đồng chí: Đỗ Thị Nga, Ủy viên Ban Thường vụ Tỉnh ủy; Phó Chủ tịch Thường trực HĐND tỉnh; Vũ Văn Khoa, Tỉnh ủy viên, Giám đốc Sở Tài chính dự họp.",
            &["Đỗ Thị Nga", "Vũ Văn Khoa"],
        );
        assert!(
            has(&f, "Đỗ Thị Nga", "Phó Chủ tịch Thường trực", "Hưng Yên"),
            "{f:?}"
        );
        assert!(has(&f, "Vũ Văn Khoa", "Giám đốc", "Hưng Yên"), "{f:?}");
        assert!(
            !f.iter()
                .any(|o| o.1.contains("Ủy viên") || o.1.contains("ủy viên")),
            "{f:?}"
        );
    }

    fn former(found: &[(String, String, String, bool)], person: &str, role: &str) -> bool {
        found
            .iter()
            .any(|(p, r, _, f)| p == person && r == role && *f)
    }

    #[test]
    fn new_secretary_concurrently_chair_and_a_rank_between_name_and_title() {
        let f = officials(
            "https://baolaocai.vn/x",
            "Ông Vàng Seo Phủ, tân Bí thư kiêm Chủ tịch UBND huyện Bát Xát phát biểu. Tham dự có ông Giàng A Lử, Đại tá, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh.",
            &["Vàng Seo Phủ", "Giàng A Lử"],
        );
        assert!(has(&f, "Vàng Seo Phủ", "Bí thư", "Lào Cai"), "{f:?}");
        assert!(has(&f, "Vàng Seo Phủ", "Chủ tịch", "Lào Cai"), "{f:?}");
        assert!(has(&f, "Giàng A Lử", "Chỉ huy trưởng", "Lào Cai"), "{f:?}");
    }

    #[test]
    fn membership_abbreviations_and_lower_case_membership_with_no_comma() {
        let f = officials_with(
            "https://baothaibinh.com.vn/x",
            "Dự có đồng chí Bùi Thị Xuân - TUV, Phó Chủ tịch HĐND tỉnh; đồng chí Mai Văn Tùng, UVT.Ư Đảng, Bí thư Tỉnh ủy, Trưởng đoàn Đại biểu Quốc hội tỉnh. Cùng dự có đồng chí Tô Văn Lực ủy viên ban thường vụ huyện ủy, phó chủ tịch UBND huyện.",
            &[
                (Label::Per, "Bùi Thị Xuân"),
                (Label::Per, "TUV"),
                (Label::Per, "Mai Văn Tùng"),
                (Label::Per, "Tô Văn Lực"),
                (Label::Org, "Quốc hội tỉnh"),
                (Label::Org, "huyện ủy"),
            ],
        );
        assert!(
            has(&f, "Bùi Thị Xuân", "Phó Chủ tịch", "Thái Bình"),
            "{f:?}"
        );
        assert!(has(&f, "Mai Văn Tùng", "Bí thư", "Thái Bình"), "{f:?}");
        assert!(has(&f, "Mai Văn Tùng", "Trưởng đoàn", "Thái Bình"), "{f:?}");
        assert!(has(&f, "Tô Văn Lực", "Phó Chủ tịch", "Thái Bình"), "{f:?}");
        assert!(!f.iter().any(|o| o.0 == "TUV"), "{f:?}");
        let f = officials(
            "https://baohoabinh.com.vn/x",
            "Dự có các đồng chí: Bùi Văn Tỉnh - ủy viên Trung ương Đảng - Bí thư Tỉnh ủy - Chủ tịch HĐND tỉnh; Quách Thế Tản - phó Bí thư Tỉnh ủy.",
            &["Bùi Văn Tỉnh", "Quách Thế Tản"],
        );
        assert!(has(&f, "Bùi Văn Tỉnh", "Bí thư", "Hòa Bình"), "{f:?}");
        assert!(has(&f, "Bùi Văn Tỉnh", "Chủ tịch", "Hòa Bình"), "{f:?}");
        assert!(has(&f, "Quách Thế Tản", "Phó Bí thư", "Hòa Bình"), "{f:?}");
    }

    #[test]
    fn central_committee_written_t_dot_u_and_an_acronym_of_a_national_body() {
        // "T.Ư" (Trung ương with a dot) neither ends the membership nor hides the next post;
        // "UBKT" after "Ủy ban Kiểm tra T.Ư" in the same article is that national commission
        let f = officials_with(
            "https://baophuyen.vn/x",
            "Ủy ban Kiểm tra T.Ư họp kỳ 12 dưới sự chủ trì của Chủ nhiệm UBKT Nguyễn Văn Bình. Đối với ông Lê Văn Hải, Ủy viên T.Ư Đảng, Bí thư Tỉnh ủy Phú Yên, UBKT chưa xem xét.",
            &[
                (Label::Org, "Ủy ban Kiểm tra T.Ư"),
                (Label::Org, "UBKT"),
                (Label::Per, "Nguyễn Văn Bình"),
                (Label::Per, "Lê Văn Hải"),
                (Label::Org, "Tỉnh ủy Phú Yên"),
            ],
        );
        assert!(has(&f, "Nguyễn Văn Bình", "Chủ nhiệm", "-"), "{f:?}");
        assert!(has(&f, "Lê Văn Hải", "Bí thư", "Phú Yên"), "{f:?}");
        // the acronym of a local body keeps the local province
        let f = officials_with(
            "https://baophuyen.vn/x",
            "Ủy ban Kiểm tra Tỉnh ủy Phú Yên họp kỳ 8. Chủ nhiệm UBKT Trần Thị Mai chủ trì.",
            &[
                (Label::Org, "Ủy ban Kiểm tra Tỉnh ủy Phú Yên"),
                (Label::Org, "UBKT"),
                (Label::Per, "Trần Thị Mai"),
            ],
        );
        assert!(has(&f, "Trần Thị Mai", "Chủ nhiệm", "Phú Yên"), "{f:?}");
    }

    #[test]
    fn an_office_approved_for_a_list_of_people_holds_for_each() {
        // "phê chuẩn kết quả bầu <title> … đối với: bà A, …; ông B, ông C, Tỉnh ủy viên, …"
        let f = officials(
            "https://baoninhbinh.org.vn/x",
            "Thủ tướng phê chuẩn kết quả bầu Phó Chủ tịch UBND tỉnh Ninh Bình nhiệm kỳ 2021 - 2026 đối với: bà Hà Thị Lan, Ủy viên Ban Thường vụ Tỉnh ủy; ông Vũ Đức Tài, ông Đinh Quang Huy, Tỉnh ủy viên, Giám đốc Sở Xây dựng.",
            &["Hà Thị Lan", "Vũ Đức Tài", "Đinh Quang Huy"],
        );
        for name in ["Hà Thị Lan", "Vũ Đức Tài", "Đinh Quang Huy"] {
            assert!(has(&f, name, "Phó Chủ tịch", "Ninh Bình"), "{name}: {f:?}");
        }
        // a dismissal for a list: each leaves the post
        let f = officials(
            "https://baoninhbinh.org.vn/x",
            "Kỳ họp miễn nhiệm chức vụ Ủy viên UBND tỉnh và chức vụ Giám đốc Sở Y tế đối với ông Trần Văn Lộc; bà Mai Thị Hoa.",
            &["Trần Văn Lộc", "Mai Thị Hoa"],
        );
        assert!(!has(&f, "Mai Thị Hoa", "Giám đốc", "Ninh Bình"), "{f:?}");
        // names joined by "và" before "đều" + a predicate
        let f = officials(
            "https://baoninhbinh.org.vn/x",
            "Kết quả, ông Vũ Đức Tài và ông Đinh Quang Huy đều trúng cử chức danh Phó Chủ tịch UBND tỉnh.",
            &["Vũ Đức Tài", "Đinh Quang Huy"],
        );
        assert!(has(&f, "Vũ Đức Tài", "Phó Chủ tịch", "Ninh Bình"), "{f:?}");
        assert!(
            has(&f, "Đinh Quang Huy", "Phó Chủ tịch", "Ninh Bình"),
            "{f:?}"
        );
    }

    #[test]
    fn full_time_deputy_secretary_keeps_its_qualifier() {
        let f = officials(
            "https://baothanhhoa.vn/x",
            "Dự có đồng chí Lê Thị Sen - Ủy viên BTV Tỉnh ủy, Phó Bí thư Thường trực chuyên trách Đảng ủy các cơ quan Đảng tỉnh.",
            &["Lê Thị Sen"],
        );
        assert!(
            has(
                &f,
                "Lê Thị Sen",
                "Phó Bí thư Thường trực chuyên trách",
                "Thanh Hóa"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn moved_official_holds_every_title_after_the_predicate() {
        let f = officials_with(
            "https://baobackan.vn/x",
            "Ban Thường vụ Tỉnh ủy điều động ông Hoàng Văn Sinh - Bí thư Huyện ủy Pác Nặm giữ chức danh phó bí thư Huyện ủy, chủ tịch UBND huyện Ba Bể. UBND tỉnh điều động và bổ nhiệm các đồng chí Nông Thị Hà, Trưởng Ban Dân tộc và Lộc Văn Bình, Phó Giám đốc Sở Y tế làm Phó Giám đốc Sở Nội vụ.",
            &[
                (Label::Per, "Hoàng Văn Sinh"),
                (Label::Per, "Nông Thị Hà"),
                (Label::Per, "Lộc Văn Bình"),
                (Label::Org, "Huyện ủy Pác Nặm"),
            ],
        );
        assert!(has(&f, "Hoàng Văn Sinh", "Phó Bí thư", "Bắc Kạn"), "{f:?}");
        assert!(has(&f, "Hoàng Văn Sinh", "Chủ tịch", "Bắc Kạn"), "{f:?}");
        assert!(former(&f, "Hoàng Văn Sinh", "Bí thư"), "{f:?}");
        assert!(!has(&f, "Hoàng Văn Sinh", "Bí thư", "Bắc Kạn"), "{f:?}");
        for who in ["Nông Thị Hà", "Lộc Văn Bình"] {
            assert!(has(&f, who, "Phó Giám đốc", "Bắc Kạn"), "{f:?}");
        }
        assert!(!has(&f, "Nông Thị Hà", "Trưởng ban", "Bắc Kạn"), "{f:?}");
        // an added duty leaves the posts held
        let f = officials(
            "https://baobackan.vn/x",
            "UBND tỉnh phân công ông Đinh Quang Tuyên, Phó Chủ tịch UBND tỉnh, làm Trưởng ban Ban Chỉ đạo cải cách hành chính tỉnh.",
            &["Đinh Quang Tuyên"],
        );
        assert!(
            has(&f, "Đinh Quang Tuyên", "Phó Chủ tịch", "Bắc Kạn"),
            "{f:?}"
        );
        assert!(
            has(&f, "Đinh Quang Tuyên", "Trưởng ban", "Bắc Kạn"),
            "{f:?}"
        );
        assert!(!has(&f, "Lộc Văn Bình", "Phó Giám đốc", "-"), "{f:?}");
    }

    #[test]
    fn membership_voted_with_doi_voi_is_no_post_and_dismissal_is_former() {
        let f = officials(
            "https://baobinhdinh.vn/x",
            "Thủ tướng phê chuẩn miễn nhiệm chức vụ Chủ tịch UBND tỉnh đối với ông Võ Văn Tám. Thủ tướng phê chuẩn bầu bổ sung chức danh Ủy viên UBND tỉnh đối với ông Đinh Văn Hai.",
            &["Võ Văn Tám", "Đinh Văn Hai"],
        );
        assert!(former(&f, "Võ Văn Tám", "Chủ tịch"), "{f:?}");
        assert!(!has(&f, "Võ Văn Tám", "Chủ tịch", "Bình Định"), "{f:?}");
        assert!(!f.iter().any(|o| o.0 == "Đinh Văn Hai"), "{f:?}");
    }

    #[test]
    fn copular_title_before_is_name() {
        let f = officials(
            "https://baoyenbai.com.vn/x",
            "Giám đốc Sở Xây dựng (sau khi hợp nhất hai sở) là ông Hà Quang Vinh.",
            &["Hà Quang Vinh"],
        );
        assert!(has(&f, "Hà Quang Vinh", "Giám đốc", "Yên Bái"), "{f:?}");
    }

    #[test]
    fn predicate_after_a_group_of_names_holds_for_each() {
        let f = officials(
            "https://snv.travinh.gov.vn/x",
            "UBND tỉnh lập hai đoàn kiểm tra do các ông Lý Văn Tư, Giám đốc Sở Nội vụ và Kim Văn Sáu, Phó Giám đốc Sở Nội vụ làm Trưởng đoàn.",
            &["Lý Văn Tư", "Kim Văn Sáu"],
        );
        for who in ["Lý Văn Tư", "Kim Văn Sáu"] {
            assert!(has(&f, who, "Trưởng đoàn", "Trà Vinh"), "{f:?}");
        }
        assert!(has(&f, "Kim Văn Sáu", "Phó Giám đốc", "Trà Vinh"), "{f:?}");
    }

    #[test]
    fn appointment_leaves_the_old_post_but_not_the_party_post() {
        let f = officials(
            "https://baocamau.vn/x",
            "Ông Tạ Văn Mười, Bí thư Huyện ủy Năm Căn, Phó Giám đốc Sở Tài chính, được bổ nhiệm giữ chức Giám đốc Sở Tài chính.",
            &["Tạ Văn Mười"],
        );
        assert!(has(&f, "Tạ Văn Mười", "Giám đốc", "Cà Mau"), "{f:?}");
        assert!(former(&f, "Tạ Văn Mười", "Phó Giám đốc"), "{f:?}");
        assert!(has(&f, "Tạ Văn Mười", "Bí thư", "Cà Mau"), "{f:?}");
    }

    #[test]
    fn office_voted_for_the_person_after_doi_voi() {
        let f = officials(
            "https://baophuyen.vn/x",
            "Kỳ họp đã bầu chức vụ Phó Chủ tịch UBND tỉnh nhiệm kỳ mới đối với ông Đào Minh Khang, Chánh Văn phòng Tỉnh ủy.",
            &["Đào Minh Khang"],
        );
        assert!(
            has(&f, "Đào Minh Khang", "Phó Chủ tịch", "Phú Yên"),
            "{f:?}"
        );
        let g = officials(
            "https://baophuyen.vn/x",
            "Kỳ họp đã miễn nhiệm chức vụ Chủ tịch UBND tỉnh đối với ông Đào Minh Khang.",
            &["Đào Minh Khang"],
        );
        assert!(former(&g, "Đào Minh Khang", "Chủ tịch"), "{g:?}");
    }

    #[test]
    fn a_quoted_speaker_is_not_the_subject() {
        let f = officials(
            "https://baolongan.vn/x",
            "Theo Phó Chủ tịch UBND tỉnh Hồ Văn Bảy, được bổ nhiệm làm Giám đốc Sở Y tế, ông Trương Công Đức sẽ phát huy kinh nghiệm.",
            &["Hồ Văn Bảy", "Trương Công Đức"],
        );
        assert!(has(&f, "Hồ Văn Bảy", "Phó Chủ tịch", "Long An"), "{f:?}");
        assert!(
            !f.iter().any(|o| o.0 == "Hồ Văn Bảy" && o.1 == "Giám đốc"),
            "{f:?}"
        );
    }

    #[test]
    fn district_bodies_take_the_district_named_before_them() {
        let f = officials(
            "https://baonamdinh.vn/x",
            "Đoàn đại biểu huyện Cái Nước có các đồng chí: Âu Văn Nghĩa, Bí thư Huyện ủy; Lục Thị Tâm - Phó Bí thư, Chủ tịch UBND huyện. Tiếp đoàn, về phía huyện Giao Thủy có đồng chí Mạc Văn Hòa, Bí thư Huyện ủy.",
            &["Âu Văn Nghĩa", "Lục Thị Tâm", "Mạc Văn Hòa"],
        );
        assert!(has(&f, "Âu Văn Nghĩa", "Bí thư", "Cà Mau"), "{f:?}");
        assert!(has(&f, "Lục Thị Tâm", "Phó Bí thư", "Cà Mau"), "{f:?}");
        assert!(has(&f, "Lục Thị Tâm", "Chủ tịch", "Cà Mau"), "{f:?}");
        assert!(has(&f, "Mạc Văn Hòa", "Bí thư", "Nam Định"), "{f:?}");
    }

    #[test]
    fn foreign_bodies_have_no_province_but_a_friendship_society_of_a_province_has() {
        let f = officials_with(
            "https://baothanhhoa.vn/x",
            "Chiều qua, Thủ tướng Nhật Bản Sato Kenji đã gặp Chủ tịch UBND tỉnh Thanh Hóa Lê Minh Tâm. Cùng dự có ông Mark Allen, Thứ trưởng Bộ Thương mại Hoa Kỳ, ông Lê Văn Tú, Giám đốc Sở Tư pháp, và bà Hà Thị Nga, Chủ tịch Hội Hữu nghị Việt Nam - Nhật Bản tỉnh Thanh Hóa.",
            &[
                (Label::Per, "Sato Kenji"),
                (Label::Per, "Lê Minh Tâm"),
                (Label::Per, "Mark Allen"),
                (Label::Per, "Lê Văn Tú"),
                (Label::Per, "Hà Thị Nga"),
                (Label::Org, "Bộ Thương mại Hoa Kỳ"),
                (Label::Org, "Hội Hữu nghị Việt Nam - Nhật Bản tỉnh Thanh Hóa"),
            ],
        );
        assert!(has(&f, "Sato Kenji", "Thủ tướng", "-"), "{f:?}");
        let g = officials_with(
            "https://baothanhhoa.vn/x",
            "Thủ tướng Xanadia Rob Kell đã gọi điện cho Chủ tịch UBND tỉnh Lê Minh Tâm.",
            &[
                (Label::Per, "Rob Kell"),
                (Label::Per, "Lê Minh Tâm"),
                (Label::Loc, "Xanadia"),
            ],
        );
        assert!(has(&g, "Rob Kell", "Thủ tướng", "-"), "{g:?}");
        assert!(has(&g, "Lê Minh Tâm", "Chủ tịch", "Thanh Hóa"), "{g:?}");
        assert!(has(&f, "Mark Allen", "Thứ trưởng", "-"), "{f:?}");
        assert!(has(&f, "Lê Minh Tâm", "Chủ tịch", "Thanh Hóa"), "{f:?}");
        assert!(has(&f, "Hà Thị Nga", "Chủ tịch", "Thanh Hóa"), "{f:?}");
        // "pháp" in a body name is not the country Pháp
        assert!(has(&f, "Lê Văn Tú", "Giám đốc", "Thanh Hóa"), "{f:?}");
    }

    #[test]
    fn a_chain_goes_on_past_the_term_of_a_post() {
        let f = officials(
            "https://baothanhhoa.vn/x",
            "Hội nghị giới thiệu bà Trịnh Thị Mai, Phó Bí thư Tỉnh ủy khóa XV, nhiệm kỳ 2025 - 2030, Phó Chủ tịch Thường trực HĐND tỉnh khóa XII, nhiệm kỳ 2021 - 2026, để bầu giữ chức Chủ tịch HĐND tỉnh.",
            &["Trịnh Thị Mai"],
        );
        assert!(has(&f, "Trịnh Thị Mai", "Phó Bí thư", "Thanh Hóa"), "{f:?}");
        assert!(
            has(&f, "Trịnh Thị Mai", "Phó Chủ tịch Thường trực", "Thanh Hóa"),
            "{f:?}"
        );
    }

    #[test]
    fn approvals_for_a_person_after_the_post_and_both_terms() {
        let f = officials(
            "https://vietnamplus.vn/x",
            "Ủy ban Thường vụ Quốc hội phê chuẩn kết quả bầu Phó Chủ tịch Hội đồng nhân dân tỉnh Nam Định khóa XIX, nhiệm kỳ 2021-2026 đối với ông Vũ Thành Công kể từ ngày 5/3/2024. Ủy ban cũng phê chuẩn kết quả miễn nhiệm Chủ tịch Hội đồng nhân dân tỉnh Nam Định khóa XIX, nhiệm kỳ 2021 2026 đối với ông Lê Hữu Phát.",
            &["Vũ Thành Công", "Lê Hữu Phát"],
        );
        assert!(
            has(&f, "Vũ Thành Công", "Phó Chủ tịch", "Nam Định"),
            "{f:?}"
        );
        assert!(!has(&f, "Lê Hữu Phát", "Chủ tịch", "Nam Định"), "{f:?}");
    }

    #[test]
    fn a_predicate_past_its_agent_or_a_membership() {
        let f = officials(
            "https://baothanhhoa.vn/x",
            "Miễn nhiệm chức danh Chủ tịch UBND tỉnh đối với ông Đặng Văn Khoa do đã được Ban Bí thư điều động, phân công giữ chức Phó Trưởng ban Tổ chức Trung ương. Hội nghị bầu ông Lương Quốc Bảo, Trưởng ban Nội chính Tỉnh ủy, giữ chức Ủy viên, Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy khóa XV.",
            &["Đặng Văn Khoa", "Lương Quốc Bảo"],
        );
        assert!(has(&f, "Đặng Văn Khoa", "Phó Trưởng ban", "-"), "{f:?}");
        assert!(has(&f, "Lương Quốc Bảo", "Chủ nhiệm", "Thanh Hóa"), "{f:?}");
        // a membership in the chain does not swallow the predicate after it
        let h = officials(
            "https://baothanhhoa.vn/x",
            "Kỳ họp bầu ông Đỗ Văn Lực – Ủy viên Ban Thường vụ Đảng ủy giữ chức vụ phó chủ tịch UBND xã Nga Hải, nhiệm kỳ 2021 – 2026.",
            &["Đỗ Văn Lực"],
        );
        assert!(has(&h, "Đỗ Văn Lực", "Phó Chủ tịch", "Thanh Hóa"), "{h:?}");
        // a membership alone is no post
        let g = officials(
            "https://baothanhhoa.vn/x",
            "Kỳ họp bầu bổ sung ông Cao Minh Đức giữ chức Ủy viên UBND tỉnh.",
            &["Cao Minh Đức"],
        );
        assert!(g.iter().all(|o| o.0 != "Cao Minh Đức"), "{g:?}");
    }

    #[test]
    fn commune_portal_abbreviations_and_the_party_building_board() {
        let f = officials(
            "https://hamyen.tuyenquang.gov.vn/x",
            "Dự hội nghị có ông Hà Văn Toản, Phó BT Đảng ủy - Chủ tịch UBND xã; bà Lò Thị Nhung, UV.BTV Đảng ủy – Chủ tịch UBMTTQ Việt Nam xã; ông Vi Văn Sơn, Ủy viên Ban Thường vụ Đảng ủy, Trưởng ban Xây dựng Đảng ủy xã.",
            &["Hà Văn Toản", "Lò Thị Nhung", "Vi Văn Sơn"],
        );
        assert!(has(&f, "Hà Văn Toản", "Phó Bí thư", "Tuyên Quang"), "{f:?}");
        assert!(has(&f, "Hà Văn Toản", "Chủ tịch", "Tuyên Quang"), "{f:?}");
        assert!(has(&f, "Lò Thị Nhung", "Chủ tịch", "Tuyên Quang"), "{f:?}");
        assert!(has(&f, "Vi Văn Sơn", "Trưởng ban", "Tuyên Quang"), "{f:?}");
        let g = officials(
            "https://baothanhhoa.vn/x",
            "Bà Đinh Thu Trang, Phó Chánh Văn phòng Thường trực Văn phòng Tỉnh ủy, dự buổi làm việc.",
            &["Đinh Thu Trang"],
        );
        assert!(
            has(
                &g,
                "Đinh Thu Trang",
                "Phó Chánh Văn phòng Thường trực",
                "Thanh Hóa"
            ),
            "{g:?}"
        );
    }

    #[test]
    fn a_town_named_like_a_district_of_another_province() {
        // "thị trấn Hội An" is a town of Chợ Mới (An Giang), not the city Hội An (Quảng Nam)
        let f = officials(
            "https://chomoi.angiang.gov.vn/x",
            "Ông Tô Văn Thành, Phó Bí thư Đảng ủy thị trấn, Chủ tịch HĐND thị trấn Hội An phát biểu. Dự có ông Lê Quý Đôn, Bí thư Thành ủy Hội An.",
            &["Tô Văn Thành", "Lê Quý Đôn"],
        );
        assert!(has(&f, "Tô Văn Thành", "Chủ tịch", "An Giang"), "{f:?}");
        // the city's own body still names its province
        assert!(has(&f, "Lê Quý Đôn", "Bí thư", "Quảng Nam"), "{f:?}");
    }

    #[test]
    fn an_office_is_for_the_person_of_its_own_clause() {
        let f = officials(
            "https://baothanhhoa.vn/x",
            "Kỳ họp thông qua tờ trình bầu chức danh Chủ tịch HĐND xã đối với ông Mai Văn Cường; tờ trình bầu bổ sung đối với bà Lê Thị Hoa.",
            &["Mai Văn Cường", "Lê Thị Hoa"],
        );
        assert!(has(&f, "Mai Văn Cường", "Chủ tịch", "Thanh Hóa"), "{f:?}");
        assert!(f.iter().all(|o| o.0 != "Lê Thị Hoa"), "{f:?}");
    }

    #[test]
    fn a_profile_whose_appointment_comes_in_a_later_clause() {
        let f = officials(
            "https://baothanhhoa.vn/x",
            "Ông Phạm Quang Vinh (sinh năm 1979, quê xã Định Tân) có trình độ thạc sĩ kinh tế, cao cấp lý luận chính trị; từng giữ chức Phó Chánh Văn phòng Tỉnh ủy; được chỉ định làm Bí thư Đảng ủy, Chủ tịch HĐND phường Hạc Thành.",
            &["Phạm Quang Vinh"],
        );
        assert!(has(&f, "Phạm Quang Vinh", "Bí thư", "Thanh Hóa"), "{f:?}");
        assert!(has(&f, "Phạm Quang Vinh", "Chủ tịch", "Thanh Hóa"), "{f:?}");
        // another person named later: the clause may be about them
        let g = officials(
            "https://baothanhhoa.vn/x",
            "Ông Phạm Quang Vinh chủ trì hội nghị; được chỉ định làm Bí thư Đảng ủy phường là ông Lê Văn Bình.",
            &["Phạm Quang Vinh", "Lê Văn Bình"],
        );
        assert!(!has(&g, "Phạm Quang Vinh", "Bí thư", "Thanh Hóa"), "{g:?}");
    }

    #[test]
    fn a_lower_case_party_committee_and_a_name_glued_to_its_title() {
        let f = officials_with(
            "https://tamxuan.nuithanh.quangnam.gov.vn/x",
            "Về dự có ông Lý Văn Sáu Bí thư đảng ủy chủ trì. Dự có Đại tá Hà Quốc Trung-Ủy viên Ban Thường vụ Tỉnh ủy, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh.",
            &[
                (Label::Per, "Lý Văn Sáu"),
                (Label::Org, "đảng"),
                (Label::Per, "Hà Quốc"),
            ],
        );
        assert!(has(&f, "Lý Văn Sáu", "Bí thư", "Quảng Nam"), "{f:?}");
        assert!(
            has(&f, "Hà Quốc Trung", "Chỉ huy trưởng", "Quảng Nam"),
            "{f:?}"
        );
    }

    #[test]
    fn the_party_committee_of_ones_own_office_is_held_alongside_it() {
        let f = officials(
            "https://baothanhhoa.vn/x",
            "Ban Thường vụ Tỉnh ủy chỉ định ông Vũ Đình Khang, Giám đốc Sở Y tế, tham gia Ban Chấp hành và giữ chức Bí thư Đảng ủy Sở Y tế nhiệm kỳ 2025 - 2030.",
            &["Vũ Đình Khang"],
        );
        assert!(has(&f, "Vũ Đình Khang", "Giám đốc", "Thanh Hóa"), "{f:?}");
        assert!(has(&f, "Vũ Đình Khang", "Bí thư", "Thanh Hóa"), "{f:?}");
        // moved to another body's committee: the post held is left
        let g = officials(
            "https://baothanhhoa.vn/x",
            "Ban Thường vụ Tỉnh ủy điều động, chỉ định ông Vũ Đình Khang, Giám đốc Sở Y tế, giữ chức Bí thư Huyện ủy Nga Sơn.",
            &["Vũ Đình Khang"],
        );
        assert!(!has(&g, "Vũ Đình Khang", "Giám đốc", "Thanh Hóa"), "{g:?}");
    }

    #[test]
    fn a_country_syllable_in_a_commune_name_is_no_foreign_body() {
        // "Mỹ" is Hoa Kỳ, but "xã Mỹ Lợi", "thị trấn Mỹ Xuyên" are Vietnamese places
        let f = officials(
            "https://soctrang.gov.vn/x",
            "Kỳ họp đã bầu ông Thạch Văn Sến giữ chức Chủ tịch UBND xã Mỹ Lợi. Bà Lâm Thị Diệu, Phó Chủ tịch HĐND thị trấn Mỹ Xuyên, dự kỳ họp.",
            &["Thạch Văn Sến", "Lâm Thị Diệu"],
        );
        assert!(has(&f, "Thạch Văn Sến", "Chủ tịch", "Sóc Trăng"), "{f:?}");
        assert!(
            has(&f, "Lâm Thị Diệu", "Phó Chủ tịch", "Sóc Trăng"),
            "{f:?}"
        );
    }

    #[test]
    fn national_bodies_and_their_missions_have_no_province() {
        let f = officials_with(
            "https://baobacgiang.vn/x",
            "Đoàn công tác của Bộ Tư pháp do bà Khúc Thị Lan - Thứ trưởng Bộ Tư pháp làm Trưởng đoàn đã làm việc với UBND tỉnh Bắc Giang. Ông Vi Văn Hồ, Phó Cục trưởng Cục Kiểm soát thủ tục hành chính dự họp.",
            &[
                (Label::Per, "Khúc Thị Lan"),
                (Label::Per, "Vi Văn Hồ"),
                (Label::Org, "Cục Kiểm soát thủ tục hành chính"),
            ],
        );
        assert!(has(&f, "Khúc Thị Lan", "Thứ trưởng", "-"), "{f:?}");
        assert!(has(&f, "Khúc Thị Lan", "Trưởng đoàn", "-"), "{f:?}");
        assert!(has(&f, "Vi Văn Hồ", "Phó Cục trưởng", "-"), "{f:?}");
    }

    #[test]
    fn bare_titles_need_a_body_somewhere_and_former_is_marked() {
        let f = officials(
            "https://baohagiang.vn/x",
            "Khu tưởng niệm Chủ tịch Tôn Thất Bình đón khách. Ông Lò Văn Pọm, nguyên Giám đốc Sở Y tế, phát biểu.",
            &["Tôn Thất Bình", "Lò Văn Pọm"],
        );
        assert!(!f.iter().any(|o| o.0 == "Tôn Thất Bình"), "{f:?}");
        assert!(former(&f, "Lò Văn Pọm", "Giám đốc"), "{f:?}");
    }

    #[test]
    fn title_taken_into_the_body_by_the_model() {
        // the model sometimes labels "Tổng Biên tập Báo X" as one ORG
        let p = Pipeline::builder().threads(1).build().expect("pipeline");
        let text = "Dự có ông Lê Văn Tùng, Tổng Biên tập Báo Lạng Sơn.";
        let mut d = Document::new("t", "t", text);
        let org_start = text.chars().count() - "Tổng Biên tập Báo Lạng Sơn.".chars().count();
        for (label, start, t) in [
            (Label::Per, 11, "Lê Văn Tùng"),
            (Label::Org, org_start, "Tổng Biên tập Báo Lạng Sơn"),
        ] {
            d.entities.push(Entity {
                id: String::new(),
                label,
                start,
                end: start + t.chars().count(),
                text: t.into(),
                score: 0.99,
                source: EntitySource::Model,
                norm: None,
            });
        }
        let d = p.process(d);
        let r = d
            .relations
            .iter()
            .find_map(|r| match &r.values {
                RelationValues::Official(v) => Some(v),
                _ => None,
            })
            .expect("an official");
        assert_eq!(r.org.as_deref(), Some("Báo Lạng Sơn"));
        assert_eq!(r.province.as_deref(), Some("Lạng Sơn"));
    }

    #[test]
    fn a_transfer_leaves_the_party_post_of_the_same_title() {
        let f = officials(
            "https://baodongthap.vn/x",
            "Ông Kha Văn Nhì, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Đồng Tháp vừa được Ban Bí thư điều động làm Phó Bí thư Tỉnh ủy Bến Tre.",
            &["Kha Văn Nhì"],
        );
        assert!(has(&f, "Kha Văn Nhì", "Phó Bí thư", "Bến Tre"), "{f:?}");
        assert!(former(&f, "Kha Văn Nhì", "Chủ tịch"), "{f:?}");
    }

    #[test]
    fn a_name_with_its_titles_and_no_comma() {
        let f = officials(
            "https://baotayninh.vn/x",
            "Dự họp có ông Ngô Văn Ba Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.",
            &["Ngô Văn Ba"],
        );
        assert!(has(&f, "Ngô Văn Ba", "Phó Bí thư", "Tây Ninh"), "{f:?}");
        assert!(has(&f, "Ngô Văn Ba", "Chủ tịch", "Tây Ninh"), "{f:?}");
    }

    #[test]
    fn a_name_glued_to_its_title_by_a_hyphen() {
        // the model's span runs over the hyphen: "Hồ Văn Năm-Phó"
        let f = officials(
            "https://baosoctrang.org.vn/x",
            "Đồng chí Hồ Văn Năm-Phó Bí thư Thường trực Tỉnh ủy chủ trì.",
            &["Hồ Văn Năm-Phó"],
        );
        assert!(
            has(&f, "Hồ Văn Năm", "Phó Bí thư Thường trực", "Sóc Trăng"),
            "{f:?}"
        );
    }

    #[test]
    fn the_signer_of_a_legal_document_holds_the_title_above_the_name() {
        let f = officials(
            "https://congbao.kontum.gov.vn/x",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nY Ngọc Hà\n",
            &["Y Ngọc Hà"],
        );
        assert!(has(&f, "Y Ngọc Hà", "Phó Chủ tịch", "Kon Tum"), "{f:?}");
    }

    #[test]
    fn a_body_head_run_into_the_names_after_it() {
        // the model reads "Sở Lưu Văn Tám" as one ORG
        let f = officials_with(
            "https://baoquangngai.vn/x",
            "Chủ trì có các đồng chí Phó Giám đốc Sở Lưu Văn Tám, Trương Thị Hoa.",
            &[
                (Label::Org, "Sở Lưu Văn Tám"),
                (Label::Per, "Trương Thị Hoa"),
            ],
        );
        assert!(
            has(&f, "Lưu Văn Tám", "Phó Giám đốc", "Quảng Ngãi"),
            "{f:?}"
        );
        assert!(
            has(&f, "Trương Thị Hoa", "Phó Giám đốc", "Quảng Ngãi"),
            "{f:?}"
        );
    }

    #[test]
    fn a_new_post_after_a_term_or_joining_the_committee_first() {
        let f = officials_with(
            "https://baonghean.vn/x",
            "Thủ tướng chỉ định ông Lê Văn Hòa, Phó Bí thư Tỉnh ủy Gia Lai (mới) nhiệm kỳ 2020 - 2025 giữ chức vụ Chủ tịch UBND tỉnh Gia Lai (mới) nhiệm kỳ 2021-2026. Ông Hoàng Minh Đức, Chủ tịch UBND thị xã Thái Hòa được điều động tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Bí thư Đảng ủy khối Doanh nghiệp tỉnh Nghệ An.",
            &[
                (Label::Per, "Lê Văn Hòa"),
                (Label::Per, "Hoàng Minh Đức"),
                (Label::Org, "UBND thị xã Thái Hòa"),
            ],
        );
        assert!(has(&f, "Lê Văn Hòa", "Phó Bí thư", "Gia Lai"), "{f:?}");
        assert!(has(&f, "Lê Văn Hòa", "Chủ tịch", "Gia Lai"), "{f:?}");
        assert!(has(&f, "Hoàng Minh Đức", "Bí thư", "Nghệ An"), "{f:?}");
        assert!(former(&f, "Hoàng Minh Đức", "Chủ tịch"), "{f:?}");
        // the one appointing others holds none of the posts
        let f = officials(
            "https://baonghean.vn/x",
            "Thủ tướng Lê Văn Tám đã ký các quyết định chỉ định nhân sự giữ chức vụ Chủ tịch UBND các tỉnh mới.",
            &["Lê Văn Tám"],
        );
        assert!(!f.iter().any(|(_, r, _, _)| r == "Chủ tịch"), "{f:?}");
    }

    #[test]
    fn the_vu_of_chuc_vu_is_not_a_title() {
        let f = officials(
            "https://baonghean.vn/x",
            "Tỉnh ủy điều động và phân công đồng chí Nguyễn Thị Lan, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện Nam Đàn, giữ chức vụ Trưởng Ban Dân vận Tỉnh ủy.",
            &["Nguyễn Thị Lan"],
        );
        assert!(has(&f, "Nguyễn Thị Lan", "Trưởng ban", "Nghệ An"), "{f:?}");
        assert!(former(&f, "Nguyễn Thị Lan", "Chủ tịch"), "{f:?}");
        assert!(!f.iter().any(|(_, r, _, _)| r == "Vụ trưởng"), "{f:?}");
    }

    #[test]
    fn a_central_board_has_no_province_and_its_mention_wins_over_the_site() {
        // the caption names the board with "Trung ương"; the later mention leaves it out
        let f = officials(
            "https://baocamau.vn/x",
            "Ông Hồ Văn Phúc, Bí thư Trung ương Đảng, Trưởng Ban Nội chính Trung ương phát biểu. Kết luận buổi làm việc với Tỉnh ủy, ông Hồ Văn Phúc, Trưởng ban Nội chính đề nghị tỉnh khắc phục hạn chế. Dự có bà Lâm Thị Hoa, Phó Trưởng ban Tổ chức Trung ương, Phó trưởng Đoàn kiểm tra.",
            &["Hồ Văn Phúc", "Lâm Thị Hoa"],
        );
        assert!(has(&f, "Hồ Văn Phúc", "Trưởng ban", "-"), "{f:?}");
        assert!(has(&f, "Lâm Thị Hoa", "Phó Trưởng ban", "-"), "{f:?}");
        assert!(!f.iter().any(|o| o.2 == "Cà Mau"), "{f:?}");
        // a party board of the province is still the province's
        let f = officials(
            "https://baocamau.vn/x",
            "Bà Lâm Thị Hoa, Phó Trưởng ban Tổ chức Tỉnh ủy phát biểu.",
            &["Lâm Thị Hoa"],
        );
        assert!(has(&f, "Lâm Thị Hoa", "Phó Trưởng ban", "Cà Mau"), "{f:?}");
    }

    #[test]
    fn a_level_word_between_the_title_and_the_names() {
        let f = officials(
            "https://baoquangtri.vn/x",
            "Phó Chủ tịch tỉnh Đoàn Văn Lợi chủ trì. Hiện tỉnh có 3 phó chủ tịch tỉnh: Cao Thị Mận, Trịnh Văn Sơn, Hà Văn Tư.",
            &["Đoàn Văn Lợi", "Cao Thị Mận", "Trịnh Văn Sơn", "Hà Văn Tư"],
        );
        for p in ["Đoàn Văn Lợi", "Cao Thị Mận", "Trịnh Văn Sơn", "Hà Văn Tư"] {
            assert!(has(&f, p, "Phó Chủ tịch", "Quảng Trị"), "{p}: {f:?}");
        }
        // a level word that is not right before the name gives nothing
        let f = officials(
            "https://baoquangtri.vn/x",
            "Phó Chủ tịch tỉnh đã gặp gỡ Đoàn Văn Lợi và các hộ dân.",
            &["Đoàn Văn Lợi"],
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn standing_committee_abbreviation_is_a_membership() {
        let f = officials(
            "https://baonamdinh.vn/x",
            "Dự có các đồng chí: Đinh Văn Bằng, TVTU, Phó Chủ tịch HĐND tỉnh; Lương Thị Cúc, TVHU, Chủ tịch UBND huyện Hải Hậu.",
            &["Đinh Văn Bằng", "Lương Thị Cúc"],
        );
        assert!(
            has(&f, "Đinh Văn Bằng", "Phó Chủ tịch", "Nam Định"),
            "{f:?}"
        );
        assert!(has(&f, "Lương Thị Cúc", "Chủ tịch", "Nam Định"), "{f:?}");
        assert!(!f.iter().any(|o| o.1.contains("Ủy viên")), "{f:?}");
    }

    #[test]
    fn appointed_is_the_person_and_the_one_just_elected() {
        let f = officials(
            "https://baotuyenquang.com.vn/x",
            "Chủ tịch UBND tỉnh Tuyên Quang được chỉ định là ông Lục Văn Bình. HĐND tỉnh đã miễn nhiệm chức vụ Chủ tịch UBND tỉnh đối với đồng chí Ma Văn Khánh, người vừa đắc cử chức Bí thư Tỉnh ủy.",
            &["Lục Văn Bình", "Ma Văn Khánh"],
        );
        assert!(has(&f, "Lục Văn Bình", "Chủ tịch", "Tuyên Quang"), "{f:?}");
        assert!(has(&f, "Ma Văn Khánh", "Bí thư", "Tuyên Quang"), "{f:?}");
        assert!(former(&f, "Ma Văn Khánh", "Chủ tịch"), "{f:?}");
    }
}
