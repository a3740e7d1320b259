import Foundation
import XCTest

/// A real pseudo-terminal for end-to-end tests (shared by the terminal and CLI test targets): a private tmux server (its own socket, killed at
/// the end) running one command in a pane of a fixed size. Every wait is bounded.
public final class TmuxSession {
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmuxPath) }
    public static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"
    private static var counter = 0

    public let socket: String
    public let columns: Int
    public let rows: Int

    /// Starts `command` (run by `/bin/sh -c`) in a `columns`×`rows` pane.
    public init(command: String, columns: Int, rows: Int, environment: [String: String] = [:]) throws {
        Self.counter += 1
        socket = "zhiku-test-\(getpid())-\(Self.counter)"
        self.columns = columns
        self.rows = rows
        var env = ""
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { env += "\(k)=\(Self.quote(v)) " }
        let full = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \(env)\(command)"
        // The server daemonizes from this call: it must not inherit a pipe we read to EOF.
        _ = try run(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(columns)", "-y", "\(rows)", full,
                     ";", "set-option", "-t", "t", "remain-on-exit", "on"], capture: false)
    }

    deinit { _ = try? run(["kill-server"], capture: false) }

    public static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs `tmux -L <socket> args…` with posix_spawn and waitpid (no Foundation.Process: the
    /// daemonizing server must not hold a pipe we wait on). Output goes through a temp file.
    @discardableResult
    public func run(_ args: [String], capture: Bool = true) throws -> String {
        let outPath = NSTemporaryDirectory() + "zhiku-tmux-\(getpid())-\(UUID().uuidString)"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = [Self.tmuxPath, "-L", socket] + args
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"; env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        let envp = env.map { "\($0.key)=\($0.value)" }
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = envp.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) }; for p in cEnv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, Self.tmuxPath, &actions, nil, &cArgs, &cEnv)
        guard rc == 0 else { throw NSError(domain: "tmux", code: Int(rc)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard capture else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// Types literal text (UTF-8).
    public func type(_ text: String) throws { try run(["send-keys", "-t", "t", "-l", text]) }

    /// Sends tmux key names: "Left", "BSpace", "C-c", "Enter", "Up", "Home" …
    public func keys(_ names: String...) throws { try run(["send-keys", "-t", "t"] + names) }

    /// The visible screen, one string per row (trailing blanks trimmed by tmux).
    public func screen() throws -> [String] {
        try run(["capture-pane", "-t", "t", "-p"]).components(separatedBy: "\n")
    }

    /// Cursor (row, column), 0-based.
    public func cursor() throws -> (row: Int, column: Int) {
        let s = try run(["display-message", "-t", "t", "-p", "#{cursor_y} #{cursor_x}"])
        let n = s.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return n.count == 2 ? (n[0], n[1]) : (-1, -1)
    }

    /// Whether the pane's command has exited, and its status.
    public func exitStatus() throws -> Int? {
        let s = try run(["display-message", "-t", "t", "-p", "#{pane_dead} #{pane_dead_status}"])
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.first == "1" else { return nil }
        return parts.count > 1 ? Int(parts[1]) : -1
    }

    /// Polls `condition` every 30 ms until it holds or `timeout` passes; returns whether it held.
    @discardableResult
    public func wait(timeout: TimeInterval = 5, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            usleep(30_000)
        }
        return try condition()
    }

    /// Waits until the screen satisfies `predicate`; records a failure (with the screen) on timeout.
    @discardableResult
    public func waitForScreen(timeout: TimeInterval = 5, file: StaticString = #filePath, line: UInt = #line,
                       _ predicate: ([String]) -> Bool) throws -> [String] {
        var last: [String] = []
        let ok = try wait(timeout: timeout) { last = try screen(); return predicate(last) }
        if !ok { XCTFail("screen did not match within \(timeout)s:\n" + last.joined(separator: "\n"), file: file, line: line) }
        return last
    }
}
