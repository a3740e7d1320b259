import XCTest

final class ZhikuExtractTestsPlaceholder: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}
