import Foundation
import XCTest
import ZhikuTestSupport
import ZhikuIndex
@testable import ZhikuServer

/// A temp folder of fixture documents, an index built from it, and a server on 127.0.0.1 and a
/// free port. Every test makes its own and calls `stop()` at the end.
final class ServerFixture: Sendable {
    let root: URL
    let corpus: URL
    let indexDirectory: URL
    /// The server's engine (a new one once the index file was replaced).
    var engine: Engine { server.engine }
    let server: ZhikuServer
    var port: Int { server.port }

    /// The sample report plus two small documents with non-BMP characters, emoji and combining marks.
    static var documents: [String: String] {
        var docs: [String: String] = [
            "extra/chars.txt": """
                关于𠮷野家门店的说明

                𠮷野家在赣州开设了3家门店，研究团队表示满意😀。Café naïve 研究团队测试组合字符。
                """,
            "extra/team.txt": """
                科研平台建设情况

                一、平台概况
                我区共建有12个研究团队，其中国家级研究团队2个，省级研究团队5个。研究团队总人数达到350人。
                """,
        ]
        let sample = Fixtures.sampleReport
        if let text = try? String(contentsOf: sample, encoding: .utf8) { docs["ganzhou.txt"] = text }
        return docs
    }

    /// - Parameters:
    ///   - configure: changes to the test configuration.
    ///   - documents: the corpus (path → text), ``documents`` by default.
    ///   - openEngine: how the server opens a replaced index file.
    init(configure: (inout ServerConfiguration) -> Void = { _ in }, documents: [String: String] = ServerFixture.documents,
         openEngine: @escaping EngineSlot.Opener = { try Engine(indexDirectory: $0, extractor: $1) }) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-server-\(UUID().uuidString)")
        corpus = root.appendingPathComponent("corpus")
        indexDirectory = root.appendingPathComponent("index")
        for (path, text) in documents {
            let url = corpus.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try ServerFixture.index(corpus: corpus, into: indexDirectory)
        let engine = try Engine(indexDirectory: indexDirectory, extractor: ExtractionKnowledge())
        var config = ServerConfiguration()
        config.port = 0
        config.eventLoopThreads = 2
        config.engineThreads = 4
        config.shutdownGrace = 5
        configure(&config)
        server = ZhikuServer(engine: engine, configuration: config, openEngine: openEngine)
        try server.start()
    }

    static func index(corpus: URL, into directory: URL, rebuild: Bool = false) throws {
        let store = try IndexStore.openForWriting(directory: directory)
        var indexer = Indexer(store: store, extractor: ExtractionKnowledge())
        indexer.rebuild = rebuild
        _ = try indexer.run(roots: [corpus])
    }

    func client(timeout: TimeInterval = 10) throws -> ZhikuClient {
        try ZhikuClient(host: "127.0.0.1", port: port, timeout: timeout)
    }

    func stop() {
        server.shutdown()
        try? FileManager.default.removeItem(at: root)
    }
}

/// `data` decoded as each verb's response type (nil for an error reply or another verb's data).
extension ServerReply {
    var search: SearchResponse? { try? decode(SearchResponse.self) }
    var facts: FactsResponse? { try? decode(FactsResponse.self) }
    var stats: StatsResponse? { try? decode(StatsResponse.self) }
    var groups: EntityGroups? { try? decode(EntityGroups.self) }
    var knowledgeBase: KnowledgeBaseSummary? { try? decode(KnowledgeBaseSummary.self) }
    var hello: Hello? { try? decode(Hello.self) }
    var pong: Pong? { try? decode(Pong.self) }
    var help: Help? { try? decode(Help.self) }
    var verbHelp: VerbHelp? { try? decode(VerbHelp.self) }

    struct Hello: Decodable {
        var server: String
        var version: String
        var proto: Int
        var max_line: Int
        var max_query_chars: Int
        var max_limit: Int
        var max_depth: Int
        var auth_required: Bool
    }

    struct Pong: Decodable { var pong: String }
    struct Help: Decodable { var usage: [String]; var doc: String }
    struct VerbHelp: Decodable { var verb: String; var usage: String }
}

extension StatsResponse {
    /// A server field of STATS as a whole number.
    func int(_ key: String) -> Int? { extra(key).map { Int($0) } }
}

extension ZhikuClient {
    /// Sends raw text (no newline added).
    func send(raw: String) throws { try send(bytes: Array(raw.utf8)) }

    /// Reads one reply line as a parsed envelope.
    func reply() throws -> ServerReply {
        guard let line = try readLine() else { throw ZhikuError(.io, "connection closed") }
        return try ServerReply(bytes: line)
    }

    /// Reads one RESP reply: `+…`, `-…`, `:…` or a bulk string, returned with its type byte.
    func respReply() throws -> String {
        guard let line = try readLine() else { throw ZhikuError(.io, "connection closed") }
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        guard text.hasPrefix("$") else { return text }
        guard let body = try readLine() else { throw ZhikuError(.io, "connection closed in a bulk string") }
        var s = String(decoding: body, as: UTF8.self)
        if s.hasSuffix("\r") { s.removeLast() }
        XCTAssertEqual(Int(text.dropFirst()), s.utf8.count, "bulk length matches")
        return "$" + s
    }

    /// True when the server closes the connection (EOF) before `timeout` (bytes read are dropped).
    func closedByServer() -> Bool {
        do {
            while try readLine() != nil {}
            return true
        } catch {
            return "\(error)".contains("middle of a reply") || "\(error)".contains("reset")
        }
    }

    /// A RESP array of bulk strings.
    static func resp(_ args: [String]) -> String {
        "*\(args.count)\r\n" + args.map { "$\($0.utf8.count)\r\n\($0)\r\n" }.joined()
    }
}
