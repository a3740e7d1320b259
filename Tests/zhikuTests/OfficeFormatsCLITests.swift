import Foundation
import XCTest
import ZhikuTestSupport

/// Issue 17 with the real binary: office files indexed beside text, every bad one skipped with
/// its reason and exit 0, nothing indexed before lost; a hanging converter killed; a missing one
/// named; a 1,000-page PDF read with bounded memory and progress.
final class OfficeFormatsCLITests: XCTestCase {
    var ws: Workspace!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") || ProcessInfo.processInfo.environment["PATH"].map({ p in
            p.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext") } }) == true else {
            throw XCTSkip("pdftotext not installed (Debian poppler-utils; .ci/run installs it)")
        }
        ws = try Workspace()
        try ws.addSampleReport()
    }

    override func tearDown() { ws = nil }

    func put(_ name: String, _ data: Data) throws { try data.write(to: ws.corpus.appendingPathComponent(name)) }

    func index(_ extra: [String] = [], env: [String: String] = [:]) throws -> (Binary.Result, [String: Any]) {
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "--format", "json"] + extra, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        return (r, json)
    }

    static func reasons(_ json: [String: Any]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (json["skipped"] as? [[String: Any]] ?? []).map { ($0["path"] as! String, $0["reason"] as! String) })
    }

    func search(_ query: String) throws -> Binary.Result { try Binary.run(["search", "--index", ws.index.path, query]) }

    func testIssue17BadFilesAreSkippedAndNothingIsLost() throws {
        var good = PDFWriter()
        var top = 80.0
        good.pages = [[.init(x: 100, top: 40, size: 24, "创新平台年度报告")] + PDFWriter.paragraph("本年度新增省级重点实验室四家，孵化器面积达到十二万平方米。", top: &top)]
        try put("report.pdf", good.data())
        try put("plan.docx", OfficeFiles.docx(body: OfficeFiles.p("三年行动计划", size: 44) + OfficeFiles.p("到2025年建成概念验证中心五个。")))
        let (first, json1) = try index()
        XCTAssertEqual(json1["added"] as? Int, 3, first.stderr)
        let formats1 = json1["formats"] as? [String: [String: Int]] ?? [:]
        XCTAssertEqual(formats1["pdf"]?["indexed"], 1)
        XCTAssertEqual(formats1["docx"]?["indexed"], 1)
        XCTAssertEqual(formats1["text"]?["indexed"], 1)
        XCTAssertEqual(Set(json1.keys), ["added", "updated", "removed", "unchanged", "skipped", "formats", "passages", "bytes_read", "seconds"])

        // The bad ones.
        var scan = PDFWriter(pages: [[]]); scan.imagePages = [0]
        try put("scan.pdf", scan.data())
        try put("cut.pdf", good.data().prefix(700))
        try put("bomb.docx", OfficeFiles.zipBomb(megabytes: 300))
        try put("xxe.docx", OfficeFiles.docx(body: OfficeFiles.p("&x;"), prolog: "<!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"))
        try put("corrupt.docx", Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 7, count: 300)))
        try put("bad.doc", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504) + Array("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0".utf8) + [UInt8](repeating: 9, count: 3000)))
        try put("notes.rtf", Data("{\\rtf1\\ansi 通知}".utf8))
        var expected: [String: String] = [
            "scan.pdf": "PDF without a text layer",
            "cut.pdf": "damaged PDF: truncated",
            "bomb.docx": "DOCX refused:",
            "xxe.docx": "never fetched or expanded",
            "corrupt.docx": "damaged DOCX: not a readable ZIP archive",
            "bad.doc": "DOC",
            "notes.rtf": "RTF document",
        ]
        if let qpdf = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let plain = ws.root.appendingPathComponent("plain.pdf")
            try good.data().write(to: plain)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: qpdf)
            p.arguments = ["--encrypt", "secret", "owner", "256", "--", plain.path, ws.corpus.appendingPathComponent("locked.pdf").path]
            try p.run(); p.waitUntilExit()
            expected["locked.pdf"] = "encrypted PDF (a password is needed to open it)"
        }
        let (second, json2) = try index()
        let reasons = Self.reasons(json2)
        for (file, reason) in expected {
            XCTAssertTrue(reasons[file]?.contains(reason) == true, "\(file): \(reasons[file] ?? "not skipped")")
            XCTAssertTrue(second.stderr.contains("skipped \(file): "), second.stderr)
        }
        XCTAssertEqual(json2["unchanged"] as? Int, 3)
        XCTAssertFalse(second.stdout.contains("root:"), "no /etc/passwd anywhere")
        // Nothing indexed before is lost.
        XCTAssertEqual(try search("科研团队").status, 0)
        XCTAssertTrue(try search("重点实验室").stdout.contains("创新平台年度报告"))
        XCTAssertTrue(try search("概念验证中心").stdout.contains("三年行动计划"))

        // A converter that hangs (and leaves a child behind) is stopped after --tool-timeout.
        let bin = ws.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appendingPathComponent("pdftotext")
        try "#!/bin/sh\nsleep 60 &\nexec sleep 60\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        try put("slow.pdf", good.data())
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let started = Date()
        let (third, json3) = try index(["--tool-timeout", "1"], env: ["PATH": path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(Self.reasons(json3)["slow.pdf"], "pdftotext did not finish in 1 s and was stopped", third.stderr)
        XCTAssertEqual(try search("科研团队").status, 0)

        // A converter that is not installed is named with its package.
        let (fourth, json4) = try index([], env: ["PATH": "/nonexistent"])
        XCTAssertEqual(Self.reasons(json4)["slow.pdf"], "pdfinfo is not installed (Debian: apt-get install poppler-utils)", fourth.stderr)
        let text = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], env: ["PATH": "/nonexistent"])
        XCTAssertTrue(text.stdout.contains("by format: doc 0 (1 skipped), docx 1 (3 skipped), pdf 1 ("), text.stdout)
    }

    func testIssue17ThousandPagePDFWithBoundedMemoryAndProgress() throws {
        var pdf = PDFWriter()
        for page in 0..<1500 {
            var top = 60.0
            var lines = [PDFWriter.Line(x: 280, top: 800, size: 10, "- \(page + 1) -")]
            for k in 0..<6 {
                lines += PDFWriter.paragraph("第\(page + 1)页第\(k + 1)段：按照年度计划推进重点项目建设，完成固定资产投资\(page * 7 + k)亿元，同比增长\(k).\(page % 10)%。", top: &top)
            }
            pdf.pages.append(lines)
        }
        try put("big.pdf", pdf.data())
        let log = ws.root.appendingPathComponent("progress.jsonl")
        let (status, maxRSS) = try Binary.runMeasuringMemory(["index", ws.corpus.path, "--index", ws.index.path, "--progress-log", log.path])
        XCTAssertEqual(status, 0)
        XCTAssertLessThan(maxRSS, 300 * 1024, "peak memory \(maxRSS) KB")
        // Progress while the one big file is read: bytes done between none and all.
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let total = lines.last?["bytes_total"] as? Int ?? 0
        let within = lines.filter { l in
            let done = l["bytes_done"] as? Int ?? 0
            return done > 0 && done < total - 10_000
        }
        XCTAssertFalse(within.isEmpty, "progress within big.pdf: \(lines)")
        let found = try search("固定资产投资10496亿元")
        XCTAssertTrue(found.stdout.contains("big.pdf"), found.stdout)
    }
}
