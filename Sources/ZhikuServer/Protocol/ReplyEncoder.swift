import NIOCore
import ZhikuIndex

/// Turns a ``Reply`` into bytes: one JSON line in line mode, one RESP value in RESP mode.
///
///     line: {"ok":true,"id":"q7","cmd":"SEARCH","took_ms":2.4,"warnings":[],"data":{…}}\n
///           {"ok":false,"id":null,"cmd":"SEARCH","error":{"code":"ERR_ARG","message":"…","usage":"…"}}\n
///     RESP: $<n>\r\n<the same JSON>\r\n   -ERR_ARG limit must be 1..100\r\n   +PONG\r\n   +OK\r\n
///
/// JSON is raw UTF-8 (no `\u` escapes but for control characters), so a reply is one line whatever
/// the passages hold.
enum ReplyEncoder {
    static func encode(_ reply: Reply, framing: Framing, into buffer: inout ByteBuffer) {
        switch framing {
        case .line:
            if case .encoded(let data) = reply.body {
                // The envelope around JSON encoded on the engine thread (or cached): no re-encoding.
                buffer.writeString(envelopeHead(reply))
                buffer.writeBytes(data)
                buffer.writeStaticString("}\n")
                return
            }
            buffer.writeString(json(reply))
            buffer.writeInteger(UInt8(ascii: "\n"))
        case .resp:
            switch reply.body {
            case .error(let e):
                buffer.writeString("-\(e.code.rawValue) \(singleLine(e.message))\r\n")
            case .pong(nil):
                buffer.writeString("+PONG\r\n")
            case .pong(let message?):
                bulk(message, into: &buffer)
            case .ok:
                buffer.writeString("+OK\r\n")
            case .encoded(let data):
                let head = envelopeHead(reply)
                buffer.writeStaticString("$")
                buffer.writeString(String(head.utf8.count + data.count + 1))
                buffer.writeStaticString("\r\n")
                buffer.writeString(head)
                buffer.writeBytes(data)
                buffer.writeStaticString("}\r\n")
            }
        }
    }

    /// The envelope of a successful reply up to `"data":` (the data and the closing brace follow).
    static func envelopeHead(_ reply: Reply) -> String {
        var w = JSONWriter()
        w.beginObject()
        writeSuccessHead(reply, to: &w)
        return w.output
    }

    /// The fields of a successful reply before its data, and the `data` key.
    private static func writeSuccessHead(_ reply: Reply, to w: inout JSONWriter) {
        w.field("ok", true)
        w.field("id", reply.id)
        w.field("cmd", reply.cmd)
        w.field("took_ms", reply.tookMs, digits: 3)
        if reply.cached { w.field("cached", true) }
        w.field("warnings", reply.warnings)
        w.key("data")
    }

    /// The JSON envelope of a reply.
    static func json(_ reply: Reply) -> String {
        if case .encoded(let data) = reply.body { return envelopeHead(reply) + String(decoding: data, as: UTF8.self) + "}" }
        var w = JSONWriter()
        w.beginObject()
        switch reply.body {
        case .error(let e):
            w.field("ok", false)
            w.field("id", reply.id)
            w.field("cmd", reply.cmd)
            w.key("error")
            w.beginObject()
            w.field("code", e.code.rawValue)
            w.field("message", e.message)
            if let usage = e.usage { w.field("usage", usage) }
            w.endObject()
        case .pong, .ok, .encoded:
            writeSuccessHead(reply, to: &w)
            switch reply.body {
            case .pong(let m): JSONObject { $0.field("pong", m ?? "PONG") }.write(to: &w)
            default: JSONObject.empty.write(to: &w)
            }
        }
        w.endObject()
        return w.output
    }

    private static func bulk(_ s: String, into buffer: inout ByteBuffer) {
        buffer.writeString("$\(s.utf8.count)\r\n")
        buffer.writeString(s)
        buffer.writeString("\r\n")
    }

    private static func singleLine(_ s: String) -> String {
        s.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            ? String(s.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 }) : s
    }
}
