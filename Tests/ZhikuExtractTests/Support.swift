import Foundation
import XCTest
@testable import ZhikuExtract

/// Locates `../shared` relative to the package root.
enum Shared {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var root: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    static func file(_ rel: String) throws -> URL {
        let u = root.appendingPathComponent(rel)
        guard FileManager.default.fileExists(atPath: u.path) else {
            throw XCTSkip("shared material not found at \(u.path); skipping")
        }
        return u
    }
}

/// XCTest on Linux may exit without flushing a piped stdout: flush after printing reports.
func flushOutput() { fflush(stdout) }

func ex(_ text: String, _ date: String = "2021-05-28") -> Entities {
    Extractor(documentDate: SimpleDate(iso: date)).extract(text)
}
