//! The gazetteers as input for the sentence generator of `nerlink synth` (crate
//! `nerlink-synth`): generated place, body and index names come from the same tables the
//! extractor matches. The generator itself, its word lists and its output formats live in that
//! crate; this module only maps `Gazetteers` onto `nerlink_synth::Gazetteer`.

use nerlink_synth::gazetteer as g;

use crate::rules::gazetteer::Gazetteers;

/// What the generator needs from `gaz`.
pub fn gazetteer(gaz: &Gazetteers) -> g::Gazetteer {
    g::Gazetteer {
        provinces: gaz
            .provinces
            .iter()
            .map(|p| g::Province {
                canonical: p.canonical.clone(),
                kind: p.kind.clone(),
                region: p.region.clone(),
                aliases: p.aliases.clone(),
                sites: gaz.sites.labels_of(&p.canonical),
            })
            .collect(),
        provinces_2025: gaz
            .provinces_2025
            .iter()
            .map(|p| g::Province2025 {
                canonical: p.canonical.clone(),
                kind: p.kind.clone(),
            })
            .collect(),
        districts: gaz
            .districts
            .iter()
            .map(|d| g::District {
                name: d.name.clone(),
                kind: d.kind.clone(),
                province: d.province.clone(),
            })
            .collect(),
        regions: gaz
            .regions
            .iter()
            .map(|r| g::Region {
                canonical: r.canonical.clone(),
                aliases: r.aliases.clone(),
                provinces: r.provinces,
            })
            .collect(),
        bodies: gaz
            .bodies
            .iter()
            .map(|b| g::Body {
                head: b.head.clone(),
                kind: b.kind.clone(),
                scope: b.scope.clone(),
                takes_location: b.takes_location,
            })
            .collect(),
        indices: gaz
            .indices
            .iter()
            .map(|x| g::IndexName {
                canonical: x.canonical.clone(),
                aliases: x.aliases.clone(),
                full_name_vi: x.full_name_vi.clone(),
            })
            .collect(),
    }
}
