import ZhikuIndex

/// What the server answers to one request, before encoding. Sendable: engine replies are built
/// on an engine thread and written by the event loop.
struct Reply: Sendable {
    enum Body: Sendable {
        /// `ok:true` with `data` already encoded as JSON (RESP: the JSON envelope as a bulk
        /// string). Engine replies are encoded on the engine thread, or taken from the result cache.
        case encoded([UInt8])
        /// `ok:false` (RESP: `-CODE message`).
        case error(ServerError)
        /// PING: `{"pong":…}` (RESP: `+PONG`, or the message as a bulk string).
        case pong(String?)
        /// AUTH and QUIT: `{}` (RESP: `+OK`).
        case ok
    }

    var id: String?
    var cmd: String?
    var tookMs: Double = 0
    var warnings: [String] = []
    var body: Body
    /// Close the connection once this reply is sent.
    var closeAfter = false
    /// Answered from the result cache (the envelope says `"cached":true`).
    var cached = false
    /// The index generation an engine thread read for this request, and the engine it read it
    /// from (the event loop may then answer cache hits itself, ``LoopGeneration``). Not sent.
    var generation: (IndexGeneration, Engine)?

    init(id: String? = nil, cmd: String?, body: Body, closeAfter: Bool = false) {
        self.id = id
        self.cmd = cmd
        self.body = body
        self.closeAfter = closeAfter
    }

    /// `ok:true` with `data` written by `write`.
    static func data(_ data: JSONWritable, cmd: String?, id: String?) -> Reply {
        var w = JSONWriter()
        data.write(to: &w)
        return Reply(id: id, cmd: cmd, body: .encoded(w.bytes))
    }

    static func error(_ e: ServerError, cmd: String?, id: String? = nil) -> Reply {
        Reply(id: id, cmd: cmd, body: .error(e), closeAfter: e.closesConnection)
    }

    var isError: Bool {
        if case .error = body { return true }
        return false
    }
}
