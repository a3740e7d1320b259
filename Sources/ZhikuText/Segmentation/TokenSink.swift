/// Receives the tokens a ``Segmenter`` finds.
///
/// `bytes` is the folded token (UTF-8, valid only during the call); `byteStart..<byteEnd` is the
/// token's range in the *original* UTF-8 input. A colocated token shares the position of the token
/// before it. Return `false` to stop segmentation.
public protocol TokenSink {
    mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool
}
