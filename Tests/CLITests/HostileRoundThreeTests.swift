import Foundation
import XCTest

/// Regression tests from a hostile pass over the third round's commands and flags
/// (`transform`, `fluctuations`, the architecture flags, `--ntk`): each refusal is one
/// line naming the flag that is wrong and what is accepted, exit status 2, nothing on
/// stdout. Several cases share a process-free helper so the file stays fast.
final class HostileRoundThreeTests: XCTestCase {
    func assertRefused(_ args: [String], _ expected: [String], absent: [String] = [],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "\(args)", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: "), r.stderr, file: file, line: line)
        for text in expected {
            XCTAssertTrue(r.stderr.contains(text), "\(args): '\(text)' not in \(r.stderr)", file: file, line: line)
        }
        for text in absent {
            XCTAssertFalse(r.stderr.contains(text), "\(args): '\(text)' in \(r.stderr)", file: file, line: line)
        }
    }

    /// A keep probability so small that σw/√ρ overflows was blamed on --sigma-w
    /// ("--sigma-w must be … below 1e75, got 2.5e+150") though σw was 2.5: the refusal
    /// names --dropout and the product that overflows.
    func testTinyDropoutIsBlamedOnDropout() throws {
        for command in [["fixed-point"], ["simulate", "--measure", "pairs", "--width", "10", "--depth", "3", "--networks", "2"],
                        ["iterate", "--depth", "3"]] {
            try assertRefused(command + ["--dropout", "1e-300"], ["--dropout 1e-300", "--sigma-w 2.5", "sigma-w/sqrt(dropout)"],
                              absent: ["--sigma-w must be"])
        }
    }

    /// `fluctuations --sigma-w 0 --sigma-b 0` said "--q0 0 with --sigma-b 0" though q0
    /// was 1; and σw = 1e-300 (whose square is 0) was told to take "--sigma-w > 0".
    func testFluctuationsZeroLengthAndZeroGainNameTheRealValues() throws {
        try assertRefused(["fluctuations", "--sigma-w", "0", "--sigma-b", "0", "--networks", "0"],
                          ["--sigma-w 0.0", "--q0 1.0", "--sigma-b 0.0", "q^1"], absent: ["--q0 0 "])
        try assertRefused(["fluctuations", "--q0", "0", "--sigma-b", "0", "--networks", "0"], ["--q0 0.0", "q^1"])
        try assertRefused(["fluctuations", "--sigma-w", "1e-300", "--networks", "0", "--depth", "3"],
                          ["sigma-w = 1e-300", "square is not 0"], absent: ["--sigma-w > 0"])
    }

    /// Layer normalisation of a zero vector at σw = 0, σb = 0 told the user to take
    /// "q0 > 0", which q0 = 1 already was.
    func testLayerNormOfZeroVectorNamesSigmaW() throws {
        try assertRefused(["iterate", "--norm", "layer", "--sigma-w", "0", "--sigma-b", "0", "--depth", "3"],
                          ["zero vector", "sigma-w > 0"])
    }
}
