import Foundation
import XCTest

/// Fact lookup on ../shared/eval-dev: `zhiku facts <question>` must put the figure or date of
/// `answer_surface` first for at least 90% of the questions whose answer is a figure or a date.
final class FactsEvalTests: XCTestCase {
    func testFirstAnswer() throws {
        let shared = Binary.sharedRoot
        let evalDir = shared.appendingPathComponent("eval-dev")
        guard FileManager.default.fileExists(atPath: evalDir.path) else {
            throw XCTSkip("../shared/eval-dev not found: the fact evaluation needs the shared folder beside the repo")
        }
        let ws = try Workspace()
        let seeds = shared.appendingPathComponent("seeds")
        try FileManager.default.createSymbolicLink(at: ws.corpus.appendingPathComponent("seed-report.txt"),
                                                   withDestinationURL: seeds.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()[0]))
        let gov = shared.appendingPathComponent("corpora/gov-reports")
        for name in try FileManager.default.contentsOfDirectory(atPath: gov.path) where !name.contains(".") {
            try FileManager.default.createSymbolicLink(at: ws.corpus.appendingPathComponent(name), withDestinationURL: gov.appendingPathComponent(name))
        }
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "-q"], timeout: 600).status, 0)
        var cases: [[String: Any]] = []
        for file in ["qa-seed-dev.jsonl", "qa-gov-dev.jsonl"] {
            let text = try String(contentsOf: evalDir.appendingPathComponent(file), encoding: .utf8)
            cases += try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        var scored = 0, first = 0
        for c in cases where !["other", "org"].contains(c["kind"] as? String ?? "") {
            scored += 1
            let r = try Binary.run(["facts", "--index", ws.index.path, "--format", "json", c["question"] as! String])
            guard let obj = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                  let a = (obj["answers"] as? [[String: Any]])?.first,
                  let surface = a["surface"] as? String, let doc = a["doc"] as? String else { continue }
            let want = c["answer_surface"] as! String
            if doc == c["doc"] as? String && (want.contains(surface) || surface.contains(want)) { first += 1 }
        }
        let rate = Double(first) / Double(scored)
        print(String(format: "facts: %d figure/date questions, first answer right %.3f", scored, rate))
        XCTAssertGreaterThanOrEqual(rate, 0.9)
    }
}
