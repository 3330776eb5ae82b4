//! `document` relations: ref – kind – date – signer.
//!
//! Each DOC entity gives one relation per document reference. The date is a DATE written right
//! after it ("Kế hoạch 1275/KH-UBND, ngày 09/11/2023", "Quyết định số 52/QĐ-TTg ngày 14/01/2015");
//! the signer is a person named right before "ký" / "ban hành" that introduces the reference
//! ("Chủ tịch UBND tỉnh … Nguyễn Văn A vừa ký Kế hoạch …"). Anything else stays null.

use serde_json::{json, Map, Value};

use super::{relation, Ctx, SentenceView};
use crate::document::{Entity, Relation, RelationType};

pub fn find(ctx: &Ctx<'_>, sentences: &[SentenceView<'_>]) -> Vec<Relation> {
    let ents = ctx.entities;
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for sv in sentences {
        let es: Vec<&Entity> = sv.ents.iter().map(|&i| &ents[i]).collect();
        for (i, d) in es.iter().enumerate() {
            if d.label != "DOC" {
                continue;
            }
            let Some(norm) = d.norm.as_ref() else {
                continue;
            };
            let reference = norm
                .get("ref")
                .and_then(|v| v.as_str())
                .unwrap_or(&d.text)
                .to_string();
            let kind = norm.get("kind").cloned().unwrap_or(Value::Null);
            // date right after: gap of at most ", " / " ban hành" / " được ban hành"
            let date = es.get(i + 1).filter(|e| e.label == "DATE").and_then(|e| {
                let gap = sv.slice(d.end, e.start).trim().to_lowercase();
                let ok = gap.is_empty()
                    || gap == ","
                    || gap == "ban hành"
                    || gap == "được ban hành"
                    || gap == ", ban hành";
                let iso = e.norm.as_ref()?.as_str()?;
                (ok && iso.len() == 10).then(|| (iso.to_string(), *e))
            });
            // signer: PER followed by "ký"/"ban hành" right before the DOC
            let signer = i
                .checked_sub(1)
                .and_then(|k| es.get(k))
                .filter(|p| p.label == "PER")
                .filter(|p| {
                    let gap = sv.slice(p.end, d.start).trim().to_lowercase();
                    matches!(
                        gap.as_str(),
                        "ký" | "vừa ký"
                            | "đã ký"
                            | "ký ban hành"
                            | "vừa ký ban hành"
                            | "đã ký ban hành"
                            | "ban hành"
                            | "vừa ban hành"
                            | "đã ban hành"
                    )
                });
            if seen.contains(&reference) {
                continue;
            }
            seen.push(reference.clone());
            let mut values = Map::new();
            values.insert("ref".into(), json!(reference));
            values.insert("kind".into(), kind);
            values.insert(
                "date".into(),
                date.as_ref().map(|d| json!(d.0)).unwrap_or(Value::Null),
            );
            values.insert(
                "signer".into(),
                signer.map(|p| json!(p.text)).unwrap_or(Value::Null),
            );
            let mut args = vec![("doc", *d)];
            if let Some((_, e)) = &date {
                args.push(("date", e));
            }
            if let Some(p) = signer {
                args.push(("signer", p));
            }
            out.push(relation(
                RelationType::Document,
                args,
                values,
                sv.evidence(),
                "doc-ref",
                0.9,
            ));
        }
    }
    out
}
