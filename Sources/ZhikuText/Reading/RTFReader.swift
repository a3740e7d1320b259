import Foundation

/// Rich Text Format: recognised (a .doc is often RTF inside), not read yet; skipped saying so.
public struct RTFReader: FormatReader {
    public init() {}

    public func read(_ bytes: [UInt8], fileName: String, options: ReadOptions) throws(ReadFailure) -> DocumentText {
        throw .unsupported(detail: "RTF document (Rich Text Format), which this zhiku does not read")
    }
}
