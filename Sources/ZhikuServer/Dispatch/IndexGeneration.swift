import Foundation
import GRDB
import ZhikuIndex

/// Which state of the index a reply was computed from: the database file (device and inode, so
/// a replaced file is a new generation) and SQLite's `PRAGMA data_version` on a connection of our
/// own, which changes whenever another connection — `zhiku index` in another process included —
/// commits a transaction. Versions of one file only grow.
struct IndexGeneration: Equatable, Sendable {
    var file: FileIdentity
    var version: Int64

    init(file: FileIdentity, version: Int64) {
        self.file = file
        self.version = version
    }

    init(device: UInt64, inode: UInt64, version: Int64) {
        self.init(file: FileIdentity(device: device, inode: inode), version: version)
    }

    func sameFile(as other: IndexGeneration) -> Bool { file == other.file }
}

/// Reads the current ``IndexGeneration`` of an index: one `stat` and one `PRAGMA data_version` on a
/// dedicated read-only connection (a few microseconds). Read it *before* the engine call whose
/// result it labels: the result is then at least as new as the label, and any commit after the
/// read changes the generation that later lookups see.
final class IndexGenerationReader: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var queue: DatabaseQueue?
    private var queueFile: FileIdentity?

    init(indexDirectory: URL) {
        path = IndexStore.databaseURL(in: indexDirectory).path
    }

    /// The current generation, or nil when the index file cannot be read (then nothing is cached).
    func current() -> IndexGeneration? {
        guard let file = FileIdentity(path: path) else { return nil }
        lock.lock(); defer { lock.unlock() }
        do {
            if queue == nil || queueFile != file {
                // First use, or the file was replaced: watch the new one.
                try queue?.close()
                var config = Configuration()
                config.readonly = true
                config.label = "zhiku.server.generation"
                queue = try DatabaseQueue(path: path, configuration: config)
                queueFile = file
            }
            let version = try queue!.inDatabase { db in
                try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
            return IndexGeneration(file: file, version: version)
        } catch {
            try? queue?.close()
            queue = nil
            queueFile = nil
            return nil
        }
    }
}
