/// Compares a presented password with the configured one in time that depends only on the length
/// of the presented one, so response times do not leak how many leading bytes were right.
struct PasswordCheck: Sendable {
    private let expected: [UInt8]

    init(password: String) { expected = Array(password.utf8) }

    func matches(_ presented: String) -> Bool {
        let given = Array(presented.utf8)
        var diff: UInt8 = given.count == expected.count ? 0 : 1
        for (i, b) in given.enumerated() {
            diff |= b ^ (expected.isEmpty ? 0 : expected[i % expected.count])
        }
        return diff == 0 && !expected.isEmpty
    }
}
