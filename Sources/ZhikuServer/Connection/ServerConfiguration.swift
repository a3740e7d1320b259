import Foundation
import ZhikuIndex

/// Everything a ``ZhikuServer`` needs to know before it binds: where to listen, the limits of
/// `docs/protocol.md`, and the password. Tests shrink the timeouts so that expiry takes a second.
public struct ServerConfiguration: Sendable {
    /// Host to bind (`127.0.0.1` by default; any other address needs a password).
    public var host = "127.0.0.1"
    /// Port to bind; 0 picks a free one (read it back from ``ZhikuServer/port``).
    public var port = 7733
    /// Connections served at once; the next one gets `ERR_BUSY` and is closed.
    public var maxClients = 256
    /// A request line, or one RESP bulk argument, including its terminator.
    public var maxLineBytes = 16 * 1024
    /// Arguments of one RESP array.
    public var maxArguments = 64
    /// A connection with no request for this long is closed (nil: never).
    public var idleTimeout: TimeInterval? = 300
    /// A connection holding part of a line for this long is closed.
    public var incompleteLineTimeout: TimeInterval = 30
    /// Default time budget of a query, and the most `timeout=` may ask for.
    public var queryBudgetMs = 1_000
    public var maxQueryBudgetMs = 10_000
    /// Terms a SEARCH searches at most (``Query/maxTerms`` unless the operator raises it).
    public var maxQueryTerms = Query.maxTerms
    /// Stop reading a connection while more reply bytes than this wait to be sent…
    public var outputHighWaterBytes = 8 << 20
    /// …and close it when more than this wait.
    public var outputLimitBytes = 32 << 20
    /// Requests of one connection decoded and waiting for their turn before reading pauses.
    public var maxPipelinedRequests = 128
    /// Engine calls of one connection running at once (pipelined requests are still answered in order).
    public var maxConcurrentPerConnection = 4
    /// Threads running engine calls (nil: twice the cores, at least 2, at most 8).
    public var engineThreads: Int? = nil
    /// Most engine threads (8): each holds one of the index's reader connections, and 4 of
    /// `IndexStore.maximumReaders` stay free for other readers.
    public static let maxEngineThreads = IndexStore.maximumReaders - 4
    /// Event-loop threads (nil: the number of cores).
    public var eventLoopThreads: Int? = nil
    /// How long a connection turned away with `ERR_BUSY` may take to send its first byte.
    public var busyReplyWait: TimeInterval = 1
    /// How long a graceful shutdown waits for in-flight requests.
    public var shutdownGrace: TimeInterval = 10
    /// The password `AUTH` must present (nil: no authentication).
    public var password: String? = nil
    /// Failed `AUTH` attempts before the connection is closed.
    public var maxAuthFailures = 3
    /// Log every request (errors are always logged).
    public var logRequests = false
    /// Answers of SEARCH and FACTS kept in the result cache (0: no cache). Entries are
    /// dropped as soon as the index changes, so a cached answer is never older than the index.
    public var cacheEntries = 1_024
    /// Memory the result cache may hold (keys and JSON).
    public var cacheBytes = 32 << 20

    public init() {}

    /// True for addresses that only this machine can reach.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h == "::1" || h == "[::1]" || h.hasPrefix("127.")
    }

    /// Checks values and the bind rule (no password, no public address).
    /// - throws: ``ServerStartError`` describing the first problem.
    public func validate() throws {
        guard (0...65_535).contains(port) else { throw ServerStartError("port must be 0…65535") }
        guard maxClients >= 1 else { throw ServerStartError("--max-clients must be at least 1") }
        guard maxLineBytes >= 64 else { throw ServerStartError("the line limit must be at least 64 bytes") }
        guard cacheEntries >= 0, cacheBytes >= 0 else { throw ServerStartError("the cache size must be 0 or more") }
        guard engineThreads.map({ (1...ServerConfiguration.maxEngineThreads).contains($0) }) ?? true else {
            throw ServerStartError("--engine-threads must be 1…\(ServerConfiguration.maxEngineThreads)")
        }
        guard eventLoopThreads.map({ $0 >= 1 }) ?? true else { throw ServerStartError("--event-loop-threads must be at least 1") }
        if !ServerConfiguration.isLoopback(host), (password ?? "").isEmpty {
            throw ServerStartError("""
                refusing to listen on \(host) without a password: anyone who can reach it could query the index. \
                Set one with --password-file FILE or the ZHIKU_PASSWORD environment variable, or listen on 127.0.0.1
                """)
        }
    }

    var resolvedEngineThreads: Int {
        engineThreads ?? min(ServerConfiguration.maxEngineThreads, max(2, 2 * ProcessInfo.processInfo.activeProcessorCount))
    }

    var resolvedEventLoopThreads: Int {
        eventLoopThreads ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
