import NIOCore

/// Cuts requests out of the bytes a connection receives; the first byte of each request picks its
/// framing: `*` starts a RESP array of bulk strings, anything else a text line ended by LF or CRLF.
///
///     bytes in:   "PING\r\n*2\r\n$4\r\nPING\r\n$2\r\nhi\r\nSTATS\n"
///     frames out: .line("PING")  .resp(["PING", "hi"])  .line("STATS")
///
/// Unlike NIO's `LineBasedFrameDecoder` it is bounded: a line (terminator included) or a RESP bulk
/// argument longer than `maxLineBytes` yields ``Frame/tooLong`` and the framer then drops all
/// further input, since the rest of the stream can no longer be trusted to start at a request.
/// A line arriving a byte at a time is scanned once (the scanned length is kept in the state).
///
/// - Complexity: O(n) in the bytes appended.
public struct RequestFramer {
    /// Where the framer stands inside the stream.
    enum State: Equatable {
        /// Between requests: the next byte decides the framing.
        case idle
        /// Inside a text line; the first `scanned` buffered bytes hold no LF.
        case line(scanned: Int)
        /// Inside `*<count>\r\n`.
        case arrayHeader(scanned: Int)
        /// Inside `$<length>\r\n` of argument `args.count`, `remaining` arguments to go (this one included).
        case argumentHeader(remaining: Int, scanned: Int)
        /// Waiting for `length` bytes and CRLF of a bulk argument.
        case argumentBody(remaining: Int, length: Int)
        /// After a fatal frame: input is discarded.
        case failed
    }

    /// Longest `*<count>` or `$<length>` header line.
    static let maxHeaderBytes = 24

    public let maxLineBytes: Int
    public let maxArguments: Int
    private(set) var state = State.idle
    /// Whether the last ``Frame/line(_:)`` returned ended with CRLF (as Redis's inline commands
    /// do) rather than a bare LF.
    public private(set) var lastLineEndedWithCR = false
    private var buffer: ByteBuffer
    private var arguments: [[UInt8]] = []

    public init(maxLineBytes: Int = 16 * 1024, maxArguments: Int = 64) {
        self.maxLineBytes = maxLineBytes
        self.maxArguments = maxArguments
        buffer = ByteBufferAllocator().buffer(capacity: 1024)
    }

    /// True while part of a request is buffered (for the incomplete-line timeout).
    public var holdsPartialRequest: Bool {
        state != .idle && state != .failed || (state == .idle && buffer.readableBytes > 0)
    }

    /// Bytes buffered and not yet framed.
    public var bufferedBytes: Int { buffer.readableBytes }

    /// Adds received bytes.
    public mutating func append(_ bytes: inout ByteBuffer) {
        if state == .failed { return }
        buffer.writeBuffer(&bytes)
    }

    /// Adds received bytes.
    public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        if state == .failed { return }
        buffer.writeBytes(bytes)
    }

    /// The next complete frame, or nil when more input is needed.
    public mutating func next() -> Frame? {
        defer { compact() }
        while true {
            switch state {
            case .failed:
                buffer.clear()
                return nil
            case .idle:
                guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
                if first == UInt8(ascii: "*") {
                    state = .arrayHeader(scanned: 0)
                } else {
                    state = .line(scanned: 0)
                }
            case .line(let scanned):
                switch findLF(from: scanned, limit: maxLineBytes) {
                case .found(let lf):
                    var line = buffer.readBytes(length: lf + 1)!
                    line.removeLast()
                    lastLineEndedWithCR = line.last == UInt8(ascii: "\r")
                    if lastLineEndedWithCR { line.removeLast() }
                    state = .idle
                    return .line(line)
                case .notYet(let newScanned):
                    state = .line(scanned: newScanned)
                    return nil
                case .overLimit:
                    return fail(.tooLong(.line))
                }
            case .arrayHeader(let scanned):
                switch header(scanned: scanned, marker: "*") {
                case .needMore(let s):
                    state = .arrayHeader(scanned: s)
                    return nil
                case .bad(let why):
                    return fail(.malformed(why))
                case .value(let count):
                    guard count <= maxArguments else { return fail(.malformed("more than \(maxArguments) arguments")) }
                    arguments = []
                    if count == 0 {
                        state = .idle
                        return .resp([])
                    }
                    arguments.reserveCapacity(count)
                    state = .argumentHeader(remaining: count, scanned: 0)
                }
            case .argumentHeader(let remaining, let scanned):
                switch header(scanned: scanned, marker: "$") {
                case .needMore(let s):
                    state = .argumentHeader(remaining: remaining, scanned: s)
                    return nil
                case .bad(let why):
                    return fail(.malformed(why))
                case .value(let length):
                    guard length <= maxLineBytes else { return fail(.tooLong(.resp)) }
                    state = .argumentBody(remaining: remaining, length: length)
                }
            case .argumentBody(let remaining, let length):
                guard buffer.readableBytes >= length + 2 else { return nil }
                let argument = buffer.readBytes(length: length)!
                let crlf = buffer.readBytes(length: 2)!
                guard crlf == [13, 10] else { return fail(.malformed("bulk argument not followed by CRLF")) }
                arguments.append(argument)
                if remaining == 1 {
                    state = .idle
                    let frame = Frame.resp(arguments)
                    arguments = []
                    return frame
                }
                state = .argumentHeader(remaining: remaining - 1, scanned: 0)
            }
        }
    }

    /// At the end of the input (the client shut its side): a text line still missing its LF, as
    /// the last line of `printf 'SEARCH …' | nc -q1` may be, is a request too; part of a RESP array
    /// is dropped. Call once ``next()`` returns nil; the framer takes no input afterwards.
    public mutating func finish() -> Frame? {
        defer { state = .failed; buffer.clear(); arguments = [] }
        switch state {
        case .idle, .line:
            guard buffer.readableBytes > 0, buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) != UInt8(ascii: "*") else { return nil }
            guard buffer.readableBytes <= maxLineBytes else { return .tooLong(.line) }
            var line = buffer.readBytes(length: buffer.readableBytes)!
            lastLineEndedWithCR = false
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            return .line(line)
        case .arrayHeader, .argumentHeader, .argumentBody, .failed:
            return nil
        }
    }

    private mutating func fail(_ frame: Frame) -> Frame {
        state = .failed
        arguments = []
        buffer.clear()
        return frame
    }

    /// Drops consumed bytes once they are worth the copy.
    private mutating func compact() {
        if buffer.readableBytes == 0 {
            buffer.clear()
        } else if buffer.readerIndex > 64 * 1024 {
            buffer.discardReadBytes()
        }
    }

    private enum Scan { case found(Int), notYet(Int), overLimit }

    /// Looks for LF among the first `limit` buffered bytes, starting after the `from` already scanned.
    private func findLF(from: Int, limit: Int) -> Scan {
        let readable = buffer.readableBytes
        let end = min(readable, limit)
        let found: Int? = buffer.withUnsafeReadableBytes { raw -> Int? in
            var i = from
            while i < end {
                if raw[i] == 10 { return i }
                i += 1
            }
            return nil
        }
        if let found { return .found(found) }
        return readable >= limit ? .overLimit : .notYet(end)
    }

    private enum Header { case value(Int), needMore(Int), bad(String) }

    /// Reads `<marker><digits>\r\n`.
    private mutating func header(scanned: Int, marker: Character) -> Header {
        switch findLF(from: scanned, limit: RequestFramer.maxHeaderBytes) {
        case .notYet(let s):
            return .needMore(s)
        case .overLimit:
            return .bad("RESP header longer than \(RequestFramer.maxHeaderBytes) bytes")
        case .found(let lf):
            let bytes = buffer.readBytes(length: lf + 1)!
            guard bytes.count >= 4, bytes[0] == marker.asciiValue!, bytes[bytes.count - 2] == 13 else {
                return .bad(marker == "*" ? "expected *<count>\\r\\n" : "expected $<length>\\r\\n")
            }
            var value = 0
            for b in bytes[1..<(bytes.count - 2)] {
                guard (48...57).contains(b), value < 100_000_000 else { return .bad("bad number in RESP header") }
                value = value * 10 + Int(b - 48)
            }
            return .value(value)
        }
    }
}
