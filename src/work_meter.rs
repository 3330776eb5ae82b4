//! A process-wide count of the items the per-document loops look at (gazetteer hits per
//! sentence, entities per sentence, overlap candidates in the merge), so a test can pin that
//! the work grows linearly with the document without timing anything. One relaxed atomic add
//! per loop, not per item; it measures nothing else and never affects output.

use std::sync::atomic::{AtomicU64, Ordering};

static ITEMS: AtomicU64 = AtomicU64::new(0);

/// Count `n` items looked at.
pub fn add(n: usize) {
    ITEMS.fetch_add(n as u64, Ordering::Relaxed);
}

/// Items counted since the process started.
pub fn total() -> u64 {
    ITEMS.load(Ordering::Relaxed)
}
