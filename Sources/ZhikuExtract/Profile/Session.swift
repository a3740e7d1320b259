import ZhikuText

/// A numbered congress or session a document or a question names: 十三届全国人大四次会议
/// (= 第十三届全国人民代表大会第四次会议), 党的十六大 (= 中国共产党第十六次全国代表大会), with the
/// year it met where the numbering gives it.
public struct Session: Sendable, Hashable {
    public enum Body: String, Sendable { case npc, cpc }
    public var body: Body
    /// 届 (NPC) or 次 (CPC congress).
    public var term: Int
    /// 第N次会议 of an NPC term.
    public var meeting: Int?

    /// `npc:13:4`, `cpc:16`: what documents and questions are matched on.
    public var key: String { "\(body.rawValue):\(term)" + (meeting.map { ":\($0)" } ?? "") }

    /// The year the session met: CPC congresses from their dates; an NPC term's meetings are annual
    /// from the year it was elected (the fifth term on).
    public var year: Int? {
        switch body {
        case .cpc:
            return Session.cpcYears.indices.contains(term - 1) ? Session.cpcYears[term - 1] : nil
        case .npc:
            guard Session.npcYears.indices.contains(term - 1) else { return nil }
            guard let meeting else { return Session.npcYears[term - 1] }
            return term >= 5 && meeting <= 5 ? Session.npcYears[term - 1] + meeting - 1 : nil
        }
    }

    /// Characters that may follow 十六大 when it names the congress (报告, 以来, 精神, 上, 的, 提出, 召开 …).
    static let afterCongress: Set<UInt32> = Set("报以精上期的提召作强确后前和与".unicodeScalars.map(\.value))

    static let cpcYears = [1921, 1922, 1923, 1925, 1927, 1928, 1945, 1956, 1969, 1973, 1977, 1982, 1987, 1992, 1997, 2002, 2007,
                           2012, 2017, 2022]
    static let npcYears = [1954, 1959, 1964, 1975, 1978, 1983, 1988, 1993, 1998, 2003, 2008, 2013, 2018, 2023]

    /// The sessions named in `text`: 第十三届全国人民代表大会第四次会议, 十三届全国人大四次会议,
    /// 中国共产党第十六次全国代表大会, 党的十六大, 十六大, (十六大).
    public static func sessions(in text: String) -> [Session] {
        let s = text.scalarValues
        var out: [Session] = []
        var i = 0
        while i < s.count {
            var k = i
            if s.at(k) == 0x7B2C { k += 1 }  // 第
            guard let (term, afterTerm) = number(s, at: k) else { i += 1; continue }
            k = afterTerm
            if s.has("届全国人民代表大会", at: k) || s.has("届全国人大", at: k) {
                k += s.has("届全国人民代表大会", at: k) ? 9 : 5
                var meeting: Int? = nil
                var m = k
                if s.at(m) == 0x7B2C { m += 1 }
                if let (n, after) = number(s, at: m), s.has("次会议", at: after) {
                    meeting = n
                    k = after + 3
                }
                // 常务委员会 sessions are not the plenary's.
                if s.has("常务委员会", at: k) || s.has("常委会", at: k) { i = k; continue }
                out.append(Session(body: .npc, term: term, meeting: meeting))
                i = k
            } else if s.has("次全国代表大会", at: k) {
                if term <= cpcYears.count { out.append(Session(body: .cpc, term: term, meeting: nil)) }
                i = k + 7
            } else if s.at(k) == 0x5927, !CharClass.isHan(s.at(k + 1)) || Session.afterCongress.contains(s.at(k + 1)), term <= cpcYears.count {
                // 十六大, 党的二十大报告, (十六大)
                out.append(Session(body: .cpc, term: term, meeting: nil))
                i = k + 1
            } else {
                i = afterTerm
            }
        }
        return out
    }

    /// A Chinese numeral of one to three characters (四, 十三, 二十) at `i`, and where it ends.
    static func number(_ s: [UInt32], at i: Int) -> (Int, Int)? {
        var k = i
        var value = 0
        var digit: Int? = nil
        var seen = false
        while k < s.count, k - i < 4 {
            let c = s[k]
            if let d = CharClass.chineseDigit(c), c != 0x4E24 {  // not 两
                digit = d
            } else if c == 0x5341 {  // 十
                value += (digit ?? 1) * 10
                digit = nil
            } else {
                break
            }
            seen = true
            k += 1
        }
        guard seen else { return nil }
        value += digit ?? 0
        return value > 0 ? (value, k) : nil
    }
}
