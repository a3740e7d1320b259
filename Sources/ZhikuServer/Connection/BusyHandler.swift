import NIOCore

/// Serves a connection over the client limit: answers `ERR_BUSY` in the framing of its first byte
/// (or as a JSON line when nothing arrives within `wait`), then closes.
final class BusyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let wait: TimeAmount
    private let limit: Int
    private var answered = false
    private var timer: Scheduled<Void>?

    init(wait: TimeAmount, limit: Int) {
        self.wait = wait
        self.limit = limit
    }

    func channelActive(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: wait) { self.answer(context: context, framing: .line) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        guard let first = bytes.getInteger(at: bytes.readerIndex, as: UInt8.self) else { return }
        answer(context: context, framing: first == UInt8(ascii: "*") ? .resp : .line)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func answer(context: ChannelHandlerContext, framing: Framing) {
        guard !answered else { return }
        answered = true
        timer?.cancel()
        var out = context.channel.allocator.buffer(capacity: 160)
        let error = ServerError(.busy, "the server has \(limit) clients, its limit; try again later")
        ReplyEncoder.encode(.error(error, cmd: nil), framing: framing, into: &out)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(out)).whenComplete { _ in channel.close(promise: nil) }
    }
}
