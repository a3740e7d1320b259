#!/usr/bin/env python3
"""Generates Sources/ZhikuExtract/Profile/DivisionTable*.swift: China's administrative divisions
(provinces, prefecture-level cities, counties and districts, and the development zones that the
statistical division codes list at county level), with their short forms.

Source: the National Bureau of Statistics' 统计用区划代码 (2023, cut-off 2023-06-30), as compiled in
github.com/modood/Administrative-divisions-of-China, file dist/pca-code.json (WTFPL). Hong Kong,
Macao and Taiwan are added by hand at province level (the statistical codes leave them out).

Usage: python3 Tools/generate-divisions.py path/to/pca-code.json Sources/ZhikuExtract/Profile

The table is written one file per region, as the first digit of the statistical codes groups the
provinces (华北 1, 东北 2, 华东 3, 中南 4, 西南 5, 西北 6; 华东 and 中南 in two each, so that no file
passes about 500 lines), and DivisionTable.swift lists them in code order.

Each output line: code TAB full name TAB short forms (comma-separated, may be empty). A code of two
digits is a province, four a prefecture, six a county, a district or a zone; a zone's line ends
with TAB "zone". Short forms: the name without its suffix (省 市 县 区 旗 地区 盟, 自治区/州/县/旗
with the nationalities before them), when at least two characters are left; for zones, the common
abbreviations (X高新技术产业开发区 → X高新区, X经济技术开发区 → X经开区) and the name without a
leading province (河北唐山芦台经济开发区 → 唐山芦台经济开发区).
"""
import json, re, sys

NATIONALITIES = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
                 "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
                 "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()
ETHNIC = "(?:(?:" + "|".join(sorted(NATIONALITIES, key=len, reverse=True)) + ")族|维吾尔)"  # 新疆维吾尔自治区 writes no 族
AUTONOMOUS = re.compile("^(.+?)(?:" + ETHNIC + ")+自治(?:区|州|县|旗)$")
# Province abbreviations (简称), for the few contexts that use them (全疆, 京津冀).
ABBREVIATIONS = {
    "北京市": "京", "天津市": "津", "河北省": "冀", "山西省": "晋", "内蒙古自治区": "蒙", "辽宁省": "辽", "吉林省": "吉",
    "黑龙江省": "黑", "上海市": "沪", "江苏省": "苏", "浙江省": "浙", "安徽省": "皖", "福建省": "闽", "江西省": "赣",
    "山东省": "鲁", "河南省": "豫", "湖北省": "鄂", "湖南省": "湘", "广东省": "粤", "广西壮族自治区": "桂", "海南省": "琼",
    "重庆市": "渝", "四川省": "川", "贵州省": "黔", "云南省": "滇", "西藏自治区": "藏", "陕西省": "陕", "甘肃省": "甘",
    "青海省": "青", "宁夏回族自治区": "宁", "新疆维吾尔自治区": "新", "台湾省": "台", "香港特别行政区": "港",
    "澳门特别行政区": "澳",
}
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
ZONE = re.compile("(开发区|园区|新区|示范区|实验区|试验区|管理区|保税区|合作区)$")
# What a zone's name says it is, after the place (吉林高新技术产业开发区 keeps its 吉林: 吉林 is the city).
ZONE_TYPE = re.compile("(国家级)?(高新技术产业开发区|经济技术开发区|经济开发区|工业园区|产业园区|开发区|园区|新区|示范区|实验区|试验区|管理区|保税区|合作区)$")
SUFFIXES = ("特别行政区", "自治区", "地区", "林区", "特区", "省", "市", "县", "区", "旗", "盟")


def short_forms(name, zone=False):
    out = []
    if zone:
        m = re.match("^(.+?)高新技术产业开发区$", name)
        if m:
            out.append(m.group(1) + "高新区")
        m = re.match("^(.+?)经济技术开发区$", name)
        if m:
            out.append(m.group(1) + "经开区")
        return out
    m = AUTONOMOUS.match(name)
    if m and len(m.group(1)) >= 2:
        return [m.group(1)]
    for s in SUFFIXES:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return [name[: -len(s)]]
    return out


def main(path, out_dir):
    data = json.load(open(path, encoding="utf-8"))
    lines = []
    province_shorts = []
    for p in data:
        shorts = short_forms(p["name"])
        province_shorts += shorts
        lines.append((p["code"], p["name"], shorts + [ABBREVIATIONS[p["name"]]], False))
        for c in p.get("children", []):
            if c["name"] not in PLACEHOLDERS:
                lines.append((c["code"], c["name"], short_forms(c["name"]), False))
            for a in c.get("children", []):
                name = a["name"]
                if name in PLACEHOLDERS:
                    continue
                zone = bool(ZONE.search(name)) and len(name) > 4
                shorts = short_forms(name, zone)
                if zone:
                    for ps in province_shorts[-1:]:
                        bare = name[len(ps):]
                        if name.startswith(ps) and len(ZONE_TYPE.sub("", bare)) >= 2:
                            shorts += [bare] + short_forms(bare, True)
                lines.append((a["code"], name, shorts, zone))
    for code, name, short in (("71", "台湾省", "台湾"), ("81", "香港特别行政区", "香港"), ("82", "澳门特别行政区", "澳门")):
        lines.append((code, name, [short, ABBREVIATIONS[name]], False))
    lines.sort(key=lambda l: l[0])
    write_tables(lines, out_dir)
    print(f"{len(lines)} divisions", file=sys.stderr)


# (Swift name, what it holds, the two-digit code prefixes it takes), in code order.
REGIONS = [
    ("north", "华北: 北京、天津、河北、山西、内蒙古", ("1",)),
    ("northeast", "东北: 辽宁、吉林、黑龙江", ("2",)),
    ("yangtzeDelta", "华东, the Yangtze delta: 上海、江苏、浙江、安徽", ("31", "32", "33", "34")),
    ("east", "华东, the rest: 福建、江西、山东", ("35", "36", "37")),
    ("central", "中南, the centre: 河南、湖北、湖南", ("41", "42", "43")),
    ("south", "中南, the south: 广东、广西、海南", ("44", "45", "46")),
    ("southwest", "西南: 重庆、四川、贵州、云南、西藏", ("5",)),
    ("northwest", "西北: 陕西、甘肃、青海、宁夏、新疆", ("6",)),
    ("taiwanHongKongMacao", "台湾、香港、澳门 (added by hand)", ("7", "8")),
]

HEADER = """// Generated by Tools/generate-divisions.py from the National Bureau of Statistics' 统计用区划代码 (2023),
// as compiled in github.com/modood/Administrative-divisions-of-China (dist/pca-code.json). Do not edit.
"""


def write_tables(lines, out_dir):
    """DivisionTable.swift (the regions in code order) and one DivisionTable+<Region>.swift each."""
    import os
    taken = 0
    for name, what, prefixes in REGIONS:
        rows = [l for l in lines if l[0].startswith(prefixes)]
        taken += len(rows)
        with open(os.path.join(out_dir, f"DivisionTable+{name[0].upper() + name[1:]}.swift"), "w", encoding="utf-8") as out:
            out.write(HEADER + "\n")
            out.write("extension DivisionTable {\n")
            out.write(f"    /// {what}.\n")
            out.write(f'    static let {name} = """\n')
            for code, full, shorts, zone in rows:
                out.write(f"{code}\t{full}\t{','.join(dict.fromkeys(shorts))}" + ("\tzone" if zone else "") + "\n")
            out.write('"""\n}\n')
    if taken != len(lines):
        sys.exit(f"{len(lines) - taken} divisions in no region")
    with open(os.path.join(out_dir, "DivisionTable.swift"), "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("// One division a line: code, full name, short forms (comma-separated), \"zone\" for development zones.\n\n")
        out.write("/// China's divisions, a file per region (the first digit of the statistical codes).\n")
        out.write("enum DivisionTable {\n")
        out.write("    /// The regions' tables, in code order.\n")
        out.write("    static let regions = [" + ", ".join(n for n, _, _ in REGIONS) + "]\n")
        out.write("}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: generate-divisions.py pca-code.json OUT_DIR")
    main(sys.argv[1], sys.argv[2])
