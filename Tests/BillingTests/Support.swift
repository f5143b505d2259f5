import Billing
import Domain
import Foundation
import X12

/// Wraps transaction segments in an envelope (delimiters `*`, `:`, `~`).
func x12(_ st01: String, version: String, _ body: [String]) -> [UInt8] {
    let isa = "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261123*1200*^*00501*000000001*0*T*:~"
    let segments =
        ["GS*HP*SENDER*RECEIVER*20261123*1200*1*X*\(version)", "ST*\(st01)*0001*\(version)"] + body
        + ["SE*\(body.count + 2)*0001", "GE*1*1", "IEA*1*000000001"]
    return Array((isa + segments.map { $0 + "~\n" }.joined()).utf8)
}

/// Every fact of a file, read in one piece.
func facts(_ bytes: [UInt8]) -> (facts: [BillingFact], diagnostics: [Diagnostic]) {
    BillingReader.readAll(bytes)
}
