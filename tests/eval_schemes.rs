//! Hand-made cases for the four evaluation schemes, numbers worked out by hand below.
//! They follow nervaluate's documented scenarios (SemEval-2013 task 9.1):
//!
//! | scenario | gold       | pred        | strict | exact | partial | type |
//! |----------|------------|-------------|--------|-------|---------|------|
//! | I        | PER 0-4    | PER 0-4     | COR    | COR   | COR     | COR  |
//! | II       | –          | ORG 70-75   | SPU    | SPU   | SPU     | SPU  |
//! | III      | LOC 10-15  | –           | MIS    | MIS   | MIS     | MIS  |
//! | IV       | ORG 20-25  | LOC 20-25   | INC    | COR   | COR     | INC  |
//! | V        | PER 30-40  | PER 30-35   | INC    | INC   | PAR     | COR  |
//! | VI       | ORG 50-60  | LOC 52-58   | INC    | INC   | PAR     | INC  |

use std::collections::BTreeSet;

use nerlink::eval::scheme::{score_doc, summarize, Counts, Outcome};
use nerlink::eval::spans::Span;

fn sp(start: usize, end: usize, label: &str) -> Span {
    Span {
        start,
        end,
        label: label.into(),
    }
}

fn counts(cor: usize, inc: usize, par: usize, mis: usize, spu: usize) -> Counts {
    Counts {
        cor,
        inc,
        par,
        mis,
        spu,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn six_scenarios() {
    let gold = vec![
        sp(0, 4, "PER"),
        sp(10, 15, "LOC"),
        sp(20, 25, "ORG"),
        sp(30, 40, "PER"),
        sp(50, 60, "ORG"),
    ];
    let pred = vec![
        sp(0, 4, "PER"),
        sp(70, 75, "ORG"),
        sp(20, 25, "LOC"),
        sp(30, 35, "PER"),
        sp(52, 58, "LOC"),
    ];
    let d = score_doc(&gold, &pred);
    // strict: COR I; INC IV V VI; MIS III; SPU II
    assert_eq!(d.overall.strict, counts(1, 3, 0, 1, 1));
    // exact: COR I IV; INC V VI
    assert_eq!(d.overall.exact, counts(2, 2, 0, 1, 1));
    // partial: COR I IV; PAR V VI
    assert_eq!(d.overall.partial, counts(2, 0, 2, 1, 1));
    // type: COR I V; INC IV VI
    assert_eq!(d.overall.ent_type, counts(2, 2, 0, 1, 1));

    let labels: BTreeSet<String> = ["PER", "ORG", "LOC"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let s = summarize(&[d], &labels);
    // POS = COR+INC+PAR+MIS = 5 and ACT = COR+INC+PAR+SPU = 5 in every scheme
    for scheme in ["strict", "exact", "partial", "type"] {
        assert_eq!((s.micro[scheme].possible, s.micro[scheme].actual), (5, 5));
    }
    // strict P = R = 1/5; exact 2/5; partial (2 + 0.5·2)/5 = 3/5; type 2/5
    assert!(close(s.micro["strict"].prf.precision, 0.2) && close(s.micro["strict"].prf.f1, 0.2));
    assert!(close(s.micro["exact"].prf.recall, 0.4));
    assert!(
        close(s.micro["partial"].prf.precision, 0.6) && close(s.micro["partial"].prf.recall, 0.6)
    );
    assert!(close(s.micro["type"].prf.f1, 0.4));

    // per label (strict): counts go to the gold label, SPU to the predicted one
    // PER: COR (I) + INC (V)          → POS 2, ACT 2, P = R = 1/2
    // ORG: INC (IV, VI) + SPU (II)    → POS 2, ACT 3, P = 0, R = 0
    // LOC: MIS (III)                  → POS 1, ACT 0
    assert_eq!(s.per_label["PER"]["strict"].counts, counts(1, 1, 0, 0, 0));
    assert_eq!(s.per_label["ORG"]["strict"].counts, counts(0, 2, 0, 0, 1));
    assert_eq!(s.per_label["LOC"]["strict"].counts, counts(0, 0, 0, 1, 0));
    assert!(close(s.per_label["PER"]["strict"].prf.f1, 0.5));
    // macro strict F1 = (0.5 + 0 + 0) / 3
    assert!(close(s.macro_avg["strict"].f1, 0.5 / 3.0));
    // ORG partial: PAR 2 (IV is COR in partial: same span) → COR 1 (IV), PAR 1 (VI), SPU 1
    // P = (1 + 0.5)/3 = 0.5, R = 1.5/2 = 0.75
    let org_p = &s.per_label["ORG"]["partial"];
    assert_eq!(org_p.counts, counts(1, 0, 1, 0, 1));
    assert!(close(org_p.prf.precision, 0.5) && close(org_p.prf.recall, 0.75));

    let outcomes: Vec<Outcome> = score_doc(&gold, &pred)
        .mismatches
        .iter()
        .map(|m| m.outcome)
        .collect();
    assert_eq!(
        outcomes,
        vec![
            Outcome::Spurious,
            Outcome::WrongLabel,
            Outcome::WrongSpan,
            Outcome::WrongSpanAndLabel,
            Outcome::Missed
        ]
    );
}

#[test]
fn half_credit_for_a_boundary_error() {
    // gold "Nguyễn Văn An" PER [0, 13), pred "Nguyễn Văn" PER [0, 10)
    // strict INC → P = R = 0; exact INC → 0; partial PAR → P = R = 0.5/1; type COR → 1
    let d = score_doc(&[sp(0, 13, "PER")], &[sp(0, 10, "PER")]);
    let s = summarize(&[d], &BTreeSet::from(["PER".to_string()]));
    assert!(close(s.micro["strict"].prf.f1, 0.0));
    assert!(close(s.micro["exact"].prf.f1, 0.0));
    assert!(close(s.micro["partial"].prf.f1, 0.5));
    assert!(close(s.micro["type"].prf.f1, 1.0));
}

#[test]
fn a_gold_entity_is_overlapped_once() {
    // two predictions inside one gold ORG [0, 20): the first is PAR, the second finds the gold
    // already taken and is SPU (nervaluate: overlaps with a gold entity count once)
    let d = score_doc(&[sp(0, 20, "ORG")], &[sp(0, 5, "ORG"), sp(10, 20, "ORG")]);
    assert_eq!(d.overall.partial, counts(0, 0, 1, 0, 1));
    assert_eq!(d.overall.strict, counts(0, 1, 0, 0, 1));
    // partial: P = 0.5/2, R = 0.5/1
    let s = summarize(&[d], &BTreeSet::from(["ORG".to_string()]));
    assert!(close(s.micro["partial"].prf.precision, 0.25));
    assert!(close(s.micro["partial"].prf.recall, 0.5));
}

#[test]
fn touching_spans_do_not_overlap() {
    // end is exclusive: [0, 5) and [5, 9) share no code point → MIS + SPU
    let d = score_doc(&[sp(0, 5, "LOC")], &[sp(5, 9, "LOC")]);
    assert_eq!(d.overall.partial, counts(0, 0, 0, 1, 1));
}

#[test]
fn empty_sides() {
    // nothing predicted: all missed; nothing in gold: all spurious
    let d = score_doc(&[sp(0, 3, "PER")], &[]);
    assert_eq!(d.overall.ent_type, counts(0, 0, 0, 1, 0));
    let d = score_doc(&[], &[sp(0, 3, "PER")]);
    assert_eq!(d.overall.strict, counts(0, 0, 0, 0, 1));
}
