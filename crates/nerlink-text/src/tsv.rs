//! The TSV layout of the data files under `data/`: `#` comment lines and blank lines are
//! skipped, the first remaining line is a header, cells are tab-separated. Cells are returned
//! as written (not trimmed); what a cell means is the caller's business.

/// Content lines of a data file as `(1-based line number, line)`: without `#` comments and
/// blank lines.
pub fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
}

/// One row of a table: its line number in the file and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub line: usize,
    pub cells: Vec<&'a str>,
    /// The whole line, for messages.
    pub text: &'a str,
}

/// A parsed table: header cells and the rows after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<'a> {
    pub header: Vec<&'a str>,
    pub rows: Vec<Row<'a>>,
}

impl<'a> Table<'a> {
    /// Parse `text`; `None` when it has no header line.
    pub fn parse(text: &'a str) -> Option<Table<'a>> {
        let mut lines = data_lines(text);
        let (_, header) = lines.next()?;
        Some(Table {
            header: header.split('\t').collect(),
            rows: lines
                .map(|(line, l)| Row {
                    line,
                    cells: l.split('\t').collect(),
                    text: l,
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blanks_and_header() {
        let t = Table::parse("# notes\nname\tkind\n\nHuế\tcity \n# more\nAn Giang\n").unwrap();
        assert_eq!(t.header, ["name", "kind"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.rows[0].cells, ["Huế", "city "]);
        assert_eq!(t.rows[1].cells, ["An Giang"]);
        assert!(Table::parse("# only a comment\n").is_none());
    }
}
