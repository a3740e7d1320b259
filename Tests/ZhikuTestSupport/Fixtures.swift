import Foundation
import XCTest

/// Where the package, its sample report and the shared evaluation material are, for every test target.
public enum Fixtures {
    /// The package root (the folder holding Package.swift).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `../shared` beside the package: corpora, evaluation sets, peer specs.
    public static var sharedRoot: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The sample report in `corpus/`.
    public static var sampleReport: URL {
        packageRoot.appendingPathComponent("corpus/ganzhou-hitech-zone-innovation-platforms-2021.txt")
    }

    /// `../shared/<relative>`, or a skip that says what is missing and why the test needs it.
    public static func shared(_ relative: String, for purpose: String = "this test") throws -> URL {
        let url = sharedRoot.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("../shared/\(relative) not found: \(purpose) needs the shared folder beside the repo")
        }
        return url
    }

    /// The lines of a JSON Lines file, each decoded as `T`.
    public static func jsonLines<T: Decodable>(_ url: URL, as type: T.Type = T.self) throws -> [T] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.map {
            try decoder.decode(T.self, from: Data($0.utf8))
        }
    }
}
