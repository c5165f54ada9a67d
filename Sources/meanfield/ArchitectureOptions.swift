import ArgumentParser
import MeanField

extension Architecture.Kind: ExpressibleByArgument {}
extension Architecture.Norm: ExpressibleByArgument {}

/// `--architecture`, `--dropout`, `--shortcut-weight`, `--branch-depth`, `--norm` (SPEC §11):
/// the flags of the commands whose theory or simulation knows architectures. Validated
/// once, by `Architecture`, whose refusals name the flag.
struct ArchitectureOptions: ParsableArguments {
    @Option(help: "Network architecture: mlp or resnet.")
    var architecture: Architecture.Kind = .mlp
    @Option(name: .customLong("dropout"), parsing: .unconditional,
            help: ArgumentHelp("Dropout keep probability ρ on φ's output, in (0, 1] (1: no dropout).", valueName: "rho"),
            transform: OptionValue.finite("--dropout", accepted: "a keep probability in (0, 1]"))
    var keep: Double?
    @Option(name: .customLong("shortcut-weight"), parsing: .unconditional,
            help: ArgumentHelp("resnet: shortcut weight w in [0, 1); x' = w x + √(1−w²) B(x) (default 0).", valueName: "w"),
            transform: OptionValue.finite("--shortcut-weight", accepted: "a shortcut weight in [0, 1)"))
    var shortcutWeight: Double?
    @Option(name: .customLong("branch-depth"), parsing: .unconditional,
            help: ArgumentHelp("resnet: nonlinear layers K >= 1 of each branch (default 1).", valueName: "K"),
            transform: OptionValue.integer("--branch-depth"))
    var branchDepth: Int?
    @Option(help: "Normalisation: none, layer (mlp: every h^l before φ), pre or post (resnet: branch input or block output).")
    var norm: Architecture.Norm = .none

    /// The validated architecture these flags describe.
    func value() throws -> Architecture {
        if architecture == .mlp, shortcutWeight != nil || branchDepth != nil {
            let flag = shortcutWeight != nil ? "--shortcut-weight" : "--branch-depth"
            throw ValidationError("\(flag) is a resnet flag: give --architecture resnet, or leave \(flag) out")
        }
        do {
            return try Architecture(kind: architecture, keep: keep ?? 1, shortcutWeight: shortcutWeight ?? 0,
                                    branchDepth: branchDepth ?? 1, norm: norm)
        } catch let error as ModelError { throw ValidationError(error.description) }
    }

    func validate() throws { _ = try value() }

    /// The architecture as output fields: none for the plain mlp, so its output stays as it was.
    static func fields(_ a: Architecture) -> [(key: String, value: Value)] {
        guard !a.isPlain else { return [] }
        var f: [(key: String, value: Value)] = [Quantity.architecture(.text(a.kind.rawValue)), Quantity.dropout(.real(a.keep))]
        if a.kind == .resnet {
            f += [Quantity.shortcutWeight(.real(a.shortcutWeight)), Quantity.branchDepth(.integer(a.branchDepth))]
        }
        f.append(Quantity.norm(.text(a.norm.rawValue)))
        return f
    }
}
