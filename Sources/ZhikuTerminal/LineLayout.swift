/// Where each character of a prompt + line lands on a terminal of a given width.
///
/// Rows wrap like a terminal with auto-margin: a character that does not fit in what is left of
/// the row starts the next row; a wide (2-column) character that meets a single free column at the
/// right edge leaves that column blank.
public struct LineLayout: Equatable, Sendable {
    /// Row and column (0-based) of the start of each buffer character.
    public var positions: [(row: Int, column: Int)]
    /// Row and column of the cursor.
    public var cursor: (row: Int, column: Int)
    /// Row and column just after the last character (column may equal the terminal width when the
    /// last row is exactly full).
    public var end: (row: Int, column: Int)
    /// Rows occupied (at least 1).
    public var rows: Int

    public static func == (a: LineLayout, b: LineLayout) -> Bool {
        a.positions.elementsEqual(b.positions, by: { $0 == $1 }) && a.cursor == b.cursor && a.end == b.end && a.rows == b.rows
    }

    /// Lays out `prompt` (escapes allowed, excluded from width) followed by `characters`, with the
    /// cursor before `characters[cursor]`.
    public init(prompt: String, characters: [Character], cursor: Int, columns: Int, width: DisplayWidth = .standard) {
        let cols = max(1, columns)
        var row = 0
        var col = 0
        func place(_ w: Int) -> (Int, Int) {
            if col >= cols || (w > 0 && col + w > cols) { row += 1; col = 0 }
            let at = (row, col)
            col += min(w, cols)
            return at
        }
        for c in ANSI.strip(prompt) { _ = place(width.width(of: c)) }
        var positions: [(row: Int, column: Int)] = []
        positions.reserveCapacity(characters.count)
        for c in characters {
            let p = place(width.width(of: c))
            positions.append((p.0, p.1))
        }
        end = (row, col)
        if cursor < characters.count {
            // The cursor sits on the character (after any wrap that character caused).
            self.cursor = positions[cursor]
        } else if col >= cols {
            self.cursor = (row + 1, 0)
        } else {
            self.cursor = (row, col)
        }
        self.positions = positions
        rows = max(row, self.cursor.row) + 1
    }
}
