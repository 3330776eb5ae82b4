//! The label table of a token-classification model: `id2label` strings parsed into a tag
//! (B/I/E/S/O) and an entity type mapped to nerlink's labels.
//!
//! Accepts BIO (IOB2), IOB1-style bare `I-`, BIOES and BILOU, with `-` or `_` between tag and
//! type, in either order (`B-PER`, `PER-B`), and bare types (`PER`, IO scheme: read as `I`).
//! Type names are mapped PERSON/PER → PER, LOCATION/LOC/GPE → LOC, ORGANIZATION/ORG → ORG;
//! anything else passes through upper-cased. It does not decode sequences (see `decode`).

/// Position tag of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// Begin.
    B,
    /// Inside (continue).
    I,
    /// End (BIOES `E-`, BILOU `L-`).
    E,
    /// Single-word entity (BIOES `S-`, BILOU `U-`).
    S,
}

/// One label of the model: its tag and, unless `O`, its (mapped) entity type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub tag: Tag,
    pub kind: Option<String>,
}

/// Map a model's entity type name to nerlink's label.
pub fn map_type(name: &str) -> String {
    let up = name.trim().to_uppercase();
    match up.as_str() {
        "PER" | "PERSON" | "PERS" => "PER".into(),
        "LOC" | "LOCATION" | "GPE" => "LOC".into(),
        "ORG" | "ORGANIZATION" | "ORGANISATION" => "ORG".into(),
        _ => up,
    }
}

fn parse_tag(s: &str) -> Option<Tag> {
    match s.to_ascii_uppercase().as_str() {
        "B" => Some(Tag::B),
        "I" => Some(Tag::I),
        "E" | "L" => Some(Tag::E),
        "S" | "U" => Some(Tag::S),
        _ => None,
    }
}

/// Parse one `id2label` string.
pub fn parse_label(raw: &str) -> Label {
    let s = raw.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("o") || s == "-" {
        return Label {
            tag: Tag::O,
            kind: None,
        };
    }
    if let Some(i) = s.find(['-', '_']) {
        let (a, b) = (&s[..i], &s[i + 1..]);
        if let Some(tag) = parse_tag(a).filter(|_| !b.is_empty()) {
            return Label {
                tag,
                kind: Some(map_type(b)),
            };
        }
        if let Some(i) = s.rfind(['-', '_']) {
            let (a, b) = (&s[..i], &s[i + 1..]);
            if let Some(tag) = parse_tag(b).filter(|_| !a.is_empty()) {
                return Label {
                    tag,
                    kind: Some(map_type(a)),
                };
            }
        }
    }
    Label {
        tag: Tag::I,
        kind: Some(map_type(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(tag: Tag, kind: &str) -> Label {
        Label {
            tag,
            kind: Some(kind.into()),
        }
    }

    #[test]
    fn parses_schemes_and_maps_types() {
        assert_eq!(parse_label("O").tag, Tag::O);
        assert_eq!(parse_label("B-PER"), l(Tag::B, "PER"));
        assert_eq!(parse_label("I-PERSON"), l(Tag::I, "PER"));
        assert_eq!(parse_label("E-LOCATION"), l(Tag::E, "LOC"));
        assert_eq!(parse_label("S-ORGANIZATION"), l(Tag::S, "ORG"));
        assert_eq!(parse_label("L-GPE"), l(Tag::E, "LOC"));
        assert_eq!(parse_label("U-ORG"), l(Tag::S, "ORG"));
        assert_eq!(parse_label("B_LOC"), l(Tag::B, "LOC"));
        assert_eq!(parse_label("PER-B"), l(Tag::B, "PER"));
        assert_eq!(parse_label("B-MISC"), l(Tag::B, "MISC"));
        assert_eq!(parse_label("LOC"), l(Tag::I, "LOC"));
        assert_eq!(parse_label("B-DATE-TIME"), l(Tag::B, "DATE-TIME"));
    }
}
