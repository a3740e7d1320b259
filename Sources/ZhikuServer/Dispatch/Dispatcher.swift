import Foundation
import ZhikuIndex

/// Maps requests to engine calls and replies. It holds no connection state: one instance serves
/// every connection. On the event loop it only parses options; everything that touches the index
/// — which engine answers (``EngineSlot/current()``: a `stat`, `/proc/locks`, sometimes opening a
/// new file), the cache's index generation, the engine call — runs on an engine thread
/// (``EngineCall``).
///
/// Engine verbs are in ``engineWork(_:verb:)``: adding one is one `case` there.
final class Dispatcher: Sendable {
    let slot: EngineSlot
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let password: PasswordCheck?
    /// The result cache (nil when `cacheEntries` is 0).
    let cache: ResultCache?
    /// The index's STATS, computed once per index generation.
    let statsCache = StatsCache()
    static let version = "0.1.0"

    init(slot: EngineSlot, configuration: ServerConfiguration, metrics: ServerMetrics) {
        self.slot = slot
        self.configuration = configuration
        self.metrics = metrics
        password = configuration.password.flatMap { $0.isEmpty ? nil : PasswordCheck(password: $0) }
        if configuration.cacheEntries > 0 && configuration.cacheBytes > 0 {
            cache = ResultCache(maxEntries: configuration.cacheEntries, maxBytes: configuration.cacheBytes)
        } else {
            cache = nil
        }
    }

    var authRequired: Bool { password != nil }

    /// Decides what to do with `request`, updating `session` (AUTH). A cached SEARCH or FACTS is
    /// answered here when `loop` knows the index generation (nothing written since an engine
    /// thread read it); anything else that needs the index goes to an engine thread.
    func dispatch(_ request: Request, session: inout Session, loop: LoopGeneration? = nil) -> Action {
        let cmd = request.word
        var id: String?
        if let rawID = request.option("id") {
            guard (1...32).contains(rawID.utf8.count),
                  rawID.utf8.allSatisfy({ Dispatcher.isIDByte($0) }) else {
                return .reply(.error(ServerError(.argument, "id must be 1-32 characters of A-Z a-z 0-9 _ -"), cmd: cmd))
            }
            id = rawID
        }
        guard let verb = request.verb else {
            if authRequired && !session.authenticated { return .reply(.error(noAuth, cmd: cmd, id: id)) }
            let shown = cmd.count > 32 ? String(cmd.prefix(32)) + "…" : cmd
            return .reply(.error(ServerError(.unknownCommand, "unknown command '\(shown)'; HELP lists the verbs"), cmd: cmd, id: id))
        }
        if authRequired && !session.authenticated && ![.auth, .hello, .help, .quit].contains(verb) {
            return .reply(.error(noAuth, cmd: cmd, id: id))
        }
        let allowed = Usage.keys[verb]!
        if let bad = request.options.first(where: { !allowed.contains($0.key) && $0.key != "id" && $0.key != "timeout" }) {
            return .reply(.error(ServerError(.syntax, "\(verb.rawValue) takes no option '\(bad.key)'", usage: Usage.of(verb)), cmd: cmd, id: id))
        }
        do {
            let budget = try budgetMs(request)
            switch verb {
            case .search, .facts, .entities, .doc, .stats:
                let call = EngineCall(work: try engineWork(request, verb: verb), cmd: cmd, id: id, budgetMs: budget,
                                      failOnTimeout: request.option("on_timeout") == "fail", usage: Usage.of(verb),
                                      cacheKey: cache == nil ? nil : ResultCache.key(for: request))
                var learn: UInt64?
                if let cache, let key = call.cacheKey, let loop {
                    let started = DispatchTime.now().uptimeNanoseconds
                    let engine = slot.latest
                    if let generation = loop.current(engine: engine), let json = cache.lookup(key, generation: generation) {
                        var reply = Reply(id: id, cmd: cmd, body: .encoded(json))
                        reply.cached = true
                        reply.tookMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                        return .reply(reply)
                    }
                    learn = loop.mark(engine: engine)
                }
                let slot = self.slot, cache = self.cache
                return .engine({ cancellation in call.run(slot: slot, cache: cache, cancellation: cancellation) }, learn: learn)
            case .hello:
                return .reply(try hello(request, cmd: cmd, id: id))
            case .help:
                return .reply(help(request, cmd: cmd, id: id))
            case .ping:
                return .reply(Reply(id: id, cmd: cmd, body: .pong(request.text.isEmpty ? nil : request.text)))
            case .auth:
                return .reply(auth(request, session: &session, cmd: cmd, id: id))
            case .quit:
                return .reply(Reply(id: id, cmd: cmd, body: .ok, closeAfter: true))
            }
        } catch var e as ServerError {
            if e.usage == nil, e.code == .argument || e.code == .syntax {
                e.usage = Usage.of(verb)
            }
            return .reply(.error(e, cmd: cmd, id: id))
        } catch let e as ZhikuError {
            return .reply(.error(ServerError(e, usage: Usage.of(verb)), cmd: cmd, id: id))
        } catch {
            return .reply(.error(ServerError.internal(error), cmd: cmd, id: id))
        }
    }

    private var noAuth: ServerError { ServerError(.noAuth, "authentication required: AUTH <password>") }

    static func isIDByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }

    // MARK: - Engine verbs

    /// The engine call of an engine verb, with its options parsed and checked on the event loop;
    /// it runs on an engine thread with the engine answering then.
    func engineWork(_ request: Request, verb: Verb) throws -> EngineCall.Work {
        let usage = Usage.of(verb)
        switch verb {
        case .search:
            let text = try requireText(request, usage: usage)
            var options = try searchOptions(request)
            options.timeoutMs = try budgetMs(request)
            let searchOptions = options
            return { engine in try engine.search(text, options: searchOptions) }
        case .doc:
            let id = try requireText(request, usage: usage)
            let passage = try request.option("passage").map { try int($0, "passage", 1...Int.max) }
            let from = try request.option("from").map { try int($0, "from", 0...Int.max) } ?? 0
            let length = try request.option("len").map { try int($0, "len", 1...65_536) } ?? 4_096
            return { engine in try engine.document(id: id, passage: passage, from: from, length: length) }
        case .stats:
            let metrics = self.metrics, cache = self.cache, statsCache = self.statsCache
            return { engine in
                var stats = try statsCache.stats(of: engine)
                let m = metrics.snapshot()
                stats.extra = [("uptime_s", m.uptime.rounded()), ("clients", Double(m.clients)),
                               ("commands_total", Double(m.commands)), ("errors_total", Double(m.errors)),
                               ("p50_ms", m.p50), ("p99_ms", m.p99)]
                let c = cache?.snapshot()
                stats.extra += [("cache_entries", Double(c?.entries ?? 0)), ("cache_bytes", Double(c?.bytes ?? 0)),
                                ("cache_hits", Double(c?.hits ?? 0)), ("cache_misses", Double(c?.misses ?? 0))]
                return stats
            }
        case .facts:
            let text = try requireText(request, usage: usage)
            let limit = try request.option("limit").map { try int($0, "limit", 1...20) } ?? 3
            let attr = request.option("attr")
            return { engine in try engine.facts(text, limit: limit, attribute: attr) }
        case .entities:
            let types = request.option("types").map { Set($0.split(separator: ",").map(String.init)) }
            if let types, !types.isSubset(of: ["orgs", "figures", "dates"]) {
                throw ServerError(.argument, "types takes orgs,figures,dates")
            }
            let limit = try request.option("limit").map { try int($0, "limit", 1...1_000) } ?? 50
            if let doc = request.option("doc") {
                return { engine in
                    var g = try engine.entities(documentID: doc)
                    if let types {
                        if !types.contains("figures") { g.figures = [] }
                        if !types.contains("dates") { g.dates = [] }
                        if !types.contains("orgs") { g.orgs = [] }
                    }
                    return g
                }
            }
            if !request.text.isEmpty {
                let text = request.text
                return { engine in RawJSON(engine.entities(text: text)) }
            }
            return { engine in try engine.knowledgeBase(limit: limit) }
        case .hello, .help, .ping, .auth, .quit:
            preconditionFailure("\(verb) is not an engine verb")
        }
    }

    func searchOptions(_ request: Request) throws -> SearchOptions {
        var o = SearchOptions()
        o.maxTerms = configuration.maxQueryTerms
        if let v = request.option("limit") { o.limit = try int(v, "limit", 1...SearchOptions.maxLimit) }
        if let v = request.option("offset") { o.offset = try int(v, "offset", 0...SearchOptions.maxDepth) }
        if let v = request.option("snippet") { o.snippetLength = try int(v, "snippet", 10...500) }
        if let v = request.option("frags") { _ = try int(v, "frags", 1...5) }
        if let v = request.option("mark") {
            guard let comma = v.firstIndex(of: ",") else { throw ServerError(.argument, "mark takes PRE,POST, e.g. mark=【,】", usage: Usage.of(.search)) }
            o.marks = (String(v[..<comma]), String(v[v.index(after: comma)...]))
        }
        if let v = request.option("ent") {
            guard v == "0" || v == "1" else { throw ServerError(.argument, "ent must be 0 or 1", usage: Usage.of(.search)) }
            o.includeEntities = v == "1"
        }
        if let v = request.option("doc") { o.document = v }
        // Filters on the documents' profiles (place=江苏 year=2025 kind=统计公报).
        if request.option("place") != nil || request.option("year") != nil || request.option("kind") != nil {
            var f = DocumentFilter(place: request.option("place"), kind: request.option("kind"))
            if let v = request.option("year") { f.year = try int(v, "year", 1900...2100) }
            do { try f.validate() } catch let e as ZhikuError { throw ServerError(.argument, e.message, usage: Usage.of(.search)) }
            o.filter = f
        }
        if let v = request.option("on_timeout"), v != "partial", v != "fail" {
            throw ServerError(.argument, "on_timeout must be partial or fail", usage: Usage.of(.search))
        }
        try o.validate()
        return o
    }

    private func requireText(_ request: Request, usage: String) throws -> String {
        guard !request.text.isEmpty else { throw ServerError(.syntax, "missing text", usage: usage) }
        return request.text
    }

    private func int(_ v: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(v), range.contains(n) else {
            let upper = range.upperBound == Int.max ? "" : "\(range.upperBound)"
            throw ServerError(.argument, "\(name) must be \(range.lowerBound)..\(upper)")
        }
        return n
    }

    func budgetMs(_ request: Request) throws -> Int {
        guard let v = request.option("timeout") else { return configuration.queryBudgetMs }
        return try int(v, "timeout", 1...configuration.maxQueryBudgetMs)
    }

    // MARK: - Local verbs

    private func hello(_ request: Request, cmd: String, id: String?) throws -> Reply {
        guard request.text.isEmpty || request.text == "1" else {
            throw ServerError(.argument, "protocol \(request.text) is not offered: this server speaks proto 1 (lines and RESP2, no RESP3)", usage: Usage.of(.hello))
        }
        let config = configuration, auth = authRequired
        return .data(JSONObject { w in
            w.field("server", "zhiku")
            w.field("version", Dispatcher.version)
            w.field("proto", 1)
            w.field("max_line", config.maxLineBytes)
            w.field("max_query_chars", SearchOptions.maxQueryScalars)
            w.field("max_limit", SearchOptions.maxLimit)
            w.field("max_depth", SearchOptions.maxDepth)
            w.field("auth_required", auth)
        }, cmd: cmd, id: id)
    }

    private func help(_ request: Request, cmd: String, id: String?) -> Reply {
        if !request.text.isEmpty {
            guard let verb = Verb(rawValue: request.text.uppercased()) else {
                return .error(ServerError(.argument, "no verb '\(request.text)'; HELP lists the verbs", usage: Usage.of(.help)), cmd: cmd, id: id)
            }
            return .data(JSONObject { $0.field("verb", verb.rawValue); $0.field("usage", Usage.of(verb)) }, cmd: cmd, id: id)
        }
        let lines = Verb.allCases.map { Usage.of($0) }
        return .data(JSONObject { w in
            w.field("usage", lines)
            w.field("doc", "docs/protocol.md")
        }, cmd: cmd, id: id)
    }

    private func auth(_ request: Request, session: inout Session, cmd: String, id: String?) -> Reply {
        guard let password else {
            return .error(ServerError(.argument, "this server has no password; AUTH is not needed"), cmd: cmd, id: id)
        }
        // redis-cli 6+ may send `AUTH default <pw>`.
        var presented = request.text
        if request.framing == .resp, presented.hasPrefix("default "), !password.matches(presented) {
            presented = String(presented.dropFirst("default ".count))
        }
        if password.matches(presented) {
            session.authenticated = true
            session.authFailures = 0
            return Reply(id: id, cmd: cmd, body: .ok)
        }
        session.authFailures += 1
        var reply = Reply.error(ServerError(.auth, "wrong password"), cmd: cmd, id: id)
        if session.authFailures >= configuration.maxAuthFailures {
            reply = .error(ServerError(.auth, "wrong password (\(session.authFailures) failures: closing)"), cmd: cmd, id: id)
            reply.closeAfter = true
        }
        return reply
    }
}
