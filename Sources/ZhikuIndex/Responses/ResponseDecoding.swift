import Foundation
import ZhikuExtract

// Reading the data objects back (a client of the server): each response type is `Decodable` from
// exactly what its `write(to:)` writes, so that decoding and writing again gives the same bytes.
// Values that would trap when built (a range whose end is before its start) are decoding errors.

extension KeyedDecodingContainer {
    /// `[[start, end], …]` as ranges; a pair out of order is a decoding error.
    func decodeRanges(forKey key: Key) throws -> [Range<Int>] {
        try decode([[Int]].self, forKey: key).map { pair in
            guard pair.count == 2, pair[0] <= pair[1] else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a [start, end] pair: \(pair)")
            }
            return pair[0]..<pair[1]
        }
    }

    /// `{figures, dates, orgs}`, kept as the JSON ``EntityJSON`` writes.
    func decodeEntitiesJSON(forKey key: Key) throws -> String? {
        try decodeIfPresent(Entities.self, forKey: key).map(EntityJSON.entities)
    }
}

/// The keys of a JSON object as they come.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
