/// The editing model of one input line: grapheme clusters and a cursor between them.
///
/// The cursor is an index into ``characters`` (0 … count): it sits before `characters[cursor]`.
/// Because elements are `Character`s, one step left/right or one backspace always moves over a
/// whole grapheme (a CJK character, 𠮷, a decomposed é, an emoji ZWJ sequence).
///
/// ```swift
/// var b = LineBuffer("稀土研究院")
/// b.moveLeft(); b.moveLeft()
/// b.insert("中科")
/// b.text      // "稀土研中科究院"
/// b.cursor    // 5
/// ```
public struct LineBuffer: Equatable, Sendable {
    /// The grapheme clusters of the line.
    public private(set) var characters: [Character]
    /// Cursor position: number of characters before the cursor.
    public private(set) var cursor: Int
    /// Text removed by the last kill (Ctrl-K / Ctrl-U / Ctrl-W), re-inserted by ``yank()``.
    public private(set) var killRing: String = ""

    /// Creates a buffer holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The line as a string.
    public var text: String { String(characters) }
    /// Whether the line is empty.
    public var isEmpty: Bool { characters.isEmpty }
    /// The text before the cursor.
    public var textBeforeCursor: String { String(characters[..<cursor]) }

    // MARK: - Replacing

    /// Replaces the whole line (history recall, completion) and puts the cursor at the end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    // MARK: - Inserting and deleting

    /// Inserts `text` at the cursor and moves the cursor after it. Control characters other than
    /// tab are dropped; tab and newlines become spaces (a query is one line).
    public mutating func insert(_ text: String) {
        var chars: [Character] = []
        for c in text {
            if c == "\t" || c == "\n" || c == "\r" || c == "\r\n" { chars.append(" "); continue }
            if let a = c.asciiValue, a < 0x20 || a == 0x7F { continue }
            chars.append(c)
        }
        insertCharacters(chars)
    }

    private mutating func insertCharacters(_ chars: [Character]) {
        guard !chars.isEmpty else { return }
        // Re-cluster around the insertion point: a combining mark typed after "e" joins it.
        if cursor > 0, let first = chars.first, String(characters[cursor - 1]).appending(String(first)).count == 1 {
            let merged = Character(String(characters[cursor - 1]) + String(first))
            characters[cursor - 1] = merged
            insertCharacters(Array(chars.dropFirst()))
            return
        }
        characters.insert(contentsOf: chars, at: cursor)
        cursor += chars.count
    }

    /// Deletes the character before the cursor (Backspace). Returns false at the start of the line.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    /// Deletes the character under the cursor (Delete / Ctrl-D on a non-empty line).
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    // MARK: - Moving

    /// Moves one character left. Returns false at the start.
    @discardableResult
    public mutating func moveLeft() -> Bool {
        guard cursor > 0 else { return false }
        cursor -= 1
        return true
    }

    /// Moves one character right. Returns false at the end.
    @discardableResult
    public mutating func moveRight() -> Bool {
        guard cursor < characters.count else { return false }
        cursor += 1
        return true
    }

    /// Moves to the start of the line (Home / Ctrl-A).
    public mutating func moveHome() { cursor = 0 }
    /// Moves to the end of the line (End / Ctrl-E).
    public mutating func moveEnd() { cursor = characters.count }

    /// Moves one word left (Alt-B): over separators, then over one word (see ``deleteWordBackward()``).
    public mutating func moveWordLeft() { cursor = wordStartBeforeCursor() }

    /// Moves one word right (Alt-F).
    public mutating func moveWordRight() {
        var i = cursor
        while i < characters.count, Self.kind(of: characters[i]) == .separator { i += 1 }
        guard i < characters.count else { cursor = i; return }
        let k = Self.kind(of: characters[i])
        while i < characters.count, Self.kind(of: characters[i]) == k { i += 1 }
        cursor = i
    }

    // MARK: - Killing and yanking

    /// Deletes from the cursor to the end of the line (Ctrl-K), saving it for ``yank()``.
    public mutating func killToEnd() {
        guard cursor < characters.count else { return }
        killRing = String(characters[cursor...])
        characters.removeSubrange(cursor...)
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U), saving it for ``yank()``.
    public mutating func killToStart() {
        guard cursor > 0 else { return }
        killRing = String(characters[..<cursor])
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Deletes the word before the cursor (Ctrl-W), saving it for ``yank()``.
    ///
    /// Trailing spaces and punctuation go with the word. A run of letters/digits is one word, and a
    /// run of wide (CJK) letters is a word of its own kind, so `"稀土abc"` loses `"abc"` first and
    /// `"稀土"` on the next press; `"稀土 研究院"` → `"稀土 "` (as bash does for space-free CJK text).
    public mutating func deleteWordBackward() {
        let start = wordStartBeforeCursor()
        guard start < cursor else { return }
        killRing = String(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Inserts the last killed text at the cursor (Ctrl-Y).
    public mutating func yank() { insert(killRing) }

    /// Swaps the two characters around the cursor (Ctrl-T).
    public mutating func transpose() {
        guard characters.count >= 2, cursor > 0 else { return }
        let i = cursor == characters.count ? cursor - 1 : cursor
        characters.swapAt(i - 1, i)
        cursor = i + 1
    }

    // MARK: - Words

    enum CharacterKind { case separator, word, cjk }

    static func kind(of c: Character) -> CharacterKind {
        if c.isWhitespace { return .separator }
        if c.isLetter || c.isNumber || c == "_" {
            if c.displayWidth == 2 { return .cjk }
            return .word
        }
        // Fullwidth punctuation (，。：) and ASCII punctuation separate words.
        return .separator
    }

    private func wordStartBeforeCursor() -> Int {
        var i = cursor
        while i > 0, Self.kind(of: characters[i - 1]) == .separator { i -= 1 }
        guard i > 0 else { return 0 }
        let k = Self.kind(of: characters[i - 1])
        while i > 0, Self.kind(of: characters[i - 1]) == k { i -= 1 }
        return i
    }
}
