import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

extension Indexer {
    /// Workers read and prepare files (decode, clean, split, extract) on every core (at most 4),
    /// at most `window` files ahead of the writer; the writer takes them in order.
    /// The workers report how far they have read a long file (a PDF of a thousand pages) in the
    /// ``ReadingProgress`` returned with the queue.
    func startWorkers(_ files: [SourceFile]) -> (PreparedQueue, ReadingProgress) {
        let queue = PreparedQueue(count: files.count, window: 16)
        let extractor = self.extractor, splitter = self.splitter, toolTimeLimit = self.toolTimeLimit
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        let reading = ReadingProgress()
        for _ in 0..<workers {
            let worker = Thread {
                Indexer.yieldToWriter()
                while let i = queue.claim() {
                    let options = ReadOptions(toolTimeLimit: toolTimeLimit, progress: { reading.set(i, $0) })
                    queue.put(i, Indexer.prepare(files[i], splitter: splitter, extractor: extractor, options: options))
                    reading.finish(i)
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        return (queue, reading)
    }

    /// Reads, decodes, cleans and splits one file, extracts its knowledge, and encodes its
    /// passages as stored; a file that cannot be read or decoded gets its reason.
    static func prepare(_ f: SourceFile, splitter: PassageSplitter, extractor: KnowledgeExtractor, options: ReadOptions = ReadOptions()) -> Prepared {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(f.path)
        } catch {
            return Prepared(file: f, hash: "", document: nil, knowledge: DocumentKnowledge(), failure: error.reason)
        }
        let hash = ContentHash.fnv1a64(bytes)
        do {
            let doc = try DocumentReader.read(bytes, fileName: f.id, splitter: splitter, options: options)
            let profile = DocumentProfile(document: doc, fileName: f.id)
            var knowledge = extractor.knowledge(of: doc, profile: profile)
            knowledge.profile = knowledge.profile ?? profile
            let entities = knowledge.passageEntities.flatMap { $0.count == doc.passages.count ? $0.map(EntityCodec.pack) : nil }
            knowledge.passageEntities = nil  // kept packed only
            return Prepared(file: f, hash: hash, document: doc, knowledge: knowledge, failure: nil,
                            bodies: doc.passages.map { StoredText.encode($0.text) },
                            headingPaths: doc.passages.map { $0.headings.joined(separator: String(Schema.headingSeparator)) },
                            entities: entities)
        } catch {
            return Prepared(file: f, hash: hash, document: nil, knowledge: DocumentKnowledge(), failure: error.description)
        }
    }
}
