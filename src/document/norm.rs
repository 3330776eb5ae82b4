//! The normalized value (`Entity::norm`) of an entity: one type per domain entity, serialized as
//! the JSON shapes of the output contract (untagged: a string, a number or a small object).
//!
//! Which shape goes with which label: ROLE and INDEX have a canonical `Name`, SCORE a `Score`,
//! RANK a `Rank`, DOC a `Doc`, DATE a `Date` (ISO text, year, range, quarter, month), LOC a `Loc`
//! (province, unit below the province, region, country), ORG an `Org` (its province); PER and
//! the labels a `--model` brings have none. `Norm::from_json` reads a value back knowing the
//! label, since a bare string is a canonical name, a province or an ISO date depending on it.
//!
//! The rules build these (`rules/`), `relate/` reads them through the accessors; this module
//! does not find or normalize anything itself.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Label;

/// A normalized value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Norm {
    /// ROLE, INDEX: the canonical title or index name.
    Name(String),
    /// SCORE: the number as written (`71` → `71.0`).
    Score(f64),
    /// RANK: "thứ 5/63".
    Rank(RankNorm),
    /// DOC: a document reference.
    Doc(DocNorm),
    /// DATE.
    Date(DateNorm),
    /// LOC.
    Loc(LocNorm),
    /// ORG: a body with the province written in its name.
    Org(OrgNorm),
}

/// A rank and the number of units ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankNorm {
    #[schemars(range(min = 1))]
    pub rank: u32,
    #[schemars(range(min = 2))]
    pub of: u32,
}

/// A document reference ("Quyết định số 12/QĐ-UBND").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocNorm {
    /// Canonical document kind (Quyết định, Kế hoạch, …).
    pub kind: String,
    /// The reference number, e.g. `12/KH-UBND`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The reference is a document header (no kind word before it); written only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(extend("const" = true))]
    pub header: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A date, a part of one, or a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum DateNorm {
    /// ISO 8601 text: a full date `YYYY-MM-DD`, or a day without a year `--MM-DD`.
    #[schemars(extend("pattern" = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|--[0-9]{2}-[0-9]{2})$"))]
    Iso(String),
    /// A year ("năm 2020").
    Year(u32),
    /// A span of years ("giai đoạn 2021-2025").
    Range { from: u32, to: u32 },
    /// A quarter, with its year when written ("quý II năm 2023").
    Quarter {
        #[schemars(range(min = 1, max = 4))]
        quarter: u32,
        year: Option<u32>,
    },
    /// A month, with its year when written ("tháng 5/2023").
    Month {
        #[schemars(range(min = 1, max = 12))]
        month: u32,
        year: Option<u32>,
    },
}

/// A place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum LocNorm {
    /// A canonical province name.
    Province(String),
    /// A unit below the province (district, commune), with its province when known.
    Unit {
        unit: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        province: Option<String>,
    },
    /// A region of the country (canonical name).
    Region { region: String },
    /// A country.
    Country { country: String },
}

/// A body's province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgNorm {
    pub province: String,
}

impl Norm {
    /// A LOC's canonical province.
    pub fn province_loc(p: impl Into<String>) -> Norm {
        Norm::Loc(LocNorm::Province(p.into()))
    }

    /// An ORG's province.
    pub fn org(province: impl Into<String>) -> Norm {
        Norm::Org(OrgNorm {
            province: province.into(),
        })
    }

    /// The canonical name of a ROLE or INDEX.
    pub fn name(&self) -> Option<&str> {
        match self {
            Norm::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The province a place or body names: a LOC province, a unit's province, an ORG's
    /// province.
    pub fn province(&self) -> Option<&str> {
        match self {
            Norm::Loc(LocNorm::Province(p))
            | Norm::Loc(LocNorm::Unit {
                province: Some(p), ..
            })
            | Norm::Org(OrgNorm { province: p }) => Some(p),
            _ => None,
        }
    }

    /// The region of a LOC that names one.
    pub fn region(&self) -> Option<&str> {
        match self {
            Norm::Loc(LocNorm::Region { region }) => Some(region),
            _ => None,
        }
    }

    /// A DATE's ISO text (full date or day without a year).
    pub fn iso_date(&self) -> Option<&str> {
        match self {
            Norm::Date(DateNorm::Iso(s)) => Some(s),
            _ => None,
        }
    }

    /// A DOC's reference.
    pub fn doc(&self) -> Option<&DocNorm> {
        match self {
            Norm::Doc(d) => Some(d),
            _ => None,
        }
    }

    /// Read a value of an entity with `label` back from JSON: the label's shape first, any
    /// shape for a label that has none (a `--model`'s own, or a value the rules never give).
    pub fn from_json(label: &Label, value: serde_json::Value) -> Result<Norm, serde_json::Error> {
        use serde_json::from_value as read;
        let typed = match label {
            Label::Role | Label::Index => read(value.clone()).map(Norm::Name),
            Label::Score => read(value.clone()).map(Norm::Score),
            Label::Rank => read(value.clone()).map(Norm::Rank),
            Label::Doc => read(value.clone()).map(Norm::Doc),
            Label::Date => read(value.clone()).map(Norm::Date),
            Label::Loc => read(value.clone()).map(Norm::Loc),
            Label::Org => read(value.clone()).map(Norm::Org),
            Label::Per | Label::Other(_) => return read(value),
        };
        typed.or_else(|_| read(value))
    }

    /// The JSON Schema of the value of an entity with a known `label` (`None`: PER, no value).
    pub(crate) fn schema_for_label(
        label: &Label,
        g: &mut schemars::SchemaGenerator,
    ) -> Option<schemars::Schema> {
        Some(match label {
            Label::Role | Label::Index => g.subschema_for::<String>(),
            Label::Score => g.subschema_for::<f64>(),
            Label::Rank => g.subschema_for::<RankNorm>(),
            Label::Doc => g.subschema_for::<DocNorm>(),
            Label::Date => g.subschema_for::<DateNorm>(),
            Label::Loc => g.subschema_for::<LocNorm>(),
            Label::Org => g.subschema_for::<OrgNorm>(),
            Label::Per | Label::Other(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every shape the rules make, as it is written in the output, and read back by label.
    #[test]
    fn norms_serialize_as_the_contract_and_read_back_by_label() {
        let cases = [
            (
                Label::Role,
                Norm::Name("Chủ tịch".into()),
                json!("Chủ tịch"),
            ),
            (Label::Score, Norm::Score(71.0), json!(71.0)),
            (
                Label::Rank,
                Norm::Rank(RankNorm { rank: 5, of: 63 }),
                json!({"rank": 5, "of": 63}),
            ),
            (
                Label::Doc,
                Norm::Doc(DocNorm {
                    kind: "Kế hoạch".into(),
                    reference: "12/KH-UBND".into(),
                    header: false,
                }),
                json!({"kind": "Kế hoạch", "ref": "12/KH-UBND"}),
            ),
            (
                Label::Doc,
                Norm::Doc(DocNorm {
                    kind: "Quyết định".into(),
                    reference: "3/QĐ-UBND".into(),
                    header: true,
                }),
                json!({"kind": "Quyết định", "ref": "3/QĐ-UBND", "header": true}),
            ),
            (
                Label::Date,
                Norm::Date(DateNorm::Iso("2023-05-03".into())),
                json!("2023-05-03"),
            ),
            (Label::Date, Norm::Date(DateNorm::Year(2023)), json!(2023)),
            (
                Label::Date,
                Norm::Date(DateNorm::Range {
                    from: 2021,
                    to: 2025,
                }),
                json!({"from": 2021, "to": 2025}),
            ),
            (
                Label::Date,
                Norm::Date(DateNorm::Quarter {
                    quarter: 2,
                    year: None,
                }),
                json!({"quarter": 2, "year": null}),
            ),
            (
                Label::Date,
                Norm::Date(DateNorm::Month {
                    month: 5,
                    year: Some(2023),
                }),
                json!({"month": 5, "year": 2023}),
            ),
            (Label::Loc, Norm::province_loc("Gia Lai"), json!("Gia Lai")),
            (
                Label::Loc,
                Norm::Loc(LocNorm::Unit {
                    unit: "huyện Ea Kar".into(),
                    province: None,
                }),
                json!({"unit": "huyện Ea Kar"}),
            ),
            (
                Label::Loc,
                Norm::Loc(LocNorm::Region {
                    region: "Tây Nguyên".into(),
                }),
                json!({"region": "Tây Nguyên"}),
            ),
            (
                Label::Org,
                Norm::org("Gia Lai"),
                json!({"province": "Gia Lai"}),
            ),
        ];
        for (label, norm, want) in cases {
            let json = serde_json::to_string(&norm).unwrap();
            assert_eq!(json, want.to_string(), "{label}");
            assert_eq!(Norm::from_json(&label, want).unwrap(), norm, "{label}");
        }
    }

    #[test]
    fn accessors_read_the_shape_they_name() {
        let unit = Norm::Loc(LocNorm::Unit {
            unit: "xã A".into(),
            province: Some("Gia Lai".into()),
        });
        assert_eq!(unit.province(), Some("Gia Lai"));
        assert_eq!(Norm::org("Huế").province(), Some("Huế"));
        assert_eq!(Norm::Name("PCI".into()).province(), None);
        assert_eq!(Norm::Name("PCI".into()).name(), Some("PCI"));
        assert_eq!(Norm::province_loc("Huế").name(), None);
        // a label that has no shape reads whatever comes
        let v = Norm::from_json(&Label::from("MISC"), json!({"province": "Huế"})).unwrap();
        assert_eq!(v, Norm::org("Huế"));
        assert!(Norm::from_json(&Label::Rank, json!([1])).is_err());
    }
}
