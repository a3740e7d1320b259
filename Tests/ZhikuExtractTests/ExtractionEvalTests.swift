import Foundation
import XCTest
import ZhikuTestSupport
@testable import ZhikuExtract

/// Scores the extractor on ../shared/eval-dev/extraction-dev.jsonl per extraction.md "Scoring".
/// Set ZHIKU_EVAL_VERBOSE=1 to print every miss and false positive.
final class ExtractionEvalTests: XCTestCase {
    struct Counts { var tp = 0, fp = 0, fn = 0
        var p: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
        var r: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
        var f: Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
        static func += (a: inout Counts, b: Counts) { a.tp += b.tp; a.fp += b.fp; a.fn += b.fn }
        var line: String { String(format: "P=%.3f R=%.3f F=%.3f (tp=%d fp=%d fn=%d)", p, r, f, tp, fp, fn) }
    }

    /// Code-point offset of the n-th occurrence of `needle` in `hay`.
    static func span(of needle: String, in hay: [UInt32], after: Int = 0) -> (Int, Int)? {
        let nd = needle.unicodeScalars.map { $0.value }
        guard !nd.isEmpty, nd.count <= hay.count else { return nil }
        var i = after
        while i + nd.count <= hay.count {
            if Array(hay[i..<(i + nd.count)]) == nd { return (i, i + nd.count) }
            i += 1
        }
        if after > 0 { return span(of: needle, in: hay, after: 0) }
        return nil
    }

    static func overlaps(_ a: (Int, Int), _ b: (Int, Int)) -> Bool { a.0 < b.1 && b.0 < a.1 }

    static func num(_ x: Any?) -> Double? {
        if let d = x as? Double { return d }
        if let i = x as? Int { return Double(i) }
        if let n = x as? NSNumber { return n.doubleValue }
        return nil
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1e-12)
        default: return false
        }
    }

    struct Report {
        var figures = Counts(), dates = Counts(), orgs = Counts(), lenient = Counts()
        var approxRight = 0, approxTotal = 0, approxAllRight = 0, approxAllTotal = 0
        var canonRight = 0, canonTotal = 0
        var byTag: [String: Counts] = [:]
        var log: [String] = []
        var approxAccuracy: Double { approxTotal == 0 ? 1 : Double(approxRight) / Double(approxTotal) }
    }

    /// The extractor a line asks for: its `doc_date` (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) and, where
    /// given, its `reference_year` (what `zhiku extract --date D --reference-year Y` runs).
    static func extractor(for line: [String: Any]) -> Extractor {
        let date = (line["doc_date"] as? String).flatMap(SimpleDate.init(lenient:))
        let reference = (line["reference_year"] as? String).flatMap { Int($0) } ?? (line["reference_year"] as? Int)
        return Extractor(documentDate: date, referenceYear: reference)
    }

    /// A figure labelled with a text value (a ratio, `10.1:43.5:46.4`) matches a predicted figure
    /// whose surface is that text; any other figure matches on value, upper bound and unit.
    static func figureMatches(_ p: Figure, _ e: [String: Any]) -> Bool {
        if let text = e["value"] as? String { return p.surface == text }
        return close(p.value, num(e["value"])) && close(p.valueMax, num(e["value_max"])) && p.unit == (e["unit"] as? String)
    }

    static func score(lines: [[String: Any]]) -> Report {
        var rep = Report()
        for obj in lines {
            guard let text = obj["text"] as? String, let exp = obj["expect"] as? [String: Any] else { continue }
            let id = obj["id"] as? String ?? "?"
            let got = extractor(for: obj).extract(text)
            let hay = text.unicodeScalars.map { $0.value }
            var lineCounts = Counts()
            func spans(_ items: [[String: Any]]) -> [(Int, Int)] {
                var cursor: [String: Int] = [:]
                return items.map { it in
                    let sf = it["surface"] as? String ?? ""
                    let sp = span(of: sf, in: hay, after: cursor[sf] ?? 0) ?? (-1, -1)
                    cursor[sf] = sp.1
                    return sp
                }
            }
            // figures
            let ef = exp["figures"] as? [[String: Any]] ?? []
            let efs = spans(ef)
            var used = [Bool](repeating: false, count: got.figures.count)
            for (k, e) in ef.enumerated() {
                let opt = e["optional"] as? Bool ?? false
                var hit: Int?
                for (pi, p) in got.figures.enumerated() where !used[pi] && overlaps((p.start, p.end), efs[k]) {
                    if figureMatches(p, e) { hit = pi; break }
                }
                if opt {
                    for (pi, p) in got.figures.enumerated() where overlaps((p.start, p.end), efs[k]) { used[pi] = true }
                    continue
                }
                if let h = hit {
                    used[h] = true
                    rep.figures.tp += 1; lineCounts.tp += 1
                    let ea = e["approx"] as? String
                    rep.approxAllTotal += 1
                    if ea == got.figures[h].approx { rep.approxAllRight += 1 }
                    if ea != nil {
                        rep.approxTotal += 1
                        if ea == got.figures[h].approx { rep.approxRight += 1 }
                        else { rep.log.append("\(id) APPROX \(e["surface"] ?? "") want \(ea!) got \(got.figures[h].approx ?? "nil")") }
                    } else if got.figures[h].approx != nil {
                        rep.log.append("\(id) APPROX \(e["surface"] ?? "") want nil got \(got.figures[h].approx!)")
                    }
                } else {
                    rep.figures.fn += 1; lineCounts.fn += 1
                    rep.log.append("\(id) FN figure \(e["surface"] ?? "") \(e["value"] ?? "") \(e["unit"] ?? "")  | \(text)")
                }
            }
            for (pi, p) in got.figures.enumerated() where !used[pi] {
                rep.figures.fp += 1; lineCounts.fp += 1
                rep.log.append("\(id) FP figure \(p.surface) \(p.value) \(p.unit) \(p.approx ?? "-")  | \(text)")
            }
            // dates
            let ed = exp["dates"] as? [[String: Any]] ?? []
            let eds = spans(ed)
            var usedD = [Bool](repeating: false, count: got.dates.count)
            for (k, e) in ed.enumerated() {
                let opt = e["optional"] as? Bool ?? false
                let len = e["lenient"] as? Bool ?? false
                var hit: Int?
                for (pi, p) in got.dates.enumerated() where !usedD[pi] && overlaps((p.start, p.end), eds[k]) {
                    if p.value == e["value"] as? String && (e["granularity"] == nil || p.granularity == e["granularity"] as? String)
                        && p.mod == e["mod"] as? String {
                        hit = pi; break
                    }
                }
                if opt {
                    for (pi, p) in got.dates.enumerated() where overlaps((p.start, p.end), eds[k]) { usedD[pi] = true }
                    continue
                }
                if let h = hit {
                    usedD[h] = true
                    if len { rep.lenient.tp += 1 } else { rep.dates.tp += 1; lineCounts.tp += 1 }
                } else {
                    if len { rep.lenient.fn += 1 } else { rep.dates.fn += 1; lineCounts.fn += 1 }
                    let near = got.dates.filter { overlaps(($0.start, $0.end), eds[k]) }.map { "\($0.value)/\($0.granularity)/\($0.mod ?? "-")" }
                    rep.log.append("\(id) FN date \(e["surface"] ?? "") \(e["value"] ?? "") \(e["granularity"] ?? "") \(e["mod"] ?? "-") got \(near) | \(text)")
                }
            }
            for (pi, p) in got.dates.enumerated() where !usedD[pi] {
                if p.lowConfidence { rep.lenient.fp += 1 } else { rep.dates.fp += 1; lineCounts.fp += 1 }
                rep.log.append("\(id) FP date \(p.surface) \(p.value) \(p.granularity) \(p.mod ?? "-") | \(text)")
            }
            // orgs
            let eo = exp["orgs"] as? [[String: Any]] ?? []
            let eos = spans(eo)
            var usedO = [Bool](repeating: false, count: got.orgs.count)
            for (k, e) in eo.enumerated() {
                let opt = e["optional"] as? Bool ?? false
                let sf = e["surface"] as? String
                if opt {
                    for (pi, p) in got.orgs.enumerated() where overlaps((p.start, p.end), eos[k]) { usedO[pi] = true }
                    continue
                }
                if let h = got.orgs.indices.first(where: { !usedO[$0] && got.orgs[$0].surface == sf }) {
                    usedO[h] = true
                    rep.orgs.tp += 1; lineCounts.tp += 1
                    if let c = e["canonical"] as? String {
                        rep.canonTotal += 1
                        if got.orgs[h].canonical == c { rep.canonRight += 1 }
                        else { rep.log.append("\(id) CANON \(sf ?? "") want \(c) got \(got.orgs[h].canonical ?? "nil")") }
                    }
                } else {
                    rep.orgs.fn += 1; lineCounts.fn += 1
                    rep.log.append("\(id) FN org \(sf ?? "") got \(got.orgs.map { $0.surface }) | \(text)")
                }
            }
            for (pi, p) in got.orgs.enumerated() where !usedO[pi] {
                rep.orgs.fp += 1; lineCounts.fp += 1
                rep.log.append("\(id) FP org \(p.surface) | \(text)")
            }
            for t in obj["tags"] as? [String] ?? ["(untagged)"] { rep.byTag[t, default: Counts()] += lineCounts }
        }
        return rep
    }

    /// The lines of an eval-dev JSON Lines file, decoded as dictionaries.
    static func lines(_ relative: String) throws -> [[String: Any]] {
        let url = try Fixtures.shared(relative, for: "the extraction scorer")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Prints a report: every miss and false positive (always: they are what a run is read for),
    /// then the figures per item type and tag.
    static func print(_ rep: Report, title: String) {
        var out = ["== \(title)"]
        out += rep.log.map { "  " + $0 }
        out.append("figures  " + rep.figures.line)
        out.append("dates    " + rep.dates.line)
        out.append("orgs     " + rep.orgs.line)
        out.append("lenient  " + rep.lenient.line)
        out.append(String(format: "approx   %.3f of %d figures with a hedge; %.3f of all %d matched", rep.approxAccuracy, rep.approxTotal,
                          Double(rep.approxAllRight) / Double(max(rep.approxAllTotal, 1)), rep.approxAllTotal))
        out.append(String(format: "canonical %d/%d", rep.canonRight, rep.canonTotal))
        for (t, c) in rep.byTag.sorted(by: { $0.key < $1.key }) { out.append("  tag \(t.padding(toLength: 22, withPad: " ", startingAt: 0)) \(c.line)") }
        // The whole report goes to a file (long reports on stdout lose lines between XCTest's own);
        // the summary is printed as well.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-extraction-\(title.prefix { $0 != "." }.replacingOccurrences(of: "/", with: "-")).txt")
        try? out.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        Swift.print(([out[0], "  (every miss and false positive: \(file.path))"] + out.drop { $0.hasPrefix("==") || $0.hasPrefix("  ") }).joined(separator: "\n"))
        flushOutput()
    }

    func testDevSetScores() throws {
        let lines = try ExtractionEvalTests.lines("eval-dev/extraction-dev.jsonl")
        XCTAssertGreaterThan(lines.count, 10)
        let rep = ExtractionEvalTests.score(lines: lines)
        ExtractionEvalTests.print(rep, title: "extraction-dev.jsonl")
        let approxAcc = rep.approxAccuracy
        XCTAssertGreaterThanOrEqual(rep.figures.p, 0.97, "figure precision")
        XCTAssertGreaterThanOrEqual(rep.figures.r, 0.97, "figure recall")
        XCTAssertGreaterThanOrEqual(rep.dates.p, 0.95, "date precision")
        XCTAssertGreaterThanOrEqual(rep.dates.r, 0.95, "date recall")
        XCTAssertGreaterThanOrEqual(rep.orgs.p, 0.92, "org precision")
        XCTAssertGreaterThanOrEqual(rep.orgs.r, 0.92, "org recall")
        XCTAssertGreaterThanOrEqual(approxAcc, 0.95, "approx accuracy")
    }
}

/// Issue 18: the same scorer on sentences from real documents (../shared/eval-dev/realdocs/extraction.jsonl),
/// each extracted with its `doc_date` and `reference_year` (a 2022 bulletin published in 2023 speaks of 2022).
final class RealdocsExtractionEvalTests: XCTestCase {
    func testIssue18RealdocsScores() throws {
        let lines = try ExtractionEvalTests.lines("eval-dev/realdocs/extraction.jsonl")
        XCTAssertGreaterThanOrEqual(lines.count, 20)
        let rep = ExtractionEvalTests.score(lines: lines)
        ExtractionEvalTests.print(rep, title: "realdocs/extraction.jsonl")
        XCTAssertGreaterThanOrEqual(rep.figures.p, 0.97, "figure precision")
        XCTAssertGreaterThanOrEqual(rep.figures.r, 0.97, "figure recall")
        XCTAssertGreaterThanOrEqual(rep.dates.p, 0.95, "date precision")
        XCTAssertGreaterThanOrEqual(rep.dates.r, 0.95, "date recall")
        XCTAssertGreaterThanOrEqual(rep.orgs.p, 0.92, "org precision")
        XCTAssertGreaterThanOrEqual(rep.orgs.r, 0.92, "org recall")
    }
}
