import Foundation

/// All entities of one passage, grouped as `zhiku extract` and ENTITIES print them (docs/protocol.md).
public struct Entities: Codable, Hashable, Sendable {
    public var figures: [Figure]
    public var dates: [DateMention]
    public var orgs: [Organization]

    public init(figures: [Figure] = [], dates: [DateMention] = [], orgs: [Organization] = []) {
        self.figures = figures; self.dates = dates; self.orgs = orgs
    }
}
