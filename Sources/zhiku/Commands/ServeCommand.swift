import ArgumentParser
import Foundation
import Logging
import ZhikuIndex
import ZhikuServer

/// `zhiku serve`: the line-protocol server (plain lines and RESP on one port; docs/protocol.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer SEARCH, DOC, STATS… over TCP, as JSON lines or RESP (redis-cli --raw, redis-benchmark).",
        discussion: """
            Listens on 127.0.0.1:7733 by default. Any other address needs a password, read from \
            --password-file or the ZHIKU_PASSWORD environment variable (never from a flag that ps shows).
            Try:  printf 'SEARCH limit=2 -- 研究团队\\n' | nc 127.0.0.1 7733
            SIGINT or SIGTERM: stop accepting, finish in-flight requests, exit 0.
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "HOST:PORT"))
    var listen: String = "127.0.0.1:7733"

    @Option(name: .long, help: "Connections served at once; the next get ERR_BUSY.")
    var maxClients: Int = 256

    @Option(name: .long, help: ArgumentHelp("File whose first line is the password AUTH must present.", valueName: "FILE"))
    var passwordFile: String?

    @Flag(name: .long, help: "Log every request to stderr (errors are always logged).")
    var logRequests = false

    @Option(name: .long, help: .hidden)
    var idleTimeout: Double = 300

    @Option(name: .long, help: "Answers kept in the result cache (0: no cache). It is emptied whenever the index changes.")
    var cacheEntries: Int = 1_024

    @Option(name: .long, help: ArgumentHelp("Memory the result cache may use.", valueName: "MB"))
    var cacheMb: Int = 32

    @Option(name: .long, help: ArgumentHelp("Threads running engine calls, 1…8, each with a reader connection of its own (default: twice the cores, at least 2).", valueName: "N"))
    var engineThreads: Int?

    @Option(name: .long, help: ArgumentHelp("Event-loop threads (default: the number of cores).", valueName: "N"))
    var eventLoopThreads: Int?

    @Option(name: .long, help: ArgumentHelp("Terms a SEARCH searches at most (1…\(Query.maxTermsLimit)); the rest are dropped with a warning.", valueName: "N"))
    var maxTerms: Int = Query.maxTerms

    func validate() throws {
        guard ServeCommand.splitAddress(listen) != nil else { throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:7733") }
        guard maxClients >= 1 else { throw ValidationError("--max-clients must be at least 1") }
        guard cacheEntries >= 0 else { throw ValidationError("--cache-entries must be 0 or more") }
        guard cacheMb >= 0 else { throw ValidationError("--cache-mb must be 0 or more") }
        guard (1...ServerConfiguration.maxEngineThreads).contains(engineThreads ?? 1) else {
            throw ValidationError("--engine-threads must be 1…\(ServerConfiguration.maxEngineThreads)")
        }
        guard (eventLoopThreads ?? 1) >= 1 else { throw ValidationError("--event-loop-threads must be at least 1") }
        guard (1...Query.maxTermsLimit).contains(maxTerms) else { throw ValidationError("--max-terms must be 1…\(Query.maxTermsLimit)") }
    }

    /// `127.0.0.1:7733`, `[::1]:7733`, `:7733` (loopback).
    static func splitAddress(_ s: String) -> (host: String, port: Int)? {
        guard let colon = s.lastIndex(of: ":"), let port = Int(s[s.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        var host = String(s[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    func password() throws -> String? {
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw ZhikuError(.io, "cannot read the password file \(passwordFile)")
            }
            let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !first.isEmpty else { throw ZhikuError(.argument, "the password file \(passwordFile) is empty") }
            return first
        }
        if let env = ProcessInfo.processInfo.environment["ZHIKU_PASSWORD"], !env.isEmpty { return env }
        return nil
    }

    func run() throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let (host, port) = ServeCommand.splitAddress(listen)!
        var config = ServerConfiguration()
        config.host = host
        config.port = port
        config.maxClients = maxClients
        config.password = try password()
        config.logRequests = logRequests
        config.idleTimeout = idleTimeout > 0 ? idleTimeout : nil
        config.cacheEntries = cacheEntries
        config.cacheBytes = cacheMb << 20
        config.engineThreads = engineThreads
        config.eventLoopThreads = eventLoopThreads
        config.maxQueryTerms = maxTerms
        do {
            try config.validate()
        } catch let e as ServerStartError {
            throw ZhikuError(.argument, e.message)
        }
        // The server owns the engine: it lets go of it when the index file is replaced (a local
        // holding it would keep the deleted file's descriptors open for the life of the process).
        let server = ZhikuServer(engine: try indexOptions.openEngine(), configuration: config)
        do {
            try server.start()
        } catch let e as ServerStartError {
            throw ZhikuError(.io, e.message)
        }
        Terminal.note("serving \(indexOptions.index) on \(host):\(server.port) (Ctrl-C stops)")
        server.runUntilSignalled()
    }
}
