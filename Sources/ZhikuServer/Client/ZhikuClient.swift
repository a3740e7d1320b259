import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ZhikuExtract
import ZhikuIndex

/// A small blocking client for the line protocol: connect, send a line, read the one JSON line
/// that answers it. Every send and receive has a timeout.
///
///     let client = try ZhikuClient(host: "127.0.0.1", port: 7733)
///     let reply = try client.call("SEARCH limit=2 -- 研究团队")
///     reply.ok                 // true
///     reply.dataJSON           // exactly what `zhiku search --format json 研究团队` prints
public final class ZhikuClient {
    private var fd: Int32
    private var pending: [UInt8] = []
    public let host: String
    public let port: Int
    /// Longest reply line accepted (a DOC reply is at most a few hundred KiB).
    public var maxReplyBytes = 64 << 20

    /// Connects, trying each address `host` resolves to.
    /// - throws: ``ZhikuError`` `.io` when no address accepts the connection.
    public init(host: String, port: Int, timeout: TimeInterval = 10) throws {
        self.host = host
        self.port = port
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw ZhikuError(.io, "cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastErrno: Int32 = 0
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        fd = -1
        while let ai = cursor {
            let s = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if s >= 0 {
                ZhikuClient.setTimeout(s, timeout)
                if connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 {
                    fd = s
                    break
                }
                lastErrno = errno
                _ = Glibc_close(s)
            }
            cursor = ai.pointee.ai_next
        }
        guard fd >= 0 else {
            throw ZhikuError(.io, "cannot connect to \(host):\(port): \(String(cString: strerror(lastErrno))) (is `zhiku serve` running?)")
        }
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    deinit { close() }

    /// Closes the connection (idempotent).
    /// Stops the connection from another thread: a `recv` blocked in ``call(_:)`` returns at once
    /// and the server sees the connection end (closing the descriptor alone wakes neither on Linux).
    public func abort() {
        if fd >= 0 { _ = shutdown(fd, Int32(SHUT_RDWR)) }
    }

    /// Shuts the sending side, as `nc -q1` does at the end of its input: the server answers every
    /// request it received, then closes (``readLine()`` returns nil after the last reply).
    public func finishSending() {
        if fd >= 0 { _ = shutdown(fd, Int32(SHUT_WR)) }
    }

    public func close() {
        if fd >= 0 { _ = Glibc_close(fd); fd = -1 }
    }

    private static func setTimeout(_ s: Int32, _ seconds: TimeInterval) {
        var tv = timeval()
        tv.tv_sec = .init(seconds.rounded(.down))
        tv.tv_usec = .init((seconds - seconds.rounded(.down)) * 1e6)
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends raw bytes.
    public func send(bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, raw.baseAddress, raw.count, 0)
                #endif
            }
            guard n > 0 else { throw ZhikuError(.io, "lost the connection to \(host):\(port) while sending: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    /// Sends one request line (a newline is added; newlines inside become spaces).
    public func send(line: String) throws {
        let clean = line.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        try send(bytes: Array((clean + "\n").utf8))
    }

    /// Reads up to and without the next LF; nil at a clean end of stream.
    public func readLine() throws -> [UInt8]? {
        var scanned = 0
        while true {
            if let lf = pending[scanned...].firstIndex(of: 10) {
                let line = Array(pending[..<lf])
                pending.removeFirst(lf + 1)
                return line
            }
            scanned = pending.count
            guard pending.count <= maxReplyBytes else { throw ZhikuError(.io, "reply longer than \(maxReplyBytes) bytes") }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 {
                if pending.isEmpty { return nil }
                throw ZhikuError(.io, "the server closed the connection in the middle of a reply")
            }
            guard n > 0 else {
                let why = errno == EAGAIN || errno == EWOULDBLOCK ? "timed out" : String(cString: strerror(errno))
                throw ZhikuError(.io, "no reply from \(host):\(port): \(why)")
            }
            pending.append(contentsOf: chunk[..<n])
        }
    }

    /// Sends `line` and returns the reply, its envelope read.
    /// - throws: ``ZhikuError`` `.io` on connection trouble or a reply that is not a zhiku reply;
    ///   an error reply is returned, not thrown (see ``ServerReply/error``).
    public func call(_ line: String) throws -> ServerReply {
        try send(line: line)
        guard let bytes = try readLine() else { throw ZhikuError(.io, "the server closed the connection") }
        return try ServerReply(bytes: bytes)
    }

    /// Sends `AUTH`; needed first when the server has a password.
    /// - throws: ``ZhikuError`` `.argument` for a wrong password, `.io` on connection trouble.
    public func authenticate(password: String) throws {
        try call("AUTH \(password)").requireOK()
    }

    /// Sends `line` and reads `data` of the reply as `T`.
    /// - throws: ``ZhikuError`` for error replies (with the server's code), replies that do not
    ///   read as `T`, and I/O.
    public func request<T: Decodable>(_ line: String, as type: T.Type) throws -> T {
        try call(line).decode(T.self)
    }

    /// Runs a search on the server, with the same options as ``Engine/search(_:options:)``; the
    /// answer is what the engine would have answered (`tookMs` is the server's).
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> SearchResponse {
        let reply = try call(ZhikuClient.searchLine(query, options: options))
        var response = try reply.decode(SearchResponse.self)
        response.tookMs = reply.tookMs
        return response
    }

    /// FACTS: as ``Engine/facts(_:limit:attribute:)``.
    public func facts(_ question: String, limit: Int = 3, attribute: String? = nil) throws -> FactsResponse {
        let attr = try attribute.map { a -> String in
            guard !a.contains(where: \.isWhitespace) else { throw ZhikuError(.argument, "attributes sent to a server cannot contain spaces") }
            return " attr=\(a)"
        } ?? ""
        let reply = try call("FACTS limit=\(limit)\(attr) -- \(question)")
        var response = try reply.decode(FactsResponse.self)
        response.tookMs = reply.tookMs
        return response
    }

    /// DOC: as ``Engine/document(id:passage:from:length:)`` (at most 65,536 code points a call).
    public func document(id: String, passage: Int? = nil, from: Int = 0, length: Int = 65_536) throws -> DocumentResponse {
        var line = "DOC from=\(from) len=\(min(max(1, length), 65_536))"
        if let passage { line += " passage=\(passage)" }
        return try request(line + " -- \(id)", as: DocumentResponse.self)
    }

    /// STATS: the index's counts and the server's own (in ``StatsResponse/extra``).
    public func stats() throws -> StatsResponse {
        try request("STATS", as: StatsResponse.self)
    }

    /// ENTITIES of a text, as `zhiku extract` finds them.
    public func entities(text: String) throws -> Entities {
        try request("ENTITIES -- \(text)", as: Entities.self)
    }

    /// ENTITIES of an indexed document, grouped.
    public func entities(documentID: String) throws -> EntityGroups {
        guard !documentID.contains(where: \.isWhitespace) else { throw ZhikuError(.argument, "document ids sent to a server cannot contain spaces") }
        return try request("ENTITIES doc=\(documentID)", as: EntityGroups.self)
    }

    /// ENTITIES without arguments: the index's organizations and platforms.
    public func knowledgeBase(limit: Int = 50) throws -> KnowledgeBaseSummary {
        try request("ENTITIES limit=\(limit)", as: KnowledgeBaseSummary.self)
    }

    /// The request line for a search.
    public static func searchLine(_ query: String, options: SearchOptions) throws -> String {
        var line = "SEARCH limit=\(options.limit) offset=\(options.offset) snippet=\(options.snippetLength)"
        if let marks = options.marks {
            let v = "\(marks.pre),\(marks.post)"
            guard !v.contains(" ") else { throw ZhikuError(.argument, "marks sent to a server cannot contain spaces") }
            line += " mark=\(v)"
        }
        if !options.includeEntities { line += " ent=0" }
        if let t = options.timeoutMs, t != SearchOptions.defaultTimeoutMs { line += " timeout=\(t)" }
        if let doc = options.document {
            guard !doc.contains(" ") else { throw ZhikuError(.argument, "document ids sent to a server cannot contain spaces") }
            line += " doc=\(doc)"
        }
        if let f = options.filter {
            for (key, value) in [("place", f.place), ("year", f.year.map(String.init)), ("kind", f.kind)] {
                guard let value else { continue }
                guard !value.contains(where: \.isWhitespace) else { throw ZhikuError(.argument, "\(key) sent to a server cannot contain spaces") }
                line += " \(key)=\(value)"
            }
        }
        return line + " -- " + query
    }
}

#if canImport(Glibc)
private func Glibc_close(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#else
private func Glibc_close(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif
