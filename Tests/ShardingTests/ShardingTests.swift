import Reporting
import Sharding
import XCTest

final class ShardingTests: XCTestCase {
    func shard(_ i: Int, of n: Int, items: Int = 6, arguments: [String] = ["--sigma-w", "1:2:3"],
               version: String = "1", command: String = "phase-diagram") -> ShardFile {
        let range = shardItems(costs: [Double](repeating: 1, count: items), index: i, count: n)
        var payload: [Int: [[Value]]] = [:]
        for k in range { payload[k] = [[.integer(k), .real(Double(k) / 3)]] }
        return ShardFile(command: command, arguments: arguments, version: version, index: i, count: n,
                         items: items, payload: payload)
    }

    /// Every kind of cell, and doubles whose shortest decimal form would need care
    /// (subnormals, −0, the largest finite), come back bit for bit.
    func testCellsRoundTripBitForBit() throws {
        let doubles = [0.1, -0.0, 5e-324, 2.2250738585072014e-308, .greatestFiniteMagnitude, 1 / 3, -7.25e300]
        let row: [Value] = doubles.map { .number($0) } + [.number(nil), .integer(-42), .text("σw \"quoted\", comma"),
                                                          .list([1 / 3, -2, 5e-324]), .list([])]
        let file = ShardFile(command: "spectrum", arguments: ["--phi", "x*tanh(log(1+exp(x)))", "--lambda=0:4:9"],
                             version: "0.4.0", index: 1, count: 3, items: 5, payload: [2: [row, row], 4: []])
        let back = try ShardFile(decoding: file.encoded(), path: "t")
        XCTAssertEqual(back, file)
        for (a, b) in zip(doubles, back.payload[2]![0]) {
            guard case .number(let x?) = b else { return XCTFail("\(b)") }
            XCTAssertEqual(x.bitPattern, a.bitPattern)
        }
    }

    func testTruncatedAndForeignFilesAreRefused() {
        let text = shard(0, of: 2).encoded()
        XCTAssertThrowsError(try ShardFile(decoding: String(text.dropLast(20)), path: "cut.json")) {
            XCTAssertTrue("\($0)".contains("cut.json"), "\($0)")
        }
        XCTAssertThrowsError(try ShardFile(decoding: "{\"rows\":[]}", path: "table.json"))
        XCTAssertThrowsError(try ShardFile(decoding: "", path: "empty.json"))
    }

    /// The partition covers every item once, in contiguous runs, and balances cost: with
    /// one item 10× dearer than the others, its shard takes fewer items.
    func testPartitionCoversBalancesAndIsContiguous() {
        for (items, n) in [(10, 3), (7, 7), (3, 8), (1681, 16), (0, 4)] {
            let costs = (0..<items).map { Double(1 + $0 % 5) }
            let bounds = shardBounds(costs: costs, count: n)
            XCTAssertEqual(bounds.count, n + 1)
            XCTAssertEqual(bounds.first, 0)
            XCTAssertEqual(bounds.last, items)
            XCTAssertEqual(bounds, bounds.sorted(), "contiguous runs")
            if items >= 10 * n {
                let total = costs.reduce(0, +)
                for i in 0..<n {
                    let share = costs[bounds[i]..<bounds[i + 1]].reduce(0, +)
                    XCTAssertEqual(share, total / Double(n), accuracy: 5, "shard \(i) of \(n)")
                }
            }
        }
        var costs = [Double](repeating: 1, count: 20)
        for k in 0..<10 { costs[k] = 10 }
        let bounds = shardBounds(costs: costs, count: 2)
        XCTAssertLessThan(bounds[1], 10, "the dear half is split off with fewer items")
    }

    func testMergeNeedsExactlyOneOfEveryShard() throws {
        let all = (0..<3).map { ("s\($0).json", shard($0, of: 3)) }
        let merged = try ShardSet(all.shuffled())
        XCTAssertEqual(merged.rows.count, 6)
        XCTAssertEqual(merged.rows[4], [[.integer(4), .real(4.0 / 3)]])
        XCTAssertThrowsError(try ShardSet(Array(all.prefix(2)))) { XCTAssertTrue("\($0)".contains("missing"), "\($0)") }
        XCTAssertThrowsError(try ShardSet(all + [("again.json", shard(1, of: 3))])) {
            XCTAssertTrue("\($0)".contains("both shard 1/3"), "\($0)")
        }
        XCTAssertThrowsError(try ShardSet(all.dropLast() + [("other.json", shard(2, of: 3, arguments: ["--sigma-w", "1:2:4"]))])) {
            XCTAssertTrue("\($0)".contains("other parameters"), "\($0)")
        }
        XCTAssertThrowsError(try ShardSet(all.dropLast() + [("old.json", shard(2, of: 3, version: "0"))])) {
            XCTAssertTrue("\($0)".contains("version") || "\($0)".contains("meanfield 0"), "\($0)")
        }
        XCTAssertThrowsError(try ShardSet(all.dropLast() + [("four.json", shard(2, of: 4))]))
        XCTAssertThrowsError(try ShardSet(all.dropLast() + [("cmd.json", shard(2, of: 3, command: "boundary"))]))
        XCTAssertThrowsError(try ShardSet([]))
    }

    /// Reading a shard returns the file's bytes (here 2.5 MB, past the 1 MB read chunk);
    /// what is not a regular file is refused by what it is, other failures by the
    /// system's reason. `/dev/null` was said to be "permission denied".
    func testShardFilesAreReadAndNonFilesRefusedByWhatTheyAre() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { XCTAssertNoThrow(try FileManager.default.removeItem(at: folder)) }
        let bytes = (0..<2_500_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let file = folder.appendingPathComponent("big.json").path
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        XCTAssertEqual(try ShardFile.read(path: file), bytes)
        let fifo = folder.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let cases: [(String, String)] = [
            ("/dev/null", "/dev/null is not a regular file (it is a character device)"),
            (fifo, "\(fifo) is not a regular file (it is a fifo)"),
            (folder.path, "\(folder.path) is a folder, not a shard file"),
            (folder.appendingPathComponent("absent").path, "\(folder.path)/absent: no such file"),
            (file + "/inside", "\(file)/inside: Not a directory"),
        ]
        for (path, message) in cases {
            XCTAssertThrowsError(try ShardFile.read(path: path), path) { XCTAssertTrue("\($0)".hasPrefix(message), "\($0)") }
        }
    }
}
