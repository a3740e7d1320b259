import ZhikuIndex

/// A JSON object written by a closure, for the small data objects of HELLO, HELP, PING….
struct JSONObject: JSONWritable {
    let body: (inout JSONWriter) -> Void
    init(_ body: @escaping (inout JSONWriter) -> Void) { self.body = body }

    func write(to w: inout JSONWriter) {
        w.beginObject()
        body(&w)
        w.endObject()
    }

    static var empty: JSONObject { JSONObject { _ in } }
}
