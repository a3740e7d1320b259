/// One usage line per verb: sent with `ERR_SYNTAX` and by `HELP`.
enum Usage {
    static let lines: [Verb: String] = [
        .search: "SEARCH [limit=N] [offset=N] [snippet=N] [frags=N] [mark=PRE,POST] [ent=0|1] [doc=ID] [place=P] [year=Y] [kind=K] [on_timeout=partial|fail] [id=ID] [timeout=MS] [--] <text>",
        .facts: "FACTS [limit=N] [attr=NAME] [id=ID] [timeout=MS] [--] <question>",
        .entities: "ENTITIES [doc=ID] [types=orgs,figures,dates] [limit=N] [id=ID] [--] [text]",
        .doc: "DOC [passage=N] [from=N] [len=N] [id=ID] [--] <doc id>",
        .stats: "STATS [id=ID]",
        .hello: "HELLO [1]",
        .help: "HELP [verb]",
        .ping: "PING [message]",
        .auth: "AUTH <password>",
        .quit: "QUIT",
    ]

    static func of(_ verb: Verb) -> String { lines[verb]! }

    /// Option keys each verb accepts (`id` and `timeout` are accepted by all).
    static let keys: [Verb: Set<String>] = [
        .search: ["limit", "offset", "snippet", "frags", "mark", "ent", "doc", "place", "year", "kind", "on_timeout"],
        .facts: ["limit", "attr", "on_timeout"],
        .entities: ["doc", "types", "limit"],
        .doc: ["passage", "from", "len"],
        .stats: [], .hello: [], .help: [], .ping: [], .auth: [], .quit: [],
    ]
}
