import CoCreateCore
import Conversations
import Foundation
import Hummingbird

/// The handlers every action shares: decode the command from the body (form, upload or JSON, by
/// content type), run it as whoever is asking, and answer in the front end's form. An action is a
/// command in `Conversations`; a route is one line that names it.
struct CommandRoutes {
    let services: AppServices

    /// A console form: back to the console at `anchor` for a plain form, `{"view": console}` for its script.
    func console<Command: ConversationCommand>(_ command: Command.Type, anchor: String) -> @Sendable (Request, FacilitatorContext) async throws -> Response {
        { [services] request, context in
            let id = try context.parameters.require("id")
            do {
                let state = try await Self.run(Command.self, request, context, id: id, services: services)
                return try Self.consoleAnswer(request, context, state: state, redirect: "/conversations/\(id)#\(anchor)", services: services)
            } catch let violation as RuleViolation where !Self.wantsJSON(request) {
                // A page without its script: the console again, the message in the form's section.
                let values = Self.formError(violation, section: anchor)
                return ConsoleController(services: services)
                    .renderConsole(request, context, state: try await services.current(id), values, status: .unprocessableContent)
            }
        }
    }

    /// The message next to the form's section (`formError.SECTION`) and, as pages for people
    /// without scripts do, a summary at the top that links to it.
    static func formError(_ violation: RuleViolation, section anchor: String) -> [String: Any] {
        let readable = ReadableViolation(violation)
        let section = anchor.hasSuffix("-h") ? String(anchor.dropLast(2)) : (anchor.isEmpty ? "contribute" : anchor)
        return ["formError": [section: readable.sentence], "errorSummary": ["section": section, "message": readable.sentence]]
    }

    /// Hides or shows a contribution again: its id is in the path, so the body carries at most a reason.
    static func contributionShown(_ shown: Bool, _ request: Request, _ context: FacilitatorContext, services: AppServices) async throws -> ConversationState {
        struct Reason: Decodable { var reason: String? }
        let id = try context.parameters.require("id")
        let contribution = try context.parameters.require("contribution")
        let actor = Actor.facilitator(context.facilitator.username)
        if shown { return try await ShowContribution(contributionID: contribution).run(in: services, conversation: id, by: actor) }
        let reason = try await request.decode(as: Reason.self, context: context).reason
        return try await HideContribution(contributionID: contribution, reason: reason).run(in: services, conversation: id, by: actor)
    }

    /// A page's script asks for JSON; a plain form gets HTML back.
    static func wantsJSON(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("application/json") == true
    }

    /// The same action in the JSON API: the console view.
    func api<Command: ConversationCommand>(_ command: Command.Type, status: HTTPResponse.Status = .ok) -> @Sendable (Request, FacilitatorContext) async throws -> Response {
        { [services] request, context in
            let state = try await Self.run(Command.self, request, context, id: try context.parameters.require("id"), services: services)
            return try EditedResponse(status: status, response: ConsoleView(state: state, now: services.effects.now())).response(from: request, context: context)
        }
    }

    /// A phone's form: back to the phone page at `anchor`, or the phone's view for its script.
    func phone<Command: ConversationCommand>(_ command: Command.Type, anchor: String = "") -> @Sendable (Request, AppRequestContext) async throws -> Response {
        { [services] request, context in
            let participant = try await ParticipantTokens(services: services).me(request, context)
            let input = try await request.decode(as: Command.self, context: context)
            let state: ConversationState
            do {
                state = try await input.run(in: services, conversation: participant.conversationID, by: .participant(participant.participantID))
            } catch let violation as RuleViolation where !Self.wantsJSON(request) {
                return ParticipantController(services: services).phonePage(
                    participant, state: try await services.current(participant.conversationID), request: request,
                    Self.formError(violation, section: anchor), status: .unprocessableContent)
            }
            if Self.wantsJSON(request) {
                return try ["view": ParticipantView(state: state, participantID: participant.participantID, now: services.effects.now())].response(from: request, context: context)
            }
            return .redirect(to: "/c/\(participant.code)/me\(anchor.isEmpty ? "" : "#" + anchor)", type: .normal)
        }
    }

    /// The same action in the participants' JSON API (a bearer token): the phone's view, 201.
    func participantAPI<Command: ConversationCommand>(_ command: Command.Type, status: HTTPResponse.Status = .created) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        { [services] request, context in
            let participant = try await ParticipantTokens(services: services).me(request, context)
            let input = try await request.decode(as: Command.self, context: context)
            let state = try await input.run(in: services, conversation: participant.conversationID, by: .participant(participant.participantID))
            return try EditedResponse(status: status, response: ParticipantView(state: state, participantID: participant.participantID, now: services.effects.now())).response(from: request, context: context)
        }
    }

    static func run<Command: ConversationCommand>(
        _ command: Command.Type, _ request: Request, _ context: FacilitatorContext, id: String, services: AppServices
    ) async throws -> ConversationState {
        let input = try await request.decode(as: Command.self, context: context)
        return try await input.run(in: services, conversation: id, by: .facilitator(context.facilitator.username))
    }

    /// JSON with the fresh console view for scripts; a redirect back for plain forms.
    static func consoleAnswer(_ request: Request, _ context: some RequestContext, state: ConversationState, redirect: String, services: AppServices) throws -> Response {
        if wantsJSON(request) {
            return try ["view": ConsoleView(state: state, now: services.effects.now())].response(from: request, context: context)
        }
        return .redirect(to: redirect, type: .normal)
    }
}
