import MemberwiseMacros
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// The expansions the records of every module rely on: declaration order, defaults taken from
/// initial values, `nil` for optional `var`s, fixed `let`s left out, computed and static
/// properties skipped, closures escaping.
@Suite struct PublicMemberwiseInitTests {
    let macros: [String: MacroSpec] = ["PublicMemberwiseInit": MacroSpec(type: PublicMemberwiseInitMacro.self)]

    func expect(_ source: String, becomes expanded: String, diagnostics: [DiagnosticSpec] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        assertMacroExpansion(source, expandedSource: expanded, diagnostics: diagnostics, macroSpecs: macros) { failure in
            Issue.record(Comment(rawValue: failure.message), sourceLocation: sourceLocation)
        }
    }

    @Test func takesStoredPropertiesInOrderWithTheirDefaults() {
        expect(
            """
            @PublicMemberwiseInit
            public struct CommitmentMade {
                public var commitmentID: String
                public var ownerIDs: [String] = []
                public var due: String?
                public let kind: String = "action"
                public let madeBy: String?
                public static let empty = 0
                public var isLate: Bool { due != nil }
                public var onChange: @Sendable (Int) -> Void
            }
            """,
            becomes: """
            public struct CommitmentMade {
                public var commitmentID: String
                public var ownerIDs: [String] = []
                public var due: String?
                public let kind: String = "action"
                public let madeBy: String?
                public static let empty = 0
                public var isLate: Bool { due != nil }
                public var onChange: @Sendable (Int) -> Void

                public init(commitmentID: String, ownerIDs: [String] = [], due: String? = nil, madeBy: String?, onChange: @escaping @Sendable (Int) -> Void) {
                    self.commitmentID = commitmentID
                    self.ownerIDs = ownerIDs
                    self.due = due
                    self.madeBy = madeBy
                    self.onChange = onChange
                }
            }
            """)
    }

    @Test func keepsObservedPropertiesAsStored() {
        expect(
            """
            @PublicMemberwiseInit
            public struct Counter {
                public var count: Int = 0 { didSet { print(count) } }
            }
            """,
            becomes: """
            public struct Counter {
                public var count: Int = 0 { didSet { print(count) } }

                public init(count: Int = 0) {
                    self.count = count
                }
            }
            """)
    }

    @Test func asksForATypeItCannotInfer() {
        expect(
            """
            @PublicMemberwiseInit
            public struct Guess {
                public var count = 0
            }
            """,
            becomes: """
            public struct Guess {
                public var count = 0
            }
            """,
            diagnostics: [DiagnosticSpec(message: "give `count` a type (`count: Type`) so @PublicMemberwiseInit can take it as a parameter", line: 3, column: 16)])
    }

    @Test func refusesAnythingButAStruct() {
        expect(
            """
            @PublicMemberwiseInit
            public enum Kind {
                case one
            }
            """,
            becomes: """
            public enum Kind {
                case one
            }
            """,
            diagnostics: [DiagnosticSpec(message: "@PublicMemberwiseInit gives structs an initialiser; use it on a struct", line: 1, column: 1)])
    }
}
