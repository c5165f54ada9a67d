import ArgumentParser
import MeanField

struct CriticalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical",
        abstract: "The critical line by its fixed point: σw, σb with χ1 = 1 and V(q*) = q*, and whether q* is stable.",
        discussion: """
            sigma_w = 1/sqrt(E[phi'(sqrt(q*) z)^2]), sigma_b^2 = q* - sigma_w^2 E[phi(sqrt(q*) z)^2] \
            (Xiao et al. 2018); sigma_b is null where sigma_b^2 < 0 (no network has that q* at \
            criticality). stable: chi_q < 1.
            """)

    @OptionGroup var phiOption: PhiOption
    @Option(parsing: .unconditional, help: "Fixed points q*, a number or START:STOP:COUNT (q* >= 0).",
            parsedBy: OptionValue.grid("--q-star"))
    var qStar: GridRange = GridRange(start: 0.0625, stop: 0.0625, count: 1)
    @OptionGroup var output: FormatOption

    func validate() throws {
        try checkRange(qStar, flag: "--q-star", within: 0...1e250, what: " (a length is >= 0)")
    }

    func run() throws {
        let line = CriticalLine(phi: phiOption.phi)
        let results: [Result<CriticalLinePoint, Error>] = qStar.values.concurrentMap { q in Result { try line.point(qStar: q) } }
        var table = Table(
            title: "critical line of \(phiOption.phi.name) by q*",
            columns: [Column(.qStar), Column(.sigmaW), Column(.sigmaB), Column(.chiQ), Column(.stable)],
            fields: [Quantity.phi(.text(phiOption.phi.name))])
        var negative: [Double] = []
        var failures: [(Double, Error)] = []
        for (q, r) in zip(qStar.values, results) {
            switch r {
            case .success(let p):
                if p.sigmaB == nil { negative.append(q) }
                table.append([.real(q), .real(p.sigmaW), .real(p.sigmaB), .real(p.chiQ), .boolean(p.stable)])
            case .failure(let e):
                failures.append((q, e))
                table.append([.real(q), .real(nil), .real(nil), .real(nil), .real(nil)])
            }
        }
        if let q = negative.first {
            note("sigma_b is null at \(negative.count) of \(qStar.count) q* values, e.g. q*=\(q): sigma_b^2 = q* - "
                 + "sigma_w^2 E[phi^2] < 0 there, so no network has that fixed point on the critical line")
        }
        if let (q, e) = failures.first {
            note("\(failures.count) of \(qStar.count) q* values have no critical point (null), e.g. q*=\(q): \(e)")
        }
        output.emit(table)
    }
}
