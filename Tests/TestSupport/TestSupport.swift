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
