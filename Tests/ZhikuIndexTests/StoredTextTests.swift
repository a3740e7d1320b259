import Foundation
import XCTest
@testable import ZhikuIndex

final class StoredTextTests: XCTestCase {
    func testRoundTrip() {
        for s in ["", "a", "研究团队15个", "𠀀𪚥 emoji 🎉 é\u{301}", "4.47亿元\n第二行", String(repeating: "赣州", count: 500)] {
            XCTAssertEqual(StoredText.decode(StoredText.encode(s)), s)
            XCTAssertEqual(StoredText.encode(s), Array(s.utf16).withUnsafeBytes { Data($0) }, "UTF-16LE, as the standard library's code units")
        }
    }

    func testUnalignedBytesDecodeTheSame() {
        let encoded = StoredText.encode("赣州高新区🎉")
        var shifted = Data([0])
        shifted.append(encoded)
        XCTAssertEqual(StoredText.decode(shifted.dropFirst()), "赣州高新区🎉")
    }

    func testUnpairedSurrogatesBecomeReplacementCharacters() {
        let units: [UInt16] = [0x7814, 0xD800, 0x0041, 0xDC00]
        let data = units.withUnsafeBytes { Data($0) }
        XCTAssertEqual(StoredText.decode(data), "研\u{FFFD}A\u{FFFD}")
        XCTAssertEqual(StoredText.decode(data), String(decoding: units, as: UTF16.self))
    }

    func testBigramOverlap() {
        XCTAssertEqual(FactText.bigramOverlap("研发投入", "全区研发投入超10亿元"), 1.0)
        XCTAssertEqual(FactText.bigramOverlap("研发投入", "研发人员"), 1.0 / 3.0, accuracy: 1e-9)
        XCTAssertEqual(FactText.bigramOverlap("研", "研发"), 0)
    }

    func testHeadingPathsSplitAsTheStandardLibrarySplits() {
        let sep = String(Schema.headingSeparator)
        let cases = ["", "一、总体要求", "一、总体要求" + sep + "（一）指导思想", sep + "甲" + sep + sep + "乙" + sep, sep, "e\u{301}" + sep + "x\u{301}",
                     "第五章 人才建设" + sep + "第三十七条" + sep + "1. 🇨🇳 旗"]
        for path in cases {
            XCTAssertEqual(Schema.headings(ofPath: path), path.split(separator: Schema.headingSeparator).map(String.init), path.debugDescription)
        }
    }
}
