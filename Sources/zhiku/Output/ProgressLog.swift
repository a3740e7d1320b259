import ArgumentParser
import Foundation
import ZhikuIndex

/// `--progress-log`: JSON lines `{"seconds":…,"bytes_done":…,"bytes_total":…,"files_done":…,"files_total":…}`,
/// seconds since the log was opened, at most every 0.5 s, when the last file comes, and a last line
/// with `"done":true` when the run has finished (after merging and checkpointing).
final class ProgressLog {
    let handle: FileHandle
    let started = Date()
    var lastWritten = -1.0
    var bytesDone = 0, bytesTotal = 0, filesDone = 0, filesTotal = 0

    /// Opens `path` for appending (created when missing): the lines of earlier runs stay.
    init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ValidationError("cannot write the progress log \(path): \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        write(done: false)
    }

    func write(done: Bool) {
        let t = Date().timeIntervalSince(started)
        lastWritten = t
        let line = String(format: "{\"seconds\":%.3f,\"bytes_done\":%d,\"bytes_total\":%d,\"files_done\":%d,\"files_total\":%d%@}\n",
                          t, bytesDone, bytesTotal, filesDone, filesTotal, done ? ",\"done\":true" : "")
        handle.write(Data(line.utf8))
    }

    func update(_ p: IndexProgress) {
        bytesDone = p.bytesDone; bytesTotal = p.bytesTotal; filesDone = p.filesDone; filesTotal = p.filesTotal
        // Always the moment the last file comes (what follows is writing it, merging, checkpointing).
        if Date().timeIntervalSince(started) - lastWritten >= 0.5 || p.filesDone == p.filesTotal { write(done: false) }
    }

    func finish(_ report: IndexReport) {
        bytesDone = max(bytesDone, report.bytesRead)
        write(done: true)
        try? handle.close()
    }
}
