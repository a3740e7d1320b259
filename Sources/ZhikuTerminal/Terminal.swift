#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// MARK: - Signal-safe global state
//
// Signal handlers may only touch memory that needs no allocation, locking or lazy initialisation.
// These raw buffers are allocated once (``Terminal/installSignalHandlers()`` forces them before any
// handler is installed) and never freed, and handlers call only async-signal-safe functions
// (tcsetattr, write, signal, sigprocmask, raise).

// `nonisolated(unsafe)`: signal handlers cannot take locks; these are written by the one thread
// that drives the terminal and read by handlers on it.

/// [0] termios to restore, [1] raw termios.
nonisolated(unsafe) private let termiosSlots: UnsafeMutablePointer<termios> = {
    let p = UnsafeMutablePointer<termios>.allocate(capacity: 2)
    p.initialize(repeating: termios(), count: 2)
    return p
}()

/// [0] raw mode active, [1] tty fd, [2] bracketed paste on, [3] resize pending, [4] continued
/// pending, [5] interrupts caught, [6] catch SIGINT instead of dying, [7] self-pipe read end,
/// [8] self-pipe write end.
nonisolated(unsafe) private let termFlags: UnsafeMutablePointer<Int32> = {
    let p = UnsafeMutablePointer<Int32>.allocate(capacity: 9)
    p.initialize(repeating: 0, count: 9)
    p[7] = -1; p[8] = -1
    return p
}()

private let pasteOffBytes: [UInt8] = Array("\u{1B}[?2004l".utf8)
nonisolated(unsafe) private let pasteOffPointer: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: pasteOffBytes.count)
    p.initialize(from: pasteOffBytes, count: pasteOffBytes.count)
    return p
}()
private let pasteOffCount = pasteOffBytes.count

private func signalSafeRestore() {
    guard termFlags[0] != 0 else { return }
    let fd = termFlags[1]
    if termFlags[2] != 0 { _ = write(fd, pasteOffPointer, pasteOffCount) }
    _ = tcsetattr(fd, TCSANOW, &termiosSlots[0])
}

private func signalSafeWake() {
    var b: UInt8 = 1
    if termFlags[8] >= 0 { _ = write(termFlags[8], &b, 1) }
}

private func fatalSignalHandler(_ sig: Int32) {
    if sig == SIGINT && termFlags[0] == 0 && termFlags[6] != 0 {
        termFlags[5] += 1
        signalSafeWake()
        return
    }
    signalSafeRestore()
    termFlags[0] = 0
    signal(sig, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, sig)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(sig)
}

private func stopSignalHandler(_ sig: Int32) {
    let wasRaw = termFlags[0]
    signalSafeRestore()
    signal(SIGTSTP, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTSTP)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(SIGTSTP)
    // Resumed (SIGCONT): back into raw mode if we were in it.
    signal(SIGTSTP, stopSignalHandler)
    if wasRaw != 0 {
        _ = tcsetattr(termFlags[1], TCSANOW, &termiosSlots[1])
        if termFlags[2] != 0 { termFlags[2] = 0 }  // the editor re-enables paste on redraw
    }
    termFlags[4] = 1
    signalSafeWake()
}

private func continueSignalHandler(_ sig: Int32) {
    if termFlags[0] != 0 { _ = tcsetattr(termFlags[1], TCSANOW, &termiosSlots[1]) }
    termFlags[4] = 1
    signalSafeWake()
}

private func resizeSignalHandler(_ sig: Int32) {
    termFlags[3] = 1
    signalSafeWake()
}

// MARK: - Terminal

/// Process-wide terminal control: TTY checks, raw mode with guaranteed restore, window size,
/// signals (SIGWINCH, SIGTSTP/SIGCONT, SIGINT/SIGTERM and crash signals) and environment checks.
///
/// Raw mode is restored on normal exit (`atexit`), on SIGINT/SIGTERM/SIGHUP/SIGQUIT and on crash
/// signals (the handler restores, then re-raises with the default action), and around a
/// suspension (SIGTSTP restores and stops; on SIGCONT raw mode is re-entered and a redraw is
/// requested through ``pendingEvents()``).
///
/// ```swift
/// guard Terminal.isTTY(STDIN_FILENO) else { … }
/// try Terminal.enableRawMode(fd: STDIN_FILENO)
/// defer { Terminal.restoreMode() }
/// ```
public enum Terminal {
    /// Events noticed by signal handlers since the last call of ``pendingEvents()``.
    public struct Events: Equatable, Sendable {
        /// The window size changed (SIGWINCH).
        public var resized = false
        /// The process was continued after a stop (SIGCONT): redraw everything.
        public var continued = false
        /// SIGINTs caught while ``catchInterrupts`` was on.
        public var interrupts = 0
    }

    /// Errors from terminal setup.
    public struct TerminalError: Error, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    // Set once, by the thread that drives the terminal, before any handler is installed.
    nonisolated(unsafe) private static var handlersInstalled = false
    nonisolated(unsafe) private static var atexitInstalled = false

    // MARK: Environment

    /// Whether `fd` refers to a terminal.
    public static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether `TERM` is `dumb` (or unset): no cursor movement, no line editing.
    public static func isDumb(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let t = environment["TERM"], !t.isEmpty else { return true }
        return t == "dumb"
    }

    /// Whether `NO_COLOR` is set to a non-empty value (no-color.org).
    public static func noColor(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let v = environment["NO_COLOR"], !v.isEmpty { return true }
        return false
    }

    /// Whether colour should be used on `fd` in `auto` mode: a TTY, `NO_COLOR` unset or empty, `TERM` not dumb.
    public static func colorAllowed(fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        isTTY(fd) && !noColor(environment: environment) && !isDumb(environment: environment)
    }

    /// The window size of `fd` as (columns, rows), or nil when it is not a terminal or reports 0.
    public static func size(fd: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
        var ws = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 else { return nil }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    /// Columns of `fd`, else `$COLUMNS`, else 80.
    public static func columns(fd: Int32 = STDOUT_FILENO) -> Int {
        if let s = size(fd: fd) { return s.columns }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return 80
    }

    // MARK: Raw mode

    /// Whether raw mode is currently on.
    public static var isRaw: Bool { termFlags[0] != 0 }

    /// Puts the terminal on `fd` into raw mode (no echo, no line buffering, no signals from keys,
    /// no output post-processing) and remembers the previous mode for ``restoreMode()``.
    /// - Parameter bracketedPaste: also send `ESC[?2004h` (turned off again by ``restoreMode()``).
    /// - Throws: ``TerminalError`` when `fd` is not a terminal.
    public static func enableRawMode(fd: Int32 = STDIN_FILENO, bracketedPaste: Bool = false) throws {
        installSignalHandlers()
        if termFlags[0] != 0 { return }
        var original = termios()
        guard isatty(fd) == 1, tcgetattr(fd, &original) == 0 else {
            throw TerminalError(description: "not a terminal (fd \(fd))")
        }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_oflag &= ~tcflag_t(OPOST)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        termiosSlots[0] = original
        termiosSlots[1] = raw
        termFlags[1] = fd
        guard tcsetattr(fd, TCSADRAIN, &raw) == 0 else {  // TCSADRAIN: keys typed while a command ran are kept
            throw TerminalError(description: "tcsetattr failed: \(String(cString: strerror(errno)))")
        }
        termFlags[0] = 1
        if bracketedPaste {
            writeAll(fd: STDOUT_FILENO, ANSI.bracketedPasteOn)
            termFlags[2] = 1
        }
    }

    /// Turns bracketed paste back on after a suspension (the shell may have reset it).
    public static func reassertBracketedPaste() {
        guard termFlags[0] != 0 else { return }
        writeAll(fd: STDOUT_FILENO, ANSI.bracketedPasteOn)
        termFlags[2] = 1
    }

    /// Restores the mode saved by ``enableRawMode(fd:bracketedPaste:)``; does nothing if not raw.
    public static func restoreMode() {
        guard termFlags[0] != 0 else { return }
        if termFlags[2] != 0 { writeAll(fd: STDOUT_FILENO, ANSI.bracketedPasteOff); termFlags[2] = 0 }
        _ = tcsetattr(termFlags[1], TCSADRAIN, &termiosSlots[0])
        termFlags[0] = 0
    }

    // MARK: Signals

    /// A file descriptor that becomes readable when a signal event is pending; poll it together
    /// with the input fd, then call ``pendingEvents()``.
    public static var signalFD: Int32 {
        installSignalHandlers()
        return termFlags[7]
    }

    /// When on, SIGINT outside raw mode is counted (see ``pendingEvents()``) instead of ending the
    /// process; used to cancel a running query with Ctrl-C.
    public static var catchInterrupts: Bool {
        get { termFlags[6] != 0 }
        set { installSignalHandlers(); termFlags[6] = newValue ? 1 : 0 }
    }

    /// Returns and clears the events noticed by the signal handlers.
    public static func pendingEvents() -> Events {
        var e = Events()
        var buf = [UInt8](repeating: 0, count: 64)
        if termFlags[7] >= 0 { while read(termFlags[7], &buf, buf.count) > 0 {} }
        if termFlags[3] != 0 { termFlags[3] = 0; e.resized = true }
        if termFlags[4] != 0 { termFlags[4] = 0; e.continued = true }
        if termFlags[5] != 0 { e.interrupts = Int(termFlags[5]); termFlags[5] = 0 }
        return e
    }

    /// Installs the signal handlers and the `atexit` restore hook (idempotent).
    public static func installSignalHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        // Force the lazy globals now: handlers must never be the first to touch them.
        _ = termiosSlots; _ = termFlags; _ = pasteOffPointer; _ = pasteOffCount
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for f in fds {
                _ = fcntl(f, F_SETFL, fcntl(f, F_GETFL) | O_NONBLOCK)
                _ = fcntl(f, F_SETFD, FD_CLOEXEC)
            }
            termFlags[7] = fds[0]; termFlags[8] = fds[1]
        }
        if !atexitInstalled {
            atexitInstalled = true
            atexit { signalSafeRestore(); termFlags[0] = 0 }
        }
        for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(s, fatalSignalHandler)
        }
        signal(SIGTSTP, stopSignalHandler)
        signal(SIGCONT, continueSignalHandler)
        signal(SIGWINCH, resizeSignalHandler)
    }

    // MARK: Output

    /// Writes all of `string` to `fd`, retrying on partial writes and EINTR.
    public static func writeAll(fd: Int32, _ string: String) {
        var bytes = Array(string.utf8)
        bytes.withUnsafeMutableBytes { buf in
            var off = 0
            while off < buf.count {
                let n = write(fd, buf.baseAddress! + off, buf.count - off)
                if n > 0 { off += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}
