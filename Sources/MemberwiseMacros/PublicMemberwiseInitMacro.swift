import SwiftCompilerPlugin
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// Expands `@PublicMemberwiseInit` (declared in the `Memberwise` module).
public struct PublicMemberwiseInitMacro: MemberMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingMembersOf declaration: some DeclGroupSyntax,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard declaration.is(StructDeclSyntax.self) else {
            throw MemberwiseError(message: "@PublicMemberwiseInit gives structs an initialiser; use it on a struct")
        }
        var parameters: [String] = []
        var assignments: [String] = []
        for member in declaration.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self), !isStatic(variable) else { continue }
            let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
            for binding in variable.bindings where isStored(binding) {
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.trimmed.text else { continue }
                // A `let` with a value is fixed: the initialiser cannot set it.
                if isLet && binding.initializer != nil { continue }
                guard let type = binding.typeAnnotation?.type.trimmed else {
                    context.diagnose(Diagnostic(node: binding, message: MemberwiseError(
                        message: "give `\(name)` a type (`\(name): Type`) so @PublicMemberwiseInit can take it as a parameter")))
                    return []
                }
                var parameter = "\(name): \(isFunction(type) ? "@escaping " : "")\(type.description)"
                if let value = binding.initializer?.value.trimmed {
                    parameter += " = \(value.description)"
                } else if !isLet, type.is(OptionalTypeSyntax.self) {
                    parameter += " = nil"
                }
                parameters.append(parameter)
                assignments.append("self.\(name) = \(name)")
            }
        }
        let body = assignments.map { "    \($0)" }.joined(separator: "\n")
        return ["public init(\(raw: parameters.joined(separator: ", "))) {\n\(raw: body)\n}"]
    }

    private static func isStatic(_ variable: VariableDeclSyntax) -> Bool {
        variable.modifiers.contains { [.keyword(.static), .keyword(.class)].contains($0.name.tokenKind) }
    }

    /// Stored: no accessors, or only observers (`willSet`, `didSet`).
    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        switch binding.accessorBlock?.accessors {
        case nil: true
        case .getter: false
        case .accessors(let accessors)?:
            accessors.allSatisfy { [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind) }
        }
    }

    /// A closure property needs `@escaping` as a parameter.
    private static func isFunction(_ type: TypeSyntax) -> Bool {
        if type.is(FunctionTypeSyntax.self) { return true }
        if let attributed = type.as(AttributedTypeSyntax.self) { return isFunction(attributed.baseType) }
        return false
    }
}

struct MemberwiseError: Error, DiagnosticMessage, CustomStringConvertible {
    let message: String
    var diagnosticID: MessageID { MessageID(domain: "Memberwise", id: "PublicMemberwiseInit") }
    var severity: DiagnosticSeverity { .error }
    var description: String { message }
}

@main
struct MemberwisePlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [PublicMemberwiseInitMacro.self]
}
