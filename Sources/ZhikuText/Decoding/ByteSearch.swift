/// Substring search on bytes (UTF-8 needles in UTF-8 text match only at code point boundaries).
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack`; an empty needle always does.
    @inlinable
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count > 0 else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0], last = haystack.count - needle.count
        var i = 0
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
