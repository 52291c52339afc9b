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
        group.post("/conversations/:id/themes/rename", use: themePage(RenameTheme.self))
        group.post("/conversations/:id/themes/move", use: themePage(MoveToTheme.self))
        group.post("/conversations/:id/themes/merge", use: themePage(MergeThemes.self))
    }

    static func themes(_ state: ConversationState) -> [ThemeGroup] { HarvestBridge.themes(state) }

    /// A theme form: run its command, then back to the themes page.
    func themePage<Command: ConversationCommand>(_ command: Command.Type) -> @Sendable (Request, FacilitatorContext) async throws -> Response {
        { [services] request, context in
            let id = try context.parameters.require("id")
            do {
                _ = try await CommandRoutes.run(Command.self, request, context, id: id, services: services)
            } catch let violation as RuleViolation where !CommandRoutes.wantsJSON(request) {
                return ThemesController(services: services).render(
                    request, context, id: id, state: try await services.current(id),
                    CommandRoutes.formError(violation, section: "themes"), status: .unprocessableContent)
            }
            return .redirect(to: "/conversations/\(id)/themes", type: .normal)
        }
    }

    @Sendable func page(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return render(request, context, id: id, state: try await services.hub(id).current())
    }

    /// Where a contribution came from, for reading it in its context: "round 2 · table 3 · pupils".
    static func whereSaid(_ contribution: Contribution, in state: ConversationState) -> String {
        var parts: [String] = []
        if let round = contribution.round { parts.append("round \(round)") }
        if let table = contribution.table { parts.append("table \(table)") }
        if let group = contribution.authorID.flatMap(state.participant)?.group { parts.append(group) }
        if contribution.enteredBy != nil { parts.append("typed in from paper") }
        return parts.joined(separator: " · ")
    }

    /// The themes page; `notices` carry a refused form's message.
    func render(_ request: Request, _ context: FacilitatorContext, id: String, state: ConversationState,
                _ notices: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        let themes = Self.themes(state)
        let rows: [[String: Any]] = themes.map { theme in
            [
                "themeID": theme.id, "label": theme.label, "chosen": theme.labelChosenByFacilitator, "terms": theme.topTerms.joined(separator: ", "),
                "items": theme.items.compactMap { state.contribution($0) }.map { ["itemID": $0.id, "text": $0.text, "where": Self.whereSaid($0, in: state)] },
                "others": themes.filter { $0.id != theme.id }.map { ["otherID": $0.id, "otherLabel": $0.label] },
                "hasOthers": themes.count > 1, "count": theme.items.count,
            ]
        }
        var values: [String: Any] = ["title": state.design?.title ?? "", "conversationID": id, "themes": rows, "csrf": context.facilitator.csrfToken, "signedIn": true]
        values.merge(notices) { $1 }
        return services.pages.page("themes", values, request: request, status: status)
    }
}
