import Numerical

/// What the learning experiments refuse or cannot do, each as one line naming the flag
/// at fault and what is accepted (the CLI prints it and exits with status 2).
public enum LearningError: ReportableError, Equatable {
    /// Gradient descent blew up: the error grew a thousandfold or stopped being finite.
    /// `edge` is the stability edge of the learned modes (`ModeDynamics.stabilityEdge`).
    case diverged(learningRate: Double, epoch: Int, edge: Double)
    /// The initial training error ½ ‖Σ³¹ − W^tot‖² is not a finite double: the start
    /// (its scale, or the data's) overflows before any step.
    case startOverflows
    /// A hidden layer narrower than the number of modes cannot carry them all.
    case hiddenTooNarrow(hidden: Int, modes: Int)
    /// N_l < 2: there is no weight matrix at all.
    case tooFewLayers(Int)
    /// Any other refused argument, with its full message.
    case invalid(String)

    public var description: String {
        switch self {
        case .diverged(let rate, let epoch, let edge):
            let what = "--learning-rate \(rate) makes gradient descent diverge (the training error grew a thousandfold "
                + "or overflowed at epoch \(epoch))"
            if rate > edge {
                return what + ": it is past the stability edge 2/((N_l − 1) s_1^{2 − 2/(N_l − 1)}) = \(edge) of the "
                    + "learned modes; use a rate below it"
            }
            return what + " although it is below the stability edge \(edge) of the learned modes: the initial weights "
                + "are steeper than the solution; use a smaller rate"
        case .startOverflows:
            return "the initial weights make the training error ½ ‖Σ³¹ − W^tot‖² overflow before the first step; "
                + "use a smaller start"
        case .hiddenTooNarrow(let hidden, let modes):
            return "--hidden \(hidden) is narrower than the data's \(modes) modes: the network cannot represent them "
                + "(use --hidden >= \(modes))"
        case .tooFewLayers(let n):
            return "--layers must be >= 2 (N_l counts the input and output layers; 2 is one weight matrix), got \(n)"
        case .invalid(let message):
            return message
        }
    }
}
