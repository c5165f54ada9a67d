import Numerical

/// Why a formula was refused: what is wrong and the column (1-based) of the formula
/// text where it is, e.g. `expected an expression at column 8` for `x*tanh(`.
public struct FormulaError: ReportableError, Equatable {
    public let message: String
    public let column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    public var description: String { "\(message) at column \(column)" }
}

/// A recursive-descent parser for formulas in x (CLI.md, `--phi EXPR`):
///
///     sum     = product { ("+" | "-") product }
///     product = unary { ("*" | "/") unary }
///     unary   = ("-" | "+") unary | power
///     power   = atom [ ("^" | "**") unary ]          (right-associative: 2^-x, x^2^3)
///     atom    = number | "x" | "pi" | name "(" sum { "," sum } ")" | "(" sum ")"
///
/// so `-x^2` is −(x²), as in mathematics. Numbers are decimal, with an optional
/// exponent (`1.702`, `.5`, `1e-3`). Names: the functions of `Operation.unary` and
/// `Operation.binary` (max, min) and the constants pi and e.
struct Parser {
    let characters: [Character]
    var index = 0

    init(_ text: String) { characters = Array(text) }

    var column: Int { index + 1 }

    /// Bounds that keep the work of a formula small (activations are short): its
    /// length, and how deep parentheses and operators nest (the parser recurses, and
    /// every analysis walks the tree).
    static let maximumLength = 1000
    static let maximumDepth = 64
    /// Nesting of parentheses and calls (sum), and of unary operators and powers
    /// within them (unary), as the recursion goes.
    var depth = 0
    var chain = 0

    static func parse(_ text: String) throws -> Node {
        guard text.count <= maximumLength else {
            throw FormulaError("the formula is \(text.count) characters long; at most \(maximumLength) are accepted", column: maximumLength + 1)
        }
        var p = Parser(text)
        p.skipSpace()
        let node = try p.sum()
        p.skipSpace()
        if p.index < p.characters.count {
            let c = p.characters[p.index]
            if c.isLetter || c.isNumber || c == "(" || c == "." {
                throw FormulaError("expected an operator (+ - * / ^) before '\(c)' (write 2*x, not 2x)", column: p.column)
            }
            throw FormulaError("unexpected '\(c)'", column: p.column)
        }
        return node
    }

    mutating func skipSpace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    mutating func peek(_ s: String) -> Bool {
        skipSpace()
        let chars = Array(s)
        guard index + chars.count <= characters.count else { return false }
        return Array(characters[index..<(index + chars.count)]) == chars
    }

    mutating func sum() throws -> Node {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw FormulaError("the formula nests deeper than \(Self.maximumDepth) levels", column: column)
        }
        var left = try product()
        while true {
            let col = column
            if peek("+") { index += 1; left = Node(.add, [left, try product()], column: col) }
            else if peek("-") { index += 1; left = Node(.subtract, [left, try product()], column: col) }
            else { return left }
        }
    }

    mutating func product() throws -> Node {
        var left = try unary()
        while true {
            let col = column
            if peek("*") { index += 1; left = Node(.multiply, [left, try unary()], column: col) }
            else if peek("/") { index += 1; left = Node(.divide, [left, try unary()], column: col) }
            else { return left }
        }
    }

    mutating func unary() throws -> Node {
        chain += 1
        defer { chain -= 1 }
        guard chain <= 4 * Self.maximumDepth else {
            throw FormulaError("the formula nests deeper than \(Self.maximumDepth) levels", column: column)
        }
        let col = column
        if peek("-") { index += 1; return Node(.negate, [try unary()], column: col) }
        if peek("+") { index += 1; return try unary() }
        return try power()
    }

    mutating func power() throws -> Node {
        let base = try atom()
        let col = column
        if peek("**") { index += 2; return Node(.power, [base, try unary()], column: col) }
        if peek("^") { index += 1; return Node(.power, [base, try unary()], column: col) }
        return base
    }

    mutating func atom() throws -> Node {
        skipSpace()
        let col = column
        guard index < characters.count else { throw FormulaError("expected an expression", column: col) }
        let c = characters[index]
        if c == "(" {
            index += 1
            let inner = try sum()
            try expect(")", opened: col)
            return inner
        }
        if c.isNumber || c == "." { return try number() }
        if c.isLetter || c == "_" {
            var name = ""
            while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                name.append(characters[index])
                index += 1
            }
            return try named(name, column: col)
        }
        throw FormulaError(c == ")" ? "expected an expression before ')'" : "expected an expression, found '\(c)'", column: col)
    }

    mutating func number() throws -> Node {
        let col = column
        var text = ""
        func digits() { while index < characters.count, characters[index].isASCII, characters[index].isNumber { text.append(characters[index]); index += 1 } }
        digits()
        if index < characters.count, characters[index] == "." { text.append("."); index += 1; digits() }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            // An exponent only if digits follow (so that `2e` is not silently 2).
            var j = index + 1
            if j < characters.count, characters[j] == "+" || characters[j] == "-" { j += 1 }
            if j < characters.count, characters[j].isASCII, characters[j].isNumber {
                text += String(characters[index..<j])
                index = j
                digits()
            }
        }
        guard let value = Double(text), value.isFinite else {
            throw FormulaError("'\(text)' is not a finite number", column: col)
        }
        return Node(.constant, constant: value, column: col)
    }

    mutating func named(_ name: String, column col: Int) throws -> Node {
        let lower = name.lowercased()
        if lower == "x" { return Node(.variable, column: col) }
        if lower == "pi" { return Node(.constant, constant: .pi, column: col) }
        if lower == "e" && !peek("(") { return Node(.constant, constant: 2.718_281_828_459_045_235_36, column: col) }
        let op = lower == "ln" ? Operation.log : Operation(rawValue: lower)
        guard let op, Operation.unary.contains(op) || Operation.binary.contains(op) else {
            let known = (["x", "pi", "e"] + (Operation.unary + Operation.binary).map(\.rawValue)).joined(separator: ", ")
            throw FormulaError("unknown name '\(name)' (known: \(known))", column: col)
        }
        guard peek("(") else { throw FormulaError("expected '(' after \(lower)", column: column) }
        index += 1
        var arguments = [try sum()]
        while peek(",") {
            index += 1
            arguments.append(try sum())
        }
        try expect(")", opened: col)
        let wanted = Operation.binary.contains(op) ? 2 : 1
        guard arguments.count == wanted else {
            throw FormulaError("\(lower) takes \(wanted) argument\(wanted == 1 ? "" : "s"), got \(arguments.count)", column: col)
        }
        return Node(op, arguments, column: col)
    }

    mutating func expect(_ close: Character, opened: Int) throws {
        skipSpace()
        guard index < characters.count else {
            throw FormulaError("expected '\(close)' (for the '(' at column \(opened))", column: column)
        }
        guard characters[index] == close else {
            throw FormulaError("expected '\(close)' or an operator, found '\(characters[index])'", column: column)
        }
        index += 1
    }
}
