//! Entity labels: the nine the rules and the shipped model give, and an escape for a label a
//! `--model` brings. Serialized as today's strings (`"PER"`, …, or the model's own name).
//!
//! This module only names labels; which stage gives which label, and what `norm` shape goes
//! with it, is said in `rules/`, `ner/` and `document::norm`.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An entity label. Ordered and compared by its name, like the strings it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Label {
    Per,
    Org,
    Loc,
    Role,
    Index,
    Score,
    Rank,
    Date,
    Doc,
    /// A label a `--model` brings that is none of the above (its name as the model spells it;
    /// never one of the known names: `Label::from` folds those into their variant).
    Other(String),
}

impl Label {
    /// Every label the rules and the shipped model give, in the order of the docs.
    pub const KNOWN: [Label; 9] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Role,
        Label::Index,
        Label::Score,
        Label::Rank,
        Label::Date,
        Label::Doc,
    ];

    /// The label's name in the output (`PER`, …).
    pub fn as_str(&self) -> &str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Role => "ROLE",
            Label::Index => "INDEX",
            Label::Score => "SCORE",
            Label::Rank => "RANK",
            Label::Date => "DATE",
            Label::Doc => "DOC",
            Label::Other(s) => s,
        }
    }

    /// The known label of a name, if it is one (exact, upper case).
    pub fn known(name: &str) -> Option<Label> {
        Label::KNOWN.into_iter().find(|l| l.as_str() == name)
    }

    /// Whether the rules make this label from number shapes and gazetteers of the domain
    /// (ROLE, INDEX, SCORE, RANK, DATE, DOC): such entities win overlaps in `merge`.
    pub fn is_domain(&self) -> bool {
        matches!(
            self,
            Label::Role | Label::Index | Label::Score | Label::Rank | Label::Date | Label::Doc
        )
    }
}

impl From<&str> for Label {
    fn from(name: &str) -> Label {
        Label::known(name).unwrap_or_else(|| Label::Other(name.to_string()))
    }
}

impl From<String> for Label {
    fn from(name: String) -> Label {
        Label::known(&name).unwrap_or(Label::Other(name))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Label {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        let name = Cow::<'de, str>::deserialize(d)?;
        if name.is_empty() {
            return Err(serde::de::Error::custom("an empty entity label"));
        }
        Ok(Label::from(name.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_serialize_as_their_names_and_read_back() {
        for l in Label::KNOWN.iter().cloned().chain([Label::from("MISC")]) {
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.as_str()));
            assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), l);
        }
        assert_eq!(Label::from("LOC"), Label::Loc);
        assert_eq!(Label::from("MISC"), Label::Other("MISC".into()));
        assert!(serde_json::from_str::<Label>("\"\"").is_err());
    }

    #[test]
    fn labels_order_by_name() {
        let mut ls = [Label::Per, Label::from("MISC"), Label::Loc, Label::Doc];
        ls.sort();
        let names: Vec<&str> = ls.iter().map(Label::as_str).collect();
        assert_eq!(names, ["DOC", "LOC", "MISC", "PER"]);
    }
}
