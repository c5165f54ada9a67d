// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "meanfield",
    products: [
        .library(name: "MeanField", targets: ["MeanField"]),
        .executable(name: "meanfield", targets: ["meanfield"]),
        .executable(name: "meanfield-reproduce", targets: ["meanfield-reproduce"]),
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
        // make run's binary: `meanfield reproduce` with its defaults and the featured points,
        // without the CLI and swift-argument-parser (a third of the build).
        .executableTarget(name: "meanfield-reproduce", dependencies: ["Figures", "Numerical", "Reporting"]),

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
        .testTarget(name: "CLITests", dependencies: ["meanfield", "meanfield-reproduce", "TestSupport", "Reporting"], resources: [.copy("Fixtures")]),
    ]
)

// `make run` and `make test` build the numerical library modules optimised (-O, assertions
// kept) inside the debug configuration: the figures and the tests spend their time in
// quadrature, recursions and BLAS-sized loops, which run 7-35x faster optimised (measured:
// the spectrum density test 40.7 s -> 2.8 s), while the modules that only arrange the work
// stay unoptimised and compile file by file on every core: Figures (tables and scripts
// around library calls), Reporting (tables), Learning (its time is in dgemm: Figure 7 took
// 38.1 s with it unoptimised against 41.8 s optimised, one reproduce each), the CLI, the
// test targets and swift-argument-parser. `reproduce` writes the same bytes as the release
// build in the same time; the build takes a fraction of the release build's.
// MEANFIELD_OPTIMISED_LIBRARIES=run (make run) also leaves Formulas unoptimised: the figures
// use the catalogue's φ, not formulas (same bytes, same time; 5 s less on the build's
// critical path), while the tests evaluate formulas at every quadrature node (one test
// 1.9 s -> 20.7 s unoptimised), so any other value (make test sets 1) optimises it.
// Opt-in by environment (set to any value; `run` as above), so a package that depends on this
// one sees no unsafe flags. MEANFIELD_OPTIMISED_TESTS, the earlier name, works as =1.
let optimisation = Context.environment["MEANFIELD_OPTIMISED_LIBRARIES"] ?? Context.environment["MEANFIELD_OPTIMISED_TESTS"]
if let optimisation {
    var unoptimised: Set<String> = ["Figures", "TestSupport", "Reporting", "Learning"]
    if optimisation == "run" { unoptimised.insert("Formulas") }
    for target in package.targets where target.type == .regular && !unoptimised.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? [])
            + [.unsafeFlags(["-O", "-assert-config", "Debug"], .when(configuration: .debug))]
    }
}
