import Foundation
import XCTest

/// No option group holds another option group. swift-argument-parser validates a group
/// each time a validator of its parent looks at it (three validators, and the parse
/// itself), so a group within a group is validated 16 times per process in a debug build:
/// the nested φ, σw and σb groups made `fixed-point` spend 277M instructions on its flags,
/// the flat `NetworkOptions` 161M (callgrind), and the suite starts ~1200 such processes.
/// Commands may hold groups; groups hold options.
final class OptionGroupNestingTests: XCTestCase {
    func testNoOptionGroupHoldsAnotherGroup() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/meanfield")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
        XCTAssertGreaterThan(files.count, 20, "the CLI's sources were found")
        let header = try NSRegularExpression(pattern: #"struct\s+(\w+)[^{]*:\s*[^{]*\bParsableArguments\b[^{]*\{"#)
        var groups = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let ns = text as NSString
            for match in header.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                groups += 1
                let name = ns.substring(with: match.range(at: 1))
                let body = Self.body(ns, from: match.range.location + match.range.length)
                XCTAssertFalse(body.contains("@OptionGroup"),
                               "\(file.lastPathComponent): the option group \(name) holds another group; declare its options in it instead")
            }
        }
        XCTAssertGreaterThan(groups, 8, "the option groups were found")
    }

    /// The text from `start` (just past an opening brace) to its matching closing brace.
    static func body(_ text: NSString, from start: Int) -> String {
        var depth = 1, i = start
        while i < text.length, depth > 0 {
            switch text.character(at: i) {
            case UInt16(UInt8(ascii: "{")): depth += 1
            case UInt16(UInt8(ascii: "}")): depth -= 1
            default: break
            }
            i += 1
        }
        return text.substring(with: NSRange(location: start, length: i - start))
    }
}
