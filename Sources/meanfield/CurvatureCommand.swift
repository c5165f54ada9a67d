import ArgumentParser
import MeanField

struct CurvatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curvature",
        abstract: "Length and curvature of a great circle through depth: ḡ^E, κ̄², ḡ^G, L^E/√N, L^G.")

    @OptionGroup var model: NetworkOptions<StandardDefaults>
    @OptionGroup var depthOption: DepthOption<StandardDefaults>
    @OptionGroup var output: FormatOption

    func run() throws {
        let layers = try model.model().curvature(depth: depthOption.depth)
        var table = Table(
            title: "curvature recursion of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            columns: [
                Column(.layer),
                Column(.gE),
                Column(.kappa2),
                Column(.gG),
                Column(.lengthEOverSqrtN),
                Column(.lengthG),
            ],
            rowsKey: "layers", fields: model.fields)
        for l in layers {
            table.append([.integer(l.layer), .real(l.gE), .real(l.kappa2), .real(l.gG),
                          .real(l.lengthEOverSqrtN), .real(l.lengthG)])
        }
        output.emit(table)
    }
}
