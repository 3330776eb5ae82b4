//! Which province a web address names: the host of a provincial portal, newspaper or TV site
//! (`data/gazetteers/sites.tsv`), or a province name written in the URL's path (a title slug
//! "/ha-noi-co-31-lanh-dao-…", a percent-encoded tag page "/tag/Ph%C3%BA-Y%C3%AAn-34.epi").
//!
//! It also knows the lead tags provincial newspapers put before their first sentence ("(HNM) -"
//! for Hà Nội Mới, "(GLO)-" for Gia Lai Online), which stay when an aggregator reprints the
//! article (rows of kind `tag`). It only reads addresses and tags; deciding which evidence wins
//! for an article is `relate::province`.

use std::collections::HashMap;

use anyhow::{bail, Result};

use super::gazetteer::Table;
use crate::text::normalize::fold;

const SITES_TSV: &str = include_str!("../../data/gazetteers/sites.tsv");

/// How a `sites.tsv` label matches a host label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    /// The label, optionally with one prefix and one suffix ("bao" + "gialai", "kontum" + "tv").
    Stem,
    /// Only the whole label ("sggp").
    Exact,
}

/// The site gazetteer: host labels → canonical pre-2025 province.
#[derive(Debug, Clone, Default)]
pub struct Sites {
    labels: HashMap<String, (String, LabelKind)>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    /// Lead tags (as written, case-sensitive) → province.
    tags: HashMap<String, String>,
}

impl Sites {
    pub fn load() -> Result<Sites> {
        Sites::parse(SITES_TSV)
    }

    fn parse(tsv: &str) -> Result<Sites> {
        let t = Table::parse("sites.tsv", tsv)?;
        let mut sites = Sites::default();
        for r in t.rows() {
            let label = r.get("label").to_ascii_lowercase();
            let province = r.get("province").to_string();
            match r.get("kind") {
                "prefix" => sites.prefixes.push(label),
                "suffix" => sites.suffixes.push(label),
                "tag" => {
                    if province.is_empty() {
                        bail!("sites.tsv: tag {label:?} has no province");
                    }
                    sites.tags.insert(r.get("label").to_string(), province);
                }
                kind @ ("stem" | "exact") => {
                    if province.is_empty() {
                        bail!("sites.tsv: label {label:?} has no province");
                    }
                    let kind = if kind == "stem" {
                        LabelKind::Stem
                    } else {
                        LabelKind::Exact
                    };
                    sites.labels.insert(label, (province, kind));
                }
                other => bail!("sites.tsv: label {label:?} has unknown kind {other:?}"),
            }
        }
        Ok(sites)
    }

    /// The province of a newspaper's lead tag written without its brackets ("HNM" → Hà Nội).
    pub fn province_of_tag(&self, tag: &str) -> Option<&str> {
        self.tags.get(tag).map(String::as_str)
    }

    /// The labels that name `province` (for synthetic source lines).
    pub fn labels_of(&self, province: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .labels
            .iter()
            .filter(|(_, (p, _))| p == province)
            .map(|(l, _)| l.clone())
            .collect();
        v.sort();
        v
    }

    fn label_province(&self, label: &str) -> Option<&str> {
        if let Some((p, _)) = self.labels.get(label) {
            return Some(p);
        }
        let stem_of = |s: &str| match self.labels.get(s) {
            Some((p, LabelKind::Stem)) => Some(p.as_str()),
            _ => None,
        };
        let strip_suffix = |s: &str| -> Option<&str> {
            if let Some(p) = stem_of(s) {
                return Some(p);
            }
            self.suffixes
                .iter()
                .find_map(|x| s.strip_suffix(x.as_str()).and_then(stem_of))
        };
        if let Some(p) = strip_suffix(label) {
            return Some(p);
        }
        self.prefixes
            .iter()
            .find_map(|x| label.strip_prefix(x.as_str()).and_then(strip_suffix))
    }

    /// The province of a host or site name ("Baonghean.vn", "sonoivu.quangnam.gov.vn",
    /// "https://kontumtv.vn/tin-tuc/…"): the first host label that names one.
    pub fn province_of_host(&self, site: &str) -> Option<&str> {
        let host = host_of(site).to_ascii_lowercase();
        host.split('.')
            .filter(|l| !l.is_empty())
            .find_map(|l| self.label_province(l))
    }
}

/// The host part of a URL or a bare site name.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    host.split(':').next().unwrap_or(host)
}

/// The path of a URL (no host, query or fragment), percent-decoded.
pub fn decoded_path(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("");
    let path = path.split(['?', '#']).next().unwrap_or("");
    percent_decode(path)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Words of a URL path as folded ASCII ("/tag/Phú-Yên-34.epi" → ["tag", "phu", "yen", "34", "epi"]).
pub fn path_words(url: &str) -> Vec<String> {
    fold(&decoded_path(url).to_lowercase())
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites() -> Sites {
        Sites::load().expect("sites.tsv loads")
    }

    #[test]
    fn portal_newspaper_and_tv_hosts() {
        let s = sites();
        assert_eq!(
            s.province_of_host("https://sonoivu.quangtri.gov.vn/tin/abc"),
            Some("Quảng Trị")
        );
        assert_eq!(s.province_of_host("snv.angiang.gov.vn"), Some("An Giang"));
        assert_eq!(
            s.province_of_host("https://m.baobinhdinh.com.vn/x"),
            Some("Bình Định")
        );
        assert_eq!(s.province_of_host("http://laichautv.vn/"), Some("Lai Châu"));
        assert_eq!(s.province_of_host("hdndcaobang.gov.vn"), Some("Cao Bằng"));
        assert_eq!(s.province_of_host("Baonghean.vn"), Some("Nghệ An"));
        assert_eq!(
            s.province_of_host("https://xa-a.huyen-b.travinh.gov.vn:443/p"),
            Some("Trà Vinh")
        );
        // a party-committee or department portal written as one label
        assert_eq!(
            s.province_of_host("https://tinhuylongan.vn/x"),
            Some("Long An")
        );
        assert_eq!(s.province_of_host("tnmtcaobang.gov.vn"), Some("Cao Bằng"));
    }

    #[test]
    fn newspaper_lead_tags() {
        let s = sites();
        assert_eq!(s.province_of_tag("HNM"), Some("Hà Nội"));
        assert_eq!(s.province_of_tag("GLO"), Some("Gia Lai"));
        assert_eq!(s.province_of_tag("hnm"), None);
        assert_eq!(s.province_of_tag("TTXVN"), None);
    }

    #[test]
    fn national_hosts_name_no_province() {
        let s = sites();
        assert_eq!(s.province_of_host("https://vnexpress.net/abc"), None);
        assert_eq!(s.province_of_host("https://www.chinhphu.vn/"), None);
        // a stem inside a longer word is not the province
        assert_eq!(s.province_of_host("https://xyzhanamabc.vn/"), None);
    }

    #[test]
    fn path_words_are_decoded_and_folded() {
        assert_eq!(
            path_words("https://x.vn/tag/B%E1%BA%BFn-Tr%E1%BA%A1-12.epi?p=1"),
            vec!["tag", "ben", "tra", "12", "epi"]
        );
        assert_eq!(host_of("https://user@a.b.vn:8080/x"), "a.b.vn");
    }
}
