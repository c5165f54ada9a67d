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
        let record: [(Quantity, Value)] = [
            (.qStar, .real(s.qStar.value)), (.chi1, .real(s.chi1.value)), (.chi2, .real(s.chi2?.value)),
            (.cStar, .real(s.cStar.value)), (.chiC, .real(s.chiC.value)), (.chiQ, .real(s.chiQ.value)),
            (.xiQ, .real(s.xiQ)), (.xiC, .real(s.xiC)), (.xiGrad, .real(s.xiGrad)), (.phase, .text(s.phase.rawValue)),
            (.qStarError, .real(s.qStar.error)), (.chi1Error, .real(s.chi1.error)), (.chi2Error, .real(s.chi2?.error)),
            (.cStarError, .real(s.cStar.error)), (.chiCError, .real(s.chiC.error)), (.chiQError, .real(s.chiQ.error)),
        ]
        output.emit(Table(
            title: "mean-field fixed point of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            record: record, fields: model.fields))
    }
}
