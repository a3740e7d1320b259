
/// Incremental decoder from raw terminal bytes to ``Key`` events.
///
/// Bytes may arrive in any pieces: a UTF-8 character or an escape sequence split across two
/// `read(2)` calls is held back until complete. A lone ESC is ambiguous (Escape key or start of a
/// sequence); it stays pending until more bytes arrive or the caller calls ``flush()`` after a short
/// timeout.
///
/// ```swift
/// var d = KeyDecoder()
/// d.feed([0xE4, 0xB8])              // []  (incomplete 中)
/// d.feed([0xAD, 0x1B, 0x5B, 0x44])  // [.text("中"), .left]
/// ```
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    private var pasting = false
    private var pasteBytes: [UInt8] = []

    private static let pasteStart: [UInt8] = Array("\u{1B}[200~".utf8)
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    /// Creates an empty decoder.
    public init() {}

    /// Whether bytes are held back waiting for the rest of a sequence (the caller should wait
    /// briefly for more input, then ``flush()``).
    public var hasPending: Bool { !pending.isEmpty && !pasting }

    /// Whether a bracketed paste has started but not ended.
    public var isPasting: Bool { pasting }

    /// Decodes as many complete keys as possible from `bytes` plus earlier leftovers.
    public mutating func feed<C: Collection>(_ bytes: C) -> [Key] where C.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var text: [UInt8] = []
        func flushText() {
            if !text.isEmpty {
                keys.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll()
            }
        }
        var i = 0
        let p = pending
        loop: while i < p.count {
            if pasting {
                if let end = Self.find(Self.pasteEnd, in: p, from: i) {
                    pasteBytes.append(contentsOf: p[i..<end])
                    keys.append(.paste(Self.joinLines(pasteBytes)))
                    pasteBytes.removeAll()
                    pasting = false
                    i = end + Self.pasteEnd.count
                    continue
                }
                // Keep a possible partial end marker in `pending`, the rest in `pasteBytes`.
                let keep = Self.partialSuffix(of: p[i...], matching: Self.pasteEnd)
                pasteBytes.append(contentsOf: p[i..<(p.count - keep)])
                i = p.count - keep
                break loop
            }
            let b = p[i]
            switch b {
            case 0x1B:
                flushText()
                guard let (key, length) = Self.escapeSequence(p, at: i) else { break loop }
                i += length
                if key == .unknown(Self.pasteStart) {
                    pasting = true
                    continue
                }
                keys.append(key)
            case 0x0D, 0x0A:
                flushText(); keys.append(.enter); i += 1
                // CR LF from a terminal in some modes counts as one Enter.
                if b == 0x0D, i < p.count, p[i] == 0x0A { i += 1 }
            case 0x09:
                flushText(); keys.append(.tab); i += 1
            case 0x7F, 0x08:
                flushText(); keys.append(.backspace); i += 1
            case 0x00..<0x20:
                flushText()
                if b == 0 { keys.append(.ctrl("@")) } else if b <= 26 {
                    keys.append(.ctrl(Character(Unicode.Scalar(b + 0x60))))
                } else {
                    keys.append(.unknown([b]))
                }
                i += 1
            case 0x20..<0x80:
                text.append(b); i += 1
            default:
                let need = Self.utf8Length(lead: b)
                if need == 0 { i += 1; continue }  // stray continuation byte: drop
                if i + need > p.count { break loop }  // incomplete: wait for more
                var valid = true
                for k in 1..<need where p[i + k] & 0xC0 != 0x80 { valid = false }
                if valid { text.append(contentsOf: p[i..<(i + need)]); i += need } else { i += 1 }
            }
        }
        flushText()
        pending = Array(p[i...])
        return Self.mergeCombining(keys)
    }

    /// Resolves held-back bytes after an input timeout: a lone ESC becomes ``Key/escape``,
    /// ESC + byte an Alt key, anything else is dropped.
    public mutating func flush() -> [Key] {
        guard !pasting, !pending.isEmpty else { return [] }
        let p = pending
        pending.removeAll()
        if p == [0x1B] { return [.escape] }
        return [.unknown(p)]
    }

    // MARK: - Escape sequences

    /// Parses the escape sequence at `i`; nil when incomplete.
    ///
    /// A sequence cut short by a byte that cannot end it (another ESC, a control character, UTF-8)
    /// ends before that byte, which is then decoded on its own: `ESC O` followed by `ESC [ H`
    /// used to swallow the second ESC and type `[H` into the line.
    static func escapeSequence(_ p: [UInt8], at i: Int) -> (Key, Int)? {
        guard i + 1 < p.count else { return nil }
        let n = p[i + 1]
        if n == UInt8(ascii: "[") {
            var j = i + 2
            while j < p.count, (0x20...0x3F).contains(p[j]) { j += 1 }
            guard j < p.count else { return nil }
            let final = p[j]
            guard (0x40...0x7E).contains(final) else { return (.unknown(Array(p[i..<j])), j - i) }
            let params = String(decoding: p[(i + 2)..<j], as: UTF8.self)
            return (csiKey(params: params, final: final, raw: Array(p[i...j])), j - i + 1)
        }
        if n == UInt8(ascii: "O") {
            guard i + 2 < p.count else { return nil }
            guard (0x40...0x7E).contains(p[i + 2]) else { return (.unknown(Array(p[i...(i + 1)])), 2) }
            let key: Key
            switch p[i + 2] {
            case UInt8(ascii: "A"): key = .up
            case UInt8(ascii: "B"): key = .down
            case UInt8(ascii: "C"): key = .right
            case UInt8(ascii: "D"): key = .left
            case UInt8(ascii: "H"): key = .home
            case UInt8(ascii: "F"): key = .end
            case UInt8(ascii: "M"): key = .enter
            default: key = .unknown(Array(p[i...(i + 2)]))
            }
            return (key, 3)
        }
        switch n {
        case UInt8(ascii: "b"), UInt8(ascii: "B"): return (.wordLeft, 2)
        case UInt8(ascii: "f"), UInt8(ascii: "F"): return (.wordRight, 2)
        case UInt8(ascii: "d"), UInt8(ascii: "D"): return (.deleteWordForward, 2)
        case 0x7F, 0x08: return (.deleteWordBackward, 2)
        case 0x1B: return (.escape, 1)
        default: return (.unknown([0x1B, n]), 2)
        }
    }

    static func csiKey(params: String, final: UInt8, raw: [UInt8]) -> Key {
        let fields = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        let modifier = fields.count >= 2 ? fields[1] : 1
        let wordMotion = modifier == 3 || modifier == 5  // Alt or Ctrl
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return wordMotion ? .wordRight : .right
        case UInt8(ascii: "D"): return wordMotion ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch fields.first ?? 0 {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            default: return .unknown(raw)
            }
        default: return .unknown(raw)
        }
    }

    // MARK: - Helpers

    static func utf8Length(lead b: UInt8) -> Int {
        switch b {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard hay.count - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// Length of the longest suffix of `bytes` that is a proper prefix of `marker`.
    static func partialSuffix(of bytes: ArraySlice<UInt8>, matching marker: [UInt8]) -> Int {
        var k = min(marker.count - 1, bytes.count)
        while k > 0 {
            if Array(bytes.suffix(k)) == Array(marker.prefix(k)) { return k }
            k -= 1
        }
        return 0
    }

    /// Joins pasted lines with single spaces; trailing newlines are dropped, tabs become spaces.
    static func joinLines(_ bytes: [UInt8]) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        var lines = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { String($0) }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.filter { !$0.isEmpty }.joined(separator: " ").replacingTabs()
    }

    /// Merges adjacent `.text` events (combining marks typed separately join their base).
    static func mergeCombining(_ keys: [Key]) -> [Key] {
        var out: [Key] = []
        for k in keys {
            if case .text(let t) = k, case .text(let prev)? = out.last {
                out[out.count - 1] = .text(prev + t)
            } else {
                out.append(k)
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(self.map { $0 == "\t" ? " " : $0 })
    }
}
