//! Filling templates: the text builder that records spans as text is appended, the sentence
//! context (who and where "the person #1" / "the province #1" is), and one renderer per slot.
//!
//! Every span is recorded at the moment its text is written, so offsets are exact by
//! construction; nothing is ever searched for afterwards.

use super::lexicon::{BodyHead, Lexicon, Prov};
use super::rng::Rng;
use super::template::{Label, Node, Slot, SlotKind};
use super::Statics;

/// Text under construction, with the spans written into it (code-point offsets).
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub text: String,
    /// Length of `text` in chars.
    pub len: usize,
    pub spans: Vec<(usize, usize, Label)>,
    /// Upper-case the next letter written (set by `{UP}`).
    pub cap_next: bool,
}

impl Builder {
    /// Append literal text, keeping spacing tidy: no double spaces, no space at the start or
    /// before closing punctuation.
    pub fn lit(&mut self, s: &str) {
        let mut s = s;
        if self.text.is_empty() || self.text.ends_with([' ', '(', '“', '\n']) {
            s = s.trim_start_matches(' ');
        }
        if s.is_empty() {
            return;
        }
        if s.starts_with([',', '.', ';', ':', ')', '”', '?', '!']) && self.text.ends_with(' ') {
            self.text.pop();
            self.len -= 1;
        }
        if s.starts_with('.') && self.text.ends_with(['.', '?', '!']) {
            s = &s[1..];
        }
        self.len += s.chars().count();
        self.push(s);
    }

    /// Push text, honouring a pending `{UP}` (one char for one char, so counts hold).
    fn push(&mut self, s: &str) {
        if !self.cap_next || !s.chars().any(char::is_alphanumeric) {
            self.text.push_str(s);
            return;
        }
        self.cap_next = false;
        let mut done = false;
        for c in s.chars() {
            if !done && c.is_alphanumeric() {
                done = true;
                let mut up = c.to_uppercase();
                if let (Some(u), None) = (up.next(), up.next()) {
                    self.text.push(u);
                    continue;
                }
            }
            self.text.push(c);
        }
    }

    /// Append `s` as one span of `label`.
    pub fn ent(&mut self, label: Label, s: &str) {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        if !self.text.is_empty() && !self.text.ends_with([' ', '(', '“', '"', '\n', '/', '-']) {
            // Spans start on a token boundary: templates put the space; this only guards.
            self.lit(" ");
        }
        let start = self.len;
        self.len += s.chars().count();
        self.push(s);
        self.spans.push((start, self.len, label));
    }

    /// Upper-case the first letter written at or after char `from`.
    pub fn capitalize_from(&mut self, from: usize) {
        let mut out = String::with_capacity(self.text.len());
        let mut done = false;
        for (i, c) in self.text.chars().enumerate() {
            if !done && i >= from && c.is_alphanumeric() {
                done = true;
                let mut up = c.to_uppercase();
                if let (Some(u), None) = (up.next(), up.next()) {
                    out.push(u);
                    continue;
                }
            }
            out.push(c);
        }
        self.text = out;
    }

    pub fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
            self.len -= 1;
        }
    }
}

/// A Vietnamese or foreign person mentioned in the current example.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub full: String,
    /// Given name (last syllable) or, for foreigners, the short form used for later mentions.
    pub given: String,
    pub female: bool,
    /// ông / bà / anh / chị / em …
    pub hon: &'static str,
    /// Last position written for this person (for "Bộ trưởng Dũng").
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Commune {
    pub name: String,
    /// xã | phường | thị trấn | đặc khu
    pub kind: &'static str,
}

/// What the current example has mentioned, by referent number (`#1` … `#4`).
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    pub new_era: bool,
    pub year: u32,
    pub persons: [Option<Person>; 5],
    pub foreigners: [Option<Person>; 5],
    /// Index into `provinces` (or `provinces_2025` in the new era).
    pub provs: [Option<usize>; 5],
    pub dists: [Option<usize>; 5],
    pub communes: [Option<Commune>; 5],
    pub countries: [Option<usize>; 5],
    /// Index into `Lexicon::indices`.
    pub index: Option<usize>,
}

impl Ctx {
    pub fn reset(&mut self, new_era: bool, year: u32) {
        *self = Ctx {
            new_era,
            year,
            ..Ctx::default()
        };
    }
}

/// Everything a renderer needs: the word lists, the parsed phrase lists, the random source and
/// the context. Kept apart from `Generator` so that borrowing is simple.
pub(crate) struct Renderer<'a> {
    pub lex: &'a Lexicon,
    pub st: &'static Statics,
    pub rng: &'a mut Rng,
    pub ctx: &'a mut Ctx,
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

fn idx(n: u8) -> usize {
    n.clamp(1, 4) as usize
}

/// Replace a level word written in a body head (Tỉnh ủy → Thành ủy, Huyện đoàn → Quận đoàn).
fn adapt_level(head: &str, level: &str) -> String {
    let cap = |s: &str| {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    };
    let lvl = match level {
        "tỉnh" => "Tỉnh",
        "thành phố" => "Thành",
        "huyện" => "Huyện",
        "quận" => "Quận",
        "thị xã" => "Thị",
        _ => return head.to_string(),
    };
    for (old, suffix) in [
        ("Tỉnh ủy", " ủy"),
        ("Thành ủy", " ủy"),
        ("Huyện ủy", " ủy"),
        ("Quận ủy", " ủy"),
        ("Thị ủy", " ủy"),
        ("Tỉnh đoàn", " đoàn"),
        ("Thành đoàn", " đoàn"),
        ("Huyện đoàn", " đoàn"),
        ("Quận đoàn", " đoàn"),
        ("Thị đoàn", " đoàn"),
    ] {
        if let Some(stem) = head.strip_suffix(old) {
            return format!("{stem}{}{suffix}", cap(lvl));
        }
    }
    head.to_string()
}

/// 12345 → "12.345" (Vietnamese thousands separator).
fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

impl Renderer<'_> {
    // ----- plumbing -------------------------------------------------------------------------

    pub fn nodes(&mut self, nodes: &'static [Node], b: &mut Builder) {
        for node in nodes {
            match node {
                Node::Lit(s) => b.lit(s),
                Node::Ent(label, s) => b.ent(*label, s),
                Node::Alt(alts) => {
                    let i = self.rng.below(alts.len());
                    self.nodes(&alts[i], b);
                }
                Node::Slot(slot) => self.slot(*slot, b),
            }
        }
    }

    fn phrase(&mut self, list: &str, b: &mut Builder) {
        let st = self.st;
        match st.phrases.get(list) {
            Some(v) if !v.is_empty() => {
                let i = self.rng.below(v.len());
                self.nodes(&v[i], b);
            }
            _ => {}
        }
    }

    fn phrase_plain(&mut self, list: &str) -> String {
        let mut b = Builder::default();
        self.phrase(list, &mut b);
        b.trim_end();
        b.text
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.chance(p)
    }

    fn pick(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.rng.below(xs.len())]
    }

    fn pick_s(&mut self, xs: &[String]) -> String {
        xs[self.rng.below(xs.len())].clone()
    }

    pub fn slot(&mut self, s: Slot, b: &mut Builder) {
        use SlotKind::*;
        let n = s.n;
        let a = s.arg;
        match s.kind {
            P => {
                let p = self.person(n, a);
                let name = if a == "caps" {
                    p.full.to_uppercase()
                } else {
                    p.full
                };
                b.ent(Label::Per, &name);
            }
            HP => self.honorific_person(n, a, b),
            OFF => self.official(n, a, b),
            OFFICE => self.office(a, b),
            R => self.back_ref(n, b),
            RN => {
                let p = self.person(n, a);
                b.ent(Label::Per, &p.given);
            }
            CIT => self.citizen(n, a, b),
            BY => self.byline(b),
            PHOTO => self.photo(b),
            FP => self.foreigner(n, a, b),
            FR => self.foreign_ref(n, b),
            EXP => self.expert(n, b),
            ATH => self.athlete(n, b),
            ART => self.artist(n, b),
            PLIST => self.person_list(b),
            T => {
                let t = self.prov_text(n, a);
                b.ent(Label::Loc, &t);
            }
            H => {
                let t = self.dist_text(n, a);
                b.ent(Label::Loc, &t);
            }
            X => {
                let t = self.commune_text(n, a);
                b.ent(Label::Loc, &t);
            }
            V => {
                let t = self.village();
                b.ent(Label::Loc, &t);
            }
            ST => self.street(b),
            RG => self.region(a, b),
            C => {
                let t = self.country_text(n);
                b.ent(Label::Loc, &t);
            }
            FC => {
                let c = self.country(n);
                let city = self.lex.countries[c].city.clone();
                b.ent(Label::Loc, &city);
            }
            FL => {
                let t = self.pick_s(&self.lex.foreign_places);
                b.ent(Label::Loc, &t);
            }
            VN => b.ent(Label::Loc, "Việt Nam"),
            CITY => self.vn_city(b),
            ADDR => self.address(n, b),
            TLIST => self.prov_list(b),
            HLIST => self.dist_list(b),
            ELLIP => self.elliptical(b),
            UB => {
                let t = self.ubnd(a, n);
                b.ent(Label::Org, &t);
            }
            HD => {
                let t = self.hdnd(a, n);
                b.ent(Label::Org, &t);
            }
            TU => {
                let t = self.party_committee(a, n);
                b.ent(Label::Org, &t);
            }
            SO => {
                let t = self.department_in(n, a);
                b.ent(Label::Org, &t);
            }
            PB => {
                let t = self.prov_body(n, a);
                b.ent(Label::Org, &t);
            }
            DB => {
                let t = self.dist_body(n, a);
                b.ent(Label::Org, &t);
            }
            CB => {
                let t = self.commune_body(n);
                b.ent(Label::Org, &t);
            }
            NB => {
                let t = self.nat_body(a);
                b.ent(Label::Org, &t);
            }
            NEST => {
                let t = self.phrase_plain(if a.is_empty() { "nest" } else { a });
                b.ent(Label::Org, &t);
            }
            CO => {
                let t = self.company(a);
                b.ent(Label::Org, &t);
            }
            BANK => {
                let t = self.company("bank");
                b.ent(Label::Org, &t);
            }
            MED => {
                let t = self.media(a);
                b.ent(Label::Org, &t);
            }
            SITE => {
                let t = self.site();
                b.ent(Label::Org, &t);
            }
            IO => {
                let t = self.pick_s(&self.lex.intl);
                b.ent(Label::Org, &t);
            }
            SCH => {
                let t = self.school();
                b.ent(Label::Org, &t);
            }
            UNI => {
                let t = self.university(a);
                b.ent(Label::Org, &t);
            }
            HOS => {
                let t = self.hospital(a);
                b.ent(Label::Org, &t);
            }
            CLUB => {
                let t = self.club(a);
                b.ent(Label::Org, &t);
            }
            PARTY => {
                let t = self.rng.choose(&self.st.words.party);
                b.ent(Label::Org, t);
            }
            MT => {
                let t = self.prov_body(n, "mass");
                b.ent(Label::Org, &t);
            }
            POL => {
                let t = self.prov_body(n, "police");
                b.ent(Label::Org, &t);
            }
            FG => {
                let t = self.foreign_gov(n);
                b.ent(Label::Org, &t);
            }
            ORG => self.any_org(n, b),
            SCORE => {
                let t = self.score();
                b.ent(Label::Score, &t);
            }
            RANK => {
                let t = self.rank(a);
                b.ent(Label::Rank, &t);
            }
            IDX => self.index(a, b),
            IDXF => self.index("full", b),
            DATE => {
                let t = self.date(a);
                b.ent(Label::Date, &t);
            }
            DAY => self.day(b),
            YEAR => {
                let y = self.yeararg(a);
                b.ent(Label::Date, &format!("năm {y}"));
            }
            Y => {
                let y = self.yeararg(a);
                b.ent(Label::Date, &y.to_string());
            }
            PERIOD => {
                let t = self.period();
                b.ent(Label::Date, &t);
            }
            TERM => {
                let t = self.term();
                b.ent(Label::Date, &t);
            }
            QUARTER => {
                let t = self.quarter();
                b.ent(Label::Date, &t);
            }
            MONTH => {
                let t = self.month();
                b.ent(Label::Date, &t);
            }
            HALF => {
                let t = self.half();
                b.ent(Label::Date, &t);
            }
            DOC => self.document(a, b),
            N => {
                let t = self.number(a);
                b.lit(&t);
            }
            PCT => {
                let t = self.percent();
                b.lit(&t);
            }
            MONEY => {
                let t = self.money();
                b.lit(&t);
            }
            AGE => {
                let t = self.age(a).to_string();
                b.lit(&t);
            }
            TIME => {
                let t = self.clock();
                b.lit(&t);
            }
            ORD => {
                let t = self.rng.range(2, 15).to_string();
                b.lit(&t);
            }
            PH => self.phrase(a, b),
            UP => b.cap_next = true,
        }
    }

    // ----- people ---------------------------------------------------------------------------

    fn vn_name(&mut self, female: bool) -> (String, String, bool) {
        let lex = self.lex;
        if self.chance(0.03) {
            let full = self.pick_s(&lex.minority);
            let given = full.rsplit(' ').next().unwrap_or(&full).to_string();
            let female = full.contains(" Thị ") || full.starts_with("H'");
            return (full, given, female);
        }
        let surname = lex.surnames.draw(self.rng).clone();
        let given_list = if female { &lex.given_f } else { &lex.given_m };
        let given = self.pick_s(given_list);
        let mids = if female { &lex.mid_f } else { &lex.mid_m };
        let r = self.rng.unit();
        let full = if r < 0.05 {
            format!("{surname} {given}")
        } else if r < 0.80 {
            let mut mid = mids.draw(self.rng).clone();
            if mid == given {
                mid = if female {
                    "Thị".into()
                } else {
                    "Văn".into()
                };
            }
            if mid == given {
                mid = "Minh".into();
            }
            format!("{surname} {mid} {given}")
        } else if r < 0.92 {
            let m1 = if female && self.chance(0.5) {
                "Thị".to_string()
            } else {
                mids.draw(self.rng).clone()
            };
            let mut m2 = mids.draw(self.rng).clone();
            if m2 == m1 || m2 == "Thị" || m2 == "Văn" || m2 == given {
                let options: &[&str] = if female {
                    &self.st.words.middle2_female
                } else {
                    &self.st.words.middle2_male
                };
                m2 = options
                    .iter()
                    .find(|o| **o != m1 && **o != given)
                    .map(|o| o.to_string())
                    .unwrap_or_default();
            }
            format!("{surname} {m1} {m2} {given}")
        } else {
            let s2 = lex.surnames.draw(self.rng).clone();
            let s2 = if s2 == surname {
                "Trần".to_string()
            } else {
                s2
            };
            let mut mid = mids.draw(self.rng).clone();
            if mid == "Thị" || mid == "Văn" || mid == given {
                mid = if female {
                    "Ngọc".into()
                } else {
                    "Minh".into()
                };
            }
            format!("{surname} {s2} {mid} {given}")
        };
        (full, given, female)
    }

    /// The person of referent `n`, created on first use. `arg` "f"/"m" forces the sex of a new
    /// person; "cit" makes a private citizen (anh/chị), otherwise an official (ông/bà).
    pub fn person(&mut self, n: u8, arg: &str) -> Person {
        let i = idx(n);
        if let Some(p) = &self.ctx.persons[i] {
            return p.clone();
        }
        let female = match arg {
            "f" => true,
            "m" => false,
            _ => self.chance(0.33),
        };
        let (full, given, female) = loop {
            let v = self.vn_name(female);
            if !self.ctx.persons.iter().flatten().any(|p| p.full == v.0) {
                break v;
            }
        };
        let hon = match (arg, female) {
            ("cit", false) => "anh",
            ("cit", true) => "chị",
            (_, false) => "ông",
            (_, true) => "bà",
        };
        let p = Person {
            full,
            given,
            female,
            hon,
            role: None,
        };
        self.ctx.persons[i] = Some(p.clone());
        p
    }

    fn set_role(&mut self, n: u8, role: &str) {
        if let Some(p) = &mut self.ctx.persons[idx(n)] {
            p.role = Some(role.to_string());
        }
    }

    /// ông/bà (or a title) + full name; only the name is PER.
    fn honorific_person(&mut self, n: u8, arg: &str, b: &mut Builder) {
        let p = self.person(n, arg);
        let hon = if arg == "cit" {
            p.hon
        } else {
            match self.rng.choose(&self.st.words.honorific) {
                "{hon}" => p.hon,
                h => h,
            }
        };
        if !hon.is_empty() {
            b.lit(hon);
            b.lit(" ");
        }
        b.ent(Label::Per, &p.full);
    }

    /// A position and its body: (role, body text or none, class).
    fn post(&mut self, group: &str, n: u8) -> (String, Option<String>) {
        let group = if group.is_empty() || group == "any" {
            self.rng.choose(&[
                ("prov", 30.0),
                ("dept", 20.0),
                ("dist", 13.0),
                ("nat", 14.0),
                ("com", 5.0),
                ("biz", 4.0),
                ("hosp", 3.0),
                ("school", 2.0),
                ("uni", 2.0),
                ("police", 2.0),
                ("mass", 2.0),
                ("party", 3.0),
            ])
        } else {
            group
        };
        let (class, org): (&str, Option<String>) = match group {
            "prov" => {
                let class = self.rng.choose(&[
                    ("ubnd", 6.0),
                    ("hdnd", 1.5),
                    ("party", 2.5),
                    ("delegation", 0.4),
                    ("mass", 0.8),
                    ("police", 0.4),
                    ("military", 0.3),
                    ("court", 0.2),
                    ("procuracy", 0.2),
                    ("cuc", 0.4),
                    ("bql", 0.3),
                    ("office", 0.4),
                    ("centre", 0.5),
                    ("broadcast", 0.2),
                ]);
                let org = match class {
                    "ubnd" => self.ubnd("", n),
                    "hdnd" => self.hdnd("", n),
                    "party" => self.party_committee("", n),
                    c => self.prov_body(n, c),
                };
                (class, Some(org))
            }
            "dept" => ("dept", Some(self.department(n))),
            "dist" => {
                let class = self.rng.choose(&[
                    ("ubnd", 5.0),
                    ("hdnd", 1.0),
                    ("party", 2.0),
                    ("distdept", 2.0),
                ]);
                let org = match class {
                    "ubnd" => self.ubnd("dist", n),
                    "hdnd" => self.hdnd("dist", n),
                    "party" => self.party_committee("dist", n),
                    c => self.dist_body(n, c),
                };
                (class, Some(org))
            }
            "com" => {
                let class = self
                    .rng
                    .choose(&[("ubnd", 4.0), ("hdnd", 1.0), ("partycell", 2.0)]);
                let c = self.commune_text(n, "");
                let org = match class {
                    "ubnd" => format!("{} {c}", self.pick(&self.st.words.commune_ubnd)),
                    "hdnd" => format!("HĐND {c}"),
                    _ => format!("Đảng ủy {c}"),
                };
                (class, Some(org))
            }
            "nat" => {
                let class = self.rng.choose(&[
                    ("ministry", 5.0),
                    ("gov", 2.0),
                    ("natlead", 2.0),
                    ("na", 1.0),
                    ("agency", 0.5),
                ]);
                let org = match class {
                    "natlead" => None,
                    "gov" => Some("Chính phủ".to_string()),
                    "na" => Some("Quốc hội".to_string()),
                    c => Some(self.nat_body(c)),
                };
                (class, org)
            }
            "party" => {
                let lvl = self.pick(&["", "", "dist"]);
                ("party", Some(self.party_committee(lvl, n)))
            }
            "biz" => ("biz", Some(self.company(""))),
            "hosp" => ("hosp", Some(self.hospital(""))),
            "school" => ("school", Some(self.school())),
            "uni" => {
                let u = self.university("");
                let class = if u.starts_with("Viện") {
                    "institute"
                } else {
                    "uni"
                };
                (class, Some(u))
            }
            "police" => ("police", Some(self.prov_body(n, "police"))),
            "mass" => {
                let org = self.prov_body(n, "mass");
                let class = if org.contains("đoàn") {
                    "youth"
                } else {
                    "mass"
                };
                (class, Some(org))
            }
            "intl" => ("intl", Some(self.pick_s(&self.lex.intl))),
            _ => ("ubnd", Some(self.ubnd("", n))),
        };
        // "Chánh Văn phòng UBND tỉnh": the title absorbs "Văn phòng", the ORG is the parent.
        let org = match (class, org) {
            ("office", Some(o)) => match o.strip_prefix("Văn phòng ") {
                Some(parent) if !parent.is_empty() => Some(parent.to_string()),
                _ => Some(o),
            },
            (_, o) => o,
        };
        let role = match self.lex.positions.get(class) {
            Some(w) if !w.is_empty() => w.draw(self.rng).clone(),
            _ => "Giám đốc".to_string(),
        };
        // Universities headed by a Giám đốc are the "Đại học"/"Học viện" ones.
        let role = match (class, org.as_deref()) {
            ("uni", Some(o)) if o.starts_with("Trường") && role == "Giám đốc" => {
                "Hiệu trưởng".to_string()
            }
            ("uni", Some(o)) if !o.starts_with("Trường") && role.contains("Hiệu trưởng") => {
                role.replace("Hiệu trưởng", "Giám đốc")
            }
            _ => role,
        };
        (role, org)
    }

    fn write_post(&mut self, role: &str, org: &Option<String>, b: &mut Builder, lower: bool) {
        if lower && self.chance(0.08) {
            b.ent(Label::Role, &role.to_lowercase());
        } else {
            b.ent(Label::Role, role);
        }
        if let Some(o) = org {
            b.lit(" ");
            b.ent(Label::Org, o);
        }
    }

    /// A named office-holder: ROLE, ORG and PER in one of the orders news uses.
    fn official(&mut self, n: u8, group: &str, b: &mut Builder) {
        let (role, org) = self.post(group, n);
        let party_first =
            matches!(group, "" | "any" | "prov" | "dept" | "dist") && self.chance(0.12);
        let extra = if party_first {
            let lvl = if group == "dist" { "dist" } else { "" };
            let role = self
                .lex
                .positions
                .get("party")
                .map(|w| w.draw(self.rng).clone())
                .unwrap_or_else(|| "Phó Bí thư".into());
            Some((role, Some(self.party_committee(lvl, n))))
        } else {
            None
        };
        let p = self.person(n, "");
        self.set_role(n, &role);
        // Office-holders are ông / bà (even someone met before as "anh" / "chị").
        let hon0 = if p.female { "bà" } else { "ông" };
        let w = &self.st.words;
        let hon = match group {
            "hosp" => self.pick(&w.hon_hospital),
            "uni" => self.pick(&w.hon_university),
            "school" => self.pick(&w.hon_school),
            "police" => self.pick(&w.hon_police),
            "biz" | "intl" => hon0,
            _ => self.rng.choose(&w.hon_official),
        };
        // `{hon}` is ông / bà, `{teacher}` thầy / cô, by the person's sex.
        let hon = match hon {
            "{hon}" => hon0,
            "{teacher}" if p.female => "cô",
            "{teacher}" => "thầy",
            h => h,
        };
        let hon = hon.to_string();
        let form = self.rng.choose(&[
            ('A', 38.0),
            ('B', 28.0),
            ('C', 14.0),
            ('D', 7.0),
            ('E', 6.0),
            ('F', 4.0),
        ]);
        let posts = |r: &mut Self, b: &mut Builder, lower: bool| {
            if let Some((er, eo)) = &extra {
                r.write_post(er, eo, b, lower);
                b.lit(", ");
            }
            r.write_post(&role, &org, b, lower);
        };
        match form {
            'A' => {
                posts(self, b, false);
                b.lit(" ");
                b.ent(Label::Per, &p.full);
            }
            'B' | 'E' => {
                if form == 'E' {
                    b.lit("đồng chí ");
                } else {
                    b.lit(&hon);
                    b.lit(" ");
                }
                b.ent(Label::Per, &p.full);
                b.lit(", ");
                posts(self, b, true);
                // An apposition in mid-sentence is closed by a comma; templates add their own.
            }
            'C' => {
                b.lit(&hon);
                b.lit(" ");
                b.ent(Label::Per, &p.full);
                b.lit(" - ");
                posts(self, b, false);
            }
            'D' => {
                b.lit(&hon);
                b.lit(" ");
                b.ent(Label::Per, &p.full);
                b.lit(" (");
                posts(self, b, false);
                b.lit(")");
            }
            _ => {
                posts(self, b, false);
                b.lit(", ");
                b.lit(&hon);
                b.lit(" ");
                b.ent(Label::Per, &p.full);
            }
        }
    }

    /// An unnamed singular office: ROLE + ORG ("Chủ tịch UBND tỉnh An Giang").
    fn office(&mut self, group: &str, b: &mut Builder) {
        let (role, org) = self.post(group, 1);
        self.write_post(&role, &org, b, false);
    }

    /// A later mention of person `n`: "ông Hưng", "bà Nguyễn Thị Hà", "Bộ trưởng Dũng".
    fn back_ref(&mut self, n: u8, b: &mut Builder) {
        let fresh = self.ctx.persons[idx(n)].is_none();
        let p = self.person(n, "");
        if fresh {
            // Nobody to refer back to: introduce the person.
            b.lit(p.hon);
            b.lit(" ");
            b.ent(Label::Per, &p.full);
            return;
        }
        let short_role = p.role.as_deref().filter(|r| {
            [
                "Bộ trưởng",
                "Thứ trưởng",
                "Bí thư",
                "Chủ tịch",
                "Giám đốc",
                "Phó Chủ tịch",
                "Thủ tướng",
            ]
            .contains(r)
        });
        let form = self
            .rng
            .choose(&[('g', 70.0), ('f', 12.0), ('r', 10.0), ('b', 5.0)]);
        match (form, short_role) {
            ('r', Some(r)) => {
                let r = r.to_string();
                b.ent(Label::Role, &r);
                b.lit(" ");
                b.ent(Label::Per, &p.given);
            }
            ('f', _) => {
                b.lit(p.hon);
                b.lit(" ");
                b.ent(Label::Per, &p.full);
            }
            ('b', _) => b.ent(Label::Per, &p.given),
            _ => {
                b.lit(p.hon);
                b.lit(" ");
                b.ent(Label::Per, &p.given);
            }
        }
    }

    /// A private person with age and residence.
    fn citizen(&mut self, n: u8, arg: &str, b: &mut Builder) {
        let i = idx(n);
        let age = match arg {
            "child" => self.rng.range(4, 16),
            "old" => self.rng.range(60, 92),
            _ => self.rng.range(19, 70),
        };
        let fresh = self.ctx.persons[i].is_none();
        let p = self.person(n, "cit");
        let hon: String = match (age, p.female) {
            (0..=15, _) => self.pick(&self.st.words.cit_child).into(),
            (16..=45, false) => self.pick(&self.st.words.cit_young_man).into(),
            (16..=45, true) => self.pick(&self.st.words.cit_young_woman).into(),
            (_, false) => self.pick(&self.st.words.cit_old_man).into(),
            (_, true) => self.pick(&self.st.words.cit_old_woman).into(),
        };
        if fresh {
            let short = match hon.as_str() {
                "em" | "cháu" | "bé" => "em",
                "ông" | "cụ" | "nông dân" => "ông",
                "bà" | "cụ bà" => "bà",
                _ if p.female => "chị",
                _ => "anh",
            };
            if let Some(q) = &mut self.ctx.persons[i] {
                q.hon = short;
            }
        }
        b.lit(&hon);
        b.lit(" ");
        b.ent(Label::Per, &p.full);
        match self.rng.below(6) {
            0 => b.lit(&format!(" ({age} tuổi)")),
            1 | 2 => {
                b.lit(&format!(
                    " ({age} tuổi, {} ",
                    self.pick(&self.st.words.lives_in)
                ));
                let x = self.commune_text(n, "");
                b.ent(Label::Loc, &x);
                if !self.ctx.new_era && self.chance(0.7) {
                    b.lit(", ");
                    let h = self.dist_text(n, "");
                    b.ent(Label::Loc, &h);
                } else if self.chance(0.4) {
                    b.lit(", ");
                    let t = self.prov_text(n, "");
                    b.ent(Label::Loc, &t);
                }
                b.lit(")");
            }
            3 => {
                let y = self.ctx.year.saturating_sub(age);
                b.lit(&format!(" (SN {y}, trú "));
                let x = self.commune_text(n, "");
                b.ent(Label::Loc, &x);
                b.lit(", ");
                let t = self.prov_text(n, "");
                b.ent(Label::Loc, &t);
                b.lit(")");
            }
            4 => b.lit(&format!(", {age} tuổi,")),
            _ => {}
        }
    }

    fn pen_name(&mut self) -> String {
        let female = self.chance(0.45);
        let lex = self.lex;
        let mid = if female {
            lex.mid_f.draw(self.rng)
        } else {
            lex.mid_m.draw(self.rng)
        }
        .clone();
        let mid = if mid == "Thị" || mid == "Văn" {
            "Minh".to_string()
        } else {
            mid
        };
        let g = self.pick_s(if female { &lex.given_f } else { &lex.given_m });
        if mid == g {
            format!("{mid} Anh")
        } else {
            format!("{mid} {g}")
        }
    }

    /// One or two author names, sometimes in capitals, sometimes with the agency.
    fn byline(&mut self, b: &mut Builder) {
        let caps = self.chance(0.35);
        let name = |r: &mut Self| {
            let s = if r.chance(0.5) {
                r.pen_name()
            } else {
                {
                    let female = r.rng.chance(0.4);
                    r.vn_name(female).0
                }
            };
            if caps {
                s.to_uppercase()
            } else {
                s
            }
        };
        match self.rng.below(10) {
            0 => {
                let a = self.pick_s(&self.lex.given_f);
                let c = self.pick_s(&self.lex.given_m);
                let (a, c) = if caps {
                    (a.to_uppercase(), c.to_uppercase())
                } else {
                    (a, c)
                };
                b.ent(Label::Per, &a);
                b.lit(" - ");
                b.ent(Label::Per, &c);
            }
            1 => {
                let a = name(self);
                let c = name(self);
                b.ent(Label::Per, &a);
                b.lit(self.pick(&[" - ", " - ", ", "]));
                b.ent(Label::Per, &c);
            }
            2 => {
                let a = name(self);
                b.ent(Label::Per, &a);
                b.lit(" (");
                let m = self.pick(&self.st.words.byline_media);
                b.ent(Label::Org, m);
                b.lit(")");
            }
            3 => {
                let a = name(self);
                b.ent(Label::Per, &a);
                b.lit(" - ");
                let m = self.media("local");
                b.ent(Label::Org, &m);
            }
            _ => {
                let a = name(self);
                b.ent(Label::Per, &a);
            }
        }
    }

    /// The credit of a photo (after "Ảnh:").
    fn photo(&mut self, b: &mut Builder) {
        match self.rng.below(10) {
            0..=3 => {
                let s = if self.chance(0.6) {
                    self.pen_name()
                } else {
                    self.vn_name(false).0
                };
                let s = if self.chance(0.2) {
                    s.to_uppercase()
                } else {
                    s
                };
                b.ent(Label::Per, &s);
            }
            4 | 5 => {
                let m = if self.chance(0.5) {
                    self.media("vn")
                } else {
                    self.site()
                };
                b.ent(Label::Org, &m);
            }
            6 | 7 => {
                let s = self.pen_name();
                b.ent(Label::Per, &s);
                b.lit("/");
                let m = self.pick(&self.st.words.photo_agency);
                b.ent(Label::Org, m);
            }
            8 => {
                let m = self.pick(&self.st.words.photo_gov_media);
                b.ent(Label::Org, m);
                b.lit("/");
                let s = self.pen_name();
                b.ent(Label::Per, &s);
            }
            _ => {
                let s = self.pick(&self.st.words.photo_credit);
                if s == "Getty" {
                    b.ent(Label::Org, "Getty");
                } else {
                    b.lit(s);
                }
            }
        }
    }

    /// Foreign person `n`; `cat` "gen" (a generated name), "sport", "player", "biz", "pol" (a
    /// known figure of that kind) or "" (any).
    fn foreigner_of(&mut self, n: u8, cat: &str) -> (Person, Option<usize>, Option<usize>) {
        let i = idx(n);
        if let Some(p) = &self.ctx.foreigners[i] {
            return (p.clone(), None, self.ctx.countries[i]);
        }
        let lex = self.lex;
        let st = self.st;
        let known: Vec<usize> = (0..lex.foreign_people.len())
            .filter(|&k| {
                let intro = st.fp_intro_text.get(k).copied().unwrap_or("");
                let player = ["tiền đạo", "siêu sao", "tay vợt"]
                    .iter()
                    .any(|w| intro.contains(w));
                let sport = player || intro.contains("HLV");
                let biz = ["tỷ phú", "CEO", "ông chủ", "nhà đầu tư"]
                    .iter()
                    .any(|w| intro.contains(w));
                match cat {
                    "sport" => sport,
                    "player" => player,
                    "biz" => biz,
                    "pol" => {
                        !sport && !biz && !intro.contains("ca sĩ") && !intro.contains("hoạt động")
                    }
                    _ => true,
                }
            })
            .filter(|k| {
                !self
                    .ctx
                    .foreigners
                    .iter()
                    .flatten()
                    .any(|p| p.full == lex.foreign_people[*k].name)
            })
            .collect();
        let use_known = match cat {
            "gen" => false,
            "sport" | "player" | "biz" | "pol" => true,
            _ => self.chance(0.6),
        };
        let (p, intro, country) = if use_known && !known.is_empty() {
            let k = known[self.rng.below(known.len())];
            let f = &lex.foreign_people[k];
            let p = Person {
                full: f.name.clone(),
                given: f.short.clone(),
                female: f.female,
                hon: if f.female { "bà" } else { "ông" },
                role: None,
            };
            (p, Some(k), f.country)
        } else if self.chance(0.7) {
            let (g, female) = lex.foreign_given[self.rng.below(lex.foreign_given.len())].clone();
            let fam = self.pick_s(&lex.foreign_family);
            let p = Person {
                full: format!("{g} {fam}"),
                given: fam,
                female,
                hon: if female { "bà" } else { "ông" },
                role: None,
            };
            (p, None, None)
        } else {
            let (name, short, female) = lex.asian[self.rng.below(lex.asian.len())].clone();
            let p = Person {
                full: name,
                given: short,
                female,
                hon: if female { "bà" } else { "ông" },
                role: None,
            };
            (p, None, None)
        };
        self.ctx.foreigners[i] = Some(p.clone());
        if let Some(c) = country {
            self.ctx.countries[i] = Some(c);
        }
        (p, intro, country)
    }

    /// A foreign person, introduced the way news does.
    fn foreigner(&mut self, n: u8, arg: &str, b: &mut Builder) {
        let (p, intro, _) = self.foreigner_of(n, arg);
        if arg == "gen" {
            b.ent(Label::Per, &p.full);
            return;
        }
        match intro {
            Some(k) if self.chance(0.85) => {
                let st = self.st;
                self.nodes(&st.fp_intros[k], b);
                b.lit(" ");
                b.ent(Label::Per, &p.full);
            }
            Some(_) => b.ent(Label::Per, &p.full),
            None => match self.rng.below(6) {
                0 => {
                    b.ent(Label::Role, "Đại sứ");
                    b.lit(" ");
                    let c = self.country_text(n);
                    b.ent(Label::Loc, &c);
                    b.lit(" tại ");
                    b.ent(Label::Loc, "Việt Nam");
                    b.lit(" ");
                    b.ent(Label::Per, &p.full);
                }
                1 => {
                    let (role, org) = self.post("intl", n);
                    b.lit(p.hon);
                    b.lit(" ");
                    b.ent(Label::Per, &p.full);
                    b.lit(", ");
                    self.write_post(&role, &org, b, true);
                }
                2 => {
                    let d = self.pick(&self.st.words.foreigner_as);
                    b.lit(d);
                    b.lit(" ");
                    b.ent(Label::Per, &p.full);
                    b.lit(" (");
                    let c = self.country_text(n);
                    b.ent(Label::Loc, &c);
                    b.lit(")");
                }
                _ => {
                    b.lit(p.hon);
                    b.lit(" ");
                    b.ent(Label::Per, &p.full);
                }
            },
        }
    }

    fn foreign_ref(&mut self, n: u8, b: &mut Builder) {
        if self.ctx.foreigners[idx(n)].is_none() {
            self.foreigner(n, "", b);
            return;
        }
        let (p, _, _) = self.foreigner_of(n, "");
        if self.chance(0.6) {
            b.lit(p.hon);
            b.lit(" ");
        }
        b.ent(Label::Per, &p.given);
    }

    fn expert(&mut self, n: u8, b: &mut Builder) {
        let p = self.person(n, "");
        let title = self.pick(&self.st.words.expert_title);
        b.lit(title);
        b.lit(" ");
        b.ent(Label::Per, &p.full);
        b.lit(", ");
        match self.rng.below(3) {
            0 => {
                b.lit(self.pick(&self.st.words.expert_of));
                b.lit(" ");
                let u = self.university("");
                b.ent(Label::Org, &u);
            }
            1 => {
                let (role, org) = self.post("uni", n);
                self.write_post(&role, &org, b, true);
            }
            _ => {
                b.lit("thành viên ");
                let o = self.pick_s(&self.lex.intl);
                b.ent(Label::Org, &o);
            }
        }
    }

    fn athlete(&mut self, n: u8, b: &mut Builder) {
        let p = self.person(n, "");
        let d = self.pick(&self.st.words.athlete_role);
        b.lit(d);
        b.lit(" ");
        b.ent(Label::Per, &p.full);
        if self.chance(0.4) {
            b.lit(" (");
            let c = self.club("vn");
            b.ent(Label::Org, &c);
            b.lit(")");
        }
    }

    fn artist(&mut self, n: u8, b: &mut Builder) {
        let p = self.person(n, "");
        let d = self.pick(&self.st.words.artist_role);
        b.lit(d);
        b.lit(" ");
        b.ent(Label::Per, &p.full);
    }

    /// Several named people under one plural title: no ROLE (plural), the body is still ORG.
    fn person_list(&mut self, b: &mut Builder) {
        let k = self.rng.range(2, 3) as u8;
        match self.rng.below(3) {
            0 => {
                b.lit(self.pick(&self.st.words.plist_vice_chairs));
                let o = self.ubnd("", 1);
                b.ent(Label::Org, &o);
                b.lit(" ");
            }
            1 => {
                b.lit(self.pick(&self.st.words.plist_vice_directors));
                let o = self.department(1);
                b.ent(Label::Org, &o);
                b.lit(" ");
            }
            _ => b.lit(self.pick(&self.st.words.plist_comrades)),
        }
        for j in 0..k {
            if j > 0 {
                b.lit(if j + 1 == k { " và " } else { ", " });
            }
            let p = self.person(2 + j, "");
            b.ent(Label::Per, &p.full);
        }
    }

    // ----- places ---------------------------------------------------------------------------

    fn provs(&self) -> &[Prov] {
        if self.ctx.new_era {
            &self.lex.provinces_2025
        } else {
            &self.lex.provinces
        }
    }

    pub fn prov(&mut self, n: u8) -> Prov {
        let i = idx(n);
        if let Some(k) = self.ctx.provs[i] {
            return self.provs()[k].clone();
        }
        let len = self.provs().len();
        let mut k = self.rng.below(len);
        for _ in 0..8 {
            if !self.ctx.provs.contains(&Some(k)) {
                break;
            }
            k = self.rng.below(len);
        }
        self.ctx.provs[i] = Some(k);
        self.provs()[k].clone()
    }

    /// A province name without prefix (canonical, or now and then a written variant).
    fn prov_name(&mut self, p: &Prov) -> String {
        if p.name == "Hồ Chí Minh" {
            return self.pick(&self.st.words.hcm_forms).to_string();
        }
        let usable: Vec<&String> = p
            .aliases
            .iter()
            .filter(|a| a.chars().count() > 3 && !a.contains("Huế") || a.as_str() == "Huế")
            .collect();
        if !usable.is_empty() && self.chance(0.12) {
            return usable[self.rng.below(usable.len())].clone();
        }
        p.name.clone()
    }

    /// Province LOC text; `arg` "bare" (no prefix), "pre" (always a prefix).
    fn prov_text(&mut self, n: u8, arg: &str) -> String {
        let p = self.prov(n);
        let name = self.prov_name(&p);
        if name.starts_with("TP") || name.starts_with("Thành phố") {
            return name;
        }
        let prefix = match arg {
            "bare" => false,
            "pre" => true,
            _ => self.chance(0.55),
        };
        if !prefix {
            return name;
        }
        if p.city {
            let pre = self.rng.choose(&self.st.words.city_prefix);
            format!("{pre} {name}")
        } else {
            format!("tỉnh {name}")
        }
    }

    /// The pre-2025 province whose districts the current province stands for.
    fn district_pool(&mut self, n: u8) -> Vec<usize> {
        let p = self.prov(n);
        if !p.districts.is_empty() {
            return p.districts;
        }
        let name = if p.name == "Huế" {
            "Thừa Thiên Huế"
        } else {
            p.name.as_str()
        };
        match self.lex.provinces.iter().find(|q| q.name == name) {
            Some(q) if !q.districts.is_empty() => q.districts.clone(),
            _ => (0..self.lex.districts.len()).collect(),
        }
    }

    fn dist(&mut self, n: u8) -> usize {
        let i = idx(n);
        if let Some(d) = self.ctx.dists[i] {
            return d;
        }
        let pool = self.district_pool(1);
        let mut d = pool[self.rng.below(pool.len())];
        for _ in 0..6 {
            if !self.ctx.dists.contains(&Some(d)) {
                break;
            }
            d = pool[self.rng.below(pool.len())];
        }
        self.ctx.dists[i] = Some(d);
        d
    }

    fn dist_prefix(&mut self, kind: &str) -> String {
        match kind {
            "thị xã" => self.rng.choose(&self.st.words.town_prefix),
            "thành phố" => self.rng.choose(&self.st.words.district_city_prefix),
            "quận" => self.rng.choose(&self.st.words.urban_district_prefix),
            k => k,
        }
        .to_string()
    }

    /// District LOC text; `arg` "bare" for the name alone (numbered districts keep "quận").
    fn dist_text(&mut self, n: u8, arg: &str) -> String {
        let d = self.dist(n);
        let dd = self.lex.districts[d].clone();
        let numeric = dd.name.chars().all(|c| c.is_ascii_digit());
        if (arg == "bare" || (arg.is_empty() && self.chance(0.12))) && !numeric {
            return dd.name;
        }
        let pre = self.dist_prefix(&dd.kind);
        let pre = if numeric && pre == "quận" && self.chance(0.5) {
            "Quận".to_string()
        } else {
            pre
        };
        format!("{pre} {}", dd.name)
    }

    fn commune_name(&mut self) -> String {
        let lex = self.lex;
        match self.rng.below(20) {
            0..=1 => self.pick_s(&lex.ethnic_places),
            2 => self.pick_s(&lex.famous),
            _ => {
                let a = self.pick_s(&lex.comm_first);
                let mut c = self.pick_s(&lex.comm_second);
                if c == a {
                    c = "Lợi".into();
                }
                format!("{a} {c}")
            }
        }
    }

    fn commune(&mut self, n: u8) -> Commune {
        let i = idx(n);
        if let Some(c) = &self.ctx.communes[i] {
            return c.clone();
        }
        let kind = if self.ctx.new_era {
            self.rng.choose(&self.st.words.commune_prefix_new)
        } else {
            self.rng.choose(&self.st.words.commune_prefix)
        };
        let name = if kind == "phường" && !self.ctx.new_era && self.chance(0.12) {
            self.rng.range(1, 15).to_string()
        } else {
            self.commune_name()
        };
        let c = Commune { name, kind };
        self.ctx.communes[i] = Some(c.clone());
        c
    }

    fn commune_text(&mut self, n: u8, arg: &str) -> String {
        let c = self.commune(n);
        let numeric = c.name.chars().all(|x| x.is_ascii_digit());
        if arg == "bare" && !numeric {
            return c.name;
        }
        format!("{} {}", c.kind, c.name)
    }

    fn village(&mut self) -> String {
        let pre = self.pick(&self.st.words.hamlet_prefix);
        let name = if pre == "bản" && self.chance(0.6) {
            self.pick_s(&self.lex.ethnic_places)
        } else {
            self.commune_name()
        };
        format!("{pre} {name}")
    }

    /// A street: only the name is LOC ("đường" / "phố" stay outside).
    fn street(&mut self, b: &mut Builder) {
        if self.chance(0.3) {
            b.lit(&format!("số {} ", self.rng.range(1, 350)));
        }
        b.lit(self.pick(&self.st.words.street_prefix));
        let s = self.pick_s(&self.lex.famous);
        b.ent(Label::Loc, &s);
    }

    fn region_idx(&mut self, arg: &str) -> usize {
        if arg == "of" {
            let p = self.prov(1);
            if let Some(r) = p.region {
                return r;
            }
        }
        self.rng.below(self.lex.regions.len())
    }

    /// A region ("khu vực" / "vùng" before it are the template's, outside the span).
    fn region(&mut self, arg: &str, b: &mut Builder) {
        let r = self.region_idx(arg);
        let forms = &self.lex.regions[r];
        let f = if self.chance(0.5) {
            forms[0].clone()
        } else {
            self.pick_s(forms)
        };
        b.ent(Label::Loc, &f);
    }

    fn country(&mut self, n: u8) -> usize {
        let i = idx(n);
        if let Some(c) = self.ctx.countries[i] {
            return c;
        }
        let len = self.lex.countries.len();
        // Neighbours and big partners come up more often.
        let c = if self.chance(0.5) {
            self.rng.below(12.min(len))
        } else {
            self.rng.below(len)
        };
        self.ctx.countries[i] = Some(c);
        c
    }

    fn country_text(&mut self, n: u8) -> String {
        let c = self.country(n);
        let cc = &self.lex.countries[c];
        if !cc.alts.is_empty() && self.chance(0.25) {
            let alts = cc.alts.clone();
            self.pick_s(&alts)
        } else {
            cc.name.clone()
        }
    }

    fn vn_city(&mut self, b: &mut Builder) {
        let s = match self.rng.below(3) {
            0 => self.pick_s(&self.lex.vn_places),
            1 => {
                let cities: Vec<String> = self
                    .lex
                    .districts
                    .iter()
                    .filter(|d| d.kind == "thành phố")
                    .map(|d| d.name.clone())
                    .collect();
                self.pick_s(&cities)
            }
            _ => {
                let p = self.prov(1);
                self.prov_name(&p)
            }
        };
        b.ent(Label::Loc, &s);
    }

    /// "xã X, huyện Y, tỉnh Z": one LOC per unit.
    fn address(&mut self, n: u8, b: &mut Builder) {
        let x = self.commune_text(n, "");
        b.ent(Label::Loc, &x);
        if !self.ctx.new_era && self.chance(0.8) {
            b.lit(", ");
            let h = self.dist_text(n, "");
            b.ent(Label::Loc, &h);
        }
        b.lit(", ");
        let t = self.prov_text(n, "");
        b.ent(Label::Loc, &t);
    }

    fn prov_list(&mut self, b: &mut Builder) {
        let k = self.rng.range(2, 5) as usize;
        let len = self.provs().len();
        let mut chosen: Vec<usize> = Vec::new();
        let first = self.prov(1);
        let same_region: Vec<usize> = self
            .provs()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.region.is_some() && p.region == first.region && p.name != first.name)
            .map(|(i, _)| i)
            .collect();
        while chosen.len() < k {
            let c = if !same_region.is_empty() && self.chance(0.7) {
                same_region[self.rng.below(same_region.len())]
            } else {
                self.rng.below(len)
            };
            if !chosen.contains(&c) {
                chosen.push(c);
            }
            if chosen.len() >= same_region.len().max(1) && self.chance(0.5) {
                break;
            }
        }
        let each_prefix = self.chance(0.2);
        if !each_prefix {
            b.lit(self.pick(&self.st.words.prov_list_intro));
        }
        let total = chosen.len();
        for (j, c) in chosen.into_iter().enumerate() {
            if j > 0 {
                b.lit(if j + 1 == total { " và " } else { ", " });
            }
            let p = self.provs()[c].clone();
            let name = self.prov_name(&p);
            let t = if each_prefix && !name.starts_with("TP") {
                if p.city {
                    format!("TP {name}")
                } else {
                    format!("tỉnh {name}")
                }
            } else {
                name
            };
            b.ent(Label::Loc, &t);
        }
    }

    fn dist_list(&mut self, b: &mut Builder) {
        let pool = self.district_pool(1);
        let k = self.rng.range(2, 4) as usize;
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..k * 3 {
            let d = pool[self.rng.below(pool.len())];
            if !chosen.contains(&d)
                && !self.lex.districts[d]
                    .name
                    .chars()
                    .all(|c| c.is_ascii_digit())
            {
                chosen.push(d);
            }
            if chosen.len() == k {
                break;
            }
        }
        let each = self.chance(0.25);
        if !each {
            b.lit(self.pick(&self.st.words.dist_list_intro));
        }
        let total = chosen.len();
        for (j, d) in chosen.into_iter().enumerate() {
            if j > 0 {
                b.lit(if j + 1 == total { " và " } else { ", " });
            }
            let dd = self.lex.districts[d].clone();
            let t = if each {
                let pre = self.dist_prefix(&dd.kind);
                format!("{pre} {}", dd.name)
            } else {
                dd.name
            };
            b.ent(Label::Loc, &t);
        }
    }

    /// "UBND huyện A, B và C": only the fully written first body is ORG, the rest are LOC.
    fn elliptical(&mut self, b: &mut Builder) {
        let pool = self.district_pool(1);
        let mut chosen: Vec<usize> = Vec::new();
        let k = self.rng.range(2, 4) as usize;
        for _ in 0..k * 3 {
            let d = pool[self.rng.below(pool.len())];
            let dd = &self.lex.districts[d];
            if !chosen.contains(&d) && !dd.name.chars().all(|c| c.is_ascii_digit()) {
                chosen.push(d);
            }
            if chosen.len() == k {
                break;
            }
        }
        if chosen.len() < 2 {
            let d = self.dist_text(1, "");
            b.ent(Label::Loc, &d);
            return;
        }
        let plural = self.chance(0.2);
        let head = self.pick(&self.st.words.dist_heads);
        let first = self.lex.districts[chosen[0]].clone();
        let total = chosen.len();
        if plural {
            // "UBND các huyện A, B": a plural body, no ORG; the names are LOC.
            let unit = match first.kind.as_str() {
                "quận" => "quận",
                "thị xã" => "thị xã",
                "thành phố" => "thành phố",
                _ => "huyện",
            };
            b.lit(&format!("{head} các {unit} "));
            b.ent(Label::Loc, &first.name);
        } else {
            let head = if head == "Huyện ủy" {
                adapt_level(head, &first.kind)
            } else {
                head.to_string()
            };
            let org = if head.ends_with(" ủy") {
                format!("{head} {}", first.name)
            } else {
                let pre = self.dist_prefix(&first.kind);
                format!("{head} {pre} {}", first.name)
            };
            b.ent(Label::Org, &org);
        }
        for (j, d) in chosen.into_iter().enumerate().skip(1) {
            b.lit(if j + 1 == total { " và " } else { ", " });
            let dd = self.lex.districts[d].clone();
            let t = if dd.kind == "thị xã" && self.chance(0.5)
                || dd.kind == "thành phố" && self.chance(0.5)
            {
                let pre = self.dist_prefix(&dd.kind);
                format!("{pre} {}", dd.name)
            } else {
                dd.name
            };
            b.ent(Label::Loc, &t);
        }
    }

    // ----- bodies ---------------------------------------------------------------------------

    /// The location part of a provincial body's name (with its leading space, or empty).
    fn prov_suffix(&mut self, n: u8, bare_ok: bool, possessive_ok: bool) -> String {
        let p = self.prov(n);
        let name = self.prov_name(&p);
        let full = if name.starts_with("TP") || name.starts_with("Thành phố") {
            name.clone()
        } else if p.city {
            let pre = self.rng.choose(&self.st.words.city_prefix_body);
            format!("{pre} {name}")
        } else {
            format!("tỉnh {name}")
        };
        let level = if p.city {
            self.pick(&self.st.words.city_prefix_short)
        } else {
            "tỉnh"
        };
        let style = self.rng.choose(&[
            ('F', 45.0),
            ('N', 14.0),
            ('L', 30.0),
            ('0', if bare_ok { 14.0 } else { 0.0 }),
            ('P', if possessive_ok { 5.0 } else { 0.0 }),
        ]);
        match style {
            'F' => format!(" {full}"),
            'N' => format!(" {name}"),
            'L' => format!(" {level}"),
            'P' => {
                if self.chance(0.6) {
                    format!(" của {level}")
                } else {
                    format!(" của {name}")
                }
            }
            _ => String::new(),
        }
    }

    fn dist_suffix(&mut self, n: u8) -> (String, String) {
        let d = self.dist(n);
        let dd = self.lex.districts[d].clone();
        let numeric = dd.name.chars().all(|c| c.is_ascii_digit());
        let pre = self.dist_prefix(&dd.kind);
        let style = self.rng.choose(&[
            ('F', 70.0),
            ('N', if numeric { 0.0 } else { 12.0 }),
            ('L', 18.0),
        ]);
        let s = match style {
            'F' => format!(" {pre} {}", dd.name),
            'N' => format!(" {}", dd.name),
            _ => format!(
                " {}",
                if dd.kind == "thành phố" {
                    "thành phố"
                } else {
                    dd.kind.as_str()
                }
            ),
        };
        (s, dd.kind)
    }

    fn ubnd(&mut self, level: &str, n: u8) -> String {
        let head = self.rng.choose(&self.st.words.ubnd_heads);
        match level {
            "dist" => format!("{head}{}", self.dist_suffix(n).0),
            "com" => format!("{head} {}", self.commune_text(n, "")),
            _ => format!("{head}{}", self.prov_suffix(n, false, false)),
        }
    }

    fn hdnd(&mut self, level: &str, n: u8) -> String {
        let head = self.rng.choose(&self.st.words.hdnd_heads);
        match level {
            "dist" => format!("{head}{}", self.dist_suffix(n).0),
            "com" => format!("{head} {}", self.commune_text(n, "")),
            _ => format!("{head}{}", self.prov_suffix(n, false, false)),
        }
    }

    /// Tỉnh ủy / Thành ủy / Huyện ủy …, bare or with the unit's name.
    fn party_committee(&mut self, level: &str, n: u8) -> String {
        if level == "dist" {
            let d = self.dist(n);
            let dd = self.lex.districts[d].clone();
            let head = adapt_level("Huyện ủy", &dd.kind);
            let numeric = dd.name.chars().all(|c| c.is_ascii_digit());
            return if numeric || self.chance(0.7) {
                format!("{head} {}", dd.name)
            } else {
                head
            };
        }
        let p = self.prov(n);
        let head = if p.city { "Thành ủy" } else { "Tỉnh ủy" };
        let head = if self.chance(0.08) {
            format!("Ban Thường vụ {head}")
        } else {
            head.to_string()
        };
        if self.chance(0.45) {
            let name = self.prov_name(&p);
            let name = if name.starts_with("TP") {
                "TP.HCM".to_string()
            } else {
                name
            };
            format!("{head} {name}")
        } else {
            head
        }
    }

    fn department(&mut self, n: u8) -> String {
        self.department_in(n, "")
    }

    /// A Sở, of any field or of one whose name contains `field` ("Y tế", "Du lịch").
    fn department_in(&mut self, n: u8, field: &str) -> String {
        let all: Vec<&BodyHead> = self
            .lex
            .prov_bodies
            .iter()
            .filter(|h| h.class == "dept")
            .collect();
        let some: Vec<&BodyHead> = all
            .iter()
            .copied()
            .filter(|h| h.head.contains(field))
            .collect();
        let heads = if some.is_empty() { all } else { some };
        let h = heads[self.rng.below(heads.len())].clone();
        let mut head = h.head.clone();
        if self.chance(0.05) {
            // Writers vary the capitals of field words: "Sở Kế hoạch và đầu tư".
            let mut words: Vec<String> = head.split(' ').map(str::to_string).collect();
            for w in words.iter_mut().skip(2) {
                if w.chars().count() > 1
                    && !w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
                {
                    *w = w.to_lowercase();
                }
            }
            head = words.join(" ");
        }
        let suffix = self.prov_suffix(n, true, false);
        format!("{head}{suffix}")
    }

    fn prov_body(&mut self, n: u8, class: &str) -> String {
        let heads: Vec<&BodyHead> = self
            .lex
            .prov_bodies
            .iter()
            .filter(|h| class.is_empty() || h.class == class)
            .collect();
        let heads = if heads.is_empty() {
            self.lex.prov_bodies.iter().collect()
        } else {
            heads
        };
        let h = heads[self.rng.below(heads.len())].clone();
        if h.level_in_head {
            let p = self.prov(n);
            let head = adapt_level(&h.head, if p.city { "thành phố" } else { "tỉnh" });
            if self.chance(0.5) {
                let name = self.prov_name(&p);
                return format!("{head} {name}");
            }
            return head;
        }
        let possessive = matches!(h.class, "centre" | "office" | "none");
        let suffix = self.prov_suffix(n, h.bare_ok, possessive);
        format!("{}{suffix}", h.head)
    }

    fn dist_body(&mut self, n: u8, class: &str) -> String {
        let heads: Vec<&BodyHead> = self
            .lex
            .dist_bodies
            .iter()
            .filter(|h| class.is_empty() || h.class == class)
            .collect();
        let heads = if heads.is_empty() {
            self.lex.dist_bodies.iter().collect()
        } else {
            heads
        };
        let h = heads[self.rng.below(heads.len())].clone();
        let d = self.dist(n);
        let dd = self.lex.districts[d].clone();
        if h.level_in_head {
            let head = adapt_level(&h.head, &dd.kind);
            return format!("{head} {}", dd.name);
        }
        let (suffix, _) = self.dist_suffix(n);
        format!("{}{suffix}", h.head)
    }

    fn commune_body(&mut self, n: u8) -> String {
        // The same heads before and after 2025; public service centres are common after.
        let heads = if self.ctx.new_era {
            &self.st.words.commune_heads_new
        } else {
            &self.st.words.commune_heads
        };
        let head = self.rng.choose(heads);
        format!("{head} {}", self.commune_text(n, ""))
    }

    fn nat_body(&mut self, class: &str) -> String {
        // Ministries and the Government come up far more often than committees and boards.
        let class = if class.is_empty() {
            self.rng
                .choose(&[("ministry", 6.0), ("", 3.0), ("gov", 1.5), ("office", 0.5)])
        } else {
            class
        };
        if class == "gov" {
            return "Chính phủ".to_string();
        }
        let heads: Vec<&BodyHead> = self
            .lex
            .nat_bodies
            .iter()
            .filter(|h| class.is_empty() || h.class == class)
            .collect();
        let heads = if heads.is_empty() {
            self.lex.nat_bodies.iter().collect()
        } else {
            heads
        };
        heads[self.rng.below(heads.len())].head.clone()
    }

    fn company(&mut self, sector: &str) -> String {
        let lex = self.lex;
        if sector.is_empty() && self.chance(0.3) || sector == "gen" {
            let form = self.pick_s(&lex.company_forms);
            let name = self.pick_s(&lex.company_names);
            return if form == "Hợp tác xã" {
                let t = self.pick(&self.st.words.coop_trades);
                format!("{form} {t} {name}")
            } else if self.chance(0.6) {
                let t = self.pick_s(&lex.company_trades);
                format!("{form} {t} {name}")
            } else {
                format!("{form} {name}")
            };
        }
        let pool: Vec<&(String, String)> = lex
            .companies
            .iter()
            .filter(|(_, s)| match sector {
                "" => true,
                "vn" => s != "foreign",
                other => s == other,
            })
            .collect();
        let pool = if pool.is_empty() {
            lex.companies.iter().collect()
        } else {
            pool
        };
        pool[self.rng.below(pool.len())].0.clone()
    }

    fn site(&mut self) -> String {
        let p = self.prov(1);
        if p.sites.is_empty() || self.chance(0.15) {
            let sites: Vec<String> = self
                .lex
                .media
                .iter()
                .filter(|(_, k)| k == "site")
                .map(|(n, _)| n.clone())
                .collect();
            return self.pick_s(&sites);
        }
        let stem = self.pick_s(&p.sites);
        let tld = self.pick(&self.st.words.site_tld);
        let stem = if tld == ".gov.vn" {
            stem.trim_start_matches("bao").to_string()
        } else if stem.starts_with("bao") {
            stem
        } else {
            format!("bao{stem}")
        };
        let mut c = stem.chars();
        let cap = match c.next() {
            Some(f) if self.chance(0.7) => f.to_uppercase().collect::<String>() + c.as_str(),
            _ => stem.clone(),
        };
        format!("{cap}{tld}")
    }

    fn media(&mut self, kind: &str) -> String {
        let kind = if kind.is_empty() {
            self.rng
                .choose(&[("vn", 5.0), ("intl", 2.0), ("local", 3.0)])
        } else {
            kind
        };
        if kind == "local" {
            let p = self.prov(1);
            let name = self.prov_name(&p);
            let f = self.rng.choose(&self.st.words.local_media);
            return if f == "{site}" {
                self.site()
            } else {
                format!("{f} {name}")
            };
        }
        let pool: Vec<String> = self
            .lex
            .media
            .iter()
            .filter(|(_, k)| k == kind)
            .map(|(n, _)| n.clone())
            .collect();
        if pool.is_empty() {
            return "TTXVN".to_string();
        }
        self.pick_s(&pool)
    }

    fn school(&mut self) -> String {
        let lex = self.lex;
        let kind = self.rng.choose(&self.st.words.school_kinds);
        let name = match kind {
            "Trường Cao đẳng" => {
                let f = self.pick(&self.st.words.college_fields);
                let p = self.prov(1);
                let pn = self.prov_name(&p);
                return format!("{kind} {f} {pn}");
            }
            "Trường Phổ thông Dân tộc nội trú" => {
                let d = self.dist_text(1, "");
                return format!("{kind} {d}");
            }
            _ if self.chance(0.5) => self.pick_s(&lex.famous),
            _ => self.commune_name(),
        };
        format!("{kind} {name}")
    }

    fn university(&mut self, kind: &str) -> String {
        let pool: Vec<String> = self
            .lex
            .institutions
            .iter()
            .filter(|(_, k)| {
                if kind.is_empty() {
                    k != "hospital"
                } else {
                    k == kind
                }
            })
            .map(|(n, _)| n.clone())
            .collect();
        if self.chance(0.15) {
            let p = self.prov(1);
            let name = self.prov_name(&p);
            return format!("Trường Đại học {name}");
        }
        self.pick_s(&pool)
    }

    fn hospital(&mut self, _arg: &str) -> String {
        if self.chance(0.45) {
            let pool: Vec<String> = self
                .lex
                .institutions
                .iter()
                .filter(|(_, k)| k == "hospital")
                .map(|(n, _)| n.clone())
                .collect();
            return self.pick_s(&pool);
        }
        match self.rng.below(8) {
            0..=2 => {
                let s = self.prov_suffix(1, false, false);
                format!("Bệnh viện Đa khoa{s}")
            }
            3 => {
                let kind = self.pick(&self.st.words.hospital_specialties);
                let p = self.prov(1);
                let name = self.prov_name(&p);
                if self.chance(0.5) {
                    format!("Bệnh viện {kind} {name}")
                } else {
                    format!("Bệnh viện {kind} tỉnh {name}")
                }
            }
            4 | 5 => format!("Trung tâm Y tế {}", self.dist_text(1, "")),
            6 => format!("Bệnh viện Đa khoa khu vực {}", self.dist_text(1, "bare")),
            _ => format!("Bệnh viện Đa khoa {}", self.dist_text(1, "")),
        }
    }

    fn club(&mut self, kind: &str) -> String {
        let pool: Vec<String> = self
            .lex
            .clubs
            .iter()
            .filter(|(_, k)| kind.is_empty() || k == kind)
            .map(|(n, _)| n.clone())
            .collect();
        self.pick_s(&pool)
    }

    fn foreign_gov(&mut self, n: u8) -> String {
        let c = self.country_text(n);
        let head = self.pick(&self.st.words.foreign_bodies);
        if head == "Đại sứ quán" {
            format!("{head} {c} tại Việt Nam")
        } else {
            format!("{head} {c}")
        }
    }

    fn any_org(&mut self, n: u8, b: &mut Builder) {
        let k = self.rng.choose(&[
            ("pb", 4.0),
            ("so", 3.0),
            ("ub", 3.0),
            ("nb", 3.0),
            ("nest", 2.0),
            ("db", 2.0),
            ("co", 2.0),
            ("med", 1.0),
            ("io", 1.0),
        ]);
        let t = match k {
            "pb" => self.prov_body(n, ""),
            "so" => self.department(n),
            "ub" => self.ubnd("", n),
            "nb" => self.nat_body(""),
            "nest" => self.phrase_plain("nest"),
            "db" => self.dist_body(n, ""),
            "co" => self.company(""),
            "med" => self.media(""),
            _ => self.pick_s(&self.lex.intl),
        };
        b.ent(Label::Org, &t);
    }

    // ----- numbers, dates, documents, indices -----------------------------------------------

    fn index_id(&mut self) -> usize {
        if let Some(i) = self.ctx.index {
            return i;
        }
        let len = self.lex.indices.len();
        let mut w = vec![0.5; len];
        for (i, x) in [3.0, 2.5, 1.5, 2.5, 1.0].iter().enumerate() {
            if i < len {
                w[i] = *x;
            }
        }
        let i = self.rng.weighted(&w);
        self.ctx.index = Some(i);
        i
    }

    /// An index name: "PAR INDEX" (maybe after a plain "Chỉ số"), a Vietnamese name, or both.
    fn index(&mut self, arg: &str, b: &mut Builder) {
        let i = self.index_id();
        let (acr, vn) = self.lex.indices[i].clone();
        let acr_form = if self.chance(0.6) {
            acr[0].clone()
        } else {
            self.pick_s(&acr)
        };
        let vn_form = if self.chance(0.6) {
            vn[0].clone()
        } else {
            self.pick_s(&vn)
        };
        let form = match arg {
            "acr" => 'a',
            "vn" => 'v',
            "full" => 'f',
            _ => self.rng.choose(&[('a', 55.0), ('v', 25.0), ('f', 20.0)]),
        };
        match form {
            'a' => {
                if arg.is_empty() && self.chance(0.45) {
                    b.lit(self.pick(&self.st.words.index_intro));
                }
                b.ent(Label::Index, &acr_form);
            }
            'v' => b.ent(Label::Index, &vn_form),
            _ => {
                let vn_cap = {
                    let mut c = vn_form.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                        None => vn_form.clone(),
                    }
                };
                b.ent(Label::Index, &vn_cap);
                b.lit(" (");
                b.ent(Label::Index, &acr_form);
                b.lit(")");
            }
        }
    }

    fn decimal(&mut self, lo: u32, hi: u32, places: u32) -> String {
        let int = self.rng.range(lo, hi);
        let frac = self.rng.range(0, 10u32.pow(places) - 1);
        format!("{int},{frac:0width$}", width = places as usize)
    }

    fn score(&mut self) -> String {
        let i = self.index_id();
        let acr = self.lex.indices[i].0[0].clone();
        match acr.as_str() {
            "PAR INDEX" => format!("{} điểm", self.decimal(72, 92, 2)),
            "PAPI" => {
                let places = if self.chance(0.5) { 3 } else { 4 };
                format!("{} điểm", self.decimal(38, 47, places))
            }
            "SIPAS" => format!("{}%", self.decimal(78, 94, 2)),
            "PCI" => format!("{} điểm", self.decimal(60, 72, 2)),
            "DTI" => format!("0,{} điểm", self.rng.range(3000, 7999)),
            _ => format!("{} điểm", self.decimal(50, 90, 2)),
        }
    }

    fn rank(&mut self, arg: &str) -> String {
        let of = match arg {
            "reg" => {
                let r = self.region_idx("of");
                self.lex.region_sizes.get(r).copied().unwrap_or(13)
            }
            "dept" => self.rng.range(14, 24),
            "dist" => self.rng.range(7, 15),
            _ if self.ctx.new_era => 34,
            _ => 63,
        };
        let x = self.rng.range(1, of);
        if self.chance(0.25) {
            format!("thứ {x}/{of}")
        } else {
            format!("{x}/{of}")
        }
    }

    fn yeararg(&mut self, arg: &str) -> u32 {
        let y = self.ctx.year;
        match arg {
            "prev" => y - 1,
            "next" => y + 1,
            "birth" => y - self.rng.range(35, 60),
            _ => y,
        }
    }

    fn day_month(&mut self) -> (u32, u32) {
        (self.rng.range(1, 28), self.rng.range(1, 12))
    }

    fn date(&mut self, arg: &str) -> String {
        let (d, m) = self.day_month();
        let y = self.ctx.year;
        let pad = self.chance(0.3);
        let dm = if pad {
            format!("{d:02}/{m:02}")
        } else {
            format!("{d}/{m}")
        };
        match arg {
            "bare" => return format!("{dm}/{y}"),
            "dm" => return format!("ngày {dm}"),
            _ => {}
        }
        match self.rng.below(20) {
            0..=8 => format!("ngày {dm}/{y}"),
            9..=12 => format!("{dm}/{y}"),
            13 | 14 => format!("ngày {d:02}-{m:02}-{y}"),
            15 | 16 => format!("ngày {d} tháng {m} năm {y}"),
            _ => format!("ngày {dm}"),
        }
    }

    /// "sáng 12/3", "chiều nay (29/9)", "Ngày 12/01": part-of-day words stay outside the DATE.
    fn day(&mut self, b: &mut Builder) {
        let (d, m) = self.day_month();
        let dm = if self.chance(0.2) {
            format!("{d:02}/{m:02}")
        } else {
            format!("{d}/{m}")
        };
        let part = self.pick(&self.st.words.day_parts);
        match self.rng.below(10) {
            0..=4 => {
                b.lit(part);
                b.lit(" ");
                b.ent(Label::Date, &dm);
            }
            5 => b.ent(Label::Date, &format!("ngày {dm}")),
            6 => {
                b.lit(&format!(
                    "{part} {} (",
                    self.pick(&self.st.words.today_words)
                ));
                b.ent(Label::Date, &dm);
                b.lit(")");
            }
            7 => {
                let wd = self.pick(&self.st.words.weekdays);
                b.lit(&format!("{part} {wd} ("));
                b.ent(Label::Date, &dm);
                b.lit(")");
            }
            8 => {
                b.lit(part);
                b.lit(" ");
                let y = self.ctx.year;
                b.ent(Label::Date, &format!("{dm}/{y}"));
            }
            _ => {
                b.lit(&format!("{} ", self.pick(&self.st.words.today_yesterday)));
                b.lit("(");
                b.ent(Label::Date, &dm);
                b.lit(")");
            }
        }
    }

    fn period(&mut self) -> String {
        let a = *self
            .rng
            .pick(&[2011u32, 2016, 2019, 2020, 2021, 2022, 2025, 2026]);
        let bb = if self.chance(0.5) { a + 4 } else { 2030 };
        let bb = if bb <= a { a + 5 } else { bb };
        let dash = self.pick(&["-", "-", " - ", " – "]);
        format!("giai đoạn {a}{dash}{bb}")
    }

    fn term(&mut self) -> String {
        let a = *self.rng.pick(&[2015u32, 2016, 2020, 2021, 2025, 2026]);
        let dash = self.pick(&["-", "-", " - "]);
        format!("nhiệm kỳ {a}{dash}{}", a + 5)
    }

    fn quarter(&mut self) -> String {
        let q = ROMAN[self.rng.below(4)];
        let y = self.ctx.year;
        let word = if self.chance(0.3) { "Quý" } else { "quý" };
        match self.rng.below(3) {
            0 => format!("{word} {q}"),
            1 => format!("{word} {q} năm {y}"),
            _ => format!("{word} {q}/{y}"),
        }
    }

    fn month(&mut self) -> String {
        let m = self.rng.range(1, 12);
        let y = self.ctx.year;
        match self.rng.below(3) {
            0 => format!("tháng {m}"),
            1 => format!("tháng {m}/{y}"),
            _ => format!("tháng {m} năm {y}"),
        }
    }

    fn half(&mut self) -> String {
        let y = self.ctx.year;
        match self.rng.below(6) {
            0 | 1 => format!("6 tháng đầu năm {y}"),
            2 => format!("9 tháng đầu năm {y}"),
            3 => format!("6 tháng cuối năm {y}"),
            4 => "6 tháng đầu năm".to_string(),
            _ => format!("9 tháng năm {y}"),
        }
    }

    /// A numbered document ("Quyết định số 872/QĐ-UBND") of a national, provincial or party
    /// issuer, with its date as a separate DATE when `arg` ends in "d".
    fn document(&mut self, arg: &str, b: &mut Builder) {
        let y = self.ctx.year;
        let num = self.rng.range(1, 3500);
        let so = if self.chance(0.6) { "số " } else { "" };
        // arg: "nat" | "prov" | "party" | "", then ",d" (or just "d") for a following date.
        let (kind, with_date) = match arg {
            "d" => ("", true),
            a => match a.strip_suffix(",d") {
                Some(k) => (k, true),
                None => (a, false),
            },
        };
        let pick = match kind {
            "nat" => *self.rng.pick(&[2usize, 6, 9, 10, 11, 12]),
            "prov" => *self.rng.pick(&[0usize, 3, 4, 7, 8]),
            "party" => *self.rng.pick(&[5usize, 13]),
            _ => self.rng.below(14),
        };
        let t = match pick {
            0 | 1 => format!(
                "Quyết định {so}{num}/QĐ-{}",
                self.pick(&self.st.words.doc_issuer_prov)
            ),
            2 => format!(
                "Quyết định {so}{num}/QĐ-{}",
                self.pick(&self.st.words.doc_issuer_nat)
            ),
            3 | 4 => format!("Kế hoạch {so}{num}/KH-UBND"),
            5 => format!("Nghị quyết {so}{}-NQ/TW", self.rng.range(1, 70)),
            6 => format!("Nghị quyết {so}{}/NQ-CP", self.rng.range(1, 250)),
            7 => format!("Nghị quyết {so}{}/{y}/NQ-HĐND", self.rng.range(1, 60)),
            8 => format!(
                "Công văn {so}{num}/UBND-{}",
                self.pick(&self.st.words.doc_office_codes)
            ),
            9 => format!("Chỉ thị {so}{}/CT-TTg", self.rng.range(1, 40)),
            10 => format!("Nghị định {so}{}/{y}/NĐ-CP", self.rng.range(1, 180)),
            11 => format!(
                "Thông tư {so}{:02}/{y}/TT-{}",
                self.rng.range(1, 40),
                self.pick(&self.st.words.doc_ministry_codes)
            ),
            12 => format!("Công điện {so}{}/CĐ-TTg", self.rng.range(1, 150)),
            _ => format!(
                "Kết luận {so}{}-KL/{}",
                self.rng.range(1, 200),
                self.pick(&self.st.words.doc_party_codes)
            ),
        };
        b.ent(Label::Doc, &t);
        if with_date {
            // "ngày" written before the number belongs to the DATE.
            let d = self.date("bare");
            b.lit(" ");
            b.ent(Label::Date, &format!("ngày {d}"));
        }
    }

    fn number(&mut self, arg: &str) -> String {
        match arg {
            "small" => self.rng.range(2, 12).to_string(),
            "goal" => self.rng.range(0, 4).to_string(),
            "min" => self.rng.range(2, 90).to_string(),
            "pad" => format!("{:02}", self.rng.range(2, 15)),
            "big" => thousands(self.rng.range(1000, 250_000)),
            _ => self.rng.range(2, 500).to_string(),
        }
    }

    fn percent(&mut self) -> String {
        if self.chance(0.5) {
            format!("{}%", self.rng.range(1, 99))
        } else {
            let places = if self.chance(0.7) { 1 } else { 2 };
            format!("{}%", self.decimal(1, 98, places))
        }
    }

    fn money(&mut self) -> String {
        match self.rng.below(5) {
            0 => format!("{} tỷ đồng", thousands(self.rng.range(2, 9500))),
            1 => format!("{} triệu đồng", self.rng.range(5, 900)),
            2 => format!("{} tỷ USD", self.decimal(1, 40, 1)),
            3 => format!("{} triệu USD", self.rng.range(2, 900)),
            _ => format!(
                "{}.{:03} tỷ đồng",
                self.rng.range(1, 90),
                self.rng.range(0, 999)
            ),
        }
    }

    fn age(&mut self, arg: &str) -> u32 {
        match arg {
            "child" => self.rng.range(3, 15),
            "old" => self.rng.range(60, 95),
            _ => self.rng.range(18, 80),
        }
    }

    fn clock(&mut self) -> String {
        let h = self.rng.range(6, 22);
        let m = self.rng.range(0, 11) * 5;
        match self.rng.below(4) {
            0 => format!("{h}h{m:02}"),
            1 => format!("{h} giờ"),
            2 => format!("{h}h"),
            _ => format!("{h:02}:{m:02}"),
        }
    }
}
