import Foundation
import ZhikuIndex

/// One engine request, parsed on the event loop and run on an engine thread: it picks the engine
/// (``EngineSlot/current()``), looks in the result cache under the index generation read then,
/// calls the engine, times the call against its budget and wraps the outcome in a reply whose
/// `data` is already encoded (so the event loop only writes bytes).
struct EngineCall: Sendable {
    /// The engine call proper: what it answers is written as the reply's `data`.
    typealias Work = @Sendable (Engine) throws -> JSONWritable

    var work: Work
    var cmd: String
    var id: String?
    /// The query's time budget. SEARCH is cut short by the engine at the budget and says
    /// `timed_out` (or `ERR_TIMEOUT` with `on_timeout=fail`); other verbs run to the end and are
    /// flagged with a warning when they took longer.
    var budgetMs: Int
    var failOnTimeout: Bool
    var usage: String
    /// The request's key in the result cache (nil: not cached).
    var cacheKey: String?

    /// Runs on an engine thread. A call whose `cancellation` is flipped (its client went away)
    /// stops, or does not start, and replies `ERR_CANCELLED`, which nobody reads.
    func run(slot: EngineSlot, cache: ResultCache?, cancellation: QueryCancellation) -> Reply {
        do {
            return try cancellation.run { try answer(slot: slot, cache: cache) }
        } catch let e as ServerError {
            return .error(e, cmd: cmd, id: id)
        } catch let e as ZhikuError {
            return .error(ServerError(e, usage: usage), cmd: cmd, id: id)
        } catch {
            return .error(ServerError.internal(error), cmd: cmd, id: id)
        }
    }

    private func answer(slot: EngineSlot, cache: ResultCache?) throws -> Reply {
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsedMs() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6 }
        let engine = slot.current()
        // The generation is read before the call: the answer is at least as new as its label.
        var cacheSlot: (cache: ResultCache, key: String, generation: IndexGeneration)?
        if let cache, let cacheKey, let generation = engine.generation() {
            if let json = cache.lookup(cacheKey, generation: generation) {
                var reply = Reply(id: id, cmd: cmd, body: .encoded(json))
                reply.cached = true
                reply.tookMs = elapsedMs()
                reply.generation = (generation, engine)
                return reply
            }
            cacheSlot = (cache, cacheKey, generation)
        }
        let callStarted = DispatchTime.now().uptimeNanoseconds
        let data = try work(engine)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - callStarted) / 1e6
        let timedOut = (data as? SearchResponse)?.timedOut == true
        if timedOut && failOnTimeout {
            throw ServerError(.timeout, "the query ran past its budget of \(budgetMs) ms")
        }
        if ms > Double(budgetMs) && failOnTimeout {
            throw ServerError(.timeout, String(format: "the query took %.0f ms, over its budget of %d ms", ms, budgetMs))
        }
        var w = JSONWriter()
        data.write(to: &w)
        // Exactly sized (the writer's string has room to spare): what the cache holds.
        let json = w.bytes
        if !timedOut, let slot = cacheSlot {
            slot.cache.insert(slot.key, json: json, generation: slot.generation)
        }
        var reply = Reply(id: id, cmd: cmd, body: .encoded(json))
        reply.tookMs = ms
        reply.generation = cacheSlot.map { ($0.generation, engine) }
        if ms > Double(budgetMs) {
            reply.warnings = [String(format: "the query took %.0f ms, over its budget of %d ms (results are complete)", ms, budgetMs)]
        }
        return reply
    }
}
