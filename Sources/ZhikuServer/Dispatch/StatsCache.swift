import Foundation
import NIOConcurrencyHelpers
import ZhikuIndex

/// The index's own STATS (counts of documents, passages, terms…), computed once per index
/// generation: counting the terms of a 169 MB index takes about a second, and 20 pipelined STATS
/// used to take 20 of them from everyone's searches. Calls that arrive while it is computed wait
/// for that one computation instead of starting their own. The file sizes are read afresh.
final class StatsCache: Sendable {
    private struct State {
        var latest: (generation: IndexGeneration, stats: StatsResponse)?
        var computations = 0
    }

    private let state = NIOLockedValueBox(State())

    /// How many times the index's STATS were computed (not taken from the cache).
    var computations: Int { state.withLockedValue { $0.computations } }

    /// `engine.stats()`, from the cache when the index has not changed since it was computed.
    func stats(of engine: Engine) throws -> StatsResponse {
        let generation = engine.generation()
        return try state.withLockedValue { state in
            if let generation, let cached = state.latest, cached.generation == generation {
                var stats = cached.stats
                stats.indexBytes = engine.store.sizeOnDisk()
                return stats
            }
            let stats = try engine.stats()
            state.computations += 1
            if let generation { state.latest = (generation, stats) }
            return stats
        }
    }
}
