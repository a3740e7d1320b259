/// Which state of the index an answer was computed from: the database file (device and inode, so
/// a file that took the index's place is another generation) and a version that grows with every
/// transaction committed to that file, by any process (`zhiku index` included).
///
/// Read it with ``Engine/generation()`` *before* the call whose answer it labels: the answer is
/// then at least as new as the label, and a commit after the read changes what later reads return.
/// Versions are comparable only between generations of one file read through one engine.
public struct IndexGeneration: Equatable, Sendable {
    public var file: FileIdentity
    public var version: Int64

    public init(file: FileIdentity, version: Int64) {
        self.file = file
        self.version = version
    }

    /// Whether both are generations of the same database file.
    public func sameFile(as other: IndexGeneration) -> Bool { file == other.file }
}
