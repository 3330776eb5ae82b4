//! Reading the posts written around a person's name in one sentence.
//!
//! Titles are found in the text with the title gazetteer (so a title the ROLE finder left out,
//! or wrote in lower case, still counts); bodies are the ORG entities, places (LOC) or level
//! words ("tỉnh", "huyện", "sở"; "Trung ương" for a central board: "Trưởng ban Nội chính
//! Trung ương") written right after a title. Shapes read:
//! - titles after the name, as a chain: "ông A, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh, Trưởng
//!   Đoàn ĐBQH tỉnh" (separators ",", "-", "–", "/", "(", "kiêm", "và"); "nguyên"/"cựu" marks a
//!   former post; "tân" (newly appointed) and military ranks ("Đại tá") are read past;
//!   memberships are read past but give no post (also with no comma after the name: "A ủy viên
//!   ban thường vụ huyện ủy, phó chủ tịch UBND huyện");
//! - titles before the name: "Giám đốc Sở Y tế Trần B", several groups "Bí thư Đảng ủy, Giám
//!   đốc Sở C", with "đồng chí"/"ông"/"bà" before the name, a level word for the body ("Phó
//!   Chủ tịch tỉnh Trần B"), and names coordinated after one title ("các Phó Giám đốc Sở D, E
//!   và F", "3 phó chủ tịch tỉnh: D, E, F");
//! - copular: "Giám đốc Sở X là ông G", "Chủ tịch UBND tỉnh X được chỉ định là ông G";
//! - predicates after a name and its chain: "A làm Trưởng ban", "được bổ nhiệm giữ chức …",
//!   "A, người vừa đắc cử chức …",
//!   "thôi giữ chức …", with a chain of titles after the predicate's title ("giữ chức Phó Bí
//!   thư Huyện ủy, Chủ tịch UBND huyện"); in an appointment — an appointment verb in the
//!   predicate, or before the name ("điều động ông A, Bí thư Huyện ủy X, giữ chức …") — the
//!   posts of the chain are being left (former), except party posts; a predicate after "A, …,
//!   và B, …" holds for every name of the group.
//!
//! It reads; deciding provinces and writing relations is `official::find`.

use std::sync::OnceLock;

use regex::Regex;

use super::super::SentenceView;
use crate::document::{Entity, Label};
use crate::rules::gazetteer::{Entry, Gazetteers, Title};
use crate::text::match_key;

/// A title written in the text (original char offsets).
#[derive(Debug, Clone, Copy)]
pub struct TitleMention<'g> {
    pub start: usize,
    pub end: usize,
    pub title: &'g Title,
}

/// Every title written in a document, in text order (original char offsets).
pub fn title_mentions<'g>(
    gaz: &'g Gazetteers,
    analysis: &crate::text::Analysis,
) -> Vec<TitleMention<'g>> {
    let mut out: Vec<TitleMention<'g>> =
        crate::rules::gazetteer::find_titles(&gaz.title_names, &analysis.norm.lower)
            .into_iter()
            .filter_map(|h| {
                let title = h.entries.iter().find_map(|e| match e {
                    Entry::Title(k) => Some(&gaz.titles[*k]),
                    _ => None,
                })?;
                let (start, end) = analysis.norm.to_orig(h.start, h.end);
                Some(TitleMention { start, end, title })
            })
            .collect();
    out.sort_by_key(|m| m.start);
    out
}

/// A lower-case level word standing for a body ("Giám đốc sở", "Phó Chủ tịch tỉnh"), or
/// "Trung ương" after a title that names its board ("Trưởng ban Nội chính Trung ương").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelWord {
    Province,
    District,
    Commune,
    Department,
    Central,
}

/// What a title is the title of.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    Org(&'a Entity),
    Place(&'a Entity),
    Level(LevelWord),
    None,
}

/// How a post was read (the relation's `rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    NameThenTitle,
    TitleThenName,
    Copular,
    Predicate,
    Coordinated,
    /// The title line above a name in a document's signature block.
    Signature,
}

impl Shape {
    pub fn rule(self) -> &'static str {
        match self {
            Shape::NameThenTitle => "name-comma-title",
            Shape::TitleThenName => "title-org-name",
            Shape::Copular => "title-org-is-name",
            Shape::Predicate => "name-predicate-title",
            Shape::Coordinated => "title-org-names",
            Shape::Signature => "signature-block",
        }
    }
}

/// One post read for one person.
#[derive(Debug, Clone)]
pub struct Post<'a, 'g> {
    pub person: &'a Entity,
    pub title: TitleMention<'g>,
    pub body: Body<'a>,
    pub former: bool,
    pub shape: Shape,
    /// Posts read from one run of titles share a chain number.
    pub chain: usize,
}

impl Post<'_, '_> {
    /// A party post (kept when the person is appointed to a government post).
    pub fn is_party(&self) -> bool {
        let canon = &self.title.title.canonical;
        canon.contains("Bí thư")
            || matches!(self.body, Body::Org(o) if o.text.contains("ủy") && !o.text.contains("Ủy ban") && !o.text.contains("UB"))
    }

    /// Whether this party post is in the party committee of the body of `other`, a post kept
    /// alongside it: "Bí thư Đảng ủy Văn phòng Trung ương Đảng" and "Phó Chánh Văn phòng Thường
    /// trực Văn phòng Trung ương Đảng", "Bí thư Đảng ủy Sở Y tế" and "Giám đốc Sở Y tế".
    pub fn is_committee_of(&self, other: &Post<'_, '_>) -> bool {
        let (Body::Org(mine), Body::Org(theirs)) = (&self.body, &other.body) else {
            return false;
        };
        let (mine, theirs) = (match_key(&mine.text), match_key(&theirs.text));
        self.is_party()
            && ["đảng ủy ", "đảng bộ ", "chi bộ "]
                .iter()
                .any(|c| mine.strip_prefix(c) == Some(theirs.as_str()))
    }
}

/// A regular expression compiled once, on first use.
macro_rules! regex {
    ($pattern:expr $(,)?) => {{
        static R: OnceLock<Regex> = OnceLock::new();
        R.get_or_init(|| Regex::new($pattern).expect("official reader regex"))
    }};
}

/// The level word a stretch of text starts with (after a title), and its end (in chars).
fn level_word_at(text: &str) -> Option<(LevelWord, usize)> {
    let level = regex!(
        r"^\s+(tỉnh|thành phố|tp|huyện|quận|thị xã|xã|phường|thị trấn|sở)(?:\s*$|\s*[,;.:)\-–]|\s+\p{Ll})"
    );
    let central = regex!(
        r"^(\s+(?:Trung ương|trung ương|TW|TƯ|T\.Ư|T\.W)(?:\s+Đảng)?)(?:\s*$|\s*[,;.:)\-–]|\s+\p{Ll})"
    );
    if let Some(c) = level.captures(text) {
        let m = c.get(1)?;
        let word = match m.as_str() {
            "tỉnh" | "thành phố" | "tp" => LevelWord::Province,
            "huyện" | "quận" | "thị xã" => LevelWord::District,
            "xã" | "phường" | "thị trấn" => LevelWord::Commune,
            _ => LevelWord::Department,
        };
        return Some((word, text[..m.end()].chars().count()));
    }
    let m = central.captures(text)?.get(1)?;
    Some((LevelWord::Central, text[..m.end()].chars().count()))
}

/// Separator between a name and its first title.
fn sep_first() -> &'static Regex {
    regex!(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:,|-|–|—|\(|:)\s*")
}

/// Separator between two titles of one person (a slash too, as ward portals write the two
/// posts of one person: "Phó Bí thư / Chủ tịch UBND phường").
fn sep_next() -> &'static Regex {
    regex!(r"^\s*(?:\)\s*)?(?:,|;|-|–|—|/|\(|kiêm|và|đồng thời là)\s*(?:kiêm\s+)?")
}

/// The term written after a post: "khóa XVIII", "nhiệm kỳ 2025 - 2030", one or both, with or
/// without a comma before each.
fn term_words() -> &'static Regex {
    regex!(
        r"^(?:\s*,?\s*(?:(?i:khóa|khoá)\s+[IVXLCD]+\b|(?i:nhiệm kỳ)\s+(?:\(\s*)?\d{4}\s*[-–]?\s*\d{4}(?:\s*\))?))+"
    )
}

/// The verb of a predicate, where reading past a membership stops ("A – Ủy viên Ban Thường
/// vụ Đảng ủy giữ chức vụ Phó Chủ tịch UBND xã").
fn predicate_verb() -> &'static Regex {
    regex!(r"\s(?:giữ chức|làm|được|là|tiếp tục|trúng cử|đắc cử|tái đắc cử|tái cử)\s")
}

fn former_word() -> &'static Regex {
    regex!(r"^(?i:nguyên|cựu)\s+")
}

/// Words read past before a title of a chain: "tân" (newly appointed: "ông A, tân Bí thư
/// Huyện ủy") and a military or police rank written as its own item ("ông B, Đại tá, Chỉ huy
/// trưởng …"), which is a rank, not a post.
fn pre_title_word() -> &'static Regex {
    regex!(
        r"^(?:(?i:tân)\s+|(?i:đại tá|thượng tá|trung tá|thiếu tá|đại tướng|thượng tướng|trung tướng|thiếu tướng)\s*(?:,|-|–)\s*)"
    )
}

/// A moving verb right before a name (and its honorific): "điều động ông A, …", "điều động và
/// bổ nhiệm các đồng chí B, …", "chỉ định ông D, …". Not "phân công"/"cử" alone, which add a
/// duty to the posts held ("phân công ông C, Phó Chủ tịch UBND tỉnh, làm Trưởng ban"); after a
/// moving verb ("điều động và phân công") they move too.
fn appointment_before() -> &'static Regex {
    regex!(
        r"(?i)(?:điều động|bổ nhiệm|luân chuyển|tái bổ nhiệm|chỉ định)(?:\s+lại)?(?:\s*(?:,|và)\s*(?:điều động|bổ nhiệm|luân chuyển|chỉ định|phân công)(?:\s+lại)?)*\s+(?:(?:các\s+)?(?:ông|bà|đồng chí|đ/c)\s*:?\s*)?$"
    )
}

/// An appointment verb anywhere in a stretch of text ("được điều động tham gia …").
fn appointment_verb() -> &'static Regex {
    regex!(r"(?i)điều động|bổ nhiệm|luân chuyển|chỉ định")
}

/// A verb phrase that gives a person a post: "làm", "là", "giữ chức", "được bổ nhiệm làm" …
/// Group 1: an appointment verb (the chain's posts are being left); group 2: leaving.
fn predicate() -> &'static Regex {
    regex!(
        r"^\s*,?\s*(?:người\s+)?(?:(?:đều|cùng|đã|sẽ|vừa|mới|tiếp tục|chính thức)\s+)*(?:((?:đắc cử|trúng cử)(?:\s+chức(?:\s+(?:vụ|danh))?)?|được\s+(?:(?:Thủ tướng|Bộ Chính trị|Ban Bí thư|Ban Thường vụ|Hội đồng nhân dân|HĐND|UBND|Chủ tịch)[^,;]{0,40}?\s+)?(?:bổ nhiệm|bầu|điều động|phân công|chỉ định|giao|cử|luân chuyển|tái bổ nhiệm|bầu giữ)(?:\s+(?:lại|và bổ nhiệm))?(?:\s+(?:về|sang|đến))?(?:\s+(?:giữ|làm|đảm nhiệm))?(?:\s+chức)?(?:\s+(?:vụ|danh))?|(?:được\s+)?(?:giữ|đảm nhiệm|đảm nhận)\s+chức(?:\s+vụ)?|tái\s+(?:đắc cử|trúng cử)(?:\s+chức(?:\s+(?:vụ|danh))?)?)|(thôi giữ chức(?:\s+vụ)?|thôi làm|thôi chức|miễn nhiệm(?:\s+chức(?:\s+vụ)?)?)|làm|là)\s+(?i:tân\s+)?"
    )
}

/// A verb of leaving a post: "miễn nhiệm", "cho thôi", "thôi giữ".
fn leaving_verb() -> &'static Regex {
    regex!(r"(?i)miễn nhiệm|cho thôi|\bthôi\b")
}

/// "ông", "bà", "đồng chí", "đ/c" written before a name, as whole words (not the end of a
/// place name: "phường An Phú Đông Nguyễn Văn A").
fn honorific_before() -> &'static Regex {
    regex!(r"(?:\b(?i:ông|bà|đồng chí|đ/c|đ\.c|các ông|các bà|các đồng chí)\s*:?|:|\s[-–])\s*$")
}

/// Separator between two groups of titles before one name.
fn group_sep_before() -> &'static Regex {
    regex!(r"\s*(?:,|kiêm|-|–)\s*(?:kiêm\s+)?$")
}

/// "… là ông", "… được chỉ định là ông" between a body and the name (copular); also the
/// "đối với ông" of approvals and dismissals ("phê chuẩn kết quả bầu Chủ tịch HĐND tỉnh X khóa
/// X đối với ông A"), after the post's term ("khóa X", "nhiệm kỳ 2021 - 2026", or both: "khóa
/// X, nhiệm kỳ 2021-2026").
fn copula() -> &'static Regex {
    regex!(
        r"^\s*(?:\([^()]{0,80}\)\s*)?(?:(?:(?i:khóa|khoá)\s+[IVXLC]+|nhiệm kỳ\s+\d{4}\s*[-–]?\s*\d{4})\s*,?\s*)*(?:hiện\s+)?(?:(?:đã\s+|vừa\s+)?được\s+(?:bầu|chỉ định|bổ nhiệm|phân công|giới thiệu)\s+)?(?:là|do|đối với)\s+(?:(?:ông|bà|đồng chí|đ/c)\s+)?$"
    )
}

/// Capitalized words that continue a body's name ("Huyện ủy" + "Năm Căn"), up to a separator.
fn name_tail() -> &'static Regex {
    regex!(r"^(?:\s+\p{Lu}\p{Ll}*){1,4}(?:\s*[,;]|\s*$)")
}

/// Between two coordinated names.
fn name_link() -> &'static Regex {
    regex!(
        r"^\s*(?:;|,|và|cùng|cùng với|,\s*và)\s*(?:(?:các\s+)?(?:ông|bà|đồng chí|đ/c)\s*:?\s*)?$"
    )
}

/// The sentence text from `pos` on, and a helper to turn matched bytes into chars.
fn rest<'s>(sv: &'s SentenceView<'_>, pos: usize) -> &'s str {
    sv.slice(pos, sv.end)
}

/// Whether a stretch of text holds a clause end: a colon, or a dot followed by a space or the
/// end. A dot inside an abbreviation ("T.Ư" for Trung ương, "T.W") ends nothing.
fn ends_clause(text: &str) -> bool {
    text.contains(':')
        || text
            .char_indices()
            .filter(|&(_, c)| c == '.')
            .any(|(b, _)| text[b + 1..].chars().next().is_none_or(char::is_whitespace))
}

fn skip(sv: &SentenceView<'_>, pos: usize, r: &Regex) -> Option<usize> {
    let text = rest(sv, pos);
    let m = r.find(text)?;
    Some(pos + text[..m.end()].chars().count())
}

/// A sentence's titles and entities, for reading posts.
pub struct SentenceReader<'a, 'g, 's> {
    pub sv: &'s SentenceView<'a>,
    pub titles: Vec<TitleMention<'g>>,
    pub ents: Vec<&'a Entity>,
}

impl<'a, 'g> SentenceReader<'a, 'g, '_> {
    fn title_at(&self, pos: usize) -> Option<TitleMention<'g>> {
        self.titles.iter().find(|t| t.start == pos).copied()
    }

    fn is_ws(&self, a: usize, b: usize) -> bool {
        a <= b && self.sv.slice(a, b).trim().is_empty()
    }

    /// The body written right after a title ending at `end`, and where it ends.
    fn body_after(&self, t: &TitleMention<'g>) -> (Body<'a>, usize) {
        // an ORG starting right after the title, or overlapping its end ("Phó Bí thư" +
        // "Thường trực Huyện ủy" against the title "Phó Bí thư Thường trực")
        let org = self.ents.iter().find(|e| {
            e.label == Label::Org
                && ((e.start >= t.end && self.is_ws(t.end, e.start))
                    || (e.start >= t.start && e.start < t.end && e.end > t.end))
        });
        if let Some(o) = org {
            return (Body::Org(o), o.end);
        }
        if let Some(l) = self
            .ents
            .iter()
            .find(|e| e.label == Label::Loc && e.start >= t.end && self.is_ws(t.end, e.start))
        {
            return (Body::Place(l), l.end);
        }
        if let Some((word, n)) = level_word_at(rest(self.sv, t.end)) {
            return (Body::Level(word), t.end + n);
        }
        (Body::None, t.end)
    }

    /// A membership title followed, before the next separator, by an ORG.
    fn membership_of_org(&self, t: &TitleMention<'g>) -> bool {
        if !is_membership(t.title) {
            return false;
        }
        let text = rest(self.sv, t.end);
        let stop = t.end
            + text[..text.find([',', ';', '(', ')', '.']).unwrap_or(text.len())]
                .chars()
                .count();
        self.ents
            .iter()
            .any(|e| e.label == Label::Org && e.start >= t.end && e.end <= stop)
    }

    /// Capitalized words that continue a body's name ("Huyện ủy" + "Năm Căn") from `end`, unless
    /// a name starts inside them: where the body really ends.
    fn extend_tail(&self, end: usize) -> usize {
        let Some(m) = name_tail().find(rest(self.sv, end)) else {
            return end;
        };
        let words = m.as_str().trim_end_matches([',', ';']).trim_end();
        let name_inside = self.ents.iter().any(|e| {
            e.label == Label::Per && e.start >= end && e.start < end + words.chars().count()
        });
        if name_inside {
            end
        } else {
            end + m.as_str()[..words.len()].chars().count()
        }
    }

    /// Titles after a name: the chain, and where it ends.
    fn chain_after(&self, person: &'a Entity, chain: usize) -> (Vec<Post<'a, 'g>>, usize) {
        self.chain_from(person, person.end, true, chain)
    }

    /// A chain of titles read from `pos` (`first`: right after the name, else after a title).
    fn chain_from(
        &self,
        person: &'a Entity,
        start: usize,
        first: bool,
        chain: usize,
    ) -> (Vec<Post<'a, 'g>>, usize) {
        let mut posts = Vec::new();
        let mut pos = start;
        let mut first = first;
        loop {
            let sep = if first { sep_first() } else { sep_next() };
            // "ông A Phó Bí thư Tỉnh ủy, …": no separator, but a title with its body
            let mut bare = false;
            let p2 = match skip(self.sv, pos, sep) {
                Some(p) => p,
                None if first && rest(self.sv, pos).starts_with(' ') => {
                    bare = true;
                    pos + 1
                }
                None => break,
            };
            let p2 = skip(self.sv, p2, pre_title_word()).unwrap_or(p2);
            let (p3, former) = match skip(self.sv, p2, former_word()) {
                Some(p) => (p, true),
                None => (p2, false),
            };
            let Some(t) = self.title_at(p3) else {
                break;
            };
            let (body, mut end) = self.body_after(&t);
            // no separator after the name: a title with its body, or a membership whose body
            // follows in words the model did not take ("ủy viên ban thường vụ huyện ủy")
            if bare && !matches!(body, Body::Org(_)) && !self.membership_of_org(&t) {
                break;
            }
            // capitalized words that continue the body's name ("Huyện ủy" + "Năm Căn")
            end = self.extend_tail(end);
            // the term of the post ("Phó Bí thư Thành ủy khóa XVIII, nhiệm kỳ 2025 - 2030, Phó
            // Chủ tịch HĐND …"): read past, the chain goes on after it
            end = skip(self.sv, end, term_words()).unwrap_or(end);
            if is_membership(t.title) {
                // "Ủy viên dự khuyết BCH Trung ương Đảng": read past to the next separator (a
                // spaced dash too: "A - ủy viên Trung ương Đảng - Bí thư Tỉnh ủy")
                let text = rest(self.sv, end);
                // not past the verb of a predicate ("A – Ủy viên Ban Thường vụ Đảng ủy giữ chức
                // vụ Phó Chủ tịch UBND xã")
                let verb = predicate_verb();
                let stop = [
                    text.find([',', ';', '(', ')']),
                    text.find(" - "),
                    text.find(" – "),
                    verb.find(text).map(|m| m.start()),
                ]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(text.len());
                let skipped = end + text[..stop].chars().count();
                let name_inside = self
                    .ents
                    .iter()
                    .any(|e| e.label == Label::Per && e.start >= end && e.start < skipped);
                if !ends_clause(&text[..stop]) && !name_inside {
                    end += text[..stop].chars().count();
                }
            }
            // a title glued to the next name is that name's ("…, Giám đốc Sở Y Trần B")
            let next_name_glued = self
                .ents
                .iter()
                .any(|e| e.label == Label::Per && e.start >= end && self.is_ws(end, e.start));
            if next_name_glued {
                break;
            }
            if !is_membership(t.title) {
                posts.push(Post {
                    person,
                    title: t,
                    body,
                    former,
                    shape: Shape::NameThenTitle,
                    chain,
                });
            }
            pos = end;
            first = false;
        }
        (posts, pos)
    }

    /// The post a predicate gives when its first title is a membership: the next title of its
    /// chain ("giữ chức Ủy viên, Chủ nhiệm Ủy ban Kiểm tra Thành ủy" → Chủ nhiệm); none when
    /// only the membership is given ("bầu bổ sung chức danh Ủy viên UBND tỉnh").
    fn past_membership(
        &self,
        person: &'a Entity,
        t: TitleMention<'g>,
        chain: usize,
    ) -> Option<TitleMention<'g>> {
        if !is_membership(t.title) {
            return Some(t);
        }
        let (_, end) = self.body_after(&t);
        let end = self.extend_tail(end);
        let (posts, _) = self.chain_from(person, end, false, chain);
        posts.first().map(|p| p.title)
    }

    /// A predicate post after `pos`: (post, is an appointment).
    fn predicate_at(
        &self,
        person: &'a Entity,
        pos: usize,
        chain: usize,
    ) -> Option<(Post<'a, 'g>, bool)> {
        let text = rest(self.sv, pos);
        let c = predicate().captures(text)?;
        let appointed = c.get(1).is_some();
        let leaving = c.get(2).is_some();
        let at = pos + text[..c.get(0)?.end()].chars().count();
        let t = self.past_membership(person, self.title_at(at)?, chain)?;
        let (body, _) = self.body_after(&t);
        Some((
            Post {
                person,
                title: t,
                body,
                former: leaving,
                shape: Shape::Predicate,
                chain,
            },
            appointed,
        ))
    }

    /// The titles written after a predicate's title, as a chain ("giữ chức Phó Bí thư Huyện ủy,
    /// Chủ tịch UBND huyện X"): posts of the same kind as the predicate's.
    fn predicate_chain(&self, first: &Post<'a, 'g>) -> Vec<Post<'a, 'g>> {
        let (_, end) = self.body_after(&first.title);
        let end = self.extend_tail(end);
        let (more, _) = self.chain_from(first.person, end, false, first.chain);
        more.into_iter()
            .map(|p| Post {
                former: first.former,
                shape: Shape::Predicate,
                ..p
            })
            .collect()
    }

    /// "… làm Trưởng đoàn" a little after the chain ("do ông A, Phó Cục trưởng Cục B, tố cáo
    /// và thanh tra khu vực 1 làm Trưởng đoàn"): the next "làm"/"giữ chức" before another name,
    /// ";" or the sentence end, at most 90 characters after the chain — past a term ("(mới)
    /// nhiệm kỳ 2020 - 2025") or a party committee joined first ("tham gia Ban Chấp hành, Ban
    /// Thường vụ và giữ chức …"). A passive appointment verb in between ("được điều động tham
    /// gia … giữ chức …") makes it an appointment: (post, is an appointment); an active one
    /// ("chỉ định nhân sự giữ chức …") makes the person the one appointing: no post.
    fn later_predicate(
        &self,
        person: &'a Entity,
        pos: usize,
        chain: usize,
    ) -> Option<(Post<'a, 'g>, bool)> {
        let lam = regex!(r"\s(?:làm|giữ chức(?:\s+(?:vụ|danh))?)\s+");
        let next_name = self
            .ents
            .iter()
            .filter(|e| e.label == Label::Per && e.start >= pos)
            .map(|e| e.start)
            .min()
            .unwrap_or(self.sv.end);
        let window = self.sv.slice(pos, next_name);
        let stop = window.find([';', '.']).unwrap_or(window.len());
        let window = &window[..stop];
        let m = lam.find(window)?;
        let gap = &window[..m.start()];
        if gap.chars().count() > 90 {
            return None;
        }
        // a capitalized word glued to the name: the name goes on ("Lê Minh" of "Lê Minh Ngân-Phó
        // Bí thư …" cut short by the model), not a post of this name
        if pos == person.end && regex!(r"^\s+\p{Lu}").is_match(gap) {
            return None;
        }
        // "được điều động …" moves the person; "đã ký quyết định chỉ định nhân sự giữ chức …"
        // is the person appointing others
        let appointed = match appointment_verb().find(gap) {
            // "được Bộ Chính trị điều động, phân công giữ chức …": the agent may come between
            Some(v) if regex!(r"(?i)được\s+(?:\S+\s+){0,4}$").is_match(&gap[..v.start()]) => {
                true
            }
            Some(_) => return None,
            None => false,
        };
        let at = pos + window[..m.end()].chars().count();
        Some((self.predicate_post_at(person, at, chain)?, appointed))
    }

    /// The post a predicate gives with the title written at `at` (past a membership there).
    fn predicate_post_at(
        &self,
        person: &'a Entity,
        at: usize,
        chain: usize,
    ) -> Option<Post<'a, 'g>> {
        let t = self.past_membership(person, self.title_at(at)?, chain)?;
        let (body, _) = self.body_after(&t);
        Some(Post {
            person,
            title: t,
            body,
            former: false,
            shape: Shape::Predicate,
            chain,
        })
    }

    /// A later clause of the sentence whose subject is the person: a profile written as
    /// clauses after ";" with no new subject ("Ông A (sinh năm …) có trình độ …; từng giữ
    /// chức …; được chỉ định làm Bí thư Đảng ủy, Chủ tịch HĐND phường X"). Only a passive
    /// appointment at the start of a clause, and only when no other person is named after A.
    fn clause_predicate(
        &self,
        person: &'a Entity,
        pos: usize,
        chain: usize,
    ) -> Option<(Post<'a, 'g>, bool)> {
        let clause = regex!(
            r"^;\s*(?:và\s+)?(?:(?:đã|vừa|mới|sau đó)\s+)*được\s+(?:\S+\s+){0,4}?(?:bầu|bổ nhiệm|chỉ định|điều động|phân công|luân chuyển)(?:\s*(?:,|và)\s*(?:bầu|bổ nhiệm|chỉ định|điều động|phân công))*\s+(?:(?:làm|giữ)\s+)?(?:chức(?:\s+(?:vụ|danh))?\s+)?"
        );
        let later_person = self
            .ents
            .iter()
            .any(|e| e.label == Label::Per && e.start >= pos && e.start != person.start);
        if later_person {
            return None;
        }
        let text = rest(self.sv, pos);
        let mut offset = 0;
        while let Some(i) = text[offset..].find(';') {
            let at_semicolon = offset + i;
            if let Some(m) = clause.find(&text[at_semicolon..]) {
                let at = pos + text[..at_semicolon + m.end()].chars().count();
                return Some((self.predicate_post_at(person, at, chain)?, true));
            }
            offset = at_semicolon + 1;
        }
        None
    }

    /// "bầu chức vụ Chủ tịch UBND tỉnh … đối với ông A", "miễn nhiệm chức vụ … đối với bà B",
    /// "phê chuẩn kết quả bầu Phó Chủ tịch UBND tỉnh … đối với ông C": the office named earlier
    /// in the sentence, for the person after "đối với" — and for each
    /// person of a list there ("… đối với: bà A, Ủy viên BTV Tỉnh ủy; ông B, ông C, Tỉnh ủy
    /// viên"), every name written with its "ông"/"bà" after a comma, ";" or "và".
    fn office_for(&self, person: &'a Entity, chain: usize) -> Option<Post<'a, 'g>> {
        let for_re = regex!(r"(?:đối với|cho)\s*:?\s+(?:(?:ông|bà|đồng chí|đ/c)\s+)$");
        let listed_re = regex!(r"(?:[,;]|\s+và)\s+(?:ông|bà|đồng chí|đ/c)\s+$");
        let office = regex!(
            r"(?i)(bầu|bổ nhiệm|kiêm nhiệm|phê chuẩn|chỉ định|(miễn nhiệm|cho thôi|thôi))(?:[^.;]{0,40}?chức(?:\s+(?:vụ|danh))?|\s+bổ sung)?\s+$",
        );
        let before = self.sv.slice(self.sv.start, person.start);
        if !for_re.is_match(before) {
            if !listed_re.is_match(before) {
                return None;
            }
            // the previous name of the list holds the same office
            let previous = self
                .ents
                .iter()
                .filter(|e| e.label == Label::Per && e.end <= person.start)
                .max_by_key(|e| e.end)?;
            let post = self.office_for(previous, chain)?;
            return Some(Post { person, ..post });
        }
        // the last title in the sentence before the name that an office verb introduces, in
        // the same clause: not across ";" or another person ("bầu chức danh Chủ tịch … đối
        // với ông A; … bầu bổ sung đối với bà B" gives B nothing)
        let other_person_between = |t: &TitleMention<'g>| {
            self.ents
                .iter()
                .any(|e| e.label == Label::Per && e.start >= t.end && e.end <= person.start)
        };
        self.titles
            .iter()
            .rev()
            .filter(|t| t.end <= person.start)
            .filter(|t| !self.sv.slice(t.end, person.start).contains(';'))
            .filter(|t| !other_person_between(t))
            .find_map(|t| {
                let head = self.sv.slice(self.sv.start, t.start);
                let c = office.captures(head)?;
                // "bầu bổ sung chức danh Ủy viên UBND tỉnh": a membership, not a post
                if is_membership(t.title) {
                    return None;
                }
                let (body, _) = self.body_after(t);
                // "phê chuẩn miễn nhiệm chức vụ …": the leaving verb may follow another one
                let leaving = c.get(2).is_some()
                    || leaving_verb().is_match(c.get(0).map_or("", |m| m.as_str()));
                Some(Post {
                    person,
                    title: *t,
                    body,
                    former: leaving,
                    shape: Shape::Predicate,
                    chain,
                })
            })
    }

    /// Title groups written right before a name (or an honorific before it).
    fn titles_before(&self, person: &'a Entity, chain: usize) -> Vec<Post<'a, 'g>> {
        let mut posts = Vec::new();
        let mut boundary = person.start;
        // "đồng chí", "ông", "bà" between the title and the name
        let before = self.sv.slice(self.sv.start, boundary);
        if let Some(m) = honorific_before().find(before) {
            boundary = self.sv.start + before[..m.start()].chars().count();
        }
        let mut first = true;
        loop {
            // [title] [ORG|LOC]? ending at the boundary; the first group may be copular
            // ("Giám đốc Sở X (…) là ông A")
            let body = self.ents.iter().rev().copied().find(|e| {
                matches!(e.label, Label::Org | Label::Loc)
                    && e.end <= boundary
                    && (self.is_ws(e.end, boundary)
                        || (first && self.copular_gap(e.end, person.start)))
            });
            let copular = body.is_some_and(|b| !self.is_ws(b.end, boundary));
            let title_end = body.map(|b| b.start).unwrap_or(boundary);
            let t = self.titles.iter().rev().copied().find(|t| {
                (t.end <= title_end && self.is_ws(t.end, title_end))
                    || body.is_some_and(|b| t.start < b.start && t.end > b.start && t.end <= b.end)
            });
            // a level word standing for the body: "Phó Chủ tịch tỉnh Trần A", "3 phó chủ tịch
            // tỉnh: B, C và D"
            let level = match (t, body) {
                (None, None) => self.titles.iter().rev().copied().find_map(|t| {
                    if t.end > boundary {
                        return None;
                    }
                    let gap = self.sv.slice(t.end, boundary);
                    let (w, n) = level_word_at(gap)?;
                    let after: String = gap.chars().skip(n).collect();
                    matches!(after.trim(), "" | ":").then_some((t, w))
                }),
                _ => None,
            };
            let Some(t) = t.or(level.map(|(t, _)| t)) else {
                break;
            };
            let head = self.sv.slice(self.sv.start, t.start);
            // "miễn nhiệm chức Chủ tịch UBND tỉnh X đối với ông A": the post being left
            let dismissed = copular && {
                let tail: String = head
                    .chars()
                    .rev()
                    .take(30)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                leaving_verb().is_match(&tail)
            };
            let former = dismissed
                || head
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| matches!(w.to_lowercase().as_str(), "nguyên" | "cựu"));
            let body = match (body, level) {
                (Some(b), _) if b.label == Label::Org => Body::Org(b),
                (Some(b), _) => Body::Place(b),
                (None, Some((_, w))) => Body::Level(w),
                (None, None) => Body::None,
            };
            if !is_membership(t.title) {
                posts.push(Post {
                    person,
                    title: t,
                    body,
                    former,
                    shape: if copular {
                        Shape::Copular
                    } else {
                        Shape::TitleThenName
                    },
                    chain,
                });
            }
            // another group before, separated by "," / "kiêm" / "-"
            let head = self.sv.slice(self.sv.start, t.start);
            match group_sep_before().find(head) {
                Some(m) if !head[..m.start()].trim().is_empty() => {
                    boundary = self.sv.start + head[..m.start()].chars().count();
                    first = false;
                }
                _ => break,
            }
        }
        posts
    }

    fn copular_gap(&self, from: usize, to: usize) -> bool {
        from <= to && copula().is_match(self.sv.slice(from, to))
    }

    /// All posts of the sentence.
    pub fn read(&self, next_chain: &mut usize) -> Vec<Post<'a, 'g>> {
        let people: Vec<&'a Entity> = self
            .ents
            .iter()
            .copied()
            .filter(|e| e.label == Label::Per)
            .collect();
        let mut out: Vec<Post<'a, 'g>> = Vec::new();
        // per person: chain posts, predicate (its posts, appointment or not), and the group
        // link to the next person
        let mut chains: Vec<Vec<Post<'a, 'g>>> = Vec::new();
        let mut predicates: Vec<Option<(Vec<Post<'a, 'g>>, bool)>> = Vec::new();
        let mut linked_to_next: Vec<bool> = Vec::new();
        let mut has_chain: Vec<bool> = Vec::new();
        let mut before: Vec<Vec<Post<'a, 'g>>> = Vec::new();
        let mut appointed_before: Vec<bool> = Vec::new();
        for (i, p) in people.iter().enumerate() {
            *next_chain += 1;
            let chain = *next_chain;
            let (chain_posts, end) = self.chain_after(p, chain);
            // "điều động ông A, …" (or the first name of A's group): an appointment whatever
            // verb follows the chain ("… giữ chức …", "… làm …")
            let verb_before = appointment_before().is_match(self.sv.slice(self.sv.start, p.start))
                || (i > 0 && linked_to_next[i - 1] && appointed_before[i - 1]);
            appointed_before.push(verb_before);
            // "Theo Chủ tịch UBND tỉnh A, …": A is quoted, not the subject of what follows
            let quoted = {
                let lead = self
                    .titles_before(p, chain)
                    .iter()
                    .map(|t| t.title.start)
                    .min()
                    .unwrap_or(p.start);
                self.sv
                    .slice(self.sv.start, lead)
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| w.eq_ignore_ascii_case("theo"))
            };
            let pred = if quoted {
                None
            } else {
                self.predicate_at(p, end, chain)
                    .or_else(|| self.later_predicate(p, end, chain))
                    .or_else(|| self.clause_predicate(p, end, chain))
            };
            let pred = pred.map(|(post, appointed)| {
                let appointed = appointed || (verb_before && !post.former);
                let mut posts = vec![post.clone()];
                posts.extend(self.predicate_chain(&post));
                (posts, appointed)
            });
            if let Some(office) = self.office_for(p, chain) {
                out.push(office);
            }
            has_chain.push(!chain_posts.is_empty());
            chains.push(chain_posts);
            let link = people.get(i + 1).is_some_and(|n| {
                n.start >= end && name_link().is_match(self.sv.slice(end, n.start))
            });
            linked_to_next.push(link);
            predicates.push(pred);
            before.push(self.titles_before(p, chain));
        }
        // a predicate after a group of names holds for each of them
        for i in (0..people.len()).rev() {
            if predicates[i].is_none() && linked_to_next[i] {
                if let Some((next, appointed)) = predicates.get(i + 1).cloned().flatten() {
                    let mine = next
                        .into_iter()
                        .map(|p| Post {
                            person: people[i],
                            ..p
                        })
                        .collect();
                    predicates[i] = Some((mine, appointed));
                }
            }
        }
        // an appointment: the chain's posts are being left, except party posts kept alongside
        // a government post ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh X được điều động làm Phó
        // Bí thư Tỉnh ủy Y" leaves both)
        for (chain_posts, pred) in chains.iter_mut().zip(&predicates) {
            if let Some((new_posts, true)) = pred {
                for c in chain_posts.iter_mut() {
                    let replaced = new_posts.iter().any(|n| {
                        n.is_party() || c.title.title.relation_role == n.title.title.relation_role
                    });
                    // the party committee of the body of the post held: both are kept
                    if new_posts.iter().any(|n| n.is_committee_of(c)) {
                        continue;
                    }
                    if !c.is_party() || replaced {
                        c.former = true;
                    }
                }
            }
        }
        for mut c in chains {
            out.append(&mut c);
        }
        for (preds, _) in predicates.into_iter().flatten() {
            out.extend(preds);
        }
        // names coordinated after one title group: "các Phó Giám đốc Sở A, B và C"
        for i in 0..people.len() {
            if before[i].is_empty() && i > 0 && !has_chain[i - 1] && linked_to_next[i - 1] {
                let inherited: Vec<Post<'a, 'g>> = before[i - 1]
                    .iter()
                    .map(|p| Post {
                        person: people[i],
                        shape: Shape::Coordinated,
                        ..p.clone()
                    })
                    .collect();
                before[i] = inherited;
            }
        }
        // a title read into one name's chain is not also the title before the next name
        let chained: Vec<usize> = out.iter().map(|p| p.title.start).collect();
        for b in before {
            out.extend(b.into_iter().filter(|p| !chained.contains(&p.title.start)));
        }
        out
    }
}

/// Memberships are not posts: "Tỉnh ủy viên", "Ủy viên Ban Thường vụ", "Đại biểu Quốc hội".
pub fn is_membership(t: &Title) -> bool {
    t.level == "member" || t.canonical == "Thường trực"
}

/// Posts of signature blocks: a title line in capitals right above a name line ("KT. CHỦ
/// TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A"). The post is the title of the line next to the name.
pub fn signature_posts<'a, 'g>(
    text: &str,
    char_bytes: &[usize],
    titles: &[TitleMention<'g>],
    ents: &'a [Entity],
    chain: &mut usize,
) -> Vec<Post<'a, 'g>> {
    let slice = |s: usize, e: usize| &text[char_bytes[s]..char_bytes[e]];
    let mut out = Vec::new();
    for person in ents.iter().filter(|e| e.label == Label::Per) {
        let Some(t) = titles.iter().rev().find(|t| t.end <= person.start) else {
            continue;
        };
        let gap = slice(t.end, person.start);
        let only_breaks = gap.contains('\n') && gap.chars().all(|c| c.is_whitespace() || c == '|');
        let written = slice(t.start, t.end);
        let line_start = text[..char_bytes[t.start]]
            .rfind('\n')
            .map(|b| b + 1)
            .unwrap_or(0);
        let line_rest = &text[line_start..char_bytes[t.end]];
        let caps = written
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
            && line_rest
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
        let name_line_ends = text[char_bytes[person.end]..]
            .chars()
            .take_while(|c| *c != '\n')
            .all(|c| c.is_whitespace() || c == '|');
        if only_breaks && caps && name_line_ends && !is_membership(t.title) {
            *chain += 1;
            out.push(Post {
                person,
                title: *t,
                body: Body::None,
                former: false,
                shape: Shape::Signature,
                chain: *chain,
            });
        }
    }
    out
}
