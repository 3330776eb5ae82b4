//! Whitespace words with their outer punctuation split off, optionally cut at given positions.
//!
//! A word is a whitespace-separated chunk; leading and trailing non-alphanumeric chars become
//! one-char words of their own ("(TTXVN)," → `(` `TTXVN` `)` `,`), while punctuation inside a
//! chunk stays ("81,47", "21/63", "TP.HCM", "Kim Jong-un"). With cut positions (span
//! boundaries), a chunk is first cut there, so every span is a whole number of words.
//!
//! Used by the NER decoder (words that take their tokens' predictions) and the synth CoNLL
//! writer (tokens of generated sentences). It is not the rule layer's tokenizer
//! (`rules::tokens`, which works on the normalized views) nor the syllable tokenizer of the
//! CoNLL export (`export::tokens`, which splits "TP.HCM" into syllables).

/// Word ranges `[start, end)` in char indices of `chars`, cut at every position of `cuts`
/// (sorted or not; positions outside a chunk are ignored).
pub fn split_words(chars: &[char], cuts: &[usize]) -> Vec<(usize, usize)> {
    let mut cuts = cuts.to_vec();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let inner = cuts.iter().copied().filter(|&c| c > start && c < i);
        let mut from = start;
        for cut in inner.chain(std::iter::once(i)) {
            split_punct(chars, from, cut, &mut out);
            from = cut;
        }
    }
    out
}

/// Push the words of `chars[s..e]` (no whitespace inside): outer punctuation one char each.
fn split_punct(chars: &[char], mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    let mut tail = Vec::new();
    while s < e && !chars[s].is_alphanumeric() {
        out.push((s, s + 1));
        s += 1;
    }
    while e > s && !chars[e - 1].is_alphanumeric() {
        tail.push((e - 1, e));
        e -= 1;
    }
    if s < e {
        out.push((s, e));
    }
    out.extend(tail.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, cuts: &[usize]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        split_words(&chars, cuts)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    #[test]
    fn outer_punctuation_splits_inner_stays() {
        assert_eq!(
            words("(TTXVN), đạt 81,47 điểm; TP.HCM!", &[]),
            ["(", "TTXVN", ")", ",", "đạt", "81,47", "điểm", ";", "TP.HCM", "!"]
        );
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(words("   ", &[]).is_empty());
        assert_eq!(words("...", &[]), [".", ".", "."]);
    }

    #[test]
    fn cuts_split_a_chunk() {
        // "Nam-Bắc" cut after "Nam": the hyphen becomes leading punctuation of the second piece.
        assert_eq!(words("Nam-Bắc", &[3]), ["Nam", "-", "Bắc"]);
        assert_eq!(words("a bc", &[0, 4, 9]), ["a", "bc"]);
    }
}
