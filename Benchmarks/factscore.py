"""The scoring rules of ../shared/docs/extraction.md, section "Fact answers", for one answer of
`zhiku facts --format json` against one labelled question (`doc`, `answer_surface`, `kind`):

- the answer must come from the question's document;
- a figure is right when its `value` (canonical unit) equals the value of the last number in
  `answer_surface` (万/亿 applied; 百分之X → X; relative tolerance 1e-6);
- a date when its `value` starts with the date in `answer_surface` (ISO prefix; a month and day
  without a year compare on month and day);
- a rank (`kind: rank`) when its `value` is the position (第2位 → 2);
- an organization (`org`), and any other answer (`other`: a person, a document number), when its
  `surface` and `answer_surface` contain one another.

Used by eval_facts.py and Tools/fit-fact-weights.py (which labels every candidate with it).
"""
import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
          "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE = {"万": 10 ** 4, "亿": 10 ** 8}
FULL = str.maketrans("０１２３４５６７８９．％－", "0123456789.%-")
CN = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
NUMBER = re.compile(r"(?P<frac>[一二三四五六七八九十百千万]+)分之(?P<num>[" + CN + r"点\d.]+)"
                    r"|(?P<arabic>[-−]?\d[\d,]*(?:\.\d+)?)\s*(?P<mag>[万亿]*)"
                    r"|(?P<cn>[" + CN + r"]+(?:点[" + CN + r"]+)?)")


def chinese(text):
    """A Chinese numeral (四百一十八, 二万八千亿, 十五, 二十三点五) as a number; None if it is none."""
    if "点" in text:
        whole, frac = text.split("点", 1)
        w = chinese(whole) if whole else 0
        digits = "".join(str(DIGITS[c]) for c in frac if c in DIGITS)
        return None if w is None or not digits else w + float("0." + digits)
    total, section, digit, seen = 0, 0, None, False
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c] if digit is None else digit * 10 + DIGITS[c]
            seen = True
        elif c in SMALL:
            section += (digit if digit is not None else 1) * SMALL[c]
            digit, seen = None, True
        elif c in LARGE:
            section += digit if digit is not None else (0 if seen else 1)  # 万分之二: a bare 万 is 10^4
            if c == "亿":
                total = (total + section) * LARGE[c]
            else:
                total += section * LARGE[c]
            section, digit, seen = 0, None, True
        else:
            return None
    return total + section + (digit or 0) if seen else None


def numbers(surface):
    """The numbers in `surface`, in order, magnitudes applied (百分之X → X, 万分之X → X/100)."""
    s = surface.translate(FULL)
    out = []
    for m in NUMBER.finditer(s):
        if m.group("frac"):
            base, num = chinese(m.group("frac")), m.group("num")
            value = float(num) if re.fullmatch(r"\d+(\.\d+)?", num) else chinese(num)
            if base and value is not None:
                out.append(value * 100 / base)
        elif m.group("arabic"):
            value = float(m.group("arabic").replace(",", "").replace("−", "-"))
            for c in m.group("mag") or "":
                value *= LARGE[c]
            out.append(value)
        else:
            text = m.group("cn")
            if len(text) == 1 and text in "万亿":
                continue
            # Not figures (extraction.md): 两院院士, 一期工程, 一站式, 两型, 三方协议.
            if len(text) == 1 and s[m.end():m.end() + 1] in ("院", "期", "站", "型", "方"):
                continue
            value = chinese(text)
            if value is not None:
                out.append(value)
    return out


DATE = re.compile(r"(?:(\d{4}|[" + CN + r"]{4})\s*年)?\s*(\d{1,2}|[" + CN + r"]{1,3})\s*月(?:\s*(\d{1,2}|[" + CN + r"]{1,3})\s*日)?"
                  r"|(\d{4})\s*年")


def _int(text):
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in DIGITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text))
    v = chinese(text)
    return int(v) if v is not None else None


def date_prefix(surface):
    """The date in `surface` as an ISO prefix (2008-12-27, 2005-03, 2024), or a month-day (--12-28)."""
    m = DATE.search(surface.translate(FULL))
    if not m:
        return None
    if m.group(4):
        return m.group(4)
    year, month, day = _int(m.group(1)), _int(m.group(2)), _int(m.group(3))
    if month is None:
        return None
    md = f"{month:02d}" + (f"-{day:02d}" if day else "")
    return f"{year:04d}-{md}" if year else "--" + md


def expected_value(case):
    """The value the question's answer must have (a number), or None for date/org/other."""
    nums = numbers(case["answer_surface"])
    return nums[-1] if nums else None


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def is_right(answer, case):
    """Whether `answer` (an element of `answers`) answers `case` by the rules above."""
    if answer.get("doc") != case["doc"]:
        return False
    kind = case["kind"]
    want = case["answer_surface"]
    surface = answer.get("surface") or ""
    if kind in ("org", "other"):
        return bool(surface) and (surface in want or want in surface)
    if kind == "date":
        value = answer.get("value")
        prefix = date_prefix(want)
        if not isinstance(value, str) or not prefix:
            return False
        if prefix.startswith("--"):
            return value[4:].startswith(prefix[1:])
        return value.startswith(prefix)
    value = answer.get("value")
    target = expected_value(case)
    if not isinstance(value, (int, float)) or target is None:
        return False
    if close(value, target):
        return True
    # A percentage stored as a fraction of one, or a figure stored without its 万 (a count written
    # 1.5万家 stored as 15000 is already handled above).
    return answer.get("unit") in ("%", "％") and close(value * 100, target)


def source_folder(case):
    """The folder a question's document belongs to, for leave-one-folder-out: the first path
    component (national-gwr, regulations, …), `seed` for the sample report, `realdocs` for the
    real documents."""
    if case.get("set") == "realdocs":
        return "realdocs"
    doc = case["doc"]
    return doc.split("/", 1)[0] if "/" in doc else "seed"
