// swift-tools-version:6.0
import PackageDescription

// One engine, thin faces: files → ZhikuText → ZhikuExtract → ZhikuIndex → (CLI | REPL | server).
/// Swift 5: the test targets (XCTest's shared fixtures predate strict checking) and the benchmark tool.
let v5: [SwiftSetting] = [.swiftLanguageMode(.v5)]
/// Swift 6: the compiler checks data races.
let v6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "zhiku",
    // Linux only (x86-64 and arm64 with Swift 6): the server watches folders with inotify, the
    // writer lock's holder is read from /proc/locks, external tools are run with glibc's pipe2.
    // No Apple platform is declared, as none is built or tested.
    products: [
        .executable(name: "zhiku", targets: ["zhiku"]),
        .library(name: "ZhikuIndex", targets: ["ZhikuIndex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Reading (a reader per format), decoding, cleaning, normalization, segmentation, passages.
        // Two dependencies: ZIPFoundation (DOCX and ODT are ZIP containers) and Yams (Markdown front matter).
        .target(name: "ZhikuText",
                dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Yams", package: "Yams")],
                swiftSettings: v6),
        // Figures, dates, organizations. Text layer only.
        .target(name: "ZhikuExtract", dependencies: ["ZhikuText"], swiftSettings: v6),
        // Schema, FTS5 tokenizer, ingestion, search, facts. The only module that speaks SQL.
        .target(
            name: "ZhikuIndex",
            dependencies: [
                "ZhikuText", "ZhikuExtract", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),  // sqlite3_progress_handler for query budgets
                .product(name: "HeapModule", package: "swift-collections"),  // the top-k collectors
            ],
            swiftSettings: v6),
        // Line protocol (plain lines and RESP on one port).
        .target(
            name: "ZhikuServer",
            dependencies: [
                "ZhikuText", "ZhikuIndex", "ZhikuExtract",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: v6),
        // Terminal: display width, raw mode, line editor. No dependencies.
        .target(name: "ZhikuTerminal", swiftSettings: v6),
        .executableTarget(
            name: "zhiku",
            dependencies: [
                "ZhikuText", "ZhikuExtract", "ZhikuIndex", "ZhikuServer", "ZhikuTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: v6),
        .executableTarget(
            name: "zhiku-bench",
            dependencies: ["ZhikuText", "ZhikuIndex"],
            path: "Benchmarks/zhiku-bench",
            swiftSettings: v5),
        .testTarget(name: "ZhikuTextTests", dependencies: ["ZhikuText", "ZhikuTestSupport"], swiftSettings: v5),
        .testTarget(name: "ZhikuExtractTests", dependencies: ["ZhikuExtract", "ZhikuTestSupport"], swiftSettings: v5),
        .testTarget(name: "ZhikuIndexTests", dependencies: ["ZhikuIndex", "ZhikuExtract", "ZhikuTestSupport"], swiftSettings: v5),
        .testTarget(name: "ZhikuServerTests", dependencies: ["ZhikuServer", "ZhikuText", "ZhikuIndex", "ZhikuExtract", "ZhikuTestSupport"], swiftSettings: v6),
        // Test helpers shared by every test target: fixtures and ../shared, the eval corpus, the built binary, loopback, a real terminal.
        .target(name: "ZhikuTestSupport", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],  // DOCX and ODT fixtures
                path: "Tests/ZhikuTestSupport", swiftSettings: v5),
        .testTarget(name: "ZhikuTerminalTests", dependencies: ["ZhikuTerminal", "ZhikuTestSupport"], swiftSettings: v5),
        .testTarget(name: "zhikuTests", dependencies: ["zhiku", "ZhikuIndex", "ZhikuExtract", "ZhikuTestSupport",
                                                      .product(name: "GRDB", package: "GRDB.swift")],  // an older index's schema version
                    swiftSettings: v5),
    ]
)
