import XCTest

final class ZhikuTerminalTestsPlaceholder: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}
