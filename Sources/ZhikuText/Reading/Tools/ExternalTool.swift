import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An external program a reader runs (pdftotext, antiword), found on `PATH`: the one runner every
/// reader that shells out uses.
///
/// A run has a time limit and an output limit. The program starts in a process group of its own
/// (with its children, as `wvText` has), stdin is `/dev/null`, and at either limit the whole
/// group is killed: a hanging or runaway converter never holds up indexing.
public struct ExternalTool: Sendable {
    /// The program's name, looked up on `PATH`.
    public let name: String
    /// The Debian package that installs it, named in the reason when it is missing.
    public let package: String

    public init(_ name: String, package: String) {
        self.name = name
        self.package = package
    }

    /// What a run printed, and how it ended.
    public struct Output: Sendable {
        public var stdout: [UInt8]
        /// The first ``stderrLimit`` bytes of stderr, decoded leniently.
        public var stderr: String
        /// The exit status; 128 + the signal's number when a signal ended it.
        public var status: Int32

        /// The first non-empty line of stderr, for a skip reason.
        public var firstErrorLine: String {
            stderr.split(whereSeparator: \.isNewline).first.map { String($0.prefix(200)) } ?? "exit status \(status)"
        }
    }

    /// Bytes of stderr kept; the rest is read and dropped.
    static let stderrLimit = 64 << 10

    /// The program's path on `PATH`, or nil when it is not installed.
    public var path: String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let search = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in search.split(separator: ":") where !dir.isEmpty {
            let candidate = dir + "/" + name
            var st = stat()
            if stat(candidate, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs the program with `arguments`.
    /// - throws: ``ReadFailure/toolMissing(tool:package:)`` when it is not on `PATH`,
    ///   ``ReadFailure/toolTimedOut(tool:seconds:)`` after `timeLimit` seconds,
    ///   ``ReadFailure/toolOutputTooLarge(tool:limit:)`` past `outputLimit` bytes of stdout.
    ///   A non-zero exit status is not an error here: the caller reads it.
    public func run(_ arguments: [String], timeLimit: Double, outputLimit: Int = 256 << 20) throws(ReadFailure) -> Output {
        guard let path else { throw .toolMissing(tool: name, package: package) }
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        // Close-on-exec: a converter started by another thread at the same moment must not
        // inherit these ends (it would hold the pipe open, and EOF would never come).
        guard zhiku_pipe2(&outPipe, O_CLOEXEC) == 0 else { throw .toolFailed(tool: name, message: "no pipe: \(String(cString: strerror(errno)))") }
        guard zhiku_pipe2(&errPipe, O_CLOEXEC) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw .toolFailed(tool: name, message: "no pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group (to kill it with its children), no blocked signals, and SIGPIPE
        // back to its default (a server that ignores it would pass that on).
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw .toolFailed(tool: name, message: "cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        defer { close(outPipe[0]); close(errPipe[0]) }

        let deadline = Date().addingTimeInterval(timeLimit)
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0), pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        func killGroup() {
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        while fds.contains(where: { $0.fd >= 0 }) {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { killGroup(); throw .toolTimedOut(tool: name, seconds: timeLimit) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(left * 1000 + 1, 1000)))
            if ready < 0 && errno != EINTR { killGroup(); throw .toolFailed(tool: name, message: "poll: \(String(cString: strerror(errno)))") }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if i == 0 {
                        stdout.append(contentsOf: chunk[0..<n])
                        if stdout.count > outputLimit { killGroup(); throw .toolOutputTooLarge(tool: name, limit: outputLimit) }
                    } else if stderr.count < ExternalTool.stderrLimit {
                        stderr.append(contentsOf: chunk[0..<min(n, ExternalTool.stderrLimit - stderr.count)])
                    }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    fds[i].fd = -1  // poll skips negative descriptors
                }
            }
        }
        // Both pipes are closed; the program may still be running (or have a child holding on).
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if deadline.timeIntervalSinceNow <= 0 { killGroup(); throw .toolTimedOut(tool: name, seconds: timeLimit) }
            usleep(2_000)
        }
        // Children it left behind in its group go with it.
        kill(-pid, SIGKILL)
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self), status: code)
    }

    /// Writes `bytes` to a new temporary file (mode 0600) named with `suffix`, calls `body` with
    /// its path and removes it, whatever happens: the converters read files, the readers get bytes.
    public static func withTemporaryFile<T>(_ bytes: [UInt8], suffix: String, _ body: (String) throws(ReadFailure) -> T) throws(ReadFailure) -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-\(UUID().uuidString)\(suffix)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .toolFailed(tool: "zhiku", message: "cannot write a temporary file in \(FileManager.default.temporaryDirectory.path): \(String(cString: strerror(errno)))") }
        defer { unlink(path) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buf -> Bool in
            while written < buf.count {
                let n = write(fd, buf.baseAddress! + written, buf.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        close(fd)
        guard ok else { throw .toolFailed(tool: "zhiku", message: "cannot write a temporary file: \(String(cString: strerror(errno)))") }
        return try body(path)
    }
}

#if canImport(Glibc)
/// glibc's `pipe2(2)`, which Swift's Glibc module does not export (it needs _GNU_SOURCE).
@_silgen_name("pipe2") private func zhiku_pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
#else
private func zhiku_pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
    guard pipe(fds) == 0 else { return -1 }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC); _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return 0
}
#endif
