/// A key press (or paste) decoded from terminal input bytes.
public enum Key: Equatable, Sendable {
    /// Printable text typed by the user (one or more grapheme clusters, never control characters).
    case text(String)
    /// A bracketed paste, newlines already joined by single spaces.
    case paste(String)
    /// Enter (CR or LF).
    case enter
    /// Tab.
    case tab
    /// Backspace (DEL 0x7F or Ctrl-H 0x08).
    case backspace
    /// Delete (`ESC[3~`).
    case delete
    /// Arrow keys.
    case left, right, up, down
    /// Home / End (`ESC[H`, `ESC[1~`, `ESC[7~`, `ESC O H` …).
    case home, end
    /// Page Up / Page Down.
    case pageUp, pageDown
    /// Ctrl-Left / Alt-B and Ctrl-Right / Alt-F: word motions.
    case wordLeft, wordRight
    /// Alt-Backspace: delete word backward.
    case deleteWordBackward
    /// Alt-D: delete word forward.
    case deleteWordForward
    /// Ctrl plus a letter, as the lower-case letter: `.ctrl("c")` is Ctrl-C (0x03).
    case ctrl(Character)
    /// A lone Escape key (reported by ``KeyDecoder/flush()`` when no sequence follows).
    case escape
    /// A recognised but unhandled escape sequence, kept for debugging.
    case unknown([UInt8])
}
