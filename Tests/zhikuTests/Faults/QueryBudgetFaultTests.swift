import Foundation
import XCTest
import ZhikuTestSupport

/// Issue 20: `zhiku search` had no time limit (a 255-character query of 128 frequent single
/// characters ran past 180 s); it now has the server's budget, `--timeout MS`, and a cap on the
/// number of terms that says what it dropped.
final class QueryBudgetFaultTests: XCTestCase {
    /// 128 frequent characters, and a corpus where every passage holds many of them.
    static let characters = Array("的是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")

    private func corpus() throws -> Workspace {
        let ws = try Workspace()
        var seed = UInt64(20)  // the same corpus every run: a small linear congruential generator
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        let chars = QueryBudgetFaultTests.characters
        for f in 0..<40 {
            var text = "第\(f)号报告\n"
            for _ in 0..<300 {
                text += String((0..<60).map { _ in chars[next() % 160] }) + "。\n"
            }
            try ws.write("r\(f).txt", text)
        }
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "--no-extract", "--quiet"], timeout: 300)
        XCTAssertEqual(r.status, 0, r.stderr)
        return ws
    }

    private func json(_ r: Binary.Result) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    func testIssue20SearchHasATimeBudgetAndATermCap() throws {
        let ws = try corpus()
        let many = QueryBudgetFaultTests.characters.prefix(128).map(String.init).joined(separator: " ")
        XCTAssertEqual(many.count, 255)

        // The budget stops the query and says so; the hits found so far are shown.
        let cut = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "--timeout", "1", "--", many], timeout: 60)
        XCTAssertTrue([0, 1].contains(cut.status), cut.stderr)
        let cutJSON = json(cut)
        XCTAssertEqual(cutJSON["timed_out"] as? Bool, true, cut.stdout)
        let warnings = cutJSON["warnings"] as? [String] ?? []
        XCTAssertTrue(warnings.contains { $0.hasPrefix("searched the first 16 terms; dropped 112: ") }, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.contains("time budget of 1 ms") }, "\(warnings)")

        // The default budget (the server's 1 s) applies without the option; the query comes back.
        let plain = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "--", many], timeout: 60)
        XCTAssertTrue([0, 1].contains(plain.status), plain.stderr)
        XCTAssertNotNil(json(plain)["timed_out"] as? Bool)

        // --timeout 0: no limit, and the run ends.
        let unlimited = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "--timeout", "0", "--",
                                        QueryBudgetFaultTests.characters.prefix(4).map(String.init).joined(separator: " ")], timeout: 120)
        XCTAssertEqual(json(unlimited)["timed_out"] as? Bool, false, unlimited.stdout + unlimited.stderr)

        // Text output says it too, on stderr's warnings line.
        let text = try Binary.run(["search", "--index", ws.index.path, "--timeout", "1", "--", many], timeout: 60)
        XCTAssertTrue(text.stdout.contains("time budget of 1 ms"), text.stdout)

        let bad = try Binary.run(["search", "--index", ws.index.path, "--timeout=-5", "的"], timeout: 60)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("zhiku: ERR_ARG: --timeout must be"), bad.stderr)
    }
}
