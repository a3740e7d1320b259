/// The verbs of the protocol.
public enum Verb: String, CaseIterable, Sendable {
    case search = "SEARCH", facts = "FACTS", entities = "ENTITIES", doc = "DOC", stats = "STATS"
    case hello = "HELLO", help = "HELP", ping = "PING", auth = "AUTH", quit = "QUIT"
}
