//! Which content sentences the NER model has to see.
//!
//! PER, ORG and LOC names are written with capital letters in Vietnamese news (a lower-case
//! admin prefix such as "tỉnh" always comes before a capitalised name). A sentence with no
//! upper-case letter after its first word can therefore hold a name only in that first word
//! ("Nga bác bỏ cáo buộc."), and there only if the word is not an ordinary word capitalised
//! because it starts the sentence. [`SentenceGate`] tells them apart from the document
//! itself: the first word counts as ordinary when the same word is also written in lower case
//! somewhere in the document ("Theo …" beside "… theo …"). Every other sentence goes to the
//! model.
//!
//! A document with no upper-case letter after the first word of any sentence (all lower
//! case, chat-style text) is not evidence of "no names": the gate then lets every sentence
//! through. What it does not do: it never looks at ALL-CAPS or mixed-case tokens specially
//! (they have capitals, so they go to the model), and it does not decide anything for the rule
//! layer, which always reads the whole text.

use std::collections::HashSet;

/// The sentences of one document that may skip the model.
#[derive(Debug, Default)]
pub struct SentenceGate {
    /// Words (lower-cased) written in lower case somewhere in the document.
    lower_words: HashSet<String>,
    /// Some sentence has a capital after its first word (the text is cased).
    cased: bool,
}

/// The words of a text: maximal runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a sentence has an upper-case letter after its first word.
fn has_inner_capital(sentence: &str) -> bool {
    words(sentence)
        .skip(1)
        .any(|w| w.chars().any(char::is_uppercase))
}

impl SentenceGate {
    /// Read the document's sentences (normalized text of each).
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a str>) -> SentenceGate {
        let mut gate = SentenceGate::default();
        for s in sentences {
            gate.cased |= has_inner_capital(s);
            for w in words(s) {
                if w.chars().next().is_some_and(char::is_lowercase) {
                    gate.lower_words.insert(w.to_string());
                }
            }
        }
        gate
    }

    /// Whether the model has to see this sentence of the document.
    pub fn needs_model(&self, sentence: &str) -> bool {
        if !self.cased || has_inner_capital(sentence) {
            return true;
        }
        match words(sentence).next() {
            // the only capital can be the first word's: ordinary if also written in lower case
            Some(first) if first.chars().any(char::is_uppercase) => {
                !self.lower_words.contains(&first.to_lowercase())
            }
            // no capital letter at all
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(sentences: &[&str]) -> SentenceGate {
        SentenceGate::new(sentences.iter().copied())
    }

    #[test]
    fn sentences_with_a_capital_after_the_first_word_go_to_the_model() {
        let g = gate(&[
            "Ông Trần Văn Sáu dự họp.",
            "Theo kế hoạch, hội nghị kéo dài.",
        ]);
        assert!(g.needs_model("Ông Trần Văn Sáu dự họp."));
        assert!(g.needs_model("Kết quả được công bố tại tỉnh Lạng Sơn."));
        assert!(g.needs_model("Hai bên ký với UBND xã."));
    }

    #[test]
    fn an_ordinary_first_word_with_nothing_after_it_skips_the_model() {
        let g = gate(&[
            "Ông Trần Văn Sáu dự họp.",
            "Theo kế hoạch, hội nghị kéo dài hai ngày.",
            "Các đại biểu làm việc theo nhóm và các tổ.",
        ]);
        assert!(!g.needs_model("Theo kế hoạch, hội nghị kéo dài hai ngày."));
        assert!(!g.needs_model("Các đại biểu làm việc theo nhóm và các tổ."));
        assert!(!g.needs_model("- 12 hồ sơ đã được giải quyết."));
    }

    #[test]
    fn a_first_word_never_written_in_lower_case_may_be_a_name() {
        let g = gate(&[
            "Phái đoàn của Liên hợp quốc đến thăm.",
            "Nga bác bỏ cáo buộc này.",
            "Huế đón khách quốc tế trở lại.",
        ]);
        assert!(g.needs_model("Nga bác bỏ cáo buộc này."));
        assert!(g.needs_model("Huế đón khách quốc tế trở lại."));
    }

    #[test]
    fn an_all_lower_case_document_sends_every_sentence() {
        let g = gate(&[
            "ông sáu dự họp ở hà nội.",
            "theo kế hoạch, hội nghị kéo dài.",
        ]);
        assert!(g.needs_model("theo kế hoạch, hội nghị kéo dài."));
        assert!(g.needs_model("ông sáu dự họp ở hà nội."));
    }
}
