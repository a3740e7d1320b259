import Foundation

/// PDF with a text layer, through poppler's command-line tools (`pdfinfo`, `pdftotext -bbox`;
/// Debian `poppler-utils`).
///
/// The tools rather than libpoppler-glib: zhiku builds and runs without poppler (a PDF is then
/// skipped, saying which package to install); a converter that crashes or hangs on a hostile file
/// takes down a child process that is killed after ``ReadOptions/toolTimeLimit``, not the
/// indexer; and `-bbox` gives every word's box, which is all the layout analysis needs.
///
/// Pages are read ``pagesPerRun`` at a time, so that memory stays bounded on a PDF of thousands
/// of pages and progress is reported as it goes. Then: rows and cells from the words' boxes
/// (``PDFPageLayout``), running headers, footers and page numbers out (``RunningLines``),
/// paragraphs, tables and headings (``PDFBlocks``), and the title from the document information
/// when the text bears it out, else from the largest text at the top (``LayoutTitle``). A PDF's
/// CreationDate is never its date: it is when the file was made, not the document.
public struct PDFReader: FormatReader {
    public static let pdftotext = ExternalTool("pdftotext", package: "poppler-utils")
    public static let pdfinfo = ExternalTool("pdfinfo", package: "poppler-utils")
    /// Pages per run of pdftotext: ~50 KB of output a page at most, a few MB a run.
    static let pagesPerRun = 50
    /// Text at least this much larger than the body is a heading (a short line: 三号 16 pt
    /// headings over 小三 15 pt body make 1.07, and are left to the numbering; 18 over 16, 1.125).
    static let headingRatio = 1.1
    /// A heading is at most this long; a longer line in large type is a display paragraph.
    static let maxHeading = 60

    public init() {}

    public func read(_ bytes: [UInt8], fileName: String, options: ReadOptions) throws(ReadFailure) -> DocumentText {
        guard SourceFormat.sniff(bytes) == .pdf else { throw .damaged(format: "PDF", detail: "no %PDF- header: not a PDF file") }
        guard Self.endsWithEOF(bytes) else { throw .damaged(format: "PDF", detail: "truncated (no %%EOF marker at the end)") }
        return try ExternalTool.withTemporaryFile(bytes, suffix: ".pdf") { path throws(ReadFailure) in
            let info = try Self.info(of: path, options: options)
            var pages: [[PDFRow]] = [], heights: [Double] = []
            var words = 0
            var first = 1
            while first <= info.pages {
                let last = min(first + Self.pagesPerRun - 1, info.pages)
                let out = try Self.pdftotext.run(["-enc", "UTF-8", "-bbox", "-f", String(first), "-l", String(last), path, "-"],
                                                 timeLimit: options.toolTimeLimit)
                guard out.status == 0 else { throw Self.failure(out, tool: "pdftotext") }
                for page in PDFBBoxParser.pages(out.stdout) {
                    words += page.words.count
                    heights.append(page.height)
                    pages.append(PDFPageLayout.rows(of: page, number: pages.count))
                }
                options.progress?(Double(last) / Double(max(info.pages, 1)))
                first = last + 1
            }
            guard words > 0 else { throw .noTextLayer }
            RunningLines.remove(from: &pages, heights: heights)
            return Self.document(pages: pages, statedTitle: info.title)
        }
    }

    /// Lines and title from the pages' rows.
    static func document(pages: [[PDFRow]], statedTitle: String?) -> DocumentText {
        let metrics = PDFBodyMetrics(rows: pages.flatMap { $0 })
        var blocks = PDFBlocks.blocks(pages: pages, metrics: metrics)
        func isHeading(_ text: String, _ size: Double) -> Bool {
            guard size >= headingRatio * metrics.size, text.count <= maxHeading, LayoutTitle.hasWords(text),
                  let last = text.unicodeScalars.last else { return false }
            return !CharClass.isSentenceEnd(last.value) && last != "，" && last != ","
        }
        // The layout's title among the first page's paragraphs; set over several, they become one.
        let firstPage = blocks.first.map { b -> Int in if case .paragraph(_, _, let p) = b { return p }; if case .table(_, let p) = b { return p }; return 0 } ?? 0
        let opening = blocks.prefix { b in if case .paragraph(_, _, let p) = b { return p == firstPage }; return false }
        let sized = opening.map { b -> SizedText in if case .paragraph(let t, let s, _) = b { return SizedText(text: t, size: s) }; return SizedText(text: "", size: 0) }
        let layout = LayoutTitle.find(in: sized, bodySize: metrics.size)
        if let found = layout, found.range.count > 1 {
            blocks.replaceSubrange(found.range, with: [.paragraph(text: found.joined, size: sized[found.range.lowerBound].size, page: firstPage)])
        }
        // Heading levels: the distinct heading sizes, largest first.
        var headingSizes: [Double] = []
        for case .paragraph(let t, let s, _) in blocks where isHeading(t, s) {
            if !headingSizes.contains(where: { abs($0 - s) <= 0.05 * s }) { headingSizes.append(s) }
        }
        headingSizes.sort(by: >)
        var lines: [String] = []
        for b in blocks {
            switch b {
            case .paragraph(let text, let size, _):
                if isHeading(text, size), let rank = headingSizes.firstIndex(where: { abs($0 - size) <= 0.05 * size }) {
                    lines.append(LineMarkup.heading(text, level: rank + 1))
                } else {
                    lines.append(text)
                }
            case .table(let rows, _):
                for row in rows where row.contains(where: { !$0.isEmpty }) { lines.append(LineMarkup.tableRow(row)) }
            }
        }
        let openingText = lines.prefix(40).joined(separator: "\n")
        let title = LayoutTitle.choose(stated: statedTitle, layout: layout?.text, openingText: openingText)
        return DocumentText(lines: lines, metadata: DocumentMetadata(title: title))
    }

    /// What `pdfinfo` says: the page count and the stated title; an encrypted or damaged file
    /// is refused here.
    static func info(of path: String, options: ReadOptions) throws(ReadFailure) -> (pages: Int, title: String?) {
        let out = try pdfinfo.run(["-enc", "UTF-8", path], timeLimit: options.toolTimeLimit, outputLimit: 1 << 20)
        guard out.status == 0 else { throw failure(out, tool: "pdfinfo") }
        var pages = 0
        var title: String? = nil
        for line in String(decoding: out.stdout, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("Pages:") { pages = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if line.hasPrefix("Title:") {
                let t = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { title = t }
            }
        }
        guard pages > 0 else { throw .damaged(format: "PDF", detail: "no pages") }
        return (pages, title)
    }

    /// The reason for a failed run of a poppler tool.
    static func failure(_ out: ExternalTool.Output, tool: String) -> ReadFailure {
        if out.stderr.contains("Incorrect password") || out.stderr.contains("encrypted") { return .encrypted(format: "PDF") }
        if out.status == 3 { return .encrypted(format: "PDF") }  // poppler: permission error
        return .damaged(format: "PDF", detail: "\(tool): \(out.firstErrorLine)")
    }

    /// Whether the last KB holds `%%EOF`: a file cut short (an interrupted download) does not,
    /// and poppler would read what is left without a word.
    static func endsWithEOF(_ bytes: [UInt8]) -> Bool {
        let tail = Array(bytes.suffix(1024))
        let marker = Array("%%EOF".utf8)
        return tail.withUnsafeBufferPointer { t in marker.withUnsafeBufferPointer { ByteSearch.contains(t, $0) } }
    }
}
