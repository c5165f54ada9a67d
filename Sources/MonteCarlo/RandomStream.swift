/// The random streams of the Monte-Carlo module, each named by what it draws.
///
/// A stream is `SplitMix64.derive(seed, a, b, c)`: a the network, b the layer (0 for the
/// inputs), c what is drawn. The indices are those the module has always used, so every
/// seed keeps its bytes. Streams that share indices are never drawn by one run:
/// `linearInput(k)` and `weightBlock(k, 1, 0)` (layer 1's weights are not drawn when the
/// first layer is the circle's exact image), `pointDirection(k, 999_999)` and `pair(k, 0)`
/// (a request carries single inputs or pairs, never a million of both), and the readout
/// network's `readoutDirection`, `boundaryRays`, `offsetInputs` and the circle axes of
/// networks 1–3 (a readout network is never simulated as a circle).
enum RandomStream {
    /// Column block `block` of W^l of network k: (k, l, block), block < 2⁶³.
    case weightBlock(network: Int, layer: Int, block: Int)
    /// b^l of network k: (k, l, 2⁶⁴ − 1).
    case bias(network: Int, layer: Int)
    /// The circle's orthonormal axes u0, u1 at layer 1 of network k: (k, 0, 0).
    case circleAxes(network: Int)
    /// The direction of single input i of network k: (k, 0, 1 + i).
    case pointDirection(network: Int, input: Int)
    /// The orthonormal pair behind input pair i of network k: (k, 0, 1 000 000 + i).
    case pair(network: Int, pair: Int)
    /// The axes and offset of the circle's image through a Gaussian first layer
    /// (`randomLinearInput`) in network k: (k, 1, 0).
    case linearInput(network: Int)
    /// The readout direction β of the decision-boundary network: (1, 0, 0).
    case readoutDirection
    /// The starts and directions of the rays that find boundary points: (2, 0, 0).
    case boundaryRays
    /// The random inputs whose median readout is the default offset β0: (3, 0, 0).
    case offsetInputs

    var indices: (network: UInt64, layer: UInt64, purpose: UInt64) {
        switch self {
        case let .weightBlock(k, l, b): return (UInt64(k), UInt64(l), UInt64(b))
        case let .bias(k, l): return (UInt64(k), UInt64(l), UInt64.max)
        case let .circleAxes(k): return (UInt64(k), 0, 0)
        case let .pointDirection(k, i): return (UInt64(k), 0, UInt64(1 + i))
        case let .pair(k, i): return (UInt64(k), 0, UInt64(1_000_000 + i))
        case let .linearInput(k): return (UInt64(k), 1, 0)
        case .readoutDirection: return (1, 0, 0)
        case .boundaryRays: return (2, 0, 0)
        case .offsetInputs: return (3, 0, 0)
        }
    }

    /// The stream's seed under the run's `seed`.
    func seed(_ seed: UInt64) -> UInt64 {
        let (a, b, c) = indices
        return SplitMix64.derive(seed, a, b, c)
    }
}
