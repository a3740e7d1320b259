import Foundation
import ZIPFoundation

/// A DOCX or ODT container opened with limits, so that a zip bomb or a corrupt archive ends in a
/// clear skip, never in memory exhaustion or a crash.
///
/// The limits are checked on what the archive declares and again on the bytes actually inflated
/// (a bomb may declare small sizes): only the XML parts a reader asks for are inflated, never the
/// pictures.
final class OfficeZip {
    /// Entries in the archive: a DOCX has 10 to 100; a million tiny entries would make reading
    /// the central directory itself the attack.
    static let maxEntries = 10_000
    /// Bytes one part may inflate to. A 500-page report's document.xml is about 10–20 MB.
    static let maxPartBytes = 128 << 20
    /// Bytes all the parts read from one file may inflate to.
    static let maxTotalBytes = 256 << 20
    /// Inflated bytes per compressed byte, for a part past ``ratioFloor``. XML of repetitive
    /// tables deflates about 10–30:1; the classic bombs are past 1,000:1.
    static let maxRatio = 200
    /// Below this a part is not judged by its ratio (a small part of spaces compresses well).
    static let ratioFloor = 1 << 20

    let format: String
    private let archive: Archive
    private var entries: [String: Entry] = [:]
    private var inflated = 0

    /// Opens the archive and reads its directory. `format` names it in reasons ("DOCX", "ODT").
    init(_ bytes: [UInt8], format: String) throws(ReadFailure) {
        self.format = format
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .damaged(format: format, detail: "not a readable ZIP archive (\(error))")
        }
        var count = 0
        for entry in archive {
            count += 1
            if count > OfficeZip.maxEntries { throw .overLimit(format: format, detail: "more than \(OfficeZip.maxEntries) entries in the ZIP archive") }
            if entries[entry.path] == nil { entries[entry.path] = entry }
        }
        if count == 0 { throw .damaged(format: format, detail: "empty or corrupt ZIP archive (no entries)") }
    }

    /// Whether the archive holds `path`.
    func contains(_ path: String) -> Bool { entries[path] != nil }

    private struct Stop: Error { var failure: ReadFailure }

    /// The bytes of `path`, or nil when there is no such entry.
    /// - throws: ``ReadFailure/overLimit(format:detail:)`` past a limit, ``ReadFailure/damaged(format:detail:)`` when it does not inflate.
    func read(_ path: String) throws(ReadFailure) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let mb = { (n: Int) in "\(n >> 20) MB" }
        let limit = min(OfficeZip.maxPartBytes, OfficeZip.maxTotalBytes - inflated)
        if entry.uncompressedSize > UInt64(limit) {
            throw .overLimit(format: format, detail: "\(path) would unpack to \(mb(Int(clamping: entry.uncompressedSize))) (a zip bomb?); the limit is \(mb(limit))")
        }
        let ratioLimit = max(OfficeZip.ratioFloor, Int(clamping: entry.compressedSize) &* OfficeZip.maxRatio)
        var out: [UInt8] = []
        out.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(limit))))
        let format = self.format
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(contentsOf: chunk)
                if out.count > limit {
                    throw Stop(failure: .overLimit(format: format, detail: "\(path) unpacks past \(mb(limit)) (a zip bomb?)"))
                }
                if out.count > ratioLimit {
                    throw Stop(failure: .overLimit(format: format, detail: "\(path) unpacks more than \(OfficeZip.maxRatio) times its compressed size (a zip bomb?)"))
                }
            }
        } catch let stop as Stop {
            throw stop.failure
        } catch {
            throw .damaged(format: format, detail: "\(path) cannot be unpacked (\(error))")
        }
        inflated += out.count
        return out
    }
}
