import CoCreateCore
import Foundation
import Harvest

extension HarvestBridge {
    /// The themes as the report shows them: suggestions with the facilitator's edits applied.
    public static func themes(_ state: ConversationState) -> [ThemeGroup] {
        let harvest = conversation(state)
        return Themes.apply(harvest.themeEdits, to: Themes.suggest(harvest.contributions), contributions: harvest.contributions)
    }
}

/// Gives a theme the facilitator's own name; from then on their choice wins over the suggestion.
public struct RenameTheme: ConversationCommand {
    public var theme: String
    public var label: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let found = try ThemeBoard(try await space.current(conversation)).theme(theme)
        return try await ThemeBoard.name(found.id, label: label, items: found.items, in: space, conversation, by: actor)
    }
}

/// Moves a contribution to another theme, or to a new theme of its own (`toTheme` = "new").
public struct MoveToTheme: ConversationCommand {
    public var item: String
    public var toTheme: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.current(conversation)
        let board = ThemeBoard(state)
        guard board.themes.contains(where: { $0.items.contains(item) }) else {
            throw RuleViolation(field: "item", message: "choose a contribution listed under a theme")
        }
        if toTheme == "new" {
            let label = String((state.contribution(item)?.text ?? "New theme").prefix(40))
            return try await ThemeBoard.name("f" + space.effects.newID().uuidString.prefix(8).lowercased(), label: label, items: [item], in: space, conversation, by: actor)
        }
        let target = try board.theme(toTheme)
        return try await ThemeBoard.name(target.id, label: target.label, items: target.items + [item], in: space, conversation, by: actor)
    }
}

/// Merges one theme into another, keeping the second's name.
public struct MergeThemes: ConversationCommand {
    public var from: String
    public var into: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let board = ThemeBoard(try await space.current(conversation))
        let source = try board.theme(from)
        let target = try board.theme(into)
        guard source.id != target.id else { throw RuleViolation(field: "into", message: "choose a different theme to merge into") }
        return try await ThemeBoard.name(target.id, label: target.label, items: target.items + source.items, in: space, conversation, by: actor)
    }
}

/// The themes of a conversation as its commands see them.
struct ThemeBoard {
    var themes: [ThemeGroup]

    init(_ state: ConversationState) { themes = HarvestBridge.themes(state) }

    func theme(_ id: String?) throws -> ThemeGroup {
        guard let theme = themes.first(where: { $0.id == id }) else {
            throw RuleViolation(field: "theme", message: "choose one of the themes on the page; the list may have changed, so reload it")
        }
        return theme
    }

    static func name(_ themeID: String, label: String, items: [String], in space: any ConversationSpace, _ conversation: String, by actor: Actor) async throws -> ConversationState {
        try await space.append([.themeNamed(ThemeNamed(themeID: themeID, label: label.trimmingCharacters(in: .whitespacesAndNewlines), contributionIDs: items))],
                               to: conversation, ids: nil, by: actor)
    }
}
