import Model
import Foundation
import Nonlinearities
import Numerical

/// Principal curvatures of one network's decision boundary, pulled back to each layer,
/// averaged over the boundary points found.
public struct BoundaryLayerCurvature: Sendable, Equatable {
    /// 0 is the input; D the last layer's pre-activations.
    public var layer: Int
    public var kappaMax: Double
    public var kappaMin: Double
    public var kappaAbsMean: Double
    /// The 4 largest (descending) and the 4 smallest (ascending) principal curvatures.
    public var kappaTop: [Double]
    public var kappaBottom: [Double]
}

public struct BoundaryCurvatureResult: Sendable {
    public var pointsFound: Int
    public var rays: Int
    public var layers: [BoundaryLayerCurvature]
}

extension ReadoutNetwork {
    /// Points x* with G(x*) = 0: from random starts x_s = √N u (|x_s|²/N = 1, u uniform on
    /// the sphere) along random unit directions d, G(x_s + t√N d) is scanned on t ∈ [−1, 1]
    /// (33 points) and the first sign change is solved by GSL's Brent solver. Up to
    /// 50·count rays; returns the points and the number of rays used.
    public func boundaryPoints(count: Int, seed: UInt64) throws -> (points: [[Double]], rays: Int) {
        var g = GaussianStream(seed: RandomStream.boundaryRays.seed(seed))
        func unit() -> [Double] {
            let v = (0..<n).map { _ in g.next() }
            let s = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / s }
        }
        let scale = Double(n).squareRoot()
        var points: [[Double]] = []
        var rays = 0
        while points.count < count && rays < 50 * count {
            rays += 1
            let start = unit().map { $0 * scale }, dir = unit().map { $0 * scale }
            let along: (Double) -> Double = { t in self.readout(zip(start, dir).map { $0 + t * $1 }) }
            func finite(_ t: Double) throws -> Double {
                let f = along(t)
                guard f.isFinite else { throw BoundaryError.notFinite("the readout G = β·φ(h^D) − β0") }
                return f
            }
            var t0 = -1.0, f0 = try finite(t0)
            for k in 1...32 {
                let t1 = -1 + 2 * Double(k) / 32, f1 = try finite(t1)
                if f0 == 0 || (f0 < 0) != (f1 < 0) {
                    let t = f0 == 0 ? t0 : try BracketingSolver().root(in: t0, t1) { along($0) }
                    points.append(zip(start, dir).map { $0 + t * $1 })
                    break
                }
                t0 = t1
                f0 = f1
            }
        }
        return (points, rays)
    }

    /// The boundary's principal curvatures in every layer's representation, averaged over
    /// `count` boundary points.
    ///
    /// - Throws: `BoundaryError.noPoints` when no ray crosses the boundary,
    ///   `BoundaryError.flatReadout` or `.notFinite` for a degenerate network.
    public func boundaryCurvature(points count: Int, seed: UInt64) throws -> BoundaryCurvatureResult {
        let (points, rays) = try boundaryPoints(count: count, seed: seed)
        guard !points.isEmpty else { throw BoundaryError.noPoints(rays: rays) }
        let depth = description.depth
        var sums = [BoundaryLayerCurvature](
            repeating: BoundaryLayerCurvature(layer: 0, kappaMax: 0, kappaMin: 0, kappaAbsMean: 0,
                                              kappaTop: [0, 0, 0, 0], kappaBottom: [0, 0, 0, 0]),
            count: depth + 1)
        for x in points {
            for (l, d) in derivatives(at: x).enumerated() {
                let k = try principalCurvatures(gradient: d.gradient, hessian: d.hessian, layer: l)
                guard let largest = k.first, let smallest = k.last else { continue }
                sums[l].layer = l
                sums[l].kappaMax += largest
                sums[l].kappaMin += smallest
                sums[l].kappaAbsMean += k.map(abs).reduce(0, +) / Double(k.count)
                for i in 0..<4 {
                    sums[l].kappaTop[i] += k[Swift.min(i, k.count - 1)]
                    sums[l].kappaBottom[i] += k[Swift.max(k.count - 1 - i, 0)]
                }
            }
        }
        let c = Double(points.count)
        let layers = sums.map { s in
            BoundaryLayerCurvature(layer: s.layer, kappaMax: s.kappaMax / c, kappaMin: s.kappaMin / c,
                                   kappaAbsMean: s.kappaAbsMean / c, kappaTop: s.kappaTop.map { $0 / c },
                                   kappaBottom: s.kappaBottom.map { $0 / c })
        }
        return BoundaryCurvatureResult(pointsFound: points.count, rays: rays, layers: layers)
    }
}
