import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of documents to index, and what it weighs.
struct Corpus {
    var name: String
    var label: String
    var directory: URL
    /// Sum of the sizes of the files zhiku reads (.txt .md .html .htm).
    var textBytes: Int
    var files: Int
    /// The nominal size it stands for in `--sizes` (10, 58, 150, 300); 0 for others.
    var sizeMB = 0
}

enum Corpora {
    static let extensions: Set<String> = ["txt", "md", "html", "htm"]

    /// Bytes and count of the files an indexer reads under `dir` (hidden entries skipped, as zhiku does).
    static func measure(_ dir: URL) -> (bytes: Int, files: Int) {
        var bytes = 0, files = 0
        let keys: [URLResourceKey] = [.fileSizeKey, .isRegularFileKey]
        guard let e = FileManager.default.enumerator(at: dir.resolvingSymlinksInPath(), includingPropertiesForKeys: keys,
                                                     options: [.skipsHiddenFiles]) else { return (0, 0) }
        for case let url as URL in e where extensions.contains(url.pathExtension.lowercased()) {
            let v = try? url.resourceValues(forKeys: Set(keys))
            guard v?.isRegularFile == true else { continue }
            bytes += v?.fileSize ?? 0
            files += 1
        }
        return (bytes, files)
    }

    /// Reads every file an indexer reads under `dir` once, so that every engine's indexing finds
    /// the corpus in the page cache, the first one timed (zhiku) as much as the later ones.
    static func warm(_ dir: URL) {
        guard let e = FileManager.default.enumerator(at: dir.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey],
                                                     options: [.skipsHiddenFiles]) else { return }
        for case let url as URL in e where extensions.contains(url.pathExtension.lowercased()) {
            _ = try? Data(contentsOf: url)
        }
    }

    static func make(name: String, label: String, directory: URL) -> Corpus {
        let m = measure(directory)
        return Corpus(name: name, label: label, directory: directory, textBytes: m.bytes, files: m.files)
    }

    /// `../shared/corpora/gov-reports/`, used as is.
    static func govReports(shared: URL) throws -> Corpus {
        let dir = shared.appendingPathComponent("corpora/gov-reports")
        guard FileManager.default.fileExists(atPath: dir.path) else { throw BenchError("no \(dir.path)") }
        return make(name: "gov-reports", label: "gov-reports (10 MB)", directory: dir)
    }

    /// The laws JSONL, one `<id>.md` per line's `text`, written once into `work/corpora/laws/`.
    static func laws(shared: URL, work: URL) throws -> Corpus {
        let fm = FileManager.default
        let gz = shared.appendingPathComponent("corpora/large/lawrefbook-laws.jsonl.gz")
        let dir = work.appendingPathComponent("corpora/laws")
        let marker = work.appendingPathComponent("corpora/laws.complete")
        if !fm.fileExists(atPath: marker.path) {
            log("preparing \(dir.path) from \(gz.lastPathComponent)")
            try? fm.removeItem(at: dir)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let jsonl = work.appendingPathComponent("corpora/laws.jsonl")
            try Spawn.check("/bin/gzip", ["-dc", gz.path], stdoutPath: jsonl.path)
            var count = 0
            try forEachLine(of: jsonl) { line in
                guard let obj = try JSONSerialization.jsonObject(with: line) as? [String: Any],
                      let id = obj["id"] as? String, let text = obj["text"] as? String else {
                    throw BenchError("laws.jsonl: a line without id/text")
                }
                try Data(text.utf8).write(to: dir.appendingPathComponent("\(id).md"))
                count += 1
            }
            try? fm.removeItem(at: jsonl)
            try "\(count)\n".write(to: marker, atomically: true, encoding: .utf8)
        }
        return make(name: "laws", label: "laws (58 MB)", directory: dir)
    }

    /// The corpus standing for `mb` megabytes: 10 the reports, 58 the laws, more the laws repeated.
    static func forSize(_ mb: Int, shared: URL, work: URL) throws -> Corpus {
        var c: Corpus
        switch mb {
        case 10: c = try govReports(shared: shared)
        case 58: c = try laws(shared: shared, work: work)
        case 59...: c = try repeated(laws: try laws(shared: shared, work: work), work: work, targetMB: mb)
        default: throw BenchError("--sizes: \(mb) MB is none of 10, 58, or above 58 (laws repeated)")
        }
        c.sizeMB = mb
        return c
    }

    /// About `targetMB`: the laws repeated, each copy in its own shuffled order under new names
    /// (hard links, so it costs no disk), the last copy partial (its first files in the shuffled
    /// order) when the target is no whole number of copies. 300 MB is five whole copies (290 MB).
    /// Generated here, never committed.
    static func repeated(laws: Corpus, work: URL, targetMB: Int) throws -> Corpus {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: laws.directory.path).filter { $0.hasSuffix(".md") }.sorted()
        let exact = Double(targetMB) * 1e6 / Double(laws.textBytes)
        // Whole copies when within 5 % of the target (300 → 5 copies), else tenths of a copy.
        let copies = abs(exact - exact.rounded()) * Double(laws.textBytes) < 0.05 * Double(targetMB) * 1e6 ? exact.rounded() : (exact * 10).rounded() / 10
        let tag = copies == copies.rounded() ? String(Int(copies)) : String(format: "%.1f", copies)
        let dir = work.appendingPathComponent("corpora/laws-x\(tag)")
        let marker = work.appendingPathComponent("corpora/laws-x\(tag).complete")
        let fileCount = Int((copies * Double(names.count)).rounded())
        if !fm.fileExists(atPath: marker.path) {
            log("preparing \(dir.path) (\(tag) shuffled copies of the laws)")
            try? fm.removeItem(at: dir)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            var made = 0
            var copy = 0
            while made < fileCount {
                var rng = SplitMix64(seed: UInt64(copy + 1))
                let order = names.shuffled(using: &rng)
                for (i, name) in order.enumerated() where made < fileCount {
                    let src = laws.directory.appendingPathComponent(name).path
                    let dst = dir.appendingPathComponent(String(format: "c%d-%05d-%@", copy, i, name)).path
                    if link(src, dst) != 0 { try fm.copyItem(atPath: src, toPath: dst) }
                    made += 1
                }
                copy += 1
            }
            try "\(made)\n".write(to: marker, atomically: true, encoding: .utf8)
        }
        return make(name: "laws-x\(tag)", label: "laws ×\(tag), shuffled (~\(targetMB) MB)", directory: dir)
    }

    /// Calls `body` with each line of a file, reading 4 MiB at a time (never the whole file).
    static func forEachLine(of url: URL, _ body: (Data) throws -> Void) throws {
        let h = try FileHandle(forReadingFrom: url)
        defer { try? h.close() }
        var pending = Data()
        while let chunk = try h.read(upToCount: 4 << 20), !chunk.isEmpty {
            pending.append(chunk)
            var start = pending.startIndex
            while let nl = pending[start...].firstIndex(of: 0x0A) {
                if nl > start { try body(pending[start..<nl]) }
                start = pending.index(after: nl)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { try body(pending) }
    }
}

/// A small seeded generator, so that shuffles are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func log(_ s: String) {
    FileHandle.standardError.write(Data("· \(s)\n".utf8))
}
