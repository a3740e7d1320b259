import Foundation
import ZhikuText

extension Indexer {
    /// Step 1: the files under `roots` (folders are walked; a file is taken as it is), with the
    /// roots that are folders, so that files gone from them can be found.
    func discoverFiles(_ roots: [URL], report: inout IndexReport) throws -> DiscoveredFiles {
        var found = DiscoveredFiles()
        for root in roots {
            let path = root.standardizedFileURL.resolvingSymlinksInPath().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ZhikuError(.io, "no such file or folder: \(root.path)")
            }
            if isDir.boolValue {
                found.rootFolders.append(path)
                Indexer.walk(URL(fileURLWithPath: path), root: path, prefix: "", into: &found.files, skipped: &report.skipped)
            } else {
                let url = URL(fileURLWithPath: path)
                let attrs = try? FileManager.default.attributesOfItem(atPath: path)
                found.files.append(SourceFile(url: url, id: url.lastPathComponent, root: url.deletingLastPathComponent().path,
                                              size: (attrs?[.size] as? Int) ?? 0,
                                              mtime: (attrs?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))
            }
        }
        return found
    }

    /// Files zhiku reads under `dir`, sorted, hidden files and folders excluded, symlinks followed.
    static func walk(_ dir: URL, root: String, prefix: String, into files: inout [SourceFile], skipped: inout [(path: String, reason: String)], depth: Int = 0) {
        guard depth < 32 else { return }
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else {
            skipped.append((prefix.isEmpty ? dir.path : prefix, "folder cannot be read"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = dir.appendingPathComponent(name)
            let id = prefix.isEmpty ? name : prefix + "/" + name
            let resolved = url.resolvingSymlinksInPath()
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: resolved.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(resolved, root: root, prefix: id, into: &files, skipped: &skipped, depth: depth + 1)
            } else if SourceFormat(fileName: name) != nil {
                let attrs = try? fm.attributesOfItem(atPath: resolved.path)
                files.append(SourceFile(url: resolved, id: id, root: root, size: (attrs?[.size] as? Int) ?? 0,
                                        mtime: (attrs?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))
            }
        }
    }
}

/// What ``Indexer/discoverFiles(_:report:)`` found.
struct DiscoveredFiles {
    /// In walk order (sorted within each folder).
    var files: [Indexer.SourceFile] = []
    /// The roots that are folders (resolved paths).
    var rootFolders: [String] = []
}
