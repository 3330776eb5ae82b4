//! The relation-kind registry: one entry per relation type with everything the consumers of
//! relations need to know about it — its JSON name, argument roles, the anchor role of brat /
//! Label Studio links, the CSV table and its columns, the gold field of the evaluation, whether
//! it counts in the headline "relations F1" and how the evaluation matches its facts
//! ([`FactRules`]: key, values compared, scope, neutral predictions, as score.py does). Beside
//! it, the crate-private [`FINDERS`] table gives each kind its finder in `relate/`. `relate`,
//! `export`, `eval` and `report` iterate `RELATION_KINDS` / `FINDERS` instead of keeping their
//! own lists.
//!
//! It does not find relations itself (the finder modules in `relate/` do), does not define the
//! values' struct (`document::RelationValues`), and does not implement the score.py
//! normalizations it names (`eval::relations` does). Adding a kind: a `RelationType` variant,
//! its values struct, an entry here and in `FINDERS`, a finder module in `relate/` (see
//! ARCHITECTURE.md, "Adding a relation kind").

use crate::document::{Relation, RelationType};
use crate::relate::{self, Ctx, SentenceView};

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
    /// The kind's name in the evaluation's summary line ("official 0.990, index 0.983;
    /// documents 1.000").
    pub summary_name: &'static str,
    /// How `nerlink eval --gold-relations` matches facts of this kind (`eval::relations`).
    pub facts: FactRules,
}

/// How the relation evaluation matches the facts of one kind, gold against predicted, on the
/// `values` of a relation or the fields of a gold fact (score.py's rules; the normalizations
/// are implemented in `eval::relations`).
///
/// Per document and kind, each side is a map from key to fact (a repeated key counts once, the
/// last fact is compared). A prediction on no gold key is a false positive, a gold key with no
/// prediction a miss, a prediction on a gold key whose `agree` values differ both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactRules {
    /// The fields that identify a fact, each with its normalization.
    pub key: &'static [(&'static str, KeyNorm)],
    /// Values compared on a key match, wherever the gold states them (not absent or null).
    pub agree: &'static [(&'static str, Compare)],
    /// Facts compared at all, on both sides: these fields must be truthy (Python truthiness) …
    pub required: &'static [&'static str],
    /// … and this field, when present and not null, must be one of these strings.
    pub scope: Option<(&'static str, &'static [&'static str])>,
    /// A prediction on no gold key with this field truthy is neutral: neither hit nor error.
    pub neutral_flag: Option<&'static str>,
    /// A gold field listing facts a prediction may state without counting, and the fields
    /// (normalized text) they are matched on: a prediction on no gold key that matches one is
    /// neutral.
    pub excluded: Option<(&'static str, &'static [&'static str])>,
    /// A field also compared (normalized text) on matched facts, reported as how many of them
    /// agree (score.py's `org_correct_of_matched`).
    pub matched_also: Option<&'static str>,
    /// Report how many predictions fall on a gold key, right or wrong values (`key_hits`).
    pub key_hits: bool,
    /// The fields of an error listing's line, each with how it is shown.
    pub display: &'static [(&'static str, Show)],
    /// What to look for in the text to show a missed fact: the first of these fields that is not
    /// blank, else the last.
    pub anchor: &'static [&'static str],
}

/// Normalization of a key field (score.py's functions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyNorm {
    /// `norm`: NFC, lower case, no diacritics, runs of other than `0-9a-z` → one space.
    Text,
    /// `prov`: `norm`, one "tỉnh" / "thành phố" / "tp" prefix dropped, aliases (TP.HCM, Huế).
    Province,
    /// `index_name`: PARINDEX, PAPI, SIPAS, PCI, else the compact name upper-cased.
    IndexName,
    /// The JSON value with Python's equality (2023 = 2023.0 ≠ "2023").
    Json,
}

/// Comparison of an `agree` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// `norm` of both.
    Text,
    /// Numbers rounded to 4 decimals (a string that is not a plain number is no number).
    Number,
    /// Python `==` of the JSON values.
    Json,
}

/// How a field is shown in an error listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// As a quoted string (Python's `str`, "" for null).
    Text,
    /// As the key value (`None`, a number, or a quoted string).
    Key,
    /// As JSON (`null` when absent).
    Json,
}

/// The rules of a kind whose facts are matched on their key alone, nothing neutral.
const KEY_ONLY: FactRules = FactRules {
    key: &[],
    agree: &[],
    required: &[],
    scope: None,
    neutral_flag: None,
    excluded: None,
    matched_also: None,
    key_hits: false,
    display: &[],
    anchor: &[],
};

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
        summary_name: "official",
        facts: FactRules {
            key: &[
                ("person", KeyNorm::Text),
                ("role", KeyNorm::Text),
                ("province", KeyNorm::Province),
            ],
            neutral_flag: Some("former"),
            excluded: Some(("excluded_roles", &["person", "role"])),
            matched_also: Some("org"),
            display: &[
                ("person", Show::Text),
                ("role", Show::Text),
                ("org", Show::Text),
                ("province", Show::Text),
            ],
            anchor: &["person"],
            ..KEY_ONLY
        },
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
        summary_name: "index",
        facts: FactRules {
            key: &[
                ("index", KeyNorm::IndexName),
                ("province", KeyNorm::Province),
                ("year", KeyNorm::Json),
            ],
            agree: &[("score", Compare::Number), ("rank", Compare::Json)],
            scope: Some(("scope", &["province"])),
            key_hits: true,
            display: &[
                ("index", Show::Text),
                ("province", Show::Text),
                ("year", Show::Key),
                ("score", Show::Json),
                ("rank", Show::Json),
            ],
            // the province finds the sentence of a missed result better than the index name
            anchor: &["province", "index"],
            ..KEY_ONLY
        },
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
        summary_name: "documents",
        facts: FactRules {
            key: &[("ref", KeyNorm::Text)],
            agree: &[
                ("kind", Compare::Text),
                ("date", Compare::Text),
                ("signer", Compare::Text),
            ],
            required: &["ref"],
            display: &[
                ("ref", Show::Text),
                ("kind", Show::Text),
                ("date", Show::Text),
                ("signer", Show::Text),
            ],
            anchor: &["ref"],
            ..KEY_ONLY
        },
    },
];

/// A kind's finder: the relations of one document, read sentence by sentence (`relate`).
pub(crate) type Finder = fn(&Ctx<'_>, &[SentenceView<'_>]) -> Vec<Relation>;

/// Each kind's finder, in registry order (crate-private: its context types are `relate`'s).
/// `relate::link_text` runs them in this order.
pub(crate) const FINDERS: [(RelationType, Finder); RELATION_KINDS.len()] = [
    (RelationType::Official, relate::official::find),
    (RelationType::IndexResult, relate::index_result::find),
    (RelationType::Document, relate::document::find),
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
            assert_eq!(FINDERS[i].0, k.kind, "FINDERS out of registry order");
            assert!(!k.facts.key.is_empty(), "{}: no fact key", k.name);
            assert!(!k.facts.anchor.is_empty(), "{}: no anchor", k.name);
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
