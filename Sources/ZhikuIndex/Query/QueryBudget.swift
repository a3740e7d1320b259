import Dispatch
import Foundation
import GRDB
import GRDBSQLite

/// A time budget for the statements run on one connection: SQLite's progress handler checks the
/// clock every few thousand virtual-machine steps and interrupts the statement once the deadline
/// has passed (the statement then fails with `SQLITE_INTERRUPT`). It also watches the thread's
/// ``QueryCancellation``, whose watch it replaces on the connection while installed.
///
/// The handler runs between virtual-machine steps only, and FTS5 (in SQLite 3.40) expands a
/// prefix query (`"的" *`, every single-character term) inside one step: a search of several
/// statements would start each after the deadline and run its expansion to the end. So the
/// searches that run several statements call ``check(_:)`` before each (one lookup under a lock).
final class QueryBudget {
    private let connection: OpaquePointer?
    let deadline: UInt64
    private(set) var expired = false
    private let cancellation = QueryCancellation.current

    init(_ db: Database, milliseconds: Int) {
        connection = db.sqliteConnection
        deadline = QueryBudget.deadline(after: milliseconds, from: DispatchTime.now().uptimeNanoseconds)
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(connection, 4_000, { context in
            guard let context else { return 0 }
            let budget = Unmanaged<QueryBudget>.fromOpaque(context).takeUnretainedValue()
            if budget.cancellation?.isCancelled == true { return 1 }
            return budget.pastDeadline() ? 1 : 0
        }, context)
        QueryBudget.register(self, for: connection)
    }

    /// `now` plus `milliseconds` (at least 1) in nanoseconds; a budget too long to count in
    /// nanoseconds has no deadline (it used to trap: ms × 10⁶ overflowed).
    static func deadline(after milliseconds: Int, from now: UInt64) -> UInt64 {
        let (ns, overflow) = UInt64(max(1, milliseconds)).multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else { return .max }
        let (deadline, late) = now.addingReportingOverflow(ns)
        return late ? .max : deadline
    }

    /// Whether the deadline has passed (and the budget is then expired).
    private func pastDeadline() -> Bool {
        guard DispatchTime.now().uptimeNanoseconds > deadline else { return false }
        expired = true
        return true
    }

    /// Uninstalls the handler; the connection goes back to the pool without it.
    func remove() {
        sqlite3_progress_handler(connection, 0, nil, nil)
        QueryBudget.unregister(connection)
    }

    /// Throws `SQLITE_INTERRUPT` when the budget of `db`'s connection has run out (the search then
    /// ends as timed out); nothing when it has none.
    static func check(_ db: Database) throws {
        let connection = db.sqliteConnection
        lock.lock()
        let budget = connection.flatMap { active[$0] }
        lock.unlock()
        if let budget, budget.cancellation?.isCancelled == true || budget.pastDeadline() {
            throw DatabaseError(resultCode: .SQLITE_INTERRUPT, message: "the query ran past its time budget")
        }
    }

    private static let lock = NSLock()
    /// The budget installed on each connection.
    nonisolated(unsafe) private static var active: [OpaquePointer: QueryBudget] = [:]  // only under `lock`

    private static func register(_ budget: QueryBudget, for connection: OpaquePointer?) {
        guard let connection else { return }
        lock.lock(); active[connection] = budget; lock.unlock()
    }

    private static func unregister(_ connection: OpaquePointer?) {
        guard let connection else { return }
        lock.lock(); active[connection] = nil; lock.unlock()
    }
}
