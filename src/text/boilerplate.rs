//! Boilerplate line detection for scraped news pages.
//!
//! Classifies each line of a page as content or boilerplate (font-size buttons, menu slugs,
//! visitor counters, "powered by" footers, share/print links, login prompts, repeated photo
//! captions, link lists). Boilerplate lines stay in the text and in the offsets; the extraction
//! stages just skip them. It decides per line from the line's shape and a few general cue
//! words, never from a list of known pages.

use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::fold;

/// Why a line was judged boilerplate (kept for debugging and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boilerplate {
    /// Single letters / symbols only: "A A", "A- A A+", "TOP", "|".
    Widget,
    /// A URL slug or a path: "tin-tuc-su-kien".
    Slug,
    /// Counters and site furniture: "Đang online: 13", "Lượt xem: 200", "POWERED BY …".
    SiteFurniture,
    /// Share / print / e-mail / social links, login prompts, permission messages.
    Action,
    /// A caption or short line repeated verbatim earlier in the page.
    Repeated,
}

fn cue_regexes() -> &'static [(Regex, Boilerplate)] {
    static RES: OnceLock<Vec<(Regex, Boilerplate)>> = OnceLock::new();
    RES.get_or_init(|| {
        // patterns run on the folded (lower-case, no diacritics) line
        let furniture = [
            r"^(dang|so nguoi) (online|truc tuyen)\b",
            r"^(hom nay|hom qua|tuan nay|thang nay|tong (so )?luot( truy cap)?|da truy cap|luot truy cap|luot xem|truy cap)\s*[:：]?\s*[\d.,]+$",
            r"^(luot xem|so luot xem|views?)\s*[:：]?\s*[\d.,]+$",
            r"^powered by\b",
            r"^(ban quyen|copyright|©)",
            r"\b(thiet ke boi|phat trien boi|designed by|developed by)\b",
            r"^(lien ket (huu ich|website|web)|lien ket|website lien ket|thong ke truy cap|bai moi dang|tin moi( nhat)?|tin lien quan|tin khac|cac tin khac|doc nhieu( nhat)?|xem nhieu( nhat)?|tin doc nhieu|tu khoa|tags?|chuyen muc|danh muc|trang chu|ve dau trang|len dau trang|top|menu|tim kiem|binh luan|y kien ban doc|gui y kien|video|hinh anh|thu vien anh|lien he|so do (trang|site)|quang cao|xem them|tin cung chuyen muc)\s*[:：]?$",
            r"^xem chi tiet( tin)?\b",
            r"^(nguon( tin)?|tac gia|bien tap|but danh)\s*[:：]",
        ];
        let action = [
            r"^(chia se|share|in bai( viet)?|ban in|gui (email|bai|cho ban be)|luu tin|bao loi|dang nhap|dang ky|dang xuat|quen mat khau|thich|like|tweet|zalo|facebook|twitter|email|in|print|quay lai|tro ve|back)\s*[:：]?$",
            r"^(khong biet dang ky|chua dang ky|da co tai khoan)\b",
            r"^ban (da |chua |khong )?co tai khoan\b",
            r"\bban (chua|khong) co (du )?quyen\b",
            r"^(ban can|vui long) dang nhap\b",
        ];
        let mut out = Vec::new();
        for p in furniture {
            out.push((Regex::new(p).expect("boilerplate regex"), Boilerplate::SiteFurniture));
        }
        for p in action {
            out.push((Regex::new(p).expect("boilerplate regex"), Boilerplate::Action));
        }
        out
    })
}

fn slug_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:/?[a-z0-9]+(?:[-_][a-z0-9]+)+/?|https?://\S+|www\.\S+|\S+@\S+\.\w+|(?:/[a-z0-9._-]+)+/?)$")
            .expect("slug regex")
    })
}

/// Classify one line on its own (without looking at the rest of the page).
pub fn classify_line(line: &str) -> Option<Boilerplate> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    // font-size buttons and other widget glyphs: every token one or two non-word chars or a
    // single letter with an optional +/-
    if words.iter().all(|w| {
        let n = w.chars().count();
        n <= 2 && w.chars().all(|c| !c.is_alphanumeric() || c.is_uppercase())
    }) {
        return Some(Boilerplate::Widget);
    }
    if words.len() == 1 && slug_re().is_match(t) {
        return Some(Boilerplate::Slug);
    }
    let folded = fold(t);
    let folded = folded.trim_end_matches(['.', ':', '!', ' ']);
    for (re, kind) in cue_regexes() {
        if re.is_match(folded) {
            return Some(*kind);
        }
    }
    // a table row flattened with pipes ("Năm | 2022 | 2023 |", "Cao Bằng | 58.1 | 57.9 |"):
    // half its cells or more are numbers, which menus never are
    let cells: Vec<&str> = t
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let numeric = cells
        .iter()
        .filter(|c| {
            c.starts_with(|ch: char| ch.is_ascii_digit())
                && c.chars()
                    .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '%'))
        })
        .count();
    if cells.len() >= 2 && numeric * 2 >= cells.len() {
        return None;
    }
    // menus: short items separated by pipes or bullets
    let separators = t.matches(['|', '•', '»']).count();
    if separators >= 2 && words.len() <= separators * 4 {
        return Some(Boilerplate::SiteFurniture);
    }
    // a short breadcrumb "Trang chủ | Thời sự": every item a few words, no sentence in it
    if separators >= 1
        && t.split(['|', '•', '»'])
            .all(|item| (1..=3).contains(&item.split_whitespace().count()))
        && !t.contains(['.', ',', ':'])
    {
        return Some(Boilerplate::SiteFurniture);
    }
    None
}

/// Classify every line of a page; `lines` are the page's lines in order. Lines repeated verbatim
/// (a photo caption printed twice, a navigation block) are boilerplate from their second
/// occurrence on, when they are short enough to be captions or menu items.
pub fn classify_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Option<Boilerplate>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for line in lines {
        let mut kind = classify_line(line);
        let key = line.trim();
        if kind.is_none() && !key.is_empty() && key.chars().count() <= 200 {
            let count = seen.entry(key.to_string()).or_insert(0);
            if *count > 0 {
                kind = Some(Boilerplate::Repeated);
            }
            *count += 1;
        }
        out.push(kind);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_general_boilerplate_shapes() {
        for l in [
            "A A",
            "A- A A+",
            "TOP",
            "tin-tuc-su-kien",
            "/van-hoa/giai-tri/",
            "Đang online: 7",
            "Lượt truy cập: 1.234.567",
            "Hôm nay: 310",
            "Powered by SomeCMS",
            "Bản quyền thuộc về Cổng thông tin",
            "Chia sẻ",
            "In bài viết",
            "Liên kết website",
            "Tin liên quan",
            "Trang chủ | Giới thiệu | Tin tức | Liên hệ",
            "Trang chủ | Thời sự",
            "Bạn không có quyền xem nội dung này.",
            "Nguồn: baotinh.vn",
        ] {
            assert!(classify_line(l).is_some(), "{l}");
        }
    }

    #[test]
    fn keeps_content_lines() {
        for l in [
            "Sở Nội vụ tổ chức hội nghị triển khai nhiệm vụ năm 2023.",
            "UBND tỉnh Bình Định công bố chỉ số PAR INDEX",
            "Ông Trần Văn B, Giám đốc Sở Tài chính phát biểu tại hội nghị",
            "TP. Hồ Chí Minh",
            "Hà Nội",
            "Năm | 2021 | 2022 |",
            "Cao Bằng | 58.1 | 57.9 |",
        ] {
            assert_eq!(classify_line(l), None, "{l}");
        }
    }

    #[test]
    fn repeated_caption_flagged_from_second_occurrence() {
        let lines = [
            "Quang cảnh buổi làm việc. Ảnh: P.V",
            "Nội dung bài.",
            "Quang cảnh buổi làm việc. Ảnh: P.V",
        ];
        let kinds = classify_lines(lines);
        assert_eq!(kinds, vec![None, None, Some(Boilerplate::Repeated)]);
    }
}
