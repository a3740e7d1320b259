/// ANSI escape sequences used by the editor, and a stripper that removes them from text.
public enum ANSI {
    /// Control Sequence Introducer, `ESC [`.
    public static let csi = "\u{1B}["
    /// Clears from the cursor to the end of the screen.
    public static let clearToEndOfScreen = "\u{1B}[J"
    /// Clears the whole screen and homes the cursor.
    public static let clearScreen = "\u{1B}[H\u{1B}[2J"
    /// Turns bracketed paste on (`ESC[?2004h`).
    public static let bracketedPasteOn = "\u{1B}[?2004h"
    /// Turns bracketed paste off (`ESC[?2004l`).
    public static let bracketedPasteOff = "\u{1B}[?2004l"
    /// Resets all SGR attributes.
    public static let reset = "\u{1B}[0m"

    /// Removes CSI sequences (`ESC [ … final`), OSC sequences (`ESC ] … BEL|ESC \`), other two-byte
    /// `ESC x` sequences and readline's `\u{1}`/`\u{2}` invisible-text markers.
    ///
    /// ```swift
    /// ANSI.strip("\u{1B}[31m红\u{1B}[0m")  // "红"
    /// ```
    public static func strip(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value == 0x1B || $0.value == 1 || $0.value == 2 }) else { return s }
        var out = String.UnicodeScalarView()
        var it = s.unicodeScalars.makeIterator()
        while let u = it.next() {
            switch u.value {
            case 1, 2:
                continue
            case 0x1B:
                guard let n = it.next() else { return String(out) }
                if n == "[" {
                    // Parameters and intermediates until a final byte 0x40–0x7E.
                    while let c = it.next() { if c.value >= 0x40 && c.value <= 0x7E { break } }
                } else if n == "]" {
                    var prevEsc = false
                    while let c = it.next() {
                        if c.value == 7 || (prevEsc && c == "\\") { break }
                        prevEsc = c.value == 0x1B
                    }
                }
            default:
                out.append(u)
            }
        }
        return String(out)
    }

    /// Wraps `text` in an SGR sequence (`ESC[<code>m … ESC[0m`) when `enabled`, else returns it as is.
    public static func sgr(_ code: String, _ text: String, enabled: Bool = true) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
