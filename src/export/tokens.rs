//! Syllable tokens and sentence ranges for token-level exports (CoNLL).
//!
//! A token is a maximal run of letters, digits and combining marks (a Vietnamese syllable, a
//! word of a foreign name, a number); a `.`, `,`, `/`, `:` or `-` between two digits stays
//! inside the token, so "81,47", "21/63", "1.648" and "14/07/2022" are one token each. Any other
//! visible character is a token of its own ("(", "–", "\""). Whitespace, control characters and
//! invisible format characters (zero-width space, BOM, soft hyphen) separate tokens and are
//! never part of one. Offsets are code points of the original text. It does no word
//! segmentation: "Hà Nội" is two tokens.
//!
//! Sentences come from the project's splitter (`text::sentences::split_sentences`) run on each
//! line of the original text; every non-empty line is kept (boilerplate lines too, since bylines
//! and photo credits carry PER entities), so every token lies in exactly one sentence.

use unicode_normalization::char::is_combining_mark;

use crate::text::sentences::split_sentences;

/// A token: the code-point range `[start, end)` of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// Characters that separate tokens and are never part of one.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
        )
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Tokenize a text (as chars) into code-point ranges.
pub fn tokenize(chars: &[char]) -> Vec<Token> {
    let n = chars.len();
    let mut out = Vec::with_capacity(n / 4);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if is_separator(c) {
            i += 1;
            continue;
        }
        if !is_word(c) {
            out.push(Token {
                start: i,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < n {
            let c = chars[i];
            if is_word(c) {
                i += 1;
            } else if matches!(c, '.' | ',' | '/' | ':' | '-')
                && chars[i - 1].is_numeric()
                && i + 1 < n
                && chars[i + 1].is_numeric()
            {
                i += 2;
            } else {
                break;
            }
        }
        out.push(Token { start, end: i });
    }
    out
}

/// Sentence ranges `[start, end)` (code points of `chars`) of every non-empty line, in order.
pub fn sentence_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let push_line = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let mut e2 = e;
        if e2 > s && chars[e2 - 1] == '\r' {
            e2 -= 1;
        }
        let line: String = chars[s..e2].iter().collect();
        for (a, b) in split_sentences(&line) {
            out.push((s + a, s + b));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            push_line(line_start, i, &mut out);
            line_start = i + 1;
        }
    }
    if line_start < chars.len() {
        push_line(line_start, chars.len(), &mut out);
    }
    out
}

/// The sentence (code-point range) of `chars` that contains `pos`, or the line around it.
pub fn sentence_around(chars: &[char], pos: usize) -> (usize, usize) {
    let pos = pos.min(chars.len());
    let mut ls = pos;
    while ls > 0 && chars[ls - 1] != '\n' {
        ls -= 1;
    }
    let mut le = pos;
    while le < chars.len() && chars[le] != '\n' {
        le += 1;
    }
    let line: String = chars[ls..le].iter().collect();
    for (a, b) in split_sentences(&line) {
        if ls + a <= pos && pos < ls + b {
            return (ls + a, ls + b);
        }
    }
    (ls, le)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        tokenize(&chars)
            .into_iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect()
    }

    #[test]
    fn syllables_numbers_and_punctuation() {
        assert_eq!(
            toks("Đạt 81,47 điểm, xếp thứ 21/63 (năm 2021)."),
            vec![
                "Đạt", "81,47", "điểm", ",", "xếp", "thứ", "21/63", "(", "năm", "2021", ")", "."
            ]
        );
        assert_eq!(
            toks("Số 1275/KH-UBND"),
            vec!["Số", "1275", "/", "KH", "-", "UBND"]
        );
        assert_eq!(toks("a\u{200B}b\u{1C}c"), vec!["a", "b", "c"]);
    }

    #[test]
    fn sentences_per_line() {
        let s = "Câu một. Câu hai.\r\n\r\nDòng ba";
        let chars: Vec<char> = s.chars().collect();
        let got: Vec<String> = sentence_ranges(&chars)
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect();
        assert_eq!(got, vec!["Câu một.", "Câu hai.", "Dòng ba"]);
    }
}
