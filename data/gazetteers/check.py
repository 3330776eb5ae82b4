#!/usr/bin/env python3
"""Self-check of the gazetteer TSV files in this directory (standard library only).

    python3 data/gazetteers/check.py

Exits 1 and lists the problems if any check fails; prints 'N passed, N failed'.
"""
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["provinces.tsv", "provinces_2025.tsv", "districts.tsv", "regions.tsv",
         "bodies.tsv", "titles.tsv", "indices.tsv", "sites.tsv"]

results = []  # (name, ok, detail)


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
         "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
         "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}


def fold(s):
    """Matching key: NFC, lowercase, new-style tone placement, one dash style, single spaces."""
    s = unicodedata.normalize("NFC", s).lower()
    s = re.sub(r"[’‘ʼ`]", "'", s)
    s = re.sub(r"\s*[-–—]\s*", "-", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(?<!q)(o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zà-ỹđ])", lambda m: _TONE[m.group(1)], s)


def load(fname):
    path = os.path.join(HERE, fname)
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        check(f"{fname}: UTF-8", False, str(e))
        return [], []
    check(f"{fname}: UTF-8 without BOM", not text.startswith("\ufeff"))
    check(f"{fname}: NFC", unicodedata.normalize("NFC", text) == text)
    check(f"{fname}: LF line ends, final newline", "\r" not in text and text.endswith("\n"))
    lines = text.split("\n")[:-1]
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    body = lines[i:]
    check(f"{fname}: comment lines only at the top", all(not l.startswith("#") for l in body))
    hdr = body[0].split("\t")
    rows, bad = [], []
    for n, l in enumerate(body[1:], start=i + 2):
        f = l.split("\t")
        if len(f) != len(hdr):
            bad.append(f"line {n}: {len(f)} fields, header has {len(hdr)}")
            continue
        for v in f:
            if v != v.strip() or "  " in v:
                bad.append(f"line {n}: stray whitespace in {v!r}")
            if v and any(p != p.strip() or not p for p in v.split("|")) and "|" in v:
                bad.append(f"line {n}: empty or padded '|' item in {v!r}")
        rows.append(dict(zip(hdr, f)))
    check(f"{fname}: well-formed rows", not bad, "; ".join(bad[:5]))
    check(f"{fname}: first column never empty", all(r[hdr[0]] for r in rows))
    return hdr, rows


def split(v):
    return [x for x in v.split("|") if x] if v else []


def main():
    data = {f: load(f) for f in FILES}
    _, prov = data["provinces.tsv"]
    _, p25 = data["provinces_2025.tsv"]
    _, dist = data["districts.tsv"]
    _, regs = data["regions.tsv"]
    _, bodies = data["bodies.tsv"]
    _, titles = data["titles.tsv"]
    _, idx = data["indices.tsv"]

    # provinces.tsv
    names = [p["canonical"] for p in prov]
    check("provinces: 63 rows", len(prov) == 63, str(len(prov)))
    check("provinces: canonical unique", len(set(map(fold, names))) == len(names))
    check("provinces: gso_code unique 2-digit", len({p["gso_code"] for p in prov}) == len(prov)
          and all(re.fullmatch(r"\d\d", p["gso_code"]) for p in prov))
    check("provinces: kind valid", all(p["kind"] in ("tỉnh", "thành phố") for p in prov))
    check("provinces: 5 centrally-run cities", sum(p["kind"] == "thành phố" for p in prov) == 5)
    region_names = {r["canonical"] for r in regs}
    check("provinces: region valid", all(p["region"] in region_names for p in prov),
          str([p["region"] for p in prov if p["region"] not in region_names]))
    owner = defaultdict(set)
    for p in prov:
        for f in [p["canonical"]] + split(p["aliases"]):
            owner[fold(f)].add(p["canonical"])
    clash = {k: v for k, v in owner.items() if len(v) > 1}
    check("provinces: no alias shared by two provinces / equal to another canonical", not clash, str(clash))
    dup_alias = [p["canonical"] for p in prov if len(split(p["aliases"])) != len(set(split(p["aliases"])))]
    check("provinces: no repeated alias within a row", not dup_alias, str(dup_alias))
    # sites.tsv: host labels → province
    _, sites = data["sites.tsv"]
    canon = {p["canonical"] for p in prov}
    hosts = [r for r in sites if r["kind"] != "tag"]
    tags = [r for r in sites if r["kind"] == "tag"]
    labels = Counter(r["label"] for r in hosts)
    check("sites: labels lowercase ascii and unique",
          all(re.fullmatch(r"[a-z0-9]+", h) for h in labels) and all(c == 1 for c in labels.values()),
          str([h for h, c in labels.items() if c > 1]))
    check("sites: kinds known, provinces canonical",
          all(r["kind"] in ("stem", "exact", "prefix", "suffix", "tag") for r in sites)
          and all((r["province"] in canon) == (r["kind"] in ("stem", "exact", "tag")) for r in sites),
          str([r for r in sites if r["kind"] in ("stem", "exact", "tag") and r["province"] not in canon]))
    tag_labels = Counter(r["label"] for r in tags)
    check("sites: lead tags upper case and unique",
          all(re.fullmatch(r"[A-ZĐ.]{2,10}", t) for t in tag_labels) and all(c == 1 for c in tag_labels.values()),
          str([t for t, c in tag_labels.items() if c > 1]))
    check("sites: every province has a stem", canon <= {r["province"] for r in sites if r["kind"] == "stem"},
          str(canon - {r["province"] for r in sites}))

    # provinces_2025.tsv
    check("provinces_2025: 34 rows", len(p25) == 34, str(len(p25)))
    check("provinces_2025: 6 thành phố + 28 tỉnh",
          Counter(p["kind"] for p in p25) == Counter({"tỉnh": 28, "thành phố": 6}))
    members = [m for p in p25 for m in split(p["members"])]
    check("provinces_2025: members are 63 distinct pre-2025 provinces",
          sorted(members) == sorted(names), str(set(members) ^ set(names)))
    consistent = all(p["merged_into"] == q["canonical"]
                     for q in p25 for m in split(q["members"]) for p in prov if p["canonical"] == m)
    check("provinces_2025: merged_into agrees with members", consistent)
    check("provinces: merged_into names a 2025 unit",
          all(p["merged_into"] in {q["canonical"] for q in p25} for p in prov))
    check("provinces_2025: centre_in is a member",
          all(q["centre_in"] in split(q["members"]) for q in p25))
    code = {p["canonical"]: p["gso_code"] for p in prov}
    check("provinces_2025: gso_code = code of centre_in", all(code[q["centre_in"]] == q["gso_code"] for q in p25))
    check("provinces_2025: canonical is a pre-2025 canonical or Huế",
          all(q["canonical"] in names or q["canonical"] == "Huế" for q in p25))

    # districts.tsv
    pset = set(names)
    check("districts: province exists", all(d["province"] in pset for d in dist),
          str({d["province"] for d in dist} - pset))
    kinds = ("huyện", "quận", "thị xã", "thành phố")
    check("districts: kind valid", all(d["kind"] in kinds for d in dist))
    check("districts: former_kinds valid", all(all(k in kinds for k in split(d["former_kinds"])) for d in dist))
    check("districts: status valid", all(d["status"] in ("current", "former") for d in dist))
    cur = [d for d in dist if d["status"] == "current"]
    check("districts: 696 current units (30 June 2025)", len(cur) == 696, str(len(cur)))
    keys = Counter((fold(d["name"]), d["kind"], d["province"]) for d in dist)
    check("districts: (name, kind, province) unique", all(c == 1 for c in keys.values()),
          str([k for k, c in keys.items() if c > 1]))
    check("districts: every province has units", {d["province"] for d in cur} == pset)
    amb_expected = [d for d in dist if fold(d["name"]) in owner or any(fold(a) in owner for a in split(d["aliases"]))]
    check("districts: ambiguous_with_province set exactly when the name is a province name/alias",
          all((d in amb_expected) == (d["ambiguous_with_province"] == "yes") for d in dist))

    # regions.tsv
    check("regions: 6 rows", len(regs) == 6)
    per = Counter(p["region"] for p in prov)
    check("regions: provinces_2024 matches provinces.tsv",
          all(int(r["provinces_2024"]) == per[r["canonical"]] for r in regs),
          str({r["canonical"]: (r["provinces_2024"], per[r["canonical"]]) for r in regs}))
    ra = Counter(fold(a) for r in regs for a in [r["canonical"]] + split(r["aliases"]))
    check("regions: no alias shared by two regions", all(c == 1 for c in ra.values()),
          str([a for a, c in ra.items() if c > 1]))

    # bodies.tsv
    bk = {"people's committee", "council", "party committee", "department", "ministry", "government",
          "office", "steering committee", "party board", "centre", "media", "other"}
    check("bodies: kind valid", all(b["kind"] in bk for b in bodies), str({b["kind"] for b in bodies} - bk))
    check("bodies: scope valid", all(b["scope"] in ("province", "district", "national", "any") for b in bodies))
    check("bodies: yes/empty flags", all(b["takes_location"] in ("yes", "") and b["takes_body"] in ("yes", "")
                                         for b in bodies))
    hc = Counter(fold(b["head"]) for b in bodies)
    check("bodies: head unique", all(c == 1 for c in hc.values()), str([h for h, c in hc.items() if c > 1]))
    heads = {b["head"] for b in bodies}
    check("bodies: canonical of an abbreviation is itself a head row",
          all(b["canonical"] in heads for b in bodies), str([b["canonical"] for b in bodies if b["canonical"] not in heads]))

    # titles.tsv
    check("titles: level valid", all(t["level"] in ("head", "deputy", "member", "other") for t in titles))
    check("titles: role_span valid", all(t["role_span"] in ("whole", "split") for t in titles))
    check("titles: flags yes/empty", all(t["national_only"] in ("yes", "") and t["generic"] in ("yes", "") for t in titles))
    tc = Counter(fold(t["title"]) for t in titles)
    check("titles: title unique", all(c == 1 for c in tc.values()), str([h for h, c in tc.items() if c > 1]))
    tset = {t["title"] for t in titles}
    check("titles: canonical is a title row", all(t["canonical"] in tset for t in titles),
          str([t["canonical"] for t in titles if t["canonical"] not in tset]))
    check("titles: split rows absorb a body", all(t["absorbs_body"] for t in titles if t["role_span"] == "split"))

    # indices.tsv
    ia = defaultdict(set)
    for i in idx:
        for a in [i["canonical"]] + split(i["aliases"]):
            ia[fold(a)].add(i["canonical"])
    check("indices: no alias shared by two indices", all(len(v) == 1 for v in ia.values()),
          str({k: v for k, v in ia.items() if len(v) > 1}))
    check("indices: score_max numeric or empty", all(re.fullmatch(r"\d+(\.\d+)?|", i["score_max"]) for i in idx))
    for c in ("PAR INDEX", "PAPI", "SIPAS", "PCI", "DTI", "ICT Index", "PGI", "PII", "DDCI"):
        check(f"indices: has {c}", any(i["canonical"] == c for i in idx))

    failed = [r for r in results if not r[1]]
    for name, ok, detail in results:
        if not ok:
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    print(f"rows: provinces {len(prov)}, provinces_2025 {len(p25)}, districts {len(dist)} ({len(cur)} current), "
          f"regions {len(regs)}, bodies {len(bodies)}, titles {len(titles)}, indices {len(idx)}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
