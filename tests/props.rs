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
        Just("Chỉ số PAR INDEX năm nay đạt 81,47 điểm, xếp hạng 21/63".to_string()),
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

/// A sentence of an administrative article that yields a relation, built from parts.
fn fact_sentence() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec!["Nguyễn Văn Hoà", "Trần Thị Thuỷ", "Lê Quốc Khánh"]);
    let posts = prop::sample::select(vec![
        "Trưởng ban Tổ chức Tỉnh ủy",
        "Phó Giám đốc Sở Nội vụ tỉnh",
        "Chủ tịch UBND tỉnh",
        "Phó Bí thư Thường trực Tỉnh uỷ",
    ]);
    let places = prop::sample::select(vec!["Khánh Hoà", "Thanh Hoá", "Quảng Ngãi", "Đắk Lắk"]);
    let index = prop::sample::select(vec!["PAR INDEX", "SIPAS", "PAPI"]);
    (names, posts, places, index, 2018u32..2025, 1u32..63, 0u32..3).prop_map(
        |(name, post, place, index, year, rank, kind)| match kind {
            0 => format!("Ông {name}, {post} {place}, phát biểu tại hội nghị. "),
            1 => format!("Năm {year}, chỉ số {index} của tỉnh {place} đạt 8{rank},{rank} điểm, xếp thứ {rank}/63. "),
            _ => format!("UBND tỉnh {place} ban hành Kế hoạch số {rank}/KH-UBND ngày {rank}/3/{year} về cải cách hành chính; bà {name}, Phó Chủ tịch UBND tỉnh, ký. "),
        },
    )
}

/// The relations of a document as (type, values) strings, in order.
fn relation_values(d: &Document) -> Vec<String> {
    d.relations
        .iter()
        .map(|r| {
            format!(
                "{:?} {}",
                r.kind(),
                serde_json::Value::Object(r.values.to_map())
            )
        })
        .collect()
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32)))]

    /// NFC, NFD and "Hoà"-style input give the same relation values, and evidence spans stay
    /// inside each original text.
    #[test]
    fn relation_values_do_not_depend_on_the_unicode_form(v in prop::collection::vec(fact_sentence(), 1..5)) {
        let s: String = v.concat();
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        let a = pipeline().process(Document::new("c", "nfc", nfc.clone()));
        let b = pipeline().process(Document::new("d", "nfd", nfd.clone()));
        prop_assert!(!a.relations.is_empty(), "no relation in {:?}", nfc);
        prop_assert_eq!(relation_values(&a), relation_values(&b));
        for (d, t) in [(&a, &nfc), (&b, &nfd)] {
            let total = t.chars().count();
            for r in &d.relations {
                prop_assert!(r.evidence.start < r.evidence.end && r.evidence.end <= total);
            }
        }
    }
}

mod decoder {
    //! The BIO/BIOES decoder on arbitrary words, token spans and probabilities: no panic, spans
    //! inside the sentence, sorted, non-overlapping, never starting or ending on a space.
    use nerlink::ner::decode::{decode_sentence, Aggregation, Decoding};
    use nerlink::ner::labels::parse_label;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)))]

        #[test]
        fn decoded_spans_are_well_formed(
            text in "[A-Za-zÀ-ỹ0-9,.()\\- ]{0,60}",
            cuts in prop::collection::vec(0usize..70, 0..40),
            raw in prop::collection::vec(0.0f32..1.0, 0..400),
            bioes in any::<bool>(),
            agg in 0usize..3,
            offset in 0usize..1000,
        ) {
            let names: &[&str] = if bioes {
                &["O", "B-LOC", "I-LOC", "E-LOC", "S-LOC", "B-PER", "I-PER", "E-PER", "S-PER"]
            } else {
                &["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
            };
            let labels: Vec<_> = names.iter().map(|n| parse_label(n)).collect();
            let n_chars = text.chars().count();
            // token spans: sorted, non-empty, inside the text
            let mut pts: Vec<usize> = cuts.into_iter().filter(|&c| c <= n_chars).collect();
            pts.push(0);
            pts.push(n_chars);
            pts.sort_unstable();
            pts.dedup();
            let spans: Vec<(usize, usize)> = pts.windows(2).map(|w| (w[0] + offset, w[1] + offset)).collect();
            let k = labels.len();
            let mut probs: Vec<f32> = (0..spans.len() * k).map(|i| raw.get(i).copied().unwrap_or(0.5)).collect();
            for row in probs.chunks_mut(k) {
                let s: f32 = row.iter().sum::<f32>().max(1e-6);
                row.iter_mut().for_each(|x| *x /= s);
            }
            let aggregation = [Aggregation::First, Aggregation::Average, Aggregation::Max][agg];
            let decoding = if agg % 2 == 0 { Decoding::Viterbi } else { Decoding::Greedy };
            let out = decode_sentence(&text, offset, &spans, &probs, &labels, aggregation, decoding);
            let chars: Vec<char> = text.chars().collect();
            let mut last = offset;
            for s in &out {
                prop_assert!(s.start >= last && s.start < s.end && s.end <= offset + n_chars, "{:?}", s);
                prop_assert!(!chars[s.start - offset].is_whitespace() && !chars[s.end - 1 - offset].is_whitespace());
                prop_assert!(s.score.is_finite());
                last = s.end;
            }
        }
    }
}
