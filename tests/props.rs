//! Property tests (proptest) for the text stage and the rule layer: on arbitrary text —
//! Vietnamese letters in NFC and NFD, combining marks, CRLF, emoji, punctuation, digits —
//! nothing panics and every span maps back exactly: `text[start..end] == span.text`.
//! `make fuzz` runs them with many more cases (PROPTEST_CASES).

use nerlink::text::{sentences::split_sentences, Analysis, NormText};
use nerlink::{Document, Pipeline};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("UBND tỉnh ".to_string()),
        Just("Khánh Hoà".to_string()),
        Just("Sở Nội vụ".to_string()),
        Just("Phó Giám đốc ".to_string()),
        Just("Nguyễn Văn A".to_string()),
        Just("ông ".to_string()),
        Just("Chỉ số PAR INDEX đạt 85,22 điểm, xếp hạng 47/63".to_string()),
        Just("năm 2021".to_string()),
        Just("Quyết định số 12/QĐ-UBND".to_string()),
        Just("TP. HCM".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("A A".to_string()),
        Just("… ".to_string()),
        Just("🎉".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{feff}".to_string()),
        "[a-zA-Z0-9 .,;:!?/()\"-]{0,12}",
        "[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ ]{0,10}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    (prop::collection::vec(piece(), 0..30), any::<bool>()).prop_map(|(v, nfd)| {
        let s: String = v.concat();
        if nfd {
            s.nfd().collect()
        } else {
            s
        }
    })
}

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::builder().threads(1).build().expect("pipeline"))
}

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)))]

    #[test]
    fn normalization_maps_every_range_back(s in text()) {
        let n = NormText::new(&s);
        let total = s.chars().count();
        let (a, b) = n.to_orig(0, n.len_chars());
        prop_assert!(a <= b && b <= total);
        for i in 0..n.len_chars() {
            let (a, b) = n.to_orig(i, i + 1);
            prop_assert!(a < b && b <= total);
            // the original piece holds the normalized char up to diacritics (tone marks move
            // between the two vowels of "oa"/"oe"/"uy", so compare without them)
            let piece = nerlink::text::fold(&chars(&s, a, b));
            let c = nerlink::text::fold(n.norm.slice(i, i + 1));
            prop_assert!(piece.contains(&c), "{:?} not in {:?}", c, piece);
        }
        prop_assert_eq!(n.lower.len_chars(), n.norm.len_chars());
        prop_assert_eq!(n.folded.len_chars(), n.norm.len_chars());
    }

    #[test]
    fn sentences_cover_the_line_in_order(s in text()) {
        let line = s.replace(['\n', '\r'], " ");
        let n = line.chars().count();
        let mut last = 0;
        for (a, b) in split_sentences(&line) {
            prop_assert!(last <= a && a < b && b <= n);
            last = b;
        }
    }

    #[test]
    fn analysis_and_rules_spans_are_exact(s in text()) {
        let a = Analysis::new(&s);
        for sent in &a.sentences {
            prop_assert!(sent.start < sent.end && sent.end <= a.norm.len_chars());
        }
        let d = pipeline().process(Document::new("p", "prop", s.clone()));
        let total = s.chars().count();
        for e in &d.entities {
            prop_assert!(e.start < e.end && e.end <= total);
            prop_assert_eq!(chars(&s, e.start, e.end), e.text.clone());
        }
        for w in d.entities.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "entities overlap: {:?}", w);
        }
        for r in &d.relations {
            prop_assert!(r.evidence.start < r.evidence.end && r.evidence.end <= total);
        }
    }
}
