import Foundation
import NIOConcurrencyHelpers
import ZhikuIndex

/// The index's own STATS (counts of documents, passages, terms…), computed once per index
/// generation: counting the terms of a 169 MB index takes about a second, and 20 pipelined STATS
/// used to take 20 of them from everyone's searches. Calls that arrive while it is computed wait
/// for that one computation instead of starting their own. The file sizes are read afresh.
final class StatsCache: Sendable {
    private let latest = NIOLockedValueBox<(generation: IndexGeneration, stats: StatsResponse)?>(nil)

    /// `engine.stats()`, from the cache when the index has not changed since it was computed.
    func stats(of engine: Engine) throws -> StatsResponse {
        let generation = engine.generation()
        return try latest.withLockedValue { latest in
            if let generation, let cached = latest, cached.generation == generation {
                var stats = cached.stats
                stats.indexBytes = engine.store.sizeOnDisk()
                return stats
            }
            let stats = try engine.stats()
            if let generation { latest = (generation, stats) }
            return stats
        }
    }
}
