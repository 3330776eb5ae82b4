//! `nerlink report`: one self-contained HTML file to read extract output.
//!
//! The page has an overview (entities per label, relations per type, per province, index
//! results per index and year, documents with errors, and an index of every document with
//! links) and one section per document (metadata, errors, the text with its entities
//! highlighted by label — colours, legend, hover title with label / score / source / id — and
//! its relations as tables). No external script, font or stylesheet. Document sections are
//! hidden and shown one at a time through the URL fragment (`#d17`, CSS `:target`), with
//! previous / next links, so the browser lays out one document, not ten thousand; only the
//! first `max_docs` documents are rendered (the index still lists every document), which keeps
//! the file size bounded. A few lines of inline JS add a filter box to the index and ←/→
//! keys; the page works without them. Everything from the input is HTML-escaped. It reads the
//! input once and keeps only the rendered sections and the index rows in memory.

pub(crate) mod highlight;
pub(crate) mod palette;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use quick_xml::escape::escape;
use serde_json::Value;

use crate::document::{Document, Label, RelationType, RelationValues};
use crate::export::input::DocLines;
use crate::export::staging::Staged;
use crate::relation_kinds::RELATION_KINDS;
use highlight::{highlight, LabelClasses};
use nerlink_text::chars::CharIndex;

/// Report settings.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Documents rendered in full (the index lists all).
    pub max_docs: usize,
    /// Page title.
    pub title: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            max_docs: 1000,
            title: "nerlink report".into(),
        }
    }
}

/// What went into a report.
#[derive(Debug, Default, Clone)]
pub struct ReportSummary {
    pub documents: usize,
    pub rendered: usize,
    pub entities: usize,
    pub relations: usize,
    pub with_errors: usize,
}

struct IndexRow {
    id: String,
    title: String,
    published: String,
    province: String,
    entities: usize,
    relations: usize,
    errors: usize,
    rendered: bool,
}

#[derive(Default)]
struct Stats {
    per_label: BTreeMap<Label, usize>,
    per_type: BTreeMap<&'static str, usize>,
    /// province → counts per relation type
    per_province: BTreeMap<String, [usize; RELATION_KINDS.len()]>,
    /// index → year → count
    index_year: BTreeMap<String, BTreeMap<String, usize>>,
    years: BTreeSet<String>,
    /// (doc number, id, error lines)
    errors: Vec<(usize, String, Vec<String>)>,
}

fn value_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(o) => o.to_string(),
    }
}

/// A publication date as people read it: compact `YYYYMMDD` (and `YYYYMMDDhhmm[ss]`) becomes
/// `YYYY-MM-DD` (`YYYY-MM-DD hh:mm`), an ISO date-time loses its `T` and seconds; anything
/// else is shown as written.
fn display_date(raw: &str) -> String {
    let t = raw.trim();
    let digits = t.bytes().all(|b| b.is_ascii_digit());
    let valid_ymd = |y: &str, m: &str, d: &str| {
        let (m, d) = (m.parse::<u32>().unwrap_or(0), d.parse::<u32>().unwrap_or(0));
        y.starts_with(['1', '2']) && (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    if digits && matches!(t.len(), 8 | 12 | 14) && valid_ymd(&t[..4], &t[4..6], &t[6..8]) {
        let date = format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..8]);
        return if t.len() == 8 {
            date
        } else {
            format!("{date} {}:{}", &t[8..10], &t[10..12])
        };
    }
    // 2020-10-01T08:30:00(+07:00) → 2020-10-01 08:30
    let b = t.as_bytes();
    let digit = |i: usize| b[i].is_ascii_digit();
    if b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b' ')
        && b[13] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
            .into_iter()
            .all(digit)
    {
        return format!("{} {}", &t[..10], &t[11..16]);
    }
    t.to_string()
}

fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    escape(s)
}

fn truncate(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n).collect::<String>())
    } else {
        s
    }
}

/// Render one document section.
fn doc_section(doc: &Document, n: usize, total_hint: usize, classes: &mut LabelClasses) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<section class=\"doc\" id=\"d{n}\"><nav class=\"pager\">"
    );
    if n > 1 {
        let _ = write!(s, "<a href=\"#d{}\" rel=\"prev\">« previous</a>", n - 1);
    } else {
        s.push_str("<span>« previous</span>");
    }
    s.push_str(" · <a href=\"#overview\">overview</a> · ");
    if n < total_hint {
        let _ = write!(s, "<a href=\"#d{}\" rel=\"next\">next »</a>", n + 1);
    } else {
        s.push_str("<span>next »</span>");
    }
    let _ = write!(
        s,
        "</nav><h2><span class=\"num\">#{n}</span> {}</h2><dl class=\"meta\">",
        esc(&doc.id)
    );
    let mut meta = vec![
        ("title", doc.meta.title.clone()),
        ("source", Some(doc.source.clone())),
        ("published", doc.meta.published.as_deref().map(display_date)),
        ("province", doc.meta.province.clone()),
        ("byline", doc.meta.byline.clone()),
    ];
    meta.retain(|(_, v)| v.as_deref().is_some_and(|x| !x.is_empty()));
    for (k, v) in meta {
        let _ = write!(
            s,
            "<dt>{k}</dt><dd>{}</dd>",
            esc(v.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</dl>");
    if !doc.errors.is_empty() {
        s.push_str("<ul class=\"errors\">");
        for e in &doc.errors {
            let _ = write!(s, "<li><b>{}</b>: {}</li>", esc(&e.kind), esc(&e.message));
        }
        s.push_str("</ul>");
    }
    if doc.text.is_some() {
        let (html, skipped) = highlight(doc, classes);
        if skipped > 0 {
            let _ = write!(
                s,
                "<p class=\"warn\">{skipped} entit{} with offsets outside the text not shown.</p>",
                if skipped == 1 { "y" } else { "ies" }
            );
        }
        let _ = write!(s, "<div class=\"text\">{html}</div>");
    } else {
        s.push_str("<p class=\"warn\">No text (the document failed before it had one).</p>");
    }
    s.push_str(&relation_tables(doc));
    s.push_str("</section>\n");
    s
}

/// The relations of a document as one table per type.
fn relation_tables(doc: &Document) -> String {
    if doc.relations.is_empty() {
        return String::new();
    }
    let ci = CharIndex::new(doc.text());
    let ents: BTreeMap<&str, &str> = doc
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.text.as_str()))
        .collect();
    let mut s = String::from("<h3>Relations</h3>");
    for kind in RelationType::ALL {
        let rels: Vec<_> = doc
            .relations
            .iter()
            .filter(|r| r.kind() == kind)
            .map(|r| (r, r.values.to_map()))
            .collect();
        if rels.is_empty() {
            continue;
        }
        let mut fields: Vec<String> = kind
            .spec()
            .value_fields
            .iter()
            .filter(|f| rels.iter().any(|(_, values)| values.contains_key(**f)))
            .map(|f| f.to_string())
            .collect();
        for (_, values) in &rels {
            for k in values.keys() {
                if !fields.contains(k) {
                    fields.push(k.clone());
                }
            }
        }
        let _ = write!(
            s,
            "<div class=\"wide\"><table class=\"rel\"><caption>{} ({})</caption><thead><tr><th>id</th>",
            kind.as_str(),
            rels.len()
        );
        for f in &fields {
            let _ = write!(s, "<th>{}</th>", esc(f));
        }
        s.push_str(
            "<th>arguments</th><th>evidence</th><th>rule</th><th>score</th></tr></thead><tbody>",
        );
        for (r, values) in rels {
            let _ = write!(s, "<tr><td>{}</td>", esc(&r.id));
            for f in &fields {
                let _ = write!(s, "<td>{}</td>", esc(&value_text(values.get(f))));
            }
            let args: Vec<String> = r
                .args
                .iter()
                .map(|(role, id)| {
                    format!(
                        "{}: {} <span class=\"id\">{}</span>",
                        esc(role),
                        esc(ents.get(id.as_str()).copied().unwrap_or("?")),
                        esc(id)
                    )
                })
                .collect();
            let ev = ci
                .slice(r.evidence.start, r.evidence.end)
                .map(|t| truncate(t, 240))
                .unwrap_or_else(|| "(outside the text)".into());
            let _ = write!(
                s,
                "<td>{}</td><td class=\"ev\">{}</td><td>{}</td><td>{:.2}</td></tr>",
                args.join("<br>"),
                esc(&ev),
                esc(&r.rule),
                r.score
            );
        }
        s.push_str("</tbody></table></div>");
    }
    s
}

const STYLE: &str = r#"
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{position:sticky;top:0;z-index:2;background:#243447;color:#fff;padding:.5rem 1.2rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}
header h1{font-size:1.05rem;margin:0 1rem 0 0}
header a{color:#fff}
.legend{display:flex;flex-wrap:wrap;gap:.3rem}
.legend mark{font-size:.8rem;padding:.05rem .4rem;border-radius:3px;color:#1d232a}
main{max-width:1200px;margin:0 auto;padding:1rem 1.2rem 3rem}
h2{font-size:1.2rem;margin:.6rem 0}
h2 .num{color:#7a8591;font-weight:400}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:.5rem 0 1rem}
.card{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.5rem .9rem;min-width:9rem}
.card b{display:block;font-size:1.4rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem;align-items:start}
table{border-collapse:collapse;background:#fff;font-size:.88rem;width:100%;margin:.3rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid #dde2e8;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#eef1f4}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{max-height:26rem;overflow:auto;border:1px solid #dde2e8}
.scroll table{margin:0}
.scroll thead th{position:sticky;top:0;z-index:1}
#index-filter{padding:.3rem .5rem;width:20rem;max-width:100%;margin:.3rem 0}
.doc{scroll-margin-top:4rem;overflow-x:auto;display:none;background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.6rem 1.2rem 1rem}
.doc:target{display:block}
body:has(.doc:target) #overview{display:none}
.pager{font-size:.9rem;color:#7a8591}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0 .8rem;font-size:.88rem}
dl.meta dt{color:#7a8591}
dl.meta dd{margin:0}
.text{white-space:pre-wrap;line-height:1.9;font-size:1rem;border-top:1px solid #eef1f4;padding-top:.6rem}
mark{border-radius:3px;padding:.05rem .1rem;color:inherit}
mark mark{border-bottom:2px solid #53606c}
mark.end::after{content:attr(data-l);font-size:.62em;font-weight:700;letter-spacing:.02em;margin-left:.25em;vertical-align:.15em;color:#3b4650}
.errors{color:#a01818}
.warn{color:#8a5a00}
.id{color:#7a8591;font-size:.8em}
.wide{overflow-x:auto;max-width:100%;margin:.3rem 0 1rem}
.wide table{margin:0}
table.rel th{white-space:nowrap}
td.ev{min-width:16rem;max-width:28rem}
td{overflow-wrap:break-word;word-break:normal;hyphens:none}
"#;

const SCRIPT: &str = r#"
(function(){
var f=document.getElementById('index-filter');
if(f){f.addEventListener('input',function(){var q=f.value.toLowerCase();
document.querySelectorAll('#index tbody tr').forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';});});}
document.addEventListener('keydown',function(e){if(e.target.tagName==='INPUT')return;
var m=/^#d(\d+)$/.exec(location.hash);if(!m)return;var n=+m[1];
if(e.key==='ArrowRight'&&document.getElementById('d'+(n+1)))location.hash='#d'+(n+1);
if(e.key==='ArrowLeft'&&n>1)location.hash='#d'+(n-1);});
})();
"#;

/// Write the report of a JSONL file (or `-`) to `output`.
pub fn write_report(input: &Path, output: &Path, opts: &ReportOptions) -> Result<ReportSummary> {
    let docs = DocLines::open(input)?.map(|r| r.map(|(_, d)| d));
    let staged = Staged::file(output)?;
    let f = std::fs::File::create(staged.path())
        .with_context(|| format!("creating {}", staged.path().display()))?;
    let mut w = std::io::BufWriter::new(f);
    let sum = render(docs, &mut w, opts)?;
    w.flush().context("writing the report")?;
    drop(w);
    staged.commit()?;
    Ok(sum)
}

/// Render documents into one HTML page.
pub fn render(
    docs: impl Iterator<Item = Result<Document>>,
    out: &mut impl Write,
    opts: &ReportOptions,
) -> Result<ReportSummary> {
    let mut sum = ReportSummary::default();
    let mut stats = Stats::default();
    let mut classes = LabelClasses::default();
    // project labels first so their colours and legend order are stable
    for l in &Label::KNOWN {
        classes.class(l.as_str());
    }
    let mut rows: Vec<IndexRow> = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    for doc in docs {
        let doc = doc?;
        sum.documents += 1;
        let n = sum.documents;
        sum.entities += doc.entities.len();
        sum.relations += doc.relations.len();
        for e in &doc.entities {
            *stats.per_label.entry(e.label.clone()).or_default() += 1;
        }
        for r in &doc.relations {
            *stats.per_type.entry(r.kind().as_str()).or_default() += 1;
            let prov = r.values.province().filter(|p| !p.is_empty());
            let prov = prov.unwrap_or("(none)").to_string();
            stats.per_province.entry(prov).or_default()[r.kind().slot()] += 1;
            if let RelationValues::IndexResult(v) = &r.values {
                let idx = v.index.clone();
                let year = v.year.map_or("?".to_string(), |y| y.to_string());
                stats.years.insert(year.clone());
                *stats
                    .index_year
                    .entry(if idx.is_empty() { "?".into() } else { idx })
                    .or_default()
                    .entry(year)
                    .or_default() += 1;
            }
        }
        if !doc.errors.is_empty() || doc.text.is_none() {
            sum.with_errors += 1;
            let mut lines: Vec<String> = doc
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.kind, e.message))
                .collect();
            if lines.is_empty() {
                lines.push("no text".into());
            }
            stats.errors.push((n, doc.id.clone(), lines));
        }
        let rendered = n <= opts.max_docs;
        if rendered {
            // `next` links point one further; the last rendered one is fixed up below
            sections.push(doc_section(&doc, n, usize::MAX, &mut classes));
            sum.rendered += 1;
        } else {
            for e in &doc.entities {
                classes.class(e.label.as_str());
            }
        }
        rows.push(IndexRow {
            id: doc.id.clone(),
            title: doc.meta.title.clone().unwrap_or_default(),
            published: doc
                .meta
                .published
                .as_deref()
                .map(display_date)
                .unwrap_or_default(),
            province: doc.meta.province.clone().unwrap_or_default(),
            entities: doc.entities.len(),
            relations: doc.relations.len(),
            errors: doc.errors.len() + usize::from(doc.text.is_none()),
            rendered,
        });
    }
    if let Some(last) = sections.last_mut() {
        let n = sum.rendered;
        *last = last.replacen(
            &format!("<a href=\"#d{}\" rel=\"next\">next »</a>", n + 1),
            "<span>next »</span>",
            1,
        );
    }

    // head
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"nerlink {}\"><title>{}</title><style>{STYLE}",
        env!("CARGO_PKG_VERSION"),
        esc(&opts.title)
    );
    for (i, l) in classes.order.iter().enumerate() {
        let _ = write!(h, ".l{i}{{background:{}}}", palette::colour(l));
    }
    h.push_str("</style></head><body><header><h1><a href=\"#overview\">");
    h.push_str(&esc(&opts.title));
    h.push_str("</a></h1><div class=\"legend\">");
    for (i, l) in classes.order.iter().enumerate() {
        if stats.per_label.contains_key(&Label::from(l.as_str())) {
            let _ = write!(h, "<mark class=\"l{i}\">{}</mark>", esc(l));
        }
    }
    h.push_str("</div></header><main>");
    out.write_all(h.as_bytes())?;

    out.write_all(overview(&sum, &stats, &rows, &mut classes, opts).as_bytes())?;
    for s in &sections {
        out.write_all(s.as_bytes())?;
    }
    writeln!(out, "</main><script>{SCRIPT}</script></body></html>")?;
    Ok(sum)
}

fn overview(
    sum: &ReportSummary,
    stats: &Stats,
    rows: &[IndexRow],
    classes: &mut LabelClasses,
    opts: &ReportOptions,
) -> String {
    let mut s = String::from("<section id=\"overview\"><h2>Overview</h2><div class=\"cards\">");
    for (k, v) in [
        ("documents", sum.documents),
        ("entities", sum.entities),
        ("relations", sum.relations),
        ("documents with errors", sum.with_errors),
    ] {
        let _ = write!(s, "<div class=\"card\"><b>{v}</b>{k}</div>");
    }
    s.push_str("</div><div class=\"grid\">");

    s.push_str("<table><caption>Entities per label</caption><thead><tr><th>label</th><th class=\"n\">count</th></tr></thead><tbody>");
    for (l, c) in &stats.per_label {
        let _ = write!(
            s,
            "<tr><td><mark class=\"l{}\">{}</mark></td><td class=\"n\">{c}</td></tr>",
            classes.class(l.as_str()),
            esc(l.as_str())
        );
    }
    s.push_str("</tbody></table>");

    s.push_str("<table><caption>Relations per type</caption><thead><tr><th>type</th><th class=\"n\">count</th></tr></thead><tbody>");
    for t in RELATION_KINDS.iter().map(|k| k.name) {
        let _ = write!(
            s,
            "<tr><td>{t}</td><td class=\"n\">{}</td></tr>",
            stats.per_type.get(t).copied().unwrap_or(0)
        );
    }
    s.push_str("</tbody></table></div><div class=\"grid\">");

    s.push_str("<div><h3>Relations per province</h3><div class=\"scroll\"><table><thead><tr><th>province</th>");
    for k in &RELATION_KINDS {
        let _ = write!(s, "<th class=\"n\">{}</th>", k.name);
    }
    s.push_str("</tr></thead><tbody>");
    for (p, c) in &stats.per_province {
        let _ = write!(s, "<tr><td>{}</td>", esc(p));
        for n in c {
            let _ = write!(s, "<td class=\"n\">{n}</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div></div>");

    s.push_str("<div><h3>Index results per index and year</h3><div class=\"scroll\"><table><thead><tr><th>index</th>");
    for y in &stats.years {
        let _ = write!(s, "<th class=\"n\">{}</th>", esc(y));
    }
    s.push_str("</tr></thead><tbody>");
    for (idx, years) in &stats.index_year {
        let _ = write!(s, "<tr><td>{}</td>", esc(idx));
        for y in &stats.years {
            let _ = write!(
                s,
                "<td class=\"n\">{}</td>",
                years.get(y).copied().unwrap_or(0)
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div></div></div>");

    let _ = write!(s, "<h3>Documents with errors ({})</h3>", stats.errors.len());
    if stats.errors.is_empty() {
        s.push_str("<p>None.</p>");
    } else {
        s.push_str("<div class=\"scroll\"><table><tbody>");
        for (n, id, lines) in &stats.errors {
            let link = if *n <= opts.max_docs {
                format!("<a href=\"#d{n}\">{}</a>", esc(id))
            } else {
                esc(id).into_owned()
            };
            let msgs: Vec<String> = lines.iter().map(|l| esc(l).into_owned()).collect();
            let _ = write!(
                s,
                "<tr><td class=\"n\">{n}</td><td>{link}</td><td class=\"errors\">{}</td></tr>",
                msgs.join("<br>")
            );
        }
        s.push_str("</tbody></table></div>");
    }

    let _ = write!(s, "<h3>Documents ({})</h3>", rows.len());
    if rows.len() > opts.max_docs {
        let _ = write!(
            s,
            "<p class=\"warn\">The first {} documents are shown in full; the others are listed \
             only (run with a larger <code>--max-docs</code> to see them).</p>",
            opts.max_docs
        );
    }
    s.push_str("<input id=\"index-filter\" type=\"search\" placeholder=\"filter documents…\" aria-label=\"filter documents\">");
    s.push_str("<div class=\"scroll\"><table id=\"index\"><thead><tr><th class=\"n\">#</th><th>id</th><th>title</th><th>published</th><th>province</th><th class=\"n\">entities</th><th class=\"n\">relations</th><th class=\"n\">errors</th></tr></thead><tbody>");
    for (i, r) in rows.iter().enumerate() {
        let n = i + 1;
        let id = if r.rendered {
            format!("<a href=\"#d{n}\">{}</a>", esc(&r.id))
        } else {
            esc(&r.id).into_owned()
        };
        let _ = write!(
            s,
            "<tr><td class=\"n\">{n}</td><td>{id}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&truncate(&r.title, 120)),
            esc(&r.published),
            esc(&r.province),
            r.entities,
            r.relations,
            r.errors
        );
    }
    s.push_str("</tbody></table></div></section>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::display_date;

    #[test]
    fn dates_are_shown_formatted() {
        assert_eq!(display_date("20201001"), "2020-10-01");
        assert_eq!(display_date("202010010830"), "2020-10-01 08:30");
        assert_eq!(
            display_date("2020-10-01T08:30:00+07:00"),
            "2020-10-01 08:30"
        );
        assert_eq!(display_date("2020-10-01"), "2020-10-01");
        // not a date: as written
        assert_eq!(display_date("20201399"), "20201399");
        assert_eq!(display_date("12345"), "12345");
        assert_eq!(display_date("Thứ Hai, 01/10/2020"), "Thứ Hai, 01/10/2020");
        assert_eq!(display_date("2020-10-01 0ạ:30"), "2020-10-01 0ạ:30");
    }
}
