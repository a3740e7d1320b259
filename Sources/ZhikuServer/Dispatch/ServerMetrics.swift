import Foundation

/// Counters shared by all connections: clients now, commands answered, recent latencies.
/// One lock, held for a few instructions per request.
final class ServerMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var clients = 0
    private var commands = 0
    private var errors = 0
    /// The latest latencies in milliseconds, a ring of `window` samples.
    private var samples: [Double]
    private var next = 0
    private let window: Int

    init(window: Int = 8_192) {
        self.window = window
        samples = []
        samples.reserveCapacity(window)
    }

    /// Counts a new connection unless `limit` are already open; false means turn it away.
    func admitClient(limit: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard clients < limit else { return false }
        clients += 1
        return true
    }

    func clientLeft() {
        lock.lock(); clients -= 1; lock.unlock()
    }

    func record(ms: Double, error: Bool) {
        lock.lock(); defer { lock.unlock() }
        commands += 1
        if error { errors += 1 }
        if samples.count < window {
            samples.append(ms)
        } else {
            samples[next] = ms
            next = (next + 1) % window
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
        lock.lock()
        let copy = samples, clients = self.clients, commands = self.commands, errors = self.errors
        lock.unlock()
        let sorted = copy.sorted()
        func pct(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        return Snapshot(uptime: Date().timeIntervalSince(started), clients: clients, commands: commands, errors: errors,
                        p50: pct(0.5), p99: pct(0.99))
    }
}
