/// A fixed set of byte strings, searched for together in one pass over a text: a table of the
/// needles' first two bytes turns almost every position away with one lookup, where searching for
/// each needle in turn read the text once per needle (57 furniture phrases on every short line
/// of a page's head and foot were a tenth of preparing a file).
public struct NeedleSet: Sendable {
    private let needles: [[UInt8]]
    /// For each first-two-bytes value, the first needle that starts with them (-1: none); the rest
    /// are chained through `next`.
    private let heads: [Int16]
    private let next: [Int16]
    /// One-byte needles, by byte.
    private let single: [Bool]

    public init(_ strings: [String]) {
        let needles = strings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        precondition(needles.count < Int(Int16.max))
        var heads = [Int16](repeating: -1, count: 1 << 16)
        var next = [Int16](repeating: -1, count: needles.count)
        var single = [Bool](repeating: false, count: 256)
        for (i, n) in needles.enumerated() {
            if n.count == 1 { single[Int(n[0])] = true; continue }
            let key = Int(n[0]) << 8 | Int(n[1])
            next[i] = heads[key]
            heads[key] = Int16(i)
        }
        self.needles = needles
        self.heads = heads
        self.next = next
        self.single = single
    }

    /// Whether one of the needles occurs in `haystack`.
    public func occurs(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = haystack.count
        guard count > 0 else { return false }
        return heads.withUnsafeBufferPointer { heads in
            var i = 0
            while i < count {
                let b = haystack[i]
                if single[Int(b)] { return true }
                if i + 1 < count {
                    var n = Int(heads[Int(b) << 8 | Int(haystack[i + 1])])
                    while n >= 0 {
                        let needle = needles[n]
                        if needle.count <= count - i {
                            var j = 2
                            while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                            if j == needle.count { return true }
                        }
                        n = Int(next[n])
                    }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether one of the needles occurs in `text` (compared as UTF-8 bytes).
    public func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: $0) }
    }
}
