//! Relation linking (being built).

use crate::document::Document;
use crate::rules::RuleLayer;

pub fn link(_doc: &mut Document, _rules: &RuleLayer) {}
