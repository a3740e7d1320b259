import Foundation
import XCTest
import ZhikuTestSupport

/// A server that is not what it claims (issue 19): `zhiku search --server` and the REPL read its
/// replies with JSONDecoder and say what is wrong, instead of crashing (a lone surrogate escape,
/// `"\uD800\u0041"`, made the hand-made parser trap on a UInt32 underflow).
final class HostileServerTests: XCTestCase {
    /// Answers every line of every connection with `reply` (bounded: stops when the test ends).
    final class FakeServer: @unchecked Sendable {  // `stopped` is only touched under `lock`
        let port: Int
        private let fd: Int32
        private let lock = NSLock()
        private var stopped = false

        init(reply: String) {
            (fd, port) = Loopback.listeningSocket()
            let listener = fd, line = Array((reply + "\n").utf8)
            Thread { [self] in
                while !isStopped {
                    let c = accept(listener, nil, nil)  // fails once the listener is shut down
                    guard c >= 0 else { return }
                    Thread {
                        var buffer = [UInt8](repeating: 0, count: 4_096)
                        while true {
                            let n = read(c, &buffer, buffer.count)
                            guard n > 0 else { break }
                            for _ in buffer[..<n].filter({ $0 == 10 }) { _ = write(c, line, line.count) }
                        }
                        close(c)
                    }.start()
                }
            }.start()
        }

        private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

        func stop() {
            lock.lock(); stopped = true; lock.unlock()
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    static let hostile = #"{"ok":true,"id":null,"cmd":"SEARCH","took_ms":1,"warnings":[],"data":{"query":"\uD800\u0041","tokens":[],"total":1,"total_exact":true,"offset":0,"limit":10,"timed_out":false,"matched_all":true,"warnings":[],"hits":[]}}"#

    func testIssue19AHostileReplyIsAClearErrorNotACrash() throws {
        let server = FakeServer(reply: Self.hostile)
        defer { server.stop() }
        let search = try Binary.run(["search", "--server", "127.0.0.1:\(server.port)", "研究院"], timeout: 30)
        XCTAssertEqual(search.status, 2, "an error exit, not a signal: \(search.stderr)")
        XCTAssertTrue(search.stderr.hasPrefix("zhiku: ERR_IO: "), search.stderr)
        XCTAssertTrue(search.stderr.contains("cannot be read"), search.stderr)

        let repl = try Binary.run(["repl", "--server", "127.0.0.1:\(server.port)"], stdin: "研究院\n:stats\n", timeout: 30)
        XCTAssertTrue((0...2).contains(repl.status), "the REPL ends normally: \(repl.status) \(repl.stderr)")
        XCTAssertTrue(repl.stderr.contains("ERR_IO: the server's SEARCH reply cannot be read"), repl.stderr)
        XCTAssertTrue(repl.stderr.contains("reply cannot be read") && repl.stderr.components(separatedBy: "ERR_IO").count == 3,
                      "each command gets its error and the session goes on: \(repl.stderr)")
    }
}
