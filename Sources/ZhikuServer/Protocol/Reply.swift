import ZhikuIndex

/// What the server answers to one request, before encoding.
struct Reply {
    enum Body {
        /// `ok:true` with this `data` (RESP: the JSON envelope as a bulk string).
        case data(JSONWritable)
        /// `ok:true` with `data` already encoded as JSON (engine replies: encoded on the engine
        /// thread, or taken from the result cache).
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

    init(id: String? = nil, cmd: String?, body: Body, closeAfter: Bool = false) {
        self.id = id
        self.cmd = cmd
        self.body = body
        self.closeAfter = closeAfter
    }

    static func error(_ e: ServerError, cmd: String?, id: String? = nil) -> Reply {
        Reply(id: id, cmd: cmd, body: .error(e), closeAfter: e.closesConnection)
    }

    var isError: Bool {
        if case .error = body { return true }
        return false
    }
}
