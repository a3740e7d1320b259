import Dispatch
import GRDB
import GRDBSQLite

/// A time budget for the statements run on one connection: SQLite's progress handler checks the
/// clock every few thousand virtual-machine steps and interrupts the statement once the deadline
/// has passed (the statement then fails with `SQLITE_INTERRUPT`). It also watches the thread's
/// ``QueryCancellation``, whose watch it replaces on the connection while installed.
final class QueryBudget {
    private let connection: OpaquePointer?
    let deadline: UInt64
    private(set) var expired = false
    private let cancellation = QueryCancellation.current

    init(_ db: Database, milliseconds: Int) {
        connection = db.sqliteConnection
        deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(1, milliseconds)) * 1_000_000
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(connection, 4_000, { context in
            guard let context else { return 0 }
            let budget = Unmanaged<QueryBudget>.fromOpaque(context).takeUnretainedValue()
            if budget.cancellation?.isCancelled == true { return 1 }
            if DispatchTime.now().uptimeNanoseconds > budget.deadline {
                budget.expired = true
                return 1
            }
            return 0
        }, context)
    }

    /// Uninstalls the handler; the connection goes back to the pool without it.
    func remove() {
        sqlite3_progress_handler(connection, 0, nil, nil)
    }
}
