//! The renderer's word tables: `data/synth/words.tsv` (compiled in), one field per table, so a
//! misspelt table name is a compile error in the code and a load error in the file.
//!
//! What it holds: words the renderer writes (honorifics, prefixes of place names, heads of
//! bodies, photo credits, weekdays, document codes …), drawn uniformly or by weight. What it
//! doesn't: lists of names (the other `data/synth` files, see `lexicon`), templates, and the
//! weights that choose between branches of the code (those stay next to the branches).

use std::collections::HashMap;

use anyhow::{bail, Context, Result};
use nerlink_text::tsv::Table;

const FILE: &str = "data/synth/words.tsv";
const TEXT: &str = include_str!("../../../data/synth/words.tsv");

macro_rules! word_tables {
    (uniform: $($u:ident),* $(,)?; weighted: $($w:ident),* $(,)?) => {
        /// One field per table of `words.tsv`, in file order.
        pub(crate) struct Words {
            $(pub $u: Vec<&'static str>,)*
            $(pub $w: Vec<(&'static str, f64)>,)*
        }

        impl Words {
            pub(crate) fn load() -> Result<Words> {
                let mut lists = read(TEXT)?;
                let mut take = |name: &str| {
                    lists
                        .remove(name)
                        .with_context(|| format!("{FILE}: no list {name:?}"))
                };
                let words = Words {
                    $($u: uniform(stringify!($u), take(stringify!($u))?)?,)*
                    $($w: weighted(stringify!($w), take(stringify!($w))?)?,)*
                };
                if let Some(name) = lists.keys().next() {
                    bail!("{FILE}: list {name:?} is not used by the renderer");
                }
                Ok(words)
            }
        }
    };
}

word_tables! {
    uniform:
        middle2_female, middle2_male, commune_ubnd, cit_child, cit_young_man, cit_young_woman,
        cit_old_man, cit_old_woman, lives_in, byline_media, photo_agency, photo_gov_media,
        photo_credit, foreigner_as, expert_title, expert_of, athlete_role, artist_role,
        plist_vice_chairs, plist_vice_directors, plist_comrades, hcm_forms, hamlet_prefix,
        street_prefix, prov_list_intro, dist_list_intro, dist_heads, city_prefix_short,
        coop_trades, site_tld, college_fields, hospital_specialties, foreign_bodies,
        index_intro, day_parts, today_words, weekdays, today_yesterday, doc_issuer_prov,
        doc_issuer_nat, doc_office_codes, doc_ministry_codes, doc_party_codes, hon_hospital,
        hon_university, hon_school, hon_police,
    ;
    weighted:
        party, city_prefix, town_prefix, district_city_prefix, urban_district_prefix,
        commune_prefix_new, commune_prefix, city_prefix_body, ubnd_heads, hdnd_heads,
        local_media, school_kinds, honorific, hon_official, commune_heads, commune_heads_new,
}

/// Rows of each list: `(word, weight cell, line)` in file order.
type Rows = Vec<(&'static str, &'static str, usize)>;

fn read(text: &'static str) -> Result<HashMap<&'static str, Rows>> {
    let table = Table::parse(text).with_context(|| format!("{FILE}: no header"))?;
    if table.header != ["list", "word", "weight"] {
        bail!("{FILE}: expected the header list<TAB>word<TAB>weight");
    }
    let mut lists: HashMap<&str, Rows> = HashMap::new();
    for row in table.rows {
        let [list, word, weight] = row.cells[..] else {
            bail!("{FILE}:{}: expected 3 cells: {:?}", row.line, row.text);
        };
        lists
            .entry(list)
            .or_default()
            .push((word, weight, row.line));
    }
    Ok(lists)
}

fn uniform(name: &str, rows: Rows) -> Result<Vec<&'static str>> {
    rows.into_iter()
        .map(|(word, weight, line)| match weight {
            "-" => Ok(word),
            _ => bail!("{FILE}:{line}: list {name:?} is drawn uniformly: weight must be \"-\""),
        })
        .collect()
}

fn weighted(name: &str, rows: Rows) -> Result<Vec<(&'static str, f64)>> {
    rows.into_iter()
        .map(|(word, weight, line)| {
            let w: f64 = weight
                .parse()
                .ok()
                .filter(|w: &f64| *w >= 0.0)
                .with_context(|| {
                    format!(
                        "{FILE}:{line}: list {name:?} is drawn by weight: bad weight {weight:?}"
                    )
                })?;
            Ok((word, w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_list() {
        let w = Words::load().unwrap();
        assert_eq!(w.weekdays.len(), 7);
        assert!(w.party.iter().all(|(_, x)| *x > 0.0));
    }

    #[test]
    fn rejects_mixed_weights_and_short_rows() {
        let rows = read("list\tword\tweight\na\tx\t-\na\ty\t2\n").unwrap();
        assert!(uniform("a", rows["a"].clone()).is_err());
        assert!(weighted("a", rows["a"].clone()).is_err());
        assert!(read("list\tword\tweight\na\tx\n").is_err());
    }
}
