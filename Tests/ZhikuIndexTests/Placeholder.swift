import XCTest

final class ZhikuIndexTestsPlaceholder: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}
