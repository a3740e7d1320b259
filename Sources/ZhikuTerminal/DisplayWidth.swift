/// Terminal display width (columns) of text, from the Unicode East_Asian_Width property.
///
/// Wide (W) and fullwidth (F) characters take 2 columns, combining marks, format characters (Cf),
/// ZWJ and variation selectors take 0, ambiguous (A) characters take 1 unless
/// ``ambiguousIsWide`` is set (CJK-locale terminals), everything else 1.
/// A grapheme cluster takes the width of its base, widened to 2 by an emoji presentation
/// selector (U+FE0F) or a regional-indicator pair (flags).
///
/// ```swift
/// DisplayWidth().width(of: "知库 ok")   // 7
/// DisplayWidth().width(of: "👨‍👩‍👧")      // 2
/// DisplayWidth(ambiguousIsWide: true).width(of: "“”")  // 4
/// ```
public struct DisplayWidth: Sendable, Equatable {
    /// Whether East_Asian_Width=A characters (“”‘’…· and many more) take two columns.
    public var ambiguousIsWide: Bool

    /// Creates a width measurer.
    /// - Parameter ambiguousIsWide: count ambiguous characters as 2 columns (default 1).
    public init(ambiguousIsWide: Bool = false) {
        self.ambiguousIsWide = ambiguousIsWide
    }

    /// The shared default measurer (ambiguous = 1).
    public static let standard = DisplayWidth()

    // MARK: - Scalars

    /// Width of one scalar: 0, 1 or 2. C0/C1 controls count 0 (they are never drawn as text).
    ///
    /// ```swift
    /// DisplayWidth().width(of: "中".unicodeScalars.first!)  // 2
    /// ```
    public func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if Self.contains(DisplayWidthTables.zeroWidth, v) { return 0 }
        if Self.contains(DisplayWidthTables.wide, v) { return 2 }
        if ambiguousIsWide && Self.contains(DisplayWidthTables.ambiguous, v) { return 2 }
        return 1
    }

    // MARK: - Grapheme clusters

    /// Width of one grapheme cluster.
    ///
    /// ```swift
    /// DisplayWidth().width(of: Character("e\u{301}"))  // 1
    /// DisplayWidth().width(of: Character("❤️"))         // 2 (U+2764 U+FE0F)
    /// ```
    public func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        var first: Unicode.Scalar?
        var base = 0
        var regionalIndicators = 0
        for s in scalars {
            let v = s.value
            if v == 0xFE0F, let f = first, f.properties.isEmoji {
                // Emoji presentation selector: an emoji base is drawn 2 columns wide.
                return 2
            }
            if v >= 0x1F1E6 && v <= 0x1F1FF { regionalIndicators += 1 }
            if first == nil {
                let w = width(of: s)
                if w > 0 { first = s; base = w }
                else if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
            }
        }
        if regionalIndicators >= 2 { return 2 }
        return base
    }

    // MARK: - Strings

    /// Sum of the widths of the grapheme clusters of `string`.
    ///
    /// ```swift
    /// DisplayWidth().width(of: "中文")  // 4
    /// ```
    public func width<S: StringProtocol>(of string: S) -> Int {
        var total = 0
        for c in string {
            if c.isASCII, let a = c.asciiValue {
                total += (a >= 0x20 && a < 0x7F) ? 1 : 0
            } else {
                total += width(of: c)
            }
        }
        return total
    }

    /// Width of `string` as drawn on a terminal, ignoring ANSI escape sequences (CSI such as SGR
    /// colour, OSC terminated by BEL or ST) and readline's `\u{1}`/`\u{2}` invisible markers.
    ///
    /// ```swift
    /// DisplayWidth().visibleWidth(of: "\u{1B}[1;32m知库>\u{1B}[0m ")  // 6
    /// ```
    public func visibleWidth(of string: String) -> Int {
        width(of: ANSI.strip(string))
    }

    // MARK: - Truncation

    /// Cuts `string` so that it fits in `width` columns, never inside a grapheme cluster, appending
    /// `ellipsis` when something was cut. When `pad` is true the result is padded with spaces to
    /// exactly `width` columns (a wide character that would straddle the limit is replaced by a space).
    ///
    /// ```swift
    /// DisplayWidth().truncate("稀土研究院", toWidth: 7)               // "稀土研…" (7 columns)
    /// DisplayWidth().truncate("稀土研究院", toWidth: 6, ellipsis: "") // "稀土研"
    /// DisplayWidth().truncate("ab", toWidth: 4, pad: true)          // "ab  "
    /// ```
    /// - Parameters:
    ///   - string: text without escape sequences.
    ///   - width: the column budget (≥ 0).
    ///   - ellipsis: appended when text is cut; it counts towards `width` (dropped if it alone does not fit).
    ///   - pad: pad with spaces up to `width`.
    /// - Returns: text whose display width is ≤ `width` (== `width` when `pad`).
    public func truncate(_ string: String, toWidth width: Int, ellipsis: String = "…", pad: Bool = false) -> String {
        let limit = max(0, width)
        let full = self.width(of: string)
        if full <= limit {
            return pad ? string + String(repeating: " ", count: limit - full) : string
        }
        var tail = ellipsis
        var tailWidth = self.width(of: tail)
        if tailWidth > limit { tail = ""; tailWidth = 0 }
        let budget = limit - tailWidth
        var out = ""
        var used = 0
        for c in string {
            let w = self.width(of: c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        out += tail
        used += tailWidth
        if pad && used < limit { out += String(repeating: " ", count: limit - used) }
        return out
    }

    // MARK: - Table lookup

    /// Binary search in a flat `[lo, hi, lo, hi, …]` table of inclusive ranges.
    static func contains(_ table: [UInt32], _ v: UInt32) -> Bool {
        var lo = 0
        var hi = table.count / 2 - 1
        if hi < 0 || v < table[0] || v > table[table.count - 1] { return false }
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if v < table[2 * mid] { hi = mid - 1 }
            else if v > table[2 * mid + 1] { lo = mid + 1 }
            else { return true }
        }
        return false
    }
}

extension String {
    /// Display width with the default measurer (ambiguous = 1). `"中文ab".displayWidth == 6`.
    public var displayWidth: Int { DisplayWidth.standard.width(of: self) }
}

extension Character {
    /// Display width with the default measurer (ambiguous = 1). `Character("中").displayWidth == 2`.
    public var displayWidth: Int { DisplayWidth.standard.width(of: self) }
}
