import Foundation
import Logging
import NIOCore
import NIOPosix
import ZhikuIndex

/// Sent down every connection's pipeline when the server starts draining.
struct DrainEvent {}
