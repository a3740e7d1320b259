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
        parser.delegate = delegate
        if !parser.parse() {
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

    /// An attribute by its local name (`w:val` and `val` alike), as parsers differ in what they report.
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let v = attributes[name] { return v }
        for (k, v) in attributes where k.hasSuffix(":" + name) { return v }
        return nil
    }
}
