//! Word lists for the generator: the data files of `data/synth/` (compiled in) plus what the
//! gazetteers know (provinces, districts, regions, bodies), arranged for sampling.

use std::collections::HashMap;

use anyhow::{bail, Context, Result};
use nerlink_text::tsv::{data_lines, Table};

use super::rng::Weighted;
use crate::gazetteer::Gazetteer;

macro_rules! data {
    ($file:literal) => {
        ($file, include_str!(concat!("../../../data/synth/", $file)))
    };
}

const SURNAMES: (&str, &str) = data!("surnames.tsv");
const MIDDLE_MALE: (&str, &str) = data!("middle_male.tsv");
const MIDDLE_FEMALE: (&str, &str) = data!("middle_female.tsv");
const GIVEN_MALE: (&str, &str) = data!("given_male.txt");
const GIVEN_FEMALE: (&str, &str) = data!("given_female.txt");
const MINORITY: (&str, &str) = data!("minority_names.txt");
pub(crate) const FOREIGN_PEOPLE: (&str, &str) = data!("foreign_people.tsv");
const FOREIGN_GIVEN: (&str, &str) = data!("foreign_given.tsv");
const FOREIGN_FAMILY: (&str, &str) = data!("foreign_family.txt");
const ASIAN: (&str, &str) = data!("asian_names.tsv");
const COUNTRIES: (&str, &str) = data!("countries.tsv");
const FOREIGN_PLACES: (&str, &str) = data!("foreign_places.txt");
const VN_PLACES: (&str, &str) = data!("vn_places.txt");
const COMPANIES: (&str, &str) = data!("companies.tsv");
const COMPANY_PARTS: (&str, &str) = data!("company_parts.tsv");
const MEDIA: (&str, &str) = data!("media.tsv");
const INTL: (&str, &str) = data!("intl_orgs.txt");
const CLUBS: (&str, &str) = data!("clubs.tsv");
const INSTITUTIONS: (&str, &str) = data!("institutions.tsv");
const FAMOUS: (&str, &str) = data!("famous_names.txt");
const COMMUNE_SYLL: (&str, &str) = data!("commune_syllables.txt");
const ETHNIC_PLACES: (&str, &str) = data!("ethnic_places.txt");
const POSITIONS: (&str, &str) = data!("positions.tsv");
const GENERIC_HEADS: (&str, &str) = data!("generic_heads.txt");
const INDICES: (&str, &str) = data!("indices.tsv");
pub(crate) const PHRASES: (&str, &str) = data!("phrases.tsv");

/// A province as the generator writes it.
#[derive(Debug, Clone)]
pub(crate) struct Prov {
    pub name: String,
    /// `true` for a centrally-run city (thành phố), `false` for a tỉnh.
    pub city: bool,
    /// Written variants other than the canonical name (no prefix).
    pub aliases: Vec<String>,
    pub region: Option<usize>,
    pub sites: Vec<String>,
    /// Indices into `Lexicon::districts`.
    pub districts: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Dist {
    pub name: String,
    /// huyện | quận | thị xã | thành phố
    pub kind: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Country {
    pub name: String,
    pub alts: Vec<String>,
    pub city: String,
}

#[derive(Debug, Clone)]
pub(crate) struct ForeignPerson {
    pub name: String,
    pub short: String,
    /// Index into `Lexicon::countries`.
    pub country: Option<usize>,
    pub female: bool,
}

/// A body head from `bodies.tsv`, with the class that decides its positions.
#[derive(Debug, Clone)]
pub(crate) struct BodyHead {
    pub head: String,
    pub class: &'static str,
    /// The head names its level itself (Tỉnh ủy, Huyện đoàn): follow it by a bare name only.
    pub level_in_head: bool,
    /// May stand without a location (Sở Nội vụ, Tỉnh ủy).
    pub bare_ok: bool,
}

pub(crate) struct Lexicon {
    pub surnames: Weighted<String>,
    pub mid_m: Weighted<String>,
    pub mid_f: Weighted<String>,
    pub given_m: Vec<String>,
    pub given_f: Vec<String>,
    pub minority: Vec<String>,
    pub foreign_people: Vec<ForeignPerson>,
    /// (given name, female)
    pub foreign_given: Vec<(String, bool)>,
    pub foreign_family: Vec<String>,
    /// (name, short form, female)
    pub asian: Vec<(String, String, bool)>,
    pub countries: Vec<Country>,
    pub foreign_places: Vec<String>,
    pub vn_places: Vec<String>,
    pub companies: Vec<(String, String)>,
    pub company_forms: Vec<String>,
    pub company_trades: Vec<String>,
    pub company_names: Vec<String>,
    pub media: Vec<(String, String)>,
    pub intl: Vec<String>,
    pub clubs: Vec<(String, String)>,
    pub institutions: Vec<(String, String)>,
    pub famous: Vec<String>,
    pub comm_first: Vec<String>,
    pub comm_second: Vec<String>,
    pub ethnic_places: Vec<String>,
    pub positions: HashMap<String, Weighted<String>>,
    pub provinces: Vec<Prov>,
    pub provinces_2025: Vec<Prov>,
    pub districts: Vec<Dist>,
    /// Region written forms (canonical first), per region.
    pub regions: Vec<Vec<String>>,
    pub region_sizes: Vec<u32>,
    pub prov_bodies: Vec<BodyHead>,
    pub dist_bodies: Vec<BodyHead>,
    pub nat_bodies: Vec<BodyHead>,
    /// Index acronyms and Vietnamese names: (acronym, Vietnamese name).
    pub indices: Vec<(Vec<String>, Vec<String>)>,
}

fn lines(file: (&str, &'static str)) -> impl Iterator<Item = &'static str> {
    data_lines(file.1).map(|(_, l)| l)
}

fn list(file: (&str, &'static str)) -> Result<Vec<String>> {
    let v: Vec<String> = lines(file).map(|l| l.trim().to_string()).collect();
    if v.is_empty() {
        bail!("data/synth/{}: empty list", file.0);
    }
    Ok(v)
}

/// Rows of a TSV with a header (the header row is dropped); every row has `cols` cells.
pub(crate) fn rows(file: (&str, &'static str), cols: usize) -> Result<Vec<Vec<&'static str>>> {
    let mut out = Vec::new();
    let table =
        Table::parse(file.1).with_context(|| format!("data/synth/{}: no header", file.0))?;
    for row in table.rows {
        if row.cells.len() < cols {
            bail!(
                "data/synth/{}:{}: {} cells, expected {cols}: {:?}",
                file.0,
                row.line,
                row.cells.len(),
                row.text
            );
        }
        out.push(row.cells);
    }
    if out.is_empty() {
        bail!("data/synth/{}: no rows", file.0);
    }
    Ok(out)
}

fn weighted(file: (&str, &'static str)) -> Result<Weighted<String>> {
    let mut pairs = Vec::new();
    for r in rows(file, 2)? {
        let w: f64 = r[1]
            .trim()
            .parse()
            .with_context(|| format!("data/synth/{}: bad weight {:?}", file.0, r[1]))?;
        pairs.push((r[0].trim().to_string(), w));
    }
    Ok(Weighted::new(pairs))
}

fn pairs(file: (&str, &'static str)) -> Result<Vec<(String, String)>> {
    Ok(rows(file, 2)?
        .into_iter()
        .map(|r| (r[0].trim().to_string(), r[1].trim().to_string()))
        .collect())
}

/// A `|`-separated list cell.
fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn class_of(head: &str, kind: &str) -> &'static str {
    let starts = |p: &str| head.starts_with(p);
    match kind {
        "people's committee" => "ubnd",
        "council" if starts("Đoàn") => "delegation",
        "council" if head.contains("HĐND") || head.contains("Hội đồng nhân dân") => "hdnd",
        "council" if starts("Quốc hội") => "na",
        "council" => "nacommittee",
        "party committee" if starts("Đảng ủy") => "partycell",
        "party committee" if starts("Thường trực") => "none",
        "party committee" => "party",
        "department" if starts("Sở") => "dept",
        "department" if starts("Phòng") => "distdept",
        "department" if starts("Cục") || starts("Chi cục") => "cuc",
        "department" if starts("Thanh tra") => "inspect",
        "department" => "bql",
        "ministry" if starts("Bộ") => "ministry",
        "ministry" => "agency",
        "government" => "gov",
        "office" => "office",
        "centre" => "centre",
        "media" if starts("Báo") || starts("Tạp chí") => "press",
        "media" if starts("Đài") => "broadcast",
        "media" => "none",
        "steering committee" => "none",
        _ if starts("Công an") => "police",
        _ if head.contains("Quân sự") || head.contains("CHQS") || head.contains("Biên phòng") => {
            "military"
        }
        _ if starts("Tòa án") || starts("TAND") => "court",
        _ if head.contains("Kiểm sát") || starts("VKS") => "procuracy",
        _ if head.ends_with("đoàn") || starts("Đoàn Thanh niên") || starts("Đoàn TNCS") => {
            "youth"
        }
        _ if starts("Hội")
            || starts("Liên")
            || starts("Hiệp hội")
            || head.contains("MTTQ")
            || head.contains("Mặt trận") =>
        {
            "mass"
        }
        _ if starts("Trường") || starts("Học viện") => "school",
        _ if starts("Ban") => "bql",
        _ => "centre",
    }
}

impl Lexicon {
    pub(crate) fn load(g: &Gazetteer) -> Result<Lexicon> {
        let countries: Vec<Country> = rows(COUNTRIES, 3)?
            .into_iter()
            .map(|r| Country {
                name: r[0].to_string(),
                alts: r[1]
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                city: r[2].to_string(),
            })
            .collect();
        let mut foreign_people = Vec::new();
        for r in rows(FOREIGN_PEOPLE, 5)? {
            let country = match r[2] {
                "-" => None,
                c => Some(countries.iter().position(|x| x.name == c).with_context(|| {
                    format!("data/synth/foreign_people.tsv: {:?}: country {c:?} is not in countries.tsv", r[0])
                })?),
            };
            foreign_people.push(ForeignPerson {
                name: r[0].to_string(),
                short: r[1].to_string(),
                country,
                female: r[3] == "f",
            });
        }
        let mut company_forms = Vec::new();
        let mut company_trades = Vec::new();
        let mut company_names = Vec::new();
        for (part, text) in pairs(COMPANY_PARTS)? {
            match part.as_str() {
                "form" => company_forms.push(text),
                "trade" => company_trades.push(text),
                "name" => company_names.push(text),
                other => bail!("data/synth/company_parts.tsv: unknown part {other:?}"),
            }
        }
        let mut comm_first = Vec::new();
        let mut comm_second = Vec::new();
        for l in lines(COMMUNE_SYLL) {
            match l.split_once('\t') {
                Some(("first", s)) => comm_first.push(s.trim().to_string()),
                Some(("second", s)) => comm_second.push(s.trim().to_string()),
                _ => bail!("data/synth/commune_syllables.txt: bad line {l:?}"),
            }
        }
        let mut pos_pairs: HashMap<String, Vec<(String, f64)>> = HashMap::new();
        for r in rows(POSITIONS, 3)? {
            let w: f64 = r[2]
                .trim()
                .parse()
                .with_context(|| format!("data/synth/positions.tsv: bad weight {:?}", r[2]))?;
            pos_pairs
                .entry(r[0].to_string())
                .or_default()
                .push((r[1].to_string(), w));
        }
        let positions = pos_pairs
            .into_iter()
            .map(|(k, v)| (k, Weighted::new(v)))
            .collect();

        // Gazetteer-derived tables.
        let region_names: Vec<&str> = g.regions.iter().map(|r| r.canonical.as_str()).collect();
        let mut districts = Vec::new();
        let mut by_prov: HashMap<&str, Vec<usize>> = HashMap::new();
        for d in &g.districts {
            if d.name.is_empty() || d.kind.is_empty() {
                continue;
            }
            by_prov
                .entry(d.province.as_str())
                .or_default()
                .push(districts.len());
            districts.push(Dist {
                name: d.name.clone(),
                kind: d.kind.clone(),
            });
        }
        let provinces: Vec<Prov> = g
            .provinces
            .iter()
            .map(|p| Prov {
                name: p.canonical.clone(),
                city: p.kind == "thành phố",
                aliases: p.aliases.clone(),
                region: region_names.iter().position(|r| *r == p.region),
                sites: p.sites.clone(),
                districts: by_prov
                    .get(p.canonical.as_str())
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect();
        let provinces_2025: Vec<Prov> = g
            .provinces_2025
            .iter()
            .map(|p| {
                let old = provinces.iter().find(|q| q.name == p.canonical);
                Prov {
                    name: p.canonical.clone(),
                    city: p.kind == "thành phố",
                    aliases: old.map(|o| o.aliases.clone()).unwrap_or_default(),
                    region: old.and_then(|o| o.region),
                    sites: old.map(|o| o.sites.clone()).unwrap_or_default(),
                    districts: Vec::new(),
                }
            })
            .collect();
        let regions = g
            .regions
            .iter()
            .map(|r| {
                let mut v = vec![r.canonical.clone()];
                v.extend(r.aliases.iter().cloned());
                v
            })
            .collect();
        let region_sizes = g
            .regions
            .iter()
            .map(|r| r.provinces.unwrap_or(13))
            .collect();

        let generic_heads = list(GENERIC_HEADS)?;
        let mut prov_bodies = Vec::new();
        let mut dist_bodies = Vec::new();
        let mut nat_bodies = Vec::new();
        for b in &g.bodies {
            if b.head.is_empty() || generic_heads.contains(&b.head) {
                continue;
            }
            let class = class_of(&b.head, &b.kind);
            let lower = b.head.to_lowercase();
            let level_in_head = ["tỉnh ủy", "thành ủy", "huyện ủy", "thị ủy", "quận ủy"]
                .iter()
                .any(|l| lower.ends_with(l))
                || ["tỉnh đoàn", "thành đoàn", "huyện đoàn"].contains(&lower.as_str());
            let bare_ok = level_in_head
                || (class == "dept" && b.head.contains(' '))
                || (class == "cuc" && b.head.contains(' '));
            let head = BodyHead {
                head: b.head.clone(),
                class,
                level_in_head,
                bare_ok,
            };
            match (b.scope.as_str(), b.takes_location) {
                ("national", _) => nat_bodies.push(head),
                ("district", true) => dist_bodies.push(head),
                ("province", true) => prov_bodies.push(head),
                ("any", true) => {
                    dist_bodies.push(head.clone());
                    prov_bodies.push(head);
                }
                _ => {}
            }
        }
        if prov_bodies.is_empty() || dist_bodies.is_empty() || nat_bodies.is_empty() {
            bail!("bodies.tsv: no usable province, district or national body heads");
        }

        // Index names: the generator's own table, plus acronyms and aliases from indices.tsv.
        let mut indices: Vec<(Vec<String>, Vec<String>)> = rows(INDICES, 2)?
            .into_iter()
            .map(|r| (split_list(r[0]), split_list(r[1])))
            .collect();
        for x in &g.indices {
            let mut forms: Vec<String> = Vec::new();
            for f in std::iter::once(&x.canonical).chain(x.aliases.iter()) {
                // Only acronym-like forms: Vietnamese names carry annotation choices of their own.
                if !f.is_empty() && !f.contains(' ') || f.eq_ignore_ascii_case("PAR INDEX") {
                    forms.push(f.clone());
                }
            }
            let key = x.canonical.to_uppercase();
            match indices
                .iter_mut()
                .find(|(a, _)| a.iter().any(|s| s.to_uppercase() == key))
            {
                Some((a, _)) => {
                    for f in forms {
                        if !a.contains(&f) {
                            a.push(f);
                        }
                    }
                }
                None if !forms.is_empty() && !x.full_name_vi.is_empty() => {
                    indices.push((forms, vec![x.full_name_vi.clone()]));
                }
                None => {}
            }
        }

        Ok(Lexicon {
            surnames: weighted(SURNAMES)?,
            mid_m: weighted(MIDDLE_MALE)?,
            mid_f: weighted(MIDDLE_FEMALE)?,
            given_m: list(GIVEN_MALE)?,
            given_f: list(GIVEN_FEMALE)?,
            minority: list(MINORITY)?,
            foreign_people,
            foreign_given: pairs(FOREIGN_GIVEN)?
                .into_iter()
                .map(|(n, s)| (n, s == "f"))
                .collect(),
            foreign_family: list(FOREIGN_FAMILY)?,
            asian: rows(ASIAN, 3)?
                .into_iter()
                .map(|r| (r[0].to_string(), r[1].to_string(), r[2] == "f"))
                .collect(),
            countries,
            foreign_places: list(FOREIGN_PLACES)?,
            vn_places: list(VN_PLACES)?,
            companies: pairs(COMPANIES)?,
            company_forms,
            company_trades,
            company_names,
            media: pairs(MEDIA)?,
            intl: list(INTL)?,
            clubs: pairs(CLUBS)?,
            institutions: pairs(INSTITUTIONS)?,
            famous: list(FAMOUS)?,
            comm_first,
            comm_second,
            ethnic_places: list(ETHNIC_PLACES)?,
            positions,
            provinces,
            provinces_2025,
            districts,
            regions,
            region_sizes,
            prov_bodies,
            dist_bodies,
            nat_bodies,
            indices,
        })
    }
}
