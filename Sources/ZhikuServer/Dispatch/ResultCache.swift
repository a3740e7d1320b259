import Foundation
import ZhikuIndex

/// A bounded LRU cache of encoded `data` objects of SEARCH and FACTS replies, like Elasticsearch's
/// request cache or Solr's queryResultCache. DOC and ENTITIES are not cached: they are primary-key
/// reads that cost little to answer and much to keep (a DOC reply is ~50 KB, a SEARCH one ~2–16 KB).
///
/// * Key: the verb, the options that change the answer (sorted; `id`, `timeout` and `on_timeout`
///   left out) and the text, see ``ResultCache/key(for:)``.
/// * Freshness: every entry carries the ``IndexGeneration`` read (``Engine/generation()``, on the
///   engine thread) before its engine call; a lookup passes the generation read at that moment,
///   and when it is newer the whole cache is dropped. So a reply is never older than the index as
///   it was when the request reached an engine thread.
/// * Bounds: at most `maxEntries` entries and `maxBytes` bytes (keys, JSON and a fixed overhead
///   per entry); the least recently used go first. An answer larger than an eighth of `maxBytes`
///   is not kept.
/// * Partial answers (`timed_out`) and errors are never cached (the caller decides).
final class ResultCache: @unchecked Sendable {  // every mutable field is only touched under `lock`
    /// Bytes counted per entry on top of its key and JSON (node, dictionary slot, string headers).
    static let entryOverhead = 160

    private final class Node {
        let key: String
        let json: [UInt8]
        let bytes: Int
        var newer: Node?
        var older: Node?
        init(key: String, json: [UInt8], bytes: Int) { self.key = key; self.json = json; self.bytes = bytes }
    }

    let maxEntries: Int
    let maxBytes: Int
    private let lock = NSLock()
    private var nodes: [String: Node] = [:]
    private var newest: Node?
    private var oldest: Node?
    private var generation: IndexGeneration?
    private var bytes = 0
    private var hits = 0
    private var misses = 0
    private var invalidations = 0

    init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// The cache key of a request, or nil when its verb is not cached.
    static func key(for request: Request) -> String? {
        guard let verb = request.verb else { return nil }
        switch verb {
        case .search, .facts: break
        case .doc, .entities, .stats, .hello, .help, .ping, .auth, .quit: return nil
        }
        // The last value of each key wins (as Request.option does); keys sorted. Every part is
        // preceded by its length in bytes, so no text or value can pass for another split
        // (separator characters inside a value or the text made two requests share a key).
        var last: [String: String] = [:]
        for (k, v) in request.options where k != "id" && k != "timeout" && k != "on_timeout" { last[k] = v }
        var key = verb.rawValue
        func append(_ part: String) {
            key += " "
            key += String(part.utf8.count)
            key += ":"
            key += part
        }
        append(String(last.count))
        for k in last.keys.sorted() {
            append(k)
            append(last[k]!)
        }
        append(request.text)
        return key
    }

    /// The cached JSON for `key` if it was computed from `generation` (the index as it is now).
    func lookup(_ key: String, generation current: IndexGeneration) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        adopt(current)
        guard generation == current, let node = nodes[key] else {
            misses += 1
            return nil
        }
        hits += 1
        moveToFront(node)
        return node.json
    }

    /// Keeps `json` for `key`, computed from an index at `generation` or newer. The array is shared
    /// with the reply that carries it (no copy); its capacity is what is counted.
    func insert(_ key: String, json: [UInt8], generation computedFrom: IndexGeneration) {
        let size = key.utf8.count + json.capacity + ResultCache.entryOverhead
        guard maxEntries > 0, size <= maxBytes / 8 else { return }
        lock.lock(); defer { lock.unlock() }
        adopt(computedFrom)
        guard generation == computedFrom else { return }  // computed from an older state: useless
        if let old = nodes[key] { remove(old) }
        let node = Node(key: key, json: json, bytes: size)
        nodes[key] = node
        bytes += size
        node.older = newest
        newest?.newer = node
        newest = node
        if oldest == nil { oldest = node }
        while nodes.count > maxEntries || bytes > maxBytes, let victim = oldest { remove(victim) }
    }

    /// Moves to a newer generation, dropping every entry; older ones are ignored.
    private func adopt(_ g: IndexGeneration) {
        guard let known = generation else { generation = g; return }
        if known == g { return }
        if known.sameFile(as: g) && g.version < known.version { return }
        generation = g
        if !nodes.isEmpty { invalidations += 1 }
        nodes.removeAll(keepingCapacity: false)
        // Unlink the list so nodes are freed without a long chain of releases.
        var n = newest
        while let node = n { n = node.older; node.older = nil; node.newer = nil }
        newest = nil
        oldest = nil
        bytes = 0
    }

    private func moveToFront(_ node: Node) {
        guard newest !== node else { return }
        unlink(node)
        node.older = newest
        newest?.newer = node
        newest = node
        if oldest == nil { oldest = node }
    }

    private func unlink(_ node: Node) {
        node.newer?.older = node.older
        node.older?.newer = node.newer
        if newest === node { newest = node.older }
        if oldest === node { oldest = node.newer }
        node.newer = nil
        node.older = nil
    }

    private func remove(_ node: Node) {
        unlink(node)
        nodes[node.key] = nil
        bytes -= node.bytes
    }

    struct Snapshot {
        var entries: Int
        var bytes: Int
        var hits: Int
        var misses: Int
        var invalidations: Int
    }

    func snapshot() -> Snapshot {
        lock.lock(); defer { lock.unlock() }
        return Snapshot(entries: nodes.count, bytes: bytes, hits: hits, misses: misses, invalidations: invalidations)
    }
}
