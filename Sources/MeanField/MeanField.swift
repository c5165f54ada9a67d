// The library product: one import for the whole toolkit.
@_exported import ActivationTransforms
@_exported import Figures
@_exported import Formulas
@_exported import Learning
@_exported import MeanFieldTheory
@_exported import Model
@_exported import MonteCarlo
@_exported import Nonlinearities
@_exported import Numerical
@_exported import Reporting
@_exported import Sharding
@_exported import Spectrum
