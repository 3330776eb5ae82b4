//! Input bytes that are not UTF-8: UTF-16 with a byte-order mark is decoded; Vietnamese in a
//! legacy 8-bit encoding (Windows-1258, TCVN3/ABC) is recognized and named, not decoded.
//!
//! Legacy encodings are not decoded because the two share byte values and a wrong guess would
//! silently give wrong letters; the error says which one the text looks like and how to convert
//! it (`iconv`). The guess is a heuristic on letters, never on the file name: Windows-1258
//! writes most tones as combining marks right after a vowel (bytes CC EC D2 DE F2), TCVN3 writes
//! toned vowels as single bytes in A1–DF after a lower-case letter, which Western 8-bit text
//! (é, è, à: E0–FF) rarely does. It does not detect other encodings.

/// Decode UTF-16 text whose byte-order mark was seen (`big_endian` from the mark); `bytes`
/// excludes the mark. `None` when the length is odd or a surrogate is unpaired.
pub fn decode_utf16(bytes: &[u8], big_endian: bool) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|c| {
        if big_endian {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// A legacy Vietnamese encoding the bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Windows1258,
    Tcvn3,
}

impl Legacy {
    /// The name users know it by.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Windows1258 => "Windows-1258 (CP1258)",
            Legacy::Tcvn3 => "TCVN3 (ABC, .VnTime fonts)",
        }
    }

    /// The `iconv` name of the encoding.
    pub fn iconv_name(self) -> &'static str {
        match self {
            Legacy::Windows1258 => "CP1258",
            Legacy::Tcvn3 => "TCVN",
        }
    }
}

fn is_ascii_vowel(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
    )
}

/// Windows-1258 letters that take a tone mark: ă â ê ô ơ ư and their capitals.
fn is_cp1258_vowel(b: u8) -> bool {
    matches!(
        b,
        0xE3 | 0xE2 | 0xEA | 0xF4 | 0xF5 | 0xFD | 0xC3 | 0xC2 | 0xCA | 0xD4 | 0xD5 | 0xDD
    )
}

/// Windows-1258 combining tone marks: grave, acute, hook above, tilde, dot below.
fn is_cp1258_tone(b: u8) -> bool {
    matches!(b, 0xCC | 0xEC | 0xD2 | 0xDE | 0xF2)
}

/// Which legacy Vietnamese encoding 8-bit `bytes` look like, if any. Needs a few words of
/// text: a quarter of the words with letters must carry non-ASCII bytes, as Vietnamese does.
pub fn legacy_vietnamese(bytes: &[u8]) -> Option<Legacy> {
    let (mut words, mut marked) = (0usize, 0usize);
    for w in bytes.split(|b| b.is_ascii_whitespace()) {
        if w.iter().any(|b| b.is_ascii_alphabetic()) {
            words += 1;
            if w.iter().any(|b| *b >= 0x80) {
                marked += 1;
            }
        }
    }
    if words < 4 || marked * 4 < words {
        return None;
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let (mut tone_after_vowel, mut tcvn_after_letter) = (0usize, 0usize);
    for pair in bytes.windows(2) {
        let (prev, b) = (pair[0], pair[1]);
        if is_cp1258_tone(b) && (is_ascii_vowel(prev) || is_cp1258_vowel(prev)) {
            tone_after_vowel += 1;
        }
        if (0xA1..=0xDF).contains(&b) && prev.is_ascii_lowercase() {
            tcvn_after_letter += 1;
        }
    }
    if tone_after_vowel >= 2 && tone_after_vowel * 4 >= high {
        Some(Legacy::Windows1258)
    } else if tcvn_after_letter >= 2 && tcvn_after_letter * 10 >= high * 3 {
        Some(Legacy::Tcvn3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_both_orders() {
        let text = "Sở Tư pháp";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode_utf16(&le, false).as_deref(), Some(text));
        assert_eq!(decode_utf16(&be, true).as_deref(), Some(text));
        assert_eq!(decode_utf16(&le[..3], false), None);
        // an unpaired high surrogate
        assert_eq!(decode_utf16(&[0x00, 0xD8, 0x41, 0x00], false), None);
    }

    // "Giám đốc Sở Nội vụ cho biết tỉnh đã hoàn thành việc sắp xếp các cơ quan chuyên môn
    // trong quý này." written in each encoding.
    const CP1258: &[u8] = b"Gi\xe1m \xf0\xf4\xecc S\xf5\xd2 N\xf4\xf2i vu\xf2 cho bi\xea\xect ti\xd2nh \xf0a\xde ho\xe0n th\xe0nh vi\xea\xf2c s\xe3\xecp x\xea\xecp c\xe1c c\xf5 quan chuy\xean m\xf4n trong quy\xec n\xe0y.";
    const TCVN3: &[u8] = b"Gi\xb8m \xae\xe8c S\xeb N\xe9i v\xf4 cho bi\xd5t t\xd8nh \xae\xb7 ho\xb5n th\xb5nh vi\xd6c s\xbep x\xd5p c\xb8c c\xac quan chuy\xaan m\xabn trong qu\xfd n\xb5y.";

    #[test]
    fn legacy_vietnamese_is_named() {
        assert_eq!(legacy_vietnamese(CP1258), Some(Legacy::Windows1258));
        assert_eq!(legacy_vietnamese(TCVN3), Some(Legacy::Tcvn3));
    }

    #[test]
    fn western_8bit_text_is_not_called_vietnamese() {
        // French in Windows-1252: many accented words, but E0-FF bytes only
        let french =
            b"Les \xe9l\xe8ves ont \xe9t\xe9 tr\xe8s contents de la r\xe9union \xe0 Gen\xe8ve.";
        assert_eq!(legacy_vietnamese(french), None);
        assert_eq!(legacy_vietnamese(b"\xff\xfe\x00\x01"), None);
    }
}
