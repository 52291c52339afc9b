import CoCreateCore
import Conversations
import Foundation
import Hummingbird

/// "Who did what": a conversation's log in words, with who did each thing. A read, so observers see
/// it too; `ConversationAccessMiddleware` answers 404 to accounts without a role.
struct AuditController {
    let services: AppServices
    /// A page a browser still renders at once; a longer log's older events are in the export.
    static let shownAtMost = 2_000

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/conversations/:id/audit", use: audit)
    }

    @Sendable func audit(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let recorded = try await services.store.readAll(id)
        guard !recorded.isEmpty else { throw NotFound(what: "conversation") }
        let state = try await services.latestState(id)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let entries = try ConversationAudit.entries(recorded, state: state).reversed().prefix(Self.shownAtMost).map { entry -> [String: Any] in
            let (kind, name, label) = Self.describe(entry.who)
            return ["sequence": entry.sequence, "type": entry.type, "what": entry.what,
                    "time": formatter.string(from: Date(timeIntervalSince1970: Double(entry.at) / 1000)),
                    "whoKind": kind, "whoName": name, "whoLabel": label]
        }
        return services.pages.page("audit", [
            "conversationID": id, "title": state.displayName, "entries": entries,
            "truncated": recorded.count > entries.count ? ["shown": entries.count, "total": recorded.count] as Any : false,
            "signedIn": true, "csrf": context.facilitator.csrfToken,
        ], request: request)
    }

    /// The kind (for tests and styling), the name, and what kind of actor it was in words.
    static func describe(_ who: AuditEntry.Who) -> (kind: String, name: String, label: String) {
        switch who {
        case .account(let username): ("account", username, "account")
        case .participant(let name): ("participant", name, "phone")
        case .followUpLink(let commitment): ("followUpLink", commitment, "follow-up link")
        case .unrecorded: ("unrecorded", "", "not recorded")
        }
    }
}
