//! Reading CoNLL text as blocks of `(token, tag)` rows.
//!
//! Reads the two-column `token<TAB>tag` layout that `nerlink synth` and `nerlink export
//! --format conll` write; `-DOCSTART-` lines are kept as ordinary rows (callers that care drop
//! them). For multi-column files (`token ... tag`) see `nerlink::eval::spans`.

/// Blocks of `(token, tag)` from CoNLL text (blank lines separate blocks; a line without a tab
/// is a token tagged `O`).
pub fn read_blocks(text: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line.split_once('\t').unwrap_or((line, "O"));
        cur.push((tok.to_string(), tag.to_string()));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_on_blank_lines() {
        let b = read_blocks("Ông\tO\nAn\tB-PER\n\n\nHuế\tB-LOC\nlẻ\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0][1], ("An".to_string(), "B-PER".to_string()));
        assert_eq!(b[1][1], ("lẻ".to_string(), "O".to_string()));
    }
}
