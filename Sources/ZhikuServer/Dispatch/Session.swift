import Foundation
import ZhikuIndex

/// Per-connection state the dispatcher reads and updates.
struct Session {
    var authenticated: Bool
    var authFailures = 0
}
