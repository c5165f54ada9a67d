// The network and the run: what a table was computed for (mostly top-level fields).
extension Quantity {
    public static let phi = Quantity("phi", "φ", "nonlinearity: a built-in name or a formula in x")
    public static let sigmaW = Quantity("sigma_w", "σw", "weight standard deviation")
    public static let sigmaB = Quantity("sigma_b", "σb", "bias standard deviation")
    public static let depth = Quantity("depth", "L", "number of layers", unit: "layers")
    public static let width = Quantity("width", "N", "width of the hidden layers", unit: "neurons")
    public static let totalWidth = Quantity("total_width", "N·d", "neurons in all hidden layers", unit: "neurons")
    public static let weights = Quantity("weights", "ensemble", "weight ensemble: gaussian or orthogonal")
    public static let networks = Quantity("networks", "networks", "random networks averaged over")
    public static let seed = Quantity("seed", "seed", "seed of the random numbers")
    public static let measure = Quantity("measure", "measure", "what the simulation measures")
    public static let points = Quantity("points", "P", "points on the input circle (or inputs per network)")
    public static let pairs = Quantity("pairs", "K", "inputs or input pairs per network")
    public static let q0 = Quantity("q0", "q^1", "starting length")
    public static let c0 = Quantity("c0", "c^1", "starting correlation")
    public static let offset = Quantity("offset", "β0", "readout offset of the decision boundary")
    public static let pointsFound = Quantity("points_found", "points", "decision-boundary points found")
    public static let layer = Quantity("layer", "l", "layer index (row 1 holds the start; boundary-curvature counts the input as 0)", unit: "layers")

    static let network: [Quantity] = [
        phi, sigmaW, sigmaB, depth, width, totalWidth, weights, networks, seed, measure, points, pairs, q0, c0,
        offset, pointsFound, layer,
    ]
}
