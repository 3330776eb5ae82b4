//! Label colours shared by the HTML report and the Label Studio config: fixed pastel colours
//! for the project's labels, and a stable colour from a small palette for any other label.

use crate::document::Label;

/// Background colour (`#rrggbb`) of a label.
pub fn colour(label: &str) -> &'static str {
    match Label::known(label) {
        Some(Label::Per) => "#ffd6a5",
        Some(Label::Org) => "#a0c4ff",
        Some(Label::Loc) => "#caffbf",
        Some(Label::Role) => "#ffc6ff",
        Some(Label::Index) => "#fdffb6",
        Some(Label::Score) => "#9bf6ff",
        Some(Label::Rank) => "#bdb2ff",
        Some(Label::Date) => "#e4e4e4",
        Some(Label::Doc) => "#ffadad",
        Some(Label::Other(_)) | None => {
            let other = label;
            const EXTRA: [&str; 6] = [
                "#f1c0e8", "#b9fbc0", "#fbf8cc", "#cfbaf0", "#98f5e1", "#ffcfd2",
            ];
            let h = other
                .bytes()
                .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
            EXTRA[(h as usize) % EXTRA.len()]
        }
    }
}
