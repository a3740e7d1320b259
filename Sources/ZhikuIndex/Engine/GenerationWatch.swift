import Foundation
import GRDB

/// Reads the ``IndexGeneration`` of one engine's database file: SQLite's `PRAGMA data_version` on
/// a read-only connection of its own (opened on first use), which changes whenever another
/// connection commits. A few microseconds, under a lock: call it off any event loop.
final class GenerationWatch: @unchecked Sendable {  // `queue` is only touched under `lock`
    private let path: String
    private let file: FileIdentity?
    private let lock = NSLock()
    private var queue: DatabaseQueue?

    /// - Parameter file: the identity of the file the engine opened at `path`.
    init(path: String, file: FileIdentity?) {
        self.path = path
        self.file = file
    }

    /// The current generation of the engine's file; nil when it cannot be read, or when another
    /// file has taken its place before the watch could open it (then nothing may be labelled).
    func current() -> IndexGeneration? {
        guard let file else { return nil }
        lock.lock(); defer { lock.unlock() }
        do {
            if queue == nil {
                var config = Configuration()
                config.readonly = true
                config.label = "zhiku.generation"
                let opened = try DatabaseQueue(path: path, configuration: config)
                // The connection opens the file lazily: read once, then check it is the engine's.
                _ = try opened.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") }
                guard FileIdentity(path: path) == file else {
                    try? opened.close()
                    return nil
                }
                queue = opened
            }
            let version = try queue!.inDatabase { db in
                try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
            return IndexGeneration(file: file, version: version)
        } catch {
            try? queue?.close()
            queue = nil
            return nil
        }
    }
}
