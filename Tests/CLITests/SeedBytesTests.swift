import Foundation
import XCTest

/// Every seed keeps its bytes: seeded runs of every command that draws random numbers
/// print exactly what the previous round's binary printed (`Fixtures/seeds`, made by
/// `make_seed_fixtures.sh` with the binary built at commit 223bfac). Two were made again
/// by branch speedkernels's binary: `spectrum-orthogonal` (its Haar matrices are now the
/// Householder reflections of the same Gaussians, `HaarReflections`: the same law, other
/// matrices) and `simulate-pairs` (the random columns are the same bytes; `c_theory`
/// moved in its last digit with the rounding of the 2-D integrals' Gaussian factors).
final class SeedBytesTests: XCTestCase {
    func testSeededRunsPrintThePreviousRoundsBytes() throws {
        let folder = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures/seeds")
        let commands = try String(contentsOf: folder.appendingPathComponent("commands.txt"), encoding: .utf8)
        var checked = 0
        for line in commands.split(separator: "\n") where !line.isEmpty {
            let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
            let expected = try String(contentsOf: folder.appendingPathComponent(parts[0] + ".out"), encoding: .utf8)
            let r = try CLI.run(parts[1].split(separator: " ").map(String.init))
            XCTAssertEqual(r.status, 0, "\(parts[0]): \(r.stderr)")
            XCTAssertEqual(r.stdout, expected, "\(parts[0]) no longer prints the bytes of its seed")
            checked += 1
        }
        XCTAssertEqual(checked, 12)
    }
}
