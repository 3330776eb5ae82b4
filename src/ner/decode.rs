//! From per-token probabilities to entity spans: word splitting, word-level aggregation
//! (first / average / max), the choice of word labels (constrained Viterbi or greedy) and
//! lenient BIO / BIOES span decoding.
//!
//! Words are whitespace-separated chunks with leading and trailing punctuation split off as
//! one-char words ("(CCHC)," → "(", "CCHC", ")", ","), while punctuation inside a chunk stays
//! ("81,47", "5.975,74", "TP.HCM", "Rịa-Vũng"). A word takes the predictions of the tokens that
//! overlap it, so a word is never split between entities. By default the word labels are the
//! most probable *valid* sequence (`Decoding::Viterbi`: an `I-X` only after `B-X`/`I-X`), so a
//! name whose second word leans to another type ("Bắc" B-LOC, "Giang" I-ORG 0.5 / I-LOC 0.4)
//! stays one entity. Spans then follow seqeval's lenient rules (which only matter for
//! `Decoding::Greedy`): an `I-X` after `O`, or after an entity of another type, starts a new
//! `X` entity.
//! Entities never start or end with a punctuation word (a closing bracket or quote whose
//! opener is inside stays). The entity score is the mean of its words' winning probabilities.
//!
//! Offsets here are char indices in whatever text the caller passes (the engine passes
//! normalized-text chars); mapping back to the original text is the caller's job.

use std::fmt;
use std::str::FromStr;

use super::labels::{Label, Tag};

/// How the token predictions of a word are combined into the word's prediction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Aggregation {
    /// The first token's probabilities.
    First,
    /// The mean of the tokens' probability vectors (the default: the shipped model labels
    /// every sub-word, and the mean measured +0.5 to +1 F1 over `First` on the dev sets).
    #[default]
    Average,
    /// The probabilities of the token with the most confident prediction.
    Max,
}

impl FromStr for Aggregation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "first" => Ok(Aggregation::First),
            "average" | "avg" | "mean" => Ok(Aggregation::Average),
            "max" => Ok(Aggregation::Max),
            _ => Err(format!(
                "unknown aggregation {s:?} (expected first, average or max)"
            )),
        }
    }
}

impl fmt::Display for Aggregation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Aggregation::First => "first",
            Aggregation::Average => "average",
            Aggregation::Max => "max",
        })
    }
}

/// How word labels are chosen from the words' label distributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decoding {
    /// The best label sequence that is a valid BIO / BIOES sequence (Viterbi over the word
    /// distributions; an `I-X` may only follow `B-X` or `I-X`). Falls back to `Greedy` for
    /// label sets without `B-` tags (IO).
    #[default]
    Viterbi,
    /// Each word's most probable label, then lenient seqeval rules.
    Greedy,
}

impl FromStr for Decoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "viterbi" | "constrained" => Ok(Decoding::Viterbi),
            "greedy" | "argmax" => Ok(Decoding::Greedy),
            _ => Err(format!(
                "unknown decoding {s:?} (expected viterbi or greedy)"
            )),
        }
    }
}

impl fmt::Display for Decoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Decoding::Viterbi => "viterbi",
            Decoding::Greedy => "greedy",
        })
    }
}

/// An entity found by decoding, in the caller's char offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub score: f32,
}

/// Split `text` into words (char ranges, shifted by `offset`); see `text::words`.
pub fn split_words(text: &str, offset: usize) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    crate::text::words::split_words(&chars, &[])
        .into_iter()
        .map(|(s, e)| (offset + s, offset + e))
        .collect()
}

/// Index of the largest value (the first one on ties) and the value.
fn argmax(v: &[f32]) -> (usize, f32) {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, &x) in v.iter().enumerate() {
        if x > best.1 {
            best = (i, x);
        }
    }
    best
}

/// In-place softmax of one row of logits.
pub fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for x in row.iter_mut() {
        *x = (*x - max).exp();
        sum += *x;
    }
    if sum > 0.0 {
        for x in row.iter_mut() {
            *x /= sum;
        }
    }
}

/// The label id and probability of each word (its distribution's argmax); see
/// `word_distributions`.
pub fn word_predictions(
    words: &[(usize, usize)],
    token_spans: &[(usize, usize)],
    probs: &[f32],
    num_labels: usize,
    aggregation: Aggregation,
) -> Vec<Option<(usize, f32)>> {
    word_distributions(words, token_spans, probs, num_labels, aggregation)
        .into_iter()
        .map(|d| d.map(|d| argmax(&d)))
        .collect()
}

/// The label distribution of each word. `token_spans[i]` is token `i`'s char range (in the
/// same offsets as `words`, sorted by start), `probs` holds `num_labels` probabilities per
/// token. `First` and `Max` take one token's row, `Average` the mean row. A word no token
/// overlaps (chars the tokenizer dropped) gets `None`.
pub fn word_distributions(
    words: &[(usize, usize)],
    token_spans: &[(usize, usize)],
    probs: &[f32],
    num_labels: usize,
    aggregation: Aggregation,
) -> Vec<Option<Vec<f32>>> {
    let row = |t: usize| &probs[t * num_labels..(t + 1) * num_labels];
    let mut out = Vec::with_capacity(words.len());
    let mut first_tok = 0;
    for &(ws, we) in words {
        // tokens ending at or before the word start cannot overlap this or later words
        while first_tok < token_spans.len() && token_spans[first_tok].1 <= ws {
            first_tok += 1;
        }
        let overlapping = (first_tok..token_spans.len())
            .take_while(|&t| token_spans[t].0 < we)
            .filter(|&t| {
                let (ts, te) = token_spans[t];
                ts < te && te > ws
            });
        let mut n = 0usize;
        let mut chosen: Option<usize> = None;
        let mut chosen_conf = f32::NEG_INFINITY;
        let mut acc = vec![0f32; num_labels];
        for t in overlapping {
            match aggregation {
                Aggregation::First => {
                    if chosen.is_none() {
                        chosen = Some(t);
                    }
                }
                Aggregation::Max => {
                    let (_, conf) = argmax(row(t));
                    if conf > chosen_conf {
                        chosen_conf = conf;
                        chosen = Some(t);
                    }
                }
                Aggregation::Average => {
                    for (a, &p) in acc.iter_mut().zip(row(t)) {
                        *a += p;
                    }
                }
            }
            n += 1;
        }
        let dist = if n == 0 {
            None
        } else {
            match aggregation {
                Aggregation::Average => {
                    acc.iter_mut().for_each(|x| *x /= n as f32);
                    Some(acc)
                }
                _ => chosen.map(|t| row(t).to_vec()),
            }
        };
        out.push(dist);
    }
    out
}

/// Whether `next` may follow `prev` (`None`: sequence start) in a valid BIO / BIOES sequence.
fn transition_allowed(prev: Option<&Label>, next: &Label, bioes: bool) -> bool {
    let open_same = |p: &Label| matches!(p.tag, Tag::B | Tag::I) && p.kind == next.kind;
    match next.tag {
        Tag::I | Tag::E => prev.is_some_and(open_same),
        _ => !(bioes && prev.is_some_and(|p| matches!(p.tag, Tag::B | Tag::I))),
    }
}

/// Best valid label sequence (max product of word probabilities) for each run of words with a
/// distribution; words without one stay `None` and break the sequence. Returns, per word, the
/// chosen label and its probability. With no valid sequence possible (label sets without
/// `B-`), each word's argmax.
pub fn viterbi(dists: &[Option<Vec<f32>>], labels: &[Label]) -> Vec<Option<(usize, f32)>> {
    let n = labels.len();
    let bioes = labels.iter().any(|l| l.tag == Tag::E);
    let has_begin = labels.iter().any(|l| matches!(l.tag, Tag::B | Tag::S));
    let greedy = || {
        dists
            .iter()
            .map(|d| d.as_ref().map(|d| argmax(d)))
            .collect()
    };
    if !has_begin || n == 0 {
        return greedy();
    }
    // transition table, once per call: allowed[i * n + j] = label j may follow label i
    let allowed: Vec<bool> = (0..n * n)
        .map(|k| transition_allowed(Some(&labels[k / n]), &labels[k % n], bioes))
        .collect();
    let mut out: Vec<Option<(usize, f32)>> = vec![None; dists.len()];
    let mut w = 0;
    while w < dists.len() {
        if dists[w].is_none() {
            w += 1;
            continue;
        }
        let start = w;
        while w < dists.len() && dists[w].is_some() {
            w += 1;
        }
        let run: Vec<&Vec<f32>> = dists[start..w].iter().flatten().collect();
        let logp = |d: &Vec<f32>, j: usize| d.get(j).copied().unwrap_or(0.0).max(1e-12).ln();
        let mut score: Vec<f64> = (0..n)
            .map(|j| {
                if transition_allowed(None, &labels[j], bioes) {
                    logp(run[0], j) as f64
                } else {
                    f64::NEG_INFINITY
                }
            })
            .collect();
        let mut back: Vec<Vec<usize>> = Vec::with_capacity(run.len());
        for d in &run[1..] {
            let mut next = vec![f64::NEG_INFINITY; n];
            let mut from = vec![0usize; n];
            for j in 0..n {
                for i in 0..n {
                    if score[i] == f64::NEG_INFINITY || !allowed[i * n + j] {
                        continue;
                    }
                    let cand = score[i] + logp(d, j) as f64;
                    if cand > next[j] {
                        next[j] = cand;
                        from[j] = i;
                    }
                }
            }
            back.push(from);
            score = next;
        }
        // BIOES: a sequence may not end inside an entity
        let end_ok = |j: usize| !(bioes && matches!(labels[j].tag, Tag::B | Tag::I));
        let best = (0..n)
            .filter(|&j| end_ok(j) && score[j] > f64::NEG_INFINITY)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]));
        let Some(mut j) = best else {
            for (k, d) in run.iter().enumerate() {
                out[start + k] = Some(argmax(d));
            }
            continue;
        };
        for k in (0..run.len()).rev() {
            out[start + k] = Some((j, run[k].get(j).copied().unwrap_or(0.0)));
            if k > 0 {
                j = back[k - 1][j];
            }
        }
    }
    out
}

/// The opening mark a closing punctuation mark pairs with.
fn opener_of(c: char) -> Option<char> {
    match c {
        ')' => Some('('),
        ']' => Some('['),
        '}' => Some('{'),
        '”' => Some('“'),
        '’' => Some('‘'),
        '»' => Some('«'),
        '"' | '\'' => Some(c),
        _ => None,
    }
}

/// Decode word labels into entity spans (lenient seqeval rules, BIO and BIOES).
///
/// `punct[w]` is `Some(c)` when word `w` is the single punctuation mark `c`. An entity does not
/// start or end with punctuation: leading marks are dropped, and trailing ones too unless a
/// closing mark pairs with an opening one inside the entity ("Ủy ban (UBND)"). An entity of
/// punctuation only is dropped. The score is the mean over the words kept.
pub fn decode_words(
    words: &[(usize, usize)],
    preds: &[Option<(usize, f32)>],
    labels: &[Label],
    punct: &[Option<char>],
) -> Vec<Span> {
    struct Open<'a> {
        kind: &'a str,
        first: usize,
        last: usize,
    }
    let mut out = Vec::new();
    let mut cur: Option<Open> = None;
    let close = |cur: &mut Option<Open>, out: &mut Vec<Span>| {
        let Some(o) = cur.take() else { return };
        let (mut a, mut b) = (o.first, o.last + 1);
        while a < b && punct[a].is_some() {
            a += 1;
        }
        while a < b {
            match punct[b - 1] {
                None => break,
                Some(c) => {
                    let paired =
                        opener_of(c).is_some_and(|op| (a..b - 1).any(|w| punct[w] == Some(op)));
                    if paired {
                        break;
                    }
                    b -= 1;
                }
            }
        }
        if a == b {
            return;
        }
        let sum: f32 = preds[a..b].iter().map(|p| p.map_or(0.0, |x| x.1)).sum();
        out.push(Span {
            start: words[a].0,
            end: words[b - 1].1,
            kind: o.kind.to_string(),
            score: sum / (b - a) as f32,
        });
    };
    for (w, pred) in preds.iter().enumerate() {
        let Some((li, _)) = *pred else {
            close(&mut cur, &mut out);
            continue;
        };
        let label = &labels[li];
        let kind = match (&label.kind, label.tag) {
            (Some(k), t) if t != Tag::O => k.as_str(),
            _ => {
                close(&mut cur, &mut out);
                continue;
            }
        };
        let open = |w: usize| Open {
            kind,
            first: w,
            last: w,
        };
        let continues = cur.as_ref().is_some_and(|o| o.kind == kind);
        match label.tag {
            Tag::B => {
                close(&mut cur, &mut out);
                cur = Some(open(w));
            }
            Tag::S => {
                close(&mut cur, &mut out);
                cur = Some(open(w));
                close(&mut cur, &mut out);
            }
            Tag::I | Tag::E => {
                if continues {
                    if let Some(o) = cur.as_mut() {
                        o.last = w;
                    }
                } else {
                    close(&mut cur, &mut out);
                    cur = Some(open(w));
                }
                if label.tag == Tag::E {
                    close(&mut cur, &mut out);
                }
            }
            Tag::O => unreachable!("handled above"),
        }
    }
    close(&mut cur, &mut out);
    out
}

/// `Some(c)` for each word that is the single punctuation mark `c` (see `split_words`: a
/// word without letters or digits is always one char).
pub fn punctuation(text: &str, offset: usize, words: &[(usize, usize)]) -> Vec<Option<char>> {
    let chars: Vec<char> = text.chars().collect();
    words
        .iter()
        .map(|&(a, b)| {
            let w = &chars[a - offset..b - offset];
            match w {
                [c] if !c.is_alphanumeric() => Some(*c),
                _ => None,
            }
        })
        .collect()
}

/// Words → aggregation → label choice → spans for one sentence `text` starting at char
/// `offset`.
pub fn decode_sentence(
    text: &str,
    offset: usize,
    token_spans: &[(usize, usize)],
    probs: &[f32],
    labels: &[Label],
    aggregation: Aggregation,
    decoding: Decoding,
) -> Vec<Span> {
    let words = split_words(text, offset);
    let punct = punctuation(text, offset, &words);
    let dists = word_distributions(&words, token_spans, probs, labels.len(), aggregation);
    let preds = match decoding {
        Decoding::Viterbi => viterbi(&dists, labels),
        Decoding::Greedy => dists
            .iter()
            .map(|d| d.as_ref().map(|d| argmax(d)))
            .collect(),
    };
    decode_words(&words, &preds, labels, &punct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::labels::parse_label;

    const BIO: &[&str] = &["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
    const BIOES: &[&str] = &[
        "O", "B-LOC", "I-LOC", "E-LOC", "S-LOC", "B-PER", "I-PER", "E-PER", "S-PER",
    ];

    fn labels(names: &[&str]) -> Vec<Label> {
        names.iter().map(|n| parse_label(n)).collect()
    }

    /// The lenient span rules on their own: first-token aggregation, greedy word labels.
    fn greedy_first(text: &str, sp: &[(usize, usize)], probs: &[f32], l: &[Label]) -> Vec<Span> {
        decode_sentence(text, 0, sp, probs, l, Aggregation::First, Decoding::Greedy)
    }

    /// One probability row per token: `hot` gets `p`, the rest share `1 - p`.
    fn rows(hot: &[(usize, f32)], n: usize) -> Vec<f32> {
        let mut v = Vec::new();
        for &(h, p) in hot {
            for i in 0..n {
                v.push(if i == h {
                    p
                } else {
                    (1.0 - p) / (n - 1) as f32
                });
            }
        }
        v
    }

    fn idx(names: &[&str], name: &str) -> usize {
        names.iter().position(|n| *n == name).unwrap()
    }

    /// Char spans of whitespace-separated tokens, as a simple tokenizer would give.
    fn ws_spans(text: &str) -> Vec<(usize, usize)> {
        split_words(text, 0)
    }

    fn texts(text: &str, spans: &[Span]) -> Vec<(String, String)> {
        spans
            .iter()
            .map(|s| {
                (
                    s.kind.clone(),
                    text.chars().skip(s.start).take(s.end - s.start).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn words_split_punctuation_but_not_numbers() {
        let t = "Chỉ số (PAR INDEX) đạt 81,47 điểm, tăng 5.975,74 tỷ; TP.HCM “Hà Nội”.";
        let w: Vec<String> = split_words(t, 0)
            .iter()
            .map(|&(a, b)| t.chars().skip(a).take(b - a).collect())
            .collect();
        assert_eq!(
            w,
            [
                "Chỉ", "số", "(", "PAR", "INDEX", ")", "đạt", "81,47", "điểm", ",", "tăng",
                "5.975,74", "tỷ", ";", "TP.HCM", "“", "Hà", "Nội", "”", "."
            ]
        );
        assert_eq!(split_words("  ", 3), vec![]);
        assert_eq!(split_words("...", 10), vec![(10, 11), (11, 12), (12, 13)]);
    }

    #[test]
    fn bio_lenient_repair() {
        let l = labels(BIO);
        let text = "a b c d e f g";
        let sp = ws_spans(text);
        // I-PER after O starts PER; I-LOC after B-PER starts LOC; B-PER B-PER are two
        let seq = ["O", "I-PER", "I-PER", "B-PER", "I-LOC", "B-PER", "B-PER"];
        let hot: Vec<(usize, f32)> = seq.iter().map(|s| (idx(BIO, s), 0.9)).collect();
        let spans = greedy_first(text, &sp, &rows(&hot, 7), &l);
        assert_eq!(
            texts(text, &spans),
            [
                ("PER".into(), "b c".into()),
                ("PER".into(), "d".into()),
                ("LOC".into(), "e".into()),
                ("PER".into(), "f".into()),
                ("PER".into(), "g".into()),
            ]
        );
        assert!((spans[0].score - 0.9).abs() < 1e-6);
    }

    #[test]
    fn bioes_decoding() {
        let l = labels(BIOES);
        let text = "a b c d e f g h";
        let sp = ws_spans(text);
        let seq = [
            "B-LOC", "I-LOC", "E-LOC", "S-PER", "E-PER", "I-LOC", "O", "S-LOC",
        ];
        let hot: Vec<(usize, f32)> = seq.iter().map(|s| (idx(BIOES, s), 0.8)).collect();
        let spans = greedy_first(text, &sp, &rows(&hot, 9), &l);
        assert_eq!(
            texts(text, &spans),
            [
                ("LOC".into(), "a b c".into()),
                ("PER".into(), "d".into()),
                ("PER".into(), "e".into()),
                ("LOC".into(), "f".into()),
                ("LOC".into(), "h".into()),
            ]
        );
    }

    #[test]
    fn a_number_split_into_tokens_is_one_entity_at_most() {
        let l = labels(BIO);
        // "đạt 81,47 điểm" tokenized as "▁đạt" "▁85" "," "22" "▁điểm" (spans include the space)
        let text = "đạt 81,47 điểm";
        let sp = vec![(0, 3), (3, 6), (6, 7), (7, 9), (9, 14)];
        // the tokens inside the number disagree: B-ORG, B-LOC, B-PER
        let hot = [
            (0, 0.9),
            (idx(BIO, "B-ORG"), 0.6),
            (idx(BIO, "B-LOC"), 0.7),
            (idx(BIO, "B-PER"), 0.95),
            (0, 0.9),
        ];
        let probs = rows(&hot, 7);
        for (agg, want) in [
            (Aggregation::First, "ORG"),
            (Aggregation::Max, "PER"),
            (Aggregation::Average, "PER"),
        ] {
            let spans = decode_sentence(text, 0, &sp, &probs, &l, agg, Decoding::Greedy);
            assert_eq!(
                texts(text, &spans),
                [(want.to_string(), "81,47".to_string())],
                "{agg}"
            );
        }
    }

    #[test]
    fn average_aggregation_sums_probabilities() {
        let l = labels(BIO);
        let text = "Hồ";
        let sp = vec![(0, 1), (1, 2)];
        // token 1: B-PER 0.5 / O 0.5; token 2: B-PER 0.5, B-LOC 0.5 → PER wins on average
        let mut probs = vec![0.0; 14];
        probs[1] = 0.5;
        probs[0] = 0.5;
        probs[7 + 1] = 0.5;
        probs[7 + 5] = 0.5;
        let spans = decode_sentence(
            text,
            0,
            &sp,
            &probs,
            &l,
            Aggregation::Average,
            Decoding::Greedy,
        );
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].kind, "PER");
        assert!((spans[0].score - 0.5).abs() < 1e-6);
    }

    #[test]
    fn entities_do_not_start_or_end_with_punctuation() {
        let l = labels(BIO);
        let text = "Ủy ban (UBND), “Hà Nội”. ( x";
        let sp = ws_spans(text);
        let seq = [
            "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", // Ủy ban ( UBND ) ,
            "B-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC", // “ Hà Nội ” .
            "B-PER", "O", // ( x
        ];
        assert_eq!(sp.len(), seq.len());
        let hot: Vec<(usize, f32)> = seq
            .iter()
            .enumerate()
            .map(|(i, s)| (idx(BIO, s), if i == 3 { 0.5 } else { 0.9 }))
            .collect();
        let spans = greedy_first(text, &sp, &rows(&hot, 7), &l);
        assert_eq!(
            texts(text, &spans),
            [
                ("ORG".into(), "Ủy ban (UBND)".into()),
                ("LOC".into(), "Hà Nội".into()),
            ]
        );
        // mean over the five kept words
        assert!((spans[0].score - (0.9 * 4.0 + 0.5) / 5.0).abs() < 1e-6);
    }

    #[test]
    fn trailing_punctuation_is_its_own_word() {
        let l = labels(BIO);
        // "Giang," is one whitespace chunk but two words; the "," token says O, so the
        // entity stops before the comma.
        let text = "An Giang, Hà";
        let sp = vec![(0, 2), (2, 8), (8, 9), (9, 12)];
        let hot = [
            (idx(BIO, "B-LOC"), 0.9),
            (idx(BIO, "I-LOC"), 0.8),
            (0, 0.9),
            (idx(BIO, "B-LOC"), 0.7),
        ];
        let spans = greedy_first(text, &sp, &rows(&hot, 7), &l);
        assert_eq!(
            texts(text, &spans),
            [
                ("LOC".into(), "An Giang".into()),
                ("LOC".into(), "Hà".into())
            ]
        );
        assert!((spans[0].score - 0.85).abs() < 1e-6);
    }

    #[test]
    fn words_without_tokens_are_outside() {
        let l = labels(BIO);
        let text = "a b";
        let sp = vec![(0, 1), (1, 1)];
        let hot = [(idx(BIO, "B-PER"), 0.9), (idx(BIO, "I-PER"), 0.9)];
        let spans = greedy_first(text, &sp, &rows(&hot, 7), &l);
        assert_eq!(texts(text, &spans), [("PER".into(), "a".into())]);
    }

    #[test]
    fn softmax_is_stable() {
        let mut r = vec![1000.0, 1000.0, -1000.0];
        softmax(&mut r);
        assert!((r[0] - 0.5).abs() < 1e-6 && r[2] == 0.0);
    }

    #[test]
    fn viterbi_keeps_a_name_whole_where_greedy_splits_it() {
        let l = labels(BIO);
        // "Bắc Giang": B-LOC, then I-ORG 0.5 vs I-LOC 0.4
        let text = "Bắc Giang";
        let sp = [(0, 3), (4, 9)];
        let mut probs = vec![0.0f32; 14];
        probs[5] = 0.9; // word 1 B-LOC
        probs[7 + 4] = 0.5; // word 2 I-ORG
        probs[7 + 6] = 0.4; // word 2 I-LOC
        probs[7] = 0.1; // word 2 O
        let v = decode_sentence(
            text,
            0,
            &sp,
            &probs,
            &l,
            Aggregation::First,
            Decoding::Viterbi,
        );
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].start, v[0].end, v[0].kind.as_str()), (0, 9, "LOC"));
        let g = greedy_first(text, &sp, &probs, &l);
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn viterbi_never_starts_with_inside() {
        let l = labels(BIO);
        let d = vec![
            Some(vec![0.3, 0.0, 0.6, 0.0, 0.0, 0.0, 0.1]),
            None,
            Some(vec![0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.8]),
        ];
        let out = viterbi(&d, &l);
        // word 0: I-PER is not allowed at a start, O (0.3) wins over nothing valid better
        assert_eq!(out[0].map(|x| x.0), Some(0));
        assert_eq!(out[1], None);
        // after a break, I-LOC cannot start either
        assert_eq!(out[2].map(|x| x.0), Some(0));
    }

    #[test]
    fn viterbi_bioes_closes_entities() {
        let l = labels(BIOES);
        // B-LOC then O-ish: a BIOES sequence cannot end inside, so S-LOC or B-LOC E-LOC
        let d = vec![
            Some(vec![0.1, 0.6, 0.0, 0.0, 0.3, 0.0, 0.0, 0.0, 0.0]),
            Some(vec![0.5, 0.0, 0.0, 0.4, 0.1, 0.0, 0.0, 0.0, 0.0]),
        ];
        let out: Vec<usize> = viterbi(&d, &l).into_iter().map(|x| x.unwrap().0).collect();
        // B-LOC(0.6) E-LOC(0.4)=0.24 beats S-LOC(0.3) O(0.5)=0.15
        assert_eq!(out, vec![1, 3]);
    }
}
