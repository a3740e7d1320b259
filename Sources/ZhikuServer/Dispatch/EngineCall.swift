import Foundation
import ZhikuIndex

/// Runs one engine call on a pool thread, times it against its budget and wraps the outcome in a
/// reply whose `data` is already encoded (so the event loop only writes bytes).
enum EngineCall {
    /// Where a result goes into the cache: the key, and the index generation read before the call
    /// (the answer is at least as new as it).
    struct CacheSlot: @unchecked Sendable {
        var cache: ResultCache
        var key: String
        var generation: IndexGeneration
    }

    /// - Parameters:
    ///   - budgetMs: the query's time budget. SEARCH is cut short by the engine at the budget and
    ///     says `timed_out` (or `ERR_TIMEOUT` with `on_timeout=fail`); other verbs run to the end and
    ///     are flagged with a warning when they took longer.
    ///   - cacheSlot: keep a complete answer in the result cache.
    static func run(_ work: () throws -> JSONWritable, cmd: String, id: String?, budgetMs: Int, failOnTimeout: Bool, usage: String,
                    cacheSlot: CacheSlot? = nil) -> Reply {
        let started = DispatchTime.now()
        do {
            let data = try work()
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
            let timedOut = (data as? SearchResponse)?.timedOut == true
            if timedOut && failOnTimeout {
                return .error(ServerError(.timeout, "the query ran past its budget of \(budgetMs) ms"), cmd: cmd, id: id)
            }
            if ms > Double(budgetMs) && failOnTimeout {
                return .error(ServerError(.timeout, String(format: "the query took %.0f ms, over its budget of %d ms", ms, budgetMs)), cmd: cmd, id: id)
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
            if ms > Double(budgetMs) {
                reply.warnings = [String(format: "the query took %.0f ms, over its budget of %d ms (results are complete)", ms, budgetMs)]
            }
            return reply
        } catch let e as ServerError {
            return .error(e, cmd: cmd, id: id)
        } catch let e as ZhikuError {
            return .error(ServerError(e, usage: usage), cmd: cmd, id: id)
        } catch {
            return .error(ServerError.internal(error), cmd: cmd, id: id)
        }
    }
}
