//! Turning n-ary relations into binary links, for formats whose relations are binary
//! (brat, Label Studio, doccano).
//!
//! A relation `{type, args: {role → entity}}` becomes one link per argument other than its
//! *anchor*, from the anchor to that argument, labelled `<type>-<role>` (e.g. `official-person`,
//! `index_result-score`). The anchor is the most specific argument of the relation, so two facts
//! sharing a person or an index stay apart: for `official` the ROLE mention (`role`, else
//! `person`), for `index_result` the SCORE / RANK mention (`score`, `rank`, else `index`), for
//! `document` the DOC mention (`doc`, `ref`); otherwise the first role in name order. A relation
//! with one argument has no link (the caller counts it). Types never contain `-`, so the label
//! splits back at its first `-`.

use crate::document::{Relation, RelationType};

/// One binary link derived from a relation.
#[derive(Debug, Clone, PartialEq)]
pub struct Link<'a> {
    pub relation: &'a Relation,
    /// Entity id of the anchor argument.
    pub from: &'a str,
    /// Entity id of the other argument.
    pub to: &'a str,
    /// `<type>-<role of to>`
    pub label: String,
}

/// The anchor role of a relation, if it has any argument.
pub fn anchor_role(rel: &Relation) -> Option<&str> {
    rel.kind()
        .spec()
        .anchor_roles
        .iter()
        .find(|p| rel.args.contains_key(**p))
        .copied()
        .or_else(|| rel.args.keys().next().map(|s| s.as_str()))
}

/// The label of a link to an argument with role `role`.
pub fn link_label(kind: RelationType, role: &str) -> String {
    format!("{}-{}", kind.as_str(), role)
}

/// The binary links of one relation (empty when it has fewer than two arguments).
pub fn binary_links(rel: &Relation) -> Vec<Link<'_>> {
    let Some(anchor) = anchor_role(rel) else {
        return Vec::new();
    };
    let from = rel.args[anchor].as_str();
    rel.args
        .iter()
        .filter(|(role, _)| role.as_str() != anchor)
        .map(|(role, id)| Link {
            relation: rel,
            from,
            to: id.as_str(),
            label: link_label(rel.kind(), role),
        })
        .collect()
}
