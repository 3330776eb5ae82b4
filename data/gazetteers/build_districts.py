#!/usr/bin/env python3
"""Build data/gazetteers/districts.tsv.

Source of the current rows: the administrative-unit mapping shipped inside the
PyPI package `underthesea` (Apache-2.0), file
`underthesea/address/data/mapping.json`, read from **underthesea 9.5.0**
(underthesea-9.5.0-py3-none-any.whl). That file states
`"source": "vietnamadminunits", "version": "1.0.4", "effective_date": "2025-07-01"`;
its `ward_mapping` lists, for every pre-merger ward, the district-level unit it
belonged to on 30 June 2025 (the last day district-level units existed). Those
696 distinct (province, district) pairs are the `current` rows.

Hand-written additions (below, from public knowledge of the National Assembly
Standing Committee's rearrangement resolutions, cross-checked for existence and
destination against the same mapping's ward names):
  * FORMER: district-level units abolished between 2015 and June 2025, which
    news of that period still names (status `former`).
  * FORMER_KINDS: earlier kinds of units whose kind changed in 2015-2025
    (e.g. huyện Thủy Nguyên -> thành phố Thủy Nguyên).
  * ALIASES: spelling variants seen in news (Krông Pắc / Krông Pắk ...).

Usage:
    python3 data/gazetteers/build_districts.py [path/to/underthesea.whl | path/to/mapping.json]
Without an argument it runs `pip download --no-deps underthesea==9.5.0` into a
temporary directory (PyPI only). Output: districts.tsv next to this script.
Standard library only.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
UNDERTHESEA_VERSION = "9.5.0"
MAPPING_MEMBER = "underthesea/address/data/mapping.json"

KIND_ORDER = {"thành phố": 0, "quận": 1, "thị xã": 2, "huyện": 3}

# Units abolished 2015 - June 2025: (name, kind, province, note)
FORMER = [
    ("Tân Thành", "huyện", "Bà Rịa - Vũng Tàu", "became thị xã Phú Mỹ (2018)"),
    ("Long Điền", "huyện", "Bà Rịa - Vũng Tàu", "merged with Đất Đỏ into huyện Long Đất (2024-2025 rearrangement)"),
    ("Đất Đỏ", "huyện", "Bà Rịa - Vũng Tàu", "merged with Long Điền into huyện Long Đất (2024-2025 rearrangement)"),
    ("Hoành Bồ", "huyện", "Quảng Ninh", "merged into thành phố Hạ Long (1 Jan 2020)"),
    ("Kỳ Sơn", "huyện", "Hòa Bình", "merged into thành phố Hòa Bình (2020); not huyện Kỳ Sơn of Nghệ An"),
    ("Thông Nông", "huyện", "Cao Bằng", "merged into huyện Hà Quảng (2020)"),
    ("Trà Lĩnh", "huyện", "Cao Bằng", "merged into huyện Trùng Khánh (2020)"),
    ("Quảng Uyên", "huyện", "Cao Bằng", "merged with Phục Hòa into huyện Quảng Hòa (2020)"),
    ("Phục Hòa", "huyện", "Cao Bằng", "merged with Quảng Uyên into huyện Quảng Hòa (2020)"),
    ("Tây Trà", "huyện", "Quảng Ngãi", "merged into huyện Trà Bồng (2020)"),
    ("Tĩnh Gia", "huyện", "Thanh Hóa", "became thị xã Nghi Sơn (2020)"),
    ("Đông Sơn", "huyện", "Thanh Hóa", "merged into thành phố Thanh Hóa (2024-2025 rearrangement)"),
    ("2", "quận", "Hồ Chí Minh", "numeric: only with prefix (Quận 2); merged into thành phố Thủ Đức (1 Jan 2021)"),
    ("9", "quận", "Hồ Chí Minh", "numeric: only with prefix (Quận 9); merged into thành phố Thủ Đức (1 Jan 2021)"),
    ("Cửa Lò", "thị xã", "Nghệ An", "merged into thành phố Vinh (2024-2025 rearrangement)"),
    ("Lộc Hà", "huyện", "Hà Tĩnh", "merged into huyện Thạch Hà (2024-2025 rearrangement)"),
    ("Nông Sơn", "huyện", "Quảng Nam", "merged into huyện Quế Sơn (2024-2025 rearrangement)"),
    ("Mỹ Lộc", "huyện", "Nam Định", "merged into thành phố Nam Định (2024-2025 rearrangement)"),
    ("Ninh Bình", "thành phố", "Ninh Bình", "merged with huyện Hoa Lư into thành phố Hoa Lư (2024-2025 rearrangement)"),
    ("Huế", "thành phố", "Thừa Thiên Huế", "split into quận Phú Xuân and quận Thuận Hóa (1 Jan 2025)"),
    ("Nam Đông", "huyện", "Thừa Thiên Huế", "merged into huyện Phú Lộc (2024-2025 rearrangement)"),
    ("Yên Dũng", "huyện", "Bắc Giang", "merged mainly into thành phố Bắc Giang (2024-2025 rearrangement)"),
    ("Đạ Tẻh", "huyện", "Lâm Đồng", "merged into huyện Đạ Huoai (2024-2025 rearrangement)"),
    ("Cát Tiên", "huyện", "Lâm Đồng", "merged into huyện Đạ Huoai (2024-2025 rearrangement)"),
]

# (province, name, current kind) -> earlier kinds within 2015-2025
FORMER_KINDS = {
    ("An Giang", "Tịnh Biên", "thị xã"): "huyện",
    ("Bà Rịa - Vũng Tàu", "Phú Mỹ", "thành phố"): "thị xã",
    ("Bình Dương", "Bến Cát", "thành phố"): "thị xã",
    ("Bình Dương", "Dĩ An", "thành phố"): "thị xã",
    ("Bình Dương", "Thuận An", "thành phố"): "thị xã",
    ("Bình Dương", "Tân Uyên", "thành phố"): "thị xã",
    ("Bình Phước", "Chơn Thành", "thị xã"): "huyện",
    ("Bình Định", "Hoài Nhơn", "thị xã"): "huyện",
    ("Bắc Giang", "Việt Yên", "thị xã"): "huyện",
    ("Bắc Ninh", "Quế Võ", "thị xã"): "huyện",
    ("Bắc Ninh", "Thuận Thành", "thị xã"): "huyện",
    ("Bắc Ninh", "Từ Sơn", "thành phố"): "thị xã",
    ("Hà Nam", "Kim Bảng", "thị xã"): "huyện",
    ("Hà Nam", "Duy Tiên", "thị xã"): "huyện",
    ("Hải Phòng", "An Dương", "quận"): "huyện",
    ("Hải Phòng", "Thủy Nguyên", "thành phố"): "huyện",
    ("Hải Dương", "Chí Linh", "thành phố"): "thị xã",
    ("Hải Dương", "Kinh Môn", "thị xã"): "huyện",
    ("Hưng Yên", "Mỹ Hào", "thị xã"): "huyện",
    ("Hậu Giang", "Ngã Bảy", "thành phố"): "thị xã",
    ("Hồ Chí Minh", "Thủ Đức", "thành phố"): "quận",
    ("Kiên Giang", "Phú Quốc", "thành phố"): "huyện",
    ("Kiên Giang", "Hà Tiên", "thành phố"): "thị xã",
    ("Lào Cai", "Sa Pa", "thị xã"): "huyện",
    ("Ninh Bình", "Hoa Lư", "thành phố"): "huyện",
    ("Phú Yên", "Đông Hòa", "thị xã"): "huyện",
    ("Quảng Ngãi", "Đức Phổ", "thị xã"): "huyện",
    ("Quảng Ninh", "Đông Triều", "thành phố"): "thị xã",
    ("Sơn La", "Mộc Châu", "thị xã"): "huyện",
    ("Thái Nguyên", "Phổ Yên", "thành phố"): "thị xã",
    ("Thái Nguyên", "Sông Công", "thành phố"): "thị xã",
    ("Thanh Hóa", "Sầm Sơn", "thành phố"): "thị xã",
    ("Thừa Thiên Huế", "Phong Điền", "thị xã"): "huyện",
    ("Tiền Giang", "Gò Công", "thành phố"): "thị xã",
    ("Tây Ninh", "Hòa Thành", "thị xã"): "huyện",
    ("Tây Ninh", "Trảng Bàng", "thị xã"): "huyện",
    ("Vĩnh Phúc", "Phúc Yên", "thành phố"): "thị xã",
    ("Đắk Nông", "Gia Nghĩa", "thành phố"): "thị xã",
    ("Đồng Nai", "Long Khánh", "thành phố"): "thị xã",
    ("Đồng Tháp", "Hồng Ngự", "thành phố"): "thị xã",
}

# (province, name) -> '|'-separated written variants (apostrophe is ASCII ';
# code should fold ’ ‘ ʼ to ' before matching)
ALIASES = {
    ("Bình Thuận", "Phú Quí"): "Phú Quý",
    ("Yên Bái", "Mù Căng Chải"): "Mù Cang Chải",
    ("Đắk Lắk", "Cư M'gar"): "Cư M'Gar|Cư Mgar",
    ("Đắk Lắk", "Ea H'leo"): "Ea H'Leo|Ea Hleo",
    ("Đắk Lắk", "M'Đrắk"): "M'Drắk|Mđrắk",
    ("Đắk Lắk", "Krông Pắc"): "Krông Pắk",
    ("Đắk Lắk", "Krông A Na"): "Krông Ana",
    ("Đắk Lắk", "Buôn Ma Thuột"): "Buôn Mê Thuột|Ban Mê Thuột",
    ("Gia Lai", "KBang"): "Kbang|K'Bang",
    ("Gia Lai", "Đak Đoa"): "Đăk Đoa|Đắk Đoa",
    ("Gia Lai", "Đăk Pơ"): "Đak Pơ|Đắk Pơ",
    ("Kon Tum", "Đăk Hà"): "Đắk Hà|Đak Hà",
    ("Kon Tum", "Đắk Glei"): "Đăk Glei",
    ("Kon Tum", "Đắk Tô"): "Đăk Tô",
    ("Kon Tum", "Ia H'Drai"): "Ia H' Drai|Ia HDrai",
    ("Kon Tum", "Kon Plông"): "Kon Plong",
    ("Đắk Nông", "Đăk Glong"): "Đắk Glong",
    ("Đắk Nông", "Đắk Mil"): "Đăk Mil",
    ("Đắk Nông", "Đắk R'Lấp"): "Đắk R'lấp|Đăk R'lấp",
    ("Đắk Nông", "Đắk Song"): "Đăk Song",
    ("Ninh Thuận", "Phan Rang - Tháp Chàm"): "Phan Rang-Tháp Chàm|Phan Rang – Tháp Chàm|Phan Rang–Tháp Chàm|Phan Rang",
    ("Bình Định", "Quy Nhơn"): "Qui Nhơn",
    ("Bắc Kạn", "Bắc Kạn"): "Bắc Cạn",
}

NOTES = {
    ("Đà Nẵng", "Hoàng Sa"): "island district (Paracel Islands)",
    ("Khánh Hòa", "Trường Sa"): "island district (Spratly Islands)",
    ("Ninh Bình", "Hoa Lư"): "thành phố Hoa Lư formed from thành phố Ninh Bình and huyện Hoa Lư (2024-2025 rearrangement)",
    ("Bà Rịa - Vũng Tàu", "Long Đất"): "formed from huyện Long Điền and Đất Đỏ (2024-2025 rearrangement)",
    ("Bắc Giang", "Chũ"): "formed from part of huyện Lục Ngạn (2024-2025 rearrangement)",
    ("Thanh Hóa", "Nghi Sơn"): "formerly huyện Tĩnh Gia (until 2020)",
    ("Lâm Đồng", "Đạ Huoai"): "absorbed huyện Đạ Tẻh and Cát Tiên (2024-2025 rearrangement)",
    ("Thừa Thiên Huế", "Phú Xuân"): "formed from part of the former thành phố Huế (1 Jan 2025)",
    ("Thừa Thiên Huế", "Thuận Hóa"): "formed from part of the former thành phố Huế (1 Jan 2025)",
    ("Hồ Chí Minh", "Thủ Đức"): "thành phố thuộc thành phố since 1 Jan 2021 (merged quận 2, 9, Thủ Đức)",
}

_TONE_OLD_TO_NEW = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def fold(s):
    """Comparison key: NFC, lowercase, new-style tone placement, ASCII apostrophe, single spaces, dash variants."""
    s = unicodedata.normalize("NFC", s).lower()
    s = re.sub(r"[’‘ʼ`]", "'", s)
    s = re.sub(r"\s*[-–—]\s*", " - ", s)
    s = re.sub(r"\s+", " ", s).strip()
    # 'qu' + y: the u belongs to the consonant, so quỳ/quý are already right
    s = re.sub(r"(?<!q)(o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zà-ỹđ])", lambda m: _TONE_OLD_TO_NEW[m.group(1)], s)
    return s


def sort_key(s):
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return (len(s), s) if s.isdigit() else (0, s)


def load_mapping(arg):
    if arg and arg.endswith(".json"):
        return json.load(open(arg, encoding="utf-8")), arg
    if not arg:
        tmp = tempfile.mkdtemp(prefix="underthesea_")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                        f"underthesea=={UNDERTHESEA_VERSION}", "-d", tmp], check=True)
        arg = os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".whl")][0])
    with zipfile.ZipFile(arg) as z:
        return json.loads(z.read(MAPPING_MEMBER).decode("utf-8")), arg


def read_tsv(path):
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if not l.startswith("#")]
    hdr = lines[0].split("\t")
    return [dict(zip(hdr, l.split("\t"))) for l in lines[1:] if l]


def split_prefix(full):
    m = re.match(r"(?i)(quận|huyện|thị xã|thành phố)\s+(.+)$", full.strip())
    if not m:
        raise ValueError(full)
    return m.group(1).lower(), unicodedata.normalize("NFC", m.group(2).strip())


def main():
    mapping, src = load_mapping(sys.argv[1] if len(sys.argv) > 1 else None)
    meta = mapping["metadata"]
    provinces = read_tsv(os.path.join(HERE, "provinces.tsv"))
    by_code = {p["gso_code"]: p["canonical"] for p in provinces}
    code_of = {p["canonical"]: p["gso_code"] for p in provinces}
    # province surface forms -> canonical
    prov_forms = defaultdict(set)
    for p in provinces:
        for f in [p["canonical"]] + [a for a in p["aliases"].split("|") if a]:
            prov_forms[fold(f)].add(p["canonical"])

    old_names = mapping["old_province_names"]
    rows = {}
    for r in mapping["ward_mapping"]:
        code = old_names[r["old_province_key"]]["code"]
        prov = by_code[code]
        kind, name = split_prefix(r["old_district"])
        rows[(prov, name, kind)] = "current"
    n_current = len(rows)
    for name, kind, prov, _ in FORMER:
        assert prov in code_of, prov
        assert (prov, name, kind) not in rows, (prov, name, kind)
        rows[(prov, name, kind)] = "former"
    former_note = {(p, n, k): note for n, k, p, note in FORMER}
    for key in FORMER_KINDS:
        assert (key[0], key[1], key[2]) in rows, key
    for key in list(ALIASES) + list(NOTES):
        assert any(k[0] == key[0] and k[1] == key[1] for k in rows), key

    name_provs = defaultdict(set)
    for prov, name, kind in rows:
        name_provs[fold(name)].add(prov)

    out = []
    for (prov, name, kind), status in rows.items():
        notes = []
        if re.fullmatch(r"\d+", name) and (prov, name, kind) not in former_note:
            notes.append(f"numeric: only with prefix (Quận {name})")
        amb = ""
        hits = prov_forms.get(fold(name), set())
        if hits:
            amb = "yes"
            for h in sorted(hits):
                notes.append(f"same as province {h}" + (" (its own province)" if h == prov else ""))
        if (prov, name, kind) in former_note:
            notes.append(former_note[(prov, name, kind)])
        if (prov, name) in NOTES:
            notes.append(NOTES[(prov, name)])
        others = sorted(name_provs[fold(name)] - {prov}, key=lambda p: code_of[p])
        if others and not re.fullmatch(r"\d+", name):
            notes.append("name also used in: " + ", ".join(others))
        same = sorted(k for (p, n, k) in rows if p == prov and fold(n) == fold(name) and k != kind)
        if same:
            notes.append("same province also has " + ", ".join(f"{k} {name}" for k in same))
        out.append((code_of[prov], KIND_ORDER[kind], sort_key(name), [
            name, kind, prov, amb, status,
            FORMER_KINDS.get((prov, name, kind), ""),
            ALIASES.get((prov, name), ""),
            "; ".join(notes),
        ]))
    out.sort(key=lambda t: t[:3])

    header = [
        "# District-level units (quận, huyện, thị xã, thành phố thuộc tỉnh / thuộc thành phố) of the pre-2025 structure.",
        "# District level was abolished nationwide on 1 July 2025; rows describe units as named up to 30 June 2025.",
        f"# GENERATED by build_districts.py from underthesea {UNDERTHESEA_VERSION} (Apache-2.0), file {MAPPING_MEMBER}",
        f"#   (metadata: source={meta.get('source')} {meta.get('version')}, effective_date={meta.get('effective_date')}); do not edit by hand, edit the script.",
        "# name: unit name without its prefix, NFC, GSO spelling (numeric HCMC districts are '1', '3', ...: match only as 'Quận 1').",
        "# kind: huyện | quận | thị xã | thành phố (a provincial city, or thành phố Thủ Đức inside Hồ Chí Minh).",
        "# province: canonical pre-2025 province (provinces.tsv); Huế's units are under 'Thừa Thiên Huế'.",
        "# ambiguous_with_province: yes when the name (or a spelling) equals a province canonical name or alias, in this or another province.",
        f"# status: current = existed on 30 June 2025 ({n_current} rows, from the package) | former = abolished 2015-2025 (hand-written in the script).",
        "# former_kinds: earlier kind(s) of the same unit within 2015-2025 (hand-written), so 'huyện Thủy Nguyên' in older news still matches.",
        "# aliases: '|'-separated spelling variants (hand-written). Tone-placement variants are not listed. Apostrophes are ASCII.",
        "# note: ambiguity and history notes (derived + hand-written).",
        "name\tkind\tprovince\tambiguous_with_province\tstatus\tformer_kinds\taliases\tnote",
    ]
    text = "\n".join(header + ["\t".join(r) for *_, r in out]) + "\n"
    text = unicodedata.normalize("NFC", text)
    with open(os.path.join(HERE, "districts.tsv"), "w", encoding="utf-8") as f:
        f.write(text)
    print(f"read {src}: {n_current} current + {len(FORMER)} former = {len(out)} rows -> districts.tsv")


if __name__ == "__main__":
    main()
