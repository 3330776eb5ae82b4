"""Hand-written test sentences and a small labelled Vietnamese sentence generator.

Everything in this file was written for nerlink (no corpus text). Uses:
  * VERIFY_SENTENCES  - Vietnamese + English sentences for verify_base.py (embedding check)
  * EXPECTED_SENTENCES - the 5 short sentences of tests/fixtures/tiny-ner/expected.json
  * generate(n, seed) - template sentences with PER/ORG/LOC character spans, for the tiny
    fixture vocabulary, trim checks and the toy end-to-end training run. Span conventions
    follow shared/gold/ENTITY_GUIDELINES.md: PER = the name only (no ông/bà, no title);
    LOC includes a lower-case administrative prefix (tỉnh, huyện, thành phố, TP); ORG
    includes the place that is part of the body's name.

It is not a training corpus for the real model: the templates are few and repetitive.
"""
import random

VERIFY_SENTENCES = [
    "Thủ tướng Chính phủ đã ký quyết định phê duyệt quy hoạch tỉnh Quảng Ninh.",
    "Ông Nguyễn Văn An được bổ nhiệm làm Giám đốc Sở Tài chính tỉnh Nghệ An.",
    "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng bệnh cúm mùa.",
    "Ủy ban nhân dân thành phố Hà Nội tổ chức hội nghị tổng kết công tác năm 2023.",
    "Chỉ số cải cách hành chính của tỉnh An Giang tăng 5 bậc so với năm trước.",
    "Bà Trần Thị Bình, Phó Chủ tịch UBND tỉnh, phát biểu tại buổi lễ.",
    "Giá xăng dầu trong nước giảm nhẹ từ 15 giờ chiều nay.",
    "Học sinh Đà Nẵng bước vào kỳ thi tốt nghiệp trung học phổ thông.",
    "Ngân hàng Nhà nước Việt Nam điều chỉnh lãi suất điều hành.",
    "Mưa lớn kéo dài gây ngập úng nhiều tuyến phố ở Thành phố Hồ Chí Minh.",
    "Đoàn công tác của Bộ Ngoại giao thăm Nhật Bản và Hàn Quốc.",
    "Theo Tổng cục Thống kê, GDP quý III tăng 7,2% so với cùng kỳ.",
    "how much protein should an adult eat per day",
    "The provincial government approved a new industrial park near the port.",
    "Vietnam's exports of rice rose sharply in the first half of the year.",
    "Heavy rain caused flooding across several districts of the city.",
    "The Ministry of Health issued new guidance on seasonal influenza vaccination.",
    "A football match between Hanoi and Da Nang ended in a draw.",
    "Hội nghị trực tuyến toàn quốc về chuyển đổi số diễn ra sáng 12/3.",
    "Cô giáo Lê Thị Hoa được tặng Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo.",
    "Xin chào! Hôm nay trời đẹp quá.",
    "Quyết định số 1291/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ.",
]

EXPECTED_SENTENCES = [
    "Ông Nguyễn Văn An làm việc tại Hà Nội.",
    "Bộ Y tế họp với UBND tỉnh Nghệ An.",
    "Bà Trần Thị Bình thăm Đà Nẵng hôm qua.",
    "Chủ tịch Lê Minh Châu phát biểu tại Quốc hội.",
    "Mưa lớn ở Thành phố Hồ Chí Minh.",
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Phan", "Trương", "Đinh", "Mai", "Tô", "Lương", "Thái"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Đức", "Thanh", "Hữu", "Ngọc", "Thu", "Hồng", "Xuân",
          "Công", "Kim", "Quang", "Bảo", "Trọng", ""]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Hà", "Thắng", "Lan", "Huy", "Hùng", "Tùng", "Hải",
         "Hương", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Trang", "Vinh", "Yến", "Khoa", "Linh",
         "Hạnh", "Long", "Nga", "Oanh", "Phương", "Thảo", "Tuấn", "Việt", "Cường", "Đạt"]
PROVINCES = ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Quảng Ninh", "Nghệ An", "Thanh Hóa",
             "Lào Cai", "Khánh Hòa", "Bình Dương", "Đồng Nai", "Thừa Thiên Huế", "Hà Giang",
             "Kiên Giang", "Sơn La", "An Giang", "Hậu Giang", "Bắc Ninh", "Quảng Nam", "Gia Lai",
             "Đắk Lắk", "Lâm Đồng", "Cà Mau", "Bến Tre", "Thái Nguyên", "Ninh Bình", "Vĩnh Phúc",
             "Hưng Yên", "Quảng Bình", "Bình Định", "Phú Yên", "Tây Ninh", "Long An", "Sóc Trăng"]
CITIES = ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh", "Vinh", "Huế", "Nha Trang",
          "Đà Lạt", "Buôn Ma Thuột", "Quy Nhơn", "Thủ Dầu Một", "Biên Hòa", "Hạ Long"]
DISTRICTS = ["Ba Vì", "Sóc Sơn", "An Phú", "Củ Chi", "Nhà Bè", "Mộc Châu", "Sa Pa", "Phú Quốc",
             "Cần Giờ", "Đông Anh", "Gia Lâm", "Lục Ngạn", "Tam Đảo", "Côn Đảo"]
COUNTRIES = ["Việt Nam", "Nhật Bản", "Hàn Quốc", "Lào", "Campuchia", "Singapore", "Thái Lan",
             "Trung Quốc", "Hoa Kỳ", "Pháp", "Đức", "Australia", "Ấn Độ", "Indonesia"]
MINISTRIES = ["Bộ Y tế", "Bộ Tài chính", "Bộ Giáo dục và Đào tạo", "Bộ Công an", "Bộ Quốc phòng",
              "Bộ Ngoại giao", "Bộ Kế hoạch và Đầu tư", "Bộ Nội vụ", "Bộ Công Thương",
              "Bộ Giao thông vận tải", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Tư pháp",
              "Bộ Tài nguyên và Môi trường", "Bộ Thông tin và Truyền thông", "Bộ Xây dựng"]
NATIONAL_ORGS = ["Chính phủ", "Quốc hội", "Văn phòng Chính phủ", "Ngân hàng Nhà nước Việt Nam",
                 "Tổng cục Thống kê", "Tòa án nhân dân tối cao", "Viện Kiểm sát nhân dân tối cao",
                 "Kiểm toán Nhà nước", "Tập đoàn Điện lực Việt Nam", "Thông tấn xã Việt Nam",
                 "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Bảo hiểm xã hội Việt Nam"]
DEPARTMENTS = ["Sở Tài chính", "Sở Y tế", "Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Xây dựng",
               "Sở Giao thông vận tải", "Sở Kế hoạch và Đầu tư", "Công an", "Sở Tư pháp"]
ROLES = ["Bộ trưởng", "Thứ trưởng", "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc",
         "Bí thư", "Phó Bí thư", "Chánh Văn phòng", "Tổng cục trưởng", "Thống đốc"]
HONORIFICS = ["Ông", "Bà", "ông", "bà", "đồng chí"]
TOPICS = ["cải cách hành chính", "chuyển đổi số", "phòng chống dịch bệnh", "phát triển kinh tế",
          "xây dựng nông thôn mới", "giải ngân vốn đầu tư công", "bảo vệ môi trường",
          "an toàn giao thông", "thu hút đầu tư", "giáo dục phổ thông", "y tế cơ sở",
          "phòng chống thiên tai", "quản lý đất đai", "phát triển du lịch"]
VERBS = ["làm việc với", "kiểm tra", "thăm", "chủ trì cuộc họp tại", "gửi công văn tới",
         "ký kết hợp tác với", "tiếp đoàn công tác của", "báo cáo"]


def _person(rng):
    mid = rng.choice(MIDDLE)
    parts = [rng.choice(SURNAMES)] + ([mid] if mid else []) + [rng.choice(GIVEN)]
    if rng.random() < 0.15:
        parts.insert(-1, rng.choice(MIDDLE[:-1]))
    return " ".join(parts)


def _loc(rng):
    r = rng.random()
    if r < 0.35:
        return "tỉnh " + rng.choice(PROVINCES)
    if r < 0.5:
        return rng.choice(["thành phố ", "TP ", "TP. "]) + rng.choice(CITIES)
    if r < 0.6:
        return "huyện " + rng.choice(DISTRICTS)
    if r < 0.8:
        return rng.choice(COUNTRIES)
    return rng.choice(PROVINCES)


def _org(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice(MINISTRIES)
    if r < 0.5:
        return rng.choice(NATIONAL_ORGS)
    if r < 0.75:
        return rng.choice(["UBND tỉnh ", "Ủy ban nhân dân tỉnh ", "HĐND tỉnh ", "Tỉnh ủy "]) + rng.choice(PROVINCES)
    return rng.choice(DEPARTMENTS) + " " + rng.choice(["tỉnh ", ""]) + rng.choice(PROVINCES)


# Templates: {P} person, {O} org, {L} loc, {R} role, {H} honorific, {T} topic, {V} verb,
# {N} number, {D} date (plain text, not labelled here).
TEMPLATES = [
    "{H} {P}, {R} {O}, đã {V} {O} về công tác {T}.",
    "Ngày {D}, {O} tổ chức hội nghị về {T} tại {L}.",
    "{R} {P} yêu cầu các đơn vị của {O} đẩy mạnh {T}.",
    "Đoàn công tác của {O} do {H} {P} dẫn đầu đã {V} {O}.",
    "Theo {O}, trong 6 tháng đầu năm, {L} thu hút {N} dự án đầu tư.",
    "{H} {P} được bổ nhiệm giữ chức {R} {O} từ ngày {D}.",
    "Tại {L}, {H} {P} cho biết {T} là nhiệm vụ trọng tâm.",
    "{O} và {O} ký kết chương trình phối hợp về {T}.",
    "Mưa lớn kéo dài gây ngập úng tại {L} và {L}.",
    "Phát biểu tại hội nghị, {R} {O} {P} nhấn mạnh vai trò của {T}.",
    "{P} sinh năm {N}, quê ở {L}, hiện công tác tại {O}.",
    "Chiều {D}, {R} {P} tiếp Đại sứ {L} tại {L}.",
    "{O} đề nghị {O} xem xét kiến nghị của cử tri {L}.",
    "Năm nay, {L} đứng thứ {N}/63 về {T}.",
    "Kết quả kiểm tra tại {L} cho thấy {N} đơn vị chưa hoàn thành {T}.",
    "{H} {P} và {H} {P} cùng dự lễ khánh thành công trình ở {L}.",
    "Sáng {D}, {O} công bố kết quả {T} năm {N}.",
    "Hơn {N} người dân {L} đã tham gia hoạt động {T}.",
    "Trả lời phóng viên, {P} cho biết {O} sẽ sớm hoàn thiện hồ sơ.",
    "Các doanh nghiệp {L} xuất khẩu hàng hóa sang {L} tăng {N}%.",
]


def _date(rng):
    return f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2019, 2025)}"


def generate(n: int, seed: int = 0):
    """Return n (text, spans) pairs; spans are dicts {start, end, label}, character offsets."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        tpl = rng.choice(TEMPLATES)
        text, spans, i = "", [], 0
        while i < len(tpl):
            if tpl[i] == "{" and tpl[i + 2] == "}":
                key = tpl[i + 1]
                i += 3
                if key == "P":
                    val, lab = _person(rng), "PER"
                elif key == "O":
                    val, lab = _org(rng), "ORG"
                elif key == "L":
                    val, lab = _loc(rng), "LOC"
                elif key == "R":
                    val, lab = rng.choice(ROLES), None
                elif key == "H":
                    val, lab = rng.choice(HONORIFICS), None
                elif key == "T":
                    val, lab = rng.choice(TOPICS), None
                elif key == "V":
                    val, lab = rng.choice(VERBS), None
                elif key == "N":
                    val, lab = str(rng.randint(2, 2000)), None
                elif key == "D":
                    val, lab = _date(rng), None
                else:
                    raise ValueError(f"unknown template key {key!r} in {tpl!r}")
                if not text or text.endswith((". ", "! ")) or text == "":
                    val = val[0].upper() + val[1:]
                if lab:
                    spans.append({"start": len(text), "end": len(text) + len(val), "label": lab})
                text += val
            else:
                text += tpl[i]
                i += 1
        out.append((text, spans))
    return out


def to_conll(text: str, spans) -> list:
    """Split on whitespace, peel trailing/leading punctuation into own tokens, IOB2 tags."""
    toks = []
    pos = 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        core_s, core_e = start, pos
        pre, post = [], []
        while core_e - core_s > 1 and text[core_e - 1] in ",.;:!?)\"%":
            post.insert(0, (core_e - 1, core_e))
            core_e -= 1
        while core_e - core_s > 1 and text[core_s] in "(\"":
            pre.append((core_s, core_s + 1))
            core_s += 1
        toks.extend(pre + [(core_s, core_e)] + post)
    rows = []
    for s, e in toks:
        tag = "O"
        for sp in spans:
            if sp["start"] <= s and e <= sp["end"]:
                tag = ("B-" if s == sp["start"] else "I-") + sp["label"]
                break
        rows.append((text[s:e], tag))
    return rows
