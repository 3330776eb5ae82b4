//! Normalized views of a text with a map back to the original code points.
//!
//! `NormText` holds the text after Unicode NFC and Vietnamese tone-mark placement normalization
//! ("Hoà" → "Hòa", "thuỷ" → "thủy"), plus two matching views with exactly one char per
//! normalized char: `lower` (lower-cased) and `folded` (lower-cased, diacritics removed, đ → d).
//! Every normalized char knows the original code-point range it came from, so a span found in
//! any view maps back to `original[start..end]`. It does not strip anything: HTML and
//! boilerplate are handled elsewhere.

use nerlink_text::tone::{split_tone, with_tone};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One string view with a byte → char index for regex results.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub text: String,
    /// Byte offset of each char, plus `text.len()` at the end.
    char_starts: Vec<usize>,
}

impl View {
    fn from_chars(chars: &[char]) -> View {
        let text: String = chars.iter().collect();
        let mut char_starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_starts.push(text.len());
        View { text, char_starts }
    }

    /// Char index of a byte offset that lies on a char boundary (or the next char otherwise).
    pub fn char_at_byte(&self, byte: usize) -> usize {
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i,
        }
    }

    /// Byte offset of a char index.
    pub fn byte_at_char(&self, ch: usize) -> usize {
        self.char_starts[ch.min(self.char_starts.len() - 1)]
    }

    /// Number of chars.
    pub fn len_chars(&self) -> usize {
        self.char_starts.len() - 1
    }

    /// The text of the char range `[start, end)`.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[self.byte_at_char(start)..self.byte_at_char(end.max(start))]
    }
}

/// The normalized views of one text and the map back to the original.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    /// NFC + tone-placement normalized text, original case.
    pub norm: View,
    /// `norm` lower-cased, char for char.
    pub lower: View,
    /// `lower` without diacritics (đ → d), char for char.
    pub folded: View,
    /// For each normalized char, the original code-point range `[start, end)` it came from.
    orig: Vec<(usize, usize)>,
    orig_len: usize,
    /// Byte offset of each original char, plus the original length in bytes.
    orig_bytes: Vec<usize>,
}

impl NormText {
    pub fn new(original: &str) -> NormText {
        let mut norm_chars: Vec<char> = Vec::with_capacity(original.len());
        let mut orig: Vec<(usize, usize)> = Vec::with_capacity(original.len());
        let mut cluster = String::new();
        let mut cluster_start = 0usize;
        let mut idx = 0usize;
        let flush = |cluster: &mut String,
                     start: usize,
                     end: usize,
                     norm_chars: &mut Vec<char>,
                     orig: &mut Vec<(usize, usize)>| {
            if cluster.is_empty() {
                return;
            }
            for c in cluster.nfc() {
                norm_chars.push(c);
                orig.push((start, end));
            }
            cluster.clear();
        };
        let mut orig_bytes: Vec<usize> = original.char_indices().map(|(b, _)| b).collect();
        orig_bytes.push(original.len());
        for c in original.chars() {
            if !is_combining_mark(c) || cluster.is_empty() {
                flush(&mut cluster, cluster_start, idx, &mut norm_chars, &mut orig);
                cluster_start = idx;
            }
            cluster.push(c);
            idx += 1;
        }
        flush(&mut cluster, cluster_start, idx, &mut norm_chars, &mut orig);
        fix_tone_placement(&mut norm_chars);
        let lower_chars: Vec<char> = norm_chars.iter().map(|&c| lower_char(c)).collect();
        let folded_chars: Vec<char> = lower_chars.iter().map(|&c| fold_char(c)).collect();
        NormText {
            norm: View::from_chars(&norm_chars),
            lower: View::from_chars(&lower_chars),
            folded: View::from_chars(&folded_chars),
            orig,
            orig_len: idx,
            orig_bytes,
        }
    }

    /// Number of normalized chars.
    pub fn len_chars(&self) -> usize {
        self.orig.len()
    }

    /// Map a normalized char range to the original code-point range.
    pub fn to_orig(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || start >= self.orig.len() {
            let p = self.orig.get(start).map(|r| r.0).unwrap_or(self.orig_len);
            return (p, p);
        }
        let s = self.orig[start].0;
        let e = self.orig[(end - 1).min(self.orig.len() - 1)].1;
        (s, e)
    }

    /// The original text of an original code-point range (`original` must be the text this
    /// `NormText` was built from).
    pub fn orig_slice<'a>(&self, original: &'a str, start: usize, end: usize) -> &'a str {
        let last = self.orig_bytes.len() - 1;
        let s = self.orig_bytes[start.min(last)];
        let e = self.orig_bytes[end.min(last)].max(s);
        original.get(s..e).unwrap_or("")
    }

    /// Map an original code-point offset to the first normalized char at or after it.
    pub fn from_orig(&self, orig_pos: usize) -> usize {
        self.orig.partition_point(|r| r.0 < orig_pos)
    }
}

/// Lower-case one char, keeping one char (chars whose lower case is several chars stay as is).
pub fn lower_char(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Remove Vietnamese diacritics from one (NFC) char: "ệ" → "e", "đ" → "d", "Ư" → "U".
pub fn fold_char(c: char) -> char {
    match c {
        'đ' => return 'd',
        'Đ' => return 'D',
        _ => {}
    }
    if c.is_ascii() {
        return c;
    }
    let mut base = None;
    for d in std::iter::once(c).nfd() {
        if !is_combining_mark(d) {
            base = Some(d);
            break;
        }
    }
    match base {
        Some(b) if b.is_ascii_alphabetic() => b,
        _ => c,
    }
}

/// Fold a whole string for matching: NFC, tone placement, lower case, no diacritics.
pub fn fold(s: &str) -> String {
    NormText::new(s).folded.text
}

/// Lower-case matching key: NFC, tone placement, lower case (diacritics kept).
pub fn match_key(s: &str) -> String {
    NormText::new(s).lower.text
}

/// Move old-style tone marks on open "oa", "oe", "uy" syllables to the new style:
/// "hoà" → "hòa", "khoẻ" → "khỏe", "thuỷ" → "thủy". Closed syllables ("hoàng", "thuyết") and
/// syllables after "q" ("quý", "quả") are already the same in both styles and are left alone.
/// Keeps the char count, so offsets are unchanged.
fn fix_tone_placement(chars: &mut [char]) {
    let n = chars.len();
    for i in 1..n {
        let first = lower_char(chars[i - 1]);
        let Some((base2, tone)) = split_tone(chars[i]) else {
            continue;
        };
        let base2_lower = lower_char(base2);
        let pair_ok = matches!((first, base2_lower), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        if !pair_ok {
            continue;
        }
        // open syllable: next char is not a letter
        if i + 1 < n && chars[i + 1].is_alphabetic() {
            continue;
        }
        // "qu" + y/a: the u is part of the consonant
        if i >= 2 && lower_char(chars[i - 2]) == 'q' {
            continue;
        }
        // the syllable must start right before: previous-previous is not a vowel ("khuya" etc.)
        if i >= 2 && is_vowel(lower_char(fold_char(chars[i - 2]))) {
            continue;
        }
        if let (Some(new_first), Some(new_second)) = (with_tone(chars[i - 1], tone), Some(base2)) {
            chars[i - 1] = new_first;
            chars[i] = new_second;
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orig_slice(s: &str, a: usize, b: usize) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn tone_placement_old_and_new_match() {
        assert_eq!(match_key("Khánh Hoà"), match_key("Khánh Hòa"));
        assert_eq!(match_key("Thuỷ"), match_key("Thủy"));
        assert_eq!(match_key("khoẻ"), match_key("khỏe"));
        // closed syllables and qu- are untouched
        assert_eq!(match_key("Hoàng"), "hoàng");
        assert_eq!(match_key("quý"), "quý");
        assert_eq!(match_key("Hòa Bình"), "hòa bình");
    }

    #[test]
    fn nfd_input_maps_back_to_original() {
        let nfd: String = "Sở Nội vụ tỉnh Khánh Hoà".nfd().collect();
        let t = NormText::new(&nfd);
        assert_eq!(t.norm.text, "Sở Nội vụ tỉnh Khánh Hòa");
        let start = t.norm.text.find("Khánh").unwrap();
        let cs = t.norm.char_at_byte(start);
        let ce = t.len_chars();
        let (os, oe) = t.to_orig(cs, ce);
        let back = orig_slice(&nfd, os, oe);
        assert_eq!(back.nfc().collect::<String>(), "Khánh Hoà");
        assert_eq!(back, "Khánh Hoà".nfd().collect::<String>());
    }

    #[test]
    fn folded_view_is_char_for_char() {
        let s = "ĐẮK LẮK và Bà Rịa – Vũng Tàu 🎉\r\n";
        let t = NormText::new(s);
        assert_eq!(t.folded.len_chars(), t.norm.len_chars());
        assert_eq!(t.lower.len_chars(), t.norm.len_chars());
        assert!(t.folded.text.starts_with("dak lak va ba ria – vung tau"));
    }

    #[test]
    fn emoji_crlf_and_combining_marks_round_trip() {
        let s = "A\u{301} 🎉 x\r\ne\u{323}\u{302} z";
        let t = NormText::new(s);
        let n = t.len_chars();
        let (a, b) = t.to_orig(0, n);
        assert_eq!((a, b), (0, s.chars().count()));
        for i in 0..n {
            let (a, b) = t.to_orig(i, i + 1);
            let piece = orig_slice(s, a, b);
            let normed: String = piece.nfc().collect();
            assert_eq!(normed.chars().count(), 1, "char {i}: {piece:?}");
        }
    }
}
