import Foundation

/// A formula compiled once into a flat program: one instruction per distinct
/// subexpression (shared: `exp(2*x)` in tanh's `(exp(2*x)-1)/(exp(2*x)+1)` is computed
/// once), in an order where operands come first, constants folded. Evaluation walks the
/// instructions over a small stack-allocated register file: no tree walk, no allocation
/// per call. `values(_:)` runs eight arguments per instruction (SIMD lanes), which is
/// what the simulation's elementwise pass uses.
public struct Program: Sendable {
    struct Instruction: Sendable {
        var op: Operation
        var a: Int
        var b: Int
        var constant: Double
        /// For `.power` with a constant exponent: the exponent (else nil, the general
        /// u^v = exp(v log u)).
        var exponent: Double?
    }

    let instructions: [Instruction]

    /// Compiles `node`. Subtrees without x must already be folded (`Formula` does it).
    init(_ node: Node) {
        var list: [Instruction] = []
        var slots: [String: Int] = [:]
        func emit(_ n: Node) -> Int {
            let key = n.key
            if let s = slots[key] { return s }
            let operands = n.children.map(emit)
            var ins = Instruction(op: n.op, a: operands.first ?? 0, b: operands.count > 1 ? operands[1] : 0,
                                  constant: n.constant, exponent: nil)
            if n.op == .power, n.children[1].op == .constant { ins.exponent = n.children[1].constant }
            list.append(ins)
            slots[key] = list.count - 1
            return list.count - 1
        }
        _ = emit(node)
        instructions = list
    }

    var count: Int { instructions.count }

    /// φ(x).
    public func value(_ x: Double) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { r in
            for (i, ins) in instructions.enumerated() {
                let u = r[ins.a]
                switch ins.op {
                case .variable: r[i] = x
                case .constant: r[i] = ins.constant
                case .add: r[i] = u + r[ins.b]
                case .subtract: r[i] = u - r[ins.b]
                case .multiply: r[i] = u * r[ins.b]
                case .divide: r[i] = u / r[ins.b]
                case .power: r[i] = ins.exponent.map { Foundation.pow(u, $0) } ?? Foundation.pow(u, r[ins.b])
                case .max: r[i] = Swift.max(u, r[ins.b])
                case .min: r[i] = Swift.min(u, r[ins.b])
                default: r[i] = ins.op.apply(u)
                }
            }
            return r[count - 1]
        }
    }

    /// (φ(x), φ′(x), φ″(x)).
    ///
    /// At a kink (the arguments of max or min equal, the argument of abs zero) φ′ and φ″
    /// are the one-sided limits from the side of x away from 0, and for x = ±0 from the
    /// side of its sign: the branch taken is the one that wins just beyond x on that
    /// side, by first and then second derivative (`Self.side`). That also decides
    /// parts that round onto their kink near it (exp(x) − 1 = 0 = min's other argument
    /// at x = 1e-300), so φ′(±1e-300) are φ′(0±), the values the theory's q → 0 limit
    /// and the simulation at q* = 0 average.
    public func jet(_ x: Double) -> Jet {
        let side = Self.side(x)
        return withUnsafeTemporaryAllocation(of: Jet.self, capacity: count) { r in
            for (i, ins) in instructions.enumerated() {
                let u = r[ins.a]
                let out: Jet
                switch ins.op {
                case .variable: out = .variable(x)
                case .constant: out = .constant(ins.constant)
                case .add: out = u + r[ins.b]
                case .subtract: out = u - r[ins.b]
                case .multiply: out = u * r[ins.b]
                case .divide: out = u / r[ins.b]
                case .power: out = Self.power(u, r[ins.b], exponent: ins.exponent)
                case .max: out = Self.larger(u, r[ins.b], side: side)
                case .min: out = Self.smaller(u, r[ins.b], side: side)
                case .abs where u.value == 0: out = Self.absoluteAtZero(u, side: side)
                default:
                    let (h, h1, h2) = ins.op.derivatives(u.value)
                    out = u.composed(h, h1, h2)
                }
                r[i] = out
            }
            return r[count - 1]
        }
    }

    /// +1 or −1: the side of x from which kinks at x are approached (see `jet`).
    @inline(__always)
    static func side(_ x: Double) -> Double { x.sign == .minus ? -1 : 1 }

    /// The branch of max(u, w) just beyond x on `side` (±1): the larger value, or where
    /// the values are equal, the larger side·first derivative, then second derivative.
    @inline(__always)
    static func larger(_ u: Jet, _ w: Jet, side: Double) -> Jet {
        if u.value != w.value { return u.value >= w.value ? u : w }
        let du = side * u.first, dw = side * w.first
        if du != dw { return du > dw ? u : w }
        return u.second >= w.second ? u : w
    }

    /// The branch of min(u, w) just beyond x on `side`, as `larger` with the order reversed.
    @inline(__always)
    static func smaller(_ u: Jet, _ w: Jet, side: Double) -> Jet {
        if u.value != w.value { return u.value <= w.value ? u : w }
        let du = side * u.first, dw = side * w.first
        if du != dw { return du < dw ? u : w }
        return u.second <= w.second ? u : w
    }

    /// |u| where u = 0: max(u, −u) just beyond x on `side`, with the value +0.
    @inline(__always)
    static func absoluteAtZero(_ u: Jet, side: Double) -> Jet {
        var out = larger(u, -u, side: side)
        out.value = 0
        return out
    }

    /// u^v: with a constant exponent c, (u^c)′ = c u^{c−1} u′ and
    /// (u^c)″ = c(c−1) u^{c−2} u′² + c u^{c−1} u″ (terms with a zero factor dropped, so
    /// x^2 at 0 has φ″ = 2, not NaN); otherwise exp(v log u).
    @inline(__always)
    static func power(_ u: Jet, _ v: Jet, exponent c: Double?) -> Jet {
        guard let c else {
            let (l, l1, l2) = Operation.log.derivatives(u.value)
            let w = v * u.composed(l, l1, l2)
            let e = Foundation.pow(u.value, v.value)  // = exp(w), as `value(_:)` computes it
            return w.composed(e, e, e)
        }
        if c == 0 { return .constant(1) }
        let p = Foundation.pow(u.value, c)
        let p1 = c == 1 ? 1 : c * Foundation.pow(u.value, c - 1)
        let p2 = c == 1 ? 0 : c * (c - 1) * Foundation.pow(u.value, c - 2)
        return u.composed(p, p1, p2)
    }

    /// (φ, φ′, φ″) for eight arguments at once: the arithmetic runs on SIMD lanes, the
    /// transcendental functions lane by lane.
    public func jets(_ x: SIMD8<Double>) -> (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>) {
        typealias V = SIMD8<Double>
        return withUnsafeTemporaryAllocation(of: V.self, capacity: 3 * count) { r in
            // r[3i], r[3i+1], r[3i+2]: value, first and second derivative of slot i.
            for (i, ins) in instructions.enumerated() {
                let a = 3 * ins.a, b = 3 * ins.b
                var v = V.zero, d = V.zero, dd = V.zero
                switch ins.op {
                case .variable: v = x; d = V(repeating: 1)
                case .constant: v = V(repeating: ins.constant)
                case .add: v = r[a] + r[b]; d = r[a + 1] + r[b + 1]; dd = r[a + 2] + r[b + 2]
                case .subtract: v = r[a] - r[b]; d = r[a + 1] - r[b + 1]; dd = r[a + 2] - r[b + 2]
                case .multiply, .divide, .power, .max, .min:
                    // Lane by lane through the scalar jets (zero-factor rules included).
                    for l in 0..<8 {
                        let u = Jet(r[a][l], r[a + 1][l], r[a + 2][l]), w = Jet(r[b][l], r[b + 1][l], r[b + 2][l])
                        let o: Jet
                        switch ins.op {
                        case .multiply: o = u * w
                        case .divide: o = u / w
                        case .power: o = Self.power(u, w, exponent: ins.exponent)
                        case .max: o = Self.larger(u, w, side: Self.side(x[l]))
                        default: o = Self.smaller(u, w, side: Self.side(x[l]))
                        }
                        v[l] = o.value; d[l] = o.first; dd[l] = o.second
                    }
                default:
                    for l in 0..<8 {
                        let u = Jet(r[a][l], r[a + 1][l], r[a + 2][l])
                        let o: Jet
                        if ins.op == .abs && u.value == 0 {
                            o = Self.absoluteAtZero(u, side: Self.side(x[l]))
                        } else {
                            let (h, h1, h2) = ins.op.derivatives(u.value)
                            o = u.composed(h, h1, h2)
                        }
                        v[l] = o.value; d[l] = o.first; dd[l] = o.second
                    }
                }
                r[3 * i] = v
                r[3 * i + 1] = d
                r[3 * i + 2] = dd
            }
            let last = 3 * (count - 1)
            return (r[last], r[last + 1], r[last + 2])
        }
    }
}
