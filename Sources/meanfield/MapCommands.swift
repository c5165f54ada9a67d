import ArgumentParser
import MeanField

struct QMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qmap", abstract: "The length map V(q) = σw² ∫Dz φ(√q z)² + σb² on a range of q.")

    @OptionGroup var model: ModelOptions
    @Option(parsing: .unconditional, help: "Input lengths q, START:STOP:COUNT (q >= 0).", transform: { try GridRange.parse($0) })
    var q: GridRange = GridRange(start: 0, stop: 15, count: 100)
    @OptionGroup var output: FormatOption

    func validate() throws {
        try checkRange(q, flag: "--q", within: 0...1e250, what: " (a length is >= 0)")
    }

    func run() throws {
        let m = try model.model()
        var table = Table(
            title: "length map V(q) of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            columns: [Column("q_in", "q", "input length q^{l-1}"), Column("q_out", "V(q)", "output length q^l"),
                      Column("q_out_error", "δV", "error estimate of V(q)")],
            fields: model.fields)
        for q in q.values {
            let v = m.lengthMapEstimate(q)
            guard v.value.isFinite else { throw TheoryError.diverges("V(q) overflows at q=\(q)") }
            table.append([.real(q), .real(v.value), .real(v.error)])
        }
        output.emit(table)
    }
}

struct CMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmap", abstract: "The correlation map c ↦ C(c; q*, q*)/q* at the length fixed point.")

    @OptionGroup var model: ModelOptions
    @Option(parsing: .unconditional, help: "Input correlations c in [-1, 1], START:STOP:COUNT.", transform: { try GridRange.parse($0) })
    var c: GridRange = GridRange(start: -1, stop: 1, count: 101)
    @OptionGroup var output: FormatOption

    func validate() throws {
        try checkRange(c, flag: "--c", within: -1...1, what: " (a correlation)")
    }

    func run() throws {
        let m = try model.model()
        let q = try m.lengthFixedPoint()
        guard q > 0 else {
            throw TheoryError.undefined(
                "q* = 0 for phi=\(model.phi.name), sigma-w=\(model.sigmaW), sigma-b=0: the correlation map C(c)/q* is undefined")
        }
        var fields = model.fields
        fields.append(("q_star", .real(q)))
        var table = Table(
            title: "correlation map of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            columns: [Column("c_in", "c", "input correlation c^{l-1}"),
                      Column("c_out", "C(c)/q*", "output correlation c^l"),
                      Column("c_out_error", "δc", "error estimate of c_out")],
            fields: fields)
        for c in c.values {
            let e = m.covarianceMapEstimate(c, q1: q, q2: q)
            table.append([.real(c), .real(e.value / q), .real(e.error / q)])
        }
        output.emit(table)
    }
}
