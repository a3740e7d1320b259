import ArgumentParser
import Foundation
import ZhikuExtract
import ZhikuIndex

struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "Answer a fact question from the knowledge base: a figure, date, rank or name with its evidence.",
        discussion: """
            Keywords (科研团队, 建筑面积) or a question (中科院赣江创新院有多少个科研团队, 重庆市2025年政府工作报告中 \
            技术合同成交额达到多少, 《专利法》第三次修正是哪天通过的). A question that names a place, a year, a \
            session, a document or an institution is answered from the documents that match it (a warning says \
            when none does and the lookup widens). The best answer comes first, then alternatives; when nothing \
            fits, nothing is answered, with the reason (exit status 1). `-` reads one question per line from \
            standard input and prints one JSON object per line.
            """)

    @Option(name: [.customShort("n"), .long], help: "Answers to show (1…20).")
    var limit: Int = 3

    @Option(name: .long, help: "Only facts whose attribute is or contains this.")
    var attr: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Show the features that made each answer win (always in JSON as `why`).")
    var explain = false

    /// Every candidate with its feature vector, for Tools/fit-fact-weights.py.
    @Flag(name: .customLong("dump-features"), help: .hidden)
    var dumpFeatures = false

    /// Time the lookups of the questions on stdin through the engine: one untimed pass, then N
    /// timed ones; prints the p50 and p99 of each question's median (Benchmarks/README.md).
    @Option(name: .customLong("bench"), help: .hidden)
    var benchPasses: Int?

    @Option(name: .long, help: "Colour: auto, always, never.")
    var color: ColorChoice = .auto

    @OptionGroup var indexOptions: IndexOptions

    @Argument(help: ArgumentHelp("The question, or - to read questions from standard input.", valueName: "QUESTION"))
    var question: [String] = []

    func validate() throws {
        if question.isEmpty { throw ValidationError("missing question: zhiku facts QUESTION…") }
        if !(1...20).contains(limit) { throw ValidationError("-n must be 1…20") }
    }

    func run() throws {
        let engine = try indexOptions.openEngine()
        var options = FactLookupOptions(limit: limit, attribute: attr)
        options.includeCandidates = dumpFeatures
        if let passes = benchPasses {
            guard question == ["-"], (1...100).contains(passes) else { throw ValidationError("--bench N (1…100) reads questions from -") }
            var questions: [String] = []
            while let line = readLine() { if !line.trimmingCharacters(in: .whitespaces).isEmpty { questions.append(line) } }
            Terminal.writeOut(try FactsCommand.bench(engine, questions: questions, passes: passes, options: options) + "\n")
            return
        }
        if question == ["-"] {
            // One question per line, one JSON object per line (empty lines answer with an error object).
            var answered = false
            while let line = readLine() {
                do {
                    let r = try engine.facts(line, options: options)
                    answered = answered || !r.answers.isEmpty
                    Terminal.writeOut(r.json + "\n")
                } catch let e as ZhikuError {
                    Terminal.writeOut("{\"question\":\(JSONWriter.array([line]).dropFirst().dropLast()),\"error\":\(JSONWriter.array([e.description]).dropFirst().dropLast()),\"answers\":[]}\n")
                }
            }
            if !answered { throw ExitCode(1) }
            return
        }
        let r = try engine.facts(question.joined(separator: " "), options: options)
        if format != .text || dumpFeatures {
            Terminal.writeOut(r.json + "\n")
        } else {
            Terminal.writeOut(FactsText.render(r, color: Terminal.useColor(color), explain: explain))
        }
        if r.answers.isEmpty { throw ExitCode(1) }
    }

    /// Each question's median time over `passes` (after one untimed pass), then the p50, p99 and
    /// mean of those medians over the questions, as a JSON object.
    static func bench(_ engine: Engine, questions: [String], passes: Int, options: FactLookupOptions) throws -> String {
        var times = [[Double]](repeating: [], count: questions.count)
        for pass in 0...passes {
            for (i, q) in questions.enumerated() {
                let started = DispatchTime.now().uptimeNanoseconds
                _ = try engine.facts(q, options: options)
                if pass > 0 { times[i].append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6) }
            }
        }
        let medians = times.map { $0.sorted()[$0.count / 2] }.sorted()
        func pct(_ p: Double) -> Double { medians.isEmpty ? 0 : medians[min(medians.count - 1, Int((p * Double(medians.count - 1)).rounded()))] }
        let mean = medians.reduce(0, +) / Double(max(1, medians.count))
        return String(format: "{\"questions\":%d,\"passes\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"mean_ms\":%.3f,\"max_ms\":%.3f}",
                      questions.count, passes, pct(0.5), pct(0.99), mean, medians.last ?? 0)
    }
}
