import Foundation
import MeanFieldTheory
import Nonlinearities
import Numerical
import TestSupport
import XCTest

/// The joint two-point recursion where the lengths are tiny: c must not break when
/// q1·q2 underflows (q ~ 1e-160), only once q itself does.
final class TwoPointRecursionTests: XCTestCase {
    /// erf at σb = 0 from q = 1e-160, c = 0.5: by the arcsine kernel
    /// c² = asin(2q12/(1+2q))/asin(2q/(1+2q)) = 0.5 (1 + O(q²)) = 0.5 to rounding; it was 0.50000279.
    func testErfAtTinyLengthKeepsTheCorrelation() throws {
        var m = try MeanFieldModel(phi: .erf, sigmaW: 1.5, sigmaB: 0)
        for useKernel in [true, false] {
            if !useKernel { m.kernel = nil }
            let layers = try m.twoPointRecursion(q11: 1e-160, q22: 1e-160, c: 0.5, depth: 2)
            assertClose(layers[1].c, 0.5, relative: useKernel ? 1e-15 : 1e-13, "kernel \(useKernel)")
            // q² = σw²(2/π) asin(2q/(1+2q)) = 2.25·(4/π)·1e-160 to relative O(q).
            assertClose(layers[1].q11, 2.25 * 4 / .pi * 1e-160, relative: 1e-13)
        }
    }

    /// relu's normalised c-map does not depend on q: c ↦ (√(1−c²) + (π − acos c) c)/π
    /// (the arc-cosine kernel), iterated here directly. At σw = 0.5 q^l = 8^{1−l}, and c
    /// froze from layer 181 (q² underflowed) and was 7e-4 off by layer 300.
    func testReluCorrelationFollowsTheArcCosineMapTo1e270() throws {
        let m = try MeanFieldModel(phi: .relu, sigmaW: 0.5, sigmaB: 0)
        let layers = try m.twoPointRecursion(q11: 1, q22: 1, c: 0.5, depth: 300)
        var c = 0.5
        for l in 1..<300 {
            c = ((1 - c * c).squareRoot() + (.pi - acos(c)) * c) / .pi
            XCTAssertEqual(layers[l].c, c, accuracy: 1e-11, "layer \(l + 1)")
        }
        assertClose(layers[299].q11, pow(0.125, 299), relative: 1e-12)
    }
}
