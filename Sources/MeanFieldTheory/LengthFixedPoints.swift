import Foundation
import Nonlinearities
import Numerical

/// Every fixed point of the length map V on [0, ∞) (SPEC §10.1), ascending in q, and
/// where large inputs diverge.
public struct LengthFixedPoints: Sendable {
    /// One q = V(q), with the slopes there.
    public struct Point: Sendable, Equatable {
        public var q: Double
        /// χ_q = V′(q) = σw² E[φ′² + φφ″]: < 1 attracts, > 1 repels.
        public var chiQ: Double
        /// χ1 = σw² E[φ′(√q z)²] at this q.
        public var chi1: Double
        /// V(q′) − q′ changes sign from + below q to − above it (χ_q < 1 but for rounding
        /// at a near-tangency): q^l → q from every q^1 close by. At q = 0: V(q′) ≤ q′ just
        /// above 0. A double root (V touches the diagonal) is not stable.
        public var stable: Bool
    }

    /// Ascending in q.
    public var points: [Point]
    /// The q^1 above which q^l grows without bound: the largest fixed point when
    /// V(q) > q beyond it, 0 when V(q) > q for every q > 0, `nil` when large q^1 converge.
    public var divergesAbove: Double?

    /// q*: the largest stable fixed point, `nil` when none is stable (every q^1 > 0 diverges,
    /// or is repelled from each fixed point).
    public var qStar: Double? { points.last(where: \.stable)?.q }

    /// More than one stable fixed point: which one q^l reaches depends on q^1.
    public var attractorCount: Int { points.filter(\.stable).count }

    /// The q^1 that converge to q*: between the nearest fixed points below and above it
    /// that are not stable (0 and ∞ when there are none).
    public var basin: ClosedRange<Double>? {
        guard let i = points.lastIndex(where: \.stable) else { return nil }
        let below = points[..<i].last(where: { !$0.stable })?.q ?? 0
        let above = points[(i + 1)...].first(where: { !$0.stable })?.q ?? divergesAbove ?? .infinity
        return below...above
    }
}

extension MeanFieldModel {
    /// Every q ≥ 0 with V(q) = q, each with χ_q, χ1 and whether it attracts, and the q^1
    /// above which q^l diverges.
    ///
    /// Algorithm: V(q) − q on the log grid a·4^k (a = max(1, 2V(0)), the start of the
    /// descent `largestFixedPointFromAbove` used), from below the smallest fixed point
    /// (σb² when σb > 0: V ≥ σb²) up to where V(q)/q has settled on its limit σw²·G (G =
    /// lim E[φ²]/q, `Nonlinearity.asymptoticGrowth`) so that no sign change is left
    /// above; GSL's Brent solver on each sign change. Where |V(q) − q|/q has a local
    /// minimum between grid points of one sign, a golden-section search in ln q looks for
    /// a pair of roots closer than the grid (the two branches meeting near a saddle-node),
    /// down to a relative width of ~1e-3 (silu at σb = 0.2: within ~1e-6 of the
    /// saddle-node's σw), below which the pair is not seen.
    /// q = 0 is a fixed point when V(0) = 0 (σb = 0, φ(0) = 0).
    ///
    /// q* (the largest stable point) is solved on the factor-16 bracket of the grid that
    /// holds it, the bracket the descent from large q^1 ends in, so that where one stable
    /// fixed point exists q* is the same double as that descent gives.
    ///
    /// Where V(q)/q provably decreases (σb > 0 and φ one of `shrinkingRatio`), V has one
    /// fixed point and the scan is replaced by a descent in factors of 16 from above the
    /// bound on V to the grid bracket that holds it (`uniqueFixedPoint`): the same
    /// bracket, the same double, with about half the evaluations of V.
    ///
    /// - Throws: `TheoryError.notUnique` when V(q) = q identically (relu, σw² = 2, σb = 0).
    public func lengthFixedPoints() throws -> LengthFixedPoints { try lengthFixedPoints(slopes: true) }

    /// `slopes: false` leaves χ_q and χ1 of each fixed point other than q = 0 NaN, and
    /// saves the moments there: for callers that read only q, `stable` and
    /// `divergesAbove` (the phase diagram, whose summary takes the moments at q*).
    func lengthFixedPoints(slopes: Bool) throws -> LengthFixedPoints {
        if phi.isPositivelyHomogeneous { return try homogeneousLengthFixedPoints() }
        let v0 = lengthMap(0)
        let f: (Double) -> Double = { q in lengthMap(q) - q }
        // V(q) − q near q = 0 when V(0) = 0 is a difference of nearly equal numbers: it
        // must clear 64ε·q to count as positive (as in `largestFixedPointFromAbove`).
        let floor = v0 == 0 ? 64 * Double.ulpOfOne : 0
        let anchor = Swift.max(1, 2 * v0)
        let limit = w2 > 0 ? w2 * phi.asymptoticGrowth : 0

        // The bottom of the grid.
        var k = 0
        var grid: [(q: Double, f: Double)] = []
        var zero: LengthFixedPoints.Point?
        let ceiling = phi.dynamicRange.map { r in
            let m = phi.value(0).magnitude + r
            return w2 * m * m + b2
        }
        if b2 > 0 {
            // No fixed point below σb²: start at the grid point at or below it.
            k = Int((log(b2 / anchor) / log(4)).rounded(.down))
            // These φ are odd with range R: |φ| ≤ R/2, so V ≤ σw²R²/4 + σb².
            if let range = phi.dynamicRange, Nonlinearity.named(phi.name)?.formula == phi.formula,
               Self.shrinkingRatio.contains(phi.name),
               let q = try uniqueFixedPoint(anchor: anchor, bottom: k, ceiling: w2 * range * range / 4 + b2, f) {
                let m = slopes ? moments(q) : nil
                return LengthFixedPoints(
                    points: [.init(q: q, chiQ: m.map { w2 * $0.slope } ?? .nan, chi1: m.map(chi1) ?? .nan, stable: true)],
                    divergesAbove: nil)
            }
        } else if v0 > 0 {
            // σb = 0, φ(0) ≠ 0: V(q) − q → V(0) > 0 as q → 0.
            while !(f(anchor * pow(4, Double(k))) > 0) && anchor * pow(4, Double(k)) > Self.smallestLength { k -= 1 }
        } else {
            // V(0) = 0: q = 0 is a fixed point, and V − q ≈ (χ_q(0) − 1) q near it. Descend
            // until V − q has that sign (clearing the rounding level), or, at χ_q(0) = 1,
            // until it is lost in rounding: the last sign resolved (tanh at σw = 1: −2q²,
            // attracting; silu at σw = 2: +3q²/4, repelling) decides, and the grid starts
            // there. Reaching 1e-300 without V − q > 0 where χ_q(0) > 1 puts the other root
            // within the accuracy of criticality: q = 0 is reported as attracting.
            let chi0 = w2 * moments(0).slope
            let critical = (chi0 - 1).magnitude <= Self.criticalTolerance
            var q = anchor
            var value = f(q)
            var resolved: Double?
            func settled() -> Bool {
                if critical { return value.magnitude <= floor * q }
                return chi0 > 1 ? value > floor * q : !(value > floor * q)
            }
            while q > Self.smallestLength && !settled() {
                if value.magnitude > floor * q { resolved = value }
                k -= 1
                q = anchor * pow(4, Double(k))
                value = f(q)
            }
            let stable: Bool
            if critical {
                stable = !((resolved ?? value) > 0)
                if resolved != nil && value.magnitude <= floor * q { k += 1 }
            } else {
                stable = chi0 < 1 || !(value > floor * q)
            }
            zero = .init(q: 0, chiQ: chi0, chi1: chi1(moments(0)), stable: stable)
        }

        // Up the grid until V(q)/q has settled within half its distance from 1 of its
        // limit, past the length where φ is in its asymptotic regime, or V overflows, or
        // 1e250. For bounded φ, until q > σw²(|φ(0)| + R)² + σb² ≥ V (R = sup φ − inf φ):
        // no fixed point lies above.
        let settled = Nonlinearity.named(phi.name)?.formula == phi.formula
            ? Self.settledLengthBuiltIn : Self.settledLength
        var diverging = false
        while true {
            let q = anchor * pow(4, Double(k))
            let value = f(q)
            guard value.isFinite else { diverging = true; break }
            grid.append((q, value))
            if let ceiling, q > ceiling, grid.count > 1 { break }
            let ratio = (value + q) / q
            if q >= settled {
                if limit.isInfinite {
                    if ratio > 2 { diverging = true; break }
                } else if limit != 1 && (ratio - limit).magnitude < 0.5 * (1 - limit).magnitude
                            && (ratio > 1) == (limit > 1) {
                    diverging = limit > 1
                    break
                }
            }
            if q > 1e250 { diverging = value > 0; break }
            k += 1
        }

        // Sign changes of V − q (positive: above 64ε·q where V(0) = 0) between grid points,
        // and root pairs closer than the grid at local minima of |V − q|/q.
        let solver = BracketingSolver()
        var points: [LengthFixedPoints.Point] = []
        func add(_ q: Double, stable: Bool) {
            guard slopes else { return points.append(.init(q: q, chiQ: .nan, chi1: .nan, stable: stable)) }
            let m = moments(q)
            points.append(.init(q: q, chiQ: w2 * m.slope, chi1: chi1(m), stable: stable))
        }
        let positive = grid.map { $0.f > floor * $0.q }
        var crossings: [(lower: Int, stable: Bool)] = []
        for i in grid.indices.dropLast() {
            if positive[i] != positive[i + 1] {
                // A sign change within rounding of V − q = 0 (both raw values of one sign,
                // only where V(0) = 0) is within the accuracy of criticality: not reported.
                if (grid[i].f > 0) != (grid[i + 1].f > 0) || grid[i].f == 0 || grid[i + 1].f == 0 {
                    crossings.append((i, positive[i]))
                }
                continue
            }
            guard i + 2 < grid.count, positive[i + 2] == positive[i] else { continue }
            let (a, b, c) = (grid[i].q, grid[i + 1].q, grid[i + 2].q)
            let sign: Double = positive[i] ? 1 : -1
            let g: (Double) -> Double = { q in sign * f(q) / q }
            guard sign * grid[i + 1].f / b < sign * grid[i].f / a, sign * grid[i + 1].f / b < sign * grid[i + 2].f / c
            else { continue }
            if let (m, gm) = goldenMinimum(lower: a, upper: c, g), gm <= 0 {
                if gm == 0 {
                    add(m, stable: false)
                } else {
                    // V − q goes sign → −sign → sign: a + to − crossing attracts.
                    add(try solver.root(in: a, m, f), stable: sign > 0)
                    add(try solver.root(in: m, c, f), stable: sign < 0)
                }
            }
        }
        // q*, where it is the largest stable crossing and the only sign change of its
        // factor-16 bracket a·16^j ≤ q < a·16^(j+1), is solved on that bracket: the one
        // the descent from large q^1 (`largestFixedPointFromAbove`) ends in.
        let top = crossings.lastIndex(where: \.stable)
        let largestPairRoot = points.last(where: \.stable)?.q ?? 0
        for (n, crossing) in crossings.enumerated() {
            let i = crossing.lower
            var lo = grid[i].q, hi = grid[i + 1].q
            if n == top && lo >= largestPairRoot {
                let j = (log(lo / anchor) / log(16)).rounded(.down)
                let lo16 = anchor * pow(16, j), hi16 = anchor * pow(16, j + 1)
                let inside = grid.indices.filter { grid[$0].q >= lo16 * (1 - 1e-12) && grid[$0].q <= hi16 * (1 + 1e-12) }
                let changes = inside.dropLast().filter { positive[$0] != positive[$0 + 1] }.count
                if changes == 1 && hi <= hi16 * (1 + 1e-12) && f(lo16) > floor * lo16 && f(hi16) < 0 {
                    (lo, hi) = (lo16, hi16)
                }
            }
            add(try solver.root(in: lo, hi, f), stable: crossing.stable)
        }
        if let zero { points.append(zero) }
        points.sort { $0.q < $1.q }

        var divergesAbove: Double?
        if diverging { divergesAbove = points.last?.q ?? 0 }
        return LengthFixedPoints(points: points, divergesAbove: divergesAbove)
    }

    /// Built-in φ with |φ(x)/x| nonincreasing in |x| (tanh and erf: φ(x)/x decreases for
    /// x > 0, φ being odd and concave there; hardtanh: min(1, |x|)/|x|). Then E[φ(√q z)²]/q
    /// = E[z² (φ(√q z)/(√q z))²] does not increase with q and V(q)/q = σw² E[φ²]/q + σb²/q
    /// strictly decreases when σb > 0: V(q) = q has exactly one solution, V > q below it
    /// and V < q above, so it is the only fixed point and it attracts.
    static let shrinkingRatio: Set<String> = ["tanh", "erf", "hardtanh"]

    /// The one fixed point of a map with V(q)/q decreasing, solved on the bracket the scan
    /// of `lengthFixedPoints` would solve it on: the grid interval a·4^i ≤ q* < a·4^(i+1)
    /// (found by descending a·16^m from above `ceiling` ≥ V until V > q, then one midpoint),
    /// widened to its factor-16 bracket a·16^j as the scan does. `nil` (the caller scans)
    /// where that interval lies below the scan's lowest grid point a·4^`bottom`.
    private func uniqueFixedPoint(anchor: Double, bottom: Int, ceiling: Double, _ f: (Double) -> Double) throws -> Double? {
        // V(q) − q at the points already visited: the bracket's ends are among them.
        var known: [Double: Double] = [:]
        func g(_ q: Double) -> Double {
            if let v = known[q] { return v }
            let v = f(q)
            known[q] = v
            return v
        }
        // a·16^m ≥ ceiling ≥ V there, so V − q ≤ 0.
        var m = Int((log(ceiling / anchor) / log(16)).rounded(.up))
        guard !(g(anchor * pow(16, Double(m))) > 0) else { return nil }
        repeat {
            m -= 1
            if 2 * m + 1 < bottom { return nil }
        } while !(g(anchor * pow(16, Double(m))) > 0)
        // V − q > 0 at a·16^m and ≤ 0 at a·16^(m+1): the grid interval is the lower or the upper half.
        let i = g(anchor * pow(4, Double(2 * m + 1))) > 0 ? 2 * m + 1 : 2 * m
        guard i >= bottom else { return nil }
        var lo = anchor * pow(4, Double(i)), hi = anchor * pow(4, Double(i + 1))
        let j = (log(lo / anchor) / log(16)).rounded(.down)
        let lo16 = anchor * pow(16, j), hi16 = anchor * pow(16, j + 1)
        if hi <= hi16 * (1 + 1e-12) && g(lo16) > 0 && g(hi16) < 0 { (lo, hi) = (lo16, hi16) }
        return try BracketingSolver().root(in: lo, hi, f)
    }

    /// The lowest grid length of the scan; below it V(q) − q keeps the sign it has there.
    static let smallestLength = 1e-300
    /// From this q on, V(q)/q of every φ the tool accepts is in its asymptotic regime
    /// (the formula analysis reads φ out to |x| = 1e8, q = 1e16).
    static let settledLength = 1e17
    /// The same for the built-in φ, whose features lie within |x| ≲ 40 (e^{−x} and
    /// e^{−x²/2} below 1e-17 there): at q = 1e4 the Gaussian reaches |x| = 100 within one
    /// standard deviation.
    static let settledLengthBuiltIn = 1e4

    /// The minimum of g over [lower, upper], by golden-section search in ln q; stops
    /// early where g ≤ 0 (a root pair is then bracketed), and after the bracket has
    /// shrunk to a relative width of 1e-3 (16 steps).
    private func goldenMinimum(lower: Double, upper: Double, _ g: (Double) -> Double) -> (Double, Double)? {
        let r = (5.0.squareRoot() - 1) / 2
        var a = log(lower), b = log(upper)
        var x1 = b - r * (b - a), x2 = a + r * (b - a)
        var g1 = g(exp(x1)), g2 = g(exp(x2))
        while b - a > 1e-3 {
            if g1 <= 0 { return (exp(x1), g1) }
            if g2 <= 0 { return (exp(x2), g2) }
            if g1 < g2 {
                b = x2; x2 = x1; g2 = g1
                x1 = b - r * (b - a); g1 = g(exp(x1))
            } else {
                a = x1; x1 = x2; g1 = g2
                x2 = a + r * (b - a); g2 = g(exp(x2))
            }
        }
        return g1 < g2 ? (exp(x1), g1) : (exp(x2), g2)
    }

    /// φ(λx) = λφ(x), λ > 0: V(q) = σw² m q + σb² with m = E[φ(z)²], a line.
    private func homogeneousLengthFixedPoints() throws -> LengthFixedPoints {
        let slope = w2 * phi.asymptoticGrowth
        let chi1 = self.chi1(moments(1))
        if slope < 1 {
            return LengthFixedPoints(points: [.init(q: b2 / (1 - slope), chiQ: slope, chi1: chi1, stable: true)],
                                     divergesAbove: nil)
        }
        if b2 > 0 { return LengthFixedPoints(points: [], divergesAbove: 0) }
        if slope > 1 {
            return LengthFixedPoints(points: [.init(q: 0, chiQ: slope, chi1: chi1, stable: false)], divergesAbove: 0)
        }
        throw TheoryError.notUnique(
            "every q is a fixed point of the length map for phi=\(phi.name), sigma-w=\(sigmaW), sigma-b=0 "
            + "(V(q) = q), so q* is not unique")
    }
}
