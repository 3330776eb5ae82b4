//! The relation-kind registry: one entry per relation type with everything the consumers of
//! relations need to know about it — its JSON name, argument roles, the anchor role of brat /
//! Label Studio links, the CSV table and its columns, the gold field of the evaluation, and
//! whether it counts in the headline "relations F1". `export`, `eval` and `report` iterate
//! `RELATION_KINDS` instead of keeping their own lists.
//!
//! It does not find relations (`relate` does), does not define the values' struct
//! (`document::RelationValues`) and does not define how a fact is matched in the evaluation
//! (`eval::relations::fact` keys each kind's values, still per kind). Adding a kind: a
//! `RelationType` variant, its values struct, an entry here, a finder module in `relate/`, its
//! fact key in `eval::relations::fact` (see ARCHITECTURE.md, "Adding a relation kind").

use crate::document::RelationType;

/// What the rest of the program knows about one relation type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationKind {
    pub kind: RelationType,
    /// The `type` of a relation in the JSONL output (serde's name of `kind`).
    pub name: &'static str,
    /// Every argument role a relation of this type can have (`Relation::args` keys).
    pub arg_roles: &'static [&'static str],
    /// Preferred anchor role of brat / Label Studio links, first present wins (`export::links`);
    /// the other arguments are linked from it.
    pub anchor_roles: &'static [&'static str],
    /// File of the relation's CSV table (`nerlink export --format csv`).
    pub csv_file: &'static str,
    /// Known `values` fields, in column order (CSV tables, report).
    pub value_fields: &'static [&'static str],
    /// Field of a gold line listing facts of this kind (`nerlink eval --gold-relations`, the
    /// dev set's `gold.jsonl`).
    pub gold_field: &'static str,
    /// Whether the kind counts in the headline "relations F1" (score.py's `all`).
    pub in_relations_f1: bool,
}

/// Every relation kind, in output order (`RelationType` order).
pub const RELATION_KINDS: [RelationKind; 3] = [
    RelationKind {
        kind: RelationType::Official,
        name: "official",
        arg_roles: &["person", "role", "org"],
        anchor_roles: &["role", "person"],
        csv_file: "officials.csv",
        value_fields: &["person", "role", "org", "province"],
        gold_field: "officials",
        in_relations_f1: true,
    },
    RelationKind {
        kind: RelationType::IndexResult,
        name: "index_result",
        arg_roles: &["index", "score", "rank"],
        anchor_roles: &["score", "rank", "index"],
        csv_file: "index_results.csv",
        value_fields: &[
            "index",
            "province",
            "year",
            "score",
            "rank",
            "rank_of",
            "region_rank",
            "region_of",
            "region",
            "rank_change",
        ],
        gold_field: "index_results",
        in_relations_f1: true,
    },
    RelationKind {
        kind: RelationType::Document,
        name: "document",
        arg_roles: &["doc", "date", "signer"],
        anchor_roles: &["doc", "ref"],
        csv_file: "documents.csv",
        value_fields: &["ref", "kind", "date", "signer"],
        gold_field: "documents",
        in_relations_f1: false,
    },
];

impl RelationType {
    /// This type's registry entry.
    pub fn spec(self) -> &'static RelationKind {
        // entries are in enum order (checked by a test)
        &RELATION_KINDS[self as usize]
    }

    /// The type of an output `type` name.
    pub fn from_name(name: &str) -> Option<RelationType> {
        RELATION_KINDS
            .iter()
            .find(|k| k.name == name)
            .map(|k| k.kind)
    }

    /// The index of this type among `RELATION_KINDS` (for per-kind arrays).
    pub fn slot(self) -> usize {
        self as usize
    }
}

/// Gold fields of every kind, in registry order.
pub fn gold_fields() -> impl Iterator<Item = &'static str> {
    RELATION_KINDS.iter().map(|k| k.gold_field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_follow_the_enum_and_its_json_names() {
        assert_eq!(RELATION_KINDS.len(), RelationType::ALL.len());
        for (i, k) in RELATION_KINDS.iter().enumerate() {
            assert_eq!(k.kind as usize, i, "{k:?} out of enum order");
            assert_eq!(RelationType::ALL[i], k.kind);
            assert_eq!(
                serde_json::to_value(k.kind).unwrap(),
                serde_json::Value::from(k.name)
            );
            assert_eq!(RelationType::from_name(k.name), Some(k.kind));
            assert_eq!(k.kind.spec(), k);
        }
        assert_eq!(RelationType::from_name("budget"), None);
    }

    #[test]
    fn the_published_schema_lists_every_kind() {
        // generated from the types (document::schema); the file is checked against it there
        let schema = crate::document::output_schema();
        let names: Vec<&str> = schema["$defs"]["RelationType"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        let want: Vec<&str> = RELATION_KINDS.iter().map(|k| k.name).collect();
        assert_eq!(names, want, "docs/output.schema.json: relation types");
    }
}
