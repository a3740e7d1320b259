import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Loopback helpers for tests that start a real server.
public enum Loopback {
    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it; the socket is closed).
    public static func freePort() -> Int {
        let (fd, port) = boundSocket()
        close(fd)
        return port
    }

    /// A socket listening on 127.0.0.1 at a port the kernel picks: the caller closes `fd`.
    public static func listeningSocket() -> (fd: Int32, port: Int) {
        let (fd, port) = boundSocket()
        _ = listen(fd, 1)
        return (fd, port)
    }

    /// A TCP socket bound to 127.0.0.1 at a port the kernel picks, and that port.
    private static func boundSocket() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }
}
