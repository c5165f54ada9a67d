import Foundation
import XCTest
import TestSupport
@testable import meanfield

/// `bench --markdown FILE`: the speed table the README's *Speed* section is made of.
final class BenchTableTests: XCTestCase {
    /// A tiny part (the transforms, one repeat, no dks) writes a table whose every row has
    /// the five columns, a figure, a peer cell (here: why the peer was not run) and a
    /// command to paste; no NaN or inf anywhere; the header names the invocation.
    func testMarkdownTableHasEveryColumnAndACommandPerRow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-table-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("speed.md").path
        let run = try CLI.run(["bench", "--only", "transforms", "--repeats", "1", "--markdown", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("Measured by `meanfield bench --only transforms --repeats 1 --markdown "), lines[0])
        XCTAssertTrue(lines[0].contains("load average"), lines[0])
        XCTAssertEqual(lines[2], "| workload | meanfield | peer (same run) | ratio | command |")
        XCTAssertEqual(lines[3], "|---|---|---|---|---|")
        let rows = lines.dropFirst(4).filter { !$0.isEmpty }
        XCTAssertEqual(rows.count, 2, text)
        for row in rows {
            let cells = BenchTableTests.cells(row)
            XCTAssertEqual(cells.count, 5, row)
            XCTAssertTrue(cells[0].contains("transform of softplus on resnet:3,4,23,3"), row)
            XCTAssertTrue(cells[1].range(of: #"^\d+\.\d+ s \(\d+\.\d+ s CPU\)$"#, options: .regularExpression) != nil, row)
            XCTAssertEqual(cells[2], "peer not run: no --dks-python", row)
            XCTAssertTrue(cells[4].hasPrefix("`meanfield transform --phi softplus --method "), row)
        }
        for bad in ["nan", "inf", "NaN"] {
            XCTAssertNil(text.range(of: "\\b\(bad)\\b", options: .regularExpression), "\(bad) in\n\(text)")
        }
    }

    /// `--only` takes a comma-separated list, each name checked; a bad name, an empty
    /// item, an empty --markdown and a --dks-python that is not a program are refused in
    /// one line with status 2 before anything is timed.
    func testBadSelectionsAndPathsAreRefusedInOneLine() throws {
        let parts = BenchCommand.parts.joined(separator: ", ")
        for (args, says) in [(["--only", "transforms,thoery"], "--only must be all or a comma-separated list of \(parts), got transforms,thoery"),
                             (["--only", "transforms,"], "got transforms,"),
                             (["--markdown", ""], "--markdown needs a file name"),
                             (["--dks-python", "/nonexistent/python"], "--dks-python /nonexistent/python: no executable file there")] {
            let run = try CLI.run(["bench"] + args)
            XCTAssertEqual(run.status, 2, "\(args)")
            XCTAssertEqual(run.stdout, "", "\(args)")
            XCTAssertTrue(run.stderr.hasPrefix("meanfield: error: ") && run.stderr.contains(says), "\(args): \(run.stderr)")
            XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, run.stderr)
        }
    }

    /// A --markdown target that is a device, folder or pipe is refused before any timing,
    /// and left as it was: the atomic rename would have replaced it (as root, `/dev/full`
    /// itself became a regular file). A pipe and a folder stand in for the device here.
    func testMarkdownTargetsThatAreNotFilesAreRefusedBeforeTiming() throws {
        let t = try nonFileTargets()
        defer { try? FileManager.default.removeItem(at: t.dir) }
        for target in [t.pipe, t.folder] {
            let run = try CLI.run(["bench", "--only", "transforms", "--markdown", target])
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertEqual(run.stdout, "", "refused before any timing")
            XCTAssertTrue(run.stderr.hasPrefix("meanfield: error: --markdown \(target) cannot be written: ")
                          && run.stderr.contains("not a regular file"), run.stderr)
            XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, run.stderr)
        }
        assertNonFileTargetsUntouched(t)
    }

    /// Cells split at unescaped `|`, with the `|` inside a cell escaped (it would start a column).
    static func cells(_ row: String) -> [String] {
        let marker = "\u{1}"
        let inner = row.replacingOccurrences(of: "\\|", with: marker).dropFirst(2).dropLast(2)
        return inner.components(separatedBy: " | ").map { $0.replacingOccurrences(of: marker, with: "|") }
    }

    /// A cell with `|` or a line break stays one cell; a command with spaces or quotes
    /// reads back as the same arguments in a POSIX shell.
    func testCellsAndCommandLinesSurviveTheirSpecialCharacters() throws {
        XCTAssertEqual(BenchTable.cell("a | b\nc"), "a \\| b c")
        let args = ["meanfield", "phase-diagram", "--phi", "x*tanh(x) + 1", "--note", "it's", "--sigma-w", "1:5:41"]
        let line = BenchTable.shellLine(args)
        XCTAssertEqual(line, #"meanfield phase-diagram --phi 'x*tanh(x) + 1' --note 'it'\''s' --sigma-w 1:5:41"#)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "printf '%s\\n' " + line]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(String(decoding: out, as: UTF8.self), args.joined(separator: "\n") + "\n")
    }

    /// Ratios say which side is faster and never print NaN, inf or a ratio of 0.
    func testTableRatiosSayWhichSideIsFaster() {
        XCTAssertEqual(BenchCommand.ratio(144, 1), "144× faster")
        XCTAssertEqual(BenchCommand.ratio(1, 5), "5.00× slower")
        XCTAssertEqual(BenchCommand.ratio(12.5, 1), "12.5× faster")
        XCTAssertEqual(BenchCommand.ratio(.nan, 1), "n/a")
        XCTAssertEqual(BenchCommand.ratio(1, 0), "n/a")
        XCTAssertEqual(BenchCommand.ratio(.infinity, 1), "n/a")
    }
}
