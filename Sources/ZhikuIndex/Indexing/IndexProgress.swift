import Foundation
import GRDB
import ZhikuText

/// Progress of a run, for a progress bar.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var bytesTotal: Int
}
