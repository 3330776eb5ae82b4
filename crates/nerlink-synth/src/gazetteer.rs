//! What the generator takes from the extraction gazetteers: provinces (before and after the
//! 2025 merger), districts, regions, body heads and index names, as plain data.
//!
//! The generator does not read `data/gazetteers/` itself: the caller (`nerlink::synth::gazetteer`)
//! fills this from the gazetteers the extractor uses, so generated names and extracted names
//! come from one source. Fields mirror the gazetteer TSV columns of the same names.

/// A province or centrally-run city (the 63 before 2025).
#[derive(Debug, Clone, Default)]
pub struct Province {
    pub canonical: String,
    /// `tỉnh` or `thành phố`.
    pub kind: String,
    /// The region's canonical name.
    pub region: String,
    pub aliases: Vec<String>,
    /// Site labels that name this province (source lines of provincial portals).
    pub sites: Vec<String>,
}

/// A province after the 2025 merger.
#[derive(Debug, Clone, Default)]
pub struct Province2025 {
    pub canonical: String,
    pub kind: String,
}

#[derive(Debug, Clone, Default)]
pub struct District {
    pub name: String,
    /// huyện | quận | thị xã | thành phố
    pub kind: String,
    /// The province's canonical name.
    pub province: String,
}

#[derive(Debug, Clone, Default)]
pub struct Region {
    pub canonical: String,
    pub aliases: Vec<String>,
    /// How many provinces the region has, when the gazetteer says.
    pub provinces: Option<u32>,
}

/// The head of a body name ("Sở Nội vụ", "UBND") and where it is used.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub head: String,
    pub kind: String,
    /// national | province | district | any
    pub scope: String,
    /// Followed by a location ("UBND tỉnh X").
    pub takes_location: bool,
}

/// An index (PAR INDEX, PAPI, …) with its written forms.
#[derive(Debug, Clone, Default)]
pub struct IndexName {
    pub canonical: String,
    pub aliases: Vec<String>,
    pub full_name_vi: String,
}

/// Everything the generator needs from the gazetteers.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub provinces: Vec<Province>,
    pub provinces_2025: Vec<Province2025>,
    pub districts: Vec<District>,
    pub regions: Vec<Region>,
    pub bodies: Vec<Body>,
    pub indices: Vec<IndexName>,
}
