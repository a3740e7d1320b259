/// What can be a document's title, and a title wrapped over several lines joined.
enum TitleLines {
    /// The kinds of Chinese official documents (文种): a title that names its subject with 关于
    /// ends with one of these, so a line with 关于 and none of them at its end goes on below.
    static let documentKinds = [
        "通知", "意见", "决定", "批复", "报告", "请示", "函", "公告", "通告", "通报", "命令", "决议", "公报", "方案",
        "规划", "办法", "规定", "细则", "条例", "规则", "纲要", "计划", "措施", "指南", "目录", "名单", "说明", "公示",
        "大纲", "标准", "指引", "意见稿", "实施意见", "指导意见", "工作规则", "章程", "答复", "复函", "议案", "纪要",
    ]
    /// Words that leave a title line unfinished when it ends with them.
    static let openEndings = ["关于", "印发", "转发", "的", "和", "与", "及", "、", "对", "在", "做好", "进一步", "加快", "推进"]
    /// A wrapped title runs over at most this many lines…
    static let maxWrappedLines = 3
    /// …and is at most this long joined.
    static let maxTitleCount = 80

    /// The title starting at `lines[start]` and how many lines it takes: the next lines join while
    /// the title so far is unfinished (ends with an open word, or names its subject with 关于 but
    /// no 文种 yet) and the next line is short and no sentence, date, number or heading.
    static func join(_ lines: [String], from start: Int) -> (String, Int) {
        var title = lines[start]
        var used = 1
        while used < maxWrappedLines, start + used < lines.count {
            let next = lines[start + used]
            guard isUnfinished(title), next.count <= 40, title.count + next.count <= maxTitleCount,
                  !next.unicodeScalars.contains(where: { "。，：:；".unicodeScalars.contains($0) }),
                  HeadingParser.heading(in: next) == nil, DocumentDates.dateOnly(next) == nil,
                  !isDocumentNumber(next), !TableRow.isRow(next) else { break }
            title += next
            used += 1
        }
        return (title, used)
    }

    static func isUnfinished(_ title: String) -> Bool {
        if openEndings.contains(where: { title.hasSuffix($0) }) { return true }
        return title.contains("关于") && !documentKinds.contains(where: { title.hasSuffix($0) || title.hasSuffix($0 + "》") })
    }

    /// 国办发〔2018〕115号, 嘉府发〔2023〕20号.
    static func isDocumentNumber(_ line: String) -> Bool {
        line.count <= 30 && (line.contains("〔") || line.contains("[") || line.contains("［")) && line.hasSuffix("号")
    }

    /// A title names something: it has at least two letters or CJK characters, and is not a date, a
    /// page clock, an index number (`000014349/2018-00211`) or a `key: value` line.
    static func isPlausible(_ title: String) -> Bool {
        let t = title.trimmingSpaces()
        guard t.count >= 2, t.count <= 200 else { return false }
        let letters = t.unicodeScalars.filter { CharClass.isCJK($0.value) || $0.properties.isAlphabetic && !CharClass.isCJK($0.value) }.count
        let cjk = t.unicodeScalars.filter { CharClass.isCJK($0.value) }.count
        guard letters >= 2 else { return false }
        if DocumentDates.dateOnly(t) != nil || PageCleaner.parseDate(t) != nil { return false }
        // Mostly digits and punctuation: an index or a number.
        if cjk == 0 && t.unicodeScalars.filter({ $0.properties.numericType != nil }).count * 2 >= t.unicodeScalars.count { return false }
        if MarkdownReader.field(t) != nil && !t.contains(" ") && cjk < 4 { return false }
        return true
    }

    static func squeezed(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !CharClass.isSpace($0.value) && $0 != "《" && $0 != "》" }))
    }
}
