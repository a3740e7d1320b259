import Foundation
import GRDB

/// What SQLite's errors mean to someone running zhiku: one plain sentence and the right code,
/// never SQL text. A full disk or an I/O error is `ERR_IO`; a folder or file that cannot be
/// written is `ERR_IO` too ("corrupt" only for a file that is); another schema version is
/// `ERR_INDEX_VERSION`.
enum StoreFailure {
    /// The primary result codes this mapping tells apart.
    static let full: Int32 = 13, ioError: Int32 = 10, cantOpen: Int32 = 14, readOnly: Int32 = 8, permission: Int32 = 3
    static let corrupt: Int32 = 11, notADatabase: Int32 = 26, busy: Int32 = 5, locked: Int32 = 6, interrupt: Int32 = 9

    /// The primary SQLite result code of `error`, if it is a database error.
    static func primaryCode(_ error: Error) -> Int32? {
        (error as? DatabaseError)?.resultCode.primaryResultCode.rawValue
    }

    /// Whether `error` says the index cannot be written or its shared-memory file cannot be made
    /// (a read-only mount, an immutable folder, a folder of another user).
    static func isCannotWrite(_ error: Error) -> Bool {
        guard let code = primaryCode(error) else { return false }
        return [cantOpen, readOnly, permission].contains(code)
    }

    /// `error`, met while `doing` something to the index in `directory`, as a ``ZhikuError``
    /// whose message says what happened, then `outcome` (what state the index is in).
    static func describe(_ error: Error, _ doing: String, directory: URL, outcome: String = "") -> ZhikuError {
        if let e = error as? ZhikuError { return e }
        let path = directory.path
        let then = outcome.isEmpty ? "" : "; " + outcome
        guard let db = error as? DatabaseError else {
            return ZhikuError(.io, "\(doing) failed: \(error.localizedDescription)\(then)")
        }
        let detail = db.message ?? "SQLite error \(db.resultCode.rawValue)"
        switch db.resultCode.primaryResultCode.rawValue {
        case full:
            return ZhikuError(.io, "\(doing) failed: the disk is full (no space left on the disk of \(path))\(then); free some space and run `zhiku index` again")
        case ioError:
            return ZhikuError(.io, "\(doing) failed: an I/O error on the disk of \(path) (\(detail))\(then)")
        case cantOpen, readOnly, permission:
            return ZhikuError(.io, "\(doing) failed: \(path) cannot be written (\(detail)): a read-only disk, an immutable folder or another user's folder\(then)")
        case corrupt, notADatabase:
            return ZhikuError.indexUnusable(path, detail)
        case busy, locked:
            return ZhikuError(.io, "\(doing) failed: the index is locked by another process (\(detail))\(then)")
        default:
            return ZhikuError(.io, "\(doing) failed: \(detail)\(then)")
        }
    }
}
