import Foundation
import GRDB

/// The on-disk index: one SQLite file in WAL mode under the index folder, opened through a
/// `DatabasePool` so that readers (searches, the server) run beside the one writer (`zhiku index`).
public final class IndexStore: @unchecked Sendable {
    /// The index folder.
    public let directory: URL
    /// Replaced only by ``buildFresh(_:)``, while the store is still private to the indexer.
    private(set) var pool: DatabasePool
    /// Whether `openForWriting` created the database in this process (it is empty, and nobody else
    /// has it open): the first run may then build it in a side file (``buildFresh(_:)``).
    private(set) var isNew = false
    /// The schema version of the index `openForWriting` replaced because an older zhiku had built
    /// it (`replacingOlderSchema`), if it did.
    public private(set) var replacedSchemaVersion: Int?
    /// Held by a store opened for writing, for its whole life.
    private var writerLock: WriterLock?
    /// The database file this store opened (device and inode), to tell when another file has taken
    /// its place (the folder deleted and indexed again).
    public private(set) var fileIdentity: FileIdentity?
    /// Passage lengths for ``RankFunction``, loaded when queries want them.
    let lengths = PassageLengths()
    /// Row counts of the phrases queried, for ``RankFunction``'s IDFs.
    let phraseStatistics = PhraseStatistics()
    /// The facts' distinct attributes, for fact questions.
    let factAttributes = FactAttributes()
    /// The documents with their profiles and passage ranges, for fact lookup and search filters.
    let catalog = DocumentCatalog()

    /// Where the database lives inside `directory`.
    public static func databaseURL(in directory: URL) -> URL {
        directory.appendingPathComponent(Schema.fileName)
    }

    /// The schema version this zhiku reads and writes.
    public static var schemaVersion: Int { Schema.version }

    /// Reader connections the pool opens at most (threads that hold one, ``holdingReader(_:)``,
    /// included).
    public static let maximumReaders = 12

    static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.prepareDatabase { db in
            db.add(tokenizer: BigramTokenizer.self)
            RankFunction.register(db)
            if !readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY")
            } else {
                try db.execute(sql: "PRAGMA cache_size = -16384")
            }
        }
        config.maximumReaderCount = maximumReaders
        config.busyMode = .timeout(10)
        return config
    }

    init(directory: URL, pool: DatabasePool) {
        self.directory = directory
        self.pool = pool
    }

    /// Opens an existing index for reading.
    /// - throws: ``ZhikuError`` `indexMissing` when there is none, `indexUnusable` when it is
    ///   damaged or was built by another version.
    public static func open(directory: URL) throws -> IndexStore {
        let url = databaseURL(in: directory)
        guard FileManager.default.fileExists(atPath: url.path) else { throw ZhikuError.indexMissing(directory.path) }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration(readonly: false))
        } catch {
            throw ZhikuError.indexUnusable(directory.path, describe(error))
        }
        let store = IndexStore(directory: directory, pool: pool)
        try store.checkSchema()
        store.fileIdentity = FileIdentity(path: url.path)
        return store
    }

    /// Whether a `zhiku index` is writing the index in `directory` now (its writer lock is held).
    /// Linux only (`/proc/locks`); false elsewhere.
    public static func isBeingWritten(directory: URL) -> Bool {
        WriterLock.isHeld(in: directory)
    }

    /// Opens the index for writing, creating it when missing.
    /// - parameters:
    ///   - replacingUnusable: when the existing file is damaged or of another schema version,
    ///     delete it and start a new index (what `zhiku index --rebuild` asks for); otherwise such a
    ///     file is refused and left as it is.
    ///   - replacingOlderSchema: the same, only for an index an older zhiku built (its schema
    ///     version is lower than this one's): it can only be rebuilt. An index of a newer zhiku, a
    ///     damaged file or something else is still refused. ``replacedSchemaVersion`` says whether
    ///     it happened.
    ///   - whileWaiting: one writer at a time: when another writer holds the index (another
    ///     process, or another store opened for writing in this one), `nil` throws `indexBusy` at
    ///     once; otherwise it is called (with the holder's pid when known) and the other writer is
    ///     waited for. The store keeps the folder's lock until it is released.
    public static func openForWriting(directory: URL, replacingUnusable: Bool = false, replacingOlderSchema: Bool = false,
                                      whileWaiting: ((_ holder: Int32?) -> Void)? = nil) throws -> IndexStore {
        try createDirectory(directory)
        let lock = try WriterLock(directory: directory, whileWaiting: whileWaiting)
        let store = try openReplacing(directory: directory, replacingUnusable: replacingUnusable, replacingOlderSchema: replacingOlderSchema)
        store.writerLock = lock
        return store
    }

    /// Under the writer lock: opens, or replaces what may be replaced.
    private static func openReplacing(directory: URL, replacingUnusable: Bool, replacingOlderSchema: Bool) throws -> IndexStore {
        do {
            return try openWritable(directory: directory)
        } catch let e as ZhikuError where e.code == .indexUnusable {
            let older = storedSchemaVersion(in: directory).flatMap { (1..<Schema.version).contains($0) ? $0 : nil }
            guard replacingUnusable || (replacingOlderSchema && older != nil) else { throw e }
            let base = databaseURL(in: directory).path
            for path in [base, base + "-wal", base + "-shm"] where FileManager.default.fileExists(atPath: path) {
                do {
                    try FileManager.default.removeItem(atPath: path)
                } catch {
                    throw ZhikuError(.io, "cannot remove the unusable index \(path): \(error.localizedDescription)")
                }
            }
            let store = try openWritable(directory: directory)
            store.replacedSchemaVersion = older
            return store
        }
    }

    /// The schema version the index file in `directory` records, if it opens as a zhiku index.
    static func storedSchemaVersion(in directory: URL) -> Int? {
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: databaseURL(in: directory).path, configuration: config) else { return nil }
        defer { try? queue.close() }
        return try? queue.read(schemaVersion)
    }

    /// The schema version recorded in `db`'s `meta` table; nil when it records none.
    private static func schemaVersion(_ db: Database) throws -> Int? {
        guard try db.tableExists("meta") else { return nil }
        return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'").flatMap { Int($0) }
    }

    private static func createDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ZhikuError(.io, "cannot create the index folder \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Opens (creating it when missing) the database for writing; the caller holds the lock.
    private static func openWritable(directory: URL) throws -> IndexStore {
        let url = databaseURL(in: directory)
        let pool: DatabasePool
        let created = !FileManager.default.fileExists(atPath: url.path)
        do {
            if created {
                // A new index is created in rollback-journal mode first, so that auto_vacuum can
                // still be set, then reopened in WAL mode. A half-created file is removed.
                do {
                    var config = Configuration()
                    config.prepareDatabase { db in db.add(tokenizer: BigramTokenizer.self) }
                    let queue = try DatabaseQueue(path: url.path, configuration: config)
                    try queue.writeWithoutTransaction { db in try Schema.prepareEmptyFile(db) }
                    try queue.write { db in try Schema.create(db) }
                    try queue.close()
                } catch {
                    try? FileManager.default.removeItem(at: url)
                    throw error
                }
            }
            pool = try DatabasePool(path: url.path, configuration: configuration(readonly: false))
        } catch let e as ZhikuError {
            throw e
        } catch {
            throw ZhikuError.indexUnusable(directory.path, describe(error))
        }
        let store = IndexStore(directory: directory, pool: pool)
        try store.checkSchema()
        store.isNew = created
        return store
    }

    /// Builds the whole index anew in a side file, without a journal (nothing to roll back to: on
    /// failure or interruption the side file is simply left behind and removed by the next run),
    /// then moves it over the empty database this store was created with. About a tenth faster
    /// than writing through the WAL, which writes every page twice.
    /// - precondition: ``isNew``; nobody else has the database open.
    func buildFresh(_ body: (Database) throws -> Void) throws {
        precondition(isNew)
        let final = IndexStore.databaseURL(in: directory)
        let side = directory.appendingPathComponent(Schema.fileName + ".partial")
        let fm = FileManager.default
        try? fm.removeItem(at: side)
        var config = Configuration()
        config.prepareDatabase { db in db.add(tokenizer: BigramTokenizer.self) }
        do {
            let queue = try DatabaseQueue(path: side.path, configuration: config)
            try queue.writeWithoutTransaction { db in
                try Schema.prepareEmptyFile(db)
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY")
                try db.inTransaction {
                    try Schema.create(db)
                    try body(db)
                    return .commit
                }
                try db.execute(sql: "PRAGMA incremental_vacuum")
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
            let handle = try FileHandle(forUpdating: side)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? fm.removeItem(at: side)
            throw error
        }
        try pool.close()
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: final.path + suffix) }
        guard rename(side.path, final.path) == 0 else {
            throw ZhikuError(.io, "cannot move the new index into place (\(String(cString: strerror(errno))))")
        }
        pool = try DatabasePool(path: final.path, configuration: IndexStore.configuration(readonly: false))
        isNew = false
    }

    func checkSchema() throws {
        do {
            guard let version = try pool.read(IndexStore.schemaVersion) else {
                throw ZhikuError.indexUnusable(directory.path, "not a zhiku index")
            }
            if version != Schema.version {
                throw ZhikuError.indexUnusable(directory.path, "schema version \(version), this zhiku reads version \(Schema.version)")
            }
        } catch let e as ZhikuError {
            throw e
        } catch {
            throw ZhikuError.indexUnusable(directory.path, IndexStore.describe(error))
        }
    }

    static func describe(_ error: Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "\(db.resultCode)" }
        return "\(error)"
    }

    /// Size of the database and its WAL on disk.
    public func sizeOnDisk() -> Int {
        let base = IndexStore.databaseURL(in: directory).path
        return [base, base + "-wal"].reduce(0) { sum, p in
            sum + ((try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? 0)
        }
    }
}
