//! HTML to plain text with a real HTML parser (html5ever through `scraper`).
//!
//! Block elements become line breaks, `<script>`, `<style>`, `<noscript>`, `<template>` and
//! `<head>` are dropped, entities are decoded by the parser. The plain text is what the rest of the
//! pipeline (and the output offsets) work on; it does not try to find the article body: that is
//! the boilerplate detector's job.

use scraper::{Html, Node};

const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "head", "svg"];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "title",
    "dd",
    "dt",
    "hr",
    "main",
    "form",
];

/// Extract the visible text of an HTML document, one block per line.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    // title first, as its own line: it is usually the article headline
    walk(doc.tree.root(), &mut out);
    tidy_lines(&out)
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => {
            out.push_str(&t.replace(['\n', '\r', '\t'], " "));
        }
        Node::Element(e) => {
            let name = e.name();
            if SKIPPED.contains(&name) {
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.push('\n');
            }
            for child in node.children() {
                walk(child, out);
            }
            if block {
                out.push('\n');
            }
        }
        _ => {
            for child in node.children() {
                walk(child, out);
            }
        }
    }
}

/// Collapse runs of spaces, trim lines, keep at most one blank line between blocks.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let collapsed = line
            .split([' ', '\u{a0}'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if collapsed.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&collapsed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_scripts_and_decodes_entities() {
        let html = "<html><head><title>x</title><script>var a=1;</script></head><body>\
            <h1>UBND t&#7881;nh An Giang</h1><p>Ông <b>Nguyễn Văn A</b>&nbsp;phát biểu &amp; chỉ đạo.</p>\
            <style>.a{}</style><div>Dòng hai</div></body></html>";
        let t = html_to_text(html);
        assert_eq!(
            t,
            "UBND tỉnh An Giang\n\nÔng Nguyễn Văn A phát biểu & chỉ đạo.\n\nDòng hai"
        );
    }
}
