import Foundation
import ZhikuIndex
import ZhikuServer

/// What the REPL prints for `:facts`, `:ent`, `:doc` and `:stats`: the `data` object as JSON (what
/// `--format json` and the server's reply carry) and a text rendering for pretty/table modes.
struct ReplOutput {
    var json: String
    var text: (_ color: Bool) -> String
    /// Whether something was answered (counts towards the batch exit status).
    var found = true
}
