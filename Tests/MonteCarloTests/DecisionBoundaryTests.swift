@testable import MonteCarlo
import Model
import Nonlinearities
import Numerical
import TestSupport
import XCTest

final class DecisionBoundaryTests: XCTestCase {
    func network(_ phi: Nonlinearity = .tanh, sigmaW: Double = 2, width: Int = 6, depth: Int = 3) throws -> ReadoutNetwork {
        try ReadoutNetwork(FiniteNetwork(phi: phi, sigmaW: sigmaW, sigmaB: 0.3, width: width, depth: depth), seed: 5)
    }

    func testGradientAndHessianRecursionMatchFiniteDifferences() throws {
        let net = try network()
        var g = GaussianStream(seed: 17)
        let x = (0..<6).map { _ in g.next() }
        let h = net.forward(x)
        let all = net.derivatives(at: x)
        // Layer 0 (the input) and layer 2 (a hidden representation), by central
        // differences of G: first differences for ∇G, second differences for H.
        for (l, point) in [(0, x), (2, h[1])] {
            let f: ([Double]) -> Double = { net.readout(fromLayer: l, $0) }
            let eps = 1e-4
            func shifted(_ i: Int, _ a: Double, _ j: Int, _ b: Double) -> Double {
                var p = point
                p[i] += a
                p[j] += b
                return f(p)
            }
            let (grad, hess) = all[l]
            let scale = hess.map(abs).max()!
            for i in 0..<6 {
                let fd = (shifted(i, eps, i, 0) - shifted(i, -eps, i, 0)) / (2 * eps)
                XCTAssertEqual(grad[i], fd, accuracy: 1e-7 * max(1, abs(fd)), "∂G/∂h^\(l)_\(i)")
                for j in 0..<6 {
                    let second = (shifted(i, eps, j, eps) - shifted(i, eps, j, -eps) - shifted(i, -eps, j, eps)
                        + shifted(i, -eps, j, -eps)) / (4 * eps * eps)
                    XCTAssertEqual(hess[j * 6 + i], second, accuracy: 1e-5 * scale, "H^\(l)[\(i),\(j)]")
                }
            }
        }
    }

    func testSpherePulledBackThroughALinearLayerHasCurvatureOverRadius() throws {
        // G(y) = |A y|²/2 with A = s·O: the level set through y is the sphere |y| = ρ, whose
        // principal curvatures are all 1/ρ; ∇G = s² y, H = s² I.
        let n = 7, s = 2.5
        var g = GaussianStream(seed: 3)
        let y = (0..<n).map { _ in g.next() }
        let rho = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var hess = [Double](repeating: 0, count: n * n)
        for i in 0..<n { hess[i * n + i] = s * s }
        let k = try principalCurvatures(gradient: y.map { s * s * $0 }, hessian: hess)
        XCTAssertEqual(k.count, n - 1)
        for kappa in k { XCTAssertEqual(kappa, 1 / rho, accuracy: 1e-13 / rho) }
    }

    func testZeroOrNonFiniteDerivativesAreThrownNotTrapped() {
        let n = 5
        var hess = [Double](repeating: 0, count: n * n)
        XCTAssertThrowsError(try principalCurvatures(gradient: [Double](repeating: 0, count: n), hessian: hess, layer: 3)) {
            XCTAssertEqual($0 as? BoundaryError, .flatReadout(layer: 3))
        }
        hess[7] = .nan
        XCTAssertThrowsError(try principalCurvatures(gradient: [1, 0, 0, 0, 0], hessian: hess)) {
            guard case .notFinite? = $0 as? BoundaryError else { return XCTFail("\($0)") }
        }
        // ‖∇G‖ = 1e-310 (subnormal): no tangent plane to speak of.
        XCTAssertThrowsError(try principalCurvatures(gradient: [1e-310, 0, 0, 0, 0], hessian: [Double](repeating: 1, count: 25)))
    }

    func testLinearNetworkHasAFlatBoundaryInEveryLayer() throws {
        let net = try network(.linear, sigmaW: 1.5, width: 12, depth: 4)
        let result = try net.boundaryCurvature(points: 3, seed: 2)
        XCTAssertEqual(result.pointsFound, 3)
        for layer in result.layers {
            XCTAssertEqual(layer.kappaMax, 0, accuracy: 1e-12)
            XCTAssertEqual(layer.kappaMin, 0, accuracy: 1e-12)
        }
    }

    func testBoundaryPointsAreOnTheBoundary() throws {
        let net = try network(width: 30, depth: 4)
        let (points, _) = try net.boundaryPoints(count: 4, seed: 9)
        XCTAssertEqual(points.count, 4)
        for p in points { XCTAssertEqual(net.readout(p), 0, accuracy: 1e-12) }
    }

    func testCurvatureGrowsTowardsTheInputInChaosButNotInOrder() throws {
        func growth(_ sw: Double) throws -> Double {
            let net = try ReadoutNetwork(FiniteNetwork(phi: .tanh, sigmaW: sw, sigmaB: 0.3, width: 100, depth: 10), seed: 1)
            let layers = try net.boundaryCurvature(points: 4, seed: 1).layers
            return layers[0].kappaMax / layers[10].kappaMax
        }
        XCTAssertGreaterThan(try growth(4), 10, "σw = 4: largest curvature grows over 10 layers")
        XCTAssertLessThan(try growth(1.3), 10, "σw = 1.3: it does not")
    }

    func testShallowNetsRespectTheoremOneAndDeepChaoticNetsBeatThem() throws {
        var r = ExpressivityRequest(network: try Network(phi: .tanh, sigmaW: 4, sigmaB: 0.3, depth: 8))
        r.deepWidth = 100
        r.shallowWidths = [50, 100, 200, 400, 800]
        r.points = 300
        let (deep, shallow) = try r.run()
        for s in shallow { XCTAssertLessThanOrEqual(s.lengthE, s.bound!, "width \(s.width)") }
        // Depth 8 at width 100 has total width 800: longer than every shallow net up to 800.
        XCTAssertGreaterThan(deep[7].lengthE, shallow.map(\.lengthE).max()!)
        XCTAssertGreaterThan(deep[7].lengthE, 10 * deep[0].lengthE, "exponential growth with depth")
    }
}
