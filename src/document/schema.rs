//! The JSON Schema of one `nerlink extract` output line, generated from the types of this
//! module (`schemars`, serialize contract, draft 2020-12) and published as
//! `docs/output.schema.json`; a test checks the committed file is what the types give
//! (refresh: `UPDATE_SCHEMA=1 cargo test --profile iter --lib output_schema`).
//!
//! What the derive cannot say by itself is added here from the same types: the shape of an
//! entity's `norm` per label (`Norm::schema_for_label`, as `if`/`then` on the label) and the
//! struct of a relation's `values` and its argument roles per `type` (`RelationValues`, the
//! relation-kind registry). Not expressed: that `text` is the code points `[start, end)` of the
//! document text, that `end > start`, and that `args` name entity ids of the same line.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};

use super::{Document, Evidence, Label, Norm, Relation, RelationType, RelationValues};

const ID: &str = "https://github.com/nerlink/nerlink/docs/output.schema.json";
const TITLE: &str = "nerlink extract: one JSONL output line";
const DESCRIPTION: &str = "One document as `nerlink extract` writes it (src/document: \
Document). Offsets are Unicode code-point offsets into `text`, end exclusive. Generated from the \
Rust types (src/document/schema.rs); tests check real output against it \
(python/tests/test_schema.py). Entity labels are open: a `--model` may bring its own labels \
(no norm). A relation's values may carry fields beyond the known ones (another writer's).";

/// The schema of an output line, as published.
pub fn output_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Document>();
    schema.insert("$id".into(), ID.into());
    schema.insert("title".into(), TITLE.into());
    schema.insert("description".into(), DESCRIPTION.into());
    let mut v = schema.to_value();
    // `$schema`, `$id`, `title`, `description` first, as people read the file
    if let Value::Object(map) = &mut v {
        let mut ordered = serde_json::Map::new();
        for k in ["$schema", "$id", "title", "description"] {
            if let Some(x) = map.remove(k) {
                ordered.insert(k.into(), x);
            }
        }
        ordered.append(map);
        *map = ordered;
    }
    v
}

/// The published file's text: the schema, pretty-printed, with a final newline.
pub fn output_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&output_schema()).expect("a schema is JSON");
    s.push('\n');
    s
}

/// `Entity` schema transform: the `norm` of each known label has that label's shape (or is
/// null); PER has none.
pub(super) fn norm_by_label(schema: &mut Schema) {
    let mut generator = SchemaGenerator::default();
    let rules: Vec<Value> = Label::KNOWN
        .iter()
        .map(|label| {
            let norm = match Norm::schema_for_label(label, &mut generator) {
                Some(s) => json!({"anyOf": [s.to_value(), {"type": "null"}]}),
                None => json!({"type": "null"}),
            };
            json!({
                "if": {"properties": {"label": {"const": label.as_str()}}},
                "then": {"properties": {"norm": norm}}
            })
        })
        .collect();
    schema.insert("allOf".into(), Value::Array(rules));
}

impl JsonSchema for Label {
    fn schema_name() -> Cow<'static, str> {
        "Label".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let known: Vec<&str> = Label::KNOWN.iter().map(Label::as_str).collect();
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": format!(
                "Entity label: {} (PER, ORG, LOC from the model and the rules, the others from \
                 the rules); a --model may bring its own.",
                known.join(", ")
            )
        })
    }
}

impl JsonSchema for Relation {
    fn schema_name() -> Cow<'static, str> {
        "Relation".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let kinds: Vec<Value> = RelationType::ALL
            .iter()
            .map(|&kind| {
                let spec = kind.spec();
                json!({
                    "if": {"properties": {"type": {"const": spec.name}}},
                    "then": {"properties": {
                        "args": {"propertyNames": {"enum": spec.arg_roles}},
                        "values": RelationValues::schema_for(kind, g).to_value()
                    }}
                })
            })
            .collect();
        json_schema!({
            "type": "object",
            "description": "A fact linking entities; `type` says which struct `values` is.",
            "required": ["id", "type", "args", "values", "evidence", "rule", "score"],
            "additionalProperties": false,
            "properties": {
                "id": {"type": "string", "pattern": "^R[1-9][0-9]*$"},
                "type": g.subschema_for::<RelationType>().to_value(),
                "args": {
                    "type": "object",
                    "description": "Argument role → entity id.",
                    "additionalProperties": {"type": "string", "pattern": "^T[1-9][0-9]*$"}
                },
                "values": {"type": "object", "description": "Normalized values (a contract read by outside scorers)."},
                "evidence": g.subschema_for::<Evidence>().to_value(),
                "rule": {"type": "string"},
                "score": {"type": "number", "minimum": 0, "maximum": 1}
            },
            "allOf": kinds
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/output.schema.json` is what the types generate. After a deliberate change of the
    /// contract: `UPDATE_SCHEMA=1 cargo test --profile iter --lib output_schema`.
    #[test]
    fn output_schema_file_is_generated_from_the_types() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/output.schema.json");
        let want = output_schema_text();
        if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
            std::fs::write(path, &want).expect("writing docs/output.schema.json");
            return;
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "docs/output.schema.json differs from what the types generate; refresh it with \
             UPDATE_SCHEMA=1 cargo test --profile iter --lib output_schema"
        );
    }

    #[test]
    fn output_schema_has_the_contract_parts() {
        let s = output_schema();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let defs = &s["$defs"];
        let entity = &defs["Entity"];
        assert_eq!(
            entity["allOf"].as_array().map(Vec::len),
            Some(Label::KNOWN.len())
        );
        let relation = &defs["Relation"];
        assert_eq!(
            relation["allOf"].as_array().map(Vec::len),
            Some(RelationType::ALL.len())
        );
    }
}
