import Foundation
import Logging
import NIOCore
import NIOPosix
import ZhikuIndex
import ZhikuText

/// One client connection: frames requests, dispatches them, runs engine calls on the thread pool,
/// writes replies in request order, and enforces the per-connection limits.
///
///     bytes ─▶ RequestFramer ─▶ Dispatcher ─▶ queue of slots (in order) ─▶ ReplyEncoder ─▶ socket
///                                   └─ engine work on the EnginePool ─┘
///
/// Backpressure: reading pauses while `maxPipelinedRequests` requests wait or more than
/// `outputHighWaterBytes` of replies are unsent (held-back `read()` calls are replayed later);
/// over `outputLimitBytes` unsent the connection is closed.
///
/// Ends: a client that shuts its side of the connection (half-close) gets a reply to every
/// request it sent, then the server closes. A client that goes away (reset, or a reply that can no
/// longer be written) cancels its running and queued engine calls (``QueryCancellation``). When
/// the server drains, each connection finishes what it received, is told `ERR_SHUTTING_DOWN` and
/// is closed.
///
/// Everything here runs on the channel's event loop; engine calls hand their reply back to it
/// through a ``NIOLoopBound`` of the handler and its context.
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
            case waiting(@Sendable (QueryCancellation) -> Reply)
            case running
            case done(Reply)
        }
        var framing: Framing
        var received: NIODeadline
        var status: Status
        /// For a cached verb sent to an engine thread: ``LoopGeneration/mark(engine:)``'s answer.
        var learn: UInt64? = nil
    }

    /// What an engine call hands back to the event loop.
    private struct Loop {
        let handler: ConnectionHandler
        let context: ChannelHandlerContext
    }

    private let configuration: ServerConfiguration
    private let dispatcher: Dispatcher
    /// What this connection's event loop knows of the index generation.
    private let loopGeneration: LoopGeneration?
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
    /// The client shut its side: no more requests will come.
    private var inputClosed = false
    /// The last request of a half-closed input has been framed.
    private var inputFramed = false
    /// Close once every written reply has left (after the last reply to a half-closed client).
    private var closeWhenSent = false
    /// Whether the client speaks RESP, decided by its first request: a RESP array, or an inline
    /// `PING` ended by CRLF (redis-benchmark's PING_INLINE, the health checks of proxies). Inline
    /// commands of such a client are answered in RESP.
    private var respClient: Bool?
    /// Flipped when the client goes away: its running and queued engine calls stop.
    private let cancellation = QueryCancellation()
    /// The server is shutting down: linger briefly after the last reply.
    private var drained = false
    /// Replies written but not flushed: flushed once per read burst (`channelReadComplete`) or
    /// once per event-loop turn for replies finished on the engine threads.
    private var needsFlush = false
    private var flushScheduled = false
    private var reading = false

    init(configuration: ServerConfiguration, dispatcher: Dispatcher, loopGeneration: LoopGeneration?, metrics: ServerMetrics,
         threadPool: EnginePool, logger: Logger) {
        self.configuration = configuration
        self.dispatcher = dispatcher
        self.loopGeneration = loopGeneration
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
        cancellation.cancel()
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
            flushReady(context: context)
            flushIfNeeded(context: context)
            afterProgress(context: context)
            return
        }
        if let e = event as? ChannelEvent, e == .inputClosed {
            inputEnded(context: context)
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
        if inputClosed { return false }
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

    /// The client shut its side (`shutdown(SHUT_WR)`, `nc -q1`): answer what it sent, then close.
    private func inputEnded(context: ChannelHandlerContext) {
        guard !inputClosed else { return }
        inputClosed = true
        partialSince = nil
        switch state {
        case .open:
            process(context: context)
        case .lingering:
            close(context: context)  // the closing reply is out and the peer has seen it
        case .draining, .closed:
            break
        }
        afterProgress(context: context)
    }

    // MARK: - Requests

    /// Frames and dispatches buffered requests while the limits allow.
    private func process(context: ChannelHandlerContext) {
        var waitingForInput = false
        while state == .open, slots.count < configuration.maxPipelinedRequests, unsentBytes <= configuration.outputHighWaterBytes {
            guard let frame = framer.next() else {
                if inputClosed && !inputFramed {
                    inputFramed = true
                    if let last = framer.finish() { handle(last, context: context) }
                    continue
                }
                waitingForInput = true
                break
            }
            partialSince = nil  // a whole request: the clock of an incomplete one starts again
            handle(frame, context: context)
        }
        if state == .open && !inputClosed {
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

    /// How replies to requests framed as `framing` go out: inline commands of a RESP client get RESP.
    private func replyFraming(_ framing: Framing) -> Framing {
        respClient == true ? .resp : framing
    }

    private func handle(_ frame: Frame, context: ChannelHandlerContext) {
        switch frame {
        case .line(let bytes):
            if bytes.isEmpty { return }
            if respClient == nil { respClient = framer.lastLineEndedWithCR && ConnectionHandler.isInlinePing(bytes) }
            let framing = replyFraming(.line)
            if Request.looksLikeHTTP(bytes) {
                logger.notice("HTTP request on the protocol port: closing")
                close(context: context)
                return
            }
            guard UTF8Bytes.isValid(bytes) else {
                enqueue(.error(ServerError(.utf8, "the request is not valid UTF-8"), cmd: nil), framing: framing)
                return
            }
            var request = Request(line: String(decoding: bytes, as: UTF8.self))
            request.framing = framing
            run(request, context: context)
        case .resp(let arguments):
            if respClient == nil { respClient = true }
            if arguments.isEmpty { return }
            guard arguments.allSatisfy({ UTF8Bytes.isValid($0) }) else {
                enqueue(.error(ServerError(.utf8, "an argument is not valid UTF-8"), cmd: nil), framing: .resp)
                return
            }
            run(Request(arguments: arguments.map { String(decoding: $0, as: UTF8.self) }), context: context)
        case .tooLong(let framing):
            enqueue(.error(ServerError(.lineTooLong, "a request line or argument is longer than \(configuration.maxLineBytes) bytes"), cmd: nil),
                    framing: replyFraming(framing))
        case .malformed(let why):
            enqueue(.error(ServerError(.protocolError, "malformed RESP: \(why)"), cmd: nil), framing: .resp)
        }
    }

    /// `PING` or `PING <message>`, any case.
    static func isInlinePing(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes.count == 4 || bytes[4] == 0x20 || bytes[4] == 0x09 else { return false }
        return bytes[0] | 0x20 == UInt8(ascii: "p") && bytes[1] | 0x20 == UInt8(ascii: "i")
            && bytes[2] | 0x20 == UInt8(ascii: "n") && bytes[3] | 0x20 == UInt8(ascii: "g")
    }

    private func run(_ request: Request, context: ChannelHandlerContext) {
        switch dispatcher.dispatch(request, session: &session, loop: loopGeneration) {
        case .reply(let reply):
            enqueue(reply, framing: request.framing)
        case .engine(let work, let learn):
            slots.append(Slot(framing: request.framing, received: .now(), status: .waiting(work), learn: learn))
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
                let back = NIOLoopBound(Loop(handler: self, context: context), eventLoop: loop)
                let cancellation = self.cancellation
                // One hop there and one back, with no future or promise in between.
                threadPool.submit { stopped in
                    let reply = stopped ? .error(ServerError(.shuttingDown, "the server is shutting down"), cmd: nil) : work(cancellation)
                    loop.execute {
                        let handler = back.value.handler
                        handler.running -= 1
                        handler.finished(sequence: sequence, reply: reply, context: back.value.context)
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
        if let since = slots[offset: index].learn, let (generation, engine) = reply.generation {
            loopGeneration?.learn(generation, engine: engine, since: since)
        }
        slots[offset: index].status = .done(reply)
        flushReady(context: context)
        if state == .open { process(context: context) } else { startWork(context: context) }
        afterProgress(context: context)
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
        promise.futureResult.assumeIsolated().whenComplete { _ in
            self.unsentBytes -= size
            if self.closeWhenSent && self.unsentBytes == 0 {
                self.close(context: context)
            } else if self.state == .open {
                self.process(context: context)
                self.resumeReadingIfAllowed(context: context)
            }
        }
        context.write(wrapOutboundOut(buffer), promise: promise)
        if closeAfter {
            context.flush()
            needsFlush = false
            if inputClosed {
                closeAfterSending(context: context)  // the peer sends nothing more: no need to linger
            } else {
                linger(context: context)
            }
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
        context.eventLoop.assumeIsolated().execute {
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

    /// After a reply or the end of an engine call: a half-closed client whose requests are all
    /// answered is closed; a draining connection with nothing left to do says `ERR_SHUTTING_DOWN`
    /// and is closed.
    private func afterProgress(context: ChannelHandlerContext) {
        guard slots.isEmpty, running == 0 else { return }
        switch state {
        case .open:
            if inputClosed && inputFramed { closeAfterSending(context: context) }
        case .draining:
            drained = true
            let framing: Framing = respClient == true ? .resp : .line
            enqueue(.error(ServerError(.shuttingDown, "the server is shutting down"), cmd: nil), framing: framing)
            flushReady(context: context)
        case .lingering, .closed:
            break
        }
    }

    /// Closes once every reply written has left.
    private func closeAfterSending(context: ChannelHandlerContext) {
        guard state != .closed else { return }
        if unsentBytes == 0 {
            close(context: context)
        } else {
            closeWhenSent = true
            context.flush()
        }
    }

    /// Shuts the output once the closing reply is out, then waits briefly for the peer's EOF so
    /// that unread input does not turn the close into a reset that destroys the reply.
    private func linger(context: ChannelHandlerContext) {
        state = .lingering
        slots.removeAll()
        context.close(mode: .output, promise: nil)
        resumeReadingIfAllowed(context: context)
        timer?.cancel()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: drained ? .milliseconds(500) : .seconds(2)) {
            self.close(context: context)
        }
    }

    private func close(context: ChannelHandlerContext) {
        guard state != .closed else { return }
        state = .closed
        cancellation.cancel()
        slots.removeAll()
        timer?.cancel()
        context.close(promise: nil)
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
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { self.timerFired(context: context) }
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
