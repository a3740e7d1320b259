import Foundation
import XCTest

/// Retrieval on ../shared/eval-dev: the passage holding `answer_surface` in `doc` must be among the
/// first five hits of `zhiku search <query>` for at least 95% of the questions.
final class RetrievalEvalTests: XCTestCase {
    func testRecallAtFive() throws {
        let shared = Binary.sharedRoot
        let evalDir = shared.appendingPathComponent("eval-dev")
        guard FileManager.default.fileExists(atPath: evalDir.path) else {
            throw XCTSkip("../shared/eval-dev not found: the retrieval evaluation needs the shared folder beside the repo")
        }
        let ws = try Workspace()
        let seeds = shared.appendingPathComponent("seeds")
        let seed = try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()[0]
        try FileManager.default.createSymbolicLink(at: ws.corpus.appendingPathComponent("seed-report.txt"), withDestinationURL: seeds.appendingPathComponent(seed))
        let gov = shared.appendingPathComponent("corpora/gov-reports")
        for name in try FileManager.default.contentsOfDirectory(atPath: gov.path) {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: gov.appendingPathComponent(name).path, isDirectory: &isDir), isDir.boolValue {
                try FileManager.default.createSymbolicLink(at: ws.corpus.appendingPathComponent(name), withDestinationURL: gov.appendingPathComponent(name))
            }
        }
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "--quiet"], timeout: 600).status, 0)

        var cases: [[String: Any]] = []
        for file in ["qa-seed-dev.jsonl", "qa-gov-dev.jsonl"] {
            let text = try String(contentsOf: evalDir.appendingPathComponent(file), encoding: .utf8)
            cases += try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        let input = cases.map { $0["query"] as! String }.joined(separator: "\n") + "\n"
        let r = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "-n", "10", "-"], stdin: input)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, cases.count)
        var at1 = 0, at5 = 0, mrr = 0.0
        for (c, line) in zip(cases, lines) {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let hits = obj["hits"] as? [[String: Any]] ?? []
            let rank = hits.first { ($0["doc"] as? String) == c["doc"] as? String && (($0["text"] as? String) ?? "").contains(c["answer_surface"] as! String) }?["rank"] as? Int
            if rank == 1 { at1 += 1 }
            if let rank, rank <= 5 { at5 += 1 }
            if let rank { mrr += 1 / Double(rank) }
        }
        let n = Double(cases.count)
        print(String(format: "retrieval: %d questions, recall@1 %.3f, recall@5 %.3f, MRR %.3f", cases.count, Double(at1) / n, Double(at5) / n, mrr / n))
        XCTAssertGreaterThanOrEqual(Double(at5) / n, 0.95)
    }
}
