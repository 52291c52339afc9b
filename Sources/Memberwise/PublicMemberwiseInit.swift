/// Gives a public struct the public memberwise initialiser Swift only synthesises as internal.
///
/// A public record used from other modules (an event payload, a plan, a count) otherwise carries a
/// hand-written `public init` that repeats every stored property twice. The initialiser takes the
/// stored properties in declaration order; a property's initial value becomes the parameter's
/// default, and an optional `var` without one defaults to `nil`, as the synthesised one does.
///
///     @PublicMemberwiseInit
///     public struct VoteCast: Codable, Sendable, Equatable {
///         public var participantID: String
///         public var statementID: String
///         public var vote: Vote
///     }
@attached(member, names: named(init))
public macro PublicMemberwiseInit() = #externalMacro(module: "MemberwiseMacros", type: "PublicMemberwiseInitMacro")
