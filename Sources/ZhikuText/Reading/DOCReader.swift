import Foundation

/// Word 97–2003 binary documents (`.doc`, and `.wps` files in that format), through wvWare
/// (Debian `wv`), whose HTML keeps what the text alone loses: tables with their cells, paragraph
/// styles (`标题 1`), alignment.
///
/// Measured on the 11 real .doc files of `../shared/corpora/realdocs-dev` (43 `body_must`
/// strings): wvWare 43/43, antiword 43/43 (tables as fixed-width columns, a wrapped cell spread
/// over lines that cannot be told from rows), catdoc 37/43 (and OLE bytes in its output).
///
/// The title: the first paragraphs' style and alignment stand for the type size wvWare does not
/// report (a centred heading over a centred line over the body; see ``WvWareHTML``). An OLE file
/// that is not a Word document (a spreadsheet, an encrypted DOCX) is refused saying so.
public struct DOCReader: FormatReader {
    public static let wvWare = ExternalTool("wvWare", package: "wv")

    public init() {}

    public func read(_ bytes: [UInt8], fileName: String, options: ReadOptions) throws(ReadFailure) -> DocumentText {
        guard SourceFormat.sniff(bytes) == .doc else {
            throw .damaged(format: "DOC", detail: "no Word 97–2003 (OLE2) signature")
        }
        // Stream names in an OLE directory are UTF-16LE.
        if Self.hasStream("EncryptedPackage", in: bytes) { throw .encrypted(format: "Office document") }
        guard Self.hasStream("WordDocument", in: bytes) else {
            throw .unsupported(detail: "an OLE compound file without a WordDocument stream (a spreadsheet, a presentation or a WPS file?): not a Word 97–2003 document")
        }
        let images = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-wv-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: images, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .toolFailed(tool: "zhiku", message: "cannot make a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: images) }
        let html = try ExternalTool.withTemporaryFile(bytes, suffix: ".doc") { path throws(ReadFailure) -> [UInt8] in
            // -d: where wvWare writes the pictures it finds (never the working folder).
            let out = try Self.wvWare.run(["--charset=utf-8", "-d", images.path, path], timeLimit: options.toolTimeLimit)
            guard out.status == 0, !out.stdout.isEmpty else {
                let why = out.stderr.contains("ssword") ? "password protected" : "wvWare could not read it (exit status \(out.status))"
                throw .damaged(format: "DOC", detail: why)
            }
            return out.stdout
        }
        var text = WvWareHTML.parse(html)
        let (lines, layoutTitle) = text.finish()
        guard !lines.isEmpty else { throw .empty }
        return DocumentText(lines: lines, metadata: DocumentMetadata(title: layoutTitle))
    }

    static func hasStream(_ name: String, in bytes: [UInt8]) -> Bool {
        let needle: [UInt8] = name.utf8.flatMap { [$0, 0] }
        return bytes.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
    }
}
