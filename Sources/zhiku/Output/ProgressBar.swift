import ArgumentParser
import Foundation
import ZhikuIndex

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
