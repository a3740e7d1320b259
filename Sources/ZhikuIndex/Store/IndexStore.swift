import Foundation
import GRDB

/// The on-disk index: one SQLite file in WAL mode under the index folder, opened through a
/// `DatabasePool` so that readers (searches, the server) run beside the one writer (`zhiku index`).
///
/// Readers open the pool read-only; an index whose folder cannot be written (a read-only mount, an
/// immutable folder, another user's index) is opened with SQLite's `immutable` flag when its
/// write-ahead log is empty, and searched normally. A new index, or one replacing a damaged index
/// or one of an older schema, is built in a side file and moved into place only when complete: a
/// run that fails or is killed leaves what was there before (nothing, or the old file).
public final class IndexStore: @unchecked Sendable {  // `openPool` and `writerLock` change only on the writer's thread, before the store is shared
    /// The index folder.
    public let directory: URL
    /// The database; nil only while a writer's store is ``isNew`` (``buildFresh(_:)`` makes it).
    private var openPool: DatabasePool?
    /// The database's pool.
    /// - precondition: not ``isNew`` (a new index has no database until it is built).
    var pool: DatabasePool {
        guard let openPool else { preconditionFailure("the index at \(directory.path) has no database before it is built") }
        return openPool
    }
    /// Whether `openForWriting` found no database to update (none yet, or one it may replace): the
    /// run then builds the index in a side file (``buildFresh(_:)``).
    private(set) var isNew = false
    /// Whether this reader opened the database with SQLite's `immutable` flag (its folder cannot be
    /// written, so no shared-memory file can be made): it reads the file as it is, and does not
    /// see later changes (a `zhiku index` that can write the folder makes a new file, which
    /// ``EngineSlot`` follows).
    public private(set) var isImmutable = false
    /// The schema version of the index `openForWriting` replaces because an older zhiku had built
    /// it (`replacingOlderSchema`), if it does.
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

    /// Where a new database is built before it is moved into place.
    static func sideFileURL(in directory: URL) -> URL {
        directory.appendingPathComponent(Schema.fileName + ".partial")
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

    init(directory: URL, pool: DatabasePool?) {
        self.directory = directory
        self.openPool = pool
    }

    /// Opens an existing index for reading (read-only connections).
    /// - throws: ``ZhikuError`` `indexMissing` when there is none, `indexVersion` when another
    ///   zhiku built it, `indexUnusable` when the file is damaged or not an index, `io` when it
    ///   cannot be opened.
    public static func open(directory: URL) throws -> IndexStore {
        let url = databaseURL(in: directory)
        guard FileManager.default.fileExists(atPath: url.path) else { throw ZhikuError.indexMissing(directory.path) }
        let store: IndexStore
        do {
            do {
                store = try connect(directory: directory, path: url.path, readonly: true)
            } catch where StoreFailure.isCannotWrite(error) && !hasWriteAheadLog(url) {
                // No shared-memory file, and none can be made: the file alone is the index.
                store = try connect(directory: directory, path: immutableURI(url), readonly: true)
                store.isImmutable = true
            }
        } catch {
            throw StoreFailure.describe(error, "opening the index", directory: directory)
        }
        store.fileIdentity = FileIdentity(path: url.path)
        return store
    }

    /// A pool on `path` whose schema is this zhiku's.
    /// - throws: ``ZhikuError`` for a schema that is not this one's, SQLite's errors as they are.
    private static func connect(directory: URL, path: String, readonly: Bool) throws -> IndexStore {
        let pool = try DatabasePool(path: path, configuration: configuration(readonly: readonly))
        let store = IndexStore(directory: directory, pool: pool)
        try store.checkSchema()
        return store
    }

    /// Whether the database at `url` has a write-ahead log with frames in it.
    static func hasWriteAheadLog(_ url: URL) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: url.path + "-wal")[.size] as? Int) ?? 0) > 0
    }

    /// `file:PATH?immutable=1` (SQLite is built with URI file names on Debian; elsewhere the open
    /// fails and says so).
    static func immutableURI(_ url: URL) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (url.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? url.path) + "?immutable=1"
    }

    /// Whether a `zhiku index` is writing the index in `directory` now (its writer lock is held).
    /// Linux only (`/proc/locks`); false elsewhere.
    public static func isBeingWritten(directory: URL) -> Bool {
        WriterLock.isHeld(in: directory)
    }

    /// Opens the index for writing; a missing one is built by the first run.
    /// - parameters:
    ///   - replacingUnusable: when the existing file is damaged or of another schema version,
    ///     build a new index to take its place (what `zhiku index --rebuild` asks for); otherwise
    ///     such a file is refused and left as it is. It is replaced only when the new one is
    ///     complete: a run that fails leaves it.
    ///   - replacingOlderSchema: the same, only for an index an older zhiku built (its schema
    ///     version is lower than this one's): it can only be rebuilt. An index of a newer zhiku, a
    ///     damaged file or something else is still refused. ``replacedSchemaVersion`` says whether
    ///     it happens.
    ///   - whileWaiting: one writer at a time: when another writer holds the index (another
    ///     process, or another store opened for writing in this one), `nil` throws `indexBusy` at
    ///     once; otherwise it is called (with the holder's pid when known) and the other writer is
    ///     waited for. The store keeps the folder's lock until it is released.
    /// - throws: ``ZhikuError``: `io` when the folder or the index cannot be written.
    public static func openForWriting(directory: URL, replacingUnusable: Bool = false, replacingOlderSchema: Bool = false,
                                      whileWaiting: ((_ holder: Int32?) -> Void)? = nil) throws -> IndexStore {
        try createDirectory(directory)
        let lock = try WriterLock(directory: directory, whileWaiting: whileWaiting)
        // A side file is only ever being written under the lock: one found now is a killed run's.
        try? FileManager.default.removeItem(at: sideFileURL(in: directory))
        let store = try openReplacing(directory: directory, replacingUnusable: replacingUnusable, replacingOlderSchema: replacingOlderSchema)
        store.writerLock = lock
        return store
    }

    /// Under the writer lock: opens, or prepares to replace what may be replaced.
    private static func openReplacing(directory: URL, replacingUnusable: Bool, replacingOlderSchema: Bool) throws -> IndexStore {
        do {
            return try openWritable(directory: directory)
        } catch let e as ZhikuError where e.code == .indexUnusable || e.code == .indexVersion {
            let older = storedSchemaVersion(in: directory).flatMap { (1..<Schema.version).contains($0) ? $0 : nil }
            guard replacingUnusable || (replacingOlderSchema && older != nil) else { throw e }
            // Not removed now: the new index is built beside it and moved over it when complete.
            let store = IndexStore(directory: directory, pool: nil)
            store.isNew = true
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

    /// Opens the database for writing, or a store without one when there is none; the caller
    /// holds the lock.
    private static func openWritable(directory: URL) throws -> IndexStore {
        let url = databaseURL(in: directory)
        guard FileManager.default.fileExists(atPath: url.path) else {
            let store = IndexStore(directory: directory, pool: nil)
            store.isNew = true
            return store
        }
        do {
            return try connect(directory: directory, path: url.path, readonly: false)
        } catch {
            throw StoreFailure.describe(error, "opening the index for writing", directory: directory)
        }
    }

    /// Builds the whole index anew in a side file, without a journal (nothing to roll back to: on
    /// failure the side file is removed, and one a killed run left is removed by the next), then
    /// moves it into place, over the file it replaces if any. About a tenth faster than writing
    /// through the WAL, which writes every page twice.
    /// - precondition: ``isNew``.
    func buildFresh(_ body: (Database) throws -> Void) throws {
        precondition(isNew)
        let final = IndexStore.databaseURL(in: directory)
        let side = IndexStore.sideFileURL(in: directory)
        let fm = FileManager.default
        try? fm.removeItem(at: side)
        var config = Configuration()
        config.prepareDatabase { db in db.add(tokenizer: BigramTokenizer.self) }
        do {
            let queue = try DatabaseQueue(path: side.path, configuration: config)
            do {
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
            } catch {
                try? queue.close()
                throw error
            }
            try queue.close()
            let handle = try FileHandle(forUpdating: side)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? fm.removeItem(at: side)
            throw error
        }
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: final.path + suffix) }
        guard rename(side.path, final.path) == 0 else {
            let why = String(cString: strerror(errno))
            try? fm.removeItem(at: side)
            throw ZhikuError(.io, "cannot move the new index into place (\(why))")
        }
        isNew = false
        openPool = try? DatabasePool(path: final.path, configuration: IndexStore.configuration(readonly: false))
    }

    /// Refuses a database that is not this zhiku's index.
    /// - throws: ``ZhikuError`` `indexVersion` (another zhiku's schema), `indexUnusable` (not a
    ///   zhiku index); SQLite's errors as they are.
    func checkSchema() throws {
        guard let version = try pool.read(IndexStore.schemaVersion), version > 0 else {
            let recorded = try? pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'") }
            throw ZhikuError.indexUnusable(directory.path, recorded.flatMap { $0 }.map { "schema version \($0)" } ?? "not a zhiku index")
        }
        if version < Schema.version {
            throw ZhikuError(.indexVersion, """
                the index at \(directory.path) was built by an older zhiku (schema version \(version); this one reads \(Schema.version)): \
                `zhiku index --index \(directory.path)` indexes everything again
                """)
        }
        if version > Schema.version {
            throw ZhikuError(.indexVersion, """
                the index at \(directory.path) was built by a newer zhiku (schema version \(version); this one reads \(Schema.version)): \
                search it with that zhiku, or replace it with `zhiku index --rebuild --index \(directory.path)`
                """)
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
