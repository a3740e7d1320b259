import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A DOCX's paragraph styles (`word/styles.xml`): which make headings, at what level, in what
/// type size, with what numbering, following `basedOn` chains.
struct WordStyles {
    struct Style {
        var name = ""
        var basedOn: String?
        var outlineLevel: Int?
        /// Half-points (`w:sz`).
        var size: Double?
        var numbering: (numId: String, level: Int)?
    }
    var styles: [String: Style] = [:]
    /// The document default size (`w:docDefaults`), in half-points; Word's own default is 10 pt.
    var defaultSize: Double = 20

    init() {}

    init(xml: [UInt8], format: String) throws(ReadFailure) {
        let parser = Parser()
        try SafeXML.parse(xml, part: "word/styles.xml", format: format, delegate: parser)
        styles = parser.styles
        if let s = parser.defaultSize { defaultSize = s }
    }

    /// The heading level a style gives (1…9): its outline level, else a built-in heading name
    /// (`heading 2`, `标题 2`, `Heading 2`; `Title`/`标题` as 1), else its base style's.
    func headingLevel(_ id: String?) -> Int? {
        var id = id, depth = 0
        while let current = id, let s = styles[current], depth < 16 {
            if let o = s.outlineLevel { return o < 9 ? o + 1 : nil }
            if let level = WordStyles.level(ofName: s.name) { return level }
            id = s.basedOn
            depth += 1
        }
        return nil
    }

    /// The type size a style sets (half-points), through its base styles, else the default.
    func size(_ id: String?) -> Double {
        var id = id, depth = 0
        while let current = id, let s = styles[current], depth < 16 {
            if let size = s.size { return size }
            id = s.basedOn
            depth += 1
        }
        return defaultSize
    }

    /// The numbering a style carries (headings numbered 第一章, 一、 by their style).
    func numbering(_ id: String?) -> (numId: String, level: Int)? {
        var id = id, depth = 0
        while let current = id, let s = styles[current], depth < 16 {
            if let n = s.numbering { return n }
            id = s.basedOn
            depth += 1
        }
        return nil
    }

    /// `heading 1`…`heading 9` in any case, `标题 1`…, and `Title`/`标题` (level 1).
    static func level(ofName name: String) -> Int? {
        let n = name.lowercased().replacingOccurrences(of: " ", with: "")
        if n == "title" || n == "标题" { return 1 }
        for prefix in ["heading", "标题"] where n.hasPrefix(prefix) {
            if let level = Int(n.dropFirst(prefix.count)), (1...9).contains(level) { return level }
        }
        return nil
    }

    private final class Parser: NSObject, XMLParserDelegate {
        var styles: [String: Style] = [:]
        var defaultSize: Double?
        var current: (id: String, style: Style)?
        var inDefaults = false
        var inParagraphProperties = false
        var numId: String?, numLevel = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let a = { (k: String) in SafeXML.attribute(attributes, k) }
            switch name {
            case "docDefaults": inDefaults = true
            case "style":
                if a("type") == nil || a("type") == "paragraph", let id = a("styleId") { current = (id, Style()) }
            case "name": if current != nil { current!.style.name = a("val") ?? "" }
            case "basedOn": if current != nil { current!.style.basedOn = a("val") }
            case "outlineLvl": if current != nil { current!.style.outlineLevel = a("val").flatMap { Int($0) } }
            case "sz":
                let v = a("val").flatMap { Double($0) }
                if current != nil { if current!.style.size == nil { current!.style.size = v } } else if inDefaults, defaultSize == nil { defaultSize = v }
            case "numId": numId = a("val")
            case "ilvl": numLevel = a("val").flatMap { Int($0) } ?? 0
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "docDefaults": inDefaults = false
            case "numPr":
                if current != nil, let n = numId, n != "0" { current!.style.numbering = (n, numLevel) }
                numId = nil; numLevel = 0
            case "style":
                if let c = current { styles[c.id] = c.style }
                current = nil
            default: break
            }
        }
    }
}
