import Foundation
import ZhikuIndex

/// What one event loop knows of the index generation, so that it can answer a cached SEARCH or
/// FACTS by itself: the generation an engine thread read for one of this loop's requests, trusted
/// for as long as nothing is written in the index folder (``FolderChanges``) and the same engine
/// answers. Anything else — a write, another engine, a broken watch, no inotify — and the request
/// goes to an engine thread, which reads the generation afresh (``EngineCall``).
///
/// A cached answer is so never older than the index as it was when the request arrived, and a
/// cache hit costs no hop to an engine thread and back (two thread wake-ups, ~25 µs on one CPU and
/// ~70 µs across this VM's two).
final class LoopGeneration {  // one per event loop, used on that loop only
    private let changes = FolderChanges()
    /// The engine whose folder is watched (not kept alive by this).
    private weak var engine: Engine?
    private var known: (generation: IndexGeneration, changes: UInt64)?

    /// The generation of `engine`'s index now, when this loop can vouch for it.
    func current(engine: Engine) -> IndexGeneration? {
        guard engine === self.engine, let known, changes.poll() == known.changes else { return nil }
        return known.generation
    }

    /// Where a request stands before it goes to an engine thread: ``learn(_:engine:since:)`` takes
    /// the generation read there only if nothing changed in between.
    func mark(engine: Engine) -> UInt64? {
        if engine !== self.engine {
            self.engine = engine
            known = nil
            changes.watch(engine.store.directory.path)
        }
        return changes.poll()
    }

    /// Takes `generation` (read on an engine thread after ``mark(engine:)`` returned `since`) as
    /// the current one, if the folder saw no write since then and the engine is the same.
    func learn(_ generation: IndexGeneration, engine: Engine, since: UInt64) {
        guard engine === self.engine, changes.poll() == since else { return }
        known = (generation, since)
    }
}
