//! Code-point offsets of a text: `CharIndex` slices by code points in O(1) and converts a
//! code-point offset to a byte or UTF-16 offset (the offsets of Label Studio and the browser);
//! `slice_utf16` slices by UTF-16 units (to re-check a UTF-16 export).
//!
//! It does not validate entities (the exporters' `check` does) and knows nothing of documents.

/// Byte and UTF-16 positions of every code point of a text.
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of each char, plus `text.len()`.
    bytes: Vec<usize>,
    /// UTF-16 offset of each char, plus the UTF-16 length.
    utf16: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut u = 0usize;
        for (b, c) in text.char_indices() {
            bytes.push(b);
            utf16.push(u);
            u += c.len_utf16();
        }
        bytes.push(text.len());
        utf16.push(u);
        CharIndex { text, bytes, utf16 }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code-point slice `[start, end)`, or `None` when it is out of range or reversed.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.len() {
            return None;
        }
        Some(&self.text[self.bytes[start]..self.bytes[end]])
    }

    /// Byte offset of a code-point offset (clamped to the end).
    pub fn byte(&self, pos: usize) -> usize {
        self.bytes[pos.min(self.len())]
    }

    /// UTF-16 code-unit offset of a code-point offset (clamped to the end).
    pub fn utf16(&self, pos: usize) -> usize {
        self.utf16[pos.min(self.len())]
    }

    /// Whether the text has characters outside the Basic Multilingual Plane (where UTF-16 and
    /// code-point offsets differ).
    pub fn has_astral(&self) -> bool {
        self.utf16[self.len()] != self.len()
    }
}

/// Slice a string by UTF-16 code-unit offsets (used to re-check UTF-16 exports).
pub fn slice_utf16(text: &str, start: usize, end: usize) -> Option<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    if start > end || end > units.len() {
        return None;
    }
    String::from_utf16(&units[start..end]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_and_offsets_by_code_point() {
        let ci = CharIndex::new("Sở 𝐀 Huế");
        assert_eq!(ci.len(), 8);
        assert_eq!(ci.slice(0, 2), Some("Sở"));
        assert_eq!(ci.slice(5, 8), Some("Huế"));
        assert_eq!(ci.slice(4, 3), None);
        assert_eq!(ci.slice(0, 10), None);
        assert_eq!(ci.byte(2), "Sở".len());
        assert_eq!(ci.utf16(5), 6);
        assert_eq!(ci.byte(99), ci.text().len());
        assert!(ci.has_astral());
        assert!(!CharIndex::new("Hòa").has_astral());
        assert_eq!(slice_utf16(ci.text(), 6, 9).as_deref(), Some("Huế"));
        assert_eq!(slice_utf16(ci.text(), 3, 4), None);
    }
}
