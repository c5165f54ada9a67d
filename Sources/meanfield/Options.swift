import ArgumentParser
import Foundation
import MeanField

/// `--phi TEXT`: a built-in name, or else a formula in x. A formula that does not
/// parse or is not finite on the real line is one line naming the column:
/// `--phi 'x*tanh(' : expected an expression at column 8`.
func parsePhi(_ text: String) throws -> Nonlinearity {
    // Echoed in messages: long formulas are cut to 80 characters.
    let shown = text.count > 80 ? String(text.prefix(77)) + "…" : text
    do {
        if let builtIn = Nonlinearity.named(text.trimmingCharacters(in: .whitespaces)) { return builtIn }
        let formula = try Formula(text)
        if !formula.singularitiesComplete {
            OptionNotes.add("--phi '\(shown)': erf or erfc inside a singular function hides where φ's complex singularities are; "
                 + "the integrals' accuracy is what the *_error values say")
        }
        return try Nonlinearity(formula: formula)
    } catch let error as FormulaError {
        // A lone word is more likely a misspelt name than a formula.
        if text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            let names = Nonlinearity.all.map(\.name).joined(separator: ", ")
            throw PhiError(message: "--phi '\(shown)' : not a built-in nonlinearity (\(names)) nor a formula in x (\(error))")
        }
        throw PhiError(message: "--phi '\(shown)' : \(error)")
    }
}

/// A refused `--phi`, reported exactly as its message.
struct PhiError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension Format: ExpressibleByArgument {}

struct PhiOption: ParsableArguments {
    static let help = ArgumentHelp(
        "Nonlinearity φ: \(Nonlinearity.all.map(\.name).joined(separator: ", ")), or a formula in x, "
        + "e.g. 'x*tanh(log(1+exp(x)))' (numbers, + - * / ^, parentheses, exp log log1p expm1 sqrt tanh sinh cosh "
        + "sin cos atan erf erfc abs sigmoid softplus max min, pi, e).",
        valueName: "name|formula")
    static let parser = OptionValue.parsed("--phi", parsePhi)
    /// Unconditional, so that a formula may start with a minus (`--phi -x`).
    @Option(parsing: .unconditional, help: PhiOption.help, shown: "tanh", parsedBy: PhiOption.parser)
    var phi: Nonlinearity = .tanh
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: gnuplot (whitespace columns), csv or json (one document).")
    var format: Format = .gnuplot

    /// Prints the table (in `format` when given, else `--format`); a failed write ends
    /// the process with one line and status 1.
    func emit(_ table: Table, format override: Format? = nil) {
        StandardOutput.print(table.render(override ?? format))
    }

    /// Several tables as one document (`Table.render(_:_:)`).
    func emit(_ tables: [Table]) {
        StandardOutput.print(Table.render(tables, format))
    }
}

/// `--seed`, the same flag in every command that draws random numbers (simulate,
/// boundary-curvature, expressivity, spectrum): UInt64, so a negative or fractional seed
/// is refused by the parser.
struct SeedOption: ParsableArguments {
    static let help: ArgumentHelp = "Seed of the random numbers (a non-negative integer)."
    static let parser: @Sendable (String) throws -> UInt64 = { text in
        guard let s = UInt64(text) else {
            throw OptionRefusal("--seed must be an integer in [0, 18446744073709551615], got '\(text)'")
        }
        return s
    }
    @Option(parsing: .unconditional, help: SeedOption.help, parsedBy: SeedOption.parser)
    var seed: UInt64 = 1
}

func checkRange(_ r: GridRange, flag: String, within: ClosedRange<Double>? = nil, what: String = "") throws {
    guard let within else { return }
    for v in [r.start, r.stop] where !within.contains(v) {
        throw ValidationError("\(flag) values must lie in [\(within.lowerBound), \(within.upperBound)]\(what), got \(v)")
    }
}
