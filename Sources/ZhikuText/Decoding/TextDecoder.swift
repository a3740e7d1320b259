import Foundation

/// Turns the bytes of a file into a `String`: UTF-8 (with or without BOM), UTF-16 with BOM, and
/// GB18030 (a superset of GBK and GB2312) when the bytes are not valid UTF-8.
public enum TextDecoder {
    /// GB18030 as Foundation on Linux knows it (its `GBK` constants are not implemented).
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Decodes `bytes`, or says why it cannot.
    ///
    ///     try TextDecoder.decode(Array("赣州".utf8)).text // "赣州"
    public static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> (text: String, encoding: TextEncoding) {
        if bytes.isEmpty { throw .empty }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
            return (try utf16(bytes.dropFirst(2), littleEndian: true), .utf16LE)
        }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
            return (try utf16(bytes.dropFirst(2), littleEndian: false), .utf16BE)
        }
        if bytes.contains(0) { throw .binary }
        let text: String
        let encoding: TextEncoding
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            guard let t = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw .undecodable }
            (text, encoding) = (t, .utf8BOM)
        } else if let t = String(validating: bytes, as: UTF8.self) {
            (text, encoding) = (t, .utf8)
        } else {
            guard let t = String(data: Data(bytes), encoding: gb18030), isPlausible(t) else { throw .undecodable }
            (text, encoding) = (t, .gb18030)
        }
        if text.unicodeScalars.allSatisfy({ CharClass.isSpace($0.value) || $0 == "\n" || $0 == "\r" }) { throw .empty }
        if !isPlausible(text, privateUseIsText: encoding != .gb18030) { throw .undecodable }
        return (text, encoding)
    }

    static func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool) throws(DecodingFailure) -> String {
        if body.count % 2 != 0 { throw .undecodable }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i < body.endIndex {
            let a = UInt16(body[i]), b = UInt16(body[i + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else { throw .undecodable }
        if text.unicodeScalars.allSatisfy({ CharClass.isSpace($0.value) || $0 == "\n" || $0 == "\r" }) { throw .empty }
        if !isPlausible(text, privateUseIsText: true) { throw .undecodable }
        return text
    }

    /// Text is plausible when control characters, private-use and replacement characters make up
    /// under 1% of it (GB18030 decodes almost any byte sequence, so this is what rejects noise).
    /// Text that is valid UTF-8 or UTF-16 (`privateUseIsText`) may hold private-use characters:
    /// fonts and input methods put rare characters and symbols there (they used to make such a
    /// file "not text").
    static func isPlausible(_ text: String, privateUseIsText: Bool = false) -> Bool {
        var total = 0, bad = 0
        var text = text
        text.withUTF8 { b in
            UTF8Bytes.forEachValue(b) { v in
                total += 1
                if (v < 0x20 && v != 0x0A && v != 0x0D && v != 0x09 && v != 0x0C) || v == 0x7F || v == 0xFFFD
                    || (!privateUseIsText && v >= 0xE000 && v <= 0xF8FF) || (v >= 0x80 && v < 0xA0) {
                    bad += 1
                }
                return true
            }
        }
        return total == 0 || bad * 100 <= total
    }
}
