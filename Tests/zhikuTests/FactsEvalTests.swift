import Foundation
import XCTest
import ZhikuTestSupport

/// Fact lookup on ../shared/eval-dev (issue 18), every kind scored by extraction.md's rules
/// (``FactScore``): the first answer right for ≥ 90% of qa-facts-dev and of qa-seed-dev +
/// qa-gov-dev together, and answered-and-right ÷ answered ≥ 0.93 over them; the realdocs questions
/// ≥ 85% once the office files are read (issue 17).
final class FactsEvalTests: XCTestCase {
    struct Tally {
        var n = 0, answered = 0, right = 0
        var rate: Double { n == 0 ? 0 : Double(right) / Double(n) }
        var precision: Double { answered == 0 ? 0 : Double(right) / Double(answered) }
    }

    /// Asks every question through `zhiku facts -` and scores the first answers.
    func score(_ cases: [EvalQuestion], index: URL) throws -> (Tally, [String]) {
        let input = cases.map { $0.question.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
        let r = try Binary.run(["facts", "--index", index.path, "--format", "json", "-"], stdin: input, timeout: 600)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, cases.count, r.stderr)
        var t = Tally()
        var misses: [String] = []
        for (c, line) in zip(cases, lines) {
            let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let answers = obj["answers"] as? [[String: Any]] ?? []
            t.n += 1
            if let first = answers.first {
                t.answered += 1
                if FactScore.isRight(first, doc: c.doc, kind: c.kind, want: c.answer_surface) { t.right += 1 } else { misses.append(c.id) }
            } else {
                misses.append(c.id + "(none)")
                XCTAssertNotNil(obj["reason"] as? String, "\(c.id): an empty answer says why")
            }
        }
        return (t, misses)
    }

    func testIssue18FirstAnswerOnTheEvalCorpus() throws {
        let index = try EvalIndex.folder()
        let (facts, factMisses) = try score(try EvalIndex.questions(["qa-facts-dev.jsonl"]), index: index)
        let (seedGov, seedGovMisses) = try score(try EvalIndex.questions(["qa-seed-dev.jsonl", "qa-gov-dev.jsonl"]), index: index)
        let all = Tally(n: facts.n + seedGov.n, answered: facts.answered + seedGov.answered, right: facts.right + seedGov.right)
        print(String(format: "facts: qa-facts-dev %d questions, first right %.3f (right/answered %.3f); seed+gov %d, %.3f (%.3f); all right/answered %.3f",
                     facts.n, facts.rate, facts.precision, seedGov.n, seedGov.rate, seedGov.precision, all.precision))
        print("facts: misses \(factMisses + seedGovMisses)")
        XCTAssertGreaterThanOrEqual(facts.rate, 0.90)
        XCTAssertGreaterThanOrEqual(seedGov.rate, 0.90)
        XCTAssertGreaterThanOrEqual(all.precision, 0.93)
    }

    func testIssue18FirstAnswerOnRealDocuments() throws {
        let corpus = try Fixtures.shared("corpora/realdocs-dev", for: "the realdocs fact questions")
        let cases = try Fixtures.jsonLines(Fixtures.shared("eval-dev/realdocs/qa.jsonl", for: "the realdocs fact questions"), as: EvalQuestion.self)
        let index = try EvalCorpus.index(key: "realdocs") { _, index in
            let r = try Binary.run(["index", corpus.path, "--index", index.path, "--quiet"], timeout: 900)
            guard r.status == 0 || r.status == 1 else { throw XCTSkip("indexing realdocs-dev failed: \(r.stderr)") }
        }
        let (t, misses) = try score(cases, index: index)
        print(String(format: "facts: realdocs %d questions, first right %.3f (right/answered %.3f); misses %@", t.n, t.rate, t.precision,
                     misses.description))
        // Five of the 25 answers are inside .doc, .docx and .pdf files: until their readers
        // (issue 17) index them, the threshold cannot be reached and is not asserted.
        let office = Set(cases.map(\.doc).filter { doc in [".doc", ".docx", ".pdf"].contains { doc.hasSuffix($0) } })
        let unread = try office.filter { try Binary.run(["doc", "--index", index.path, "--format", "json", $0]).status != 0 }
        guard unread.isEmpty else {
            throw XCTSkip(String(format: "realdocs: first right %.3f; the 0.85 threshold needs the office readers of issue 17", t.rate))
        }
        XCTAssertGreaterThanOrEqual(t.rate, 0.85)
    }
}
