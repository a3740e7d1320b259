import ZhikuTerminal

/// A tiny VT100/xterm model for tests: applies escape output to a grid so tests can assert the
/// exact screen text and cursor position.
///
/// Models auto-margin with xterm's "pending wrap" (writing the last column leaves the cursor
/// there until the next printable character), wide characters (a wide character that meets one
/// free column wraps first, leaving that column blank), CR/LF, scrolling, CUU/CUD/CUF/CUB/CHA/CUP,
/// ED and EL. SGR and private modes are ignored.
struct VirtualScreen {
    let columns: Int
    let rows: Int
    private(set) var grid: [[String]]     // "" = blank, "\0" = right half of a wide char
    private(set) var row = 0
    private(set) var column = 0
    private(set) var scrolled = 0
    private var pendingWrap = false
    let width = DisplayWidth()

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        grid = Array(repeating: Array(repeating: "", count: columns), count: rows)
    }

    var cursor: (row: Int, column: Int) { (row, column) }

    /// Row `r` as text, trailing blanks removed; the blank left by a wrapped wide char is a space.
    func line(_ r: Int) -> String {
        var s = ""
        for cell in grid[r] where cell != "\0" { s += cell.isEmpty ? " " : cell }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    var lines: [String] { (0..<rows).map(line) }

    mutating func apply(_ output: String) {
        var chars = Array(output)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            switch c {
            case "\r": column = 0; pendingWrap = false
            case "\n": lineFeed()
            case "\r\n": column = 0; pendingWrap = false; lineFeed()
            case "\u{7}": break
            case "\u{8}": column = max(0, column - 1); pendingWrap = false
            case "\u{1B}":
                guard i < chars.count else { return }
                if chars[i] == "[" {
                    i += 1
                    var params = ""
                    while i < chars.count, let a = chars[i].asciiValue, a >= 0x20 && a <= 0x3F { params.append(chars[i]); i += 1 }
                    guard i < chars.count else { return }
                    let final = chars[i]
                    i += 1
                    csi(params, final)
                } else {
                    i += 1
                }
            default:
                put(c)
            }
        }
        chars.removeAll()
    }

    private mutating func lineFeed() {
        if row == rows - 1 {
            grid.removeFirst()
            grid.append(Array(repeating: "", count: columns))
            scrolled += 1
        } else {
            row += 1
        }
    }

    private mutating func put(_ c: Character) {
        let w = width.width(of: c)
        if w == 0 {
            if let a = c.asciiValue, a < 0x20 { return }
            // Combining: attach to the previous cell.
            let col = pendingWrap ? column : max(0, column - 1)
            grid[row][col] += String(c)
            return
        }
        if pendingWrap { column = 0; lineFeed(); pendingWrap = false }
        if w == 2 && column == columns - 1 {
            grid[row][column] = ""
            column = 0
            lineFeed()
        }
        grid[row][column] = String(c)
        if w == 2 { grid[row][column + 1] = "\0" }
        column += w
        if column >= columns { column = columns - 1; pendingWrap = true }
    }

    private mutating func csi(_ params: String, _ final: Character) {
        if params.hasPrefix("?") { return }
        let n = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        let p1 = max(1, n.first ?? 1)
        pendingWrap = pendingWrap && final == "m"
        switch final {
        case "A": row = max(0, row - p1)
        case "B": row = min(rows - 1, row + p1)
        case "C": column = min(columns - 1, column + p1)
        case "D": column = max(0, column - p1)
        case "G": column = min(columns - 1, p1 - 1)
        case "H":
            row = min(rows - 1, max(1, n.first ?? 1) - 1)
            column = min(columns - 1, max(1, n.count > 1 ? n[1] : 1) - 1)
        case "J":
            let mode = n.first ?? 0
            if mode == 2 {
                for r in 0..<rows { clear(r, from: 0) }
            } else {
                clear(row, from: column)
                for r in (row + 1)..<max(row + 1, rows) { clear(r, from: 0) }
            }
        case "K":
            let mode = n.first ?? 0
            clear(row, from: mode == 2 ? 0 : column)
        default: break
        }
    }

    private mutating func clear(_ r: Int, from c: Int) {
        for k in c..<columns { grid[r][k] = "" }
    }
}
