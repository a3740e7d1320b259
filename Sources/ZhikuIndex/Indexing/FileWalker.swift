import Foundation
import ZhikuText
#if canImport(Glibc)
import Glibc
#endif

/// Step 1 of ``Indexer/run(roots:progress:)``: walks the folders of a run and says, for every entry
/// under them, whether zhiku reads it or why not. Nothing under an indexed folder is passed over
/// silently: files come out as ``Indexer/SourceFile``s, everything else as a skip with its reason,
/// a count by extension (formats zhiku does not read) or a count of hidden entries.
///
/// - Symbolic links to folders are not followed unless ``followLinks`` (as ripgrep and find do);
///   followed, each folder is walked once (a set of device and inode): a link back to an ancestor
///   ends instead of looping.
/// - A file reached twice (two links, a hard link, overlapping roots) is read once; the second
///   path is reported as the same file.
/// - FIFOs, sockets and devices are never opened: each is skipped with what it is.
/// - Names are read as bytes: a name that is not UTF-8 gets a lossless, visible id, its invalid
///   bytes (and `%`) percent-escaped (`%D5%FE.txt`), listed in ``escapedNames``.
struct FileWalker {
    /// Follow symbolic links to folders.
    var followLinks = false
    /// Folders nested deeper than this are reported and not walked.
    var maxDepth = 64

    private(set) var files: [Indexer.SourceFile] = []
    private(set) var skipped: [(path: String, reason: String)] = []
    /// Files of formats zhiku does not read, by lowercased extension ("" for none).
    private(set) var unsupported: [String: Int] = [:]
    /// Hidden files and folders (names starting with a dot), not read.
    private(set) var hidden = 0
    /// Ids of files whose names were not UTF-8, as indexed (percent-escaped).
    private(set) var escapedNames: [String] = []

    /// Folders walked and files found, by device and inode.
    private var walkedFolders = Set<FileKey>()
    private var foundFiles: [FileKey: String] = [:]

    struct FileKey: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ s: stat) {
            device = UInt64(s.st_dev)
            inode = UInt64(s.st_ino)
        }
    }

    /// Walks the folder at `root` (a resolved path).
    mutating func walk(root: String) {
        var s = stat()
        guard stat(root, &s) == 0 else {
            skipped.append((root, "folder cannot be read (\(String(cString: strerror(errno))))"))
            return
        }
        walkedFolders.insert(FileKey(s))
        walkFolder(Array(root.utf8), root: root, prefix: "", depth: 0)
    }

    /// Adds a file given as a root (not under a folder): it is read whatever its extension.
    mutating func add(file path: String) -> Bool {
        var s = stat()
        guard stat(path, &s) == 0 else { return false }
        let name = (path as NSString).lastPathComponent
        let parent = (path as NSString).deletingLastPathComponent
        consider(path: Array(path.utf8), id: name, root: parent, status: s, checkFormat: false)
        return true
    }

    private mutating func walkFolder(_ dir: [UInt8], root: String, prefix: String, depth: Int) {
        guard depth < maxDepth else {
            skipped.append((prefix, "folder nested deeper than \(maxDepth) levels, not walked"))
            return
        }
        guard let names = FileWalker.entries(of: dir) else {
            skipped.append((prefix.isEmpty ? root : prefix, "folder cannot be read (\(String(cString: strerror(errno))))"))
            return
        }
        // Sorted as the walk always sorted them (String order of the names; escaped ids for the
        // names that are not UTF-8): a fresh build numbers documents in this order.
        let named = names.map { bytes -> (id: String, escaped: Bool, bytes: [UInt8]) in
            let (id, escaped) = FileWalker.visibleName(bytes)
            return (id, escaped, bytes)
        }.sorted { $0.id < $1.id }
        for entry in named {
            if entry.bytes.first == UInt8(ascii: ".") {
                hidden += 1
                continue
            }
            let path = dir + [UInt8(ascii: "/")] + entry.bytes
            let id = prefix.isEmpty ? entry.id : prefix + "/" + entry.id
            var link = stat()
            guard FileWalker.status(path, &link, follow: false) else {
                skipped.append((id, "cannot be read (\(String(cString: strerror(errno))))"))
                continue
            }
            var s = link
            let isLink = FileWalker.kind(link) == S_IFLNK
            if isLink {
                guard FileWalker.status(path, &s, follow: true) else {
                    skipped.append((id, errno == ELOOP ? "a symbolic link that loops" : "a broken symbolic link (\(String(cString: strerror(errno))))"))
                    continue
                }
            }
            if FileWalker.kind(s) == S_IFDIR {
                if isLink && !followLinks {
                    skipped.append((id, "a symbolic link to a folder, not followed (--follow follows links)"))
                    continue
                }
                guard walkedFolders.insert(FileKey(s)).inserted else {
                    skipped.append((id, "a folder already walked (reached again through a link)"))
                    continue
                }
                walkFolder(path, root: root, prefix: id, depth: depth + 1)
                continue
            }
            if entry.escaped, FileWalker.kind(s) == S_IFREG, SourceFormat(fileName: id) != nil { escapedNames.append(id) }
            consider(path: path, id: id, root: root, status: s, checkFormat: true)
        }
    }

    /// A file or something else that is not a folder.
    private mutating func consider(path: [UInt8], id: String, root: String, status s: stat, checkFormat: Bool) {
        switch FileWalker.kind(s) {
        case S_IFREG:
            break
        case S_IFIFO:
            skipped.append((id, "a FIFO (named pipe), not a regular file")); return
        case S_IFSOCK:
            skipped.append((id, "a socket, not a regular file")); return
        case S_IFCHR:
            skipped.append((id, "a character device, not a regular file")); return
        case S_IFBLK:
            skipped.append((id, "a block device, not a regular file")); return
        default:
            skipped.append((id, "not a regular file")); return
        }
        if checkFormat && SourceFormat(fileName: id) == nil {
            unsupported[FileWalker.extensionOf(id), default: 0] += 1
            return
        }
        let key = FileKey(s)
        if let first = foundFiles[key] {
            skipped.append((id, "the same file as \(first) (reached twice)"))
            return
        }
        foundFiles[key] = id
        files.append(Indexer.SourceFile(path: path, id: id, root: root, size: Int(s.st_size), mtime: FileWalker.mtime(s)))
    }

    /// The modification time as Foundation's file attributes give it (through a `Date`, so that
    /// indexes written before the walker read `stat` itself see the same values).
    static func mtime(_ s: stat) -> Double {
        Date(timeIntervalSinceReferenceDate: Double(s.st_mtim.tv_sec) - Date.timeIntervalBetween1970AndReferenceDate
             + Double(s.st_mtim.tv_nsec) / 1_000_000_000).timeIntervalSince1970
    }

    static func kind(_ s: stat) -> mode_t { s.st_mode & S_IFMT }

    /// `stat` or `lstat` of a path given as bytes.
    static func status(_ path: [UInt8], _ s: inout stat, follow: Bool) -> Bool {
        withCString(path) { follow ? stat($0, &s) == 0 : lstat($0, &s) == 0 }
    }

    /// Calls `body` with `bytes` as a NUL-terminated C string.
    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { body($0) }
        }
    }

    /// The names in a folder as bytes ("." and ".." left out); nil when it cannot be read.
    static func entries(of dir: [UInt8]) -> [[UInt8]]? {
        guard let d = withCString(dir, { opendir($0) }) else { return nil }
        defer { closedir(d) }
        var names: [[UInt8]] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw -> [UInt8] in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names
    }

    /// A name as text: itself when it is UTF-8; otherwise its valid characters kept, every other
    /// byte and `%` written `%XX`, so that the bytes can be told back from the id.
    static func visibleName(_ bytes: [UInt8]) -> (String, escaped: Bool) {
        if let s = String(validating: bytes, as: UTF8.self) { return (s, false) }
        var out = ""
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var position = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "%" { out += "%25" } else { out.unicodeScalars.append(scalar) }
                position += encoded.count
            case .error(let length):
                for b in bytes[position..<(position + length)] { out += String(format: "%%%02X", b) }
                position += length
            case .emptyInput:
                break loop
            }
        }
        return (out, true)
    }

    /// The lowercased extension of a file name with its dot (".xls"), or "" when it has none.
    static func extensionOf(_ id: String) -> String {
        let name = id.split(separator: "/").last.map(String.init) ?? id
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else { return "" }
        return String(name[dot...]).lowercased()
    }
}
