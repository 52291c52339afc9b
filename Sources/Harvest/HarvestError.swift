import Memberwise

/// A problem with input data: which file, where in it, and what is allowed instead.
///
/// Every parser and analysis entry point throws this, so a command line or a web page
/// can show the message as is.
@PublicMemberwiseInit
public struct HarvestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or input) the problem is in, e.g. `votes.csv`.
    public var file: String
    /// 1-based line, when the problem is on a line.
    public var line: Int?
    /// The column or field involved, when there is one.
    public var column: String?
    /// What is wrong and what would be accepted.
    public var problem: String

    public var description: String {
        var place = file
        if let line { place += ", line \(line)" }
        if let column { place += ", column \(column)" }
        return "\(place): \(problem)"
    }
}
