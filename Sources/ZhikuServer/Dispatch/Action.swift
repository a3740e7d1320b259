import Foundation
import ZhikuIndex

/// What a connection does with one request: answer at once, or run engine work off the event loop.
enum Action {
    /// Answer now (still in order behind earlier requests).
    case reply(Reply)
    /// Run on the engine thread pool under the connection's cancellation; the closure builds the
    /// reply. `learn`: what ``LoopGeneration/mark(engine:)`` said before, for a cached verb.
    case engine(@Sendable (QueryCancellation) -> Reply, learn: UInt64?)
}
