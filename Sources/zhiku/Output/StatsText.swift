import Foundation
import ZhikuIndex

/// `zhiku stats` as text: counts, sizes, build date, schema; from a server also its own figures
/// (uptime, clients, latencies, cache). The CLI and the REPL's `:stats` print through it.
enum StatsText {
    static func render(_ s: StatsResponse) -> String {
        let mb = { (b: Int) in String(format: "%.1f MB", Double(b) / 1_048_576) }
        var out = """
            documents  \(s.docs)
            passages   \(s.passages)
            terms      \(s.terms)
            text       \(mb(s.textBytes)) (\(s.chars) characters)
            index      \(mb(s.indexBytes)) (\(String(format: "%.2f", s.textBytes > 0 ? Double(s.indexBytes) / Double(s.textBytes) : 0))× the text)
            built      \(s.builtAt ?? "-")
            schema     \(s.schemaVersion)

            """
        if !s.kinds.isEmpty {
            // What the documents are (their profiles), when the index has profiles.
            out += """
                kinds      \(s.kinds.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
                places     \(s.placeLevels.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
                years      \(s.reportYears.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "-")

                """
        }
        for (key, value) in s.extra {
            var w = JSONWriter()
            w.double(value, digits: 3)
            out += key.padding(toLength: max(key.count + 1, 16), withPad: " ", startingAt: 0) + w.output + "\n"
        }
        return out
    }
}
