import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a child process cost: wall time, its own peak RSS (from `wait4`, not the sum over all
/// children) and its exit status.
struct ChildRun {
    var seconds: Double
    var peakRSSBytes: Int
    var exitStatus: Int32
    var userSeconds: Double
    var systemSeconds: Double
}

enum Spawn {
    /// Runs `executable` with `arguments`, stdout to `stdoutPath` (default /dev/null), stderr to
    /// `stderrPath` (default: inherited), and waits for it with `wait4` to read its rusage.
    static func run(_ executable: String, _ arguments: [String], stdoutPath: String = "/dev/null",
                    stderrPath: String? = nil) throws -> ChildRun {
        // fork + execve, not posix_spawn: glibc's posix_spawn uses CLONE_VM|CLONE_VFORK, and the
        // kernel then carries this process's own peak RSS into the child's ru_maxrss at exec.
        let out = open(stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard out >= 0 else { throw BenchError("cannot open \(stdoutPath)") }
        defer { close(out) }
        let err = stderrPath.map { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) } ?? 2
        defer { if stderrPath != nil, err >= 0 { close(err) } }
        let path = executable.contains("/") ? executable : (Spawn.which(executable) ?? executable)
        let cPath = strdup(path)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; free(cPath) }
        let started = DispatchTime.now().uptimeNanoseconds
        let pid = fork()
        if pid == 0 {
            // Child: async-signal-safe calls only.
            dup2(out, 1)
            if err >= 0 { dup2(err, 2) }
            execv(cPath!, argv)
            _exit(127)
        }
        guard pid > 0 else { throw BenchError("cannot fork for \(executable): \(String(cString: strerror(errno)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for \(executable): \(String(cString: strerror(errno)))") }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        // Linux reports ru_maxrss in KiB (macOS in bytes).
        #if os(Linux)
        let rss = Int(usage.ru_maxrss) * 1024
        #else
        let rss = Int(usage.ru_maxrss)
        #endif
        return ChildRun(seconds: seconds, peakRSSBytes: rss, exitStatus: code,
                        userSeconds: secs(usage.ru_utime), systemSeconds: secs(usage.ru_stime))
    }

    /// Runs and fails unless the exit status is in `accept`.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String], stdoutPath: String = "/dev/null",
                      stderrPath: String? = nil, accept: Set<Int32> = [0]) throws -> ChildRun {
        let r = try run(executable, arguments, stdoutPath: stdoutPath, stderrPath: stderrPath)
        guard accept.contains(r.exitStatus) else {
            var detail = ""
            if let stderrPath, let text = try? String(contentsOfFile: stderrPath, encoding: .utf8) { detail = "\n" + text.suffix(2000) }
            throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited with \(r.exitStatus)\(detail)")
        }
        return r
    }

    /// The first `name` on PATH, if any.
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
