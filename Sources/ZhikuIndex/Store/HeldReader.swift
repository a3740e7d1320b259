import Foundation
import GRDB
import GRDBSQLite

/// One of the pool's reader connections, kept by one thread for as long as it runs
/// (``IndexStore/holdingReader(_:)``), so that the thread's reads skip the pool.
///
/// `DatabasePool.read` takes a connection from GRDB's pool and gives it back on every call: four
/// dispatch-queue barriers, a semaphore and a group, plus a `BEGIN` and a `COMMIT` prepared each
/// time. Under the server's load at 50 connections this was a quarter of its CPU samples, most
/// of it threads waking each other on those barriers. A held connection still reads in one
/// transaction per call (so each answer comes from one snapshot, and a new index generation is
/// seen by the next call), with the two statements prepared once.
final class HeldReader {
    let store: ObjectIdentifier
    let db: Database

    init(store: ObjectIdentifier, db: Database) {
        self.store = store
        self.db = db
    }

    /// The reader this thread holds, if any.
    static var current: HeldReader? {
        guard let p = pthread_getspecific(key) else { return nil }
        return Unmanaged<HeldReader>.fromOpaque(p).takeUnretainedValue()
    }

    static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key, nil)
        precondition(rc == 0, "pthread_key_create failed (\(rc))")
        return key
    }()

    /// Runs `body` in a read transaction of its own, or inside the one already open (a read
    /// nested in another).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if sqlite3_get_autocommit(db.sqliteConnection) == 0 { return try body(db) }
        try db.cachedStatement(sql: "BEGIN").execute()
        defer {
            // A read-only transaction: COMMIT only ends it. ROLLBACK if COMMIT fails (an
            // interrupted statement may still be pending), so that the next call starts afresh.
            if sqlite3_get_autocommit(db.sqliteConnection) == 0 {
                do {
                    try db.cachedStatement(sql: "COMMIT").execute()
                } catch {
                    _ = sqlite3_exec(db.sqliteConnection, "ROLLBACK", nil, nil, nil)
                }
            }
        }
        return try QueryCancellation.watching(db) { try body(db) }
    }
}

extension IndexStore {
    /// Runs `body` in a read transaction: on the connection this thread holds
    /// (``holdingReader(_:)``), else on one taken from the pool for the call.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let held = HeldReader.current, held.store == ObjectIdentifier(self) {
            return try held.read(body)
        }
        return try pool.read { db in try QueryCancellation.watching(db) { try body(db) } }
    }

    /// Keeps one of the pool's reader connections for this thread while `body` runs: every read
    /// of the engine on this thread inside `body` uses it, one transaction per call, without
    /// going through the pool. For threads that do nothing but answer queries (the server's
    /// engine threads); `body` may block.
    ///
    /// The pool opens up to ``maximumReaders`` connections: holders must leave some for the other
    /// readers (the server holds at most 8, one per engine thread).
    /// - throws: when no reader connection can be opened (`body` is then not run).
    public func holdingReader(_ body: () -> Void) throws {
        try pool.unsafeReentrantRead { db in
            let held = HeldReader(store: ObjectIdentifier(self), db: db)
            let previous = pthread_getspecific(HeldReader.key)
            pthread_setspecific(HeldReader.key, Unmanaged.passUnretained(held).toOpaque())
            defer { pthread_setspecific(HeldReader.key, previous) }
            withExtendedLifetime(held) { body() }
        }
    }
}
