import Foundation

/// One file format's reader: a file's bytes in, ``DocumentText`` out.
///
/// Each format zhiku reads beyond plain text is one type conforming to this protocol, in a file
/// of its own in `Reading/`; ``DocumentReader`` picks the reader by ``SourceFormat`` (the file's
/// magic bytes first, its extension second) and sends the lines through cleaning and passages.
public protocol FormatReader: Sendable {
    /// Reads a document from the bytes of a file called `fileName`.
    /// - throws: ``ReadFailure``, whose description is the reason the file is reported as skipped.
    func read(_ bytes: [UInt8], fileName: String, options: ReadOptions) throws(ReadFailure) -> DocumentText
}

/// How readers that run external programs behave.
public struct ReadOptions: Sendable {
    /// Seconds one run of an external program (pdftotext, antiword) may take before it is
    /// killed. Two minutes: pdftotext reads a 50-page chunk of a PDF in well under a second here.
    public var toolTimeLimit: Double = 120
    /// Reports how much of the current file has been read (0…1), from the reading thread; the
    /// PDF reader calls it after each chunk of pages.
    public var progress: (@Sendable (Double) -> Void)?

    public init(toolTimeLimit: Double = 120, progress: (@Sendable (Double) -> Void)? = nil) {
        self.toolTimeLimit = toolTimeLimit
        self.progress = progress
    }
}
