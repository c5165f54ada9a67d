import Foundation
import Model
import Nonlinearities
import Numerical

/// One spectrum computation as the CLI and the figures ask for it: the theory's density
/// on a λ grid with its moments, edge and atoms, beside the histogram of `networks`
/// simulated networks (none when `networks` is 0).
public struct SpectrumRequest: Sendable {
    /// φ, σw, σb, the weight ensemble and L.
    public var network: Network
    public var lambdas: [Double]
    public var width: Int
    public var networks: Int
    public var seed: UInt64
    public var phi: Nonlinearity { network.phi }
    public var sigmaW: Double { network.sigmaW }
    public var sigmaB: Double { network.sigmaB }
    public var depth: Int { network.depth }
    public var weights: WeightEnsemble { network.weights }

    public init(network: Network, lambdas: [Double], width: Int = 400, networks: Int = 4, seed: UInt64 = 1) {
        self.network = network
        self.lambdas = lambdas
        self.width = width
        self.networks = networks
        self.seed = seed
    }

    /// The same from loose parameters (validated as a `Network`).
    public init(phi: Nonlinearity, sigmaW: Double, sigmaB: Double, depth: Int, weights: WeightEnsemble,
                lambdas: [Double], width: Int = 400, networks: Int = 4, seed: UInt64 = 1) throws {
        self.init(network: try Network(phi: phi, sigmaW: sigmaW, sigmaB: sigmaB, weights: weights, depth: depth),
                  lambdas: lambdas, width: width, networks: networks, seed: seed)
    }

    /// Refuses what cannot run: σw = 0 (J = 0), a λ grid that is not evenly spaced
    /// upwards when a histogram is asked for, a width whose matrices would not fit in
    /// 80% of physical memory.
    public func validate() throws {
        guard sigmaW > 0 else {
            throw SpectrumError.invalid("--sigma-w must be > 0 for a spectrum (J = 0 at sigma-w = 0), got \(sigmaW)")
        }
        guard networks >= 0 else { throw SpectrumError.invalid("--networks must be an integer >= 0, got \(networks)") }
        guard !lambdas.isEmpty else { throw SpectrumError.invalid("--lambda must hold at least one value") }
        guard lambdas.count <= 100_000 else {
            throw SpectrumError.invalid("--lambda COUNT must be at most 100000 (each λ is a continuation), got \(lambdas.count)")
        }
        if networks > 0 {
            try Network.check(width: width)
            guard lambdas.count >= 2, lambdas[lambdas.count - 1] > lambdas[0] else {
                throw SpectrumError.invalid(
                    "--lambda must be an increasing START:STOP:COUNT with COUNT >= 2 for the histogram (its bins), "
                    + "or use --networks 0 for the theory alone")
            }
            let need = SpectrumSimulation.bytes(width: width)
            let have = 0.8 * Double(ProcessInfo.processInfo.physicalMemory)
            guard need <= have else {
                throw SpectrumError.invalid(String(
                    format: "--width %@ needs %.3g GB for its Jacobian (3 N×N matrices), more than 80%% of this machine's %.3g GB",
                    String(width), need / 1e9, have / 0.8 / 1e9))
            }
        }
    }

    /// - Parameter progress: called with (networks done, networks) after each network.
    public func run(progress: ((Int, Int) -> Void)? = nil) throws -> SpectrumResult {
        try validate()
        var result = try theory()
        if networks > 0 {
            let simulation = try self.simulation(q: result.theory.q)
            var all: [[Double]] = []
            for k in 0..<networks {
                all.append(try simulation.eigenvalues(network: k))
                progress?(k + 1, networks)
            }
            result.sample = SpectrumSample(eigenvalues: all, grid: lambdas)
        }
        return result
    }

    /// Validates the request and the theory's scale: χ1^L, the spectrum's mean, must lie
    /// within the doubles (where it leaves them, so does every λ). Returns the theory.
    @discardableResult
    public func checkScale() throws -> SpectrumTheory {
        try validate()
        let theory = try SpectrumTheory(network: network)
        guard theory.mean.isFinite, theory.mean > 1e-290, theory.mean < 1e290 else {
            throw SpectrumError.invalid(String(
                format: "the spectrum's mean χ1^L = %.6g^%d is outside the range of doubles (1e-290 … 1e290): "
                    + "choose sigma-w nearer the edge of chaos or a smaller --depth", theory.chi1, depth))
        }
        return theory
    }

    /// The theory alone (`sample` nil): density on the grid, moments, edge, atoms.
    public func theory() throws -> SpectrumResult {
        let theory = try checkScale()
        // λ = 0 is where atoms sit and densities may diverge (Fuss–Catalan: λ^{−L/(L+1)}):
        // no value there. Where the continuation fails (a singular point of ρ, such as
        // relu's at the atom (σw² a)^L), the value is missing too, and counted.
        let resolved = theory.densityResolved
        let solved: [Result<Estimate?, Error>] = lambdas.concurrentMap { lambda in
            Result { lambda == 0 || !resolved ? nil : try theory.density(at: lambda) }
        }
        // A continuation that does not converge leaves a missing value (counted in
        // `unsolved`); any other failure is the request's.
        let densities: [Estimate?] = try solved.map { result in
            do { return try result.get() } catch NumericalError.noConvergence { return nil }
        }
        let failed = resolved ? zip(lambdas, densities).filter { $0.0 != 0 && $0.1 == nil }.map(\.0) : []
        let edge = try theory.largestEigenvalue()
        return SpectrumResult(theory: theory, density: densities, unsolved: failed, largestEigenvalue: edge, sample: nil)
    }

    /// The simulated networks, at the theory's q (`SpectrumTheory.q`; streams fixed by
    /// seed and network, so any subset of networks can be computed apart: shards). `q`
    /// saves solving for it again when the theory is at hand.
    public func simulation(q: Double? = nil) throws -> SpectrumSimulation {
        let q = try q ?? SpectrumTheory(network: network.with(depth: 1)).q
        return try SpectrumSimulation(network: FiniteNetwork(network, width: width), seed: seed, q: q)
    }
}

public struct SpectrumResult: Sendable {
    public var theory: SpectrumTheory
    /// ρ(λ) of the continuous part at each grid λ, with its error estimate; nil at
    /// λ = 0 and where the free-probability equations could not be solved (`unsolved`).
    public var density: [Estimate?]
    /// The λ > 0 of the grid at which the solver failed.
    public var unsolved: [Double]
    public var largestEigenvalue: Double
    public var sample: SpectrumSample?
}

/// A spectrum request that cannot run, named by its flag.
public enum SpectrumError: ReportableError, Equatable {
    case invalid(String)

    public var description: String {
        switch self { case .invalid(let s): return s }
    }

    public var exitStatus: Int32 { 2 }
}
