import Foundation
import XCTest

/// `reproduce --figures` makes only the figures named, and refuses unknown names.
final class ReproduceSelectionTests: XCTestCase {
    func testOnlyTheNamedFiguresAreMade() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-select-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path, plots = folder.appendingPathComponent("plots").path
        let r = try CLI.run(["reproduce", "--quick", "--figures", "fig6,fig3", "--out", out, "--plots", plots])
        XCTAssertEqual(r.status, 0, r.stderr)
        let scripts = try FileManager.default.contentsOfDirectory(atPath: plots).filter { $0.hasSuffix(".gp") }.sorted()
        XCTAssertEqual(scripts, ["fig3.gp", "fig6.gp"])
        let tables = try FileManager.default.contentsOfDirectory(atPath: out)
        XCTAssertTrue(tables.allSatisfy { $0.hasPrefix("fig3") || $0.hasPrefix("fig6") }, "\(tables)")
        let bad = try CLI.run(["reproduce", "--figures", "fig99", "--out", out, "--plots", plots])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("fig4g"), bad.stderr)
    }
}
