
/// Builds the escape sequences that redraw a prompt and line in place, across wrapped rows.
///
/// Pure: ``render(prompt:characters:cursor:columns:)`` returns a string and updates only the
/// renderer's memory of the previous frame (its row count and cursor row), which it needs to move
/// back to the first row and clear what it drew before. Row breaks are written explicitly
/// (`\r\n`) instead of relying on the terminal's auto-wrap, so a wide character that does not fit at
/// the right edge starts the next row on every terminal, and the skipped column stays blank.
///
/// ```swift
/// var r = Renderer()
/// let frame = r.render(prompt: "> ", characters: Array("中文"), cursor: 1, columns: 80)
/// // "\r\u{1B}[J> 中文\r\u{1B}[4C"
/// ```
public struct Renderer: Sendable {
    /// Rows used by the previous frame (0 before the first render).
    public private(set) var previousRows = 0
    /// Cursor row (relative to the first row) after the previous frame.
    public private(set) var previousCursorRow = 0
    /// Display width rules (ambiguous width).
    public var width: DisplayWidth

    /// Creates a renderer that has not drawn anything yet.
    public init(width: DisplayWidth = .standard) {
        self.width = width
    }

    /// Forgets the previous frame (after the line was accepted or the screen cleared).
    public mutating func reset() {
        previousRows = 0
        previousCursorRow = 0
    }

    /// Returns the bytes that erase the previous frame and draw `prompt` + `characters` with the
    /// cursor before `characters[cursor]`, on a terminal `columns` wide.
    /// - Parameters:
    ///   - prompt: may contain ANSI escapes (not counted in the width).
    ///   - hint: dim text drawn after the line (not part of it), e.g. a command's syntax; cut to fit the row.
    public mutating func render(prompt: String, characters: [Character], cursor: Int, columns: Int, hint: String = "") -> String {
        let cols = max(1, columns)
        let layout = LineLayout(prompt: prompt, characters: characters, cursor: cursor, columns: cols, width: width)
        var out = ""
        out.reserveCapacity(characters.count * 4 + 32)
        // 1. Back to the first row of the previous frame, column 0, and clear it and below.
        if previousCursorRow > 0 { out += "\u{1B}[\(previousCursorRow)A" }
        out += "\r"
        out += ANSI.clearToEndOfScreen
        // 2. Prompt and text, with explicit row breaks.
        out += prompt
        var row = 0
        let promptRows = LineLayout(prompt: prompt, characters: [], cursor: 0, columns: cols, width: width).end.row
        row = promptRows
        var run = ""
        for (i, c) in characters.enumerated() {
            let r = layout.positions[i].row
            if r != row {
                out += run
                run = ""
                out += String(repeating: "\r\n", count: r - row)
                row = r
            }
            run.append(c)
        }
        out += run
        // 3. Hint, only if it fits on the current row.
        var atRow = layout.end.row
        var atColumnIsPastEdge = layout.end.column >= cols
        if !hint.isEmpty, layout.end.column < cols {
            let room = cols - layout.end.column - 1
            if room > 0 {
                let h = width.truncate(ANSI.strip(hint), toWidth: room, ellipsis: "")
                if !h.isEmpty { out += "\u{1B}[2m" + h + "\u{1B}[0m" }
                if width.width(of: h) + layout.end.column >= cols { atColumnIsPastEdge = true }
            }
        }
        // 4. A full last row leaves the terminal in "pending wrap"; when the cursor belongs on the
        //    next row, go there explicitly.
        if atColumnIsPastEdge && layout.cursor.row > atRow {
            out += "\r\n"
            atRow += 1
        }
        // 5. Up to the cursor's row and over to its column.
        if atRow > layout.cursor.row { out += "\u{1B}[\(atRow - layout.cursor.row)A" }
        out += "\r"
        if layout.cursor.column > 0 { out += "\u{1B}[\(layout.cursor.column)C" }
        previousRows = layout.rows
        previousCursorRow = layout.cursor.row
        return out
    }

    /// Bytes that move the cursor below the last row of the previous frame and start a fresh line
    /// (used when a line is accepted or interrupted); forgets the frame.
    public mutating func finish() -> String {
        let down = previousRows - 1 - previousCursorRow
        var out = ""
        if down > 0 { out += "\u{1B}[\(down)B" }
        out += "\r\n"
        reset()
        return out
    }
}
