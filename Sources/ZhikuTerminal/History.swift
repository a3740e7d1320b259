#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Command history, kept in memory and appended to a private file after each line.
///
/// The file lives at `$ZHIKU_HISTORY`, else `$XDG_STATE_HOME/zhiku/history`, else
/// `~/.local/state/zhiku/history`. It is created with mode 0600 and its directories with 0700.
/// One entry per line; a newline inside an entry is stored as `\n` (backslash, n) and a backslash
/// as `\\`. Consecutive duplicates are dropped, lines starting with a space and `:auth` commands are
/// never recorded, and the file is trimmed to ``capacity`` entries when it grows to twice that.
///
/// ```swift
/// let h = History(fileURL: nil)   // memory only
/// h.add("稀土"); h.add("稀土"); h.add(" secret")
/// h.entries                        // ["稀土"]
/// ```
public final class History {
    /// Entries, oldest first.
    public private(set) var entries: [String] = []
    /// The backing file, or nil for a memory-only history.
    public let fileURL: URL?
    /// Maximum number of entries kept.
    public let capacity: Int
    private var linesInFile = 0

    /// Creates a history backed by `fileURL` (loaded now if it exists), or memory-only when nil.
    public init(fileURL: URL?, capacity: Int = 1000) {
        self.fileURL = fileURL
        self.capacity = max(1, capacity)
        load()
    }

    /// The default history file from the environment (see the type's documentation).
    /// Returns nil when no location can be determined (no `HOME`).
    public static func defaultFileURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let p = environment["ZHIKU_HISTORY"], !p.isEmpty { return URL(fileURLWithPath: p) }
        if let s = environment["XDG_STATE_HOME"], s.hasPrefix("/") {
            return URL(fileURLWithPath: s).appendingPathComponent("zhiku/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/zhiku/history")
    }

    /// Whether `line` may be recorded: not blank, not starting with a space, not an `:auth` command
    /// (ASCII or fullwidth colon).
    public static func isRecordable(_ line: String) -> Bool {
        if line.trimmingCharacters(in: .whitespaces).isEmpty { return false }
        if line.hasPrefix(" ") || line.hasPrefix("\u{3000}") { return false }
        let lower = line.lowercased()
        if lower == ":auth" || lower.hasPrefix(":auth ") || lower == "：auth" || lower.hasPrefix("：auth ") { return false }
        return true
    }

    /// Records `line` (unless filtered or equal to the previous entry) and appends it to the file.
    /// - Returns: whether the line was recorded.
    @discardableResult
    public func add(_ line: String) -> Bool {
        guard Self.isRecordable(line), entries.last != line else { return false }
        entries.append(line)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        append(line)
        return true
    }

    // MARK: - File

    private func load() {
        guard let url = fileURL, let data = FileManager.default.contents(atPath: url.path) else { return }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        linesInFile = lines.count
        for l in lines.suffix(capacity) {
            let e = Self.unescape(String(l))
            if entries.last != e { entries.append(e) }
        }
    }

    private func append(_ line: String) {
        guard let url = fileURL else { return }
        let dir = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        if linesInFile + 1 > capacity * 2 {
            rewrite(url)
            return
        }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((Self.escape(line) + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        linesInFile += 1
    }

    private func rewrite(_ url: URL) {
        let tmp = url.path + ".tmp.\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array(entries.map { Self.escape($0) + "\n" }.joined().utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if rename(tmp, url.path) == 0 { linesInFile = entries.count } else { unlink(tmp) }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var esc = false
        for c in s {
            if esc { out.append(c == "n" ? "\n" : c); esc = false } else if c == "\\" { esc = true } else { out.append(c) }
        }
        return out
    }
}
