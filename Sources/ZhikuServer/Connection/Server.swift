import Foundation
import Logging
import NIOCore
import NIOConcurrencyHelpers
import NIOPosix
import ZhikuIndex

/// The line-protocol server: plain lines and RESP on one TCP port, answering from an ``Engine``.
///
///     var config = ServerConfiguration()
///     config.port = 0                               // any free port
///     let server = ZhikuServer(engine: engine, configuration: config)
///     try server.start()
///     print(server.port)                            // e.g. 49152
///     server.shutdown()                             // stop accepting, finish in-flight requests
///
/// Engine calls run on an ``EnginePool``, never on an event loop, so queries of many clients run
/// at once; the engine reads through a WAL `DatabasePool`, so `zhiku index` may write meanwhile and
/// the next query sees the new data.
public final class ZhikuServer: Sendable {
    public let configuration: ServerConfiguration
    /// The engine answering now (another one after the index file was replaced).
    var engine: Engine { slot.latest }
    private let slot: EngineSlot
    let metrics = ServerMetrics()
    let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: EnginePool
    let dispatcher: Dispatcher
    private let state = NIOLockedValueBox(State())
    private let stoppedSignal = DispatchSemaphore(value: 0)

    private struct State {
        var serverChannel: Channel?
        /// Looks at the index file once a second (``EngineSlot/current()`` on an engine thread).
        var indexWatch: RepeatedTask?
        var children: [ObjectIdentifier: Channel] = [:]
        var draining = false
        var stopped = false
    }

    /// - Parameters:
    ///   - engine: the index to answer from. The server follows its folder (a file that takes the
    ///     index's place is answered from within about a second) and lets go of the engine then.
    ///   - configuration: address, limits, password.
    ///   - logger: errors always, requests with `logRequests`.
    public convenience init(engine: Engine, configuration: ServerConfiguration, logger: Logger = Logger(label: "zhiku.server")) {
        self.init(engine: engine, configuration: configuration, logger: logger, openEngine: { try Engine(indexDirectory: $0, extractor: $1) })
    }

    /// - Parameter openEngine: how the engine of a replaced index file is opened (tests slow it down).
    init(engine: Engine, configuration: ServerConfiguration, logger: Logger = Logger(label: "zhiku.server"), openEngine: @escaping EngineSlot.Opener) {
        self.configuration = configuration
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.resolvedEventLoopThreads)
        let pool = EnginePool(numberOfThreads: configuration.resolvedEngineThreads)
        threadPool = pool
        slot = EngineSlot(
            engine: engine, open: openEngine,
            replaced: { [logger] engine in
                logger.notice("the index file was replaced: answering from the new one",
                              metadata: ["index": "\(engine.store.directory.path)"])
                pool.renewAll()
            },
            unusable: { [logger] error in
                logger.error("the index file was replaced by one that cannot be used: still answering from the old one",
                             metadata: ["error": "\(error)"])
            })
        dispatcher = Dispatcher(slot: slot, configuration: configuration, metrics: metrics)
    }

    /// The port bound (useful after binding port 0).
    public var port: Int {
        state.withLockedValue { $0.serverChannel?.localAddress?.port } ?? configuration.port
    }

    /// Binds and starts accepting.
    /// - throws: ``ServerStartError`` for a refused configuration or an address that cannot be bound.
    public func start() throws {
        try configuration.validate()
        signal(SIGPIPE, SIG_IGN)
        // Each engine thread keeps a reader connection of its own (engine threads are at most 8,
        // the pool's readers 12): its queries skip the connection pool's locks. After the index
        // file is replaced, each takes one of the new engine's.
        let slot = self.slot, logger = self.logger
        threadPool.start { run in
            var end = EnginePool.RunEnd.renew
            while end == .renew {
                let engine = slot.latest
                do {
                    try engine.store.holdingReader { end = run() }
                } catch {
                    logger.warning("an engine thread reads through the connection pool: \(error)")
                    end = run()
                }
            }
        }
        let config = configuration, metrics = self.metrics, dispatcher = self.dispatcher, pool = threadPool
        // Requests look at the index file (at most once a second); this looks when none come, so
        // that a replaced index is taken up, and the deleted one let go of, without waiting for a
        // request: GRDB opens reader connections by path when it needs them, so an engine kept
        // past a replacement ends up holding files of several generations.
        let watch = group.next().scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            pool.submit { stopped in if !stopped { _ = slot.current() } }
        }
        state.withLockedValue { $0.indexWatch = watch }
        // Each event loop keeps what it knows of the index generation (cache hits answered there).
        var generations: [ObjectIdentifier: NIOLoopBound<LoopGeneration>] = [:]
        if configuration.cacheEntries > 0 && configuration.cacheBytes > 0 {
            for loop in group.makeIterator() {
                generations[ObjectIdentifier(loop)] = try loop.submit { NIOLoopBound(LoopGeneration(), eventLoop: loop) }.wait()
            }
        }
        let loopGenerations = generations
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 4)
            // A client that shuts its side (`nc -q1`, `shutdown(SHUT_WR)`) still gets its replies.
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { [weak self] channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let self, self.admit(channel) else {
                        let busy = BusyHandler(wait: .nanoseconds(Int64(config.busyReplyWait * 1e9)), limit: config.maxClients)
                        try channel.pipeline.syncOperations.addHandler(busy)
                        return
                    }
                    let handler = ConnectionHandler(configuration: config, dispatcher: dispatcher,
                                                    loopGeneration: loopGenerations[ObjectIdentifier(channel.eventLoop)]?.value,
                                                    metrics: metrics, threadPool: pool, logger: logger)
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        do {
            let channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
            state.withLockedValue { $0.serverChannel = channel }
        } catch {
            watch.cancel()
            threadPool.shutdown()
            try? group.syncShutdownGracefully()
            // NIO's IOError describes itself as "bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)".
            let why = (error as? IOError).map { String(cString: strerror($0.errnoCode)) + " (errno \($0.errnoCode))" } ?? "\(error)"
            throw ServerStartError("cannot listen on \(configuration.host):\(configuration.port): \(why)")
        }
        logger.info("listening", metadata: ["address": "\(configuration.host):\(port)", "auth": "\(configuration.password != nil)",
                                            "max_clients": "\(configuration.maxClients)"])
    }

    /// Counts a new connection in, unless the server is full or draining.
    private func admit(_ channel: Channel) -> Bool {
        let refuse = state.withLockedValue { $0.draining }
        guard !refuse, metrics.admitClient(limit: configuration.maxClients) else {
            if !refuse { logger.notice("client limit reached: refusing a connection", metadata: ["limit": "\(configuration.maxClients)"]) }
            return false
        }
        let key = ObjectIdentifier(channel)
        state.withLockedValue { $0.children[key] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            guard let self else { return }
            self.metrics.clientLeft()
            self.state.withLockedValue { _ = $0.children.removeValue(forKey: key) }
        }
        return true
    }

    /// Graceful shutdown: stops accepting, lets every connection finish the requests it has
    /// received (up to `shutdownGrace`), closes them and stops the threads. Safe to call twice.
    public func shutdown() {
        let (alreadyDraining, listener) = state.withLockedValue { s -> (Bool, Channel?) in
            defer { s.draining = true }
            return (s.draining, s.serverChannel)
        }
        if alreadyDraining { waitUntilStopped(); return }
        try? listener?.close().wait()
        state.withLockedValue { $0.indexWatch?.cancel() }
        let open = state.withLockedValue { Array($0.children.values) }
        logger.info("shutting down", metadata: ["clients": "\(open.count)"])
        for channel in open { channel.pipeline.fireUserInboundEventTriggered(DrainEvent()) }
        let done = DispatchSemaphore(value: 0)
        EventLoopFuture.andAllComplete(open.map(\.closeFuture), on: group.next()).whenComplete { _ in done.signal() }
        if done.wait(timeout: .now() + configuration.shutdownGrace) == .timedOut {
            logger.warning("in-flight requests did not finish in time: closing their connections")
            for channel in open { channel.close(promise: nil) }
            _ = done.wait(timeout: .now() + 2)
        }
        threadPool.shutdown()
        try? group.syncShutdownGracefully()
        logger.info("stopped")
        state.withLockedValue { $0.stopped = true }
        stoppedSignal.signal()
    }

    /// Blocks until ``shutdown()`` has finished.
    public func waitUntilStopped() {
        if state.withLockedValue({ $0.stopped }) { return }
        stoppedSignal.wait()
        stoppedSignal.signal()
    }

    /// Blocks until SIGINT or SIGTERM, then shuts down gracefully.
    public func runUntilSignalled() {
        let queue = DispatchQueue(label: "zhiku.signals")
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                self.logger.info("signal received", metadata: ["signal": "\(sig == SIGINT ? "SIGINT" : "SIGTERM")"])
                DispatchQueue.global().async { self.shutdown() }
            }
            source.resume()
            sources.append(source)
        }
        waitUntilStopped()
        sources.forEach { $0.cancel() }
    }
}
