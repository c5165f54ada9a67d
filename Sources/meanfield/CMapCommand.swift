import ArgumentParser
import MeanField

struct CMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cmap", abstract: "The correlation map c ↦ C(c; q*, q*)/q* at the length fixed point.")

    @OptionGroup var model: NetworkOptions<StandardDefaults>
    @Option(parsing: .unconditional, help: "Input correlations c in [-1, 1], START:STOP:COUNT.", parsedBy: OptionValue.grid("--c"))
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
            columns: [Column(.cIn),
                      Column(.cOut),
                      Column(.cOutError)],
            fields: fields)
        for c in c.values {
            let e = m.covarianceMapEstimate(c, q1: q, q2: q)
            table.append([.real(c), .real(e.value / q), .real(e.error / q)])
        }
        output.emit(table)
    }
}
