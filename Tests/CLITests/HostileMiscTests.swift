import Foundation
import XCTest
@testable import meanfield

/// Regression tests for small defects a hostile pass found: repeated options that
/// silently took the last value, bench figures printed as "nan s" or "0x faster", the
/// learning cap's message, `merge` of something that is not a file, and a constant φ
/// said to overflow.
final class HostileMiscTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-misc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(at: folder) }

    func assertRefused(_ args: [String], _ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), r.stderr, file: file, line: line)
        for text in expected {
            XCTAssertTrue(r.stderr.contains(text), "\(args): '\(text)' not in \(r.stderr)", file: file, line: line)
        }
    }

    // MARK: repeated options

    /// A single-valued option given twice, in either spelling, is refused with its name
    /// and both values, on several commands; the last value used to win silently.
    func testRepeatedSingleValuedOptionsAreRefused() throws {
        try assertRefused(["fixed-point", "--sigma-w", "1", "--sigma-w", "2"], ["--sigma-w", "2 times", "'1', '2'"])
        try assertRefused(["fixed-point", "--sigma-w=1", "--sigma-w", "2"], ["--sigma-w", "'1', '2'"])
        try assertRefused(["fixed-point", "--format", "json", "--sigma-b", "0.1", "--format=csv"], ["--format", "'json', 'csv'"])
        try assertRefused(["reproduce", "--figures", "fig6", "--figures", "fig7"], ["--figures", "'fig6', 'fig7'"])
        try assertRefused(["phase-diagram", "--sigma-w", "1:5:3", "--sigma-b", "0:1:2", "--sigma-w=1:2:3"], ["--sigma-w"])
        try assertRefused(["simulate", "--width", "20", "--depth", "2", "--width", "30"], ["--width", "'20', '30'"])
        try assertRefused(["boundary", "--sigma-b", "0:1:3", "--shard", "0/2", "--shard", "1/2"], ["--shard"])
        // Three times, and the first repeated option in the order typed is named.
        try assertRefused(["curvature", "--depth", "2", "--phi", "erf", "--depth", "3", "--phi", "tanh", "--depth", "4"],
                          ["--depth is given 3 times ('2', '3', '4')"])
    }

    /// Values that look like option names, options given once, and the positional shard
    /// files of `merge` (an argument meant to repeat) are not repeats.
    func testOptionsGivenOnceAndRepeatingArgumentsPass() throws {
        let once = try CLI.run(["fixed-point", "--phi=-x*0+tanh(x)", "--sigma-w=1.5", "--sigma-b", "0.1", "--format", "csv"])
        XCTAssertEqual(once.status, 0, once.stderr)
        let same = try CLI.run(["fixed-point", "--format=csv", "--sigma-b=0.1", "--sigma-w", "1.5", "--phi=-x*0+tanh(x)"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(same.stdout, once.stdout)
        // `--` ends the options: what follows is positional, however often it repeats.
        let args = ["boundary", "--sigma-b", "0:1:3"]
        var paths: [String] = []
        for i in 0..<2 {
            let r = try CLI.run(args + ["--shard", "\(i)/2"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let path = folder.appendingPathComponent("--shard-\(i).json").path
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let merged = try CLI.run(["merge", "--format", "csv", "--", paths[0], paths[1]])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, try CLI.run(args + ["--format", "csv"]).stdout)
    }
}
