import Foundation
import XCTest

/// Runs the built `zhiku` executable, as a user would.
public enum Binary {
    public static var url: URL {
        // The test bundle lives in the build products folder, next to the executable.
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("zhiku")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fromPackage = packageRoot.appendingPathComponent(".build/debug/zhiku")
        return fromPackage
    }

    public static var packageRoot: URL { Fixtures.packageRoot }

    public static var sharedRoot: URL { Fixtures.sharedRoot }

    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Runs `zhiku args…` in `directory` with `stdin` as input; gives up after `timeout` seconds.
    @discardableResult
    public static func run(_ args: [String], in directory: URL? = nil, stdin: String? = nil, env: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
        try run(program: url, args, in: directory, stdin: stdin, env: env, timeout: timeout)
    }

    /// Runs `program args…` (another program: `setpriv … zhiku`) as ``run(_:in:stdin:env:timeout:)`` runs zhiku.
    @discardableResult
    public static func run(program: URL, _ args: [String], in directory: URL? = nil, stdin: String? = nil, env: [String: String] = [:],
                           timeout: TimeInterval = 120) throws -> Result {
        let p = Process()
        p.executableURL = program
        p.arguments = args
        if let directory { p.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        // Read both pipes while the process runs so that a full pipe never blocks it.
        var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate(); XCTFail("\(program.lastPathComponent) \(args) timed out") }
        p.waitUntilExit()
        _ = group.wait(timeout: .now() + 10)
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary folder with a corpus and an index, removed at the end.
public final class Workspace {
    public let root: URL
    public var corpus: URL { root.appendingPathComponent("corpus") }
    public var index: URL { root.appendingPathComponent("index") }

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public func addSampleReport() throws {
        try FileManager.default.copyItem(at: Fixtures.sampleReport,
                                         to: corpus.appendingPathComponent("sample.txt"))
    }

    public func write(_ name: String, _ text: String) throws {
        let url = corpus.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// The lines a process writes, read on a thread of their own, handed out one at a time.
public final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private let available = DispatchSemaphore(value: 0)

    public init(_ handle: FileHandle) {
        Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }  // EOF
                pending.append(chunk)
                while let nl = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...nl)
                    lock.lock(); lines.append(line); lock.unlock()
                    available.signal()
                }
            }
        }.start()
    }

    public func next(timeout: TimeInterval) -> String? {
        guard available.wait(timeout: .now() + timeout) == .success else { return nil }
        lock.lock(); defer { lock.unlock() }
        return lines.removeFirst()
    }
}

extension Binary {
    /// Runs `zhiku args…` with output to /dev/null and returns its exit status and peak memory
    /// (maximum resident set, in KB, from wait4): memory bounds checked on the real binary.
    public static func runMeasuringMemory(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, maxRSSKB: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let argv: [UnsafeMutablePointer<CChar>?] = ([url.path] + args).map { strdup($0) } + [nil]
        defer { (envp + argv).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, url.path, &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xff, Int(usage.ru_maxrss))
    }
}
