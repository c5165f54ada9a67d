import CGSL

/// A GSL failure, with GSL's own text (`gsl_strerror`).
public struct GSLError: ReportableError {
    public let status: Int32
    public let context: String
    public var description: String {
        "\(context): \(String(cString: gsl_strerror(status)))"
    }
}

/// The one process-wide GSL switch: GSL's default error handler aborts the process,
/// so it is turned off once, before the first GSL call, and every status is checked.
public enum GSL {
    public static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

    public static func check(_ status: Int32, _ context: @autoclosure () -> String) throws {
        if status != GSL_SUCCESS { throw GSLError(status: status, context: context()) }
    }
}
