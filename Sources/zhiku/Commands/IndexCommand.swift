import ArgumentParser
import Foundation
import ZhikuIndex

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update the index from folders or files (default: corpus/).",
        discussion: """
            Reads .txt, .md and .html files (UTF-8, UTF-16 with BOM, GB18030), and .pdf (poppler-utils), \
            .docx, .odt and .doc (wv) files, recursively. Every file is indexed or listed as skipped with its \
            reason; the summary counts files by format (--format json for scripts). A second run \
            re-reads only changed files and drops removed ones. An interrupted run leaves the previous index intact. \
            An index an older zhiku built is indexed again from scratch. One run writes an index at a time: \
            a second waits for the first to finish.
            """)

    @Argument(help: ArgumentHelp("Folders or files to index.", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Index folder.", valueName: "DIR"))
    var index: String = "index"

    @Flag(name: .long, help: "Drop the index's contents and index everything again.")
    var rebuild = false

    @Flag(name: [.customShort("L"), .long], help: "Follow symbolic links to folders (each folder is walked once; links to files are always read).")
    var follow = false

    @Flag(name: .long, help: "Do not extract facts or entities at index time (faster; no facts, and hits' entities are extracted when shown, without the document's aliases).")
    var noExtract = false

    @Option(name: .long, help: ArgumentHelp("Skip files larger than this, in MB (1…4096). Text and Markdown over 8 MB are read in parts of 8 MB; other formats whole.", valueName: "MB"))
    var maxFileMb = 64

    @Option(name: .long, help: ArgumentHelp("Seconds a converter (pdftotext, wvWare) may take on one file (or on 50 pages of a PDF) before it is stopped and the file skipped.", valueName: "SECONDS"))
    var toolTimeout: Double = 120

    @Option(name: .long, help: "text: a summary line and one by format; json: the summary as one JSON object on stdout.")
    var format: SummaryFormat = .text

    @Flag(name: [.short, .long], help: "Print nothing but errors (and the JSON summary with --format json).")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Append progress to FILE as JSON lines (seconds since start, bytes and files done), at most every 0.5 s and once at the end. For benchmarks.", valueName: "FILE"))
    var progressLog: String?

    func validate() throws {
        guard (1...4096).contains(maxFileMb) else { throw ValidationError("--max-file-mb must be 1…4096") }
        guard toolTimeout > 0, toolTimeout <= 86_400 else { throw ValidationError("--tool-timeout must be more than 0 and at most 86400 seconds") }
    }

    func run() throws {
        let roots = (paths.isEmpty ? ["corpus"] : paths).map { URL(fileURLWithPath: $0) }
        // A log that cannot be written is refused before an index folder is created.
        let progressLog = try self.progressLog.map { try ProgressLog(path: $0) }
        let store = try IndexStore.openForWriting(directory: URL(fileURLWithPath: index), replacingUnusable: rebuild, replacingOlderSchema: true,
                                                  whileWaiting: quiet ? { _ in } : Terminal.waitingForWriter(index))
        if let old = store.replacedSchemaVersion, !quiet {
            Terminal.note("\(index) was built by an older zhiku (schema version \(old); this one reads \(IndexStore.schemaVersion)): indexing everything again")
        }
        var indexer = Indexer(store: store, extractor: noExtract ? NoExtraction() : Annotation.default)
        indexer.rebuild = rebuild
        indexer.followLinks = follow
        indexer.maxFileBytes = maxFileMb << 20
        indexer.toolTimeLimit = toolTimeout
        let bar = ProgressBar(enabled: Terminal.stderrIsTTY && !quiet)
        let report = try indexer.run(roots: roots) { p in
            bar.update(p)
            progressLog?.update(p)
        }
        bar.finish()
        progressLog?.finish(report)
        IndexCommand.printPassedOver(report)
        if format == .json {
            print(report.json)
        } else if !quiet {
            let mb = Double(report.bytesRead) / 1_048_576
            print(String(format: "added %d, updated %d, removed %d, unchanged %d, skipped %d; %d passages from %.1f MB in %.2f s",
                         report.added.count, report.updated.count, report.removed.count, report.unchanged, report.skipped.count,
                         report.passages, mb, report.seconds))
            print(IndexCommand.byFormat(report))
        }
    }

    /// Everything the run did not index, on stderr: each skipped file with its reason, then the
    /// counts of files in formats zhiku does not read and of hidden entries, and the names that
    /// were indexed percent-escaped. File names are made safe for the terminal.
    static func printPassedOver(_ report: IndexReport) {
        for (path, reason) in report.skipped {
            Terminal.note("skipped \(Terminal.visible(path)): \(reason)")
        }
        if report.skipped.contains(where: { $0.1.hasPrefix("too large") }) {
            Terminal.note("--max-file-mb raises the limit")
        }
        if !report.unsupported.isEmpty {
            let counts = report.unsupported.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { ext, n in ext.isEmpty ? "\(n) without an extension" : "\(n) \(Terminal.visible(ext))" }
            Terminal.note("skipped \(counts.joined(separator: ", ")): not a format zhiku reads")
        }
        if report.hidden > 0 {
            Terminal.note("skipped \(report.hidden) hidden \(report.hidden == 1 ? "file or folder" : "files and folders") (names starting with a dot)")
        }
        if !report.escapedNames.isEmpty {
            let shown = report.escapedNames.prefix(5).map(Terminal.visible).joined(separator: ", ")
            let more = report.escapedNames.count > 5 ? ", …" : ""
            Terminal.note("\(report.escapedNames.count) file name\(report.escapedNames.count == 1 ? " is" : "s are") not UTF-8, indexed with the bytes that are not percent-escaped: \(shown)\(more)")
        }
    }

    /// `by format: doc 10 (1 skipped), docx 8, pdf 3, text 2`: indexed files per format.
    static func byFormat(_ report: IndexReport) -> String {
        let parts = report.formats.sorted { $0.key < $1.key }.map { name, c in
            "\(name) \(c.indexed)" + (c.skipped > 0 ? " (\(c.skipped) skipped)" : "")
        }
        return "by format: " + (parts.isEmpty ? "no files" : parts.joined(separator: ", "))
    }
}

/// What `zhiku index` prints at the end.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
