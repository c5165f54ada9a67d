import Numerical

/// What the learning experiments refuse or cannot do, each as one line naming the flag
/// at fault and what is accepted (the CLI prints it and exits with status 2).
public enum LearningError: ReportableError, Equatable {
    /// Gradient descent blew up: the error grew a thousandfold or stopped being finite.
    case diverged(learningRate: Double, epoch: Int)
    /// A hidden layer narrower than the number of modes cannot carry them all.
    case hiddenTooNarrow(hidden: Int, modes: Int)
    /// N_l < 2: there is no weight matrix at all.
    case tooFewLayers(Int)
    /// Any other refused argument, with its full message.
    case invalid(String)

    public var description: String {
        switch self {
        case .diverged(let rate, let epoch):
            return "--learning-rate \(rate) makes gradient descent diverge (the training error grew a thousandfold "
                + "or overflowed at epoch \(epoch)); use a smaller rate (stable below about 1/((N_l − 1)·s_max))"
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
