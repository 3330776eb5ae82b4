//! Sentence splitting for Vietnamese news text.
//!
//! Splits one line (a paragraph) into sentences at `.`, `!`, `?`, `…`/`...` and `;`-free
//! boundaries followed by a space and a sentence start. It knows Vietnamese abbreviations
//! ("TP.", "TS.", "ThS.", "Q.", "PGS.TS."), initials ("Nguyễn V. A"), decimal commas ("81,47"),
//! thousands dots ("1.648"), ranks ("21/63"), closing quotes and brackets after the stop, and
//! ellipses inside a sentence. It does not split on line breaks: callers pass single lines.

/// Abbreviations that end with a dot but do not end a sentence (compared case-sensitively on
/// the word before the dot).
const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "tp", "TS", "ThS", "Th.S", "PGS", "GS", "BS", "KS", "CN", "Q", "P", "TX", "TT",
    "H", "X", "Mr", "Mrs", "Ms", "Dr", "St", "Co", "Ltd", "Inc", "vs", "v.v", "tr", "Tr", "NXB",
    "PGS.TS", "GS.TS", "TS.BS", "ThS.BS", "Đ/c", "đ/c", "Nxb", "No", "Ths", "ĐT", "Tel", "Fax",
    "Sđt", "SĐT",
];

/// Title abbreviations that commune and ward portals write with a dot before an abbreviated
/// body ("UV. BTV" for Ủy viên Ban Thường vụ, "PCT. HĐND"): the dot ends no sentence when the
/// next word is written in capitals.
const TITLE_ABBREVIATIONS: &[&str] = &["UV", "PCT", "CT", "PBT"];

/// Split `line` into sentence char ranges `[start, end)` (char indices into `line`), trimmed of
/// surrounding whitespace. Empty input gives no sentence.
pub fn split_sentences(line: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < n {
        let c = chars[i];
        let is_stop = matches!(c, '.' | '!' | '?' | '…');
        if !is_stop {
            i += 1;
            continue;
        }
        // extend over a run of stops ("...", "?!") and closing quotes/brackets
        let mut j = i + 1;
        while j < n && matches!(chars[j], '.' | '!' | '?' | '…') {
            j += 1;
        }
        while j < n && matches!(chars[j], '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
            j += 1;
        }
        // a boundary needs whitespace after it (or the end of the line)
        if j < n && !chars[j].is_whitespace() {
            i = j;
            continue;
        }
        // next non-space char must start a sentence
        let mut k = j;
        while k < n && chars[k].is_whitespace() {
            k += 1;
        }
        if k < n && !starts_sentence(chars[k]) {
            i = j;
            continue;
        }
        if c == '.' && j == i + 1 && is_abbreviation_before(&chars, i) {
            i = j;
            continue;
        }
        if c == '.' && j == i + 1 && title_abbreviation_before_capitals(&chars, i, k) {
            i = j;
            continue;
        }
        push_trimmed(&chars, start, j, &mut out);
        start = j;
        i = j;
    }
    push_trimmed(&chars, start, n, &mut out);
    out
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '"' | '“' | '\'' | '‘' | '(' | '[' | '-' | '–' | '—' | '«' | '•' | '*'
        )
}

/// Whether the word ending at the dot `chars[dot]` is an abbreviation or an initial.
fn is_abbreviation_before(chars: &[char], dot: usize) -> bool {
    let mut s = dot;
    while s > 0 && !chars[s - 1].is_whitespace() && !matches!(chars[s - 1], '(' | '"' | '“') {
        s -= 1;
    }
    let word: String = chars[s..dot].iter().collect();
    if word.is_empty() {
        return false;
    }
    // single upper-case letter: an initial ("Nguyễn V. A")
    let wc: Vec<char> = word.chars().collect();
    if wc.len() == 1 && wc[0].is_uppercase() {
        return true;
    }
    ABBREVIATIONS.contains(&word.as_str())
}

/// Whether the word ending at the dot is one of `TITLE_ABBREVIATIONS` and the word starting
/// at `next` is an all-capital abbreviation of two letters or more ("UV. BTV").
fn title_abbreviation_before_capitals(chars: &[char], dot: usize, next: usize) -> bool {
    let mut s = dot;
    while s > 0 && chars[s - 1].is_alphabetic() {
        s -= 1;
    }
    if s > 0 && !chars[s - 1].is_whitespace() && !matches!(chars[s - 1], ',' | '(' | '-' | '–') {
        return false;
    }
    let word: String = chars[s..dot].iter().collect();
    if !TITLE_ABBREVIATIONS.contains(&word.as_str()) {
        return false;
    }
    let next_word: Vec<char> = chars[next.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .copied()
        .collect();
    next_word.len() >= 2 && next_word.iter().all(|c| c.is_uppercase())
}

fn push_trimmed(chars: &[char], mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s < e {
        out.push((s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        split_sentences(s)
            .into_iter()
            .map(|(a, b)| s.chars().skip(a).take(b - a).collect())
            .collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("Hội nghị đã kết thúc. Tỉnh sẽ tiếp tục triển khai! Ai chịu trách nhiệm?"),
            vec![
                "Hội nghị đã kết thúc.",
                "Tỉnh sẽ tiếp tục triển khai!",
                "Ai chịu trách nhiệm?"
            ]
        );
    }

    #[test]
    fn title_abbreviation_with_a_dot_before_a_capital_body() {
        assert_eq!(
            split("Dự họp có ông Đào Văn K - UV. BTV, Chủ tịch UBND xã. Tia UV. Trời nắng."),
            vec![
                "Dự họp có ông Đào Văn K - UV. BTV, Chủ tịch UBND xã.",
                "Tia UV.",
                "Trời nắng."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split(
                "Đoàn công tác của TP. Hồ Chí Minh do TS. Lê Văn C dẫn đầu. ThS. Trần D báo cáo."
            ),
            vec![
                "Đoàn công tác của TP. Hồ Chí Minh do TS. Lê Văn C dẫn đầu.",
                "ThS. Trần D báo cáo."
            ]
        );
        assert_eq!(
            split("Ông Nguyễn V. Nam làm việc tại Q. Bình Thạnh."),
            vec!["Ông Nguyễn V. Nam làm việc tại Q. Bình Thạnh."]
        );
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            split("Chỉ số đạt 81,45 điểm, xếp hạng 12/63. Có 1.205 hồ sơ được giải quyết."),
            vec![
                "Chỉ số đạt 81,45 điểm, xếp hạng 12/63.",
                "Có 1.205 hồ sơ được giải quyết."
            ]
        );
    }

    #[test]
    fn quotes_and_ellipses() {
        assert_eq!(
            split("Ông nói: \"Phải làm ngay.\" Sau đó hội nghị bế mạc."),
            vec!["Ông nói: \"Phải làm ngay.\"", "Sau đó hội nghị bế mạc."]
        );
        assert_eq!(
            split("Các nhiệm vụ gồm chuyển đổi số, cải cách thủ tục… đều đạt kết quả. Tiếp theo là phần thảo luận..."),
            vec!["Các nhiệm vụ gồm chuyển đổi số, cải cách thủ tục… đều đạt kết quả.", "Tiếp theo là phần thảo luận..."]
        );
        assert_eq!(
            split("Kết quả rất khả quan… Năm nay tỉnh tăng 5 bậc."),
            vec!["Kết quả rất khả quan…", "Năm nay tỉnh tăng 5 bậc."]
        );
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("   ").is_empty());
    }
}
