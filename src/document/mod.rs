//! The `Document` that flows through every stage (io → text → ner → rules → relate → export),
//! and the JSONL contract it serializes to, typed in one place: `Label` (entity labels, with an
//! escape for a `--model`'s own), `Norm` (an entity's normalized value, one type per domain
//! entity), `RelationValues` (one struct per relation kind), and the JSON Schema generated from
//! them (`schema`, published as `docs/output.schema.json`). Serde writes today's JSON; reading a
//! line back types a norm by its label and a relation's values by its `type`.
//!
//! Offsets in `Entity` and `Evidence` are Unicode code-point offsets into `Document::text` (the
//! original decoded input), end exclusive. This module only defines data; it does no analysis
//! and depends on no stage (the text stage's `Analysis` travels beside the document, in
//! `stage::InFlight`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

mod label;
mod norm;
mod schema;
mod values;

pub use label::Label;
pub use norm::{DateNorm, DocNorm, LocNorm, Norm, OrgNorm, RankNorm};
pub use schema::{output_schema, output_schema_text};
pub use values::{
    DocumentValues, IndexResultValues, OfficialValues, ProvinceSource, RelationValues, Scope,
};

/// One input document and everything the pipeline found in it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
pub struct Document {
    /// File stem, or the `id` field of a JSONL input line.
    pub id: String,
    /// Path of the input file (or `-` for stdin, `path:line` for JSONL lines).
    pub source: String,
    #[serde(default)]
    pub meta: Meta,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    #[serde(default)]
    pub errors: Vec<DocError>,
    /// The original decoded text (BOM stripped, nothing else changed). Absent when decoding failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub text: Option<String>,
}

/// Document metadata. `extra` keeps the other fields of a JSONL input line.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Meta {
    pub title: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Canonical province the article is about, when one can be told.
    pub province: Option<String>,
    pub byline: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where an entity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum EntitySource {
    #[serde(rename = "model")]
    Model,
    #[serde(rename = "rule")]
    Rule,
    #[serde(rename = "model+rule")]
    ModelRule,
}

/// One entity span. `text == document.text[start..end]` in code points, always.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "EntityJson")]
#[schemars(extend("additionalProperties" = false), transform = schema::norm_by_label)]
pub struct Entity {
    #[schemars(extend("pattern" = "^T[1-9][0-9]*$"))]
    pub id: String,
    pub label: Label,
    pub start: usize,
    #[schemars(range(min = 1))]
    pub end: usize,
    /// Always the code points `[start, end)` of the document text.
    #[schemars(length(min = 1))]
    pub text: String,
    #[schemars(range(min = 0, max = 1))]
    pub score: f32,
    pub source: EntitySource,
    /// Normalized value, its shape given by the label (`Norm`); `null` when there is none.
    pub norm: Option<Norm>,
}

/// An `Entity` as read from JSON: the norm is read knowing the label (`Norm::from_json`).
/// (`JsonSchema` only because schemars asks it of a `try_from` source; the published schema is
/// the serialize side, `Entity`'s own fields.)
#[derive(Deserialize, JsonSchema)]
struct EntityJson {
    id: String,
    label: Label,
    start: usize,
    end: usize,
    text: String,
    score: f32,
    source: EntitySource,
    norm: Option<Value>,
}

impl TryFrom<EntityJson> for Entity {
    type Error = serde_json::Error;

    fn try_from(e: EntityJson) -> Result<Entity, serde_json::Error> {
        let norm = match e.norm {
            None | Some(Value::Null) => None,
            Some(v) => Some(Norm::from_json(&e.label, v)?),
        };
        Ok(Entity {
            id: e.id,
            label: e.label,
            start: e.start,
            end: e.end,
            text: e.text,
            score: e.score,
            source: e.source,
            norm,
        })
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    Official,
    IndexResult,
    Document,
}

/// The relation types; what export, eval and report know of each is in the registry
/// (`relation_kinds::RELATION_KINDS`, `RelationType::spec`).
impl RelationType {
    pub const ALL: [RelationType; 3] = [
        RelationType::Official,
        RelationType::IndexResult,
        RelationType::Document,
    ];

    /// Every argument role a relation of this type can have (`Relation::args` keys).
    pub fn arg_roles(self) -> &'static [&'static str] {
        self.spec().arg_roles
    }

    /// The JSON name (`official`, …).
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }
}

/// A character span of the original text (code points, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
}

/// A fact linking entities. `args` maps a role name to an entity id; `values` holds the
/// normalized values (a contract read by outside scorers), one struct per relation type. In
/// JSON: `id`, `type` (the type of `values`), `args`, `values`, `evidence`, `rule`, `score`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RelationJson")]
pub struct Relation {
    pub id: String,
    pub args: BTreeMap<String, String>,
    pub values: RelationValues,
    pub evidence: Evidence,
    pub rule: String,
    pub score: f32,
}

impl Relation {
    /// The relation's type (`type` in JSON): the type of its values.
    pub fn kind(&self) -> RelationType {
        self.values.kind()
    }
}

impl Serialize for Relation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Relation", 7)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("type", &self.kind())?;
        st.serialize_field("args", &self.args)?;
        st.serialize_field("values", &self.values)?;
        st.serialize_field("evidence", &self.evidence)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("score", &self.score)?;
        st.end()
    }
}

/// A `Relation` as read from JSON: `type` says which struct `values` is.
#[derive(Deserialize)]
struct RelationJson {
    id: String,
    #[serde(rename = "type")]
    kind: RelationType,
    args: BTreeMap<String, String>,
    values: Value,
    evidence: Evidence,
    rule: String,
    score: f32,
}

impl TryFrom<RelationJson> for Relation {
    type Error = serde_json::Error;

    fn try_from(r: RelationJson) -> Result<Relation, serde_json::Error> {
        Ok(Relation {
            id: r.id,
            args: r.args,
            values: RelationValues::from_json(r.kind, r.values)?,
            evidence: r.evidence,
            rule: r.rule,
            score: r.score,
        })
    }
}

/// Why a document (or part of it) could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DocError {
    pub kind: String,
    pub message: String,
}

impl DocError {
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Self {
        DocError {
            kind: kind.into(),
            message: message.into(),
        }
    }
}

impl Document {
    /// A document with text, ready for the pipeline.
    pub fn new(id: impl Into<String>, source: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            source: source.into(),
            text: Some(text.into()),
            ..Default::default()
        }
    }

    /// A document that failed before it had text (e.g. invalid UTF-8).
    pub fn failed(id: impl Into<String>, source: impl Into<String>, error: DocError) -> Self {
        Document {
            id: id.into(),
            source: source.into(),
            errors: vec![error],
            ..Default::default()
        }
    }

    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    /// The code-point slice `[start, end)` of the original text.
    pub fn slice_chars(&self, start: usize, end: usize) -> String {
        self.text()
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect()
    }

    /// Give entities `T1..` and relations `R1..` ids in their current order, rewriting relation
    /// args that pointed to old entity ids (`assign_entity_ids` + `assign_relation_ids`).
    pub fn assign_ids(&mut self) {
        self.assign_entity_ids();
        self.assign_relation_ids();
    }

    /// Give entities `T1..` ids in their current order, rewriting relation args that pointed
    /// to old entity ids. The merge stage calls it once entities are final; relations name
    /// these ids.
    pub fn assign_entity_ids(&mut self) {
        let mut renamed = std::collections::HashMap::new();
        for (i, e) in self.entities.iter_mut().enumerate() {
            let new_id = format!("T{}", i + 1);
            if !e.id.is_empty() {
                renamed.insert(std::mem::take(&mut e.id), new_id.clone());
            }
            e.id = new_id;
        }
        for r in &mut self.relations {
            for v in r.args.values_mut() {
                if let Some(n) = renamed.get(v) {
                    *v = n.clone();
                }
            }
        }
    }

    /// Give relations `R1..` ids in their current order; entity ids are left alone.
    pub fn assign_relation_ids(&mut self) {
        for (i, r) in self.relations.iter_mut().enumerate() {
            r.id = format!("R{}", i + 1);
        }
    }

    /// Entities sorted by position, outermost first on ties.
    pub fn sort_entities(&mut self) {
        self.entities
            .sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_ids_are_given_once_and_relation_ids_leave_them_alone() {
        let line = r#"{"id":"d","source":"s","text":"Ông An, Giám đốc Sở Nội vụ",
            "entities":[
              {"id":"x","label":"PER","start":4,"end":6,"text":"An","score":1.0,"source":"model","norm":null},
              {"id":"y","label":"ROLE","start":8,"end":16,"text":"Giám đốc","score":1.0,"source":"rule","norm":null}],
            "relations":[{"id":"","type":"official","args":{"person":"x","role":"y"},
              "values":{"person":"An","role":"Giám đốc","org":null,"province":null,"province_source":"unknown"},
              "evidence":{"start":0,"end":26},"rule":"t","score":1.0}]}"#;
        let mut d: Document = serde_json::from_str(line).expect("document line");
        d.assign_entity_ids();
        let ids: Vec<&str> = d.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["T1", "T2"]);
        assert_eq!(d.relations[0].args["person"], "T1");
        assert_eq!(d.relations[0].args["role"], "T2");
        assert_eq!(d.relations[0].id, "");
        d.assign_relation_ids();
        assert_eq!(d.relations[0].id, "R1");
        assert_eq!(d.entities[1].id, "T2");
        assert_eq!(d.relations[0].args["role"], "T2");
    }
}
