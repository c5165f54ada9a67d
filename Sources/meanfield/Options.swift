import ArgumentParser
import Foundation
import MeanField

extension Nonlinearity: ExpressibleByArgument {
    public init?(argument: String) {
        guard let phi = Nonlinearity.named(argument) else { return nil }
        self = phi
    }
    public static var allValueStrings: [String] { Nonlinearity.all.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension Format: ExpressibleByArgument {}

struct PhiOption: ParsableArguments {
    @Option(help: ArgumentHelp("Nonlinearity φ.", valueName: "name"))
    var phi: Nonlinearity = .tanh
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: gnuplot (whitespace columns), csv or json (one document).")
    var format: Format = .gnuplot

    /// Prints the table; a failed write ends the process with one line and status 1.
    func emit(_ table: Table) {
        StandardOutput.print(table.render(format))
    }

    /// Several tables as one document (`Table.render(_:_:)`).
    func emit(_ tables: [Table]) {
        StandardOutput.print(Table.render(tables, format))
    }
}

/// φ, σw, σb of one network.
struct ModelOptions: ParsableArguments {
    @OptionGroup var phiOption: PhiOption

    @Option(name: .customLong("sigma-w"), parsing: .unconditional, help: "Weight standard deviation σw (>= 0).")
    var sigmaW: Double = 2.5

    @Option(name: .customLong("sigma-b"), parsing: .unconditional, help: "Bias standard deviation σb (>= 0).")
    var sigmaB: Double = 0.3

    var phi: Nonlinearity { phiOption.phi }

    func validate() throws {
        try checkSigma(sigmaW, flag: "--sigma-w")
        try checkSigma(sigmaB, flag: "--sigma-b")
    }

    func model() throws -> MeanFieldModel {
        try MeanFieldModel(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB)
    }

    var fields: [(key: String, value: Value)] {
        [("phi", .text(phi.name)), ("sigma_w", .real(sigmaW)), ("sigma_b", .real(sigmaB))]
    }
}

func checkSigma(_ x: Double, flag: String) throws {
    guard x.isFinite, x >= 0, x < 1e75 else {
        throw ValidationError("\(flag) must be a finite number >= 0 (and below 1e75), got \(x)")
    }
}

func checkRange(_ r: GridRange, flag: String, within: ClosedRange<Double>? = nil, what: String = "") throws {
    guard let within else { return }
    for v in [r.start, r.stop] where !within.contains(v) {
        throw ValidationError("\(flag) values must lie in [\(within.lowerBound), \(within.upperBound)]\(what), got \(v)")
    }
}

/// φ, σw, σb for the paper's §4–5 experiments, which default to the chaotic σw = 4.
struct ChaoticModelOptions: ParsableArguments {
    @OptionGroup var phiOption: PhiOption
    @Option(name: .customLong("sigma-w"), parsing: .unconditional, help: "Weight standard deviation σw (>= 0).")
    var sigmaW: Double = 4
    @Option(name: .customLong("sigma-b"), parsing: .unconditional, help: "Bias standard deviation σb (>= 0).")
    var sigmaB: Double = 0.3

    var phi: Nonlinearity { phiOption.phi }

    func validate() throws {
        try checkSigma(sigmaW, flag: "--sigma-w")
        try checkSigma(sigmaB, flag: "--sigma-b")
    }
}
