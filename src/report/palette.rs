//! Label colours shared by the HTML report and the Label Studio config: fixed pastel colours
//! for the project's labels, and a stable colour from a small palette for any other label.

/// Background colour (`#rrggbb`) of a label.
pub fn colour(label: &str) -> &'static str {
    match label {
        "PER" => "#ffd6a5",
        "ORG" => "#a0c4ff",
        "LOC" => "#caffbf",
        "ROLE" => "#ffc6ff",
        "INDEX" => "#fdffb6",
        "SCORE" => "#9bf6ff",
        "RANK" => "#bdb2ff",
        "DATE" => "#e4e4e4",
        "DOC" => "#ffadad",
        other => {
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
