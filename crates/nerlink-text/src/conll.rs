//! Reading CoNLL text: documents of sentences of `(token, tag)` rows.
//!
//! The layout read is the common one: first column token, last column tag (tab-separated
//! columns when the line has a tab, else whitespace-separated; a line with one column is a
//! token tagged `O`), a blank line between sentences, a `-DOCSTART-` line starts a new document.
//! `\r` line ends are accepted. Both `nerlink synth` / `nerlink export --format conll` output and
//! CoNLL-2003 / VLSP-style multi-column files read this way.
//!
//! It does not interpret tags (see `iob::decode_iob`) and does not rebuild a text (the
//! evaluation's `nerlink::eval::spans` does, for aligning a CoNLL file onto other texts).

/// One token row: the first column and the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub token: String,
    pub tag: String,
}

/// A sentence: consecutive non-blank rows.
pub type Sentence = Vec<Row>;

/// Documents (split at `-DOCSTART-` lines) of sentences. A file without `-DOCSTART-` is one
/// document; empty documents are left out.
pub fn read_documents(text: &str) -> Vec<Vec<Sentence>> {
    let mut docs = Vec::new();
    let mut doc: Vec<Sentence> = Vec::new();
    let mut sent: Sentence = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !sent.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            if !sent.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        sent.push(parse_row(line));
    }
    if !sent.is_empty() {
        doc.push(sent);
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Every sentence of the text as `(token, tag)` pairs, document boundaries dropped.
pub fn read_blocks(text: &str) -> Vec<Vec<(String, String)>> {
    read_documents(text)
        .into_iter()
        .flatten()
        .map(|s| s.into_iter().map(|r| (r.token, r.tag)).collect())
        .collect()
}

fn parse_row(line: &str) -> Row {
    let cols: Vec<&str> = if line.contains('\t') {
        line.split('\t').collect()
    } else {
        line.split_whitespace().collect()
    };
    let tag = if cols.len() > 1 {
        cols[cols.len() - 1].trim()
    } else {
        "O"
    };
    Row {
        token: cols[0].to_string(),
        tag: tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_on_blank_lines() {
        let b = read_blocks("Ông\tO\nAn\tB-PER\n\n\nHuế\tB-LOC\nlẻ\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0][1], ("An".to_string(), "B-PER".to_string()));
        assert_eq!(b[1][1], ("lẻ".to_string(), "O".to_string()));
    }

    #[test]
    fn documents_columns_and_line_ends() {
        let text = "-DOCSTART- O\n\nSở\tN\tB-ORG\r\nNội_vụ N I-ORG\n\n-DOCSTART-\nHuế B-LOC\n";
        let docs = read_documents(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 1);
        assert_eq!(
            docs[0][0][1],
            Row {
                token: "Nội_vụ".into(),
                tag: "I-ORG".into()
            }
        );
        assert_eq!(docs[0][0][0].tag, "B-ORG");
        assert_eq!(docs[1][0][0].token, "Huế");
        assert!(read_documents("\n\n-DOCSTART-\n").is_empty());
    }
}
