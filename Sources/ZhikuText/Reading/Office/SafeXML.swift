import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses the XML parts of office files safely: a part that declares a DTD (`<!DOCTYPE`) or an
/// entity (`<!ENTITY`) is refused before any parser sees it, so external entities are never
/// fetched and entity expansion ("billion laughs") never happens. DOCX and ODT parts never need
/// a DTD; the parser is also told not to resolve external entities.
enum SafeXML {
    /// Parses `bytes` with `delegate`.
    /// - throws: ``ReadFailure/unsafe(format:detail:)`` for a DTD or an entity declaration,
    ///   ``ReadFailure/damaged(format:detail:)`` for XML that is not well-formed.
    static func parse(_ bytes: [UInt8], part: String, format: String, delegate: XMLParserDelegate) throws(ReadFailure) {
        if declaresDTD(bytes) {
            throw .unsafe(format: format, detail: "\(part) declares a DTD or entities (XML entities are never fetched or expanded)")
        }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        let tracker = Tracker(delegate)
        parser.delegate = tracker
        // libxml2's push parser, under Foundation's XMLParser, reports an error after the end of
        // a part past 10 MB (its lookup limit without XML_PARSE_HUGE, which XMLParser cannot
        // set): once the root element has closed, everything has been read.
        if !parser.parse() && !tracker.rootClosed {
            let detail = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            throw .damaged(format: format, detail: "\(part) is not well-formed XML (line \(parser.lineNumber): \(detail))")
        }
    }

    /// Whether the bytes hold `<!DOCTYPE` or `<!ENTITY` (any case), in UTF-8 or UTF-16.
    static func declaresDTD(_ bytes: [UInt8]) -> Bool {
        for word in ["<!DOCTYPE", "<!ENTITY"] {
            for variant in [word, word.lowercased()] {
                let utf8 = Array(variant.utf8)
                let le: [UInt8] = utf8.flatMap { [$0, 0] }, be: [UInt8] = utf8.flatMap { [0, $0] }
                for needle in [utf8, le, be] where contains(bytes, needle) { return true }
            }
        }
        return false
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
    }

    /// Forwards the events the readers use, and notes when the root element closes.
    private final class Tracker: NSObject, XMLParserDelegate {
        let target: XMLParserDelegate
        var depth = 0, rootClosed = false
        init(_ target: XMLParserDelegate) { self.target = target }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            depth += 1
            target.parser(parser, didStartElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName, attributes: attributes)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if depth == 0 { rootClosed = true }
            target.parser(parser, didEndElement: name, namespaceURI: namespaceURI, qualifiedName: qualifiedName)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            target.parser(parser, foundCharacters: string)
        }
    }

    /// An attribute by its local name (`w:val` and `val` alike), as parsers differ in what they report.
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let v = attributes[name] { return v }
        for (k, v) in attributes where k.hasSuffix(":" + name) { return v }
        return nil
    }
}
