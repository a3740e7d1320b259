import Foundation
import XCTest
import ZhikuTestSupport

/// The evaluation corpus indexed once per test run by the built binary, for every CLI evaluation test.
enum EvalIndex {
    static func folder() throws -> URL {
        try EvalCorpus.index(key: "cli") { corpus, index in
            let r = try Binary.run(["index", corpus.path, "--index", index.path, "--quiet"], timeout: 900)
            guard r.status == 0 else { throw XCTSkip("indexing the evaluation corpus failed: \(r.stderr)") }
        }
    }

    /// The questions of the given eval-dev files, decoded.
    static func questions(_ files: [String]) throws -> [EvalQuestion] {
        try files.flatMap { try Fixtures.jsonLines(Fixtures.shared("eval-dev/" + $0, for: "the evaluation"), as: EvalQuestion.self) }
    }
}

/// One labelled question of eval-dev (qa-*.jsonl).
struct EvalQuestion: Decodable {
    var id: String
    var question: String
    var query: String?
    var doc: String
    var answer_surface: String
    var kind: String
    var tags: [String]?
}
