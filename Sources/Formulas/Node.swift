/// One node of a parsed formula in `x`: an operation, its operands, and the column
/// (1-based) of the formula text it came from, so that errors can point at it.
public struct Node: Sendable, Equatable {
    public var op: Operation
    public var children: [Node]
    /// The number, for `.constant`.
    public var constant: Double
    public var column: Int

    public init(_ op: Operation, _ children: [Node] = [], constant: Double = 0, column: Int) {
        self.op = op
        self.children = children
        self.constant = constant
        self.column = column
    }

    /// The formula in a canonical, fully parenthesised form: equal keys mean equal
    /// functions of x (used to share common subexpressions).
    public var key: String {
        switch op {
        case .variable: return "x"
        case .constant: return "\(constant)"
        case .negate: return "(-\(children[0].key))"
        case .add, .subtract, .multiply, .divide, .power:
            return "(\(children[0].key)\(op.rawValue)\(children[1].key))"
        default: return "\(op.rawValue)(" + children.map(\.key).joined(separator: ",") + ")"
        }
    }

    /// Every node of the tree, children before parents.
    public var postorder: [Node] { children.flatMap(\.postorder) + [self] }
}

/// What a node computes. Functions are named as in the formula text.
public enum Operation: String, Sendable, CaseIterable {
    case variable = "x", constant = "#"
    case negate = "neg", add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case exp, expm1, log, log1p, sqrt, tanh, sinh, cosh, sin, cos, atan, erf, erfc, abs, sigmoid, softplus
    case max, min

    /// Functions of one argument, by name.
    public static let unary: [Operation] = [
        .exp, .expm1, .log, .log1p, .sqrt, .tanh, .sinh, .cosh, .sin, .cos, .atan, .erf, .erfc, .abs, .sigmoid, .softplus,
    ]
    /// Functions of two arguments, by name.
    public static let binary: [Operation] = [.max, .min]

    /// φ is not differentiable where these change branch: abs at a root of its
    /// argument, max and min where their arguments are equal.
    var isKinked: Bool { self == .abs || self == .max || self == .min }
}
