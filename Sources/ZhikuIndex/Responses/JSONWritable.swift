/// The data objects of `docs/protocol.md`: what `--format json` prints and what the server's
/// replies carry in `data`. Each writes itself through ``JSONWriter`` so key order is stable.
public protocol JSONWritable {
    func write(to w: inout JSONWriter)
}

extension JSONWritable {
    /// Compact JSON on one line.
    public var json: String {
        var w = JSONWriter()
        write(to: &w)
        return w.output
    }
}
