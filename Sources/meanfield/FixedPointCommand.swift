import ArgumentParser
import MeanField

struct FixedPointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixed-point",
        abstract: "q*, χ1, χ2, c*, χ_c, χ_q, depth scales ξ_q, ξ_c and the phase, with error estimates.",
        discussion: """
            q* is the largest stable fixed point of the length map. The fixed points follow as a \
            second table (gnuplot: index 1 after two blank lines; CSV: after a blank line; JSON: \
            "fixed_points", a list of objects), ascending in q. Where no fixed point is stable the \
            phase is divergent and the q*-quantities are null. With --architecture, --dropout or --norm (SPEC §11) \
            the values are those of the architecture's layer maps (χ1: the correlation map's slope at c = 1; with \
            dropout c* < 1 and ξ_c is finite everywhere); --ntk adds the neural tangent kernel's depth limits \
            (Xiao, Pennington & Schoenholz 2020).
            """)

    @OptionGroup var model: NetworkOptions<StandardDefaults>
    @OptionGroup var arch: ArchitectureOptions
    @Flag(help: "Add the NTK's depth limits ntk_limit = Θ*(x, x), ntk_12_limit = Θ*(x, x′) and ntk_growth per layer.")
    var ntk = false
    @OptionGroup var output: FormatOption

    func run() throws {
        let architecture = try arch.value()
        if !architecture.isPlain { return try runArchitecture(architecture) }
        let m = try model.model()
        let all = try m.lengthFixedPoints()
        var record: [(Quantity, Value)]
        if let q = all.qStar {
            let s = try m.summary(qStar: q)
            record = [
                (.qStar, .real(s.qStar.value)), (.chi1, .real(s.chi1.value)), (.chi2, .real(s.chi2?.value)),
                (.cStar, .real(s.cStar.value)), (.chiC, .real(s.chiC.value)), (.chiQ, .real(s.chiQ.value)),
                (.xiQ, .real(s.xiQ)), (.xiC, .real(s.xiC)), (.xiGrad, .real(s.xiGrad)), (.phase, .text(s.phase.rawValue)),
                (.qStarError, .real(s.qStar.error)), (.chi1Error, .real(s.chi1.error)), (.chi2Error, .real(s.chi2?.error)),
                (.cStarError, .real(s.cStar.error)), (.chiCError, .real(s.chiC.error)), (.chiQError, .real(s.chiQ.error)),
            ]
        } else {
            let none: [Quantity] = [.qStar, .chi1, .chi2, .cStar, .chiC, .chiQ, .xiQ, .xiC, .xiGrad]
            let errors: [Quantity] = [.qStarError, .chi1Error, .chi2Error, .cStarError, .chiCError, .chiQError]
            record = none.map { ($0, .real(nil)) } + [(.phase, .text(Phase.divergent.rawValue))]
                + errors.map { ($0, .real(nil)) }
            note("no stable fixed point of the length map: " + m.noStableFixedPoint(all))
        }
        record.append((.divergesAbove, .real(all.divergesAbove)))
        if ntk {
            let s = all.qStar == nil ? nil : try m.architectureSummary(errorEstimates: false)
            record += Self.ntkRecord(s)
        }
        if let q = all.qStar { Self.noteAttractors(all, qStar: q) }
        let title = "mean-field fixed point of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)"
        let points = Table(
            title: "fixed points q = V(q) of the length map of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB), "
                + "ascending; χ_q and χ1 at each",
            columns: [Column(.q), Column(.chiQ), Column(.chi1), Column(.stable)],
            rows: all.points.map { [.real($0.q), .real($0.chiQ), .real($0.chi1), .boolean($0.stable)] },
            rowsKey: "fixed_points")
        output.emit([Table(title: title, record: record, fields: model.fields), points])
    }

    /// The NTK's depth limits (null where q* does not exist or Θ grows without bound).
    static func ntkRecord(_ s: ArchitectureSummary?) -> [(Quantity, Value)] {
        [(.ntkLimit, .real(s?.ntkLimit)), (.ntk12Limit, .real(s?.ntk12Limit)), (.ntkGrowth, .real(s?.ntkGrowth))]
    }

    /// fixed-point of a network with an architecture: the same keys from the
    /// architecture's maps (`architectureSummary`); χ2 is a plain-mlp quantity (null).
    /// A residual stream whose length grows without a fixed point is refused.
    func runArchitecture(_ architecture: Architecture) throws {
        let m = try model.model(architecture: architecture)
        let s = try m.architectureSummary()
        var record: [(Quantity, Value)] = [
            (.qStar, .real(s.qStar.value)), (.chi1, .real(s.chi1.value)), (.chi2, .real(nil)),
            (.cStar, .real(s.cStar.value)), (.chiC, .real(s.chiC.value)), (.chiQ, .real(s.chiQ.value)),
            (.xiQ, .real(s.xiQ)), (.xiC, .real(s.xiC)), (.xiGrad, .real(s.xiGrad)), (.phase, .text(s.phase.rawValue)),
            (.qStarError, .real(s.qStar.error)), (.chi1Error, .real(s.chi1.error)), (.chi2Error, .real(nil)),
            (.cStarError, .real(s.cStar.error)), (.chiCError, .real(s.chiC.error)), (.chiQError, .real(s.chiQ.error)),
            (.divergesAbove, .real(nil)),
        ]
        if ntk { record += Self.ntkRecord(s) }
        let label = "\(architecture.description) of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)"
        let points = Table(
            title: "the fixed point q* of the length map of \(label); χ_q and χ1 there",
            columns: [Column(.q), Column(.chiQ), Column(.chi1), Column(.stable)],
            rows: [[.real(s.qStar.value), .real(s.chiQ.value), .real(s.chi1.value), .boolean(s.chiQ.value < 1)]],
            rowsKey: "fixed_points")
        output.emit([Table(title: "mean-field fixed point of \(label)", record: record,
                           fields: model.fields + ArchitectureOptions.fields(architecture)), points])
    }

    /// Notes on the q^1 that do not reach q*: those above `divergesAbove`, and those in
    /// the basin of another attractor.
    static func noteAttractors(_ all: LengthFixedPoints, qStar: Double) {
        if let d = all.divergesAbove {
            note("q* = \(qStar) attracts q^1 up to \(d) only: every q^1 > \(d) grows without bound")
        }
        if all.attractorCount > 1 {
            let others = all.points.filter { $0.stable && $0.q != qStar }.map { "\($0.q)" }.joined(separator: ", ")
            let basin = all.basin.map { " (q* attracts q^1 in (\($0.lowerBound), \($0.upperBound)))" } ?? ""
            note("the length map has \(all.attractorCount) stable fixed points: q^1 may also converge to q = \(others)\(basin)")
        }
    }
}
