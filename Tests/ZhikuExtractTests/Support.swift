import Foundation
import XCTest
import ZhikuTestSupport
@testable import ZhikuExtract

/// XCTest on Linux may exit without flushing a piped stdout: flush after printing reports.
func flushOutput() { fflush(stdout) }

func ex(_ text: String, _ date: String = "2021-05-28") -> Entities {
    Extractor(documentDate: SimpleDate(iso: date)).extract(text)
}
