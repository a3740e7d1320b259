import XCTest
@testable import ZhikuText

final class PrivateUseTests: XCTestCase {
    /// Issue 20: valid UTF-8 with private-use characters (rare characters and symbols from fonts and
    /// input methods) was rejected as "not text"; in GB18030 they still count as noise.
    func testIssue20PrivateUseCharactersInValidUTF8AreText() throws {
        let text = String(repeating: "园区建设\u{E000}情况\u{F8FF}。\n", count: 20)
        let decoded = try TextDecoder.decode(Array(text.utf8))
        XCTAssertEqual(decoded.text, text)
        XCTAssertEqual(decoded.encoding, .utf8)
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { u -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        XCTAssertEqual(try TextDecoder.decode(utf16).text, text)
        XCTAssertFalse(TextDecoder.isPlausible(text), "still noise where GB18030 decoding produced it")
        XCTAssertTrue(TextDecoder.isPlausible(text, privateUseIsText: true))
        XCTAssertFalse(TextDecoder.isPlausible(String(repeating: "\u{1}\u{2}正文", count: 20), privateUseIsText: true), "controls are still noise")
    }
}
