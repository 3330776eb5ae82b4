//! A model directory in the Hugging Face export layout: `config.json` (labels, maximum length,
//! pad id) and `tokenizer.json` (loaded with truncation and padding turned off, plus the
//! special tokens its post-processor adds around one sequence).
//!
//! Reads files only; running the graph is `runtime`'s job.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;
use tokenizers::Tokenizer;

use super::labels::{parse_label, Label};

/// What `config.json` (and `tokenizer_config.json`, when present) say about the model.
#[derive(Debug, Clone)]
pub struct ModelConfig {
    /// `id2label` strings, by id.
    pub label_names: Vec<String>,
    /// Parsed labels, by id.
    pub labels: Vec<Label>,
    /// Longest sequence the model takes, special tokens included.
    pub max_len: usize,
    /// `pad_token_id`, when given.
    pub pad_token_id: Option<u32>,
    pub model_type: Option<String>,
}

/// Sequence length used when neither config file gives one.
pub const FALLBACK_MAX_LEN: usize = 512;

fn read_json(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

impl ModelConfig {
    pub fn load(model_dir: &Path) -> Result<ModelConfig> {
        let path = model_dir.join("config.json");
        let cfg = read_json(&path)?;
        ModelConfig::from_json(
            &cfg,
            read_json(&model_dir.join("tokenizer_config.json")).ok(),
        )
        .with_context(|| format!("in {}", path.display()))
    }

    /// Build from the parsed `config.json` and optional `tokenizer_config.json`.
    pub fn from_json(cfg: &Value, tok_cfg: Option<Value>) -> Result<ModelConfig> {
        let map = cfg
            .get("id2label")
            .and_then(Value::as_object)
            .context("no id2label object: not a token-classification model config")?;
        let mut pairs: Vec<(usize, String)> = Vec::with_capacity(map.len());
        for (k, v) in map {
            let id: usize = k
                .trim()
                .parse()
                .map_err(|_| anyhow!("id2label key {k:?} is not a number"))?;
            let name = v
                .as_str()
                .with_context(|| format!("id2label[{k}] is not a string"))?;
            pairs.push((id, name.to_string()));
        }
        pairs.sort();
        if pairs.is_empty() {
            bail!("id2label is empty");
        }
        for (i, (id, _)) in pairs.iter().enumerate() {
            if *id != i {
                bail!("id2label ids are not 0..{}: missing id {i}", pairs.len());
            }
        }
        let label_names: Vec<String> = pairs.into_iter().map(|(_, n)| n).collect();
        let labels = label_names.iter().map(|n| parse_label(n)).collect();
        let model_type = cfg
            .get("model_type")
            .and_then(Value::as_str)
            .map(str::to_string);
        let pad_token_id = cfg
            .get("pad_token_id")
            .and_then(Value::as_u64)
            .map(|x| x as u32);
        let from_positions = cfg
            .get("max_position_embeddings")
            .and_then(Value::as_u64)
            .map(|n| {
                // RoBERTa-style models number positions from pad_token_id + 1.
                let roberta = matches!(
                    model_type.as_deref(),
                    Some("roberta" | "xlm-roberta" | "camembert" | "xlm-roberta-xl" | "phobert")
                );
                let offset = if roberta {
                    pad_token_id.unwrap_or(1) as u64 + 1
                } else {
                    0
                };
                n.saturating_sub(offset) as usize
            });
        let from_tokenizer = tok_cfg
            .as_ref()
            .and_then(|t| t.get("model_max_length"))
            .and_then(Value::as_u64)
            .filter(|&n| n > 0 && n < 1_000_000)
            .map(|n| n as usize);
        let max_len = match (from_positions, from_tokenizer) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => FALLBACK_MAX_LEN,
        };
        if max_len < 3 {
            bail!("maximum sequence length {max_len} is too small");
        }
        Ok(ModelConfig {
            label_names,
            labels,
            max_len,
            pad_token_id,
            model_type,
        })
    }
}

/// The tokenizer with what the engine needs to build sequences by hand.
#[derive(Clone)]
pub struct ModelTokenizer {
    pub tokenizer: Tokenizer,
    pub path: PathBuf,
    /// Special token ids put before / after one sequence (e.g. `<s>` / `</s>`).
    pub prefix: Vec<u32>,
    pub suffix: Vec<u32>,
    pub pad_id: u32,
}

impl ModelTokenizer {
    pub fn load(model_dir: &Path, pad_token_id: Option<u32>) -> Result<ModelTokenizer> {
        let path = model_dir.join("tokenizer.json");
        if !path.is_file() {
            bail!("no tokenizer.json in {}", model_dir.display());
        }
        let mut tokenizer =
            Tokenizer::from_file(&path).map_err(|e| anyhow!("loading {}: {e}", path.display()))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| anyhow!("turning off truncation: {e}"))?;
        let padding_id = tokenizer.get_padding().map(|p| p.pad_id);
        tokenizer.with_padding(None);
        let probe = "a";
        let with = tokenizer
            .encode(probe, true)
            .map_err(|e| anyhow!("tokenizing a probe: {e}"))?;
        let without = tokenizer
            .encode(probe, false)
            .map_err(|e| anyhow!("tokenizing a probe: {e}"))?;
        let (w, wo) = (with.get_ids(), without.get_ids());
        let at = (0..=w.len().saturating_sub(wo.len()))
            .find(|&i| w[i..].starts_with(wo))
            .context("the tokenizer's post-processor changes the tokens of a sequence")?;
        let prefix = w[..at].to_vec();
        let suffix = w[at + wo.len()..].to_vec();
        let pad_id = pad_token_id
            .or(padding_id)
            .or_else(|| tokenizer.token_to_id("<pad>"))
            .or_else(|| tokenizer.token_to_id("[PAD]"))
            .unwrap_or(0);
        Ok(ModelTokenizer {
            tokenizer,
            path,
            prefix,
            suffix,
            pad_id,
        })
    }

    /// Number of special tokens around one sequence.
    pub fn specials(&self) -> usize {
        self.prefix.len() + self.suffix.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_labels_and_length() {
        let c = ModelConfig::from_json(
            &json!({"id2label": {"1": "B-PERSON", "0": "O", "2": "I-PERSON"},
                    "max_position_embeddings": 514, "model_type": "xlm-roberta",
                    "pad_token_id": 1}),
            None,
        )
        .unwrap();
        assert_eq!(c.label_names, ["O", "B-PERSON", "I-PERSON"]);
        assert_eq!(c.labels[1].kind.as_deref(), Some("PER"));
        assert_eq!(c.max_len, 512);
        let c = ModelConfig::from_json(
            &json!({"id2label": {"0": "O"}, "max_position_embeddings": 512, "model_type": "bert"}),
            Some(json!({"model_max_length": 256})),
        )
        .unwrap();
        assert_eq!(c.max_len, 256);
    }

    #[test]
    fn rejects_bad_label_tables() {
        assert!(ModelConfig::from_json(&json!({}), None).is_err());
        assert!(
            ModelConfig::from_json(&json!({"id2label": {"0": "O", "2": "B-X"}}), None).is_err()
        );
        assert!(ModelConfig::from_json(&json!({"id2label": {"x": "O"}}), None).is_err());
    }
}
