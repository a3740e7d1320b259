import ArgumentParser
import Foundation
import ZhikuIndex
import ZhikuServer

/// Highlight marks, parsed from `PRE,POST`.
struct Marks {
    var pre: String
    var post: String
    static let brackets = Marks(pre: "【", post: "】")

    init(pre: String, post: String) { self.pre = pre; self.post = post }

    init?(parsing s: String) {
        guard let comma = s.firstIndex(of: ",") else { return nil }
        pre = String(s[..<comma])
        post = String(s[s.index(after: comma)...])
    }
}
