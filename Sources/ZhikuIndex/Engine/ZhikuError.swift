import GRDB

/// What can go wrong in the engine, with a message that says what to do.
public struct ZhikuError: Error, CustomStringConvertible, Sendable {
    /// The codes are those of the protocol: ``ErrorCode``.
    public typealias Code = ErrorCode

    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func indexMissing(_ path: String) -> ZhikuError {
        ZhikuError(.indexMissing, "no index at \(path); build one with `zhiku index [PATH…] --index \(path)`")
    }

    static func indexUnusable(_ path: String, _ reason: String) -> ZhikuError {
        ZhikuError(.indexUnusable, "the index at \(path) cannot be used (\(reason)); rebuild it with `zhiku index --rebuild --index \(path)`")
    }

    static func indexBusy(_ path: String, holder: Int32?) -> ZhikuError {
        ZhikuError(.indexBusy, "another zhiku\(holder.map { " (pid \($0))" } ?? "") is writing the index at \(path)")
    }

    /// A call stopped by its ``QueryCancellation``.
    static var cancelled: ZhikuError { ZhikuError(.cancelled, "the query was cancelled") }

    /// A database error met while answering: a damaged index says so, a statement interrupted by
    /// a cancelled ``QueryCancellation`` is `cancelled`; anything else is a bug.
    static func from(_ error: Error, while doing: String) -> ZhikuError {
        if let e = error as? ZhikuError { return e }
        if let db = error as? DatabaseError, db.resultCode == .SQLITE_INTERRUPT, QueryCancellation.current?.isCancelled == true {
            return .cancelled
        }
        let message = IndexStore.describe(error)
        if let db = error as? DatabaseError, [11, 26].contains(db.resultCode.primaryResultCode.rawValue) {  // SQLITE_CORRUPT, SQLITE_NOTADB
            return ZhikuError(.indexUnusable, "\(doing) failed: the index is damaged (\(message)); rebuild it with `zhiku index --rebuild`")
        }
        return ZhikuError(.internalError, "\(doing) failed: \(message)")
    }
}
