import Foundation
import ZhikuText

/// A section of a document that describes one institution (the sample report's （一）…（六）).
public struct StoredPlatform: Sendable {
    public var name: String
    /// Other names the document uses for it.
    public var aliases: [String]
    /// The heading that names it.
    public var heading: String
    /// Passages of its section (0-based indices into the document's passages).
    public var passageIndices: Range<Int>

    public init(name: String, aliases: [String], heading: String, passageIndices: Range<Int>) {
        self.name = name
        self.aliases = aliases
        self.heading = heading
        self.passageIndices = passageIndices
    }
}
