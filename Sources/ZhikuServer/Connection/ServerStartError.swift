import Foundation
import ZhikuIndex

/// Why the server could not start (bad configuration, address in use…).
public struct ServerStartError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
