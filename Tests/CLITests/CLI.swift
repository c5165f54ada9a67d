import Foundation
import XCTest

/// Runs the built `meanfield` binary: shared by the CLI test classes.
enum CLI {
    final class Box: @unchecked Sendable { var data = Data() }

    struct Run { let status: Int32; let stdout: String; let stderr: String }

    static let binary: URL = {
        // The executable sits in the build products folder, beside the test bundle.
        let bundle = Bundle(for: CLITests.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("meanfield") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// `make run`'s binary, built beside `meanfield`.
    static let reproducer: URL = binary.deletingLastPathComponent().appendingPathComponent("meanfield-reproduce")

    static func run(_ args: [String], environment: [String: String] = [:], executable: URL? = nil,
                    directory: URL? = nil) throws -> Run {
        let p = Process()
        p.executableURL = executable ?? binary
        if let directory { p.currentDirectoryURL = directory }
        p.arguments = args
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read stderr on another thread so neither pipe can fill up and block the child.
        let errData = Box()
        let handle = err.fileHandleForReading
        let reader = Thread { errData.data = handle.readDataToEndOfFile() }
        reader.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: errData.data, as: UTF8.self))
    }

    /// Runs with `--format json`, asserts success and parses the one document.
    static func json(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = try run(args + ["--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// Peak RSS of one run (KB), by GNU /usr/bin/time (`make test-deps` installs it).
    static func peakKilobytes(_ args: [String]) throws -> Int {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-rss-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        p.arguments = ["-f", "%M", "-o", out.path, binary.path] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let text = try String(contentsOf: out, encoding: .utf8)
        return Int(text.split(separator: "\n").last.map(String.init) ?? "") ?? -1
    }
}
