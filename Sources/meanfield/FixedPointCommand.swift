import ArgumentParser
import MeanField

struct FixedPointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixed-point",
        abstract: "q*, χ1, χ2, c*, χ_c, χ_q, depth scales ξ_q, ξ_c and the phase, with error estimates.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let s = try model.model().summary()
        let columns = [
            Column("q_star", "q*", "length fixed point q* = V(q*)"),
            Column("chi1", "χ1", "σw² ∫Dz φ'(√q* z)²; <1 ordered, >1 chaotic"),
            Column("chi2", "χ2", "σw² ∫Dz φ''(√q* z)² (null when φ' jumps)"),
            Column("c_star", "c*", "stable fixed point of the correlation map"),
            Column("chi_c", "χ_c", "slope of the correlation map at c*"),
            Column("chi_q", "χ_q", "slope of the length map at q*"),
            Column("xi_q", "ξ_q", "-1/ln χ_q (null when infinite)"),
            Column("xi_c", "ξ_c", "-1/ln χ_c (null when infinite)"),
            Column("xi_grad", "ξ_∇", "-1/ln χ1: depth scale of gradients (null at χ1 = 1; < 0: they explode)"),
            Column("phase", "phase", "ordered, chaotic or critical"),
            Column("q_star_error", "δq*", "error estimate of q*"),
            Column("chi1_error", "δχ1", "error estimate of χ1"),
            Column("chi2_error", "δχ2", "error estimate of χ2"),
            Column("c_star_error", "δc*", "error estimate of c*"),
            Column("chi_c_error", "δχ_c", "error estimate of χ_c"),
            Column("chi_q_error", "δχ_q", "error estimate of χ_q"),
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
