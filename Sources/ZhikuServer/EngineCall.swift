import Foundation
import ZhikuIndex

/// Runs one engine call on a pool thread, times it against its budget and wraps the outcome in a reply.
enum EngineCall {
    /// - Parameters:
    ///   - budgetMs: the query's time budget. SEARCH is cut short by the engine at the budget and
    ///     says `timed_out` (or `ERR_TIMEOUT` with `on_timeout=fail`); other verbs run to the end and
    ///     are flagged with a warning when they took longer.
    static func run(_ work: () throws -> JSONWritable, cmd: String, id: String?, budgetMs: Int, failOnTimeout: Bool, usage: String) -> Reply {
        let started = DispatchTime.now()
        do {
            let data = try work()
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
            if (data as? SearchResponse)?.timedOut == true && failOnTimeout {
                return .error(ServerError(.timeout, "the query ran past its budget of \(budgetMs) ms"), cmd: cmd, id: id)
            }
            if ms > Double(budgetMs) {
                if failOnTimeout {
                    return .error(ServerError(.timeout, String(format: "the query took %.0f ms, over its budget of %d ms", ms, budgetMs)), cmd: cmd, id: id)
                }
                var reply = Reply(id: id, cmd: cmd, body: .data(data))
                reply.tookMs = ms
                reply.warnings = [String(format: "the query took %.0f ms, over its budget of %d ms (results are complete)", ms, budgetMs)]
                return reply
            }
            var reply = Reply(id: id, cmd: cmd, body: .data(data))
            reply.tookMs = ms
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
