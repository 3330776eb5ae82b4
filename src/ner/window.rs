//! Planning model inputs: packing tokenized sentences into windows, splitting over-long
//! sentences into overlapping chunks, and grouping windows into length-sorted batches.
//!
//! Every token of every sentence is *owned* by exactly one window: a packed sentence by its
//! window, a token of a long sentence by the chunk where it is furthest from the edge (the
//! split point is the middle of each overlap). The engine keeps only the owned predictions, so
//! nothing is lost or counted twice at window boundaries. Pure planning: no tokenizer, no model.

/// A slice of one sentence's tokens placed in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Index of the sentence (in the caller's numbering).
    pub sent: usize,
    /// Token range of the sentence placed in the window.
    pub tok_start: usize,
    pub tok_end: usize,
    /// Token range (within `tok_start..tok_end`) whose predictions this window provides.
    pub own_start: usize,
    pub own_end: usize,
    /// Position of `tok_start` among the window's text tokens (special tokens not counted).
    pub pos: usize,
}

/// One model input: consecutive sentences, or one chunk of a long sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    pub parts: Vec<Part>,
    /// Text tokens in the window (special tokens not counted).
    pub len: usize,
}

/// Token ranges `[a, b)` of the chunks a sentence of `n` tokens is split into: chunks of
/// `limit` tokens overlapping by at least `overlap`, the last one ending at `n`.
pub fn chunk_ranges(n: usize, limit: usize, overlap: usize) -> Vec<(usize, usize)> {
    let limit = limit.max(1);
    if n <= limit {
        return vec![(0, n)];
    }
    let step = limit.saturating_sub(overlap.min(limit / 2)).max(1);
    let mut out = Vec::new();
    let mut a = 0;
    while a + limit < n {
        out.push((a, a + limit));
        a += step;
    }
    out.push((n - limit, n));
    out
}

/// Pack the sentences of one document, given as `(sentence index, token count)` in text order,
/// into windows of at most `limit` text tokens. Sentences with no tokens are skipped.
pub fn plan_windows(
    sentences: impl IntoIterator<Item = (usize, usize)>,
    limit: usize,
    overlap: usize,
) -> Vec<Window> {
    let limit = limit.max(1);
    let mut out = Vec::new();
    let mut cur = Window::default();
    for (sent, n) in sentences {
        if n == 0 {
            continue;
        }
        if n <= limit {
            if cur.len + n > limit {
                out.push(std::mem::take(&mut cur));
            }
            cur.parts.push(Part {
                sent,
                tok_start: 0,
                tok_end: n,
                own_start: 0,
                own_end: n,
                pos: cur.len,
            });
            cur.len += n;
            continue;
        }
        if cur.len > 0 {
            out.push(std::mem::take(&mut cur));
        }
        let chunks = chunk_ranges(n, limit, overlap);
        for (k, &(a, b)) in chunks.iter().enumerate() {
            let own_start = if k == 0 {
                a
            } else {
                let (_, prev_end) = chunks[k - 1];
                (a + prev_end) / 2
            };
            let own_end = match chunks.get(k + 1) {
                Some(&(na, _)) => (na + b) / 2,
                None => b,
            };
            out.push(Window {
                parts: vec![Part {
                    sent,
                    tok_start: a,
                    tok_end: b,
                    own_start,
                    own_end,
                    pos: 0,
                }],
                len: b - a,
            });
        }
    }
    if cur.len > 0 {
        out.push(cur);
    }
    out
}

/// Group window indices into batches: windows sorted by length (then index), at most
/// `batch_size` per batch and at most `max_tokens` padded tokens (`count × longest`) per batch;
/// a window longer than `max_tokens` still gets a batch of its own.
pub fn plan_batches(lengths: &[usize], batch_size: usize, max_tokens: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| (lengths[i], i));
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for i in order {
        let longest = lengths[i];
        let fits = cur.len() < batch_size.max(1) && (cur.len() + 1) * longest <= max_tokens;
        if !cur.is_empty() && !fits {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(i);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token of each sentence is owned exactly once, and only inside its window.
    fn check_ownership(sent_lens: &[usize], windows: &[Window], limit: usize) {
        let mut owned: Vec<Vec<u32>> = sent_lens.iter().map(|&n| vec![0; n]).collect();
        for w in windows {
            assert!(w.len <= limit, "window too long: {w:?}");
            let mut pos = 0;
            for p in &w.parts {
                assert_eq!(p.pos, pos);
                pos += p.tok_end - p.tok_start;
                assert!(
                    p.tok_start <= p.own_start && p.own_end <= p.tok_end,
                    "{p:?}"
                );
                for c in &mut owned[p.sent][p.own_start..p.own_end] {
                    *c += 1;
                }
            }
            assert_eq!(pos, w.len);
        }
        for (s, o) in owned.iter().enumerate() {
            assert!(o.iter().all(|&c| c == 1), "sentence {s}: {o:?}");
        }
    }

    #[test]
    fn packs_consecutive_sentences() {
        let lens = [3, 4, 2, 6, 1];
        let w = plan_windows(lens.iter().copied().enumerate(), 8, 2);
        let sents: Vec<Vec<usize>> = w
            .iter()
            .map(|w| w.parts.iter().map(|p| p.sent).collect())
            .collect();
        assert_eq!(sents, vec![vec![0, 1], vec![2, 3], vec![4]]);
        check_ownership(&lens, &w, 8);
    }

    #[test]
    fn splits_long_sentences_with_overlap() {
        for limit in [1usize, 2, 3, 5, 8, 16] {
            for overlap in [0usize, 1, 2, 4, 8] {
                for n in [1usize, 7, 8, 9, 17, 40, 101] {
                    let lens = [2, n, 0, 3];
                    let w = plan_windows(lens.iter().copied().enumerate(), limit, overlap);
                    check_ownership(&lens, &w, limit);
                }
            }
        }
    }

    #[test]
    fn chunks_overlap_and_cover() {
        let c = chunk_ranges(20, 8, 2);
        assert_eq!(c, vec![(0, 8), (6, 14), (12, 20)]);
        let c = chunk_ranges(21, 8, 2);
        assert_eq!(c, vec![(0, 8), (6, 14), (12, 20), (13, 21)]);
    }

    #[test]
    fn batches_are_sorted_and_bounded() {
        let lens = [5, 1, 9, 3, 3, 7, 2];
        let b = plan_batches(&lens, 3, 100);
        assert_eq!(b, vec![vec![1, 6, 3], vec![4, 0, 5], vec![2]]);
        // token budget: 3 windows of length 3 = 9 > 8
        let b = plan_batches(&lens, 10, 8);
        assert_eq!(b, vec![vec![1, 6], vec![3, 4], vec![0], vec![5], vec![2]]);
        let all: usize = b.iter().map(|x| x.len()).sum();
        assert_eq!(all, lens.len());
    }
}
