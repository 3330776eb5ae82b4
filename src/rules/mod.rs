//! The rule layer: gazetteers and domain entities.
//!
//! `RuleLayer::annotate` adds rule-made entities (LOC, ORG, ROLE, INDEX, PER from patterns;
//! DATE, DOC, SCORE, RANK from number shapes) to a document that went through the text stage,
//! skipping boilerplate lines. Candidates may overlap each other and the model's entities;
//! `merge` resolves that. Relations are built later by `relate`.

pub mod gazetteer;
pub(crate) mod numeric;
pub(crate) mod sites;
pub(crate) mod structure;
pub(crate) mod tokens;

use anyhow::Result;

use crate::document::{Document, Entity, EntitySource, Label, Norm};
use crate::text::Analysis;
use gazetteer::Gazetteers;

/// A rule candidate in normalized char coordinates.
#[derive(Debug, Clone)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub score: f32,
    pub norm: Option<Norm>,
}

/// The loaded rule layer (gazetteers and matchers), shared by all workers.
pub struct RuleLayer {
    pub gaz: Gazetteers,
}

impl RuleLayer {
    pub fn load() -> Result<RuleLayer> {
        Ok(RuleLayer {
            gaz: Gazetteers::load()?,
        })
    }

    /// All rule candidates of an analyzed text (normalized coordinates), content lines only.
    pub fn candidates(&self, a: &Analysis) -> Vec<Cand> {
        let mut out = Vec::new();
        numeric::find_dates(a, &mut out);
        numeric::find_docs(a, &mut out);
        numeric::find_scores(a, &mut out);
        numeric::find_ranks(a, &mut out);
        let hits = structure::AllHits::new(a, &self.gaz);
        for s in &a.sentences {
            structure::find_in_sentence(a, &self.gaz, &hits, s.start, s.end, &mut out);
        }
        // sentences that name an index, and the sentence right after one (results are often
        // stated there: "… công bố Chỉ số SIPAS. Theo đó, tỉnh đạt 87,2%")
        let mut index_sentences: Vec<(usize, usize)> = Vec::new();
        let mut names_index = vec![false; a.sentences.len()];
        for c in out.iter().filter(|c| c.label == Label::Index) {
            let i = a.sentences.partition_point(|s| s.end <= c.start);
            if a.sentences
                .get(i)
                .is_some_and(|s| s.start <= c.start && c.end <= s.end)
            {
                names_index[i] = true;
            }
        }
        for (i, s) in a.sentences.iter().enumerate() {
            if names_index[i] {
                index_sentences.push((s.start, s.end));
                if let Some(n) = a.sentences.get(i + 1) {
                    index_sentences.push((n.start, n.end));
                }
            }
        }
        numeric::find_percent_scores(a, &index_sentences, &mut out);
        out.retain(|c| c.end > c.start && a.sentence_at(c.start).is_some_and(|s| c.end <= s.end));
        out
    }

    /// Add rule entities to `doc`, given its analysis (`text::analyze`).
    pub fn annotate(&self, doc: &mut Document, a: &Analysis) {
        let text = doc.text.as_deref().unwrap_or("");
        self.unglue_names(&mut doc.entities);
        self.extend_glued_names(text, &mut doc.entities);
        self.extend_party_committees(text, &mut doc.entities);
        self.drop_leading_honorifics(&mut doc.entities);
        let mut cands = self.candidates(a);
        if let Some(b) = doc.meta.byline.as_deref() {
            cands.extend(byline_names(a, b));
        }
        let mut ents: Vec<Entity> = cands.into_iter().map(|c| to_entity(a, text, &c)).collect();
        self.leave_names_to_the_model(&doc.entities, &mut ents);
        doc.entities.append(&mut ents);
    }

    /// A commune or ward "named" by the person after its body ("Chủ tịch HĐND xã Hứa Quốc
    /// Hưng"): the rules read "xã" + capitalized words as a place, but when the model reads the
    /// same words as a person (a family name and at least three syllables, ending where the
    /// rule span ends), the rule ORG is cut back to "HĐND xã" and a rule LOC "xã Hứa Quốc
    /// Hưng" is dropped, so the model's PER survives the merge. Two-syllable unit names ("xã
    /// Lê Lợi") and spans the model does not call a person are left alone.
    fn leave_names_to_the_model(&self, model: &[Entity], ents: &mut Vec<Entity>) {
        let units = ["xã", "phường", "trấn", "huyện", "quận"];
        let mut drop = vec![false; ents.len()];
        for (k, e) in ents.iter_mut().enumerate() {
            if !matches!(e.label.as_str(), "ORG" | "LOC") {
                continue;
            }
            let Some(p) = model.iter().find(|p| {
                p.label == Label::Per
                    && p.source == EntitySource::Model
                    && p.end == e.end
                    && p.start > e.start
            }) else {
                continue;
            };
            let words: Vec<&str> = p.text.split_whitespace().collect();
            let surname = words
                .first()
                .is_some_and(|w| self.gaz.surnames.contains(&crate::text::match_key(w)));
            let head: String = e.text.chars().take(p.start - e.start).collect();
            let unit_before = head
                .split_whitespace()
                .last()
                .is_some_and(|w| units.contains(&w.to_lowercase().as_str()));
            if words.len() < 3 || !surname || !unit_before || !head.ends_with(' ') {
                continue;
            }
            let head = head.trim_end();
            let head_words = head.split_whitespace().count();
            if e.label == Label::Loc || head_words < 2 {
                drop[k] = true;
                continue;
            }
            e.end = e.start + head.chars().count();
            e.text = head.to_string();
            e.norm = None;
        }
        let mut k = 0;
        ents.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }
}

impl RuleLayer {
    /// A model PER that starts with the honorific before the name ("Ông Trần Văn Minh" at a
    /// sentence start): the span is cut back to the name, as the guidelines write it. Only when
    /// the rest is at least two capitalized syllables starting with a family name ("Bà Triệu"
    /// and "Ông Ích Khiêm", whose family name is Ông, stay).
    fn drop_leading_honorifics(&self, entities: &mut [Entity]) {
        for e in entities.iter_mut().filter(|e| e.label == Label::Per) {
            let Some((head, rest)) = e.text.split_once(' ') else {
                continue;
            };
            if !matches!(head, "Ông" | "ông" | "Bà" | "bà") {
                continue;
            }
            let rest_words: Vec<&str> = rest.split(' ').collect();
            let capitalized = rest_words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            let surname = self
                .gaz
                .surnames
                .contains(&crate::text::match_key(rest_words[0]));
            if rest_words.len() < 2 || !capitalized || !surname {
                continue;
            }
            e.start += head.chars().count() + 1;
            e.text = rest.to_string();
        }
    }
}

impl RuleLayer {
    /// Names glued to the title after them by a hyphen ("Lê Văn A-Phó Bí thư"): the model's PER
    /// span "Lê Văn A-Phó" is cut back to the name. Vietnamese names have no hyphen; a
    /// foreign one ("Jean-Pierre") keeps it, since no title follows.
    fn unglue_names(&self, entities: &mut [Entity]) {
        for e in entities.iter_mut().filter(|e| e.label == Label::Per) {
            let Some((head, tail)) = e.text.split_once('-') else {
                continue;
            };
            if head.trim().is_empty()
                || head.ends_with(' ')
                || tail.starts_with(' ')
                || tail.chars().count() < 2
            {
                continue;
            }
            // the tail and the text right after it may start a title ("Phó" + " Bí thư")
            let tail_key = crate::text::match_key(tail);
            let starts_title = self
                .gaz
                .titles
                .iter()
                .any(|t| crate::text::match_key(&t.title).starts_with(&tail_key));
            if starts_title {
                let n = head.chars().count();
                e.end = e.start + n;
                e.text = head.to_string();
            }
        }
    }
}

impl RuleLayer {
    /// The last syllable of a name glued to the title after it by a hyphen and left out by the
    /// model ("Đại tá Nguyễn Thế Vinh-Ủy viên …" read as PER "Nguyễn Thế"): the PER is
    /// extended over that syllable. Only for a name of two or three syllables starting with a
    /// family name, followed by a space, one capitalized syllable, a hyphen and the start of a
    /// title.
    fn extend_glued_names(&self, text: &str, entities: &mut [Entity]) {
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let re = RE.get_or_init(|| {
            regex::Regex::new(r"^ (\p{Lu}\p{Ll}*)-(\p{Lu}\p{Ll}*)").expect("glued name regex")
        });
        let starts: Vec<usize> = entities.iter().map(|e| e.start).collect();
        for e in entities.iter_mut().filter(|e| e.label == Label::Per) {
            let words: Vec<&str> = e.text.split_whitespace().collect();
            let surname = words
                .first()
                .is_some_and(|w| self.gaz.surnames.contains(&crate::text::match_key(w)));
            if !(2..=3).contains(&words.len()) || !surname {
                continue;
            }
            let after: String = text.chars().skip(e.end).take(40).collect();
            let Some(c) = re.captures(&after) else {
                continue;
            };
            let next_key = crate::text::match_key(&c[2]);
            let starts_title = self
                .gaz
                .titles
                .iter()
                .any(|t| crate::text::match_key(&t.title).starts_with(&next_key));
            // the syllable is no other entity's start
            let n = c[1].chars().count();
            if !starts_title || starts.contains(&(e.end + 1)) {
                continue;
            }
            e.text = format!("{} {}", e.text, &c[1]);
            e.end += 1 + n;
        }
    }

    /// A model ORG "đảng" / "Đảng" right before "ủy" ("Bí thư đảng ủy", written in lower case
    /// on commune portals): the body is the party committee, "Đảng ủy", not the Party.
    fn extend_party_committees(&self, text: &str, entities: &mut [Entity]) {
        for e in entities.iter_mut().filter(|e| e.label == Label::Org) {
            if !matches!(e.text.as_str(), "đảng" | "Đảng") {
                continue;
            }
            let after: String = text.chars().skip(e.end).take(5).collect();
            let Some(rest) = after.strip_prefix(' ') else {
                continue;
            };
            let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            if crate::text::match_key(&next) == crate::text::match_key("ủy") {
                e.text = format!("{} {}", e.text, next);
                e.end += 1 + next.chars().count();
            }
        }
    }

    /// A bare body head run into the name after it ("Phó Giám đốc Sở Lưu Văn A", where the
    /// model's ORG is "Sở Lưu Văn A"): the ORG is cut back to the head and the name becomes a
    /// PER. Only when no longer body name starts the span ("Sở Công Thương" stays) and the rest
    /// is 2–4 capitalized syllables starting with a family name.
    /// Runs on merged entities (the rules' own ORG finder reads the same run).
    pub fn split_body_and_name(&self, entities: &mut Vec<Entity>) {
        let mut names = Vec::new();
        for e in entities.iter_mut().filter(|e| e.label == Label::Org) {
            let words: Vec<&str> = e.text.split(' ').collect();
            if !(3..=5).contains(&words.len()) {
                continue;
            }
            let n = crate::text::NormText::new(&e.text);
            let longest_head = self
                .gaz
                .body_heads
                .find(&n.lower)
                .into_iter()
                .filter(|h| h.start == 0)
                .map(|h| h.end)
                .max();
            let head_chars = words[0].chars().count();
            if longest_head != Some(head_chars) {
                continue;
            }
            let tail = &words[1..];
            let capitalized = tail.iter().all(|w| {
                w.chars().next().is_some_and(|c| c.is_uppercase())
                    && w.chars().skip(1).all(|c| c.is_lowercase())
            });
            let surname = self.gaz.surnames.contains(&crate::text::match_key(tail[0]));
            if !capitalized || !surname {
                continue;
            }
            let name_start = e.start + head_chars + 1;
            names.push(Entity {
                id: String::new(),
                label: Label::Per,
                start: name_start,
                end: e.end,
                text: tail.join(" "),
                score: e.score,
                source: e.source,
                norm: None,
            });
            e.end = e.start + head_chars;
            e.text = words[0].to_string();
        }
        entities.append(&mut names);
    }

    /// Places and bodies the model found alone (no rule span gave them a value) get the
    /// province their name ends with: LOC "Khánh Hòa" → "Khánh Hòa", ORG "Tỉnh ủy Khánh Hoà"
    /// → `{"province": "Khánh Hòa"}`, as the rules' own finders would. Entities that already
    /// have a value, and names that do not end with a province, are left alone.
    pub fn fill_place_values(&self, entities: &mut [Entity]) {
        for e in entities.iter_mut().filter(|e| e.norm.is_none()) {
            let Some(p) = trailing_province(&self.gaz, &e.text) else {
                continue;
            };
            match e.label {
                Label::Org => e.norm = Some(Norm::org(p)),
                Label::Loc => e.norm = Some(Norm::province_loc(p)),
                _ => {}
            }
        }
    }
}

/// The province a place or body name ends with: "Tỉnh ủy Khánh Hòa", "UBND tỉnh Khánh Hoà",
/// "Sở Nội vụ thành phố Hà Nội", "tỉnh Nghệ An" → the canonical province. The name must end
/// with the whole province name, bare or after "tỉnh"/"thành phố"/"TP."; a district or commune
/// word before it ("huyện Hòa Bình" is a district of another province), "của", or a bare
/// "Hồ Chí Minh" gives `None`.
pub fn trailing_province<'g>(gaz: &'g Gazetteers, name: &str) -> Option<&'g str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    for cut in 0..words.len() {
        let tail = crate::text::match_key(&words[cut..].join(" "));
        let before = words[..cut].last().map(|w| crate::text::match_key(w));
        let lower_prefix = matches!(
            before.as_deref(),
            Some("huyện" | "quận" | "xã" | "phường" | "trấn" | "của")
        );
        if lower_prefix {
            continue;
        }
        let bare = ["tỉnh ", "thành phố ", "tp. ", "tp.", "tp "]
            .iter()
            .find_map(|p| tail.strip_prefix(p))
            .unwrap_or(&tail);
        if ["huyện ", "quận ", "thị xã ", "xã ", "phường "]
            .iter()
            .any(|p| bare.starts_with(p))
        {
            continue;
        }
        // a bare "Hồ Chí Minh" is the President (Học viện Chính trị quốc gia Hồ Chí Minh); the
        // city needs "TP"/"thành phố", as in the rules' place finder
        if bare.len() == tail.len() && bare == crate::text::match_key("Hồ Chí Minh") {
            continue;
        }
        if let Some(p) = gaz.province_by_name(bare) {
            return Some(p);
        }
    }
    None
}

/// Turn a candidate into an entity with original offsets and text.
pub fn to_entity(a: &Analysis, original: &str, c: &Cand) -> Entity {
    let (start, end) = a.norm.to_orig(c.start, c.end);
    Entity {
        id: String::new(),
        label: c.label.clone(),
        start,
        end,
        text: a.norm.orig_slice(original, start, end).to_string(),
        score: c.score,
        source: EntitySource::Rule,
        norm: c.norm.clone(),
    }
}

/// PER spans of a byline ("MINH ĐỨC", "Hoa - Lan", "Thanh Lê"): its last occurrence in
/// the page, split at "-", ",", "&", "và".
pub fn byline_names(a: &Analysis, byline: &str) -> Vec<Cand> {
    let norm_byline = crate::text::NormText::new(byline).norm.text;
    let Some(byte) = a.norm.norm.text.rfind(&norm_byline) else {
        return Vec::new();
    };
    let start = a.norm.norm.char_at_byte(byte);
    let mut out = Vec::new();
    let mut part_start = start;
    let mut pos = start;
    let chars: Vec<char> = norm_byline.chars().collect();
    let mut i = 0;
    let flush = |s: usize, e: usize, out: &mut Vec<Cand>| {
        let t = a.norm.norm.slice(s, e);
        let lead = t.len() - t.trim_start().len();
        let trimmed = t.trim();
        if trimmed.chars().any(|c| c.is_alphabetic()) && !trimmed.eq_ignore_ascii_case("và") {
            let cs = s + t[..lead].chars().count();
            out.push(Cand {
                start: cs,
                end: cs + trimmed.chars().count(),
                label: Label::Per,
                score: 0.7,
                norm: None,
            });
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let sep = matches!(c, '-' | '–' | ',' | '&')
            || (c == ' '
                && chars
                    .get(i + 1..i + 4)
                    .is_some_and(|w| w.iter().collect::<String>().to_lowercase() == "và "));
        if sep {
            flush(part_start, pos, &mut out);
            let skip = if c == ' ' { 4 } else { 1 };
            i += skip;
            pos += skip;
            part_start = pos;
            continue;
        }
        i += 1;
        pos += 1;
    }
    flush(part_start, pos, &mut out);
    out
}

#[cfg(test)]
mod place_value_tests {
    use super::*;

    fn layer() -> &'static RuleLayer {
        static L: std::sync::OnceLock<RuleLayer> = std::sync::OnceLock::new();
        L.get_or_init(|| RuleLayer::load().expect("rule layer"))
    }

    /// A model entity of `label` over `text` starting at char `start`.
    fn model_entity(label: Label, start: usize, text: &str) -> Entity {
        Entity {
            id: String::new(),
            label,
            start,
            end: start + text.chars().count(),
            text: text.to_string(),
            score: 0.9,
            source: EntitySource::Model,
            norm: None,
        }
    }

    #[test]
    fn names_ending_with_a_province() {
        let g = &layer().gaz;
        assert_eq!(trailing_province(g, "Tỉnh uỷ Khánh Hoà"), Some("Khánh Hòa"));
        assert_eq!(
            trailing_province(g, "UBND tỉnh Quảng Ngãi"),
            Some("Quảng Ngãi")
        );
        assert_eq!(
            trailing_province(g, "Sở Tư pháp TP. Hồ Chí Minh"),
            Some("Hồ Chí Minh")
        );
        assert_eq!(trailing_province(g, "tỉnh Đắk Lắk"), Some("Đắk Lắk"));
        assert_eq!(trailing_province(g, "UBND huyện Hòa Bình"), None);
        assert_eq!(
            trailing_province(g, "Học viện Chính trị quốc gia Hồ Chí Minh"),
            None
        );
        assert_eq!(trailing_province(g, "Sở Nội vụ"), None);
        assert_eq!(trailing_province(g, "Văn phòng của Long An"), None);
    }

    #[test]
    fn model_only_places_get_their_province() {
        let e = |label: Label, text: &str, norm: Option<Norm>| Entity {
            id: String::new(),
            label,
            start: 0,
            end: text.chars().count(),
            text: text.to_string(),
            score: 0.9,
            source: EntitySource::Model,
            norm,
        };
        let mut es = vec![
            e(Label::Org, "Huyện ủy Ea Kar", None),
            e(Label::Org, "Đảng ủy tỉnh Gia Lai", None),
            e(Label::Loc, "Thanh Hoá", None),
            e(Label::Org, "Sở Y tế tỉnh Bình Định", Some(Norm::org("X"))),
            e(Label::Per, "Hà Nam", None),
        ];
        layer().fill_place_values(&mut es);
        assert_eq!(es[0].norm, None);
        assert_eq!(es[1].norm, Some(Norm::org("Gia Lai")));
        assert_eq!(es[2].norm, Some(Norm::province_loc("Thanh Hóa")));
        assert_eq!(es[3].norm, Some(Norm::org("X")));
        assert_eq!(es[4].norm, None);
    }

    #[test]
    fn a_person_the_model_reads_after_a_commune_body_is_not_the_communes_name() {
        let at = |label: &str, text: &str, start: usize, source: EntitySource| Entity {
            id: String::new(),
            label: Label::from(label),
            start,
            end: start + text.chars().count(),
            text: text.to_string(),
            score: 0.9,
            source,
            norm: None,
        };
        // "Chủ tịch HĐND xã Đỗ Quang Vinh; …": the model's PER against the rules' ORG and LOC
        let model = vec![
            at("ORG", "HĐND xã", 9, EntitySource::Model),
            at("PER", "Đỗ Quang Vinh", 17, EntitySource::Model),
            // "UBND phường Hoàng Văn Thụ": a two-syllable-or-more ward the model calls a place
            at("ORG", "UBND phường Hoàng Văn Thụ", 40, EntitySource::Model),
            // a two-syllable name is left to the rules ("xã Lê Lợi")
            at("PER", "Lê Lợi", 75, EntitySource::Model),
        ];
        let mut rules = vec![
            at("ORG", "HĐND xã Đỗ Quang Vinh", 9, EntitySource::Rule),
            at("LOC", "xã Đỗ Quang Vinh", 14, EntitySource::Rule),
            at("ORG", "UBND phường Hoàng Văn Thụ", 40, EntitySource::Rule),
            at("ORG", "UBND xã Lê Lợi", 67, EntitySource::Rule),
        ];
        layer().leave_names_to_the_model(&model, &mut rules);
        let got: Vec<(&str, &str)> = rules
            .iter()
            .map(|e| (e.label.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("ORG", "HĐND xã"),
                ("ORG", "UBND phường Hoàng Văn Thụ"),
                ("ORG", "UBND xã Lê Lợi")
            ]
        );
        assert_eq!(rules[0].end, 16);
    }

    #[test]
    fn a_name_cut_before_its_syllable_glued_to_a_title_is_extended() {
        let text = "Dự có Đại tá Hà Quốc Trung-Ủy viên Ban Thường vụ Tỉnh ủy và bà Lê Thị-Hoa.";
        let per = |s: usize, t: &str| model_entity(Label::Per, s, t);
        let mut es = vec![per(13, "Hà Quốc"), per(63, "Lê Thị")];
        layer().extend_glued_names(text, &mut es);
        assert_eq!((es[0].text.as_str(), es[0].end), ("Hà Quốc Trung", 26));
        let got: String = text
            .chars()
            .skip(es[0].start)
            .take(es[0].end - es[0].start)
            .collect();
        assert_eq!(got, es[0].text);
        // no title after the hyphen: left alone
        assert_eq!(es[1].text, "Lê Thị");
    }

    #[test]
    fn a_model_party_word_before_uy_is_the_party_committee() {
        let text = "Có ông Lý Văn Sáu Bí thư đảng ủy chủ trì, theo đường lối của Đảng.";
        let org = |s: usize, t: &str| model_entity(Label::Org, s, t);
        let mut es = vec![org(25, "đảng"), org(61, "Đảng")];
        layer().extend_party_committees(text, &mut es);
        assert_eq!((es[0].text.as_str(), es[0].end), ("đảng ủy", 32));
        assert_eq!(es[1].text, "Đảng");
    }

    #[test]
    fn a_model_name_span_starting_with_ong_is_cut_to_the_name() {
        let per = |text: &str| model_entity(Label::Per, 10, text);
        let mut es = vec![
            per("Ông Trần Văn Minh"),
            per("Bà Triệu"),
            per("Ông Ích Khiêm"),
        ];
        layer().drop_leading_honorifics(&mut es);
        assert_eq!(
            (es[0].text.as_str(), es[0].start, es[0].end),
            ("Trần Văn Minh", 14, 27)
        );
        assert_eq!(es[1].text, "Bà Triệu");
        assert_eq!(es[2].text, "Ông Ích Khiêm");
    }
}
