/// JSON that is already encoded, passed through as a `data` object.
public struct RawJSON: JSONWritable, Sendable {
    public var json: String
    public init(_ json: String) { self.json = json }
    public func write(to w: inout JSONWriter) { w.raw(json) }
}
