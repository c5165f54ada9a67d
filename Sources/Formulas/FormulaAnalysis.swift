import Foundation
import Numerical

/// What `Formula` finds out about φ before it is used (see `Formula` for the list).
///
/// Everything is decided on one scan of the real line: 0, a uniform grid of step 1/64
/// on [−32, 32] (resolving features of width ~0.1, such as a kink pair), and 48 points
/// per decade from 1e-8 to 1e8 on both sides. Sign changes between scan points are
/// solved by Brent's method to full precision. A feature narrower than the scan (two
/// roots of an argument closer than its spacing) can be missed: such formulas are not
/// ones a network uses, and the integrator's error estimate still reports what it
/// does not resolve.
struct FormulaAnalysis {
    var kinks: [Double] = []
    var derivativeJumps = false
    var asymptoticGrowth = 0.0
    var lower: Saturation?
    var upper: Saturation?
    var parity = Formula.FormulaParity.neither

    /// Bound on |x| of the finiteness check of φ, φ′, φ″: beyond it non-finite values
    /// mean growth (exp(x²) overflows at 26.6), which `asymptoticGrowth` reports, and
    /// set `finiteBound`.
    static let finiteRange = 16.0

    static let scan: [Double] = {
        var xs: Set<Double> = [0]
        for k in -2048...2048 { xs.insert(Double(k) / 64) }
        for k in 0...(16 * 48) {
            let x = Foundation.pow(10, -8 + Double(k) / 48)
            xs.insert(x)
            xs.insert(-x)
        }
        return xs.sorted()
    }()

    /// The scan ordered by |x|, so that the fault reported is the one nearest 0.
    static let scanNearestFirst = scan.sorted { $0.magnitude < $1.magnitude }

    init(root: Node, program: Program) throws {
        let nodes = root.postorder
        try checkDomains(nodes)
        kinks = try findKinks(nodes)
        try checkFinite(nodes, program)
        derivativeJumps = kinks.contains { k in
            // φ′ a little either side of the kink (1e-9 relative: far enough that the
            // branches of max/min are not decided by rounding, as exp(x) − 1 vs 0 would
            // be one ulp from 0; near enough that a continuous φ′ moves by φ″·2e-9).
            let delta = 1e-9 * Swift.max(1, k.magnitude)
            let l = program.jet(k - delta).first, r = program.jet(k + delta).first
            return (l - r).magnitude > 1e-6 * Swift.max(l.magnitude, r.magnitude, 1)
        }
        (asymptoticGrowth, lower, upper) = growth(program)
        parity = symmetry(program)
    }

    /// Roots of f between consecutive scan points where f changes sign (and exact zeros
    /// at scan points where the sign differs on the two sides).
    static func signChanges(_ f: (Double) -> Double) throws -> [Double] {
        let xs = Self.scan
        var roots: [Double] = []
        var previous: (x: Double, f: Double)?
        for x in xs {
            let v = f(x)
            guard v.isFinite else { previous = nil; continue }
            if let p = previous, p.f != 0, v != 0, (p.f < 0) != (v < 0) {
                roots.append(try BracketingSolver().root(in: p.x, x) { t in f(t) })
            } else if v == 0, let p = previous, p.f != 0 {
                // Decide at the next scan point: record the zero if the sign flips across it.
                if let next = xs.first(where: { $0 > x }), f(next).isFinite, (p.f < 0) != (f(next) < 0), f(next) != 0 {
                    roots.append(x)
                }
            }
            if v != 0 { previous = (x, v) }
        }
        return roots
    }

    /// Kinks: roots of abs's argument, and where max's or min's arguments cross.
    func findKinks(_ nodes: [Node]) throws -> [Double] {
        var found: [Double] = []
        for n in nodes where n.op.isKinked {
            let argument: Node = n.op == .abs ? n.children[0] : Node(.subtract, n.children, column: n.column)
            let p = Program(argument)
            found += try Self.signChanges { p.value($0) }
        }
        found.sort()
        var unique: [Double] = []
        for k in found where unique.last.map({ (k - $0).magnitude > 1e-12 * Swift.max(1, k.magnitude) }) ?? true {
            unique.append(k)
        }
        guard unique.count <= 64 else {
            throw FormulaError("the formula has more than 64 kinks on the real line; the integrator splits at each", column: 1)
        }
        return unique
    }

    /// Poles and branch points on the real line: a division, or a negative integer
    /// power, of a function that is 0 or crosses 0; log (log1p) of a function that
    /// reaches 0 (−1) or goes below; sqrt or a fractional power of a function that goes
    /// negative. Checked on the scan and between its points (sign changes).
    func checkDomains(_ nodes: [Node]) throws {
        for n in nodes {
            let exponent: Double? = n.op == .power && n.children[1].op == .constant ? n.children[1].constant : nil
            let integerPower = exponent.map { $0.rounded() == $0 } ?? false
            let argument: Node, name: String, low: Double, touching: Bool
            switch n.op {
            case .divide: (argument, name, low, touching) = (n.children[1], "a division", 0, true)
            case .power where integerPower && (exponent ?? 0) < 0: (argument, name, low, touching) = (n.children[0], "a negative power", 0, true)
            case .power where integerPower: continue
            case .power: (argument, name, low, touching) = (n.children[0], "a fractional power", 0, false)
            case .log: (argument, name, low, touching) = (n.children[0], "log", 0, true)
            case .log1p: (argument, name, low, touching) = (n.children[0], "log1p", -1, true)
            case .sqrt: (argument, name, low, touching) = (n.children[0], "sqrt", 0, false)
            default: continue
            }
            let p = Program(argument)
            let twoSided = n.op == .divide || (n.op == .power && integerPower)
            for x in Self.scanNearestFirst {
                let v = p.value(x)
                let bad = twoSided ? v == 0 : (touching ? v <= low : v < low)
                if bad {
                    throw FormulaError("\(name) is not finite on the real line: its argument is \(short(v)) at x = \(short(x))", column: n.column)
                }
            }
            if let root = try Self.signChanges({ p.value($0) - low }).first {
                throw FormulaError(twoSided
                    ? "\(name) is not finite on the real line: it divides by 0 at x = \(short(root))"
                    : "\(name) is not finite on the real line: its argument falls below \(short(low)) at x = \(short(root))", column: n.column)
            }
        }
    }

    /// φ, φ′ and φ″ finite on the scan within `finiteRange` and one ulp either side of
    /// every kink; the first node that is not names the column.
    func checkFinite(_ nodes: [Node], _ program: Program) throws {
        var points = Self.scan.filter { $0.magnitude <= Self.finiteRange }
        for k in kinks { points += [k.nextDown, k.nextUp] }
        for x in points {
            let j = program.jet(x)
            guard !(j.value.isFinite && j.first.isFinite && j.second.isFinite) else { continue }
            let culprit = nodes.first { n in
                let jn = Program(n).jet(x)
                return !(jn.value.isFinite && jn.first.isFinite && jn.second.isFinite)
            }
            let which = !j.value.isFinite ? "φ" : (!j.first.isFinite ? "φ′" : "φ″")
            throw FormulaError("\(which) is not finite at x = \(short(x))", column: culprit?.column ?? 1)
        }
    }

    /// (a₊² + a₋²)/2 with a_± = lim φ(±X)/(±X), the range |x| ≤ R on which φ is finite
    /// on each side, and whether φ has saturated where it stops being finite.
    ///
    /// A bounded φ written with exp(2x) overflows at 355 though tanh does not, and
    /// softplus written log(1 + exp(x)) at 355 (its φ″ squares e^x) though it is x there:
    /// if φ is a straight line between R/2 and R (the same slope at both to 1e-12, the
    /// secant within 1e-9), φ is continued beyond R by its tangent at R (flat for tanh;
    /// x for x·e^{x²}·e^{−x²}, which overflows at 26.6), and that side adds the slope² to
    /// the growth. A φ that stops being finite while still curving (x²·e^{x²}·e^{−x²})
    /// counts as superlinear (+∞): the theory then refuses it rather than integrate NaN.
    /// Otherwise a_± is read at X = min(R, 1e7), and φ counts as superlinear when
    /// |φ(X)/X| still grows between X/100 and X.
    func growth(_ program: Program) -> (growth: Double, lower: Saturation?, upper: Saturation?) {
        var total = 0.0
        var ends: [Saturation?] = []
        for s in [1.0, -1.0] {
            var r = 0.0
            for x in Self.scan where x > 0 {
                let j = program.jet(s * x)
                guard j.value.isFinite, j.first.isFinite, j.second.isFinite else { break }
                r = x
            }
            if r < 1e8 {
                // φ″ itself is no test here: the jets of log(1 + e^x) cancel to rounding
                // in φ″ = u″/u − (u′/u)² just below the overflow. A straight line has the
                // same slope at R/2 and R, and its secant is that slope.
                let j = program.jet(s * r), half = program.jet(s * r / 2)
                let slopeScale = Swift.max(1, j.first.magnitude), scale = Swift.max(1, j.value.magnitude)
                let secant = j.value - half.value - j.first * (s * r / 2)
                guard (j.first - half.first).magnitude <= 1e-12 * slopeScale,
                      secant.magnitude <= 1e-9 * scale else { return (.infinity, nil, nil) }
                ends.append(Saturation(bound: s * r, value: j.value, slope: j.first))
                total += j.first * j.first
                continue
            }
            ends.append(nil)
            let big = 1e7, small = big / 100
            let rBig = program.value(s * big) / (s * big), rSmall = program.value(s * small) / (s * small)
            guard rBig.magnitude <= rSmall.magnitude * 1.01 + 1e-9 else { return (.infinity, nil, nil) }
            // The coefficient itself from as far out as φ stays finite (up to 1e150): at
            // 1e7 a bounded φ still shows (1/1e7)² = 1e-14, enough to refuse tanh(x) at
            // σw = 1e8, and sin(x)+x shows 1 + 2e-7 instead of 1.
            var far = big, rFar = rBig
            var x = 1e10
            while x <= 1e150 {
                let v = program.value(s * x)
                guard v.isFinite else { break }
                far = x
                rFar = v / (s * x)
                x *= 1e10
            }
            guard far == big || rFar.magnitude <= rBig.magnitude * 1.01 + 1e-9 else { return (.infinity, nil, nil) }
            total += rFar * rFar
        }
        return (total / 2, ends[1], ends[0])
    }

    /// Odd or even when φ(−x) = ∓φ(x) to rounding at every scan point within 32:
    /// |φ(−x) ± φ(x)| ≤ 64ε·max|φ(±x)| + 1e-15(1 + |x|). The absolute term admits a
    /// formula that is odd but computed with cancellation, (exp(2x) − 1)/(exp(2x) + 1)
    /// near 0 (relative noise 1e-8 at x = 1e-8, absolute 1e-16); integrating such a φ over
    /// half the line changes integrals by that much at most.
    func symmetry(_ program: Program) -> Formula.FormulaParity {
        let xs = Self.scan.filter { $0 > 0 && $0 <= 32 }
        func holds(_ sign: Double) -> Bool {
            xs.allSatisfy { x in
                let a = program.value(x), b = program.value(-x)
                guard a.isFinite, b.isFinite else { return false }
                return (b - sign * a).magnitude
                    <= 64 * Double.ulpOfOne * Swift.max(a.magnitude, b.magnitude) + 1e-15 * (1 + x)
            }
        }
        if program.value(0) == 0 && holds(-1) { return .odd }
        return holds(1) ? .even : .neither
    }
}

/// A number in at most 10 significant digits (error messages).
func short(_ x: Double) -> String { String(format: "%.10g", x) }

/// Where a formula stops being finite although φ is a straight line there (to
/// rounding): beyond `bound` (on its side of 0) φ continues as its tangent,
/// φ(x) = value + slope (x − bound), φ′ = slope, φ″ = 0.
public struct Saturation: Sendable, Equatable {
    public let bound: Double
    public let value: Double
    public let slope: Double

    public func value(at x: Double) -> Double { value + slope * (x - bound) }
}
