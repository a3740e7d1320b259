/// FNV-1a, 64 bits: a fast content hash to tell changed files from unchanged ones.
public enum ContentHash {
    public static func fnv1a64(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { p in
            for b in p {
                h ^= UInt64(b)
                h &*= 0x100_0000_01b3
            }
        }
        return String(h, radix: 16)
    }
}
