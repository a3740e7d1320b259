import Foundation
import XCTest
import ZhikuTestSupport

/// Fact lookup on ../shared/eval-dev: `zhiku facts <question>` must put the figure or date of
/// `answer_surface` first for at least 90% of the questions whose answer is a figure or a date.
final class FactsEvalTests: XCTestCase {
    func testFirstAnswer() throws {
        let index = try EvalIndex.folder()
        let cases = try EvalIndex.questions(["qa-seed-dev.jsonl", "qa-gov-dev.jsonl"])
        var scored = 0, first = 0
        for c in cases where !["other", "org"].contains(c.kind) {
            scored += 1
            let r = try Binary.run(["facts", "--index", index.path, "--format", "json", c.question])
            guard let obj = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                  let a = (obj["answers"] as? [[String: Any]])?.first,
                  let surface = a["surface"] as? String, let doc = a["doc"] as? String else { continue }
            let want = c.answer_surface
            if doc == c.doc && (want.contains(surface) || surface.contains(want)) { first += 1 }
        }
        let rate = Double(first) / Double(scored)
        print(String(format: "facts: %d figure/date questions, first answer right %.3f", scored, rate))
        XCTAssertGreaterThanOrEqual(rate, 0.9)
    }
}
