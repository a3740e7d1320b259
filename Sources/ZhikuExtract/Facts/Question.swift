/// What a fact question asks for: the kind of answer, the organization it is about, the words
/// that name the attribute, and a year if it gives one.
///
///     Question("中科院赣江创新院有多少个科研团队").expectedKind  // "count"
///     Question("一期工程建筑面积是多少").keywords                 // ["一期工程建筑面积"]
public struct Question: Sendable {
    public var text: String
    /// `count`, `area`, `land_area`, `money`, `percent`, `date`, or nil when the question does not say.
    public var expectedKind: String?
    /// The measure word a count question names (多少个 → 个).
    public var measureWord: String?
    /// Organizations named in the question, canonical.
    public var subjects: [String]
    /// The question with question words, particles and subjects removed, split at what was removed.
    public var keywords: [String]
    /// A year the question names (2020年), as `YYYY`.
    public var year: String?
    /// Provinces and cities the question names (湖北, 郑州市): usually the document it is about.
    public var places: [String]
    /// Search terms: keywords cut further at function words, places kept apart.
    public var searchTerms: [String]

    /// Province-level names (short forms), which questions use bare.
    static let provinces = [
        "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东",
        "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏",
        "新疆", "台湾", "香港", "澳门",
    ]
    /// Words that join the parts of a question and carry no content of their own.
    static let joiners: Set<Character> = ["的", "了", "和", "与", "及", "从"]

    static let dateCues = ["什么时候", "何时", "哪一年", "哪年", "几月", "哪天", "哪一天", "什么时间", "日期", "时间", "哪个月"]
    static let countCues = ["多少", "几"]
    static let measureWords = ["个", "家", "名", "人", "位", "项", "件", "所", "户", "套", "篇", "支", "场", "台"]
    static let landCues = ["占地", "亩", "用地", "公顷"]
    static let areaCues = ["面积", "多大", "平方米", "平米"]
    static let moneyCues = ["多少钱", "投资", "资金", "经费", "金额", "收入", "产值", "投入", "成交额", "营收", "元", "税收", "利润", "规模"]
    static let percentCues = ["占比", "比重", "百分之", "比例", "增长了多少", "增长多少", "增速", "增幅", "率", "强度", "提高了多少", "下降了多少"]
    /// Removed from keywords.
    static let questionWords = [
        "是多少", "有多少", "多少个", "多少家", "多少名", "多少人", "多少项", "多少位", "多少", "几个", "几家", "几名", "几项",
        "什么时候", "何时", "哪一年", "哪年", "哪天", "哪一天", "什么时间", "哪个月", "是什么", "是哪个", "是哪家", "哪个", "哪家", "哪些",
        "请问", "一共", "总共", "共有", "有", "是", "的", "了", "吗", "呢", "？", "?", "达到", "为", "多大", "怎样", "如何", "谁",
    ]

    public init(_ text: String, extractor: Extractor = Extractor()) {
        self.text = text
        let entities = extractor.extract(text)
        subjects = entities.orgs.map { Abbreviations.canonical($0.surface) ?? $0.canonical ?? $0.surface }
        year = entities.dates.first { $0.value.count >= 4 && $0.granularity != "period" }.map { String($0.value.prefix(4)) }

        var kind: String? = nil
        var measure: String? = nil
        // 多少家 / 几位: a count, whatever else the question mentions (…填报了研发投入).
        for cue in Question.countCues where kind == nil {
            var from = text.startIndex
            while let r = text.range(of: cue, range: from..<text.endIndex) {
                if let m = Question.measureWords.first(where: { text[r.upperBound...].hasPrefix($0) }) {
                    kind = "count"
                    measure = m
                    break
                }
                from = r.upperBound
            }
        }
        if kind != nil {
        } else if Question.dateCues.contains(where: text.contains) || (text.hasSuffix("批复的") || text.hasSuffix("成立的") || text.hasSuffix("获批的")) {
            kind = "date"
        } else if Question.percentCues.contains(where: text.contains) {
            kind = "percent"
        } else if Question.landCues.contains(where: text.contains) {
            kind = "land_area"
        } else if Question.areaCues.contains(where: text.contains) {
            kind = "area"
        } else if Question.moneyCues.contains(where: text.contains) {
            kind = "money"
        }
        expectedKind = kind
        measureWord = measure

        // Keywords: cut out subjects, years and question words; what remains, split at the cuts.
        var cuts: [Range<String.Index>] = []
        let scalars = Array(text.unicodeScalars)
        for e in entities.orgs + [] {
            if let r = Question.range(in: text, scalars: scalars, e.start, e.end) { cuts.append(r) }
        }
        for d in entities.dates {
            if let r = Question.range(in: text, scalars: scalars, d.start, d.end) { cuts.append(r) }
        }
        for w in Question.questionWords + Question.measureWords.flatMap({ ["多少" + $0, "几" + $0] }) {
            var from = text.startIndex
            while let r = text.range(of: w, range: from..<text.endIndex) {
                cuts.append(r)
                from = r.upperBound
            }
        }
        var keep = [Bool](repeating: true, count: scalars.count)
        for r in cuts {
            let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
            let b = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.upperBound)
            for i in a..<b { keep[i] = false }
        }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if keep[i] && !(s == " " || s == "，" || s == "," || s == "、") {
                current.append(s)
            } else if !current.isEmpty {
                words.append(String(current)); current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        keywords = words.filter { $0.count >= 2 }

        // Places: province names and 2–3 character names before 市/省/县 at the start of a keyword.
        var places: [String] = []
        var terms: [String] = []
        for word in keywords {
            var rest = Substring(word)
            while true {
                if let p = Question.provinces.first(where: { rest.hasPrefix($0) }) {
                    places.append(p)
                    rest = rest.dropFirst(p.count)
                    for suffix in ["省", "市", "自治区"] where rest.hasPrefix(suffix) { rest = rest.dropFirst(suffix.count) }
                    continue
                }
                if let cut = rest.prefix(4).firstIndex(where: { $0 == "市" || $0 == "县" }), rest.distance(from: rest.startIndex, to: cut) >= 2 {
                    places.append(String(rest[...cut]))
                    rest = rest[rest.index(after: cut)...]
                    continue
                }
                break
            }
            // Cut at joining words.
            var piece = ""
            for ch in rest {
                if Question.joiners.contains(ch) {
                    if piece.count >= 2 { terms.append(piece) }
                    piece = ""
                } else {
                    piece.append(ch)
                }
            }
            if piece.count >= 2 { terms.append(piece) }
        }
        self.places = places
        searchTerms = terms
    }

    static func range(in text: String, scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Range<String.Index>? {
        let u = text.unicodeScalars
        guard start >= 0, end <= scalars.count, start < end,
              let a = u.index(u.startIndex, offsetBy: start, limitedBy: u.endIndex),
              let b = u.index(u.startIndex, offsetBy: end, limitedBy: u.endIndex) else { return nil }
        return a..<b
    }
}
