import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

extension Indexer {
    /// The default of ``partBytes``: files larger than this (text and Markdown) are read, split
    /// and written in parts of about this size, cut at line ends: memory stays bounded whatever
    /// the file's size, the writer writes one part while the next is prepared, and progress moves
    /// inside the file. (A 200 MB file read whole took 1.36 GB.)
    static let defaultPartBytes = 8 << 20
    /// Parts of one file prepared ahead of the writer.
    static let partsAhead = 2
    /// Bytes of files claimed by workers and not yet written, at most (a file counts up to the
    /// parts it may hold at once); prepared text takes about six times its file's size.
    static let bytesInFlight = 32 << 20

    /// Step 3: workers read and prepare files (decode, clean, split, extract) on every core (at
    /// most 4), at most 16 files and ``bytesInFlight`` ahead of the writer; the writer takes them
    /// in order, a large file part after part. The workers report how far they have read a long
    /// file (a PDF of a thousand pages) in the ``ReadingProgress`` returned with the queue.
    func startWorkers(_ plan: IndexPlan) -> (PreparedQueue, ReadingProgress) {
        let files = plan.toRead
        let partBytes = self.partBytes
        let held = partBytes.multipliedReportingOverflow(by: Indexer.partsAhead + 1)  // parts of a file held at once
        let queue = PreparedQueue(costs: files.map { min($0.size, held.overflow ? .max : held.partialValue) }, window: 16,
                                  byteBudget: Indexer.bytesInFlight, partsAhead: Indexer.partsAhead)
        let extractor = self.extractor, splitter = self.splitter, toolTimeLimit = self.toolTimeLimit
        let knownHashes = files.map { plan.known[$0.id]?.hash }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        let reading = ReadingProgress()
        for _ in 0..<workers {
            let worker = Thread {
                Indexer.yieldToWriter()
                while let i = queue.claim() {
                    let options = ReadOptions(toolTimeLimit: toolTimeLimit, progress: { reading.set(i, $0) })
                    if Indexer.readsInParts(files[i], partBytes: partBytes) {
                        Indexer.prepareInParts(files[i], partBytes: partBytes, splitter: splitter, extractor: extractor,
                                               options: options, knownHash: knownHashes[i]) { queue.put(i, $0) }
                    } else {
                        queue.put(i, Indexer.prepare(files[i], splitter: splitter, extractor: extractor, options: options))
                    }
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
            return prepared(f, hash: hash, doc, profile: DocumentProfile(document: doc, fileName: f.id), extractor: extractor)
        } catch {
            return Prepared(file: f, hash: hash, document: nil, knowledge: DocumentKnowledge(), failure: error.description)
        }
    }

    /// A document's knowledge extracted (with its profile: the year it reports on) and its
    /// passages encoded as stored; `storeProfile` is false for the parts after a file's first.
    static func prepared(_ f: SourceFile, hash: String, _ document: SourceDocument, profile: DocumentProfile, storeProfile: Bool = true,
                         extractor: KnowledgeExtractor) -> Prepared {
        var doc = document
        var knowledge = extractor.knowledge(of: doc, profile: profile)
        knowledge.profile = storeProfile ? knowledge.profile ?? profile : nil
        doc.lines = []  // the passages hold the text; the lines are not written
        let entities = knowledge.passageEntities.flatMap { $0.count == doc.passages.count ? $0.map(EntityCodec.pack) : nil }
        knowledge.passageEntities = nil  // kept packed only
        return Prepared(file: f, hash: hash, document: doc, knowledge: knowledge, failure: nil,
                        bodies: doc.passages.map { StoredText.encode($0.text) },
                        headingPaths: doc.passages.map { $0.headings.joined(separator: String(Schema.headingSeparator)) },
                        entities: entities)
    }

    /// Whether `f` is read in parts: a text or Markdown file larger than ``partBytes`` (HTML and
    /// other formats are read whole: their structure does not cut at line ends).
    static func readsInParts(_ f: SourceFile, partBytes: Int) -> Bool {
        guard f.size > partBytes, let format = SourceFormat(fileName: f.id) else { return false }
        return format == .text || format == .markdown
    }

    /// Prepares a large file part after part (``partBytes`` each, cut after a line end), handing
    /// each to `emit` (which waits while the writer is ``partsAhead`` parts behind). The passages
    /// are those of the whole file (one ``PassageSplitter/Continuation``); the metadata is read
    /// from the file's head; each part's knowledge is extracted on its own (aliases a part
    /// defines count in that part).
    static func prepareInParts(_ f: SourceFile, partBytes: Int, splitter: PassageSplitter, extractor: KnowledgeExtractor,
                               options: ReadOptions = ReadOptions(), knownHash: String?, emit: (Prepared) -> Void) {
        func failed(_ reason: String, hash: String = "", part: Int = 0, bytes: Int = f.size) {
            emit(Prepared(file: f, hash: hash, document: nil, knowledge: DocumentKnowledge(), failure: reason, part: part, bytes: bytes))
        }
        let reader: FileBytes.Reader
        let hash: String
        do {
            reader = try FileBytes.Reader(f.path)
            hash = try reader.hash()
        } catch {
            return failed(error.reason)
        }
        if hash == knownHash {  // the same content: the writer only records the new size and time
            return emit(Prepared(file: f, hash: hash, document: nil, knowledge: DocumentKnowledge(), failure: nil))
        }
        do {
            // Read whole after all: UTF-16 (it does not cut at a byte 0x0A), and a PDF or Word file
            // under a text name (its magic bytes go to its reader, which needs all of it).
            if try reader.startsWithUTF16ByteOrderMark() || SourceFormat.sniff(reader.bytes(at: 0, count: 1024)) != nil {
                emit(prepare(f, splitter: splitter, extractor: extractor, options: options))
                return
            }
            let head = try? DocumentReader.read(reader.head(), fileName: f.id, splitter: splitter)
            let metadata = head?.metadata
            // The profile (place, kind, years) is read from the head, as for a file read whole.
            let profile = head.map { DocumentProfile(document: $0, fileName: f.id) } ?? DocumentProfile()
            var state = PassageSplitter.Continuation()
            var previous: SourceDocument?  // the last part read, for a last part with no text
            var start = 0
            var part = 0
            while true {
                let bytes = try reader.part(from: start, size: partBytes)
                let end = start + bytes.count
                let final = end >= reader.size
                var doc: SourceDocument?
                do {
                    doc = try DocumentReader.read(bytes, fileName: f.id, splitter: splitter, continuing: &state, final: final)
                } catch ReadFailure.decoding(.empty) where part > 0 || !final {
                    // A part with no text: the passage the parts before were building is the last.
                    if final {
                        let last = splitter.passages(of: [], continuing: &state, final: true)
                        guard var d = previous, state.nextNumber > 1 else {
                            return failed(ReadFailure.decoding(.empty).description, hash: hash, part: part, bytes: bytes.count)
                        }
                        (d.lines, d.passages) = ([], last)
                        doc = d
                    }
                } catch {
                    return failed(part == 0 ? error.description : "\(error.description) (from byte \(start) on)", hash: hash, part: part, bytes: bytes.count)
                }
                if var d = doc {
                    if let metadata { d.metadata = metadata }
                    previous = d
                    (previous!.passages, previous!.lines) = ([], [])
                    var p = prepared(f, hash: hash, d, profile: profile, storeProfile: part == 0, extractor: extractor)
                    (p.part, p.isLast, p.bytes) = (part, final, bytes.count)
                    emit(p)
                } else {
                    emit(Prepared(file: f, hash: hash, document: nil, knowledge: DocumentKnowledge(), failure: nil,
                                  part: part, isLast: final, bytes: bytes.count))
                }
                if final { return }
                start = end
                part += 1
            }
        } catch {
            return failed((error as? FileBytes.Failure)?.reason ?? "\(error)", hash: hash)
        }
    }
}
