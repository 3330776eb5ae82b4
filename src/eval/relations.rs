//! Relation scoring: the same numbers as the relation dev set's reference scorer
//! (`../shared/relations-dev/score.py`) on gold in the format of `seeds.gold.jsonl` /
//! `relations-dev/gold.jsonl`.
//!
//! What it computes, rule for rule as score.py:
//! - **Documents** are keyed by `doc_key`: the first non-empty of `id`, `doc`, `source`, reduced
//!   to its file stem ("in/a01.txt" → "a01"). Several gold files are read in order and a later
//!   line overrides an earlier one with the same key; so do prediction lines. A gold document with
//!   no prediction counts as all misses and is listed in `missing_docs`.
//! - **Normalization** (`norm`): NFC, lower case, "đ" → "d", NFD with every nonspacing mark (Mn)
//!   dropped, every run of characters other than `0-9a-z` → one space, trimmed. So "Hoà" = "Hòa"
//!   = "HOA", "Đắk" = "Dak" (but "Đắc" is another word: c ≠ k), and "45/QĐ-UBND" = "45/QĐ - UBND". This replaced the
//!   older key (`text::match_key`, which kept diacritics): two spellings that differ only in
//!   diacritics are now the same key, as score.py counts them.
//! - **Provinces** (`province`): `norm`, then one leading "tinh" / "thanh pho" / "tp" dropped,
//!   then the alias table ("hcm", "tphcm", "ho chi minh city" → "ho chi minh", "brvt" →
//!   "ba ria vung tau", "hue" → "thua thien hue").
//! - **Index names** (`index_name`): `norm` without spaces; "par", "parindex",
//!   "chisocaicachhanhchinh", "chisocchc" and anything starting with "parindex" → PARINDEX; "papi…"
//!   → PAPI, "sipas…" → SIPAS, "pci…" → PCI; anything else is the compact form upper-cased (DTI,
//!   PGI).
//! - Per kind, as its registry entry says (`relation_kinds::FactRules`: key fields and their
//!   normalization, values compared, scope, neutral predictions; this module implements them):
//!   - **official**: key (person, role, province); `org` does not take part in the key and is
//!     reported as `org_correct_of_matched`. Neutral: a predicted official that is not a gold key
//!     and either has a truthy `former` or whose (person, role) is in the gold's `excluded_roles`
//!     is skipped (neither hit nor error).
//!   - **index_result**: key (index, province, year); only results whose `scope` is absent/null or
//!     `"province"` are compared, on both sides. `year` is compared as the JSON value it is (2023 =
//!     2023.0, but 2023 ≠ "2023"). A prediction on a gold key is a `key_hit`; it is correct when the
//!     score (rounded to 4 decimals; a string that is not a plain number counts as no score) and the
//!     rank (JSON equality) agree wherever the gold states them, else it is both a false positive and
//!     a miss ("wrong value").
//!   - **document**: key `norm(ref)` (facts with an empty ref are ignored); correct when kind, date
//!     and signer agree (`norm`) wherever the gold states them, else FP + FN.
//! - Within a document each side is a map from key to fact: a repeated key counts once and its
//!   last fact is the one compared.
//! - "relations F1" (`RelationScores::all`, the summary line) is officials + index results;
//!   documents are reported separately. `micro` (all three types) is kept for older readers.
//!   Rounding as score.py: F1 to 4 decimals (half-even on the binary value), then 3 in the line.
//!
//! What it does beyond score.py (score.py reads nothing there and scores zero): a gold line in
//! extract format (`relations`, no gold fields) is read as gold from the relations' values, and a
//! prediction line in gold format (no `relations`) is read as predictions. Non-string values in
//! key fields are turned into text as Python's `str` would for strings, integers, booleans and
//! ordinary floats; exotic ones (arrays, 1e20) may print differently. It does not look at
//! `other_results`: a prediction on such a unit is a false positive like any other.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

use super::scheme::Prf;
use crate::document::RelationType;
use crate::relation_kinds::{Compare, KeyNorm, RelationKind, Show, RELATION_KINDS};

/// Python's `str(v)` for the JSON values that occur in gold and predictions ("" for null).
fn py_str(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(o) => o.to_string(),
    }
}

/// Python truthiness of a JSON value (absent = false).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python `==` of two JSON values (absent = null; `true` == 1, 2023 == 2023.0).
fn py_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    fn numeric(v: &Value) -> Option<f64> {
        match v {
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
    let a = a.unwrap_or(&Value::Null);
    let b = b.unwrap_or(&Value::Null);
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(Some(p), Some(q)))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| py_eq(Some(v), Some(w))))
        }
        _ => match (numeric(a), numeric(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

/// A JSON value as a map key with Python's equality (`year`): numbers by value, so 2023 and
/// 2023.0 are one key, and "2023" another.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueKey {
    Null,
    Num(String),
    Str(String),
    Other(String),
}

impl ValueKey {
    pub fn of(v: Option<&Value>) -> ValueKey {
        let num = |x: f64| {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                ValueKey::Num(format!("{}", x as i64))
            } else {
                ValueKey::Num(format!("{x}"))
            }
        };
        match v {
            None | Some(Value::Null) => ValueKey::Null,
            Some(Value::Bool(b)) => num(if *b { 1.0 } else { 0.0 }),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) => ValueKey::Num(i.to_string()),
                None => num(n.as_f64().unwrap_or(f64::NAN)),
            },
            Some(Value::String(s)) => ValueKey::Str(s.clone()),
            Some(o) => ValueKey::Other(o.to_string()),
        }
    }

    fn show(&self) -> String {
        match self {
            ValueKey::Null => "None".into(),
            ValueKey::Num(s) | ValueKey::Other(s) => s.clone(),
            ValueKey::Str(s) => format!("{s:?}"),
        }
    }
}

fn non_alnum() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[^0-9a-z]+").expect("regex"))
}

fn nonspacing_mark() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\p{Mn}").expect("regex"))
}

/// score.py's `norm` of a string: NFC, lower case, "đ" → "d", nonspacing marks dropped, runs of
/// non-`[0-9a-z]` → one space, trimmed.
pub fn norm_str(s: &str) -> String {
    let lower = s.nfc().collect::<String>().to_lowercase().replace('đ', "d");
    let decomposed: String = lower.nfd().collect();
    let stripped = nonspacing_mark().replace_all(&decomposed, "");
    non_alnum()
        .replace_all(&stripped, " ")
        .trim_matches(' ')
        .to_string()
}

/// score.py's `norm` of a JSON value (null and absent → "").
pub fn norm(v: Option<&Value>) -> String {
    norm_str(&py_str(v))
}

/// score.py's `prov`: `norm`, one leading "tinh " / "thanh pho " / "tp " dropped, aliases.
pub fn province(v: Option<&Value>) -> String {
    let n = norm(v);
    let mut s = n.as_str();
    for prefix in ["tinh", "thanh pho", "tp"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            // `\s+` after the prefix: `norm` leaves single spaces
            if let Some(rest) = rest.strip_prefix(' ') {
                s = rest;
                break;
            }
        }
    }
    match s {
        "hcm" | "tphcm" | "ho chi minh city" => "ho chi minh",
        "brvt" => "ba ria vung tau",
        "hue" => "thua thien hue",
        other => other,
    }
    .to_string()
}

/// score.py's `index_name`: the canonical index (PARINDEX, PAPI, SIPAS, PCI) or the compact
/// normalized name upper-cased.
pub fn index_name(v: Option<&Value>) -> String {
    let s = norm(v).replace(' ', "");
    let table: [(&str, &[&str]); 4] = [
        (
            "PARINDEX",
            &["parindex", "par", "chisocaicachhanhchinh", "chisocchc"],
        ),
        ("PAPI", &["papi"]),
        ("SIPAS", &["sipas"]),
        ("PCI", &["pci"]),
    ];
    for (canon, pats) in table {
        if pats.contains(&s.as_str()) || s.starts_with(&canon.to_lowercase()) {
            return canon.to_string();
        }
    }
    s.to_uppercase()
}

/// Python's `round(x, 4)` (correctly rounded, ties to even on the binary value).
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Python's `float(s)` of a string: surrounding whitespace allowed, "_" between digits, "inf",
/// "nan"; `None` when Python would raise.
fn py_float(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.trim().chars().collect();
    let digit = |j: Option<&char>| j.is_some_and(|c| c.is_ascii_digit());
    for (i, c) in chars.iter().enumerate() {
        if *c == '_' && (i == 0 || !digit(chars.get(i - 1)) || !digit(chars.get(i + 1))) {
            return None;
        }
    }
    chars
        .into_iter()
        .filter(|c| *c != '_')
        .collect::<String>()
        .parse()
        .ok()
}

/// score.py's `num`: a number rounded to 4 decimals; null, "" and unparsable strings → `None`.
pub fn num(v: Option<&Value>) -> Option<f64> {
    let x = match v? {
        Value::Null => return None,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Number(n) => n.as_f64()?,
        Value::String(s) if s.is_empty() => return None,
        Value::String(s) => py_float(s)?,
        _ => return None,
    };
    Some(round4(x))
}

/// score.py's `doc_key`: the file stem of the first non-empty `id`, `doc` or `source`.
pub fn doc_key(v: &Value) -> Option<String> {
    for k in ["id", "doc", "source"] {
        let x = v.get(k);
        if truthy(x) {
            let s = py_str(x);
            let base = s.rsplit('/').next().unwrap_or(&s);
            // os.path.splitext: the last "." unless everything before it is dots
            return Some(match base.rfind('.') {
                Some(i) if base[..i].chars().any(|c| c != '.') => base[..i].to_string(),
                _ => base.to_string(),
            });
        }
    }
    None
}

/// What identifies a fact of a kind, normalized: its key fields' values in registry order
/// (`FactRules::key`); facts of different kinds are never compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactKey(pub Vec<ValueKey>);

/// One fact: its type, key, the values as given, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub kind: RelationType,
    pub key: FactKey,
    pub values: Map<String, Value>,
    /// Readable form for error listings.
    pub display: String,
    /// Evidence span (code points), for predicted facts.
    pub evidence: Option<(usize, usize)>,
    /// The name to look for in the text when showing a missed fact.
    pub anchor: String,
}

/// A key field's value, normalized as the registry says.
fn key_part(how: KeyNorm, v: Option<&Value>) -> ValueKey {
    match how {
        KeyNorm::Text => ValueKey::Str(norm(v)),
        KeyNorm::Province => ValueKey::Str(province(v)),
        KeyNorm::IndexName => ValueKey::Str(index_name(v)),
        KeyNorm::Json => ValueKey::of(v),
    }
}

/// Build a fact from a type and its values, keyed, shown and anchored as its registry entry says.
pub fn fact(kind: RelationType, values: &Map<String, Value>) -> Fact {
    let rules = &kind.spec().facts;
    let g = |k: &str| values.get(k);
    let t = |k: &str| py_str(g(k));
    let key = FactKey(
        rules
            .key
            .iter()
            .map(|&(f, how)| key_part(how, g(f)))
            .collect(),
    );
    let mut display = kind.spec().name.to_string();
    for &(f, how) in rules.display {
        let shown = match how {
            Show::Text => format!("{:?}", t(f)),
            Show::Key => ValueKey::of(g(f)).show(),
            Show::Json => g(f).unwrap_or(&Value::Null).to_string(),
        };
        display.push_str(&format!(" {f}={shown}"));
    }
    let anchor = rules
        .anchor
        .iter()
        .map(|f| t(f))
        .find(|a| !a.trim().is_empty())
        .unwrap_or_else(|| rules.anchor.last().map(|f| t(f)).unwrap_or_default());
    Fact {
        kind,
        key,
        values: values.clone(),
        display,
        evidence: None,
        anchor,
    }
}

impl Fact {
    fn get(&self, k: &str) -> Option<&Value> {
        self.values.get(k)
    }

    /// Compared at all: the kind's required fields truthy, its scope field absent, null or one
    /// of the scopes compared (index results: "province").
    fn usable(&self) -> bool {
        let rules = &self.kind.spec().facts;
        rules.required.iter().all(|f| truthy(self.get(f)))
            && rules.scope.is_none_or(|(f, scopes)| match self.get(f) {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => scopes.contains(&s.as_str()),
                Some(_) => false,
            })
    }

    /// The fields of the kind's excluded facts (`FactRules::excluded`), normalized.
    fn excluded_key(&self) -> Option<Vec<String>> {
        let (_, fields) = self.kind.spec().facts.excluded?;
        Some(fields.iter().map(|f| norm(self.get(f))).collect())
    }
}

/// One document of a relations file (gold or predictions).
#[derive(Debug, Clone)]
pub struct RelDoc {
    /// `doc_key` of the line.
    pub key: Option<String>,
    /// Name for listings: the key, or "line N".
    pub name: String,
    pub facts: Vec<Fact>,
    /// Facts the gold excludes (`FactRules::excluded`, officials' `excluded_roles`): per kind,
    /// their matching fields normalized.
    pub neutral: BTreeMap<RelationType, BTreeSet<Vec<String>>>,
    pub text: Option<String>,
}

fn objects<'a>(v: &'a Value, field: &str) -> impl Iterator<Item = &'a Map<String, Value>> {
    v.get(field)
        .and_then(|x| x.as_array())
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_object())
}

/// The gold-format fields of a line (one per relation kind, from the registry).
pub fn gold_fields() -> impl Iterator<Item = &'static str> {
    crate::relation_kinds::gold_fields()
}

/// The gold fields listing excluded facts (officials' `excluded_roles`), from the registry.
pub fn excluded_fields() -> impl Iterator<Item = &'static str> {
    RELATION_KINDS
        .iter()
        .filter_map(|k| k.facts.excluded.map(|(field, _)| field))
}

/// Which side a relations file is on: it decides which fields a line is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Gold fields (`officials`, ...); extract `relations` only when there are none.
    Gold,
    /// Extract `relations` (as score.py); gold fields only when there is no `relations`.
    Pred,
}

/// Read one JSON line of a relations file: extract output (`relations`) or gold format.
pub fn rel_doc(v: &Value, line_no: usize, side: Side) -> RelDoc {
    let mut facts = Vec::new();
    let has_relations = v.get("relations").is_some();
    let has_gold = gold_fields().any(|f| v.get(f).is_some());
    let extract = match side {
        Side::Gold => has_relations && !has_gold,
        Side::Pred => has_relations || !has_gold,
    };
    if extract {
        for r in v
            .get("relations")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
        {
            let Some(kind) = r
                .get("type")
                .and_then(|t| t.as_str())
                .and_then(RelationType::from_name)
            else {
                continue;
            };
            let empty = Map::new();
            let values = r
                .get("values")
                .and_then(|x| x.as_object())
                .unwrap_or(&empty);
            let mut f = fact(kind, values);
            let ev = r.get("evidence");
            if let (Some(s), Some(e)) = (
                ev.and_then(|e| e.get("start")).and_then(|x| x.as_u64()),
                ev.and_then(|e| e.get("end")).and_then(|x| x.as_u64()),
            ) {
                f.evidence = Some((s as usize, e as usize));
            }
            facts.push(f);
        }
    } else {
        for k in &RELATION_KINDS {
            facts.extend(objects(v, k.gold_field).map(|o| fact(k.kind, o)));
        }
    }
    let mut neutral: BTreeMap<RelationType, BTreeSet<Vec<String>>> = BTreeMap::new();
    for k in &RELATION_KINDS {
        if let Some((field, fields)) = k.facts.excluded {
            let keys = objects(v, field).map(|o| fields.iter().map(|f| norm(o.get(*f))).collect());
            neutral.entry(k.kind).or_default().extend(keys);
        }
    }
    let key = doc_key(v);
    RelDoc {
        name: key.clone().unwrap_or_else(|| format!("line {line_no}")),
        key,
        facts,
        neutral,
        text: v.get("text").and_then(|t| t.as_str()).map(String::from),
    }
}

/// Documents by key, a later one replacing an earlier one in place (a Python dict).
pub fn by_key(docs: impl IntoIterator<Item = RelDoc>) -> Vec<RelDoc> {
    last_wins(docs.into_iter().map(|d| (d.key.clone(), d)))
        .into_iter()
        .map(|(_, d)| d)
        .collect()
}

/// A Python dict built by assignment: first-insertion order, last value.
fn last_wins<K: Eq + Hash + Clone, V>(items: impl IntoIterator<Item = (K, V)>) -> Vec<(K, V)> {
    let mut out: Vec<(K, V)> = Vec::new();
    let mut at: HashMap<K, usize> = HashMap::new();
    for (k, v) in items {
        match at.get(&k) {
            Some(&i) => out[i].1 = v,
            None => {
                at.insert(k.clone(), out.len());
                out.push((k, v));
            }
        }
    }
    out
}

/// Counts of one relation type.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RelCounts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl RelCounts {
    pub fn prf(&self) -> Prf {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        Prf::new(p, r)
    }

    pub fn add(&mut self, o: &RelCounts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// How a fact was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MismatchKind {
    /// A gold fact with no prediction on its key.
    Missed,
    /// A prediction on no gold key.
    FalsePositive,
    /// A prediction on a gold key whose values disagree (counted FP + FN).
    WrongValues,
}

/// One relation error, in score.py's order (per document and kind in registry order:
/// predictions first, then the gold keys not predicted).
#[derive(Debug, Clone)]
pub struct RelMismatch {
    pub kind: MismatchKind,
    pub gold: Option<Fact>,
    pub pred: Option<Fact>,
}

/// The counts and errors of one document.
#[derive(Debug, Clone, Default)]
pub struct DocScore {
    pub counts: BTreeMap<RelationType, RelCounts>,
    /// Per kind with `FactRules::matched_also`: matched facts whose field also agrees
    /// (officials: the org).
    pub matched_also: BTreeMap<RelationType, usize>,
    /// Per kind with `FactRules::key_hits`: predictions on a gold key, right or wrong values.
    pub key_hits: BTreeMap<RelationType, usize>,
    pub mismatches: Vec<RelMismatch>,
}

/// The kind's `agree` values are equal wherever the gold states them.
fn values_agree(gold: &Fact, pred: &Fact) -> bool {
    gold.kind.spec().facts.agree.iter().all(|&(f, how)| {
        let (g, p) = (gold.get(f), pred.get(f));
        matches!(g, None | Some(Value::Null))
            || match how {
                Compare::Text => norm(g) == norm(p),
                Compare::Number => num(g) == num(p),
                Compare::Json => py_eq(g, p),
            }
    })
}

/// Score one document's predictions (`pred`, `None` when the document is missing) against its
/// gold, as score.py does.
pub fn score_doc(gold: &RelDoc, pred: Option<&RelDoc>) -> DocScore {
    let mut out = DocScore::default();
    let pred_facts: &[Fact] = pred.map(|p| p.facts.as_slice()).unwrap_or(&[]);
    for spec in &RELATION_KINDS {
        let (kind, rules) = (spec.kind, &spec.facts);
        let usable = |f: &&Fact| f.kind == kind && f.usable();
        let gold_map = last_wins(gold.facts.iter().filter(usable).map(|f| (f.key.clone(), f)));
        let gold_at: HashMap<&FactKey, &Fact> = gold_map.iter().map(|(k, f)| (k, *f)).collect();
        let excluded = gold.neutral.get(&kind);
        // a prediction on no gold key is neutral when flagged (a former post) or excluded by
        // the gold (excluded_roles)
        let neutral = |f: &Fact| {
            !gold_at.contains_key(&f.key)
                && (rules.neutral_flag.is_some_and(|flag| truthy(f.get(flag)))
                    || f.excluded_key()
                        .is_some_and(|k| excluded.is_some_and(|set| set.contains(&k))))
        };
        let pred_map = last_wins(
            pred_facts
                .iter()
                .filter(usable)
                .filter(|f| !neutral(f))
                .map(|f| (f.key.clone(), f)),
        );
        let mut also = 0;
        let mut hits = 0;
        let c = out.counts.entry(kind).or_default();
        for (k, p) in &pred_map {
            match gold_at.get(k) {
                None => {
                    c.fp += 1;
                    out.mismatches.push(RelMismatch {
                        kind: MismatchKind::FalsePositive,
                        gold: None,
                        pred: Some((*p).clone()),
                    });
                }
                Some(g) if values_agree(g, p) => {
                    c.tp += 1;
                    hits += 1;
                    if rules
                        .matched_also
                        .is_some_and(|f| norm(g.get(f)) == norm(p.get(f)))
                    {
                        also += 1;
                    }
                }
                Some(g) => {
                    c.fp += 1;
                    c.fn_ += 1;
                    hits += 1;
                    out.mismatches.push(RelMismatch {
                        kind: MismatchKind::WrongValues,
                        gold: Some((*g).clone()),
                        pred: Some((*p).clone()),
                    });
                }
            }
        }
        let pred_keys: BTreeSet<&FactKey> = pred_map.iter().map(|(k, _)| k).collect();
        for (k, g) in &gold_map {
            if !pred_keys.contains(k) {
                c.fn_ += 1;
                out.mismatches.push(RelMismatch {
                    kind: MismatchKind::Missed,
                    gold: Some((*g).clone()),
                    pred: None,
                });
            }
        }
        if rules.matched_also.is_some() {
            out.matched_also.insert(kind, also);
        }
        if rules.key_hits {
            out.key_hits.insert(kind, hits);
        }
    }
    out
}

/// Counts and P/R/F1 of one relation type or a sum of types.
#[derive(Debug, Clone, Serialize)]
pub struct RelTypeResult {
    #[serde(flatten)]
    pub counts: RelCounts,
    #[serde(flatten)]
    pub prf: Prf,
    /// Kinds with `FactRules::matched_also` (officials): matched facts whose field (the org)
    /// also agrees; score.py's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_correct_of_matched: Option<usize>,
    /// Kinds with `FactRules::key_hits` (index results): predictions on a gold key, right or
    /// wrong values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_hits: Option<usize>,
}

impl RelTypeResult {
    fn of(counts: RelCounts) -> Self {
        RelTypeResult {
            counts,
            prf: counts.prf(),
            org_correct_of_matched: None,
            key_hits: None,
        }
    }
}

/// Result of the relation evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct RelationScores {
    /// type → counts and P/R/F1
    pub per_type: BTreeMap<RelationType, RelTypeResult>,
    /// All types together.
    pub micro: RelTypeResult,
    /// "relations F1": the kinds `in_relations_f1`, officials + index results (score.py's `all`).
    pub all: RelTypeResult,
}

impl RelationScores {
    /// score.py's last line: `relations F1 0.xxx (official 0.xxx, index 0.xxx; documents 0.xxx;
    /// missing docs N)`, F1s rounded to 4 decimals and then printed with 3.
    /// The kinds in "relations F1" come first, then the others, each by its `summary_name`.
    pub fn summary_line(&self, missing_docs: usize) -> String {
        let part = |k: &RelationKind| {
            let f1 = self.per_type.get(&k.kind).map_or(0.0, |x| x.prf.f1);
            format!("{} {:.3}", k.summary_name, round4(f1))
        };
        let (headline, apart): (Vec<&RelationKind>, Vec<&RelationKind>) =
            RELATION_KINDS.iter().partition(|k| k.in_relations_f1);
        let mut groups = vec![headline
            .into_iter()
            .map(part)
            .collect::<Vec<_>>()
            .join(", ")];
        groups.extend(apart.into_iter().map(part));
        format!(
            "relations F1 {:.3} ({}; missing docs {})",
            round4(self.all.prf.f1),
            groups.join("; "),
            missing_docs
        )
    }
}

/// Sum per-document scores.
pub fn summarize(docs: &[DocScore]) -> RelationScores {
    let mut per: BTreeMap<RelationType, RelCounts> = RelationType::ALL
        .into_iter()
        .map(|t| (t, RelCounts::default()))
        .collect();
    let mut also: BTreeMap<RelationType, usize> = BTreeMap::new();
    let mut hits: BTreeMap<RelationType, usize> = BTreeMap::new();
    for d in docs {
        for (t, c) in &d.counts {
            per.entry(*t).or_default().add(c);
        }
        for (t, n) in &d.matched_also {
            *also.entry(*t).or_default() += n;
        }
        for (t, n) in &d.key_hits {
            *hits.entry(*t).or_default() += n;
        }
    }
    let mut total = RelCounts::default();
    let mut all = RelCounts::default();
    for (t, c) in &per {
        total.add(c);
        if t.spec().in_relations_f1 {
            all.add(c);
        }
    }
    let per_type = per
        .iter()
        .map(|(t, c)| {
            let rules = &t.spec().facts;
            let mut r = RelTypeResult::of(*c);
            if rules.matched_also.is_some() {
                r.org_correct_of_matched = Some(also.get(t).copied().unwrap_or(0));
            }
            if rules.key_hits {
                r.key_hits = Some(hits.get(t).copied().unwrap_or(0));
            }
            (*t, r)
        })
        .collect();
    RelationScores {
        per_type,
        micro: RelTypeResult::of(total),
        all: RelTypeResult::of(all),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(x: &str) -> Value {
        json!(x)
    }

    fn doc(v: Value, side: Side) -> RelDoc {
        rel_doc(&v, 1, side)
    }

    fn pred(rels: Value) -> RelDoc {
        doc(json!({"id": "d", "relations": rels}), Side::Pred)
    }

    fn counts(d: &DocScore, t: RelationType) -> (usize, usize, usize) {
        let c = d.counts.get(&t).copied().unwrap_or_default();
        (c.tp, c.fp, c.fn_)
    }

    #[test]
    fn norm_drops_case_diacritics_and_punctuation() {
        assert_eq!(norm_str("Hoà Lạc"), "hoa lac");
        assert_eq!(norm_str("Hòa Lạc"), norm_str("HOÀ LẠC"));
        assert_eq!(norm_str("Đắk Sơn"), norm_str("DAK SON"));
        assert_eq!(norm_str("Đắk Sơn"), "dak son");
        // "k" and "c" are letters, not diacritics: score.py keeps "Đắk" and "Đắc" apart
        assert_ne!(norm_str("Đắk Sơn"), norm_str("Đắc Sơn"));
        // NFD input, old tone placement
        assert_eq!(norm_str("Ho\u{300}a"), norm_str("Hoà"));
        assert_eq!(norm_str("  45/QĐ-UBND "), "45 qd ubnd");
        assert_eq!(norm_str("45/QĐ - UBND"), "45 qd ubnd");
        assert_eq!(norm(None), "");
        assert_eq!(norm(Some(&Value::Null)), "");
        assert_eq!(norm(Some(&json!(2023))), "2023");
    }

    #[test]
    fn provinces_lose_one_prefix_and_map_aliases() {
        let p = |x: &str| province(Some(&s(x)));
        assert_eq!(p("tỉnh Lâm Hà"), "lam ha");
        assert_eq!(p("Tỉnh Lâm Hà"), p("Lâm Hà"));
        assert_eq!(p("Thành phố Cần Giờ"), "can gio");
        assert_eq!(p("TP. Cần Giờ"), "can gio");
        assert_eq!(p("tp Cần Giờ"), "can gio");
        // one prefix only, and only before a space
        assert_eq!(p("tỉnh tỉnh Lâm Hà"), "tinh lam ha");
        // as score.py: a name that starts with the word "tinh" once diacritics are gone loses it
        assert_eq!(p("Tịnh Biên"), "bien");
        assert_eq!(p("tinhbien"), "tinhbien");
        assert_eq!(p("TP.HCM"), "ho chi minh");
        assert_eq!(p("TPHCM"), "ho chi minh");
        assert_eq!(p("Thành phố Hồ Chí Minh"), "ho chi minh");
        assert_eq!(p("Ho Chi Minh City"), "ho chi minh");
        assert_eq!(p("BRVT"), "ba ria vung tau");
        // the alias table is looked up after norm: "BR-VT" is "br vt", not an alias
        assert_eq!(p("BR-VT"), "br vt");
        assert_eq!(p("Bà Rịa - Vũng Tàu"), "ba ria vung tau");
        assert_eq!(p("Huế"), "thua thien hue");
        assert_eq!(p("TP Huế"), "thua thien hue");
        assert_eq!(province(None), "");
    }

    #[test]
    fn index_names_are_canonical() {
        let i = |x: &str| index_name(Some(&s(x)));
        for v in [
            "PAR INDEX",
            "Par Index",
            "PAR-INDEX",
            "PAR",
            "Parindex 2023",
            "Chỉ số cải cách hành chính",
            "chỉ số CCHC",
        ] {
            assert_eq!(i(v), "PARINDEX", "{v}");
        }
        assert_eq!(i("Papi"), "PAPI");
        assert_eq!(i("PAPI 2022"), "PAPI");
        assert_eq!(i("SIPAS"), "SIPAS");
        assert_eq!(i("Sipas năm nay"), "SIPAS");
        assert_eq!(i("PCI"), "PCI");
        assert_eq!(i("D.T.I"), "DTI");
        assert_eq!(i("Chỉ số PAR INDEX"), "CHISOPARINDEX");
        assert_eq!(index_name(None), "");
    }

    #[test]
    fn numbers_and_json_values_as_python() {
        assert_eq!(num(Some(&json!(81.47))), Some(81.47));
        assert_eq!(num(Some(&json!("81.47"))), Some(81.47));
        assert_eq!(num(Some(&json!(" 81.470001 "))), Some(81.47));
        assert_eq!(num(Some(&json!("81,47"))), None);
        assert_eq!(num(Some(&json!(""))), None);
        assert_eq!(num(Some(&json!("1_0"))), Some(10.0));
        assert_eq!(num(Some(&json!("_1"))), None);
        assert_eq!(num(Some(&json!(true))), Some(1.0));
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.12345), 0.1235);
        assert!(py_eq(Some(&json!(9)), Some(&json!(9.0))));
        assert!(!py_eq(Some(&json!(9)), Some(&json!("9"))));
        assert!(py_eq(None, Some(&Value::Null)));
        assert_eq!(
            ValueKey::of(Some(&json!(2023))),
            ValueKey::of(Some(&json!(2023.0)))
        );
        assert_ne!(
            ValueKey::of(Some(&json!(2023))),
            ValueKey::of(Some(&json!("2023")))
        );
        assert_eq!(ValueKey::of(None), ValueKey::of(Some(&Value::Null)));
    }

    #[test]
    fn doc_keys_are_file_stems() {
        assert_eq!(doc_key(&json!({"id": "x01"})), Some("x01".into()));
        assert_eq!(doc_key(&json!({"doc": "dir/x01.txt"})), Some("x01".into()));
        assert_eq!(
            doc_key(&json!({"id": "", "source": "in/x01.txt"})),
            Some("x01".into())
        );
        assert_eq!(doc_key(&json!({"id": "a.b.txt"})), Some("a.b".into()));
        assert_eq!(doc_key(&json!({"id": ".hidden"})), Some(".hidden".into()));
        assert_eq!(doc_key(&json!({"text": "x"})), None);
    }

    fn gold_one() -> RelDoc {
        doc(
            json!({"doc": "d.txt",
                "officials": [
                    {"person": "Nguyễn Văn Hoà", "role": "Chủ tịch", "org": "UBND tỉnh", "province": "Đắk Lâm"},
                    {"person": "Trần Thị Mơ", "role": "Bí thư", "org": "Tỉnh ủy", "province": "Đắk Lâm"}],
                "excluded_roles": [{"person": "Trần Thị Mơ", "role": "Ủy viên Ban Thường vụ", "org": null,
                                    "province": "Đắk Lâm", "why": "party_membership"}],
                "index_results": [
                    {"index": "PAR INDEX", "province": "Đắk Lâm", "year": 2023, "score": 85.5, "rank": 7},
                    {"index": "PCI", "province": "Đắk Lâm", "year": 2022, "score": null, "rank": 12}],
                "other_results": [{"index": "PAR INDEX", "unit": "Sở Xây dựng", "scope": "department", "year": 2023, "score": 90.1}],
                "documents": [{"ref": "12/KH-UBND", "kind": "Kế hoạch", "date": "2024-03-01", "signer": null}]}),
            Side::Gold,
        )
    }

    #[test]
    fn official_keys_ignore_diacritics_prefixes_and_org() {
        let g = gold_one();
        let p = pred(json!([
            {"type": "official", "values": {"person": "NGUYỄN VĂN HÒA", "role": "chủ tịch", "org": "UBND", "province": "tỉnh Dak Lam"}},
            {"type": "official", "values": {"person": "Trần Thị Mơ", "role": "Bí thư", "org": "Tỉnh uỷ", "province": "Đắk Lâm"}}
        ]));
        let d = score_doc(&g, Some(&p));
        assert_eq!(counts(&d, RelationType::Official), (2, 0, 0));
        // "UBND" ≠ "UBND tỉnh"; "Tỉnh uỷ" = "Tỉnh ủy"
        assert_eq!(d.matched_also.get(&RelationType::Official), Some(&1));
    }

    #[test]
    fn excluded_roles_and_former_posts_are_neutral() {
        let g = gold_one();
        let p = pred(json!([
            // in excluded_roles: skipped
            {"type": "official", "values": {"person": "Trần Thị Mơ", "role": "Ủy viên Ban Thường vụ", "province": "Đắk Lâm"}},
            // former: skipped
            {"type": "official", "values": {"person": "Lý Văn Tư", "role": "Giám đốc", "province": "Đắk Lâm", "former": true}},
            // former but a gold key: scored (a hit)
            {"type": "official", "values": {"person": "Nguyễn Văn Hoà", "role": "Chủ tịch", "province": "Đắk Lâm", "former": true}},
            // same person and role as an excluded one but another province: still neutral
            {"type": "official", "values": {"person": "Trần Thị Mơ", "role": "Ủy viên Ban Thường vụ", "province": "Hà Lâm"}},
            // an ordinary false positive
            {"type": "official", "values": {"person": "Lý Văn Tư", "role": "Giám đốc", "province": "Đắk Lâm", "former": false}}
        ]));
        let d = score_doc(&g, Some(&p));
        assert_eq!(counts(&d, RelationType::Official), (1, 1, 1));
        let fps: Vec<&str> = d
            .mismatches
            .iter()
            .filter(|m| m.kind == MismatchKind::FalsePositive)
            .map(|m| m.pred.as_ref().unwrap().anchor.as_str())
            .collect();
        assert_eq!(fps, vec!["Lý Văn Tư"]);
    }

    #[test]
    fn index_results_need_score_and_rank_where_gold_states_them() {
        let g = gold_one();
        let p = pred(json!([
            {"type": "index_result", "values": {"index": "Par Index", "province": "Đắk Lâm", "year": 2023, "score": 85.50001, "rank": 7}},
            // gold score is null: any score is fine; the rank must agree
            {"type": "index_result", "values": {"index": "PCI", "province": "tỉnh Đắk Lâm", "year": 2022, "score": 60.1, "rank": 12.0}}
        ]));
        let d = score_doc(&g, Some(&p));
        assert_eq!(counts(&d, RelationType::IndexResult), (2, 0, 0));
        assert_eq!(d.key_hits.get(&RelationType::IndexResult), Some(&2));
    }

    #[test]
    fn a_wrong_value_is_a_false_positive_and_a_miss() {
        let g = gold_one();
        let p = pred(json!([
            {"type": "index_result", "values": {"index": "PAR INDEX", "province": "Đắk Lâm", "year": 2023, "score": 85.5, "rank": 8}},
            {"type": "index_result", "values": {"index": "PCI", "province": "Đắk Lâm", "year": "2022", "rank": 12}},
            {"type": "document", "values": {"ref": "12/KH-UBND", "kind": "Kế hoạch", "date": "2024-03-02", "signer": "Ai Đó"}}
        ]));
        let d = score_doc(&g, Some(&p));
        // PAR: wrong rank (FP + FN); PCI: year "2022" is another key (FP, and the gold one FN)
        assert_eq!(counts(&d, RelationType::IndexResult), (0, 2, 2));
        assert_eq!(d.key_hits.get(&RelationType::IndexResult), Some(&1));
        // the date differs (the signer is not stated in the gold, so it does not count)
        assert_eq!(counts(&d, RelationType::Document), (0, 1, 1));
        let kinds: Vec<MismatchKind> = d.mismatches.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            vec![
                // officials: both gold ones missed
                MismatchKind::Missed,
                MismatchKind::Missed,
                // index results: predictions first, then the gold keys not predicted
                MismatchKind::WrongValues,
                MismatchKind::FalsePositive,
                MismatchKind::Missed,
                // documents
                MismatchKind::WrongValues,
            ]
        );
    }

    #[test]
    fn only_province_scope_index_results_are_compared() {
        let mut g = gold_one();
        // a district result in the gold's index_results is not compared either
        g.facts.push(fact(
            RelationType::IndexResult,
            json!({"index": "SIPAS", "province": "Đắk Lâm", "year": 2023, "score": 80.0, "scope": "district"})
                .as_object()
                .unwrap(),
        ));
        let p = pred(json!([
            {"type": "index_result", "values": {"index": "PAR INDEX", "province": "Đắk Lâm", "year": 2023, "score": 90.1, "scope": "department"}},
            {"type": "index_result", "values": {"index": "SIPAS", "province": "Đắk Lâm", "year": 2023, "score": 80.0, "scope": "district"}},
            {"type": "index_result", "values": {"index": "PAR INDEX", "province": "Đắk Lâm", "year": 2023, "score": 85.5, "rank": 7, "scope": "province"}},
            {"type": "index_result", "values": {"index": "PAPI", "province": "Đắk Lâm", "year": 2023, "score": 40.0, "scope": null}}
        ]));
        let d = score_doc(&g, Some(&p));
        assert_eq!(counts(&d, RelationType::IndexResult), (1, 1, 1));
    }

    #[test]
    fn a_repeated_key_counts_once_and_the_last_one_is_compared() {
        let g = gold_one();
        let p = pred(json!([
            {"type": "index_result", "values": {"index": "PAR INDEX", "province": "Đắk Lâm", "year": 2023, "score": 85.5, "rank": 7}},
            {"type": "index_result", "values": {"index": "PARINDEX", "province": "Đắk Lâm", "year": 2023, "score": 1.0, "rank": 7}}
        ]));
        let d = score_doc(&g, Some(&p));
        assert_eq!(counts(&d, RelationType::IndexResult), (0, 1, 2));
    }

    #[test]
    fn a_missing_document_is_all_misses() {
        let g = gold_one();
        let d = score_doc(&g, None);
        assert_eq!(counts(&d, RelationType::Official), (0, 0, 2));
        assert_eq!(counts(&d, RelationType::IndexResult), (0, 0, 2));
        assert_eq!(counts(&d, RelationType::Document), (0, 0, 1));
        let s = summarize(&[d]);
        assert_eq!(s.all.counts.fn_, 4);
        assert_eq!(s.micro.counts.fn_, 5);
        assert_eq!(
            s.summary_line(1),
            "relations F1 0.000 (official 0.000, index 0.000; documents 0.000; missing docs 1)"
        );
    }

    #[test]
    fn later_gold_files_replace_documents_with_the_same_key() {
        let first = vec![
            doc(
                json!({"doc": "a.txt", "officials": [{"person": "X", "role": "Y", "province": "Z"}]}),
                Side::Gold,
            ),
            doc(json!({"doc": "b.txt", "officials": []}), Side::Gold),
        ];
        let second = vec![doc(json!({"doc": "a", "officials": []}), Side::Gold)];
        let all = by_key(first.into_iter().chain(second));
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].key.as_deref(), Some("a"));
        assert!(
            all[0].facts.is_empty(),
            "the second file's a replaced the first's"
        );
        assert_eq!(all[1].key.as_deref(), Some("b"));
    }

    #[test]
    fn summary_line_is_score_py_format() {
        let g = gold_one();
        let p = pred(json!([
            {"type": "official", "values": {"person": "Nguyễn Văn Hoà", "role": "Chủ tịch", "province": "Đắk Lâm"}},
            {"type": "index_result", "values": {"index": "PCI", "province": "Đắk Lâm", "year": 2022, "rank": 12}},
            {"type": "document", "values": {"ref": "12/KH - UBND", "kind": "kế hoạch", "date": "2024-03-01"}}
        ]));
        let s = summarize(&[score_doc(&g, Some(&p))]);
        // official P 1 R 1/2, index P 1 R 1/2: 2/3; documents 1
        assert_eq!(
            s.summary_line(0),
            "relations F1 0.667 (official 0.667, index 0.667; documents 1.000; missing docs 0)"
        );
        assert_eq!(
            s.per_type[&RelationType::Official].org_correct_of_matched,
            Some(0)
        );
        assert_eq!(s.per_type[&RelationType::IndexResult].key_hits, Some(1));
    }

    #[test]
    fn facts_are_shown_and_anchored_as_the_registry_says() {
        let o = json!({"person": "Lê Văn Tám", "role": "Chủ tịch", "province": "Hà Lâm"});
        let f = fact(RelationType::Official, o.as_object().unwrap());
        assert_eq!(
            f.display,
            r#"official person="Lê Văn Tám" role="Chủ tịch" org="" province="Hà Lâm""#
        );
        assert_eq!(f.anchor, "Lê Văn Tám");
        let i = json!({"index": "PCI", "province": " ", "year": 2023.0, "rank": 4});
        let f = fact(RelationType::IndexResult, i.as_object().unwrap());
        assert_eq!(
            f.display,
            r#"index_result index="PCI" province=" " year=2023 score=null rank=4"#
        );
        // a blank province: the index name is looked for instead
        assert_eq!(f.anchor, "PCI");
        assert_eq!(
            f.key,
            FactKey(vec![
                ValueKey::Str("PCI".into()),
                ValueKey::Str(String::new()),
                ValueKey::Num("2023".into())
            ])
        );
        let d = json!({"ref": "7/TB-UBND", "date": "2024-05-02"});
        let f = fact(RelationType::Document, d.as_object().unwrap());
        assert_eq!(
            f.display,
            r#"document ref="7/TB-UBND" kind="" date="2024-05-02" signer="""#
        );
        assert_eq!(f.key, FactKey(vec![ValueKey::Str("7 tb ubnd".into())]));
    }

    #[test]
    fn gold_and_prediction_lines_are_read_by_side() {
        let both = json!({"id": "d", "relations": [{"type": "official", "values": {"person": "A", "role": "B"}}],
                          "officials": [{"person": "C", "role": "D"}, {"person": "E", "role": "F"}]});
        assert_eq!(doc(both.clone(), Side::Gold).facts.len(), 2);
        assert_eq!(doc(both, Side::Pred).facts.len(), 1);
        let extract = json!({"id": "d", "relations": [{"type": "official", "values": {"person": "A", "role": "B"}}]});
        assert_eq!(doc(extract, Side::Gold).facts.len(), 1);
    }
}
