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

/// START:STOP:COUNT, inclusive of both ends (COUNT ≥ 1); a single number is a range of one.
struct GridRange: CustomStringConvertible, Sendable {
    let start: Double
    let stop: Double
    let count: Int

    init(start: Double, stop: Double, count: Int) {
        self.start = start
        self.stop = stop
        self.count = count
    }

    /// Parses START:STOP:COUNT; the error names what is accepted.
    static func parse(_ argument: String) throws -> GridRange {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, let x = Double(parts[0]), x.isFinite {
            return GridRange(start: x, stop: x, count: 1)
        }
        let accepted = "expected START:STOP:COUNT with finite numbers and an integer COUNT >= 1, e.g. 1:5:41"
        guard parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]),
              a.isFinite, b.isFinite else { throw RangeError(text: accepted) }
        guard let n = Int(parts[2]), n >= 1 else {
            throw RangeError(text: "COUNT must be an integer >= 1 (\(accepted))")
        }
        guard n <= 10_000_000 else { throw RangeError(text: "COUNT must be at most 10000000") }
        if n == 1 && a != b { throw RangeError(text: "COUNT = 1 needs START = STOP") }
        return GridRange(start: a, stop: b, count: n)
    }

    struct RangeError: Error, CustomStringConvertible {
        let text: String
        var description: String { text }
    }

    var values: [Double] {
        count == 1 ? [start] : (0..<count).map { k in
            k == count - 1 ? stop : start + (stop - start) * Double(k) / Double(count - 1)
        }
    }

    var description: String { "\(start):\(stop):\(count)" }
}

struct PhiOption: ParsableArguments {
    @Option(help: ArgumentHelp("Nonlinearity φ.", valueName: "name"))
    var phi: Nonlinearity = .tanh
}

struct FormatOption: ParsableArguments {
    @Option(help: "Output format: gnuplot (whitespace columns), csv or json (one document).")
    var format: Format = .gnuplot

    func emit(_ table: Table) {
        FileHandle.standardOutput.write(Data(table.render(format).utf8))
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

/// A progress line on stderr, shown only when stderr is a terminal.
struct Progress: Sendable {
    let label: String
    let total: Int
    static var enabled: Bool { isatty(STDERR_FILENO) != 0 }

    func update(_ done: Int) {
        guard Self.enabled else { return }
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let end = done >= total ? "\n" : ""
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)\(end)".utf8))
    }
}
