import Foundation
import ZhikuText

extension Indexer {
    /// Step 1: the files under `roots` (folders are walked; a file is taken as it is), with the
    /// roots that are folders, so that files gone from them can be found.
    func discoverFiles(_ roots: [URL], report: inout IndexReport) throws -> DiscoveredFiles {
        var found = DiscoveredFiles()
        var walker = FileWalker()
        walker.followLinks = followLinks
        for root in roots {
            let path = root.standardizedFileURL.resolvingSymlinksInPath().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ZhikuError(.io, "no such file or folder: \(root.path)")
            }
            if isDir.boolValue {
                found.rootFolders.append(path)
                walker.walk(root: path)
            } else {
                _ = walker.add(file: path)
            }
        }
        found.files = walker.files
        report.skipped += walker.skipped
        report.unsupported = walker.unsupported
        report.hidden = walker.hidden
        report.escapedNames = walker.escapedNames
        return found
    }
}

/// What ``Indexer/discoverFiles(_:report:)`` found.
struct DiscoveredFiles {
    /// In walk order (sorted within each folder).
    var files: [Indexer.SourceFile] = []
    /// The roots that are folders (resolved paths).
    var rootFolders: [String] = []
}
