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

    /// About 300 MB: the laws five times over, each copy in its own shuffled order under new names
    /// (hard links, so it costs no disk). Generated here, never committed.
    static func size300(laws: Corpus, work: URL, copies: Int = 5) throws -> Corpus {
        let fm = FileManager.default
        let dir = work.appendingPathComponent("corpora/laws-x\(copies)")
        let marker = work.appendingPathComponent("corpora/laws-x\(copies).complete")
        if !fm.fileExists(atPath: marker.path) {
            log("preparing \(dir.path) (\(copies) shuffled copies of the laws)")
            try? fm.removeItem(at: dir)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            let names = try fm.contentsOfDirectory(atPath: laws.directory.path).filter { $0.hasSuffix(".md") }.sorted()
            for copy in 0..<copies {
                var rng = SplitMix64(seed: UInt64(copy + 1))
                let order = names.shuffled(using: &rng)
                for (i, name) in order.enumerated() {
                    let src = laws.directory.appendingPathComponent(name).path
                    let dst = dir.appendingPathComponent(String(format: "c%d-%05d-%@", copy, i, name)).path
                    if link(src, dst) != 0 { try fm.copyItem(atPath: src, toPath: dst) }
                }
            }
            try "\(copies * names.count)\n".write(to: marker, atomically: true, encoding: .utf8)
        }
        return make(name: "laws-x\(copies)", label: "laws ×\(copies), shuffled (~300 MB)", directory: dir)
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
