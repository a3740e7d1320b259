import Foundation
import Logging
import NIOCore
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
public final class ZhikuServer: @unchecked Sendable {
    public let configuration: ServerConfiguration
    /// The engine answering now (another one after the index file was replaced).
    var engine: Engine { slot.latest }
    private let slot: EngineSlot
    let metrics = ServerMetrics()
    let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: EnginePool
    private let dispatcher: Dispatcher
    private let lock = NSLock()
    private var serverChannel: Channel?
    private var children: [ObjectIdentifier: Channel] = [:]
    private var draining = false
    private var stopped = false
    private let stoppedSignal = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - engine: the index to answer from.
    ///   - configuration: address, limits, password.
    ///   - logger: errors always, requests with `logRequests`.
    public init(engine: Engine, configuration: ServerConfiguration, logger: Logger = Logger(label: "zhiku.server")) {
        let slot = EngineSlot(engine: engine)
        self.slot = slot
        self.configuration = configuration
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.resolvedEventLoopThreads)
        // Each engine thread keeps a reader connection of its own (engine threads are at most 8,
        // the pool's readers 12): its queries skip the connection pool's locks. After the index
        // file is replaced, each takes one of the new engine's.
        let pool = EnginePool(numberOfThreads: configuration.resolvedEngineThreads) { [logger] run in
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
        threadPool = pool
        slot.replaced = { [logger] engine in
            logger.notice("the index file was replaced: answering from the new one",
                          metadata: ["index": "\(engine.store.directory.path)"])
            pool.renewAll()
        }
        slot.unusable = { [logger] error in
            logger.error("the index file was replaced by one that cannot be used: still answering from the old one",
                         metadata: ["error": "\(error)"])
        }
        dispatcher = Dispatcher(slot: slot, configuration: configuration, metrics: metrics)
    }

    /// The port bound (useful after binding port 0).
    public var port: Int {
        lock.lock(); defer { lock.unlock() }
        return serverChannel?.localAddress?.port ?? configuration.port
    }

    /// Binds and starts accepting.
    /// - throws: ``ServerStartError`` for a refused configuration or an address that cannot be bound.
    public func start() throws {
        try configuration.validate()
        signal(SIGPIPE, SIG_IGN)
        threadPool.start()
        let config = configuration, metrics = self.metrics, dispatcher = self.dispatcher, pool = threadPool
        let logger = self.logger
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 4)
            .childChannelInitializer { [weak self] channel in
                guard let self, self.admit(channel) else {
                    return channel.pipeline.addHandler(BusyHandler(wait: .nanoseconds(Int64(config.busyReplyWait * 1e9)), limit: config.maxClients))
                }
                let handler = ConnectionHandler(configuration: config, dispatcher: dispatcher, metrics: metrics, threadPool: pool, logger: logger)
                return channel.pipeline.addHandler(handler)
            }
        do {
            let channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
            lock.lock(); serverChannel = channel; lock.unlock()
        } catch {
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
        lock.lock()
        let refuse = draining
        lock.unlock()
        guard !refuse, metrics.admitClient(limit: configuration.maxClients) else {
            if !refuse { logger.notice("client limit reached: refusing a connection", metadata: ["limit": "\(configuration.maxClients)"]) }
            return false
        }
        let key = ObjectIdentifier(channel)
        lock.lock(); children[key] = channel; lock.unlock()
        channel.closeFuture.whenComplete { [weak self] _ in
            guard let self else { return }
            self.metrics.clientLeft()
            self.lock.lock(); self.children[key] = nil; self.lock.unlock()
        }
        return true
    }

    /// Graceful shutdown: stops accepting, lets every connection finish the requests it has
    /// received (up to `shutdownGrace`), closes them and stops the threads. Safe to call twice.
    public func shutdown() {
        lock.lock()
        if draining { lock.unlock(); waitUntilStopped(); return }
        draining = true
        let listener = serverChannel
        lock.unlock()
        try? listener?.close().wait()
        lock.lock()
        let open = Array(children.values)
        lock.unlock()
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
        lock.lock(); stopped = true; lock.unlock()
        stoppedSignal.signal()
    }

    /// Blocks until ``shutdown()`` has finished.
    public func waitUntilStopped() {
        lock.lock()
        let already = stopped
        lock.unlock()
        if already { return }
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
