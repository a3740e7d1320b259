/// Canonical unit and kind of a measure written after a number.
struct UnitInfo: Sendable, Equatable {
    var unit: String
    var kind: String
}

/// The unit gazetteer (extraction.md, "unit"). Longest match wins.
enum Units {
    static let table: WordTable<UnitInfo> = {
        var e: [(String, UnitInfo)] = []
        func add(_ words: [String], _ unit: String?, _ kind: String) {
            for w in words { e.append((w, UnitInfo(unit: unit ?? w, kind: kind))) }
        }
        add(["元", "元整", "元钱", "块钱", "元人民币", "人民币"], "元", "money")
        for cur in ["美元", "港元", "港币", "欧元", "日元", "英镑", "韩元", "卢布", "澳元", "加元", "新台币"] {
            add([cur], cur, "money")
        }
        add(["平方米", "平米", "㎡", "m²", "m2", "平方"], "平方米", "area")
        add(["平方公里", "平方千米", "km²", "km2", "㎞²"], "平方公里", "area")
        add(["亩"], "亩", "land_area")
        add(["公顷"], "公顷", "land_area")
        add(["%", "％"], "%", "percent")
        add(["‰"], "‰", "percent")
        add(["个百分点", "百分点"], "百分点", "percentage_point")
        add(["个千分点", "千分点"], "千分点", "permille_point")
        add(["台（套）", "台(套)", "台/套", "台套"], "台套", "count")
        add(["个", "家", "名", "人", "位", "项", "件", "所", "户", "套", "篇", "支", "场", "批次", "人次",
             "次", "台", "座", "条", "栋", "幢", "张", "种", "株", "颗", "册", "部", "辆", "艘", "架", "枚",
             "份", "款", "门", "类", "只", "间", "处", "块", "家次", "户次", "架次", "批", "项次"],
            nil, "count")
        add(["吨", "万吨"], "吨", "mass")
        // compound units stay whole as written (extraction.md, "Signs and spacing")
        add(["吨标准煤"], "吨标准煤", "energy")
        add(["吨标煤"], "吨标煤", "energy")
        add(["千克标准煤"], "千克标准煤", "energy")
        add(["标准箱"], "标准箱", "count")
        add(["吨公里"], "吨公里", "freight")
        add(["人公里"], "人公里", "passenger_distance")
        add(["千克", "公斤", "kg"], "千克", "mass")
        add(["克"], "克", "mass")
        add(["斤"], "斤", "mass")
        add(["微克/立方米", "μg/m³", "μg/m3"], "微克/立方米", "concentration")
        add(["毫克/立方米", "mg/m³"], "毫克/立方米", "concentration")
        add(["公里", "千米", "km"], "公里", "length")
        add(["米", "m"], "米", "length")
        add(["厘米", "cm", "CM", "公分"], "厘米", "length")
        add(["毫米", "mm"], "毫米", "length")
        add(["立方米"], "立方米", "volume")
        add(["千瓦", "kW", "KW"], "千瓦", "power")
        add(["兆瓦", "MW"], "兆瓦", "power")
        add(["千瓦时", "度电"], "千瓦时", "energy")
        add(["倍"], "倍", "multiple")
        add(["个月"], "月", "duration")
        add(["个工作日", "工作日"], "工作日", "duration")
        add(["分钟"], "分钟", "duration")
        add(["日"], "日", "duration")
        add(["小时"], "小时", "duration")
        add(["天"], "天", "duration")
        add(["周年"], "周年", "duration")
        add(["年"], "年", "duration")
        return WordTable(e)
    }()

    /// Prefixes that mark money before a number (人民币3亿元).
    static let moneyPrefixes = ["人民币"]
}

/// Hedge markers (extraction.md, "approx").
enum Markers {
    /// Written directly before the number; included in the surface.
    static let before: WordTable<String> = WordTable([
        ("约", "约"), ("大约", "约"), ("约合", "约"),
        ("将近", "近"), ("接近", "近"), ("近", "近"),
        ("超过", "超"), ("超", "超"), ("突破", "超"), ("逾越", "超"),
        ("逾", "逾"),
        ("不少于", "以上"), ("不低于", "以上"), ("至少", "以上"),
        ("不超过", "以下"), ("不足", "以下"), ("不到", "以下"), ("最高", "以下"), ("最多", "以下"),
        ("不高于", "以下"),
    ])

    /// Markers that may stand apart from the number (约为40%, 不低于…30%, 最高补助1000万元);
    /// never included in the surface.
    static let apart: WordTable<String> = WordTable([
        ("约为", "约"), ("约占", "约"), ("约有", "约"), ("约达", "约"), ("大约", "约"), ("约合", "约"),
        ("不少于", "以上"), ("不低于", "以上"), ("至少", "以上"),
        ("不超过", "以下"), ("不高于", "以下"), ("最高", "以下"), ("最多", "以下"), ("不足", "以下"),
    ])

    /// Written after the number or unit; included in the surface.
    static let after: WordTable<String> = WordTable([
        ("左右", "左右"), ("上下", "左右"),
        ("以上", "以上"), ("以下", "以下"),
        ("余", "余"), ("餘", "余"), ("多", "多"),
    ])

    /// Written between number and unit (150余名, 400多亩).
    static func between(_ c: UInt32) -> String? {
        switch c {
        case 0x4F59, 0x9918: return "余"
        case 0x591A: return "多"
        default: return nil
        }
    }
}
