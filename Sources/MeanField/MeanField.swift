// The library product: one import for the whole toolkit.
@_exported import Figures
@_exported import MeanFieldTheory
@_exported import MonteCarlo
@_exported import Nonlinearities
@_exported import Numerics
@_exported import Reporting
