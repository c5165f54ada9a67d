import ArgumentParser
import Foundation
import MeanField

struct LearningTimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learning-time",
        abstract: "Epochs to reach a training-error criterion at the best learning rate, by depth and initial condition.",
        discussion: """
            For each N_l in --layers and each --init, full-batch gradient descent runs at \
            rates λ = c / ((N_l − 1) s_1) of the grid, c log-spaced over --rate-grid, until the \
            training error is below --criterion times its initial value (at most --max-epochs). \
            The fewest epochs over the grid are reported with their rate (ties to the larger \
            rate); null when no rate of the grid reaches the criterion. The grid is searched, \
            not run whole: a bracket from the neighbouring depth's best rate, golden section \
            on log λ, each run stopped once it is slower than the best; this finds the grid's \
            best wherever the epochs fall to one minimum along the grid. diverged_rates counts \
            the rates tried that diverged.
            """)

    @Option(parsing: .unconditional, help: "Depths N_l: START:STOP:COUNT (rounded to integers) or a comma list, each >= 2.")
    var layers: String = "3,9,17,33"
    @Option(name: .customLong("init"), help: "Initial conditions, comma-separated: decoupled, orthogonal, gaussian, small.")
    var initials: String = "orthogonal,gaussian,decoupled,small"
    @Option(parsing: .unconditional, help: "Stop when the training error is below this fraction of its initial value.", parsedBy: OptionValue.real("--criterion"))
    var criterion: Double = 0.1
    @Option(name: .customLong("rate-grid"), parsing: .unconditional,
            help: "LOW:HIGH:COUNT multipliers c of 1/((N_l − 1) s_1), log-spaced.")
    var rateGrid: String = "0.01:2:12"
    @Option(name: .customLong("max-epochs"), parsing: .unconditional, help: "Epochs allowed per run (>= 1).", parsedBy: OptionValue.integer("--max-epochs"))
    var maxEpochs: Int = 2000
    @OptionGroup var dataOptions: LearningDataOptions
    @OptionGroup var network: LearningNetworkOptions
    @OptionGroup var output: FormatOption

    func depths() throws -> [Int] {
        let values: [Int]
        if layers.contains(":") {
            let r = try GridRange.parse(layers)
            values = r.values.map { Int($0.rounded()) }
        } else {
            let parts = layers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let ints = parts.compactMap { Int($0) }
            guard !parts.isEmpty, ints.count == parts.count else {
                throw ValidationError("--layers must be START:STOP:COUNT or a comma list of integers, got \(layers)")
            }
            values = ints
        }
        var seen = Set<Int>(), out: [Int] = []
        for v in values where seen.insert(v).inserted { out.append(v) }
        if let bad = out.first(where: { $0 < 2 }) { throw ValidationError(LearningError.tooFewLayers(bad).description) }
        if let bad = out.first(where: { $0 > 10_000 }) { throw ValidationError("--layers must be at most 10000, got \(bad)") }
        return out
    }

    func inits() throws -> [InitialCondition] {
        try initials.split(separator: ",").map { word in
            guard let i = InitialCondition(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--init must list decoupled, orthogonal, gaussian or small, got \(word)")
            }
            return i
        }
    }

    func grid() throws -> (Double, Double, Int) {
        let parts = rateGrid.split(separator: ":").map(String.init)
        guard parts.count == 3, let lo = OptionValue.decimal(parts[0]), let hi = OptionValue.decimal(parts[1]), let n = Int(parts[2]),
              lo.isFinite, hi.isFinite, lo > 0, hi >= lo, n >= 1, n <= 1000 else {
            throw ValidationError("--rate-grid must be LOW:HIGH:COUNT with 0 < LOW <= HIGH and 1 <= COUNT <= 1000, got \(rateGrid)")
        }
        return (lo, hi, n)
    }

    func validate() throws {
        _ = try depths()
        guard try !inits().isEmpty else { throw ValidationError("--init must name at least one initial condition") }
        _ = try grid()
        guard criterion.isFinite, criterion > 0, criterion < 1 else {
            throw ValidationError("--criterion must be a fraction in (0, 1), got \(criterion)")
        }
        guard maxEpochs >= 1, maxEpochs <= 10_000_000 else {
            throw ValidationError("--max-epochs must be an integer in [1, 10000000], got \(maxEpochs)")
        }
    }

    func run() throws {
        let data = try dataOptions.make()
        let hidden = network.width(for: data)
        var request = LearningTimeRequest(data: data, hidden: hidden, layers: try depths(), initials: try inits())
        request.criterion = criterion
        request.rateFactors = try grid()
        request.maxEpochs = maxEpochs
        request.a0 = network.a0
        request.smallStd = network.smallStd
        request.seed = dataOptions.seed
        let progress = Progress(label: "learning-time", total: request.layers.count * request.initials.count)
        let rows = try request.run(progress: Progress.enabled ? { done, _ in progress.update(done) } : nil)
        var table = Table(
            title: "epochs to error < \(criterion) × initial, best rate of the grid, hidden \(hidden), \(dataOptions.data.rawValue) data",
            columns: [
                Column(.layers), Column(.initialCondition),
                Column(.learningRate),
                Column(.epochsToCriterion),
                Column(.rateFactor),
                Column(.divergedRates),
            ],
            fields: dataOptions.fields + [("hidden", .integer(hidden)), ("criterion", .real(criterion)),
                     ("max_epochs", .integer(maxEpochs)), ("rate_grid", .text(rateGrid)), ("a0", .real(network.a0)),
                     ("small_std", .real(network.smallStd))])
        for r in rows {
            table.append([.integer(r.layers), .text(r.initial.rawValue), .real(r.learningRate),
                          r.epochs.map { .integer($0) } ?? .number(nil),
                          .real(r.learningRate.map { $0 * Double(r.layers - 1) * data.s[0] }), .integer(r.diverged)])
        }
        output.emit(table)
    }
}
