/// How a passage's entities (`{"figures":[…],"dates":[…],"orgs":[…]}`, as ``EntityJSON`` writes
/// them) are kept in `passage.entities`: the JSON with its recurring keys and punctuation replaced
/// by single bytes.
///
/// ``JSONWriter`` escapes every byte below 0x20 inside strings, and writes none outside them, so
/// bytes 0x01–0x1F never occur in its output and can stand for the tokens below without any
/// ambiguity. `unpack(pack(json)) == json` for every such JSON; the tokens only make it about half
/// as long (the keys are most of a record). A passage with no entities is stored as an empty blob;
/// JSON that does hold a byte below 0x20 (none that ``EntityJSON`` writes) is stored as it is,
/// after a 0x00.
enum EntityCodec {
    /// Byte `i + 1` stands for `tokens[i]`. Longer tokens come before their prefixes, since
    /// packing takes the first that matches. Append only: stored indexes use these numbers.
    static let tokens: [[UInt8]] = [
        #"{"figures":["#, #"],"dates":["#, #"],"orgs":["#, "]}",
        #"{"surface":""#, #"","start":"#, #","end":"#, #","value":"#, #","value_max":"#,
        #","unit":""#, #","unit":null"#, #"","kind":""#, #"","approx":""#, #"","approx":null}"#,
        #"","granularity":""#, #"","mod":""#, #","low_confidence":true"#, #"","role":""#,
        #","canonical":""#, #"},{"surface":""#, #""}"#,
    ].map { Array($0.utf8) }

    /// `{"figures":[],"dates":[],"orgs":[]}`: stored as zero bytes.
    static let none = Array(NoExtraction.empty.utf8)

    /// First bytes of the tokens, for a quick refusal at most positions.
    private static let startsToken: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for token in tokens { t[Int(token[0])] = true }
        return t
    }()

    /// The stored form of `json`.
    static func pack(_ json: String) -> [UInt8] {
        let bytes = Array(json.utf8)
        if bytes == none { return [] }
        if bytes.contains(where: { $0 < 0x20 }) { return [0] + bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var i = 0
        scan: while i < bytes.count {
            if startsToken[Int(bytes[i])] {
                for (k, token) in tokens.enumerated() where bytes.count - i >= token.count {
                    if bytes[i] == token[0] && bytes[i..<(i + token.count)].elementsEqual(token) {
                        out.append(UInt8(k + 1))
                        i += token.count
                        continue scan
                    }
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// The JSON `pack` was given.
    static func unpack(_ packed: UnsafeRawBufferPointer) -> String {
        if packed.isEmpty { return NoExtraction.empty }
        if packed[0] == 0 { return String(decoding: UnsafeRawBufferPointer(rebasing: packed[1...]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(packed.count * 2 + 16)
        var run = 0
        for i in 0..<packed.count {
            let b = packed[i]
            guard b >= 1 && b <= tokens.count else { continue }
            if run < i { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: packed[run..<i])) }
            out.append(contentsOf: tokens[Int(b) - 1])
            run = i + 1
        }
        if run < packed.count { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: packed[run...])) }
        return String(decoding: out, as: UTF8.self)
    }
}
