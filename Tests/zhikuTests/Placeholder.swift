import XCTest

final class zhikuTestsPlaceholder: XCTestCase {
    func testBuilds() { XCTAssertTrue(true) }
}
