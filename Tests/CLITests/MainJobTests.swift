import Foundation
import XCTest

/// `make run`'s binary, `meanfield-reproduce`: the same tables as `meanfield reproduce`,
/// the featured points as `meanfield fixed-point` gives them, and the CLI's contract for
/// bad input (one line, status 2, nothing written).
final class MainJobTests: XCTestCase {
    func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-main-job-\(UUID())")
    }

    /// Runs `meanfield-reproduce` in a folder of its own: a run that wrongly takes its
    /// default folders writes there, not into the package's notebooks-out.
    /// Asserts the folder is left empty: a refused run writes nothing there.
    func reproducer(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLI.Run {
        let cwd = temporary()
        try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try CLI.run(args, executable: CLI.reproducer, directory: cwd)
        if r.status != 0 {
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cwd.path), [], "\(args)", file: file, line: line)
        }
        return r
    }

    /// A folder `bin` in `dir` holding a `gnuplot` shell script with `body` (after it has
    /// read png_output, the temporary PNG it must write, from its `-e` argument); returns
    /// the environment that puts it first on PATH.
    func fakeGnuplot(_ body: String, in dir: URL) throws -> [String: String] {
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("gnuplot")
        try ("#!/bin/sh\neval \"$2\"\n" + body + "\n").write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return ["PATH": bin.path + ":/usr/bin:/bin"]
    }

    func testSameTablesAsTheReproduceCommandAndTheFeaturedPointsOfFixedPoint() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("runner"), b = dir.appendingPathComponent("command")
        let runner = try reproducer(["--quick", "--out", a.appendingPathComponent("out").path,
                                     "--plots=" + a.appendingPathComponent("plots").path])
        XCTAssertEqual(runner.status, 0, runner.stderr)
        let command = try CLI.run(["reproduce", "--quick", "--out", b.appendingPathComponent("out").path,
                                   "--plots", b.appendingPathComponent("plots").path])
        XCTAssertEqual(command.status, 0, command.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: b.appendingPathComponent("out").path).sorted()
        XCTAssertGreaterThan(names.count, 60)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: a.appendingPathComponent("out").path).sorted(), names)
        for name in names {
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("out/\(name)")),
                           try Data(contentsOf: b.appendingPathComponent("out/\(name)")), name)
        }
        XCTAssertTrue(runner.stderr.contains("fig7 done in"), "each figure's time")

        // The featured points: a CSV block after the files, one row per σw.
        let block = runner.stdout.components(separatedBy: "featured points (tanh, sigma_b = 0.3):\n")
        XCTAssertEqual(block.count, 2, runner.stdout)
        let lines = block.last!.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.first, ["sigma_w", "q_star", "chi1", "chi2", "c_star", "chi_c", "chi_q", "xi_q", "xi_c", "xi_grad", "phase"])
        XCTAssertEqual(lines.dropFirst().map { $0[0] }, ["1.3", "2.5", "4"])
        // The paper: σw = 1.3 is ordered, 2.5 and 4 chaotic (χ1 < 1 and > 1).
        XCTAssertEqual(lines.dropFirst().map { $0.last! }, ["ordered", "chaotic", "chaotic"])
        // Compared as printed (CSV): Foundation's JSON reader on Linux rounds some of these
        // numbers to a neighbouring double.
        for row in lines.dropFirst() {
            let fixed = try CLI.run(["fixed-point", "--sigma-w", row[0], "--sigma-b", "0.3", "--format", "csv"])
            XCTAssertEqual(fixed.status, 0, fixed.stderr)
            let table = fixed.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n").filter { !$0.hasPrefix("#") }
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            XCTAssertEqual(table.count, 2, fixed.stdout)
            guard table.count == 2 else { continue }
            for (i, key) in lines[0].enumerated().dropFirst() {
                XCTAssertEqual(row[i], table[1][table[0].firstIndex(of: key)!], "\(key) at σw = \(row[0])")
            }
        }
    }

    func testBadArgumentsGetOneLineAndStatusTwoAndWriteNothing() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path, plots = dir.appendingPathComponent("plots").path
        let cases: [([String], String)] = [
            (["--seed", "2"], "unknown argument \"--seed\""),
            (["--out", out, "--out", out], "--out given twice"),
            (["--quick", "--quick"], "--quick given twice"),
            (["--out"], "--out needs a folder"),
            (["--plots="], "--plots needs a folder"),
            (["extra"], "unknown argument \"extra\""),
            (["--out\u{1B}[31m"], "unknown argument \"--out\\u{1B}[31m\""),
            (["--out", "/dev/null/x", "--plots", plots, "--quick"], "/dev/null/x"),
            (["--out", out, "--plots", "/proc/version/p", "--quick"], "/proc/version/p"),
            // Found by the hostile pass: a flag where the folder should be was taken as its name
            // (and this one started the full run into ./--quick).
            (["--out", "--quick"], "--out needs a folder, got the option \"--quick\""),
            (["--quick", "--plots", "-h"], "--plots needs a folder, got the option \"-h\""),
        ]
        for (args, expected) in cases {
            let r = try reproducer(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(lines.first?.hasPrefix("meanfield-reproduce: error: ") ?? false, r.stderr)
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(args) left no --out folder")
            XCTAssertFalse(FileManager.default.fileExists(atPath: plots), "\(args) left no --plots folder")
        }
        let help = try reproducer(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("usage: meanfield-reproduce"), help.stdout)
    }

    // MARK: faults found by the hostile pass (shared with `meanfield reproduce`)

    /// SIGTERM while the figures are being made ends the process at once, by the signal,
    /// with no temporary file left. The handler ran on a global dispatch queue whose
    /// workers the two figure lanes held, so the signal waited until the lanes ran out of
    /// figures (~115 s for the full run).
    func testATerminationSignalIsNotHeldUpByTheFigureLanes() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = CLI.reproducer
        // The full run: its figures take seconds each, so a signal held by the lanes shows.
        p.arguments = ["--out", dir.appendingPathComponent("out").path, "--plots", dir.appendingPathComponent("plots").path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while !seen.contains("meanfield: figure "), Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        XCTAssertTrue(seen.contains("meanfield: figure "), seen)
        kill(p.processIdentifier, SIGTERM)
        let sent = Date()
        p.waitUntilExit()
        let took = Date().timeIntervalSince(sent)
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        XCTAssertEqual(p.terminationStatus, SIGTERM)
        XCTAssertLessThan(took, 10, "the signal ended the process while the figures were being made")
        for folder in ["out", "plots"] {
            let left = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path)) ?? []
            XCTAssertEqual(left, [], "\(folder): nothing is written before every figure is made")
        }
    }

    /// gnuplot exits 0 when a full disk cuts its PNG short: the run fails with one line
    /// instead of listing a truncated PNG as written, and leaves no PNG there.
    func testAnIncompletePNGIsAnErrorNotAResult() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A gnuplot that writes the PNG signature and a few bytes, as a full disk leaves it, and exits 0.
        let path = try fakeGnuplot("printf '\\211PNG\\r\\n\\032\\nIHDR-cut-short' > \"$png_output\"\nexit 0", in: dir)
        let plots = dir.appendingPathComponent("plots")
        let r = try CLI.run(["--quick", "--out", dir.appendingPathComponent("out").path, "--plots", plots.path],
                            environment: path, executable: CLI.reproducer)
        XCTAssertEqual(r.status, 1, r.stderr)
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("meanfield-reproduce: error: ") }
        XCTAssertEqual(errors.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("incomplete PNG"), r.stderr)
        let pngs = ((try? FileManager.default.contentsOfDirectory(atPath: plots.path)) ?? []).filter { $0.hasSuffix(".png") || $0.hasSuffix(".tmp") }
        XCTAssertEqual(pngs, [], "no truncated PNG and no temporary file left")
    }

    /// A PNG whose chunks do not add up (a gap, though it ends in IEND) is refused too;
    /// one whose chunks end exactly in IEND is whole.
    func testThePNGCheckWalksTheChunks() throws {
        let dir = temporary()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let n = UInt32(data.count)
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let ihdr = chunk("IHDR", Array(repeating: 1, count: 13)), iend = [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        let whole = signature + ihdr + iend
        let gap = signature + Array(ihdr.prefix(12)) + iend   // IHDR's data and CRC missing
        for (name, bytes, status) in [("whole", whole, Int32(0)), ("gap", gap, Int32(1))] {
            let source = dir.appendingPathComponent("\(name).png")
            try Data(bytes).write(to: source)
            let path = try fakeGnuplot("cat '\(source.path)' > \"$png_output\"", in: dir)
            let r = try CLI.run(["--quick", "--out", dir.appendingPathComponent("out-\(name)").path,
                                 "--plots", dir.appendingPathComponent("plots-\(name)").path],
                                environment: path, executable: CLI.reproducer)
            XCTAssertEqual(r.status, status, "\(name): \(r.stderr)")
            XCTAssertEqual(r.stderr.contains("incomplete PNG"), status == 1, "\(name): \(r.stderr)")
        }
    }

    /// SIGTERM while gnuplot renders: the process dies of it, kills its gnuplot children
    /// and leaves no temporary file.
    func testATerminationSignalWhileRenderingKillsGnuplotAndLeavesNoTemporaryFile() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pids = dir.appendingPathComponent("pids")
        // A gnuplot that records its pid, starts writing its PNG and then hangs.
        let path = try fakeGnuplot("echo $$ >> '\(pids.path)'\nprintf x > \"$png_output\"\nexec sleep 60", in: dir)
        let p = Process()
        p.executableURL = CLI.reproducer
        p.arguments = ["--quick", "--out", dir.appendingPathComponent("out").path, "--plots", dir.appendingPathComponent("plots").path]
        p.environment = ProcessInfo.processInfo.environment.merging(path) { $1 }
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while ((try? String(contentsOf: pids, encoding: .utf8)) ?? "").isEmpty, p.isRunning, Date() < deadline { usleep(10_000) }
        usleep(100_000)
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        XCTAssertEqual(p.terminationStatus, SIGTERM)
        let started = ((try? String(contentsOf: pids, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { pid_t($0) }
        XCTAssertFalse(started.isEmpty, "gnuplot was running when the signal came")
        for pid in started {
            XCTAssertNotEqual(kill(pid, 0), 0, "gnuplot \(pid) was killed")
        }
        for folder in ["out", "plots"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path)) ?? []
            XCTAssertEqual(names.filter { $0.hasSuffix(".tmp") }, [], "\(folder): no temporary file")
            XCTAssertEqual(names.filter { $0.hasSuffix(".png") }, [], "\(folder): no PNG")
        }
    }

    /// A folder named gnuplot on PATH is not gnuplot (it has x bits): it is skipped. A
    /// file of the user's named like the writability probe is left alone. A refused
    /// --plots leaves no --out folder behind, and a path that is not UTF-8 is refused.
    func testGnuplotFolderProbeFileRefusedPlotsAndBytesThatAreNotUTF8() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin.appendingPathComponent("gnuplot"), withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("out"), plots = dir.appendingPathComponent("plots")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let probe = out.appendingPathComponent(".meanfield-write-test")
        try "the user's".write(to: probe, atomically: true, encoding: .utf8)
        let r = try CLI.run(["--quick", "--out", out.path, "--plots", plots.path],
                            environment: ["PATH": bin.path + ":/usr/bin:/bin"], executable: CLI.reproducer)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try String(contentsOf: probe, encoding: .utf8), "the user's")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") {
            XCTAssertTrue(FileManager.default.fileExists(atPath: plots.appendingPathComponent("fig1.png").path), r.stderr)
        }

        // Folders whose names start with '-' (given as --out=-o): gnuplot read the script
        // path -p/fig1.gp as an option and failed.
        let dashed = try CLI.run(["--quick", "--out=-o", "--plots=-p"], executable: CLI.reproducer, directory: dir)
        XCTAssertEqual(dashed.status, 0, dashed.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("-o/fig1a-theory.csv").path))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("-p/fig1.png").path), dashed.stderr)
        }

        let deep = dir.appendingPathComponent("deep/a/b")
        let refused = try CLI.run(["--quick", "--out", deep.path, "--plots", "/proc/x"], executable: CLI.reproducer)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("deep").path),
                       "the --out folders made before --plots was refused are removed")

        // Bytes that are not UTF-8 reach the program as U+FFFD: the folder would be another one.
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", "exec \"$0\" --quick --out \"$(printf '%s/bad\\377name' \"$1\")\" --plots \"$1/p\" 2>\"$1/err\"",
                        CLI.reproducer.path, dir.path]
        try sh.run()
        sh.waitUntilExit()
        XCTAssertEqual(sh.terminationStatus, 2)
        let err = try String(contentsOf: dir.appendingPathComponent("err"), encoding: .utf8)
        XCTAssertTrue(err.contains("is not valid UTF-8"), err)
        XCTAssertEqual(err.split(separator: "\n").count, 1, err)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertFalse(names.contains { $0.hasPrefix("bad") }, "\(names)")
    }
}
