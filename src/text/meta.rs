//! Article metadata from the page lines: title, publication date and byline.
//!
//! Works on the lines of a page (with their boilerplate flags) as scraped news sites print
//! them: a headline near the top, a date line ("14/07/2022 - 06:52", "Ngày 12-01-2022",
//! "Thứ Năm, 23-2-2023", "Thanh Lê 05/06/2020 17:27"), and a byline either beside the date or
//! at the end ("MINH ĐỨC", "Tác giả: …"). It only reads; it does not find entities.

use regex::Regex;
use std::sync::OnceLock;

use super::normalize::fold;

/// A page line as the metadata finder sees it.
pub struct PageLine<'a> {
    pub text: &'a str,
    pub boilerplate: bool,
}

/// What was found, with the line indices it came from.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FoundMeta {
    pub title: Option<usize>,
    pub published: Option<String>,
    pub date_line: Option<usize>,
    pub byline: Option<String>,
}

fn full_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:^|[^\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?:[^\d]|$)",
        )
        .expect("date regex")
    })
}

fn iso_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b").expect("iso regex"))
}

fn relative_day_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // "sáng nay (29/9)", "Ngày 12/01,", "Chiều 5/6," — day/month without year, on the folded text
    RE.get_or_init(|| {
        Regex::new(r"(?:\b(?:sang|chieu|toi|trua|dem) nay \(|\bngay |^(?:sang|chieu|toi|trua|dem) (?:ngay )?|^)(\d{1,2})/(\d{1,2})\b(?:[^/\d]|$)")
            .expect("relative date regex")
    })
}

/// "năm 2023" on the folded text; group 1 is set when the year is a target or a horizon
/// ("đến năm 2030", "tới năm", "trước năm", "tầm nhìn năm"), which says nothing of when the
/// page was written.
fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?:(den|toi|truoc|tam nhin|dinh huong) )?nam ((?:19|20)\d{2})\b")
            .expect("year regex")
    })
}

/// Parse a day/month/year into an ISO date, validating ranges.
pub fn iso_date(day: u32, month: u32, year: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month || !(1900..=2100).contains(&year) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The first full date written in `s`, as ISO.
pub fn first_full_date(s: &str) -> Option<(String, usize, usize)> {
    if let Some(c) = full_date_re().captures(s) {
        let d = c[1].parse().ok()?;
        let m = c[2].parse().ok()?;
        let y = c[3].parse().ok()?;
        if let Some(iso) = iso_date(d, m, y) {
            let g = c.get(0)?;
            return Some((iso, g.start(), g.end()));
        }
    }
    if let Some(c) = iso_date_re().captures(s) {
        let g = c.get(0)?;
        let iso = iso_date(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)?;
        return Some((iso, g.start(), g.end()));
    }
    None
}

/// A line that is (mostly) a date stamp: short, holds a full date, few other words.
fn is_date_line(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 80 && first_full_date(t).is_some() && !t.ends_with('.')
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A capitalized name-like phrase of 1–5 words ("Thanh Lê", "MINH ĐỨC", "Hoa - Lan").
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "–" | "," | "&"))
        .collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            let mut cs = w.trim_matches(|c: char| !c.is_alphanumeric()).chars();
            matches!(cs.next(), Some(c) if c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '-'))
        })
}

pub fn find_meta(lines: &[PageLine<'_>]) -> FoundMeta {
    let mut found = FoundMeta::default();
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].boilerplate && !lines[i].text.trim().is_empty())
        .collect();

    // date line: among the first lines of the page
    for &i in content.iter().take(8) {
        let t = lines[i].text.trim();
        if is_date_line(t) {
            if let Some((iso, s, _)) = first_full_date(t) {
                found.published = Some(iso);
                found.date_line = Some(i);
                // a name before the date is the byline: "Thanh Lê 05/06/2020 17:27"
                let before = t[..s].trim().trim_end_matches(['-', '|', ',']).trim();
                let before_folded = fold(before);
                let is_weekday = before_folded.starts_with("thu ")
                    || before_folded.starts_with("chu nhat")
                    || before_folded.starts_with("ngay")
                    || before_folded.starts_with("cap nhat");
                if !before.is_empty() && !is_weekday && looks_like_name(before) {
                    found.byline = Some(before.to_string());
                }
                break;
            }
        }
    }

    // title: the first content line that reads as a headline (≥ 4 words, not the date line)
    for &i in content.iter().take(10) {
        if Some(i) == found.date_line {
            continue;
        }
        let t = lines[i].text.trim();
        // a headline: a few words, not a paragraph of several sentences
        let paragraph = word_count(t) > 40 || t.trim_end_matches(['.', '…']).contains(". ");
        if paragraph {
            break;
        }
        if word_count(t) >= 4 && !is_date_line(t) {
            found.title = Some(i);
            break;
        }
    }

    // no stamp line: a date written in the lead ("sáng nay (29/9)", "Ngày 12/01, …") with the
    // year taken from the years written in the lead paragraphs
    if found.published.is_none() {
        let lead: Vec<&str> = content.iter().take(6).map(|&i| lines[i].text).collect();
        let years_in = |l: &str| -> Vec<u32> {
            year_re()
                .captures_iter(&fold(l))
                .filter(|c| c.get(1).is_none())
                .filter_map(|c| c[2].parse().ok())
                .collect()
        };
        // most frequent year of the lead, earliest on ties (targets "đến năm 2030" left out)
        let mut freq: std::collections::BTreeMap<u32, usize> = Default::default();
        for l in &lead {
            for y in years_in(l) {
                *freq.entry(y).or_default() += 1;
            }
        }
        let lead_year = freq
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(y, _)| *y);
        for l in &lead {
            if let Some((iso, _, _)) = first_full_date(l) {
                found.published = Some(iso);
                break;
            }
            if let Some(c) = relative_day_re().captures(&fold(l)) {
                let (d, m): (u32, u32) = match (c[1].parse(), c[2].parse()) {
                    (Ok(d), Ok(m)) => (d, m),
                    _ => continue,
                };
                // the year written in the same paragraph first, else the lead's year
                if let Some(y) = years_in(l).first().copied().or(lead_year) {
                    if let Some(iso) = iso_date(d, m, y) {
                        found.published = Some(iso);
                        break;
                    }
                }
            }
        }
    }

    // byline at the end: "Tác giả: X", or a short capitalized name line among the last lines
    if found.byline.is_none() {
        for line in lines.iter().rev().take(40) {
            let t = line.text.trim();
            let f = fold(t);
            for cue in [
                "tac gia:",
                "but danh:",
                "bai va anh:",
                "bai, anh:",
                "nhom pv:",
                "pv:",
            ] {
                if let Some(rest) = f.strip_prefix(cue) {
                    let skip = t.chars().count() - rest.chars().count();
                    let name: String = t.chars().skip(skip).collect();
                    if !name.trim().is_empty() {
                        found.byline = Some(name.trim().to_string());
                    }
                }
            }
            if found.byline.is_some() {
                break;
            }
        }
    }
    if found.byline.is_none() {
        // last content line (that is not a source / caption) that is just a name
        for &i in content.iter().rev().take(6) {
            let t = lines[i].text.trim();
            if Some(i) == found.title || t.contains(':') {
                continue;
            }
            // "Theo Đăng Dương" credits a source ("according to …"): the name is after "Theo"
            let t = t.strip_prefix("Theo ").unwrap_or(t);
            if word_count(t) <= 4 && looks_like_name(t) && !t.ends_with('.') {
                found.byline = Some(t.to_string());
                break;
            }
            if word_count(t) > 6 {
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&'static str]) -> Vec<PageLine<'static>> {
        v.iter()
            .map(|t| PageLine {
                text: t,
                boilerplate: false,
            })
            .collect()
    }

    #[test]
    fn date_formats() {
        for (s, iso) in [
            ("14/07/2022 - 06:52", "2022-07-14"),
            ("Ngày 12-01-2022", "2022-01-12"),
            ("05/06/2020 17:27", "2020-06-05"),
            ("Thứ Năm, 23-2-2023", "2023-02-23"),
            ("Cập nhật: 2021-03-09 10:00", "2021-03-09"),
        ] {
            assert_eq!(
                first_full_date(s).map(|d| d.0),
                Some(iso.to_string()),
                "{s}"
            );
        }
        assert_eq!(first_full_date("31/02/2022"), None);
        assert_eq!(first_full_date("Kế hoạch 12/2022/KH"), None);
    }

    #[test]
    fn title_date_and_byline_beside_date() {
        let l = lines(&[
            "Tin tức",
            "Tỉnh Bình Phước công bố kết quả chỉ số cải cách hành chính",
            "Minh Khoa 03/04/2021 08:15",
            "Sáng 3/4, UBND tỉnh tổ chức hội nghị.",
        ]);
        let m = find_meta(&l);
        assert_eq!(m.title, Some(1));
        assert_eq!(m.published.as_deref(), Some("2021-04-03"));
        assert_eq!(m.byline.as_deref(), Some("Minh Khoa"));
    }

    #[test]
    fn target_year_is_not_the_publication_year() {
        // a congress report dated by day and month only: the year its goals reach is no date
        let l = lines(&[
            "Ngày 9/3, Đảng bộ xã Tân Phước tổ chức Đại hội lần thứ V, nhiệm kỳ 2025-2030.",
            "Phấn đấu đến năm 2030, 90% hộ dân dùng nước sạch; tầm nhìn năm 2045 trở thành đô thị.",
        ]);
        assert_eq!(find_meta(&l).published, None);
        // a year written as the time of the facts still dates the page
        let l = lines(&[
            "Ngày 9/3, Đảng bộ xã Tân Phước tổng kết công tác năm 2024.",
            "Phấn đấu đến năm 2030, 90% hộ dân dùng nước sạch.",
        ]);
        assert_eq!(find_meta(&l).published.as_deref(), Some("2024-03-09"));
    }

    #[test]
    fn relative_date_takes_year_from_lead() {
        let l = lines(&[
            "Sơ kết công tác cải cách hành chính quý I",
            "Báo cáo nhiệm vụ quý II năm 2023 tại phiên họp sáng nay (14/4), lãnh đạo Sở cho biết.",
            "Nội dung khác.",
            "Tác giả: Hoài Thu",
        ]);
        let m = find_meta(&l);
        assert_eq!(m.published.as_deref(), Some("2023-04-14"));
        assert_eq!(m.byline.as_deref(), Some("Hoài Thu"));
    }

    #[test]
    fn capitalized_byline_at_end() {
        let l = lines(&[
            "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước tỉnh",
            "02/03/2024 - 10:00",
            "Nội dung bài viết rất dài với nhiều câu chữ khác nhau ở đây.",
            "MINH TÂM",
        ]);
        let m = find_meta(&l);
        assert_eq!(m.byline.as_deref(), Some("MINH TÂM"));
    }
}
