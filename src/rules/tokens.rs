//! Word tokens of a sentence for the rule patterns.
//!
//! Splits a normalized sentence into words and punctuation marks with their normalized char
//! ranges, and answers the shape questions the patterns ask (capitalized syllable, number,
//! lower-case admin prefix). It does not know any names.

use crate::text::normalize::NormText;

#[derive(Debug, Clone)]
pub struct Tok {
    /// Normalized char range in the document.
    pub start: usize,
    pub end: usize,
    /// Text as written (normalized), and lower-cased.
    pub text: String,
    pub lower: String,
}

impl Tok {
    pub fn is_punct(&self) -> bool {
        self.text.chars().all(|c| !c.is_alphanumeric())
    }

    /// A capitalized word: first letter upper case, the rest lower case letters ("Trương").
    pub fn is_cap_word(&self) -> bool {
        let mut cs = self.text.chars();
        match cs.next() {
            Some(c) if c.is_uppercase() && c.is_alphabetic() => {
                cs.all(|c| c.is_lowercase() && c.is_alphabetic())
            }
            _ => false,
        }
    }

    /// All upper-case letters, at least two ("PAPI", "HỮU").
    pub fn is_upper_word(&self) -> bool {
        self.text.chars().count() >= 2
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() && c.is_alphabetic())
    }

    pub fn starts_upper(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }

    pub fn is_number(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
}

/// Tokenize the normalized char range `[start, end)` of `norm`.
pub fn tokenize(norm: &NormText, start: usize, end: usize) -> Vec<Tok> {
    let text = norm.norm.slice(start, end);
    let mut toks = Vec::new();
    let mut cur_start: Option<usize> = None;
    let mut pos = start;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let push = |toks: &mut Vec<Tok>, s: usize, e: usize| {
        let t = norm.norm.slice(s, e).to_string();
        let l = norm.lower.slice(s, e).to_string();
        toks.push(Tok {
            start: s,
            end: e,
            text: t,
            lower: l,
        });
    };
    while i < chars.len() {
        let c = chars[i];
        // inside-word joiners: digits with . , / - ("81,47", "1.648", "21/63", "1275/KH-UBND"),
        // letters with & or . in abbreviations ("KH&ĐT", "TP.HCM")
        let joins = |c: char| c.is_alphanumeric();
        if joins(c) {
            if cur_start.is_none() {
                cur_start = Some(pos);
            }
        } else {
            let next_word = i + 1 < chars.len() && joins(chars[i + 1]);
            let inner = matches!(c, '.' | ',' | '/' | '-' | '&' | '\'' | '_')
                && cur_start.is_some()
                && next_word
                && !(c == ',' && !(chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit()))
                && !(c == '-' && chars[i - 1].is_lowercase() && chars[i + 1].is_lowercase());
            if inner {
                // keep joining
            } else {
                if let Some(s) = cur_start.take() {
                    push(&mut toks, s, pos);
                }
                if !c.is_whitespace() {
                    push(&mut toks, pos, pos + 1);
                }
            }
        }
        pos += 1;
        i += 1;
    }
    if let Some(s) = cur_start {
        push(&mut toks, s, pos);
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_numbers_refs_and_abbreviations_whole() {
        let s = "Ngày 09/11/2023, UBND TP.HCM ký Kế hoạch 1275/KH-UBND: đạt 81,47 điểm, xếp 21/63 (Sở KH&ĐT).";
        let n = NormText::new(s);
        let toks: Vec<String> = tokenize(&n, 0, n.len_chars())
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            toks,
            vec![
                "Ngày",
                "09/11/2023",
                ",",
                "UBND",
                "TP.HCM",
                "ký",
                "Kế",
                "hoạch",
                "1275/KH-UBND",
                ":",
                "đạt",
                "81,47",
                "điểm",
                ",",
                "xếp",
                "21/63",
                "(",
                "Sở",
                "KH&ĐT",
                ")",
                "."
            ]
        );
    }
}
