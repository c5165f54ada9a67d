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

/// `--sigma-w` (a standard deviation, >= 0 and below 1e75; a grid where `D.grids`).
struct SigmaWOption<D: NetworkDefaults>: ParsableArguments {
    @Option(name: .customLong("sigma-w"), parsing: .unconditional,
            help: ArgumentHelp(D.grids ? "Weight standard deviation σw (\(D.sigmaWAccepted)), or a grid START:STOP:COUNT."
                                       : "Weight standard deviation σw (\(D.sigmaWAccepted)).", valueName: "sigma-w"),
            parsedBy: D.grids ? OptionValue.grid("--sigma-w") : OptionValue.single("--sigma-w"))
    var sigmaW: GridRange = D.sigmaW

    func validate() throws { try check(sigmaW, flag: "--sigma-w") }
}

/// `--sigma-b` (a standard deviation, >= 0 and below 1e75; a grid where `D.grids`).
struct SigmaBOption<D: NetworkDefaults>: ParsableArguments {
    @Option(name: .customLong("sigma-b"), parsing: .unconditional,
            help: ArgumentHelp(D.grids ? "Bias standard deviation σb (>= 0), or a grid START:STOP:COUNT."
                                       : "Bias standard deviation σb (>= 0).", valueName: "sigma-b"),
            parsedBy: D.grids ? OptionValue.grid("--sigma-b") : OptionValue.single("--sigma-b"))
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
struct NetworkOptions<D: NetworkDefaults>: ParsableArguments {
    @OptionGroup var phiOption: PhiOption
    @OptionGroup var sigmaWOption: SigmaWOption<D>
    @OptionGroup var sigmaBOption: SigmaBOption<D>

    var phi: Nonlinearity { phiOption.phi }
    /// The single σw (the grid's first value where grids are taken: see `sigmaWGrid`).
    var sigmaW: Double { sigmaWOption.sigmaW.start }
    var sigmaB: Double { sigmaBOption.sigmaB.start }
    var sigmaWGrid: GridRange { sigmaWOption.sigmaW }
    var sigmaBGrid: GridRange { sigmaBOption.sigmaB }

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
