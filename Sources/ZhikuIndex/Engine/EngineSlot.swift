import Foundation

/// An engine that follows its index folder: replaced when another file takes the index's place.
///
/// Updates and `zhiku index --rebuild` write into the file an engine has open, and its next read
/// sees them. Deleting the index folder and indexing again makes a new file: the engine's
/// connections would go on reading the deleted one for as long as it lived. At most once a
/// second, ``current()`` compares the file at the index's path with the one the engine opened;
/// when they differ and no `zhiku index` is writing, it opens the new one (still the old engine
/// while that fails) and calls ``replaced``. The server and the REPL answer through one.
public final class EngineSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var engine: Engine
    private var lastCheck: UInt64 = 0
    private var checking = false
    private let interval: UInt64
    /// Called with the new engine after a replacement (the server renews its engine threads).
    public var replaced: (@Sendable (Engine) -> Void)?
    /// Called once per file that took the index's place but cannot be opened (tried again each
    /// second meanwhile).
    public var unusable: (@Sendable (Error) -> Void)?
    private var reported: FileIdentity?

    public init(engine: Engine, checkEvery interval: TimeInterval = 1) {
        self.engine = engine
        // Clamped: a negative, NaN or huge interval trapped in the conversion.
        self.interval = interval.isNaN || interval <= 0 ? 0 : UInt64(min(interval, 1e9) * 1e9)
    }

    /// The engine without looking at the file.
    public var latest: Engine {
        lock.lock(); defer { lock.unlock() }
        return engine
    }

    /// The engine to answer from, after checking the index file if a second has passed.
    public func current() -> Engine {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        let e = engine
        guard !checking, now &- lastCheck >= interval else {
            lock.unlock()
            return e
        }
        lastCheck = now
        checking = true
        lock.unlock()
        var failure: (FileIdentity, Error)?
        let fresh = EngineSlot.replacement(for: e, failure: &failure)
        lock.lock()
        checking = false
        if let fresh { engine = fresh }
        let report = failure.flatMap { $0.0 == reported ? nil : $0 }
        if let report { reported = report.0 }
        lock.unlock()
        if let report { unusable?(report.1) }
        guard let fresh else { return e }
        replaced?(fresh)
        return fresh
    }

    /// A new engine on the file now at `e`'s index path, when it is another, complete one.
    /// - parameter failure: set when there is another file but it cannot be opened.
    static func replacement(for e: Engine, failure: inout (FileIdentity, Error)?) -> Engine? {
        let directory = e.store.directory
        guard let file = FileIdentity(path: IndexStore.databaseURL(in: directory).path), file != e.store.fileIdentity,
              !IndexStore.isBeingWritten(directory: directory) else { return nil }
        do {
            let fresh = try Engine(indexDirectory: directory, extractor: e.extractor)
            return fresh.store.fileIdentity == file ? fresh : nil  // replaced again meanwhile: next time
        } catch {
            failure = (file, error)
            return nil
        }
    }
}
