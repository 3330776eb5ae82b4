//! IOB tag decoding: per-token tags to labelled token spans.

/// Decode IOB2 / IOB1 / IOBES tags into `[start, end)` token spans with labels. An `I-X`
/// after `O` or after another type starts an entity (the lenient reading of conlleval); a tag
/// without a one-letter prefix (`PER`) reads as `I-PER`.
pub fn decode_iob<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) if p.len() == 1 => (p, l),
            _ if tag == "O" || tag.is_empty() => ("O", ""),
            _ => ("I", tag),
        };
        let begins = match prefix {
            "B" | "S" | "U" => true,
            "I" | "E" | "L" => cur.as_ref().map(|(_, l)| l != label).unwrap_or(true),
            _ => false,
        };
        if prefix == "O" || begins {
            if let Some((s, l)) = cur.take() {
                out.push((s, i, l));
            }
        }
        if begins {
            cur = Some((i, label.to_string()));
        }
        if matches!(prefix, "S" | "U" | "E" | "L") {
            if let Some((s, l)) = cur.take() {
                out.push((s, i + 1, l));
            }
        }
    }
    if let Some((s, l)) = cur {
        out.push((s, tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob2_spans() {
        let tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"];
        assert_eq!(
            decode_iob(&tags),
            [
                (0, 2, "PER".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 6, "LOC".to_string())
            ]
        );
    }

    #[test]
    fn stray_inside_tag_starts_a_span() {
        let tags = ["O", "I-ORG", "I-ORG", "I-PER"];
        assert_eq!(
            decode_iob(&tags),
            [(1, 3, "ORG".to_string()), (3, 4, "PER".to_string())]
        );
    }

    #[test]
    fn iobes_singletons_and_ends() {
        let tags = ["S-LOC", "B-ORG", "E-ORG", "O"];
        assert_eq!(
            decode_iob(&tags),
            [(0, 1, "LOC".to_string()), (1, 3, "ORG".to_string())]
        );
    }
}
