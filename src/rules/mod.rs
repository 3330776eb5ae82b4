//! The rule layer: gazetteers and domain entities (being built).

use anyhow::Result;

use crate::document::Document;

pub struct RuleLayer {}

impl RuleLayer {
    pub fn load() -> Result<RuleLayer> {
        Ok(RuleLayer {})
    }

    pub fn annotate(&self, _doc: &mut Document) {}
}
