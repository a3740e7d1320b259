import Foundation

/// Removes the furniture of scraped pages and reads the metadata they carry.
///
/// Rules are general, not tuned to one site: known furniture phrases (设为首页, 无障碍, 位置导航,
/// 版权所有, ICP备, 分享到, 【字号：…】…) on short lines; lines that are lists of short links joined by
/// separators (`关于我们 | 站点地图`, `首页 > 新闻 > 正文`); bare counters and contact lines in the
/// leading and trailing chrome; everything after a 相关报道 / 相关链接 block at the end.
/// Odd spaces (NBSP, ideographic, zero-width) are normalised and runs of spaces collapsed.
public enum PageCleaner {
    static let furniture: [String] = [
        "设为首页", "加入收藏", "无障碍", "关怀版", "长者版", "位置导航", "当前位置", "您当前的位置", "您的位置", "所在位置",
        "关于我们", "站点地图", "网站地图", "联系我们", "版权所有", "Copyright", "copyright", "©", "ICP备", "ICP证",
        "公网安备", "网站标识码", "政府网站标识码", "分享到", "字号", "打印本页", "关闭窗口", "打印", "全屏", "收藏",
        "返回顶部", "上一篇", "下一篇", "阅读量", "浏览次数", "访问量", "技术支持", "主办单位", "承办单位", "主办:", "主办：",
        "扫一扫", "手机版", "登录", "注册", "隐私保护", "使用帮助", "常见问题", "网站纠错", "English", "简体", "繁體",
    ]
    /// ``furniture``, searched for together in one pass over each line.
    static let furnitureNeedles = NeedleSet(furniture)

    /// Whether `line` contains one of the furniture phrases (compared as UTF-8 bytes).
    static func containsFurniturePhrase(_ line: String) -> Bool {
        furnitureNeedles.occurs(in: line)
    }

    /// Lines that are nothing but one of these are page controls, wherever they stand
    /// (scraped pages often put each control on a line of its own).
    static let controlLines: Set<String> = [
        "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "放大", "缩小", "默认", "关闭", "返回", "首页", "分享",
        "分享:", "分享：", "分享到:", "分享到：", "【字号：", "【字号:", "【字体：", "【字体:", "字号：", "字体：", "】", "【",
        ">", "»", "›", "＞", "|", "｜", "阅读量：", "阅读量:", "浏览量：", "浏览次数：", "当前位置：", "当前位置:", "位置：",
        "打印本页", "关闭窗口", "扫一扫", "微信", "微博", "返回顶部", "纠错", "【打印】", "【关闭】", "[打印]", "[关闭]",
    ]
    /// Single-character size controls (小 中 大) count as controls only before the body starts.
    static let controlLineBytes = controlLines.map(\.utf8.count).max() ?? 0
    static let leadingControlCharacters: Set<String> = ["小", "中", "大", "A", "A+", "A-", "T", "默认"]
    static let tailMarkers: [String] = ["相关报道", "相关链接", "相关阅读", "相关新闻", "相关文章", "延伸阅读"]
    static let contactLabels: [String] = ["电话:", "电话：", "地址:", "地址：", "邮编", "传真", "微博:", "微博：", "微信:", "微信：", "邮箱"]

    /// Cleans `text` (already stripped of HTML). `fallbackTitle` is used when the page names none;
    /// `htmlTitle` when no line of the text can be the title.
    public static func clean(_ text: String, fallbackTitle: String? = nil, htmlTitle: String? = nil) -> CleanedDocument {
        clean(text, hints: MetadataHints(), fallbackTitle: fallbackTitle, lastTitle: htmlTitle)
    }

    /// Cleans `text` (a reader's line markup), weighing what the reader found (`hints`, best first)
    /// against what the text shows: title from the hints, else a Markdown H1, the article's
    /// heading, the first short line near the top (joined when it wraps); date from 成文日期, else
    /// a 落款 or byline date, else a labelled 发布日期, else a page's stamp, else the first full
    /// date near the top that is no page clock.
    public static func clean(_ text: String, hints: MetadataHints, fallbackTitle: String?, lastTitle: String? = nil) -> CleanedDocument {
        var lines = normalizedLines(text)
        var meta = DocumentMetadata()
        var lineSource: String? = nil, lineDate: String? = nil, lineOwnDate: String? = nil

        // Metadata lines: read, then drop.
        var kept: [String] = []
        var skipNext = false
        for (i, line) in lines.enumerated() {
            if skipNext { skipNext = false; continue }
            // "来源：" on one line, its value on the next.
            if i < 60, i + 1 < lines.count, lines[i + 1].count <= 40, line.hasSuffix("：") || line.hasSuffix(":"),
               let m = metadata(in: line + lines[i + 1]), m.isMetadataLine {
                if lineSource == nil { lineSource = m.source }
                if m.isOwnDate { lineOwnDate = lineOwnDate ?? m.date } else if lineDate == nil { lineDate = m.date }
                skipNext = true
                continue
            }
            if i < 60, let m = metadata(in: line) {
                if lineSource == nil { lineSource = m.source }
                if m.isOwnDate { lineOwnDate = lineOwnDate ?? m.date } else if lineDate == nil { lineDate = m.date }
                if m.isMetadataLine { continue }
            }
            kept.append(line)
        }
        lines = removeChrome(kept)

        // Title.
        var titleIndex: Int? = nil
        if let t = hints.titles.first(where: TitleLines.isPlausible) {
            meta.title = t
            titleIndex = lines.prefix(6).firstIndex { TitleLines.squeezed($0).hasSuffix(TitleLines.squeezed(t)) }
        } else if let first = lines.first, first.hasPrefix("# "), TitleLines.isPlausible(String(first.dropFirst(2))) {
            meta.title = String(first.dropFirst(2)).trimmingSpaces()
            titleIndex = 0
        } else if let h = hints.heading, TitleLines.isPlausible(h) {
            meta.title = h
            titleIndex = lines.prefix(6).firstIndex { TitleLines.squeezed($0).hasSuffix(TitleLines.squeezed(h)) }
        } else if let i = lines.prefix(4).firstIndex(where: { line in
            line.count <= 60 && !line.unicodeScalars.contains(where: { $0 == "。" || $0 == "，" || $0 == "," || $0 == "：" })
                && HeadingParser.heading(in: line) == nil && !line.hasPrefix("——") && !line.hasPrefix("（") && TitleLines.isPlausible(line)
        }) {
            let (title, used) = TitleLines.join(lines, from: i)
            meta.title = title
            titleIndex = i + used - 1
        } else if let t = lastTitle {
            meta.title = t
        }
        if let t = titleIndex,
           let sub = lines.dropFirst(t + 1).prefix(3).first(where: { $0.hasPrefix("——") || $0.hasPrefix("――") || $0.hasPrefix("—") || $0.contains("会议上") }),
           sub.count <= 80 {
            meta.subtitle = sub
        }
        if meta.title == nil { meta.title = fallbackTitle }

        meta.source = hints.sources.first ?? lineSource
        meta.documentNumber = hints.documentNumber
        meta.date = hints.ownDate ?? lineOwnDate ?? DocumentDates.signatureDate(in: lines) ?? lineDate
            ?? hints.publishedDates.first ?? hints.weakDates.first ?? firstFullDate(in: lines.prefix(15))
        return CleanedDocument(metadata: meta, lines: lines)
    }

    /// Page controls, breadcrumbs, furniture in the header and footer, trailing link lists and counters.
    static func removeChrome(_ input: [String]) -> [String] {
        var lines = input
        // Everything after a trailing "related" marker in the last third is link lists.
        if let cut = lines.indices.last(where: { i in
            i >= lines.count * 2 / 3 && tailMarkers.contains(where: { lines[i].hasPrefix($0) }) && lines[i].count <= 12
        }) {
            lines.removeSubrange(cut...)
        }

        // Page controls, and breadcrumb items standing between separator lines.
        let firstBody = lines.firstIndex { $0.count >= 40 || $0.hasSuffix("。") } ?? lines.count
        let separatorLine: (Int) -> Bool = { i in i >= 0 && i < lines.count && [">", "»", "›", "＞", "/"].contains(lines[i]) }
        var breadcrumbs = Set<String>()
        lines = lines.indices.compactMap { i -> String? in
            let line = lines[i]
            // Controls are short: a body line is not hashed (hashing a long String normalizes all of it).
            if line.utf8.count <= controlLineBytes && controlLines.contains(line) { return nil }
            if i < firstBody && leadingControlCharacters.contains(line) { return nil }
            if i < firstBody && line.count <= 12 && (separatorLine(i - 1) || separatorLine(i + 1)) {
                breadcrumbs.insert(line)
                return nil
            }
            if i < firstBody && line.utf8.count <= 48 && breadcrumbs.contains(line) { return nil }
            return line
        }
        // Furniture stands in the page's header and footer: the first and last lines.
        let zone = 40
        lines = lines.enumerated().filter { i, line in
            !((i < zone || i >= lines.count - zone) && isFurniture(line))
        }.map(\.element)
        // Leading and trailing chrome: counters, contact lines, short separator lines.
        while let last = lines.last, isChromeTail(last) { lines.removeLast() }
        while let first = lines.first, isChromeTail(first), first.count <= 8 { lines.removeFirst() }

        return lines
    }

    /// Splits into lines, normalises odd spaces, collapses runs of spaces, drops empty lines,
    /// Markdown comments and code fences, and unwraps Markdown emphasis and links.
    static func normalizedLines(_ text: String) -> [String] {
        var result: [String] = []
        var inComment = false
        var text = text
        // On the UTF-8 bytes, decoding by hand: splitting the scalar view and re-encoding each
        // scalar was 4% of indexing.
        text.withUTF8 { b in
            let n = b.count
            var out: [UInt8] = []
            var i = 0
            while i < n {
                out.removeAll(keepingCapacity: true)
                var lastSpace = true
                var markup = false  // `]`, `*` or `_`: the line may hold Markdown links or emphasis
                while i < n {
                    guard let (v, length) = UTF8Bytes.scalar(at: i, in: b) else { i = n; break }  // cut short: not in a String
                    let start = i
                    i += length
                    if v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 { break }
                    if v == 0x5D || v == 0x2A || v == 0x5F { markup = true }
                    if v == 0x200B || v == 0xFEFF || v == 0x200C { continue }
                    if CharClass.isSpace(v) {
                        if !lastSpace { out.append(0x20) }
                        lastSpace = true
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                        lastSpace = false
                    }
                }
                if out.isEmpty { continue }
                var line = String(decoding: out, as: UTF8.self).trimmingSpaces()
                if line.hasPrefix("<!--") { inComment = !line.hasSuffix("-->"); continue }
                if inComment { if line.hasSuffix("-->") { inComment = false }; continue }
                if line.hasPrefix("```") { continue }
                if markup && (line.hasBytes("](") || line.hasBytes("**") || line.hasBytes("__")) { line = unwrapMarkdown(line) }
                if !line.isEmpty { result.append(line) }
            }
        }
        return result
    }

    /// `[text](url)` → text, `![alt](url)` → nothing, `**x**`/`__x__` → x.
    static func unwrapMarkdown(_ line: String) -> String {
        var s = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        while let open = s.range(of: "["), let mid = s.range(of: "](", range: open.upperBound..<s.endIndex),
              let close = s.range(of: ")", range: mid.upperBound..<s.endIndex) {
            let isImage = open.lowerBound > s.startIndex && s[s.index(before: open.lowerBound)] == "!"
            let label = isImage ? "" : String(s[open.upperBound..<mid.lowerBound])
            let from = isImage ? s.index(before: open.lowerBound) : open.lowerBound
            s.replaceSubrange(from..<close.upperBound, with: label)
        }
        return s.trimmingSpaces()
    }

    /// A short line made of furniture phrases or of short items joined by separators.
    static func isFurniture(_ line: String) -> Bool {
        // Furniture lines and link lists are short; body paragraphs are not looked at further.
        let bytes = line.utf8.count
        guard bytes <= 600, !TableRow.isRow(line) else { return false }
        let n = bytes <= 240 ? line.scalarCount : 61
        if n <= 60, containsFurniturePhrase(line) {
            // A real sentence that happens to contain 收藏 or 注册 ends with punctuation and is long.
            if n > 30 && (line.hasSuffix("。") || line.hasSuffix("；")) { return false }
            return true
        }
        if line.hasPrefix("【") && line.hasSuffix("】") && n <= 20 && (line.contains("字号") || line.contains("打印") || line.contains("关闭")) { return true }
        // Link lists: at least two separators and every item short.
        var sepCount = 0
        for s in line.unicodeScalars where isLinkSeparator(s) { sepCount += 1 }
        if sepCount >= 2 {
            let items = line.unicodeScalars.split(whereSeparator: isLinkSeparator)
                .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if items.allSatisfy({ $0.count <= 10 }) && !line.hasBytes("。") { return true }
        }
        if n <= 4 && line.unicodeScalars.allSatisfy({ isLinkSeparator($0) || $0 == "-" || $0 == "=" || $0 == "*" }) { return true }
        return false
    }

    /// The separators of link lists: | ｜ > › » ＞ · (a switch: hashing each scalar into a Set cost
    /// more than the rest of the test).
    @inline(__always)
    static func isLinkSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x7C, 0xFF5C, 0x3E, 0x203A, 0xBB, 0xFF1E, 0xB7: return true
        default: return false
        }
    }

    /// Trailing chrome: bare numbers (view counters), contact lines, lone short link words.
    static func isChromeTail(_ line: String) -> Bool {
        if line.count <= 8 && line.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "：" || $0 == " " }) { return true }
        if line.count <= 80 && contactLabels.contains(where: { line.hasBytes($0) }) && !line.hasSuffix("。") { return true }
        return false
    }

    /// Metadata found on one line, and whether the line is nothing but metadata.
    struct LineMetadata { var source: String?; var date: String?; var isMetadataLine: Bool; var isOwnDate = false }

    static let sourceLabels = ["文章来源", "信息来源", "来源"]
    static let dateLabels = ["成文日期", "发布时间", "发布日期", "发文日期", "时间", "日期"]

    static func metadata(in line: String) -> LineMetadata? {
        guard line.utf8.count <= 480, line.hasBytes("来源") || line.hasBytes("时间") || line.hasBytes("日期"),
              line.hasBytes(":") || line.hasBytes("："), line.count <= 160 else { return nil }
        var source: String? = nil
        var date: String? = nil
        var own = false
        for label in sourceLabels {
            if let r = labelRange(label, in: line) {
                let rest = line[r.upperBound...].trimmingCharacters(in: .whitespaces)
                let value = rest.prefix { $0 != " " && $0 != "\u{3000}" && $0 != "|" }
                if !value.isEmpty && !(dateLabels.contains { value.hasPrefix($0) }) { source = String(value) }
                break
            }
        }
        for label in dateLabels {
            if let r = labelRange(label, in: line) {
                date = parseDate(String(line[r.upperBound...]).trimmingSpaces())
                if date != nil { own = FieldLabel(label) == .ownDate; break }
            }
        }
        guard source != nil || date != nil else { return nil }
        // A metadata line is short, or made of label: value pairs; a sentence is not.
        let isLine = !line.contains("。") && line.count <= 120
        return LineMetadata(source: source, date: date, isMetadataLine: isLine, isOwnDate: own)
    }

    /// Where `label:` (or `label：`) stands in `line` as a label of its own: at the start of the line
    /// or after a separator, not as the end of a longer word (`时间` in `公示时间：5月22日至26日` is
    /// the body's, not the page's date label).
    static func labelRange(_ label: String, in line: String) -> Range<String.Index>? {
        for colon in [":", "："] {
            var from = line.startIndex
            while let r = line.range(of: label + colon, range: from..<line.endIndex) {
                if r.lowerBound == line.startIndex { return r }
                let before = line[line.index(before: r.lowerBound)]
                if !(before.isLetter || before.isNumber) { return r }
                from = r.upperBound
            }
        }
        return nil
    }

    /// Reads `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYY年M月D日` at the start of `s`.
    public static func parseDate(_ s: String) -> String? {
        let scalars = s.scalarArray(limit: 20)
        var nums: [Int] = []
        var cur = 0, digits = 0
        var i = 0
        while i < scalars.count && nums.count < 3 {
            let v = Folding.fold(scalars[i].value)
            if v >= 0x30 && v <= 0x39 {
                cur = cur * 10 + Int(v - 0x30); digits += 1
                if digits > 4 { return nil }
            } else {
                guard digits > 0 else { return nil }
                nums.append(cur); cur = 0; digits = 0
                let sep = scalars[i]
                if !(sep == "-" || sep == "/" || sep == "." || sep == "年" || sep == "月" || sep == "日") { break }
                if sep == "日" { break }
            }
            i += 1
        }
        if digits > 0 && nums.count < 3 { nums.append(cur) }
        guard nums.count == 3, (1900...2100).contains(nums[0]), (1...12).contains(nums[1]), (1...31).contains(nums[2]) else { return nil }
        return String(format: "%04d-%02d-%02d", nums[0], nums[1], nums[2])
    }

    /// `YYYY年M月` or `YYYY-MM` (a month named without its day) → `YYYY-MM`.
    public static func parseMonth(_ s: String) -> String? {
        let scalars = s.scalarArray(limit: 12)
        var nums: [Int] = [], cur = 0, digits = 0
        var seps: [Unicode.Scalar] = []
        for c in scalars {
            let v = Folding.fold(c.value)
            if v >= 0x30 && v <= 0x39 { cur = cur * 10 + Int(v - 0x30); digits += 1; continue }
            guard digits > 0 else { return nil }
            nums.append(cur); seps.append(c); cur = 0; digits = 0
            if nums.count == 2 { break }
        }
        if digits > 0 && nums.count < 2 { nums.append(cur) }
        guard nums.count == 2, let first = seps.first, first == "年" || first == "-" || first == "/" || first == ".",
              seps.count < 2 || seps[1] == "月" || (seps[1] != "-" && seps[1] != "/" && seps[1] != "."),
              (1900...2100).contains(nums[0]), (1...12).contains(nums[1]) else { return nil }
        return String(format: "%04d-%02d", nums[0], nums[1])
    }

    /// The first `YYYY年M月D日` in the given lines.
    static func firstFullDate(in lines: ArraySlice<String>) -> String? {
        for line in lines {
            let scalars = line.scalarArray()
            var i = 0
            while i + 4 < scalars.count {
                if scalars[i].properties.numericType != nil, i == 0 || !(scalars[i - 1].value >= 0x30 && scalars[i - 1].value <= 0x39),
                   let d = parseDate(String(String.UnicodeScalarView(scalars[i...].prefix(12)))),
                   String(String.UnicodeScalarView(scalars[i...].prefix(12))).contains("年") {
                    // 2023年10月11日 星期三 is the page's clock, not the document's date.
                    if DocumentDates.isClock(scalars, after: i) { break }
                    return d
                }
                i += 1
            }
        }
        return nil
    }
}

extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes (no Foundation bridging:
    /// Foundation's `contains` was a quarter of indexing time).
    @inlinable
    public func hasBytes(_ needle: String) -> Bool {
        var hay = self
        var pin = needle
        return hay.withUTF8 { h in pin.withUTF8 { n in ByteSearch.contains(h, n) } }
    }
}
