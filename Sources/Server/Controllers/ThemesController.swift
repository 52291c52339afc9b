import CoCreateCore
import Conversations
import Foundation
import Harvest
import Hummingbird

/// The facilitator's themes: suggested from the contributions (Harvest's lexical clustering),
/// then renamed, merged and rearranged by hand. Every change is a `ThemeNamed` event, and the
/// facilitator's choice wins over the suggestion from then on.
struct ThemesController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/conversations/:id/themes", use: page)
        group.post("/conversations/:id/themes/rename", use: rename)
        group.post("/conversations/:id/themes/move", use: move)
        group.post("/conversations/:id/themes/merge", use: merge)
    }

    /// The themes as the report shows them: suggestions with the facilitator's edits applied.
    static func themes(_ state: ConversationState) -> [ThemeGroup] {
        let harvest = HarvestBridge.conversation(state)
        let suggested = Themes.suggest(harvest.contributions)
        return Themes.apply(harvest.themeEdits, to: suggested, contributions: harvest.contributions)
    }

    @Sendable func page(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        let themes = Self.themes(state)
        let rows: [[String: Any]] = themes.map { theme in
            [
                "themeID": theme.id, "label": theme.label, "chosen": theme.labelChosenByFacilitator, "terms": theme.topTerms.joined(separator: ", "),
                "items": theme.items.compactMap { state.contribution($0) }.map { ["itemID": $0.id, "text": $0.text] },
                "others": themes.filter { $0.id != theme.id }.map { ["otherID": $0.id, "otherLabel": $0.label] },
            ]
        }
        return services.pages.page("themes", ["title": state.design?.title ?? "", "conversationID": id, "themes": rows, "csrf": context.facilitator.csrfToken, "signedIn": true], request: request)
    }

    @Sendable func rename(request: Request, context: FacilitatorContext) async throws -> Response {
        let (id, fields, themes) = try await load(request, context)
        let theme = try find(fields["theme"], in: themes)
        return try await name(theme.id, label: fields["label"] ?? "", items: theme.items, in: id)
    }

    @Sendable func move(request: Request, context: FacilitatorContext) async throws -> Response {
        let (id, fields, themes) = try await load(request, context)
        guard let item = fields["item"], themes.contains(where: { $0.items.contains(item) }) else {
            throw RuleViolation(field: "item", message: "choose a contribution listed under a theme")
        }
        if fields["toTheme"] == "new" {
            let state = try await services.hub(id).current()
            let label = String((state.contribution(item)?.text ?? "New theme").prefix(40))
            return try await name("f" + services.effects.newID().uuidString.prefix(8).lowercased(), label: label, items: [item], in: id)
        }
        let target = try find(fields["toTheme"], in: themes)
        return try await name(target.id, label: target.label, items: target.items + [item], in: id)
    }

    @Sendable func merge(request: Request, context: FacilitatorContext) async throws -> Response {
        let (id, fields, themes) = try await load(request, context)
        let from = try find(fields["from"], in: themes)
        let into = try find(fields["into"], in: themes)
        guard from.id != into.id else { throw RuleViolation(field: "into", message: "choose a different theme to merge into") }
        return try await name(into.id, label: into.label, items: into.items + from.items, in: id)
    }

    // MARK: Helpers

    private func load(_ request: Request, _ context: FacilitatorContext) async throws -> (String, FormFields, [ThemeGroup]) {
        let id = try context.parameters.require("id")
        let fields = try await request.formFields(upTo: 65_536)
        return (id, fields, Self.themes(try await services.hub(id).current()))
    }

    private func find(_ themeID: String?, in themes: [ThemeGroup]) throws -> ThemeGroup {
        guard let theme = themes.first(where: { $0.id == themeID }) else {
            throw RuleViolation(field: "theme", message: "choose one of the themes on the page; the list may have changed, so reload it")
        }
        return theme
    }

    private func name(_ themeID: String, label: String, items: [String], in id: String) async throws -> Response {
        try await services.append([.themeNamed(ThemeNamed(themeID: themeID, label: label.trimmingCharacters(in: .whitespacesAndNewlines), contributionIDs: items))], to: id)
        return .redirect(to: "/conversations/\(id)/themes", type: .normal)
    }
}
