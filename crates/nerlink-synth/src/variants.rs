//! Surface variation applied to a finished example. Every transform maps one char to one char,
//! so span offsets stay valid: ALL CAPS, the other tone-mark placement (hòa → hoà, thủy → thuỷ),
//! diacritics removed, and a one-letter typo.

use unicode_normalization::UnicodeNormalization;

use nerlink_text::tone::{split_tone, with_tone, TONES};

use super::rng::Rng;

/// Upper-case every char that upper-cases to a single char.
pub(crate) fn all_caps(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut u = c.to_uppercase();
            match (u.next(), u.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        })
        .collect()
}

/// Move the tone of open "oa", "oe", "uy" syllables to the second vowel (hòa → hoà, khỏe →
/// khoẻ, thủy → thuỷ; "quý" is left alone).
pub(crate) fn other_tone_placement(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    for i in 0..n.saturating_sub(1) {
        let Some((b1, t)) = split_tone(chars[i]) else {
            continue;
        };
        let b2 = chars[i + 1];
        let end = chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
        if !end {
            continue;
        }
        let prev_q = i > 0 && matches!(chars[i - 1], 'q' | 'Q');
        let ok = match b1.to_ascii_lowercase() {
            'o' => matches!(b2, 'a' | 'e' | 'A' | 'E'),
            'u' => matches!(b2, 'y' | 'Y') && !prev_q,
            _ => false,
        };
        if !ok {
            continue;
        }
        if let Some(moved) = with_tone(b2, t) {
            chars[i] = b1;
            chars[i + 1] = moved;
        }
    }
    chars.into_iter().collect()
}

fn strip_char(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        _ if c.is_ascii() => c,
        _ => {
            let mut d = c.nfd();
            match d.next() {
                Some(b) if b.is_ascii_alphabetic() => b,
                _ => c,
            }
        }
    }
}

/// Vietnamese without diacritics ("Nghệ An" → "Nghe An").
pub(crate) fn strip_diacritics(text: &str) -> String {
    text.chars().map(strip_char).collect()
}

/// One letter loses its diacritics or its tone (a typing slip).
pub(crate) fn typo(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let marked: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_ascii() && c.is_alphabetic())
        .map(|(i, _)| i)
        .collect();
    if marked.is_empty() {
        return text.to_string();
    }
    let i = marked[rng.below(marked.len())];
    chars[i] = match split_tone(chars[i]) {
        Some((base, _)) if rng.chance(0.5) => base,
        Some((base, _)) => {
            let t = TONES[rng.below(TONES.len())];
            with_tone(base, t).unwrap_or(base)
        }
        None => strip_char(chars[i]),
    };
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_keep_length() {
        let s = "Khánh Hòa, Thủy, khỏe, quý, hòa bình, Đắk Lắk";
        let o = other_tone_placement(s);
        assert_eq!(o, "Khánh Hoà, Thuỷ, khoẻ, quý, hoà bình, Đắk Lắk");
        assert_eq!(
            strip_diacritics(s),
            "Khanh Hoa, Thuy, khoe, quy, hoa binh, Dak Lak"
        );
        assert_eq!(all_caps("Nguyễn Đức"), "NGUYỄN ĐỨC");
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            assert_eq!(typo(s, &mut rng).chars().count(), s.chars().count());
        }
    }
}
