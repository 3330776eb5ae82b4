//! `nerlink synth`: template-generated Vietnamese news sentences with exact entity spans, for
//! training the NER model (PER/ORG/LOC, VLSP 2016 style, conventions of
//! `shared/gold/ENTITY_GUIDELINES.md`) and for anyone who needs labelled Vietnamese text.
//!
//! What it does: draws one of several hundred sentence templates (`data/synth/templates/`,
//! grouped by genre: meetings, inspections, personnel, index results, quotes, captions,
//! headlines, datelines, business, health, education, sport, world, travel, society, lists and
//! negatives), fills its slots from word lists (`data/synth/*`) and the gazetteers, and records
//! every span while writing it — offsets are exact by construction. Some examples become 2–4
//! sentence paragraphs, some headlines are in capitals, and a small share gets the other
//! tone-mark placement, no diacritics at all, or a typo.
//!
//! What it doesn't: it is not real text. Its sentences are grammatical but formulaic, its facts
//! (who holds which office, scores, ranks) are random, and its vocabulary outside the slots is
//! limited to what the templates say. Use it together with real text (rule-labelled or
//! annotated), not instead of it; measure on real articles only.
//!
//! `Generator::new(&gazetteer, seed)` then `sentence()` gives one `Example`; `format` writes
//! CoNLL (IOB2) and JSONL. Same seed, same data, same output. The `Gazetteer` comes from the
//! extractor's gazetteers (`nerlink::synth::gazetteer`); the word lists and templates are the
//! files of `data/synth/`, compiled in.

mod format;
pub mod gazetteer;
mod lexicon;
mod render;
mod rng;
mod template;
mod variants;
mod words;

use std::collections::HashMap;
use std::sync::OnceLock;

use anyhow::{anyhow, Context, Result};

pub use gazetteer::Gazetteer;
use lexicon::Lexicon;
use render::{Builder, Ctx, Renderer};
use rng::Rng;
use template::{Node, Template};

pub use format::{tokenize, write_conll, write_jsonl};

/// One generated example. `spans` are `(start, end, label)` in code points of `text`, end
/// exclusive, sorted and non-overlapping; `kind` is the template id (`para:<id>` for a
/// paragraph that starts with that template).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub spans: Vec<(usize, usize, String)>,
    pub kind: &'static str,
}

/// Which labels to keep when writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelSet {
    /// PER, ORG, LOC.
    #[default]
    Ner,
    /// PER, ORG, LOC, ROLE, INDEX, SCORE, RANK, DATE, DOC.
    All,
}

impl LabelSet {
    pub fn keeps(self, label: &str) -> bool {
        match self {
            LabelSet::All => true,
            LabelSet::Ner => matches!(label, "PER" | "ORG" | "LOC"),
        }
    }
}

impl Example {
    /// The example with only the spans `labels` keeps.
    pub fn with_labels(&self, labels: LabelSet) -> Example {
        Example {
            text: self.text.clone(),
            spans: self
                .spans
                .iter()
                .filter(|s| labels.keeps(&s.2))
                .cloned()
                .collect(),
            kind: self.kind,
        }
    }
}

macro_rules! genre {
    ($name:literal, $weight:expr) => {
        (
            $name,
            $weight,
            include_str!(concat!("../../../data/synth/templates/", $name, ".tsv")),
        )
    };
}

/// Template files and how often each genre is drawn (relative weights).
const GENRES: &[(&str, f64, &str)] = &[
    genre!("admin", 17.0),
    genre!("personnel", 8.0),
    genre!("index", 8.0),
    genre!("quote", 6.0),
    genre!("caption", 8.0),
    genre!("society", 8.0),
    genre!("business", 7.0),
    genre!("health", 5.0),
    genre!("education", 4.0),
    genre!("sport", 4.0),
    genre!("world", 7.0),
    genre!("travel", 3.0),
    genre!("neg", 5.0),
    genre!("lists", 6.0),
    genre!("new2025", 5.0),
];

pub(crate) struct Genre {
    pub name: &'static str,
    pub weight: f64,
    pub templates: Vec<Template>,
    /// `para:<id>` for each template, the kind of a paragraph that starts with it.
    pub para_ids: Vec<&'static str>,
}

/// The parsed templates and phrase lists: parsed once per process, shared by all generators.
pub(crate) struct Statics {
    pub genres: Vec<Genre>,
    pub phrases: HashMap<&'static str, Vec<Vec<Node>>>,
    /// Introductions of the people of `foreign_people.tsv`, in file order (parsed, and as text).
    pub fp_intros: Vec<Vec<Node>>,
    pub fp_intro_text: Vec<&'static str>,
    /// The renderer's word tables (`words.tsv`).
    pub words: words::Words,
}

fn load_statics() -> Result<Statics> {
    let mut genres = Vec::new();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (name, weight, text) in GENRES {
        let templates = template::parse_file(&format!("templates/{name}.tsv"), text)?;
        for t in &templates {
            if let Some(other) = seen.insert(t.id, name) {
                return Err(anyhow!(
                    "template id {:?} is used twice (templates/{other}.tsv and templates/{name}.tsv)",
                    t.id
                ));
            }
        }
        // Leaked once per process: `Example::kind` is `&'static str`.
        let para_ids = templates
            .iter()
            .map(|t| &*Box::leak(format!("para:{}", t.id).into_boxed_str()))
            .collect();
        genres.push(Genre {
            name,
            weight: *weight,
            templates,
            para_ids,
        });
    }
    let mut phrases: HashMap<&'static str, Vec<Vec<Node>>> = HashMap::new();
    for (list, nodes) in template::parse_phrases(lexicon::PHRASES.0, lexicon::PHRASES.1)? {
        phrases.entry(list).or_default().push(nodes);
    }
    let mut fp_intros = Vec::new();
    let mut fp_intro_text = Vec::new();
    for r in lexicon::rows(lexicon::FOREIGN_PEOPLE, 5)? {
        fp_intro_text.push(r[4]);
        fp_intros.push(
            template::parse(r[4])
                .with_context(|| format!("data/synth/foreign_people.tsv: intro of {}", r[0]))?,
        );
    }
    Ok(Statics {
        genres,
        phrases,
        fp_intros,
        fp_intro_text,
        words: words::Words::load()?,
    })
}

fn statics() -> Result<&'static Statics> {
    static STATICS: OnceLock<std::result::Result<Statics, String>> = OnceLock::new();
    STATICS
        .get_or_init(|| load_statics().map_err(|e| format!("{e:#}")))
        .as_ref()
        .map_err(|e| anyhow!("synth templates: {e}"))
}

/// Every template id, by genre (for reports and tests).
pub fn template_ids() -> Result<Vec<(&'static str, &'static str)>> {
    Ok(statics()?
        .genres
        .iter()
        .flat_map(|g| g.templates.iter().map(move |t| (g.name, t.id)))
        .collect())
}

/// Share of examples that are paragraphs of 2–4 sentences.
const P_PARAGRAPH: f64 = 0.12;
/// Share of headlines written in capitals.
const P_CAPS_HEADLINE: f64 = 0.35;
/// Share of examples with the other tone-mark placement (hoà, thuỷ).
const P_OTHER_TONES: f64 = 0.15;
/// Share of examples with no diacritics at all.
const P_NO_DIACRITICS: f64 = 0.012;
/// Share of examples with a one-letter typo.
const P_TYPO: f64 = 0.02;
/// Share of examples (outside the post-2025 templates) set after the 2025 reorganization.
const P_NEW_ERA: f64 = 0.08;

/// The sentence generator. Deterministic: the same gazetteers and seed give the same examples.
pub struct Generator {
    lex: Lexicon,
    st: &'static Statics,
    rng: Rng,
    ctx: Ctx,
    genre_weights: Vec<f64>,
}

impl Generator {
    pub fn new(gazetteers: &Gazetteer, seed: u64) -> Result<Generator> {
        let st = statics()?;
        let lex = Lexicon::load(gazetteers).context("loading the synth word lists")?;
        Ok(Generator {
            lex,
            st,
            rng: Rng::new(seed),
            ctx: Ctx::default(),
            genre_weights: st.genres.iter().map(|g| g.weight).collect(),
        })
    }

    fn render_template(&mut self, t: &'static Template, b: &mut Builder) {
        let start = b.len;
        let mut r = Renderer {
            lex: &self.lex,
            st: self.st,
            rng: &mut self.rng,
            ctx: &mut self.ctx,
        };
        r.nodes(&t.nodes, b);
        b.trim_end();
        b.capitalize_from(start);
    }

    /// One example: a sentence, a headline, a caption or a short paragraph.
    pub fn sentence(&mut self) -> Example {
        let st = self.st;
        let gi = self.rng.weighted(&self.genre_weights);
        let ti = self.rng.below(st.genres[gi].templates.len());
        self.generate(gi, ti, false).0
    }

    /// One example from the template `id` (see `template_ids`), or `None` for an unknown id.
    pub fn sentence_from(&mut self, id: &str) -> Option<Example> {
        self.sentence_from_with_written(id).map(|x| x.0)
    }

    /// Like `sentence_from`, also returning each span's text as it was written, before the
    /// capitals / tone-placement / diacritics / typo variation (for checks).
    pub fn sentence_from_with_written(&mut self, id: &str) -> Option<(Example, Vec<String>)> {
        let st = self.st;
        for (gi, g) in st.genres.iter().enumerate() {
            if let Some(ti) = g.templates.iter().position(|t| t.id == id) {
                return Some(self.generate(gi, ti, true));
            }
        }
        None
    }

    /// Like `sentence`, also returning each span's text as it was written (for checks).
    pub fn sentence_with_written(&mut self) -> (Example, Vec<String>) {
        let st = self.st;
        let gi = self.rng.weighted(&self.genre_weights);
        let ti = self.rng.below(st.genres[gi].templates.len());
        self.generate(gi, ti, true)
    }

    fn generate(&mut self, gi: usize, ti: usize, want_written: bool) -> (Example, Vec<String>) {
        let st = self.st;
        let genre = &st.genres[gi];
        let t = &genre.templates[ti];
        let new_era = t.flags.new || self.rng.chance(P_NEW_ERA);
        let year = if new_era {
            self.rng.range(2025, 2026)
        } else {
            self.rng.range(2016, 2024)
        };
        self.ctx.reset(new_era, year);

        let mut b = Builder::default();
        self.render_template(t, &mut b);
        let mut kind = t.id;
        let standalone = t.flags.line || t.flags.head;
        if !standalone && self.rng.chance(P_PARAGRAPH) {
            kind = genre.para_ids[ti];
            let more = self.rng.range(1, 3);
            let mut used = vec![t.id];
            for _ in 0..more {
                let candidates: Vec<&'static Template> = genre
                    .templates
                    .iter()
                    .filter(|x| !x.flags.line && !x.flags.head && !used.contains(&x.id))
                    .collect();
                if candidates.is_empty() {
                    break;
                }
                let next = candidates[self.rng.below(candidates.len())];
                used.push(next.id);
                if self.rng.chance(0.5) {
                    // Half the paragraphs go on about the same people ("ông Hưng" refers back);
                    // the others move on to new ones. Places and the year stay.
                    self.ctx.persons = Default::default();
                    self.ctx.foreigners = Default::default();
                }
                if !b.text.ends_with(['.', '!', '?', '”', '"', '…']) {
                    b.lit(".");
                }
                b.lit(" ");
                self.render_template(next, &mut b);
            }
        }
        let mut spans = b.spans;
        spans.sort_by_key(|s| (s.0, s.1));
        let written: Vec<String> = if want_written {
            let chars: Vec<char> = b.text.chars().collect();
            spans
                .iter()
                .map(|&(s, e, _)| chars[s..e].iter().collect())
                .collect()
        } else {
            Vec::new()
        };

        let mut text = b.text;
        if t.flags.head && self.rng.chance(P_CAPS_HEADLINE) {
            text = variants::all_caps(&text);
        }
        if self.rng.chance(P_OTHER_TONES) {
            text = variants::other_tone_placement(&text);
        }
        if self.rng.chance(P_NO_DIACRITICS) {
            text = variants::strip_diacritics(&text);
        } else if self.rng.chance(P_TYPO) {
            text = variants::typo(&text, &mut self.rng);
        }
        let ex = Example {
            text,
            spans: spans
                .into_iter()
                .map(|(s, e, l)| (s, e, l.as_str().to_string()))
                .collect(),
            kind,
        };
        (ex, written)
    }
}
