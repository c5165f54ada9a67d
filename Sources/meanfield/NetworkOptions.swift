import ArgumentParser
import MeanField

/// A command's defaults for the network flags: the experiment of the paper it reproduces
/// (the ordered σw = 2.5, the chaotic σw = 4, the spectrum's near-critical 1.05), and
/// what its `--depth` counts. Each flag is declared once, in the option groups below;
/// a command chooses its defaults by naming a `NetworkDefaults` type.
protocol NetworkDefaults {
    static var sigmaW: GridRange { get }
    static var sigmaB: GridRange { get }
    /// Whether --sigma-w and --sigma-b take START:STOP:COUNT grids (iterate, phase-diagram).
    static var grids: Bool { get }
    static var depth: Int { get }
    /// What --depth counts, for the help.
    static var depthMeaning: String { get }
    static var width: Int { get }
    /// What --width is the width of, for the help.
    static var widthMeaning: String { get }
    /// The σw the command accepts, for the help (the spectrum needs σw > 0).
    static var sigmaWAccepted: String { get }
}

extension NetworkDefaults {
    static var sigmaW: GridRange { GridRange(2.5) }
    static var sigmaB: GridRange { GridRange(0.3) }
    static var grids: Bool { false }
    static var depth: Int { 30 }
    static var depthMeaning: String { "Number of layers" }
    static var width: Int { 1000 }
    static var widthMeaning: String { "Width N of every layer" }
    static var sigmaWAccepted: String { ">= 0" }
}

/// σw = 2.5, σb = 0.3: the paper's chaotic featured point of §3 (the default everywhere).
enum StandardDefaults: NetworkDefaults {}

/// σw = 4, σb = 0.3: the strongly chaotic nets of §4–5 (boundary curvature, expressivity).
enum ChaoticDefaults: NetworkDefaults {
    static var sigmaW: GridRange { GridRange(4) }
}

/// `--sigma-w` and `--sigma-b` (standard deviations, >= 0 and below 1e75; grids where
/// `D.grids`): their help and parsers, declared once for `NetworkOptions` and `SigmaBOption`.
enum SigmaFlags<D: NetworkDefaults> {
    static var sigmaWHelp: ArgumentHelp {
        ArgumentHelp(D.grids ? "Weight standard deviation σw (\(D.sigmaWAccepted)), or a grid START:STOP:COUNT."
                             : "Weight standard deviation σw (\(D.sigmaWAccepted)).", valueName: "sigma-w")
    }
    static var sigmaBHelp: ArgumentHelp {
        ArgumentHelp(D.grids ? "Bias standard deviation σb (>= 0), or a grid START:STOP:COUNT."
                             : "Bias standard deviation σb (>= 0).", valueName: "sigma-b")
    }
    static func parser(_ flag: String) -> @Sendable (String) throws -> GridRange {
        D.grids ? OptionValue.grid(flag) : OptionValue.single(flag)
    }
}

/// `--sigma-b` alone (`boundary`, which takes no σw).
struct SigmaBOption<D: NetworkDefaults>: ParsableArguments {
    @Option(name: .customLong("sigma-b"), parsing: .unconditional, help: SigmaFlags<D>.sigmaBHelp,
            parsedBy: SigmaFlags<D>.parser("--sigma-b"))
    var sigmaB: GridRange = D.sigmaB

    func validate() throws { try check(sigmaB, flag: "--sigma-b") }
}

/// Every value of a σ flag within `Network`'s limits.
private func check(_ r: GridRange, flag: String) throws {
    do {
        try Network.check(sigma: r.start, flag: flag)
        try Network.check(sigma: r.stop, flag: flag)
    } catch let error as ModelError { throw ValidationError(error.description) }
}

/// φ, σw and σb of one network: the flags every command that describes a network shares.
/// The three are options of this group itself, not groups within it: swift-argument-parser
/// validates a group each time its parent's validators look at it (four times a level in
/// a debug build), so nested groups made every debug `meanfield` process spend 277M
/// instructions parsing `fixed-point`'s flags, flat ones 161M (callgrind; the test suite
/// starts ~1200 of them).
struct NetworkOptions<D: NetworkDefaults>: ParsableArguments {
    @Option(parsing: .unconditional, help: PhiOption.help, shown: "tanh", parsedBy: PhiOption.parser)
    var phi: Nonlinearity = .tanh
    @Option(name: .customLong("sigma-w"), parsing: .unconditional, help: SigmaFlags<D>.sigmaWHelp,
            parsedBy: SigmaFlags<D>.parser("--sigma-w"))
    var sigmaWGrid: GridRange = D.sigmaW
    @Option(name: .customLong("sigma-b"), parsing: .unconditional, help: SigmaFlags<D>.sigmaBHelp,
            parsedBy: SigmaFlags<D>.parser("--sigma-b"))
    var sigmaBGrid: GridRange = D.sigmaB

    func validate() throws {
        try check(sigmaWGrid, flag: "--sigma-w")
        try check(sigmaBGrid, flag: "--sigma-b")
    }

    /// The single σw (the grid's first value where grids are taken: see `sigmaWGrid`).
    var sigmaW: Double { sigmaWGrid.start }
    var sigmaB: Double { sigmaBGrid.start }

    /// The network these flags describe, at `depth` with `weights` and `architecture`.
    func network(depth: Int = 1, weights: WeightEnsemble = .gaussian, architecture: Architecture = .plain) throws -> Network {
        try Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, weights: weights, depth: depth, architecture: architecture)
    }

    /// The same φ at another (σw, σb) of the grid.
    func network(sigmaW: Double, sigmaB: Double, depth: Int = 1, architecture: Architecture = .plain) throws -> Network {
        try Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, depth: depth, architecture: architecture)
    }

    /// The mean-field model of these flags.
    func model(architecture: Architecture = .plain) throws -> MeanFieldModel {
        MeanFieldModel(network: try network(architecture: architecture))
    }

    var fields: [(key: String, value: Value)] {
        [Quantity.phi(.text(phi.name)), Quantity.sigmaW(.real(sigmaW)), Quantity.sigmaB(.real(sigmaB))]
    }
}

/// `--depth`, within `Network.depths`; what it counts and its default are the command's.
struct DepthOption<D: NetworkDefaults>: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("\(D.depthMeaning) (\(Network.depths.lowerBound)…\(Network.depths.upperBound))."),
            parsedBy: OptionValue.integer("--depth"))
    var depth: Int = D.depth

    func validate() throws {
        do { try Network.check(depth: depth) } catch let error as ModelError { throw ValidationError(error.description) }
    }
}

/// `--width` N of a simulated network, within `Network.widths`.
struct WidthOption<D: NetworkDefaults>: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("\(D.widthMeaning) (\(Network.widths.lowerBound)…\(Network.widths.upperBound))."),
            parsedBy: OptionValue.integer("--width"))
    var width: Int = D.width

    func validate() throws {
        do { try Network.check(width: width) } catch let error as ModelError { throw ValidationError(error.description) }
    }
}

/// `--weights gaussian|orthogonal`.
struct WeightsOption: ParsableArguments {
    @Option(help: "Weight ensemble: gaussian or orthogonal.")
    var weights: WeightEnsemble = .gaussian
}
