import ZhikuText
/// Curated abbreviation table for national bodies and rewrite rules for local ones
/// (extraction.md, "Aliases").
enum Abbreviations {
    /// Whole-surface abbreviations.
    static let exact: [String: String] = [
        "中科院": "中国科学院",
        "工信部": "工业和信息化部",
        "科技部": "科学技术部",
        "发改委": "国家发展和改革委员会",
        "国家发改委": "国家发展和改革委员会",
        "国家发展改革委": "国家发展和改革委员会",
        "国家工信部": "工业和信息化部",
        "国务院国资委": "国务院国有资产监督管理委员会",
        "市场监管总局": "国家市场监督管理总局",
        "国家市场监管总局": "国家市场监督管理总局",
        "税务总局": "国家税务总局",
        "国家税务局": "国家税务总局",
        "科技部火炬中心": "科学技术部火炬高技术产业开发中心",
        "人社部": "人力资源和社会保障部",
        "中国科协": "中国科学技术协会",
        "国家基金委": "国家自然科学基金委员会",
        "国家知识产权局": "国家知识产权局",
    ]

    /// Chinese Academy of Sciences institute abbreviations (the part after 中科院).
    static let casInstitutes: [String: String] = [
        "应化所": "应用化学研究所", "化学所": "化学研究所", "物理所": "物理研究所", "金属所": "金属研究所",
        "过程所": "过程工程研究所", "化物所": "化学物理研究所", "硅酸盐所": "硅酸盐研究所",
        "材料所": "材料技术与工程研究所", "光机所": "光学精密机械与物理研究所", "物构所": "物质结构研究所",
        "自动化所": "自动化研究所", "计算所": "计算技术研究所", "软件所": "软件研究所", "半导体所": "半导体研究所",
        "声学所": "声学研究所", "力学所": "力学研究所", "生物物理所": "生物物理研究所", "植物所": "植物研究所",
        "动物所": "动物研究所", "微生物所": "微生物研究所", "地化所": "地球化学研究所", "地质地球所": "地质与地球物理研究所",
        "电工所": "电工研究所", "理化所": "理化技术研究所", "沈阳自动化所": "沈阳自动化研究所",
    ]

    /// Rewrites: suffix → expansion, applied when a place precedes the suffix.
    static let rules: [(String, String)] = [
        ("高新区管委会", "高新技术产业开发区管理委员会"),
        ("经开区管委会", "经济技术开发区管理委员会"),
        ("管委会", "管理委员会"),
        ("科技厅", "科学技术厅"),
        ("科技局", "科学技术局"),
        ("工信厅", "工业和信息化厅"),
        ("工信局", "工业和信息化局"),
        ("人社厅", "人力资源和社会保障厅"),
        ("人社局", "人力资源和社会保障局"),
        ("国资委", "人民政府国有资产监督管理委员会"),
        ("发改委", "发展和改革委员会"),
        ("发展改革委员会", "发展和改革委员会"),
        ("发展改革委", "发展和改革委员会"),
        ("市监局", "市场监督管理局"),
        ("市场监管局", "市场监督管理局"),
        ("市政府", "市人民政府"),
        ("省政府", "省人民政府"),
        ("县政府", "县人民政府"),
        ("区政府", "区人民政府"),
    ]

    /// Canonical full name of an abbreviated surface, or nil when none is known.
    static func canonical(_ surface: String) -> String? {
        if let c = exact[surface] { return c }
        if surface.hasPrefix("中科院") {
            let rest = String(surface.dropFirst(3))
            return "中国科学院" + expandInstitute(rest)
        }
        // 市委 / 省委 with a place: 中共赣州市委员会
        for suffix in ["市委", "省委", "县委", "区委"] where surface.endsWithBytes(suffix) && surface.count > 2 {
            let place = surface.dropLast(1)
            return (place.hasPrefix("中共") ? "" : "中共") + place + "委员会"
        }
        for (short, long) in rules where surface.endsWithBytes(short) {
            let place = String(surface.dropLast(short.count))
            // canonical only when the place is known (省发改委 has none)
            guard place.count >= 2 || (short.first == "市" || short.first == "省" || short.first == "县" || short.first == "区") && place.count >= 2 else { return nil }
            return place + long
        }
        return nil
    }

    /// 长春应化所 → 长春应用化学研究所; unknown X所 → X研究所.
    static func expandInstitute(_ rest: String) -> String {
        for (k, v) in casInstitutes where rest.endsWithBytes(k) {
            return String(rest.dropLast(k.count)) + v
        }
        if rest.hasSuffix("所") && !rest.hasSuffix("研究所") { return String(rest.dropLast()) + "研究所" }
        return rest
    }
}
