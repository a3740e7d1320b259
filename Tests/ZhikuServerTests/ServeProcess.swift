import Foundation
import XCTest
import ZhikuIndex
import ZhikuTestSupport
@testable import ZhikuServer

/// The built `zhiku serve` as a process of its own on 127.0.0.1, for what only a real process
/// shows (signals, its open descriptors).
final class ServeProcess {
    let process = Process()
    let port: Int
    private let errors = Pipe()

    /// Starts `zhiku serve --index index` and waits (at most 20 s) until it accepts connections.
    init(index: URL, arguments: [String] = []) throws {
        guard FileManager.default.isExecutableFile(atPath: Binary.url.path) else {
            throw XCTSkip("the zhiku executable is not built at \(Binary.url.path) (swift build)")
        }
        port = Loopback.freePort()
        process.executableURL = Binary.url
        process.arguments = ["serve", "--index", index.path, "--listen", "127.0.0.1:\(port)"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        for _ in 0..<200 {  // at most ~20 s
            if (try? ZhikuClient(host: "127.0.0.1", port: port, timeout: 1).call("PING").ok) == true { return }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        stop()
        XCTFail("zhiku serve did not start")
        throw XCTSkip("zhiku serve did not start")
    }

    func client(timeout: TimeInterval = 10) throws -> ZhikuClient {
        try ZhikuClient(host: "127.0.0.1", port: port, timeout: timeout)
    }

    /// Descriptors of the process that point at deleted files under `directory`.
    func deletedFilesOpen(under directory: URL) -> [String] {
        let fdDirectory = "/proc/\(process.processIdentifier)/fd"
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? []
        return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\($0)") }
            .filter { $0.hasPrefix(directory.path) && $0.hasSuffix("(deleted)") }
    }

    /// Sends `signal` and waits (at most `timeout`) for the exit; the exit status, nil when still running.
    @discardableResult
    func signal(_ signal: Int32, timeout: TimeInterval = 20) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }

    deinit { stop() }
}
