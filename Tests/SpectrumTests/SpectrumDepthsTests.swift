import Model
import Nonlinearities
import Spectrum
import XCTest

/// One pass through the deepest net gives every shallower net's spectrum (Figure 6 relies
/// on it): each set equals that of a network of that depth simulated on its own, bit for bit.
final class SpectrumDepthsTests: XCTestCase {
    func testSpectraAtSeveralDepthsEqualEachDepthOnItsOwn() throws {
        for weights in [WeightEnsemble.gaussian, .orthogonal] {
            let depths = [1, 2, 5]
            let deep = try SpectrumSimulation(phi: .tanh, sigmaW: 1.1, sigmaB: 0.05, depth: 5, weights: weights,
                                              width: 24, seed: 3, q: 0.2)
            let together = try deep.eigenvalues(network: 1, depths: depths)
            for (l, lambdas) in zip(depths, together) {
                let alone = try SpectrumSimulation(phi: .tanh, sigmaW: 1.1, sigmaB: 0.05, depth: l, weights: weights,
                                                   width: 24, seed: 3, q: 0.2).eigenvalues(network: 1)
                XCTAssertEqual(lambdas.count, 24)
                XCTAssertEqual(lambdas, alone, "\(weights) depth \(l)")
            }
            // The depths differ: a vacuous equality (the same set three times) would not pass.
            XCTAssertNotEqual(together[0], together[2])
        }
    }
}
