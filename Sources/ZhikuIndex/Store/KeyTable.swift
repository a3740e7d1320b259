/// An open-addressing hash map from non-zero `UInt64` keys to `Int32` values, for the impact
/// builder's counting (Swift's `Dictionary` hashes with SipHash and was most of the build's time).
struct KeyTable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    /// Slots in use, in insertion order (for iteration and cheap clearing).
    private(set) var used: [Int32] = []
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { used.count }

    @inline(__always)
    static func hash(_ k: UInt64) -> Int {
        var h = k &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// Adds `n` to the value of `key` (0 when absent); returns the slot.
    @inline(__always)
    @discardableResult
    mutating func add(_ key: UInt64, _ n: Int32) -> Int {
        var i = KeyTable.hash(key) & mask
        while true {
            let k = keys[i]
            if k == key { values[i] &+= n; return i }
            if k == 0 {
                keys[i] = key
                values[i] = n
                used.append(Int32(i))
                if used.count * 2 > keys.count { grow(); return slot(of: key)! }
                return i
            }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func slot(of key: UInt64) -> Int? {
        var i = KeyTable.hash(key) & mask
        while true {
            let k = keys[i]
            if k == key { return i }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func value(_ key: UInt64) -> Int32? { slot(of: key).map { values[$0] } }

    /// Empties the table, keeping its size.
    mutating func removeAll() {
        for s in used { keys[Int(s)] = 0; values[Int(s)] = 0 }
        used.removeAll(keepingCapacity: true)
    }

    /// Every entry, in insertion order.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for s in used { body(keys[Int(s)], values[Int(s)]) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values, oldUsed = used
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        used = []
        used.reserveCapacity(oldUsed.count * 2)
        for s in oldUsed { add(oldKeys[Int(s)], oldValues[Int(s)]) }
    }
}
