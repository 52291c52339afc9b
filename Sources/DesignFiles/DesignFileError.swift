import CoCreateCore
import Memberwise

/// One problem in a design file, located to the line and column and the field.
@PublicMemberwiseInit
public struct DesignFileIssue: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// The field path, e.g. `phases[2].minutes`.
    public var field: String
    public var message: String
    public var allowed: String?

    public var description: String {
        let base = "line \(line), column \(column), \(field): \(message)"
        return allowed.map { "\(base) (allowed: \($0))" } ?? base
    }
}

/// A design file that cannot be used, with every problem found in it.
public struct DesignFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var issues: [DesignFileIssue]

    public var description: String {
        issues.map { "\(file):\($0.line):\($0.column): error: \($0.field): \($0.message)" + ($0.allowed.map { " (allowed: \($0))" } ?? "") }
            .joined(separator: "\n")
    }
}
