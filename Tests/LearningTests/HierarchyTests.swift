import Foundation
import Learning
import Numerical
import TestSupport
import XCTest

/// Eq. 13 of the source paper against the paper's own numbers, the eigenvalues of the
/// exact item–item covariance (LAPACK dsyev), and sampled data sets as N grows.
final class HierarchyTests: XCTestCase {
    func testEquation13MatchesTheSpecCheck() throws {
        let h = try HierarchyTheory(levels: 6, branching: 2, epsilon: 0.1, features: 1)
        // SPEC §8 prints 2.561 for the root; eq. 13 and the exact covariance's largest
        // eigenvalue both give √(32 · 0.2052480…) = 2.5628 (worked by hand:
        // Σ Δ_k/M_k = 0.107374 + 0.030199 + 0.023593 + 0.018432 + 0.0144 + 0.01125),
        // so the printed root value is taken as a rounding slip; levels 1–5 agree to 3 decimals.
        let expected = [2.5628, 1.770, 1.472, 1.188, 0.906, 0.600]
        for (l, e) in expected.enumerated() {
            XCTAssertEqual(h.singularValue(level: l), e, accuracy: 0.0006, "level \(l)")
        }
        XCTAssertEqual((0..<6).map { h.multiplicity(level: $0) }, [1, 1, 2, 4, 8, 16])
    }

    /// N·Q with Q_ij = (1 − 2ε)^{2d}, d the number of levels up to the items' common
    /// ancestor, built here from item indices; its eigenvalues are the s_l².
    func exactCovarianceEigenvalues(levels: Int, branching b: Int, epsilon: Double, features: Int) throws -> [Double] {
        var p = 1
        for _ in 1..<levels { p *= b }
        var q = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for j in 0..<p {
            var d = 0, x = i, y = j
            while x != y { x /= b; y /= b; d += 1 }
            q[j * p + i] = Double(features) * pow(1 - 2 * epsilon, Double(2 * d))
        } }
        return try LinearAlgebra.symmetricEigen(&q, n: p)
    }

    func testEquation13EqualsEigenvaluesOfExactCovariance() throws {
        for (levels, b, eps) in [(6, 2, 0.1), (4, 3, 0.2), (3, 5, 0.05), (5, 2, 0.3)] {
            let h = try HierarchyTheory(levels: levels, branching: b, epsilon: eps, features: 7)
            let lambdas = try exactCovarianceEigenvalues(levels: levels, branching: b, epsilon: eps, features: 7)
                .sorted(by: >)
            var expected: [Double] = []
            for l in 0..<levels {
                expected += Array(repeating: h.singularValue(level: l), count: h.multiplicity(level: l))
            }
            XCTAssertEqual(lambdas.count, expected.count)
            for (lam, s) in zip(lambdas, expected) {
                assertClose(lam.squareRoot(), s, relative: 1e-10, "D=\(levels) B=\(b) ε=\(eps)")
            }
        }
    }

    func testSampledSingularValuesApproachEquation13AsFeaturesGrow() throws {
        var previous = Double.infinity
        for n in [100, 1000, 10000] {
            let h = try HierarchyTheory(levels: 4, branching: 2, epsilon: 0.1, features: n)
            let data = try LearningData.hierarchy(h, seed: 7)
            let sampled = try XCTUnwrap(data.singularValuesByLevel)
            let worst = zip(sampled, h.singularValues).map { abs(($0.mean ?? .nan) / $1 - 1) }.max() ?? .nan
            // Relative fluctuations of a sum of N independent features: O(1/√N); a
            // 6/√N band is far outside chance.
            XCTAssertLessThan(worst, 6 / Double(n).squareRoot(), "N = \(n)")
            XCTAssertLessThan(worst, previous * 1.5, "N = \(n)")
            previous = worst
        }
    }

    func testSampledDataIsFixedBySeed() throws {
        let h = try HierarchyTheory(levels: 3, branching: 2, epsilon: 0.2, features: 10)
        XCTAssertEqual(try LearningData.hierarchy(h, seed: 3).correlation, try LearningData.hierarchy(h, seed: 3).correlation)
        XCTAssertNotEqual(try LearningData.hierarchy(h, seed: 3).correlation, try LearningData.hierarchy(h, seed: 4).correlation)
    }

    func testSyntheticModesHaveTheRequestedSingularValues() throws {
        let data = try LearningData.modes(singularValues: [3, 2, 1, 0.5], seed: 1)
        for (a, e) in zip(data.s, [3.0, 2, 1, 0.5]) { assertClose(a, e, relative: 1e-13) }
    }

    func testRefusesBadTrees() {
        XCTAssertThrowsError(try HierarchyTheory(levels: 0, epsilon: 0.1, features: 1))
        XCTAssertThrowsError(try HierarchyTheory(levels: 3, branching: 1, epsilon: 0.1, features: 1))
        XCTAssertThrowsError(try HierarchyTheory(levels: 3, epsilon: 0.7, features: 1))
        XCTAssertThrowsError(try HierarchyTheory(levels: 40, epsilon: 0.1, features: 1))
    }
}
