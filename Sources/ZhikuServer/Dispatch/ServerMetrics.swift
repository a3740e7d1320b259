import Foundation
import NIOConcurrencyHelpers

/// Counters shared by all connections: clients now, commands answered, recent latencies.
/// One lock, held for a few instructions per request.
final class ServerMetrics: Sendable {
    private struct State {
        var clients = 0
        var commands = 0
        var errors = 0
        /// The latest latencies in milliseconds, a ring of `window` samples.
        var samples: [Double] = []
        var next = 0
    }

    private let state = NIOLockedValueBox(State())
    private let started = Date()
    private let window: Int

    init(window: Int = 8_192) {
        self.window = window
        state.withLockedValue { $0.samples.reserveCapacity(window) }
    }

    /// Counts a new connection unless `limit` are already open; false means turn it away.
    func admitClient(limit: Int) -> Bool {
        state.withLockedValue { s in
            guard s.clients < limit else { return false }
            s.clients += 1
            return true
        }
    }

    func clientLeft() {
        state.withLockedValue { $0.clients -= 1 }
    }

    func record(ms: Double, error: Bool) {
        let window = self.window
        state.withLockedValue { s in
            s.commands += 1
            if error { s.errors += 1 }
            if s.samples.count < window {
                s.samples.append(ms)
            } else {
                s.samples[s.next] = ms
                s.next = (s.next + 1) % window
            }
        }
    }

    struct Snapshot {
        var uptime: Double
        var clients: Int
        var commands: Int
        var errors: Int
        var p50: Double
        var p99: Double
    }

    func snapshot() -> Snapshot {
        let copy = state.withLockedValue { $0 }
        let sorted = copy.samples.sorted()
        func pct(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        return Snapshot(uptime: Date().timeIntervalSince(started), clients: copy.clients, commands: copy.commands,
                        errors: copy.errors, p50: pct(0.5), p99: pct(0.99))
    }
}
