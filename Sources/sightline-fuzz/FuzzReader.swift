import Billing
import X12

/// Runs the billing-file reader over `bytes` three ways — whole, in uneven chunks, and through the
/// CSV/X12 detecting reader — and traps if the results disagree. Any crash, hang or trap is a bug.
func exerciseReader(_ bytes: [UInt8]) {
    let whole = FileSummary.read([bytes])
    var chunks: [ArraySlice<UInt8>] = []
    var offset = 0
    var size = 1
    while offset < bytes.count {
        chunks.append(bytes[offset..<min(bytes.count, offset + size)])
        offset += size
        size = size % 7 + 1
    }
    let chunked = FileSummary.read(chunks)
    precondition(whole == chunked, "chunked reading differs from whole reading")
    var detecting = BillingFileReader()
    detecting.feed(bytes) { _ in }
    detecting.finish { _ in }
    _ = detecting.diagnostics
}

#if FUZZING
/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    exerciseReader(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
import Foundation

/// Without the fuzzer: replays the files given (a crash input, a corpus folder's files).
@main
struct FuzzReplay {
    static func main() throws {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            print("usage: sightline-fuzz FILE… (replays inputs through the reader; see docs/fuzzing.md)")
            return
        }
        for path in paths {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            exerciseReader(bytes)
            print("ok \(path) (\(bytes.count) bytes)")
        }
    }
}
#endif
