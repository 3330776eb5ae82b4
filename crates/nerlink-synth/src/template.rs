//! The template language of `data/synth/templates/*.tsv` and `data/synth/phrases.tsv`, and its
//! parser. A template is literal text with four kinds of markup:
//!
//! * `{NAME}`, `{NAME:arg}`, `{NAME#2}`, `{NAME:arg#2}` — a slot, filled by the generator
//!   (`#n` names a referent: the same `{P#2}` twice in a sentence is the same person);
//! * `[a|b|c]` — one alternative, chosen uniformly; alternatives nest and may be empty (`[x|]`);
//! * `<LABEL:text>` — fixed text annotated with LABEL (`<ORG:Đảng>`, `<LOC:Việt Nam>`);
//! * everything else is literal, unannotated text.
//!
//! Parsing happens once; an unknown slot or label, or unbalanced markup, is an error naming the
//! file and line.

use anyhow::{bail, Context, Result};
use nerlink_text::tsv::data_lines;

/// Entity labels the generator emits. `Per`/`Org`/`Loc` are the NER labels; the rest are the
/// domain labels of `ENTITY_GUIDELINES.md`, written only with `--labels all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Per,
    Org,
    Loc,
    Role,
    Index,
    Score,
    Rank,
    Date,
    Doc,
}

impl Label {
    pub const ALL: [Label; 9] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Role,
        Label::Index,
        Label::Score,
        Label::Rank,
        Label::Date,
        Label::Doc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Role => "ROLE",
            Label::Index => "INDEX",
            Label::Score => "SCORE",
            Label::Rank => "RANK",
            Label::Date => "DATE",
            Label::Doc => "DOC",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

macro_rules! slots {
    ($($name:ident),* $(,)?) => {
        /// Every slot name a template may use (see `render.rs` for what each produces).
        #[allow(clippy::upper_case_acronyms)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum SlotKind { $($name),* }

        impl SlotKind {
            fn parse(s: &str) -> Option<SlotKind> {
                match s { $(stringify!($name) => Some(SlotKind::$name),)* _ => None }
            }
        }
    };
}

// People: P HP OFF OFFICE R RN CIT BY PHOTO FP FR EXP ATH ART PLIST. Places: T H X V ST RG C FC
// FL VN ADDR TLIST HLIST ELLIP CITY. Bodies: UB … ORG. Numbers, dates, documents, indices: SCORE
// … ORD. Phrase lists: PH. UP upper-cases the next letter written (after a dateline "… - ").
slots!(
    P, HP, OFF, OFFICE, R, RN, CIT, BY, PHOTO, FP, FR, EXP, ATH, ART, PLIST, T, H, X, V, ST, RG, C,
    FC, FL, VN, ADDR, TLIST, HLIST, ELLIP, CITY, UB, HD, TU, SO, PB, DB, CB, NB, NEST, CO, BANK,
    MED, SITE, IO, SCH, UNI, HOS, CLUB, PARTY, MT, POL, FG, ORG, SCORE, RANK, IDX, IDXF, DATE, DAY,
    YEAR, Y, PERIOD, TERM, QUARTER, MONTH, HALF, DOC, N, PCT, MONEY, AGE, TIME, ORD, PH, UP,
);

#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub kind: SlotKind,
    pub arg: &'static str,
    pub n: u8,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Lit(&'static str),
    Ent(Label, &'static str),
    Slot(Slot),
    Alt(Vec<Vec<Node>>),
}

/// Flags of a template (second column).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Flags {
    /// A headline: no final period, sometimes written in capitals.
    pub head: bool,
    /// A line of its own (byline, caption, source line): never joined into a paragraph.
    pub line: bool,
    /// Written after the July 2025 reorganization: 34 provinces, communes and wards.
    pub new: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub id: &'static str,
    pub flags: Flags,
    pub nodes: Vec<Node>,
}

/// Parse one template or phrase text.
pub(crate) fn parse(src: &'static str) -> Result<Vec<Node>> {
    let mut pos = 0;
    let nodes = parse_seq(src, &mut pos, false)?;
    if pos != src.len() {
        bail!("unexpected {:?} at byte {pos}", &src[pos..]);
    }
    Ok(nodes)
}

fn parse_seq(src: &'static str, pos: &mut usize, in_alt: bool) -> Result<Vec<Node>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    while *pos < src.len() {
        match bytes[*pos] {
            b'|' | b']' if in_alt => return Ok(out),
            b'|' | b']' | b'}' | b'>' => bail!("stray {:?} at byte {}", bytes[*pos] as char, *pos),
            b'{' => {
                let end = src[*pos..]
                    .find('}')
                    .map(|e| *pos + e)
                    .with_context(|| format!("unclosed '{{' at byte {}", *pos))?;
                out.push(Node::Slot(parse_slot(&src[*pos + 1..end])?));
                *pos = end + 1;
            }
            b'<' => {
                let end = src[*pos..]
                    .find('>')
                    .map(|e| *pos + e)
                    .with_context(|| format!("unclosed '<' at byte {}", *pos))?;
                let inner = &src[*pos + 1..end];
                let (label, text) = inner
                    .split_once(':')
                    .with_context(|| format!("'<{inner}>' needs LABEL:text"))?;
                let label = Label::parse(label)
                    .with_context(|| format!("unknown label {label:?} in '<{inner}>'"))?;
                if text.is_empty() || text.trim() != text {
                    bail!("'<{inner}>': entity text must be non-empty and not padded");
                }
                out.push(Node::Ent(label, text));
                *pos = end + 1;
            }
            b'[' => {
                let open = *pos;
                *pos += 1;
                let mut alts = vec![parse_seq(src, pos, true)?];
                loop {
                    match bytes.get(*pos) {
                        Some(b'|') => {
                            *pos += 1;
                            alts.push(parse_seq(src, pos, true)?);
                        }
                        Some(b']') => {
                            *pos += 1;
                            break;
                        }
                        _ => bail!("unclosed '[' at byte {open}"),
                    }
                }
                out.push(Node::Alt(alts));
            }
            _ => {
                let start = *pos;
                while *pos < src.len() && !b"{}[]<>|".contains(&bytes[*pos]) {
                    *pos += 1;
                }
                out.push(Node::Lit(&src[start..*pos]));
            }
        }
    }
    if in_alt {
        bail!("unclosed '['");
    }
    Ok(out)
}

fn parse_slot(inner: &'static str) -> Result<Slot> {
    let (rest, n) = match inner.split_once('#') {
        Some((r, n)) => (
            r,
            n.parse::<u8>()
                .ok()
                .filter(|n| (1..=4).contains(n))
                .with_context(|| format!("{{{inner}}}: referent must be #1..#4"))?,
        ),
        None => (inner, 1),
    };
    let (name, arg) = rest.split_once(':').unwrap_or((rest, ""));
    let kind = SlotKind::parse(name).with_context(|| format!("unknown slot {{{inner}}}"))?;
    Ok(Slot { kind, arg, n })
}

/// Parse a template file: `id<TAB>flags<TAB>template` lines after a header; `#` comments.
pub(crate) fn parse_file(name: &str, text: &'static str) -> Result<Vec<Template>> {
    let mut out = Vec::new();
    let mut lines = data_lines(text);
    if let Some((n, header)) = lines.next() {
        if header.split('\t').next() != Some("id") {
            bail!("{name}:{n}: expected the header 'id<TAB>flags<TAB>template'");
        }
    }
    for (n, line) in lines {
        let mut cols = line.splitn(3, '\t');
        let (Some(id), Some(flags), Some(body)) = (cols.next(), cols.next(), cols.next()) else {
            bail!("{name}:{n}: expected 3 tab-separated columns");
        };
        let mut f = Flags::default();
        for flag in flags
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "-")
        {
            match flag {
                "head" => f.head = true,
                "line" => f.line = true,
                "new" => f.new = true,
                other => bail!("{name}:{n}: unknown flag {other:?}"),
            }
        }
        let nodes = parse(body).with_context(|| format!("{name}:{n}: template {id}"))?;
        out.push(Template {
            id,
            flags: f,
            nodes,
        });
    }
    Ok(out)
}

/// Parse `phrases.tsv`: `list<TAB>fragment` lines after a header.
pub(crate) fn parse_phrases(
    name: &str,
    text: &'static str,
) -> Result<Vec<(&'static str, Vec<Node>)>> {
    let mut out = Vec::new();
    // The first content line is the header.
    for (n, line) in data_lines(text).skip(1) {
        let (list, body) = line
            .split_once('\t')
            .with_context(|| format!("{name}:{n}: expected list<TAB>fragment"))?;
        let nodes = parse(body).with_context(|| format!("{name}:{n}"))?;
        out.push((list, nodes));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_markup() {
        let n = parse("Theo {OFF:dept}, [ông|bà] <ORG:Đảng> {T#2}[ nói|].").unwrap();
        assert_eq!(n.len(), 10);
        assert!(parse("{NOPE}").is_err());
        assert!(parse("[a|b").is_err());
        assert!(parse("<FOO:x>").is_err());
        assert!(parse("a ] b").is_err());
    }
}
