import Foundation

/// Metadata a page carries about itself.
public struct DocumentMetadata: Hashable, Codable, Sendable {
    public var title: String?
    /// 文章来源 / 来源.
    public var source: String?
    /// The document's date, `YYYY-MM-DD` (`YYYY-MM` where only a month is stated): its own
    /// (成文日期, 落款, byline) before its publication (发布日期).
    public var date: String?
    /// The line under the title that says where and when (`——2026年1月26日在广东省第十四届…会议上`).
    public var subtitle: String?
    /// The document number (发文字号: 国办发〔2018〕127号).
    public var documentNumber: String?

    public init(title: String? = nil, source: String? = nil, date: String? = nil) {
        self.title = title
        self.source = source
        self.date = date
    }
}
