import XCTest

final class ZhikuServerTestsPlaceholder: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}
