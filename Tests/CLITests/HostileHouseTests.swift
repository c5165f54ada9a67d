import Foundation
import XCTest

/// Regression tests for defects a hostile pass on the merged house change (one network
/// description, our own option parsers) found.
final class HostileHouseTests: XCTestCase {
    /// The help entry of `option` in `meanfield help command`, on one line (the help
    /// wraps long entries over several lines).
    func helpEntry(_ command: String, _ option: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try help(command)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        guard let start = r.stdout.range(of: "\n  \(option) <") else {
            XCTFail("\(option) not in the help of \(command)", file: file, line: line)
            return ""
        }
        // After the value's name: `--depth <depth>   Number of layers …`.
        let rest = r.stdout[start.upperBound...].drop { $0 != ">" }.dropFirst()
        let end = rest.range(of: "\n  -")?.lowerBound ?? rest.endIndex
        return rest[..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `meanfield help command`, run once per command and test (a help costs ~0.1 s of CPU
    /// in the debug build, where swift-argument-parser checks every option group at each parse).
    var helps: [String: CLI.Run] = [:]
    func help(_ command: String) throws -> CLI.Run {
        if let r = helps[command] { return r }
        let r = try CLI.run(["help", command])
        helps[command] = r
        return r
    }

    // MARK: help texts

    /// Every option with a default says it in the help, as the previous round's help did
    /// (223bfac, `meanfield help COMMAND`) and CLI.md's examples use: options read by our
    /// own parsers (a transform) had lost their `(default: …)`.
    func testHelpShowsTheDefaultOfEveryOption() throws {
        let defaults: [(String, [(String, String)])] = [
            ("fixed-point", [("--phi", "tanh"), ("--sigma-w", "2.5"), ("--sigma-b", "0.3")]),
            ("iterate", [("--depth", "30"), ("--c0", "1.0")]),
            ("curvature", [("--depth", "30")]),
            ("simulate", [("--sigma-w", "2.5"), ("--sigma-b", "0.3"), ("--width", "1000"), ("--depth", "30"),
                          ("--points", "500"), ("--networks", "4"), ("--seed", "1"), ("--pairs", "64"), ("--c0", "0.5")]),
            ("boundary-curvature", [("--sigma-w", "4.0"), ("--width", "200"), ("--depth", "10"), ("--points", "10")]),
            ("expressivity", [("--sigma-w", "4.0"), ("--width", "1000"), ("--depth", "14"), ("--points", "1000")]),
            ("spectrum", [("--sigma-w", "1.05"), ("--sigma-b", "0.01"), ("--depth", "32"), ("--width", "400"),
                          ("--networks", "4")]),
            ("hierarchy", [("--levels", "6"), ("--branching", "2"), ("--epsilon", "0.1"), ("--features", "200")]),
            ("learning", [("--layers", "3"), ("--learning-rate", "0.01"), ("--epochs", "1000"), ("--every", "1"),
                          ("--singular-values", "3,2,1"), ("--levels", "5"), ("--features", "100"), ("--a0", "0.001"),
                          ("--small-std", "0.01")]),
            ("learning-time", [("--criterion", "0.1"), ("--max-epochs", "2000")]),
            ("bench", [("--repeats", "3")]),
        ]
        for (command, options) in defaults {
            for (option, value) in options {
                let entry = try helpEntry(command, option)
                XCTAssertTrue(entry.hasSuffix("(default: \(value))"), "\(command) \(option): \(entry)")
            }
        }
    }

    /// The default a help shows is the one a run uses: giving it changes no byte.
    func testTheShownDefaultIsTheDefaultUsed() throws {
        let runs: [([String], String, String)] = [
            (["fixed-point"], "--phi", "tanh"),
            (["fixed-point"], "--sigma-w", "2.5"),
            (["fixed-point"], "--sigma-b", "0.3"),
            (["iterate", "--depth", "3"], "--c0", "1.0"),
            (["curvature"], "--depth", "30"),
            (["simulate", "--width", "20", "--depth", "3", "--points", "8"], "--networks", "4"),
            (["simulate", "--width", "20", "--depth", "3"], "--points", "500"),
            (["simulate", "--width", "20", "--depth", "3", "--measure", "pairs"], "--pairs", "64"),
            (["simulate", "--width", "20", "--depth", "3", "--measure", "pairs", "--pairs", "2"], "--c0", "0.5"),
            (["simulate", "--width", "20", "--depth", "3", "--points", "8"], "--seed", "1"),
            (["spectrum", "--networks", "0", "--lambda", "0:4:5"], "--depth", "32"),
            (["hierarchy"], "--features", "200"),
            (["learning", "--epochs", "3"], "--singular-values", "3,2,1"),
        ]
        for (args, option, value) in runs {
            let plain = try CLI.run(args + ["--format", "json"])
            let given = try CLI.run(args + [option, value, "--format", "json"])
            XCTAssertEqual(plain.status, 0, plain.stderr)
            XCTAssertEqual(given.stdout, plain.stdout, "\(args) \(option) \(value)")
            XCTAssertEqual(try helpEntry(args[0], option).hasSuffix("(default: \(value))"), true, "\(args[0]) \(option)")
        }
    }

    /// The help says what each command accepts and what its --width is: the spectrum
    /// refuses σw = 0 (J = 0), and expressivity's --width is the deep nets' (the shallow
    /// ones take --widths).
    func testHelpSaysWhatTheCommandAccepts() throws {
        XCTAssertTrue(try helpEntry("spectrum", "--sigma-w").hasPrefix("Weight standard deviation σw (> 0)."))
        let r = try CLI.run(["spectrum", "--sigma-w", "0"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--sigma-w must be > 0"), r.stderr)
        XCTAssertTrue(try helpEntry("simulate", "--sigma-w").hasPrefix("Weight standard deviation σw (>= 0)."))
        XCTAssertTrue(try helpEntry("expressivity", "--width").hasPrefix("Width N of the deep nets"))
        XCTAssertTrue(try helpEntry("spectrum", "--width").hasPrefix("Width N of the simulated networks"))
    }

    // MARK: option values

    func assertRefused(_ args: [String], _ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("meanfield: error: " + text), "\(args): \(r.stderr)", file: file, line: line)
    }

    /// A number is written in decimal. Swift's `Double("0x10")` is 16, so `--sigma-w 0x10`
    /// ran σw = 16 while `--depth 0x10` was refused and the message names only decimal forms.
    func testHexadecimalNumbersAreRefusedLikeTheIntegerOptionsRefuseThem() throws {
        try assertRefused(["fixed-point", "--sigma-w", "0x10"], "--sigma-w '0x10': expected a number (digits")
        try assertRefused(["iterate", "--c0", "0x1p-1", "--depth", "2"], "--c0 '0x1p-1': expected a number (digits")
        try assertRefused(["iterate", "--sigma-w", "0x1:2:3", "--depth", "2"], "--sigma-w '0x1:2:3': expected START:STOP:COUNT")
        try assertRefused(["qmap", "--q", "0:0X1:3"], "--q '0:0X1:3': expected START:STOP:COUNT")
        try assertRefused(["learning", "--singular-values", "0x3,2"], "--singular-values '0x3,2' : expected comma-separated")
        try assertRefused(["learning-time", "--rate-grid", "0x1:2:3"], "--rate-grid must be LOW:HIGH:COUNT")
        try assertRefused(["curvature", "--depth", "0x10"], "--depth '0x10': expected an integer written in digits (16)")
        // The decimal spellings of the same numbers still run.
        let hex = try CLI.run(["fixed-point", "--sigma-w", "16", "--format", "json"])
        XCTAssertEqual(hex.status, 0, hex.stderr)
        XCTAssertEqual(try CLI.json(["fixed-point", "--sigma-w", "1.6e1"])["sigma_w"] as? Double, 16)
    }

    /// A learning rate whose reciprocal overflows (1/1e-320 = inf) is refused by name: the
    /// exact solution of --init decoupled runs on τ = 1/λ, and the message was the
    /// library's "τ = 1/λ must be finite", naming no flag. The smallest rate with a finite
    /// τ is just above 1/DBL_MAX = 5.562684646268003e-309.
    func testATinyLearningRateIsRefusedByName() throws {
        try assertRefused(["learning", "--learning-rate", "1e-320", "--epochs", "1"],
                          "--learning-rate 1e-320 is too small for --init decoupled")
        XCTAssertEqual(try CLI.run(["learning", "--learning-rate", "5.57e-309", "--epochs", "1"]).status, 0)
        // Other initial conditions have no exact solution to compute and run as before.
        XCTAssertEqual(try CLI.run(["learning", "--init", "gaussian", "--learning-rate", "1e-320", "--epochs", "1"]).status, 0)
    }

    // MARK: merge

    /// Shards whose recorded arguments hold a value our parsers refuse (an edited file)
    /// are refused with that refusal's own line, not wrapped in the parser's sentence
    /// ("The value 'abc' is invalid for '--sigma-b <sigma-b>': --sigma-b 'abc': …").
    func testShardsWithARefusedValueSayWhichInOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-house-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try (0..<2).map { i -> String in
            let r = try CLI.run(["boundary", "--sigma-b", "0:1:3", "--shard", "\(i)/2"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let edited = r.stdout.replacingOccurrences(of: #""arguments":["--sigma-b","0:1:3"]"#,
                                                       with: #""arguments":["--sigma-b","abc"]"#)
            XCTAssertNotEqual(edited, r.stdout, "the shard records its arguments")
            let path = folder.appendingPathComponent("b\(i).json").path
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        try assertRefused(["merge"] + paths,
                          "the shards' command 'boundary --sigma-b abc' does not parse: --sigma-b 'abc': expected START:STOP:COUNT")
        XCTAssertFalse(try CLI.run(["merge"] + paths).stderr.contains("The value"))
    }

    /// Shards whose recorded arguments give a single-valued option twice (an edited file)
    /// are refused as the command itself refuses it when typed; the merge used to take the
    /// last value without a word (found by a hostile pass over the flattened flags).
    func testShardsWithARepeatedOptionAreRefusedAsTheCommandIs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-house-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try assertRefused(["boundary", "--phi", "erf", "--phi", "tanh", "--sigma-b", "0:1:3"], "--phi is given 2 times ('erf', 'tanh')")
        let paths = try (0..<2).map { i -> String in
            let r = try CLI.run(["boundary", "--phi", "tanh", "--sigma-b", "0:1:3", "--shard", "\(i)/2"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let edited = r.stdout.replacingOccurrences(of: #""arguments":["--phi","tanh","--sigma-b","0:1:3"]"#,
                                                       with: #""arguments":["--phi","erf","--phi","tanh","--sigma-b","0:1:3"]"#)
            XCTAssertNotEqual(edited, r.stdout, "the shard records its arguments")
            let path = folder.appendingPathComponent("b\(i).json").path
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        try assertRefused(["merge"] + paths, "the shards' command 'boundary --phi erf --phi tanh --sigma-b 0:1:3' does not parse: "
                          + "--phi is given 2 times ('erf', 'tanh') but takes one value: give it once")
    }

    /// A `--phi` whose note is printed on a run (erf inside a singular function) adds no
    /// line to a refusal: bad input is one line on stderr. The note was printed while
    /// parsing, before another option was refused; a merge of shards spelt differently
    /// printed it once per spelling.
    func testANoteOfAParsedValueIsNotPrintedBesideARefusal() throws {
        let phi = "tanh(erf(x))"
        try assertRefused(["fixed-point", "--phi", phi, "--sigma-w", "-1"], "--sigma-w must be a finite number >= 0")
        try assertRefused(["fixed-point", "--phi", phi, "--sigma-w", "abc"], "--sigma-w 'abc': expected a number")
        try assertRefused(["fixed-point", "--phi", phi, "--phi", phi], "--phi is given 2 times")
        try assertRefused(["fixed-point", "--phi", phi, "--bogus"], "Unknown option '--bogus'")
        // A run still says it, once.
        let run = try CLI.run(["boundary", "--phi", phi, "--sigma-b", "0:1:3"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let noteLine = "meanfield: note: --phi '\(phi)': erf or erfc inside a singular function"
        XCTAssertEqual(run.stderr.components(separatedBy: noteLine).count - 1, 1, run.stderr)
        // So does the merge of its shards, written with --sigma-b in two spellings.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-house-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = try [["--sigma-b", "0:1:3"], ["--sigma-b=0:1:3"]].enumerated().map { i, spelling -> String in
            let r = try CLI.run(["boundary", "--phi", phi] + spelling + ["--shard", "\(i)/2"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let path = folder.appendingPathComponent("b\(i).json").path
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let merged = try CLI.run(["merge"] + paths)
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(merged.stdout, run.stdout)
        XCTAssertEqual(merged.stderr, run.stderr)
    }
}

