import Foundation
import GRDB
import GRDBSQLite

/// A switch another thread flips to stop engine calls nobody waits for any more: the server's
/// queries of a client that went away, the REPL's query after Ctrl-C.
///
///     let cancellation = QueryCancellation()
///     // on the thread that runs the query:
///     let r = try cancellation.run { try engine.search("研究团队") }
///     // on any other thread:
///     cancellation.cancel()
///
/// Engine reads made inside ``run(_:)`` install SQLite's progress handler, which checks the switch
/// every few thousand virtual-machine steps and interrupts the statement once it is flipped (as
/// ``QueryBudget`` does for time); the call then throws ``ZhikuError`` `cancelled`.
public final class QueryCancellation: @unchecked Sendable {  // `cancelled` is only touched under `lock`
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Stops the calls running under this switch, and every later one.
    public func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Runs `body` with this switch as the current one of the calling thread.
    /// - throws: ``ZhikuError`` `cancelled` without running `body` when the switch is already flipped.
    public func run<T>(_ body: () throws -> T) throws -> T {
        guard !isCancelled else { throw ZhikuError.cancelled }
        let previous = pthread_getspecific(QueryCancellation.key)
        pthread_setspecific(QueryCancellation.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(QueryCancellation.key, previous) }
        return try withExtendedLifetime(self) { try body() }
    }

    /// The switch of the calling thread's ``run(_:)``, if any.
    static var current: QueryCancellation? {
        guard let p = pthread_getspecific(key) else { return nil }
        return Unmanaged<QueryCancellation>.fromOpaque(p).takeUnretainedValue()
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key, nil)
        precondition(rc == 0, "pthread_key_create failed (\(rc))")
        return key
    }()

    /// VM steps between two looks at the switch (a lock: a few nanoseconds per look).
    static let checkEvery: Int32 = 4_000

    /// Runs `body` on `db` with the progress handler watching the thread's current switch (just
    /// `body` when there is none). A ``QueryBudget`` installed inside takes over the watch.
    static func watching<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        guard let cancellation = current else { return try body() }
        guard !cancellation.isCancelled else { throw ZhikuError.cancelled }
        let connection = db.sqliteConnection
        sqlite3_progress_handler(connection, checkEvery, { context in
            guard let context else { return 0 }
            return Unmanaged<QueryCancellation>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
        }, Unmanaged.passUnretained(cancellation).toOpaque())
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        do {
            return try body()
        } catch let e as DatabaseError where e.resultCode == .SQLITE_INTERRUPT && cancellation.isCancelled {
            throw ZhikuError.cancelled
        }
    }
}
