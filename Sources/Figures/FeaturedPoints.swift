import MeanFieldTheory
import Nonlinearities
import Reporting

/// The paper's featured points (tanh, σb = 0.3, σw ∈ {1.3, 2.5, 4.0}; SPEC §5): q*, χ1,
/// χ2, c*, χ_c, χ_q, the depth scales and the phase, one row per σw, the numbers
/// `meanfield fixed-point --sigma-w σw --sigma-b 0.3` prints. `make run` prints it after
/// the figures.
public func featuredPointsTable() throws -> Table {
    let rows: [[Value]] = try ReproductionSettings.featuredSigmaW.map { sw in
        let m = try MeanFieldModel(phi: .tanh, sigmaW: sw, sigmaB: ReproductionSettings.sigmaB)
        // q* as `fixed-point` finds it: the largest stable fixed point of the length map;
        // where there is none, nulls and "divergent", as `fixed-point` prints them.
        guard let q = try m.lengthFixedPoints().qStar else {
            return [.real(sw)] + Array(repeating: Value.real(nil), count: 9) + [.text(Phase.divergent.rawValue)]
        }
        let s = try m.summary(qStar: q)
        return [.real(sw), .real(s.qStar.value), .real(s.chi1.value), .real(s.chi2?.value), .real(s.cStar.value),
                .real(s.chiC.value), .real(s.chiQ.value), .real(s.xiQ), .real(s.xiC), .real(s.xiGrad),
                .text(s.phase.rawValue)]
    }
    return Table(title: "the paper's featured points: tanh, σb = \(ReproductionSettings.sigmaB)",
                 columns: [Quantity.sigmaW, .qStar, .chi1, .chi2, .cStar, .chiC, .chiQ, .xiQ, .xiC, .xiGrad, .phase]
                     .map { Column($0) },
                 rows: rows)
}
