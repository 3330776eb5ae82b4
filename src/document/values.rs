//! The `values` of a relation: one struct per relation kind (`OfficialValues`,
//! `IndexResultValues`, `DocumentValues`), serialized with today's keys in today's order; a
//! key that is written only when set (`former`) is skipped otherwise. `RelationValues` holds one
//! of them; a relation's `type` in the JSONL is the kind of its values, and reading a relation
//! back picks the struct by `type` (`Relation`'s serde in `document`).
//!
//! Each struct keeps fields it does not know in `extra` (a file written by another version), so
//! reading and writing a file again loses nothing. Consumers that show value fields generically (CSV tables, the report) use
//! `RelationValues::to_map`: the fields in output order. What a relation kind is to export,
//! eval and report (CSV file, columns, gold field) is in `relation_kinds`; this module only
//! defines data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::RelationType;

/// Where the province of a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvinceSource {
    /// Written in the fact's own body or place ("UBND tỉnh An Giang").
    Explicit,
    /// Written earlier in the same sentence or passage ("Tại tỉnh X, … ông A, Giám đốc Sở …").
    Context,
    /// The article's title.
    Title,
    /// The input URL's host (a provincial site).
    Site,
    /// A site named in the text ("Nguồn: baoquangtri.vn").
    SourceLine,
    /// A province name in the input URL's path.
    Url,
    /// The province named most often in the article.
    Content,
    /// A national body: no province.
    National,
    /// A body of another country ("Thủ tướng Nhật Bản", "Bộ Ngoại giao Hoa Kỳ"): no province.
    Foreign,
    /// Nothing tells.
    Unknown,
}

impl ProvinceSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ProvinceSource::Explicit => "explicit",
            ProvinceSource::Context => "context",
            ProvinceSource::Title => "title",
            ProvinceSource::Site => "site",
            ProvinceSource::SourceLine => "source_line",
            ProvinceSource::Url => "url",
            ProvinceSource::Content => "content",
            ProvinceSource::National => "national",
            ProvinceSource::Foreign => "foreign",
            ProvinceSource::Unknown => "unknown",
        }
    }
}

/// What a result is about. Only `Province` results are facts about a province.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Province,
    District,
    Department,
    Ministry,
    Region,
    National,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Province => "province",
            Scope::District => "district",
            Scope::Department => "department",
            Scope::Ministry => "ministry",
            Scope::Region => "region",
            Scope::National => "national",
        }
    }
}

/// `official`: a person holds a role (in an org, of a province).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OfficialValues {
    pub person: String,
    /// The role's canonical title.
    pub role: String,
    pub org: Option<String>,
    /// Canonical province of the post.
    pub province: Option<String>,
    /// Where the province came from; `extract` always writes it (absent in a file of another
    /// writer, and then left out again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_source: Option<ProvinceSource>,
    /// A former holder ("nguyên Chủ tịch"); written only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(extend("const" = true))]
    pub former: bool,
    /// Fields beyond the known ones (another writer's; `extract` writes none), kept in order
    /// after them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `index_result`: an index's result for a unit and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndexResultValues {
    /// The index's canonical name.
    pub index: String,
    /// Canonical province of the unit (a district's province; `null` above the province).
    pub province: Option<String>,
    /// Where the province came from; `extract` always writes it, like `scope` (absent in a
    /// file of another writer, and then left out again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_source: Option<ProvinceSource>,
    /// What the result is about (only `province` results are facts about a province).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    pub year: Option<u32>,
    pub score: Option<f64>,
    pub rank: Option<u32>,
    pub rank_of: Option<u32>,
    /// The region a regional rank is within.
    pub region: Option<String>,
    pub region_rank: Option<u32>,
    pub region_of: Option<u32>,
    /// Places gained (+) or lost (−) against the year before.
    pub rank_change: Option<i32>,
    /// Fields beyond the known ones (another writer's; `extract` writes none), kept in order
    /// after them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `document`: a document reference with its date and signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentValues {
    /// The reference number, e.g. `12/KH-UBND`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Canonical document kind.
    pub kind: Option<String>,
    /// ISO date of issue.
    pub date: Option<String>,
    pub signer: Option<String>,
    /// Fields beyond the known ones (another writer's; `extract` writes none), kept in order
    /// after them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The values of one relation; its variant is the relation's type.
#[derive(Debug, Clone, PartialEq)]
pub enum RelationValues {
    Official(OfficialValues),
    IndexResult(IndexResultValues),
    Document(DocumentValues),
}

impl RelationValues {
    /// The relation type these values are of.
    pub fn kind(&self) -> RelationType {
        match self {
            RelationValues::Official(_) => RelationType::Official,
            RelationValues::IndexResult(_) => RelationType::IndexResult,
            RelationValues::Document(_) => RelationType::Document,
        }
    }

    /// The province of the fact (`official`, `index_result`), if it has one.
    pub fn province(&self) -> Option<&str> {
        match self {
            RelationValues::Official(v) => v.province.as_deref(),
            RelationValues::IndexResult(v) => v.province.as_deref(),
            RelationValues::Document(_) => None,
        }
    }

    /// The fields as written in the output, in order.
    pub fn to_map(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(m)) => m,
            // structs of strings, numbers and booleans always make an object
            _ => Map::new(),
        }
    }

    /// Read the values of a relation of type `kind`.
    pub fn from_json(kind: RelationType, v: Value) -> Result<RelationValues, serde_json::Error> {
        Ok(match kind {
            RelationType::Official => RelationValues::Official(serde_json::from_value(v)?),
            RelationType::IndexResult => RelationValues::IndexResult(serde_json::from_value(v)?),
            RelationType::Document => RelationValues::Document(serde_json::from_value(v)?),
        })
    }

    /// The JSON Schema of the values of a relation of type `kind`.
    pub(crate) fn schema_for(
        kind: RelationType,
        g: &mut schemars::SchemaGenerator,
    ) -> schemars::Schema {
        match kind {
            RelationType::Official => g.subschema_for::<OfficialValues>(),
            RelationType::IndexResult => g.subschema_for::<IndexResultValues>(),
            RelationType::Document => g.subschema_for::<DocumentValues>(),
        }
    }
}

impl Serialize for RelationValues {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RelationValues::Official(v) => v.serialize(s),
            RelationValues::IndexResult(v) => v.serialize(s),
            RelationValues::Document(v) => v.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Evidence, Relation};
    use serde_json::json;

    fn official(former: bool) -> RelationValues {
        RelationValues::Official(OfficialValues {
            person: "Trần Văn B".into(),
            role: "Chủ tịch".into(),
            org: None,
            province: Some("Gia Lai".into()),
            province_source: Some(ProvinceSource::SourceLine),
            former,
            extra: Map::new(),
        })
    }

    #[test]
    fn values_keep_their_key_order_and_write_former_only_when_set() {
        let keys = |v: &RelationValues| v.to_map().keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            keys(&official(false)),
            ["person", "role", "org", "province", "province_source"]
        );
        assert_eq!(
            keys(&official(true)).last().map(String::as_str),
            Some("former")
        );
        let json = serde_json::to_string(&official(false)).unwrap();
        assert!(json.contains(r#""org":null,"province":"Gia Lai","province_source":"source_line""#));
        let doc = RelationValues::Document(DocumentValues {
            reference: "12/KH-UBND".into(),
            kind: Some("Kế hoạch".into()),
            date: None,
            signer: None,
            extra: Map::new(),
        });
        assert_eq!(keys(&doc), ["ref", "kind", "date", "signer"]);
    }

    #[test]
    fn a_relation_reads_back_by_its_type_with_unknown_fields_kept() {
        let r = Relation {
            id: "R1".into(),
            args: [("person".to_string(), "T1".to_string())].into(),
            values: official(true),
            evidence: Evidence { start: 0, end: 5 },
            rule: "t".into(),
            score: 0.5,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            json.starts_with(r#"{"id":"R1","type":"official","args":"#),
            "{json}"
        );
        let back: Relation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let mut v = serde_json::to_value(&r).unwrap();
        v["values"]["note"] = json!("x");
        let back: Relation = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(back.values.to_map()["note"], "x");
        // a file of another writer without `province_source` reads and writes back as it was
        let partial = json!({"person": "A", "role": "B", "org": null, "province": null});
        let read = RelationValues::from_json(RelationType::Official, partial.clone()).unwrap();
        assert_eq!(Value::Object(read.to_map()), partial);
        // a document's values under an official type do not read
        v["values"] = json!({"ref": "1/QĐ", "kind": null, "date": null, "signer": null});
        assert!(serde_json::from_value::<Relation>(v).is_err());
    }
}
