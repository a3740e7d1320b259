import Foundation
import Logging
import NIOCore
import NIOPosix
import ZhikuIndex

/// One client connection: frames requests, dispatches them, runs engine calls on the thread pool,
/// writes replies in request order, and enforces the per-connection limits.
///
///     bytes ─▶ RequestFramer ─▶ Dispatcher ─▶ queue of slots (in order) ─▶ ReplyEncoder ─▶ socket
///                                   └─ engine work on the EnginePool ─┘
///
/// Backpressure: reading pauses while `maxPipelinedRequests` requests wait or more than
/// `outputHighWaterBytes` of replies are unsent (held-back `read()` calls are replayed later);
/// over `outputLimitBytes` unsent the connection is closed.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Life of the connection.
    enum State {
        /// Reading and answering.
        case open
        /// Server shutdown: finish what is queued, then close.
        case draining
        /// A closing reply is written: output shut, input discarded until EOF or a short linger.
        case lingering
        /// Closed or closing: nothing more is done.
        case closed
    }

    /// One request in the order it arrived.
    struct Slot {
        enum Status {
            case waiting(@Sendable () -> Reply)
            case running
            case done(Reply)
        }
        var framing: Framing
        var received: NIODeadline
        var status: Status
    }

    private let configuration: ServerConfiguration
    private let dispatcher: Dispatcher
    private let metrics: ServerMetrics
    private let threadPool: EnginePool
    private var logger: Logger

    private var framer: RequestFramer
    private var session: Session
    private var state = State.open
    private var slots = CircularBuffer<Slot>(initialCapacity: 16)
    /// Sequence number of `slots.first`.
    private var headSequence = 0
    private var running = 0
    private var unsentBytes = 0
    private var heldRead = false
    private var lastActivity = NIODeadline.now()
    private var partialSince: NIODeadline?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?
    /// Replies written but not flushed: flushed once per read burst (`channelReadComplete`) or
    /// once per event-loop turn for replies finished on the engine threads.
    private var needsFlush = false
    private var flushScheduled = false
    private var reading = false

    init(configuration: ServerConfiguration, dispatcher: Dispatcher, metrics: ServerMetrics, threadPool: EnginePool, logger: Logger) {
        self.configuration = configuration
        self.dispatcher = dispatcher
        self.metrics = metrics
        self.threadPool = threadPool
        self.logger = logger
        framer = RequestFramer(maxLineBytes: configuration.maxLineBytes, maxArguments: configuration.maxArguments)
        session = Session(authenticated: !dispatcher.authRequired)
    }

    // MARK: - Channel events

    func channelActive(context: ChannelHandlerContext) {
        if let peer = context.channel.remoteAddress { logger[metadataKey: "peer"] = "\(peer)" }
        armTimer(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .closed
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        switch state {
        case .open:
            lastActivity = .now()
            framer.append(&bytes)
            reading = true
            process(context: context)
        case .draining, .lingering, .closed:
            return  // discarded
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        reading = false
        flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is DrainEvent {
            guard state == .open else { return }
            state = .draining
            if let _ = framer.next() {
                enqueue(.error(ServerError(.shuttingDown, "the server is shutting down"), cmd: nil), framing: .line)
            }
            flushReady(context: context)
            flushIfNeeded(context: context)
            closeIfDrained(context: context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Resets and broken pipes are the peer's business; never fatal to the server.
        logger.debug("connection error", metadata: ["error": "\(error)"])
        close(context: context)
    }

    func read(context: ChannelHandlerContext) {
        if mayRead {
            context.read()
        } else {
            heldRead = true
        }
    }

    private var mayRead: Bool {
        switch state {
        case .open: return slots.count < configuration.maxPipelinedRequests && unsentBytes <= configuration.outputHighWaterBytes
        case .lingering: return true
        case .draining, .closed: return false
        }
    }

    private func resumeReadingIfAllowed(context: ChannelHandlerContext) {
        if heldRead && mayRead {
            heldRead = false
            context.read()
        }
    }

    // MARK: - Requests

    /// Frames and dispatches buffered requests while the limits allow.
    private func process(context: ChannelHandlerContext) {
        var waitingForInput = false
        while state == .open, slots.count < configuration.maxPipelinedRequests, unsentBytes <= configuration.outputHighWaterBytes {
            guard let frame = framer.next() else {
                waitingForInput = true
                break
            }
            partialSince = nil  // a whole request: the clock of an incomplete one starts again
            handle(frame, context: context)
        }
        if state == .open {
            if waitingForInput && framer.holdsPartialRequest {
                if partialSince == nil {
                    partialSince = .now()
                    armTimer(context: context)
                }
            } else {
                partialSince = nil
            }
        }
        startWork(context: context)
        flushReady(context: context)
    }

    private func handle(_ frame: Frame, context: ChannelHandlerContext) {
        switch frame {
        case .line(let bytes):
            if bytes.isEmpty { return }
            if Request.looksLikeHTTP(bytes) {
                logger.notice("HTTP request on the protocol port: closing")
                close(context: context)
                return
            }
            guard UTF8Validation.isValid(bytes) else {
                enqueue(.error(ServerError(.utf8, "the request is not valid UTF-8"), cmd: nil), framing: .line)
                return
            }
            run(Request(line: String(decoding: bytes, as: UTF8.self)), context: context)
        case .resp(let arguments):
            if arguments.isEmpty { return }
            guard arguments.allSatisfy({ UTF8Validation.isValid($0) }) else {
                enqueue(.error(ServerError(.utf8, "an argument is not valid UTF-8"), cmd: nil), framing: .resp)
                return
            }
            run(Request(arguments: arguments.map { String(decoding: $0, as: UTF8.self) }), context: context)
        case .tooLong(let framing):
            enqueue(.error(ServerError(.lineTooLong, "a request line or argument is longer than \(configuration.maxLineBytes) bytes"), cmd: nil), framing: framing)
        case .malformed(let why):
            enqueue(.error(ServerError(.protocolError, "malformed RESP: \(why)"), cmd: nil), framing: .resp)
        }
    }

    private func run(_ request: Request, context: ChannelHandlerContext) {
        switch dispatcher.dispatch(request, session: &session) {
        case .reply(let reply):
            enqueue(reply, framing: request.framing)
        case .engine(let work):
            slots.append(Slot(framing: request.framing, received: .now(), status: .waiting(work)))
        }
    }

    private func enqueue(_ reply: Reply, framing: Framing) {
        slots.append(Slot(framing: framing, received: .now(), status: .done(reply)))
        if reply.closeAfter { state = .lingering }
    }

    /// Starts waiting engine calls, up to the per-connection concurrency.
    private func startWork(context: ChannelHandlerContext) {
        guard running < configuration.maxConcurrentPerConnection, state != .closed else { return }
        var index = 0
        while index < slots.count, running < configuration.maxConcurrentPerConnection {
            if case .waiting(let work) = slots[offset: index].status {
                slots[offset: index].status = .running
                running += 1
                let sequence = headSequence + index
                let loop = context.eventLoop
                // One hop there and one back, with no future or promise in between.
                threadPool.submit { cancelled in
                    let reply = cancelled ? .error(ServerError(.shuttingDown, "the server is shutting down"), cmd: nil) : work()
                    loop.execute {
                        self.running -= 1
                        self.finished(sequence: sequence, reply: reply, context: context)
                    }
                }
            }
            index += 1
        }
    }

    private func finished(sequence: Int, reply: Reply, context: ChannelHandlerContext) {
        guard state != .closed else { return }
        let index = sequence - headSequence
        guard index >= 0, index < slots.count else { return }
        slots[offset: index].status = .done(reply)
        flushReady(context: context)
        if state == .open { process(context: context) } else { startWork(context: context) }
        closeIfDrained(context: context)
    }

    // MARK: - Replies

    /// Writes the replies at the head of the queue that are done, in one write.
    private func flushReady(context: ChannelHandlerContext) {
        guard state != .closed else { return }
        var out: ByteBuffer?
        var closeAfter = false
        while let head = slots.first, case .done(let reply) = head.status {
            slots.removeFirst()
            headSequence += 1
            if out == nil {
                var capacity = 512
                if case .encoded(let data) = reply.body { capacity += data.count }
                out = context.channel.allocator.buffer(capacity: capacity)
            }
            ReplyEncoder.encode(reply, framing: head.framing, into: &out!)
            account(reply, received: head.received)
            if reply.closeAfter {
                closeAfter = true
                break
            }
        }
        guard let buffer = out else { return }
        let size = buffer.readableBytes
        unsentBytes += size
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { _ in
            self.unsentBytes -= size
            if self.state == .open {
                self.process(context: context)
                self.resumeReadingIfAllowed(context: context)
            }
        }
        context.write(wrapOutboundOut(buffer), promise: promise)
        if closeAfter {
            context.flush()
            needsFlush = false
            linger(context: context)
            return
        }
        if reading {
            needsFlush = true  // channelReadComplete flushes
        } else {
            scheduleFlush(context: context)
        }
        if unsentBytes > configuration.outputLimitBytes {
            logger.notice("client does not read its replies: closing", metadata: ["unsent": "\(unsentBytes)"])
            close(context: context)
        }
    }

    /// Flushes once the replies finished in this event-loop turn are all written.
    private func scheduleFlush(context: ChannelHandlerContext) {
        needsFlush = true
        guard !flushScheduled else { return }
        flushScheduled = true
        context.eventLoop.execute {
            self.flushScheduled = false
            self.flushIfNeeded(context: context)
        }
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        guard needsFlush, state != .closed else { return }
        needsFlush = false
        context.flush()
    }

    private func account(_ reply: Reply, received: NIODeadline) {
        let ms = Double((NIODeadline.now() - received).nanoseconds) / 1e6
        metrics.record(ms: ms, error: reply.isError)
        if case .error(let e) = reply.body, e.isServerFault {
            logger.error("request failed", metadata: ["cmd": "\(reply.cmd ?? "-")", "code": "\(e.code.rawValue)", "message": "\(e.message)"])
        }
        if configuration.logRequests {
            var meta: Logger.Metadata = ["cmd": "\(reply.cmd ?? "-")", "ms": "\(String(format: "%.3f", ms))"]
            if let id = reply.id { meta["id"] = "\(id)" }
            if case .error(let e) = reply.body { meta["error"] = "\(e.code.rawValue)" }
            logger.info("request", metadata: meta)
        }
    }

    // MARK: - Closing and timers

    /// Shuts the output once the closing reply is out, then waits briefly for the peer's EOF so
    /// that unread input does not turn the close into a reset that destroys the reply.
    private func linger(context: ChannelHandlerContext) {
        state = .lingering
        slots.removeAll()
        context.close(mode: .output, promise: nil)
        resumeReadingIfAllowed(context: context)
        timer?.cancel()
        timer = context.eventLoop.scheduleTask(in: .seconds(2)) { self.close(context: context) }
    }

    private func close(context: ChannelHandlerContext) {
        guard state != .closed else { return }
        state = .closed
        slots.removeAll()
        timer?.cancel()
        context.close(promise: nil)
    }

    private func closeIfDrained(context: ChannelHandlerContext) {
        if state == .draining, slots.isEmpty, running == 0 {
            if unsentBytes == 0 {
                close(context: context)
            } else {
                context.channel.flush()
                let channel = context.channel
                context.eventLoop.scheduleTask(in: .milliseconds(50)) { channel.close(promise: nil) }
            }
        }
    }

    /// Arms the timer for the earliest of the idle and incomplete-line deadlines.
    private func armTimer(context: ChannelHandlerContext) {
        guard state == .open || state == .draining else { return }
        var deadline = NIODeadline.distantFuture
        if let idle = configuration.idleTimeout, idle > 0 {
            deadline = min(deadline, lastActivity + .nanoseconds(Int64(idle * 1e9)))
        }
        if let since = partialSince {
            deadline = min(deadline, since + .nanoseconds(Int64(configuration.incompleteLineTimeout * 1e9)))
        }
        guard deadline != .distantFuture else { return }
        if let current = timerDeadline, timer != nil, current <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        timer = context.eventLoop.scheduleTask(deadline: deadline) { self.timerFired(context: context) }
    }

    private func timerFired(context: ChannelHandlerContext) {
        timer = nil
        timerDeadline = nil
        guard state == .open || state == .draining else { return }
        let now = NIODeadline.now()
        if let since = partialSince, now - since >= .nanoseconds(Int64(configuration.incompleteLineTimeout * 1e9)) {
            logger.notice("incomplete request line timed out: closing")
            close(context: context)
            return
        }
        if let idle = configuration.idleTimeout, idle > 0, slots.isEmpty, running == 0,
           now - lastActivity >= .nanoseconds(Int64(idle * 1e9)) {
            logger.debug("idle connection: closing")
            close(context: context)
            return
        }
        if !slots.isEmpty || running > 0 { lastActivity = now }
        armTimer(context: context)
    }
}
