/// FNV-1a, 64 bits: a fast content hash to tell changed files from unchanged ones.
public enum ContentHash {
    public static func fnv1a64(_ bytes: [UInt8]) -> String {
        var h = FNV1a64()
        bytes.withUnsafeBytes { h.update($0) }
        return h.hex
    }

    /// FNV-1a over bytes given in pieces (a file read in parts).
    public struct FNV1a64: Sendable {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325

        public init() {}

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            for b in bytes {
                h ^= UInt64(b)
                h &*= 0x100_0000_01b3
            }
        }

        /// The hash as ``ContentHash/fnv1a64(_:)`` writes it.
        public var hex: String { String(h, radix: 16) }
    }
}
