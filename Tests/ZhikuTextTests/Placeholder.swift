import XCTest

final class ZhikuTextTestsPlaceholder: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}
