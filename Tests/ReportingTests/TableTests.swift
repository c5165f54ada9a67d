import Foundation
@testable import Reporting
import XCTest
import TestSupport

final class TableTests: XCTestCase {
    func grid() -> Table {
        var t = Table(title: "grid", columns: [Column(key: "x", symbol: "x", meaning: "abscissa", count: 1), Column(key: "y", symbol: "y", meaning: "", count: 1), Column(key: "v", symbol: "v", meaning: "", count: 1)],
                      fields: [("phi", .text("tanh"))], blockSize: 2)
        for y in [0.0, 1.0] { for x in [0.5, 1.5] { t.append([.real(x), .real(y), .real(x * y)]) } }
        return t
    }

    func testGnuplotHasHeaderAndBlankLinesBetweenGridRowsAndSets() {
        var t = grid()
        t.newSet()
        t.append([.real(9), .real(9), .real(nil)])
        let text = t.gnuplot()
        XCTAssertTrue(text.contains("# x[x] y[y] v[v]\n"))
        XCTAssertTrue(text.contains("# column 1: x (x): abscissa\n"))
        XCTAssertTrue(text.contains("1.5 0 0\n\n0.5 1 0.5\n"), text)
        XCTAssertTrue(text.contains("1.5 1 1.5\n\n\n9 9 null\n"), text)
        XCTAssertFalse(text.lowercased().contains("nan"))
    }

    func testNonFiniteValuesBecomeNullEverywhere() throws {
        var t = Table(title: "t", columns: [Column(key: "a", symbol: "a", meaning: "", count: 1), Column(key: "b", symbol: "b", meaning: "", count: 1)])
        t.append([.real(.nan), .real(.infinity)])
        XCTAssertEqual(t.csv(), "a,b\n,\n")
        let json = try JSONSerialization.jsonObject(with: Data(t.json().utf8)) as! [String: Any]
        let rows = json["rows"] as! [[String: Any]]
        XCTAssertTrue(rows[0]["a"] is NSNull)
        XCTAssertTrue(rows[0]["b"] is NSNull)
    }

    func testJsonIsOneDocumentWithFullPrecisionNumbers() throws {
        var t = Table(title: "t", columns: [Column(key: "v", symbol: "v", meaning: "", count: 1)], rowsKey: "layers", fields: [("q_star", .real(0.1 + 0.2))])
        t.append([.real(1.0 / 3.0)])
        t.append([.real(1e-300)])
        // Shortest round-trip text: 17 significant digits where a double needs them.
        XCTAssertTrue(t.json().contains("\"q_star\":0.30000000000000004"), t.json())
        let json = try JSONSerialization.jsonObject(with: Data(t.json().utf8)) as! [String: Any]
        let layers = json["layers"] as! [[String: Any]]
        XCTAssertEqual(layers[0]["v"] as? Double, 1.0 / 3.0)
        XCTAssertEqual(layers[1]["v"] as? Double, 1e-300)
    }

    func testSingleObjectMergesFieldsAndRow() throws {
        let t = Table(title: "t", columns: [Column(key: "chi1", symbol: "χ1", meaning: "", count: 1), Column(key: "phase", symbol: "phase", meaning: "", count: 1)],
                      rows: [[.real(1.5), .text("chaotic")]], fields: [("phi", .text("a\"b"))], singleObject: true)
        let json = try JSONSerialization.jsonObject(with: Data(t.json().utf8)) as! [String: Any]
        XCTAssertEqual(json["phi"] as? String, "a\"b")
        XCTAssertEqual(json["chi1"] as? Double, 1.5)
        XCTAssertEqual(json["phase"] as? String, "chaotic")
    }

    func testCsvQuotesTextWithCommas() {
        var t = Table(title: "t", columns: [Column(key: "a", symbol: "a", meaning: "", count: 1)])
        t.append([.text("x,y")])
        XCTAssertEqual(t.csv(), "a\n\"x,y\"\n")
    }

    func testAtomicWriteReplacesWholeFileAndLeavesNoTemporary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.dat").path
        try AtomicFile.write("one\n", to: path)
        try AtomicFile.write("two\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path), "two\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["t.dat"])
    }

    /// Renaming over a device, folder or pipe would replace it (as root, /dev/full became
    /// a regular file): only an absent target or a regular file is written.
    func testAtomicWriteReplacesOnlyRegularFiles() throws {
        let t = try nonFileTargets()
        defer { try? FileManager.default.removeItem(at: t.dir) }
        for target in [t.pipe, t.folder] {
            XCTAssertThrowsError(try AtomicFile.write("x\n", to: target)) { error in
                XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
            }
            XCTAssertThrowsError(try AtomicFile.checkWritable(target))
        }
        assertNonFileTargetsUntouched(t)
        let file = t.dir.appendingPathComponent("new/t.md").path
        try AtomicFile.checkWritable(file)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "the check leaves nothing behind")
        try AtomicFile.write("y\n", to: file)
        XCTAssertEqual(try String(contentsOfFile: file), "y\n")
    }
}

final class CatalogueTests: XCTestCase {
    func testEveryKeyOfTheCatalogueMeansOneThing() {
        var seen: [String: Quantity] = [:]
        for q in Quantity.all {
            XCTAssertNil(seen[q.key], "\(q.key) is catalogued twice")
            seen[q.key] = q
            XCTAssertFalse(q.meaning.isEmpty, "\(q.key) has no meaning")
            XCTAssertEqual(q.key, q.key.lowercased(), "\(q.key) is not snake_case")
        }
    }

    func testColumnNumbersCountTheElementsOfListColumns() {
        let t = Table(title: "t", columns: [Column(.layer), Column(.kappaTop), Column(.kappaMax)])
        XCTAssertEqual(t.column(.layer), 1)
        XCTAssertEqual(t.column(.kappaTop), 2)
        XCTAssertEqual(t.column(.kappaMax), 2 + Quantity.kappaTop.count)
    }

    func testTheoryAndStandardErrorColumnsAreCatalogued() {
        XCTAssertEqual(Quantity.q.theory.key, "q_theory")
        XCTAssertEqual(Quantity.lengthG.stderr.key, "length_g_stderr")
    }
}
