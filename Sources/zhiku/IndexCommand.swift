import ArgumentParser
import Foundation
import ZhikuIndex

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update the index from folders or files (default: corpus/).",
        discussion: """
            Reads .txt, .md and .html files (UTF-8, UTF-16 with BOM, GB18030), recursively. A second run
            re-reads only changed files and drops removed ones. An interrupted run leaves the previous index intact.
            """)

    @Argument(help: ArgumentHelp("Folders or files to index.", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Index folder.", valueName: "DIR"))
    var index: String = "index"

    @Flag(name: .long, help: "Drop the index's contents and index everything again.")
    var rebuild = false

    @Flag(name: .long, help: "Do not extract entities (faster; hits carry empty entities).")
    var noExtract = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let roots = (paths.isEmpty ? ["corpus"] : paths).map { URL(fileURLWithPath: $0) }
        let store = try IndexStore.openForWriting(directory: URL(fileURLWithPath: index), replacingUnusable: rebuild)
        var indexer = Indexer(store: store, extractor: noExtract ? NoExtraction() : Annotation.default)
        indexer.rebuild = rebuild
        let bar = ProgressBar(enabled: Terminal.stderrIsTTY && !quiet)
        let report = try indexer.run(roots: roots) { bar.update($0) }
        bar.finish()
        for (path, reason) in report.skipped {
            Terminal.note("skipped \(path): \(reason)")
        }
        if !quiet {
            let mb = Double(report.bytesRead) / 1_048_576
            print(String(format: "added %d, updated %d, removed %d, unchanged %d, skipped %d; %d passages from %.1f MB in %.2f s",
                         report.added.count, report.updated.count, report.removed.count, report.unchanged, report.skipped.count,
                         report.passages, mb, report.seconds))
        }
    }
}

/// A one-line progress bar on stderr, redrawn at most ten times a second; nothing when disabled.
final class ProgressBar {
    let enabled: Bool
    var last = Date.distantPast
    var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: IndexProgress) {
        guard enabled, Date().timeIntervalSince(last) > 0.1 || p.filesDone == p.filesTotal else { return }
        last = Date()
        let width = 30
        let fraction = p.bytesTotal > 0 ? Double(p.bytesDone) / Double(p.bytesTotal) : 1
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %3.0f%%  %d/%d files  %.1f/%.1f MB", bar, fraction * 100, p.filesDone, p.filesTotal,
                          Double(p.bytesDone) / 1_048_576, Double(p.bytesTotal) / 1_048_576)
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
