import ArgumentParser
import MeanField

struct TransformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "DKS and TAT activation transforms φ̂(x) = δ(φ(αx+β)+γ) for an MLP or the DKS paper's modified ResNet.",
        discussion: """
            DKS holds Q(1) = 1, C(0) = 0, Q'(1) = --q-slope and C'(1) = ζ_local with the network's maximal \
            slope function M(ζ_local) = --zeta; TAT (smooth φ) holds Q(1) = Q'(1) = C'(1) = 1 and C''(1) = τ_local \
            with M(τ_local) = --tau; TAT with --phi leaky-relu picks the negative slope whose largest C_f(0) is \
            --eta. Every solution in the search region (α in (0, 4], |β| <= 4, TAT: |γ + φ(β)| <= 4) is listed, \
            the one to use first: dks's acceptance test for TAT (α·δ < 2), then the smallest |β|, then β > 0. \
            formula is φ̂ as --phi reads it; residual the largest condition residual.
            """)

    @OptionGroup var phiOption: PhiOption
    @Option(help: "Transform: dks or tat.")
    var method: TransformMethod = .dks
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Network: mlp:L (L nonlinear layers) or resnet:B1,B2,... (blocks per group; resnet:3,4,23,3 is ResNet-101).",
                               valueName: "network"))
    var network: String
    @Option(name: .customLong("shortcut-weight"), parsing: .unconditional,
            help: "Shortcut weight w of the resnet, 0 <= w < 1 (default: 0.6)", transform: OptionValue.finite("--shortcut-weight", accepted: "a shortcut weight in [0, 1)"))
    var shortcutWeight: Double?
    @Option(parsing: .unconditional, help: "DKS: the network's largest C'_f(1), > 1 (default: 1.5)",
            transform: OptionValue.finite("--zeta", accepted: "a number > 1"))
    var zeta: Double?
    @Option(name: .customLong("q-slope"), parsing: .unconditional, help: "DKS: the local Q'(1), > 0 (default: 1)",
            transform: OptionValue.finite("--q-slope", accepted: "a number > 0"))
    var qSlope: Double?
    @Option(parsing: .unconditional, help: "TAT (smooth φ): the network's largest C''_f(1), > 0 (default: 0.3)",
            transform: OptionValue.finite("--tau", accepted: "a number > 0"))
    var tau: Double?
    @Option(parsing: .unconditional, help: "TAT (leaky relu): the network's largest C_f(0), in [0, 1] (default: 0.9)",
            transform: OptionValue.finite("--eta", accepted: "a number in [0, 1]"))
    var eta: Double?
    @OptionGroup var output: FormatOption

    var phi: Nonlinearity { phiOption.phi }
    var leakyTAT: Bool { method == .tat && phi.name == Nonlinearity.leakyReLU.name }

    func run() throws {
        let transform = try ActivationTransform(phi: phi, method: method, network: try parsedNetwork(), targets: try targets())
        let rows: [[Value]] = transform.solutions.map { s in
            [.real(s.inputScale), .real(s.inputShift), .real(s.outputShift), .real(s.outputScale),
             .real(s.negativeSlope), .real(s.residual), .text(s.formula)]
        }
        let table = Table(
            title: "\(method.rawValue.uppercased()) transforms φ̂(x) = δ(φ(αx+β)+γ) of \(phi.name) for \(transform.network), "
                + "the one to use first",
            columns: [Column(.inputScale), Column(.inputShift), Column(.outputShift), Column(.outputScale),
                      Column(.negativeSlope), Column(.residual), Column(.formula)],
            rows: rows, rowsKey: "solutions",
            fields: [Quantity.phi(.text(phi.name)), Quantity.method(.text(method.rawValue)),
                     Quantity.transformNetwork(.text(transform.network.description)), Quantity.localTarget(.real(transform.localTarget))])
        output.emit(table)
    }

    func parsedNetwork() throws -> TransformNetwork {
        let n = try TransformNetwork.parse(network, shortcutWeight: shortcutWeight ?? TransformNetwork.defaultShortcutWeight)
        if case .mlp = n, let w = shortcutWeight {
            throw TransformError.invalidTarget("--shortcut-weight \(w): applies to resnet networks only, not \(n)")
        }
        return n
    }

    /// The targets, refusing those the chosen method does not use (a silently ignored
    /// --tau with --method dks would look like an answer to a question not asked).
    func targets() throws -> TransformTargets {
        let usedBy: [(String, Double?, Bool, String)] = [
            ("--zeta", zeta, method == .dks, "--method dks"), ("--q-slope", qSlope, method == .dks, "--method dks"),
            ("--tau", tau, method == .tat && !leakyTAT, "--method tat with a smooth φ"),
            ("--eta", eta, leakyTAT, "--method tat with --phi leaky-relu"),
        ]
        for (flag, value, used, context) in usedBy where value != nil && !used {
            throw TransformError.invalidTarget("\(flag) applies to \(context) only")
        }
        var t = TransformTargets()
        if let zeta { t.zeta = zeta }
        if let qSlope { t.qSlope = qSlope }
        if let tau { t.tau = tau }
        if let eta { t.eta = eta }
        return t
    }
}

extension TransformMethod: ExpressibleByArgument {}
