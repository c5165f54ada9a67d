// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "meanfield",
    products: [
        .library(name: "MeanField", targets: ["MeanField"]),
        .executable(name: "meanfield", targets: ["meanfield"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // System-library shims: a module map and one header each, no Swift code.
        .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),

        // Numerical (not "Numerics": swift-numerics has a target of that name): GSL and
        // LAPACK as Swift values and errors, Gauss–Legendre tables,
        // the bracketing solver, the parallel map; no physics.
        .target(name: "Numerical", dependencies: ["CGSL", "COpenBLAS"]),
        // Formulas: φ typed as text in x: parser, forward-mode jets, compiled program,
        // kinks, growth and domain found from the formula.
        .target(name: "Formulas", dependencies: [
            "Numerical", .product(name: "ComplexModule", package: "swift-numerics"),
        ]),
        .target(name: "Nonlinearities", dependencies: ["Formulas"]),
        // Model: the validated network description (φ, σw, σb, weights, depth; width when
        // finite), the weight ensembles and the seeded generator with its stream registry.
        .target(name: "Model", dependencies: ["Numerical", "Nonlinearities"]),
        .target(name: "MeanFieldTheory", dependencies: ["Numerical", "Nonlinearities", "Model"]),
        .target(name: "MonteCarlo", dependencies: ["Numerical", "Nonlinearities", "Model"]),
        // ActivationTransforms: DKS and TAT transforms φ̂(x) = δ(φ(αx+β)+γ) (SPEC §10.3).
        .target(name: "ActivationTransforms", dependencies: ["Numerical", "Nonlinearities", "MeanFieldTheory"]),
        .target(name: "Reporting", dependencies: ["Numerical"]),
        // Sharding: runs split over machines (shard files that merge to the same bytes).
        .target(name: "Sharding", dependencies: ["Numerical", "Reporting"]),
        // Spectrum: the end-to-end Jacobian's singular values, free-probability theory
        // beside simulation (dynamical isometry).
        .target(name: "Spectrum", dependencies: [
            "Numerical", "Nonlinearities", "Model", "MeanFieldTheory",
            .product(name: "ComplexModule", package: "swift-numerics"),
        ]),
        // Learning: gradient-descent dynamics of deep linear networks, exact mode solutions
        // beside simulation, hierarchical (branching-diffusion) data (SPEC §8).
        .target(name: "Learning", dependencies: ["Numerical", "CGSL", "Model"]),
        .target(name: "Figures", dependencies: ["Model", "MeanFieldTheory", "MonteCarlo", "Nonlinearities", "Numerical", "Reporting", "Spectrum", "Learning"]),
        .target(name: "MeanField", dependencies: ["Numerical", "Formulas", "Nonlinearities", "Model", "MeanFieldTheory", "MonteCarlo", "Spectrum", "Learning", "Reporting", "Sharding", "Figures", "ActivationTransforms"]),
        .executableTarget(
            name: "meanfield",
            // The modules it uses, named as well as the MeanField umbrella that re-exports them:
            // an incremental build recompiles the CLI when one of them changes (through the
            // umbrella alone it did not, and kept a struct's old layout).
            dependencies: [
                "MeanField", "Numerical", "Formulas", "Nonlinearities", "Model", "MeanFieldTheory", "MonteCarlo",
                "Spectrum", "Learning", "Reporting", "Sharding", "Figures", "ActivationTransforms",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NonlinearitiesTests", dependencies: ["Nonlinearities", "TestSupport"]),
        .testTarget(name: "ModelTests", dependencies: ["Model", "Nonlinearities", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "FormulasTests",
            dependencies: ["Model", "Formulas", "Nonlinearities", "MeanFieldTheory", "MonteCarlo", "Numerical", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MeanFieldTheoryTests",
            dependencies: ["Model", "MeanFieldTheory", "Numerical", "TestSupport", "CGSL"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "MonteCarloTests", dependencies: ["Model", "MonteCarlo", "MeanFieldTheory", "Numerical", "TestSupport"]),
        .testTarget(
            name: "ActivationTransformsTests",
            dependencies: ["ActivationTransforms", "Nonlinearities", "Numerical", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "TestSupport"]),
        .testTarget(name: "ShardingTests", dependencies: ["Sharding", "Reporting", "TestSupport"]),
        .testTarget(name: "SpectrumTests", dependencies: ["Model", "Spectrum", "MonteCarlo", "Nonlinearities", "Numerical", "TestSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["Model", "Learning", "Numerical", "MonteCarlo", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["meanfield", "TestSupport", "Reporting"], resources: [.copy("Fixtures")]),
    ]
)

// `make run` and `make test` build the numerical library modules optimised (-O, assertions
// kept) inside the debug configuration: the figures and the tests spend their time in
// quadrature, recursions and BLAS-sized loops, which run 7-35x faster optimised (measured:
// the spectrum density test 40.7 s -> 2.8 s), while the CLI, Figures (tables and scripts
// around library calls), the test targets and swift-argument-parser stay unoptimised and
// compile file by file on every core. Measured on a fresh clone (2 cores): this build
// 67 s against 111 s for `swift build -c release`, and `reproduce` writes the same bytes
// in the same time (54.6 s against 53.8 s). `make run` then `make test` share the build.
// Opt-in by environment, so a package that depends on this one sees no unsafe flags
// (MEANFIELD_OPTIMISED_TESTS, the earlier name, still works).
let unoptimised: Set<String> = ["Figures", "TestSupport"]
if Context.environment["MEANFIELD_OPTIMISED_LIBRARIES"] != nil || Context.environment["MEANFIELD_OPTIMISED_TESTS"] != nil {
    for target in package.targets where target.type == .regular && !unoptimised.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? [])
            + [.unsafeFlags(["-O", "-assert-config", "Debug"], .when(configuration: .debug))]
    }
}
