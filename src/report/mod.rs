//! HTML report (being written).

pub mod palette;
