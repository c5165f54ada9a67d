import Foundation
import XCTest

/// Asserts |actual − expected| ≤ tolerance·max(|expected|, floor) and reports the error
/// achieved in the failure message.
public func assertClose(
    _ actual: Double, _ expected: Double, relative tolerance: Double, floor: Double = 0,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let scale = Swift.max(expected.magnitude, floor)
    let error = (actual - expected).magnitude
    XCTAssertTrue(
        actual.isFinite && error <= tolerance * scale,
        "\(message()) got \(actual), expected \(expected): relative error \(scale > 0 ? error / scale : error) > \(tolerance)",
        file: file, line: line)
}

/// Richardson-extrapolated derivative of f at x from central differences with steps
/// h, h/2, h/4 (error O(h⁶)), an independent check of analytic slopes.
public func richardsonDerivative(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
    func central(_ h: Double) -> Double { (f(x + h) - f(x - h)) / (2 * h) }
    let d1 = central(h), d2 = central(h / 2), d3 = central(h / 4)
    let e1 = (4 * d2 - d1) / 3, e2 = (4 * d3 - d2) / 3
    return (16 * e2 - e1) / 15
}

/// One-sided version (f is evaluated only left of x): forward differences in −h.
public func richardsonLeftDerivative(_ f: (Double) -> Double, at x: Double, step h: Double) -> Double {
    func back(_ h: Double) -> Double { (f(x) - f(x - h)) / h }
    let d1 = back(h), d2 = back(h / 2), d3 = back(h / 4), d4 = back(h / 8)
    // Errors are O(h), O(h²), O(h³): three Richardson rounds.
    let a1 = 2 * d2 - d1, a2 = 2 * d3 - d2, a3 = 2 * d4 - d3
    let b1 = (4 * a2 - a1) / 3, b2 = (4 * a3 - a2) / 3
    return (8 * b2 - b1) / 7
}

/// Standard normal CDF and density, for closed forms in tests.
public func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
public func normalPDF(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

/// A fresh temporary folder holding a named pipe `pipe` and a folder `folder`: targets that
/// exist and are not regular files, standing in for a device such as /dev/full (which a
/// failing test must not replace on the machine).
public func nonFileTargets() throws -> (dir: URL, pipe: String, folder: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let pipe = dir.appendingPathComponent("pipe").path
    guard mkfifo(pipe, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
    let folder = dir.appendingPathComponent("folder").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return (dir, pipe, folder)
}

/// Asserts that `nonFileTargets()`'s folder still holds exactly its pipe and its folder.
public func assertNonFileTargetsUntouched(_ t: (dir: URL, pipe: String, folder: String),
                                          file: StaticString = #filePath, line: UInt = #line) {
    var info = stat()
    XCTAssertEqual(stat(t.pipe, &info), 0, file: file, line: line)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the pipe is still a pipe", file: file, line: line)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: t.dir.path).sorted(), ["folder", "pipe"],
                   file: file, line: line)
}
