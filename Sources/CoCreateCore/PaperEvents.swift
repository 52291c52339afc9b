import Foundation

/// Votes counted on paper: ballots collected at the tables, or a show of hands. Everything has a
/// paper form, so a room without phones still gets its results, counted with the phones' votes.
public struct PaperTallyRecorded: Codable, Sendable, Equatable {
    public enum Method: String, Codable, Sendable, CaseIterable {
        case ballots = "paper-ballots"
        case hands = "show-of-hands"
    }

    public var statementID: String
    /// The declared group the count is for (pupils, parents...), when counted by group.
    public var group: String?
    public var method: Method
    public var agree: Int
    public var disagree: Int
    public var pass: Int

    public init(statementID: String, group: String?, method: Method, agree: Int, disagree: Int, pass: Int) {
        self.statementID = statementID
        self.group = group
        self.method = method
        self.agree = agree
        self.disagree = disagree
        self.pass = pass
    }

    /// A later count for the same statement, group and method replaces the earlier one (a correction).
    public var key: String { [statementID, group ?? "", method.rawValue].joined(separator: "\u{1F}") }
}
