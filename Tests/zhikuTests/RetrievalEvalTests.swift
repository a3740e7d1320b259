import Foundation
import XCTest
import ZhikuTestSupport

/// Retrieval on ../shared/eval-dev: the passage holding `answer_surface` in `doc` must be among the
/// first five hits of `zhiku search <query>` for at least 95% of the questions.
final class RetrievalEvalTests: XCTestCase {
    func testRecallAtFive() throws {
        let index = try EvalIndex.folder()
        let cases = try EvalIndex.questions(["qa-seed-dev.jsonl", "qa-gov-dev.jsonl"])
        let input = cases.map { $0.query ?? $0.question }.joined(separator: "\n") + "\n"
        let r = try Binary.run(["search", "--index", index.path, "--format", "json", "-n", "10", "-"], stdin: input)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, cases.count)
        var at1 = 0, at5 = 0, mrr = 0.0
        for (c, line) in zip(cases, lines) {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let hits = obj["hits"] as? [[String: Any]] ?? []
            let rank = hits.first { ($0["doc"] as? String) == c.doc && (($0["text"] as? String) ?? "").contains(c.answer_surface) }?["rank"] as? Int
            if rank == 1 { at1 += 1 }
            if let rank, rank <= 5 { at5 += 1 }
            if let rank { mrr += 1 / Double(rank) }
        }
        let n = Double(cases.count)
        print(String(format: "retrieval: %d questions, recall@1 %.3f, recall@5 %.3f, MRR %.3f", cases.count, Double(at1) / n, Double(at5) / n, mrr / n))
        XCTAssertGreaterThanOrEqual(Double(at5) / n, 0.95)
    }
}
