import Model
import Learning
import XCTest

/// "Depth-independent training time" (SPEC §8, the slides): at a fixed rate
/// λ = c/((N_l − 1) s_1), hidden layers at least as wide as input and output, and O(1)
/// initial mode strengths, orthogonal and decoupled starts learn in a time that does not
/// grow with depth; scaled Gaussian starts slow down (the singular values of W^tot spread).
final class LearningTimeTests: XCTestCase {
    func testOrthogonalAndDecoupledTimesDoNotGrowWithDepthAtFixedScaledRate() throws {
        let h = try HierarchyTheory(levels: 5, branching: 2, epsilon: 0.1, features: 32)
        let data = try LearningData.hierarchy(h, seed: 1)
        var request = LearningTimeRequest(data: data, hidden: 48, layers: [3, 9, 17],
                                          initials: [.orthogonal, .decoupled, .gaussian])
        request.rateFactors = (0.25, 0.25, 1)
        request.a0 = 1
        request.maxEpochs = 400
        let rows = try request.run()
        func epochs(_ i: InitialCondition) -> [Int?] { rows.filter { $0.initial == i }.map(\.epochs) }
        for initial in [InitialCondition.orthogonal, .decoupled] {
            let e = epochs(initial).compactMap { $0 }
            XCTAssertEqual(e.count, 3, "\(initial): \(epochs(initial))")
            // Never slower than at three layers (the deep nets' W^tot moves as fast at the
            // same c, and three layers has the slowest start, a^{2−2/m} with m = 2), and
            // 9 → 17 layers within a factor 1.5.
            XCTAssertLessThanOrEqual(Double(e[1]), 1.1 * Double(e[0]), "\(initial): \(e)")
            XCTAssertLessThanOrEqual(Double(e[2]), 1.1 * Double(e[0]), "\(initial): \(e)")
            XCTAssertLessThanOrEqual(Double(max(e[1], e[2])), 1.5 * Double(min(e[1], e[2])), "\(initial): \(e)")
        }
        let g = epochs(.gaussian).map { $0 ?? Int.max }
        XCTAssertEqual(g, g.sorted(), "Gaussian slows with depth: \(g)")
        XCTAssertGreaterThan(g[2], 2 * (epochs(.orthogonal)[2] ?? 0), "Gaussian at 17 layers: \(g)")
    }

    /// LOW/HIGH = 1e-600 underflows: the rates (LOW/HIGH)^u are 0, a grid problem, not a
    /// learning-rate one (that flag does not exist in learning-time).
    func testAGridOutsideTheDoublesNamesRateGrid() throws {
        let data = try LearningData.modes(singularValues: [3, 2, 1], seed: 1)
        var request = LearningTimeRequest(data: data, hidden: 3, layers: [3], initials: [.orthogonal])
        request.rateFactors = (1e-300, 1e300, 4)
        XCTAssertThrowsError(try request.run()) { e in
            XCTAssertTrue("\(e)".hasPrefix("--rate-grid"), "\(e)")
            XCTAssertFalse("\(e)".contains("--learning-rate"), "\(e)")
        }
    }
}
