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
    /// One fuzzing input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        exerciseReader(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
    ) -> Int32

    /// SwiftPM links an executable through `<product>_main`; here it hands over to libFuzzer's driver.
    @_cdecl("sightline_fuzz_main")
    public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
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
