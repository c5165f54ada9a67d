extension Quantity {
    /// The whole catalogue; keys are unique (checked by the tests).
    public static let all: [Quantity] = network + theory + simulation + spectrum + learning + fluctuations
        + transform + architectures + architectureFigures
}
