//! Vietnamese tone marks on single chars: split a vowel into base and tone, and put a tone
//! back on. Both work on NFC chars and return `None` when the result is not one char.

use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining chars: grave, acute, hook above, tilde, dot below.
pub const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0309}', '\u{0303}', '\u{0323}'];

/// Base letter and tone mark of a char (`'ộ'` → `('ô', dot below)`); other marks stay on the
/// base. `None` for a char without a tone mark.
pub fn split_tone(c: char) -> Option<(char, char)> {
    let mut base = String::new();
    let mut tone = None;
    for d in std::iter::once(c).nfd() {
        if TONES.contains(&d) {
            tone = Some(d);
        } else {
            base.push(d);
        }
    }
    let tone = tone?;
    let base: String = base.nfc().collect();
    let mut it = base.chars();
    match (it.next(), it.next()) {
        (Some(b), None) => Some((b, tone)),
        _ => None,
    }
}

/// `base` with the tone mark `tone` (`('a', grave)` → `'à'`), if that is one NFC char.
pub fn with_tone(base: char, tone: char) -> Option<char> {
    let s: String = [base, tone].iter().collect::<String>().nfc().collect();
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_and_rejoin() {
        for c in ['à', 'ộ', 'ỷ', 'Ứ', 'ẽ'] {
            let (b, t) = split_tone(c).unwrap();
            assert_eq!(with_tone(b, t), Some(c));
        }
        assert_eq!(split_tone('ô'), None);
        assert_eq!(split_tone('a'), None);
        assert_eq!(split_tone('ộ'), Some(('ô', '\u{0323}')));
    }
}
