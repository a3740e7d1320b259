#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Shows long output through `$PAGER` (default `less -FRX`) when it does not fit the terminal.
///
/// ```swift
/// let pager = Pager(mode: .auto)
/// pager.show(longText)   // piped to less when taller than the window, printed otherwise
/// ```
public struct Pager: Sendable {
    /// When to page.
    public enum Mode: String, CaseIterable, Sendable {
        /// Page when stdout is a TTY and the text is taller than the window.
        case auto
        /// Page whenever stdout is a TTY.
        case on
        /// Never page.
        case off
    }

    /// The paging mode.
    public var mode: Mode
    /// The shell command that pages stdin.
    public var command: String

    /// Creates a pager; `command` defaults to ``defaultCommand(environment:)``.
    public init(mode: Mode = .auto, command: String? = nil) {
        self.mode = mode
        self.command = command ?? Self.defaultCommand()
    }

    /// `$PAGER` when set and non-empty, else `less -FRX`.
    public static func defaultCommand(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["PAGER"], !p.trimmingCharacters(in: .whitespaces).isEmpty { return p }
        return "less -FRX"
    }

    /// Rows `text` takes on a terminal `columns` wide, counting wrapped lines by display width.
    ///
    /// ```swift
    /// Pager.rows(of: "中文中文\nab", columns: 4)  // 3
    /// ```
    public static func rows(of text: String, columns: Int, width: DisplayWidth = .standard) -> Int {
        let cols = max(1, columns)
        var total = 0
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            let w = width.visibleWidth(of: String(line))
            total += max(1, (w + cols - 1) / cols)
        }
        return total
    }

    /// Whether `text` should go through the pager on a terminal of `size` (nil: not a TTY).
    public func shouldPage(_ text: String, size: (columns: Int, rows: Int)?) -> Bool {
        guard let size, size.rows > 0 else { return false }
        switch mode {
        case .off: return false
        case .on: return true
        case .auto: return Self.rows(of: text, columns: size.columns) > size.rows - 1
        }
    }

    /// Prints `text` (a trailing newline is added if missing), through the pager when
    /// ``shouldPage(_:size:)`` says so and the pager can be started.
    /// Ctrl-C inside the pager does not end this process.
    public func show(_ text: String) {
        let body = text.hasSuffix("\n") ? text : text + "\n"
        let size = Terminal.isTTY(STDOUT_FILENO) ? Terminal.size(fd: STDOUT_FILENO) : nil
        guard shouldPage(body, size: size), run(body) else {
            FileHandle.standardOutput.write(Data(body.utf8))
            return
        }
    }

    private func run(_ body: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        var env = ProcessInfo.processInfo.environment
        if env["LESS"] == nil { env["LESS"] = "FRX" }
        if env["LESSCHARSET"] == nil { env["LESSCHARSET"] = "utf-8" }
        p.environment = env
        let pipe = Pipe()
        p.standardInput = pipe
        let previousCatch = Terminal.catchInterrupts
        Terminal.catchInterrupts = true
        let oldPipe = signal(SIGPIPE, SIG_IGN)
        defer {
            signal(SIGPIPE, oldPipe)
            _ = Terminal.pendingEvents()
            Terminal.catchInterrupts = previousCatch
        }
        do { try p.run() } catch { return false }
        Terminal.writeAll(fd: pipe.fileHandleForWriting.fileDescriptor, body)
        try? pipe.fileHandleForWriting.close()
        p.waitUntilExit()
        return true
    }
}
