import GRDB

/// What can go wrong in the engine, with a message that says what to do.
public struct ZhikuError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// No index where one was expected.
        case indexMissing = "ERR_INDEX"
        /// The index file is damaged, or is not a zhiku index.
        case indexUnusable = "ERR_INDEX_CORRUPT"
        /// The index was built by another zhiku (another schema version): an older one's is
        /// rebuilt by `zhiku index`; a newer one's needs that zhiku.
        case indexVersion = "ERR_INDEX_VERSION"
        /// Another process is writing the index (`zhiku index`).
        case indexBusy = "ERR_INDEX_BUSY"
        /// An argument out of range or empty.
        case argument = "ERR_ARG"
        /// An unknown document or passage.
        case notFound = "ERR_NOT_FOUND"
        /// Reading files, or opening or writing the index, failed (a full disk, an I/O error, a
        /// folder that cannot be written).
        case io = "ERR_IO"
        /// The query ran past its time budget (only when partial results are refused).
        case timeout = "ERR_TIMEOUT"
        /// A bug.
        case internalError = "ERR_INTERNAL"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
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

    /// A database error met while answering: a damaged index says so; anything else is a bug.
    static func from(_ error: Error, while doing: String) -> ZhikuError {
        if let e = error as? ZhikuError { return e }
        let message = IndexStore.describe(error)
        if let db = error as? DatabaseError, [11, 26].contains(db.resultCode.primaryResultCode.rawValue) {  // SQLITE_CORRUPT, SQLITE_NOTADB
            return ZhikuError(.indexUnusable, "\(doing) failed: the index is damaged (\(message)); rebuild it with `zhiku index --rebuild`")
        }
        return ZhikuError(.internalError, "\(doing) failed: \(message)")
    }
}
