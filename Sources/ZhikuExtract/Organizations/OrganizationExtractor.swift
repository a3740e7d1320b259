/// Finds organization mentions: known names and abbreviations, learned aliases, and
/// suffix-gazetteer names with a proper head (extraction.md, "Organizations").
struct OrganizationExtractor {
    let s: [UInt32]
    /// Learned alias surfaces (以下简称“X”), matched as whole words.
    let aliasWords: WordTable<Bool>?

    static let maxName = 30
    static let maxChain = 14

    func extract() -> [(start: Int, end: Int)] {
        var found: [(start: Int, end: Int)] = []
        let n = s.count
        var i = 0
        var lastEnd = 0
        while i < n {
            let c = s[i]
            if !CharClass.isHan(c) { i += 1; continue }
            // known names and aliases start here
            var exactEnd = 0
            if let l = OrganizationLexicon.known(s, at: i), !OrganizationLexicon.endsWord(s, name: i + l) {   // 商务部门, 建设部署
                exactEnd = i + l
            }
            if let a = aliasWords, let (l, _) = a.longest(in: s, at: i) { exactEnd = max(exactEnd, i + l) }
            if exactEnd > 0 {
                // a suffix name may still contain this one (中科院长春应化所): try the suffix scan first
                // …or start before it (国家国防专利机构 around its defined alias 国防专利机构)
                if let (st, en) = suffixName(endingSearchFrom: i, lower: lastEnd), st <= i, en > exactEnd || (st < i && en == exactEnd) {
                    let e2 = chain(from: en)
                    found.append((st, e2)); lastEnd = e2; i = e2; continue
                }
                let e2 = chain(from: exactEnd)
                // 市发改委, 赣州市发改委: a local prefix before a national abbreviation
                var st = i
                let p = s.at(i - 1)
                if i - 1 >= lastEnd, p == 0x7701 || p == 0x5E02 || p == 0x53BF || p == 0x533A, s[exactEnd - 1] != 0x90E8 {
                    st = i - 1
                    if let (l, _) = Gazetteer.places.longestEnding(in: s, at: st, notBefore: lastEnd) { st -= l }
                }
                found.append((st, e2)); lastEnd = e2; i = e2; continue
            }
            if let (l, strength) = OrganizationLexicon.suffix(s, at: i), !OrganizationLexicon.splitsWord(s, suffixAt: i) {
                if let st = head(before: i, lower: lastEnd, strength: strength, suffixLength: l) {
                    let e2 = chain(from: i + l)
                    if !isTrap(st, e2) {
                        found.append((st, e2)); lastEnd = e2; i = e2; continue
                    }
                }
                i += 1
                continue
            }
            i += 1
        }
        return found
    }

    /// Looks ahead from `i` (a known-name start) for a suffix that closes a longer name.
    private func suffixName(endingSearchFrom i: Int, lower: Int) -> (Int, Int)? {
        var k = i + 1
        let limit = min(s.count, i + OrganizationExtractor.maxName)
        while k < limit {
            let c = s[k]
            if !CharClass.isHan(c) && !isParen(c) { return nil }
            if k > i + 1, OrganizationLexicon.boundary(s, at: k), OrganizationLexicon.suffix(s, at: k) == nil { return nil }
            if let (l, strength) = OrganizationLexicon.suffix(s, at: k) {
                if let st = head(before: k, lower: lower, strength: strength, suffixLength: l), st <= i {
                    return (st, k + l)
                }
                return nil
            }
            k += 1
        }
        return nil
    }

    private func isParen(_ c: UInt32) -> Bool { c == 0x28 || c == 0x29 || c == 0xFF08 || c == 0xFF09 }

    /// Start of the name whose suffix begins at `i`, or nil when there is no proper head.
    private func head(before i: Int, lower: Int, strength: Gazetteer.Strength, suffixLength: Int) -> Int? {
        // walk left over Han characters and short parenthesized parts
        var k = i
        let limit = max(lower, i - OrganizationExtractor.maxName)
        var depth = 0
        var closers: [Int] = []                      // positions of ')' not yet matched
        while k > limit {
            let c = s[k - 1]
            if c == 0x29 || c == 0xFF09 { depth += 1; closers.append(k - 1); k -= 1; continue }
            if c == 0x28 || c == 0xFF08 {
                if depth == 0 { break }
                depth -= 1; closers.removeLast(); k -= 1; continue
            }
            // ASCII letters inside a name (硅基LED工程技术研究中心), never digits
            if !CharClass.isHan(c) && !(CharClass.isASCIILetter(c) && c < 0x80) { break }
            // 个紧密型…集团: a measure word after a numeral ends the head
            if (c == 0x4E2A || c == 0x5BB6 || c == 0x6240 || c == 0x540D || c == 0x9879 || c == 0x6279 || c == 0x4F4D)
                && (CharClass.isArabicDigit(s.at(k - 2)) || CharClass.chineseDigit(s.at(k - 2)) != nil) { break }
            // 2016年江西…: a date word ends the head
            if (c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x53F7) && CharClass.isArabicDigit(s.at(k - 2)) { break }
            if depth == 0, OrganizationLexicon.boundaryEnding(s, at: k, notBefore: limit),
               !(c == 0x4E8E && s.at(k) == 0x90FD),                                           // 于都 is a place
               !Gazetteer.isInnerConjunction(s, at: k - 1) {
                // the boundary word ends here; the name starts after it
                break
            }
            // 经 is a preposition unless it starts 经济/经开/经信
            if depth == 0, c == 0x7ECF, k < i, s[k] != 0x6D4E && s[k] != 0x5F00 && s[k] != 0x4FE1 { break }
            k -= 1
        }
        if depth != 0, let last = closers.first {
            // unbalanced: the name starts after the rightmost unmatched closing parenthesis
            k = last + 1
            if k >= i { return nil }
        }
        // drop an unbalanced closing paren at the start
        while k < i, isParen(s[k]) && (s[k] == 0x29 || s[k] == 0xFF09) { k += 1 }
        let suffixStr = s.string(i, i + suffixLength)
        // generic descriptions: 理工农医类大学, 紧密型医疗集团, 各级政府
        var g = k
        while g < i {
            switch s[g] {
            case 0x7C7B, 0x578B, 0x7B49, 0x5404, 0x4E9B, 0x7EA7, 0x6027: return nil   // 类 型 等 各 些 级 性
            default: g += 1
            }
        }
        // a single-character suffix followed by 员/长 is a title (委员, 局长); 格局, 布局 are words
        if suffixLength == 1 {
            if s[i] == 0x5C40, OrganizationExtractor.juWords.contains(s.at(i - 1)) { return nil }
            if s[i] == 0x529E, OrganizationExtractor.banWords.contains(s.at(i - 1)) { return nil }   // 举办, 筹办, 通办
            if s[i] == 0x529E, [0x516C, 0x7406, 0x4E8B, 0x6CD5, 0x5B66].contains(s.at(i + 1)) { return nil }  // 办公 办理 办事 办法 办学
            let nx = s.at(i + 1)
            if nx == 0x5458 || nx == 0x957F || nx == 0x5C5E || nx == 0x91CC || nx == 0x9762 || nx == 0x52BF { return nil }
        }
        // a name never starts with a parenthesis: （一）市人民政府
        if k < i, s[k] == 0x28 || s[k] == 0xFF08 {
            guard let close = (k..<i).first(where: { s[$0] == 0x29 || s[$0] == 0xFF09 }) else { return nil }
            k = close + 1
        }
        // a conjunction never starts a name
        while k < i, s[k] == 0x4E0E || s[k] == 0x548C || s[k] == 0x53CA { k += 1 }
        // earliest place / known-parent anchor in the head
        var anchor: Int?
        var a = k
        while a < i {
            if Gazetteer.places.longest(in: s, at: a) != nil || OrganizationLexicon.known(s, at: a) != nil {
                anchor = a; break
            }
            if let aw = aliasWords, aw.longest(in: s, at: a) != nil { anchor = a; break }
            a += 1
        }
        // generic place: X省/X市/X县/X区 at the head start
        if anchor == nil {
            var p = k
            while p < min(i, k + 4) {
                let c = s[p]
                if (c == 0x7701 || c == 0x5E02 || c == 0x53BF || c == 0x5DDE) && p > k + 1 {          // 省 市 县 州 after a 2+ char name
                    // 省长, 市长, 州委 are titles or words, not a place name
                    let nx = s.at(p + 1)
                    if nx != 0x957F && nx != 0x7EA7 && nx != 0x573A && nx != 0x6C11 { anchor = k }
                    break
                }
                p += 1
            }
        }
        // 政府工作报告 is a document, not a body; …管理办法 is a rule
        if s.has("工作报告", at: i + suffixLength) { return nil }
        if suffixStr == "办" && s.at(i + 1) == 0x6CD5 { return nil }                              // 办法
        if insideBookTitle(k) { return nil }
        // a conjunction may sit inside institute names only, never right before the suffix
        if let conj = (k..<i).last(where: { s[$0] == 0x4E0E || s[$0] == 0x548C || s[$0] == 0x53CA }) {
            if strength == .strong || i - conj <= 2 { k = conj + 1 }
        }
        let headLen = i - k
        switch strength {
        case .strong:
            // 该公司系江西铜业股份有限公司: a demonstrative head still has a real name after it
            if headLen >= 2, Gazetteer.isDemonstrative(s[k]), let a = anchor, a > k { return a }
            // …公司系江西铜业股份有限公司: another suffix before the place means a new name starts there
            if let a = anchor, a > k, (k..<a).contains(where: { p in
                guard let (l, _) = OrganizationLexicon.suffix(s, at: p) else { return false }
                return l >= 2 && p + l <= a
            }) {
                return a
            }
            guard headLen >= 2, !Gazetteer.isDemonstrative(s[k]) else { return nil }
            // generic kinds of companies (平台公司, 跨国公司, 中小银行, 一流大学, 母公司)
            if anchor == nil || anchor! > k {
                if let l = OrganizationLexicon.genericHeadEnding(s, at: i, notBefore: k), l == i - k || l >= 2 { return nil }
            }
            let last = s[i - 1]
            if last == 0x6BCD || last == 0x5B50 || last == 0x5206 { return nil }                   // 母 子 分
            // a stray word before a place (好四川能源发展集团): start at the place
            if let a = anchor, a > k, a - k <= 2 { return a }
            if suffixStr == "研究院" || suffixStr == "研究所" {
                // research institutes: need a place/parent or a brand of 2+ chars at a clause start
                if let a = anchor { return a }
                let p = s.at(k - 1)
                if k == 0 || CharClass.isClauseBreak(p) || p == 0x201C || p == 0x300A { return headLen >= 4 ? k : nil }
                return nil
            }
            if suffixStr == "公司" || suffixStr == "集团" {
                if headLen < 2 { return nil }
            }
            return k
        case .weak:
            guard let a = anchor else { return nil }
            if i - a < 2 { return nil }
            if suffixStr == "所" && !(s.has("中科院", at: a) || s.has("中国科学院", at: a)) { return nil }
            // 机构 names a body only after 国家 and a specific name of four or more characters
            // (国家国防专利机构); 国家机构, 国家科研机构, 金融机构, 江西科研机构 are kinds
            if suffixStr == "机构" && !(a == k && s.has("国家", at: a) && i - a >= 6) { return nil }
            // 一所, 唯一一所: a numeral before 所 makes it a measure word
            if suffixStr == "所", CharClass.chineseDigit(s.at(i - 1)) != nil || CharClass.isArabicDigit(s.at(i - 1)) { return nil }
            return a
        case .government:
            if s.has("部委", at: i - 1) { return nil }                        // 国家部委 (generic)
            if let a = anchor, i - a >= 2 { return a }
            // 省委, 市政府: generic local bodies
            let generic = s.string(k, i + suffixLength)
            if ["省委", "市委", "县委", "区委", "省政府", "市政府", "县政府", "区政府", "省人民政府", "市人民政府", "县人民政府",
                "区人民政府"].contains(generic) { return k }
            // 市金融办, 省科技厅: bare 省/市/县/区 right after a boundary, with a department name
            let c = s.at(k)
            if (c == 0x7701 || c == 0x5E02 || c == 0x53BF || c == 0x533A) && i - k >= 3 && i - k <= 6 { return k }
            return nil
        }
    }

    /// Extends a name over directly following sub-unit names (…研究院学位评定委员会, …人民政府办公厅).
    private func chain(from e0: Int) -> Int {
        var e = e0
        var guardSteps = 0
        while guardSteps < 4 {
            guardSteps += 1
            var k = e
            let limit = min(s.count, e + OrganizationExtractor.maxChain)
            var next: Int?
            var depth = 0
            while k < limit {
                let c = s[k]
                if c == 0x28 || c == 0xFF08 {
                    // （以下简称…） is not part of the name
                    if s.has("以下", at: k + 1) || s.has("简称", at: k + 1) || s.has("下称", at: k + 1) { break }
                    depth += 1; k += 1; continue
                }
                if c == 0x29 || c == 0xFF09 { if depth == 0 { break }; depth -= 1; k += 1; continue }
                if !CharClass.isHan(c) { break }
                // another whole name starts: a neighbour, not a sub-unit (中国银行中国农业银行)
                if depth == 0, OrganizationLexicon.national.longest(in: s, at: k) != nil { break }
                if OrganizationLexicon.boundary(s, at: k), OrganizationLexicon.suffix(s, at: k) == nil,
                   !(k > e && Gazetteer.isInnerConjunction(s, at: k)) { break }
                if let (l, _) = OrganizationLexicon.suffix(s, at: k) {
                    // a bare one-character suffix cannot be a whole sub-unit (…院所, …局)
                    // 机构 names a body only after 国家 at a name's head, never as a sub-unit (…银行业金融机构)
                    let plain = l == 2 && (s.has("政府", at: k) || s.has("公司", at: k) || s.has("集团", at: k) || s.has("机构", at: k))
                    let titled = s.at(k + l) == 0x5458 || s.at(k + l) == 0x957F          // 委员, 院长
                    if depth == 0 && l >= 2 && !plain && !titled {
                        next = k + l
                        break
                    }
                    k += l
                    continue
                }
                k += 1
            }
            guard let nx = next, depth == 0 else { break }
            // 院士 is a title, not a unit
            e = nx
        }
        return e
    }

    /// Characters that make 局 part of a common word (格局, 布局, 大局, 全局, 结局, 当局, 开局, 变局, 新局, 时局, 战局, 僵局, 棋局).
    static let juWords: Set<UInt32> = Set("格布大全结当开变新时战僵棋胜残危饭骗".unicodeScalars.map { $0.value })

    /// Characters that make 办 part of a verb (举办, 承办, 筹办, 创办, 主办, 协办, 通办, 督办, 代办, 兴办, 查办, 交办).
    static let banWords: Set<UInt32> = Set("举承筹创开主协合通督包代帮领兴停查交接操申经难好".unicodeScalars.map { $0.value })

    /// True when position `p` is inside 《…》 (titles of laws and documents are not organizations).
    private func insideBookTitle(_ p: Int) -> Bool {
        var k = p - 1
        let limit = max(0, p - 60)
        while k >= limit {
            let c = s[k]
            if c == 0x300B || c == 0x3002 { return false }     // 》 。
            if c == 0x300A { return true }                     // 《
            k -= 1
        }
        return false
    }

    /// Known non-organizations.
    private func isTrap(_ st: Int, _ en: Int) -> Bool {
        let t = s.string(st, en)
        if t.count < 3 { return true }
        return false
    }
}
