import ArgumentParser
import MeanField

struct FixedPointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixed-point",
        abstract: "q*, χ1, χ2, c*, χ_c, χ_q, depth scales ξ_q, ξ_c and the phase, with error estimates.")

    @OptionGroup var model: NetworkOptions<StandardDefaults>
    @OptionGroup var output: FormatOption

    func run() throws {
        let s = try model.model().summary()
        let columns = [
            Column(.qStar),
            Column(.chi1),
            Column(.chi2),
            Column(.cStar),
            Column(.chiC),
            Column(.chiQ),
            Column(.xiQ),
            Column(.xiC),
            Column(.xiGrad),
            Column(.phase),
            Column(.qStarError),
            Column(.chi1Error),
            Column(.chi2Error),
            Column(.cStarError),
            Column(.chiCError),
            Column(.chiQError),
        ]
        let row: [Value] = [
            .real(s.qStar.value), .real(s.chi1.value), .real(s.chi2?.value), .real(s.cStar.value),
            .real(s.chiC.value), .real(s.chiQ.value), .real(s.xiQ), .real(s.xiC), .real(s.xiGrad), .text(s.phase.rawValue),
            .real(s.qStar.error), .real(s.chi1.error), .real(s.chi2?.error), .real(s.cStar.error),
            .real(s.chiC.error), .real(s.chiQ.error),
        ]
        output.emit(Table(
            title: "mean-field fixed point of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            columns: columns, rows: [row], fields: model.fields, singleObject: true))
    }
}
