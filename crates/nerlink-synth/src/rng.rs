//! A small seeded random source for the generator: ChaCha8 (value-stable across `rand_chacha`
//! releases) behind the handful of draws the templates need. Same seed → same stream.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(crate) struct Rng(ChaCha8Rng);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in `0..n` (`n > 0`; returns 0 for `n == 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        // Multiply-shift: bias is below 2^-32 for the small `n` used here.
        (((self.0.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Index drawn by weight (`weights` non-empty, non-negative, not all zero).
    pub(crate) fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// One of `options` chosen by its weight.
    pub(crate) fn choose<T: Copy>(&mut self, options: &[(T, f64)]) -> T {
        let w: Vec<f64> = options.iter().map(|o| o.1).collect();
        options[self.weighted(&w)].0
    }
}

/// A list with sampling weights and a cumulative table for fast draws.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weighted<T> {
    pub(crate) items: Vec<T>,
    cum: Vec<f64>,
}

impl<T> Weighted<T> {
    pub(crate) fn new(pairs: Vec<(T, f64)>) -> Weighted<T> {
        let mut items = Vec::with_capacity(pairs.len());
        let mut cum = Vec::with_capacity(pairs.len());
        let mut total = 0.0;
        for (item, w) in pairs {
            total += w.max(0.0);
            items.push(item);
            cum.push(total);
        }
        Weighted { items, cum }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(crate) fn draw(&self, rng: &mut Rng) -> &T {
        let total = self.cum.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        let i = self
            .cum
            .partition_point(|&c| c <= x)
            .min(self.items.len() - 1);
        &self.items[i]
    }
}
